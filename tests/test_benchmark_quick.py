"""The benchmark's quick mode: tiny inputs, so it runs in every `make test`.

It checks that every row of ``python -m benchmarks`` still runs, that infolib
and SciPy agree to 1e-10 relative on it, and that neither side modifies its
inputs (the benchmark times both again on the same data). Never a time: the
machine is shared and noisy, and the timings live in benchmarks/README.md.
Needs SciPy (the peer), unlike infolib's unit tests.
"""

import copy

import numpy as np
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
    assert bench.relative_error([np.inf, 0.5], [np.inf, 0.5]) == 0.0
    assert bench.relative_error([np.inf], [1e300]) == float("inf")
    assert not bench.relative_error([np.nan], [np.nan]) <= bench.RTOL


def test_command_line_quick_mode(rows, capsys, monkeypatch):
    calls = []
    monkeypatch.setattr(bench, "run", lambda **kw: calls.append(kw) or rows)  # no second run
    assert bench.main(["--quick"]) == 0
    assert calls == [{"quick": True, "repeat": None}]
    out = capsys.readouterr().out
    assert "Every row agrees with SciPy to 1e-10 relative." in out
    assert out.count("\n| `") == len(bench.CASES)


def test_command_line_reports_a_disagreement(rows, capsys, monkeypatch):
    wrong = [bench.Row(**{**vars(rows[0]), "rel_error": 1e-6})] + rows[1:]
    monkeypatch.setattr(bench, "run", lambda **kw: wrong)
    assert bench.main(["--quick"]) == 1
    assert "DISAGREEMENT beyond 1e-10 relative" in capsys.readouterr().out


def test_the_notebook_timer_imports():
    from benchmarks import notebooks

    assert notebooks.BUDGET_S == 20.0
    assert callable(notebooks.execute_seconds)


@pytest.mark.parametrize(
    ("case", "side"),
    [
        pytest.param(case, side, id=f"row{i}-{side}")
        for i, case in enumerate(bench.CASES, start=1)
        for side in ("ours", "peer")
    ],
)
def test_neither_side_modifies_its_inputs(case, side):
    args = case.make(np.random.default_rng(bench.SEED), True)
    before = copy.deepcopy(args)
    getattr(case, side)(*args)
    for after, original in zip(args, before, strict=True):
        assert type(after) is type(original)
        np.testing.assert_array_equal(after, original, strict=True)
