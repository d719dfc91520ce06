"""The benchmark's quick mode: tiny inputs, so it runs in every `make test`.

It checks that every row of ``python -m benchmarks`` still runs and that
infolib and SciPy agree to 1e-10 relative on it. Never a time: the machine is
shared and noisy, and the timings live in the README's Performance section.
"""

import pytest

from benchmarks import bench


@pytest.fixture(scope="module")
def rows():
    return bench.run(quick=True)


def test_every_case_runs(rows):
    assert [r.case for r in rows] == [c.name for c in bench.CASES]
    assert len(rows) >= 6


def test_infolib_agrees_with_scipy_on_every_row(rows):
    for row in rows:
        assert row.rel_error <= bench.RTOL, (row.case, row.peer, row.rel_error)


def test_the_table_has_one_line_per_row(rows):
    lines = bench.table(rows).splitlines()
    assert len(lines) == 2 + len(rows)
    assert lines[0].startswith("| infolib call | peer | infolib s | peer s | ratio")


def test_a_wrong_answer_is_caught(rows):
    assert bench.relative_error([1.0, 2.0], [1.0, 2.0 + 1e-9]) > bench.RTOL
    assert bench.relative_error([0.0], [0.0]) == 0.0
    assert bench.relative_error([1.0], [1.0, 1.0]) == float("inf")


def test_command_line_quick_mode(capsys):
    assert bench.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "Every row agrees with SciPy to 1e-10 relative." in out
    assert out.count("\n| `") == len(bench.CASES)


def test_the_notebook_timer_imports():
    from benchmarks import notebooks

    assert notebooks.BUDGET_S == 20.0
    assert callable(notebooks.execute_seconds)
