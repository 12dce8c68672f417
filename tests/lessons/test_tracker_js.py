"""Runs the lesson tracker's JavaScript specification (``tests/js/``) under Node.

The tracker decides which seconds count as study before the server ever sees
them, so its tests belong in the suite CI runs, not only in a separate step.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
JS_TESTS = REPO_ROOT / "tests" / "js"


def test_lesson_tracker_javascript_specification_passes():
    node = shutil.which("node")
    if node is None:
        message = "Node.js is needed to run tests/js/ (node --test); install Node 20 or newer."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Fixed arguments and a path inside the repository: nothing untrusted runs.
    result = subprocess.run(  # noqa: S603
        [node, "--test", str(JS_TESTS)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, (
        f"node --test tests/js/ failed (exit {result.returncode}):\n"
        f"{result.stdout}\n{result.stderr}"
    )
