"""``annotator self-test`` and the packaged app's launcher, run from the checkout (fast)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from annotator.io.formats import EXPORTERS
from annotator.store.project import Project

ROOT = Path(__file__).resolve().parents[1]
LAUNCHER = ROOT / "packaging" / "launcher.py"
STEPS = ("resources", "create project", "import samples", "label a claim", "re-import jsonl")


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a Python command line in a fresh process, offscreen unless ``env`` says otherwise."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=environment, timeout=300
    )


def step_lines(output: str) -> dict[str, str]:
    """``{step: status}`` from the self test's ``ok    step: detail`` lines."""
    lines = {}
    for line in output.splitlines():
        status, _, rest = line.partition(" ")
        if status in ("ok", "skip", "FAIL"):
            lines[rest.strip().partition(":")[0]] = status
    return lines


def test_self_test_passes_every_step(tmp_path: Path) -> None:
    screenshot = tmp_path / "window.png"
    result = run("-m", "annotator.cli", "self-test", "--screenshot", str(screenshot))
    assert result.returncode == 0, result.stdout + result.stderr
    steps = step_lines(result.stdout)
    for step in (*STEPS, "main window"):
        assert steps.get(step) == "ok", result.stdout
    # Every registered format is exported (or skipped with a reason), none forgotten.
    for fmt in EXPORTERS:
        assert steps.get(f"export {fmt}") in ("ok", "skip"), result.stdout
    assert result.stdout.splitlines()[-1].startswith("self-test passed")
    assert screenshot.read_bytes().startswith(b"\x89PNG")
    assert "Traceback" not in result.stderr


def test_self_test_names_a_missing_qt_platform_and_fails() -> None:
    result = run("-m", "annotator.cli", "self-test", QT_QPA_PLATFORM="nosuchplatform")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-2].startswith("FAIL  main window: the Qt platform plugin 'nosuchplatform'")
    assert lines[-1] == "self-test failed at step 'main window'"
    assert step_lines(result.stdout)["re-import jsonl"] == "ok"  # the steps before ran
    assert "Traceback" not in result.stdout + result.stderr


def test_launcher_runs_cli_commands(tmp_path: Path) -> None:
    project = tmp_path / "p.claims"
    Project.create(project).close()
    result = run(str(LAUNCHER), "stats", str(project))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("articles: 0")
    helped = run(str(LAUNCHER), "--help")
    assert helped.returncode == 0
    assert "self-test" in helped.stdout


def test_launcher_self_test_option_reaches_the_self_test() -> None:
    result = run(str(LAUNCHER), "--self-test", "--help")
    assert result.returncode == 0, result.stderr
    assert "Check this installation" in result.stdout


def test_launcher_reports_a_bad_command_without_a_traceback(tmp_path: Path) -> None:
    result = run(str(LAUNCHER), "stats", str(tmp_path / "missing.claims"))
    assert result.returncode == 1
    assert "missing.claims" in result.stderr
    assert "Traceback" not in result.stderr


def test_without_a_console_the_self_test_writes_to_the_log_folder(tmp_path: Path) -> None:
    # A windowed build (Windows, macOS) starts with sys.stdout and sys.stderr None.
    code = (
        "import runpy, sys; sys.stdout = sys.stderr = None;"
        f" sys.argv = [{str(LAUNCHER)!r}, '--self-test'];"
        f" runpy.run_path({str(LAUNCHER)!r}, run_name='__main__')"
    )
    state = tmp_path / "state"
    result = run("-c", code, XDG_STATE_HOME=str(state))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    written = (state / "claim-annotator" / "log" / "last-command.txt").read_text("utf-8")
    assert written.splitlines()[-1].startswith("self-test passed")
