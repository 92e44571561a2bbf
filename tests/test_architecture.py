"""The house rules that keep the layers apart: checked on every run, not by memory."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_extract_and_store_never_import_the_ui() -> None:
    """import-linter contracts in pyproject.toml: extract and store stay headless, extract stays pure."""
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint_imports is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    result = subprocess.run([lint_imports], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


SQL = re.compile(r"\bselect\b.*\bfrom\b|\binsert\s+into\b|\bdelete\s+from\b|\bupdate\s+\w+\s+set\b", re.IGNORECASE)


def test_no_sql_in_the_ui() -> None:
    for path in (ROOT / "tui").glob("*.py"):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            assert not SQL.search(line), f"{path.name}:{number} has SQL: queries belong in store/"
