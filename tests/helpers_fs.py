"""Making files and folders that cannot be written, for real, whoever runs the tests.

An ordinary user gets there with chmod; root ignores permission bits, so as root the file or
folder is also made immutable (chattr +i, which root obeys). Where neither works (a filesystem
without attributes) the test is skipped with the reason, not passed."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _writable(path: Path) -> bool:
    if path.is_dir():
        probe = path / ".probe"
        try:
            probe.write_text("x")
        except OSError:
            return False
        probe.unlink()
        return True
    try:
        with path.open("r+b"):
            return True
    except OSError:
        return False


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[Path]:
    mode = path.stat().st_mode
    path.chmod(mode & ~0o222)
    immutable = False
    try:
        if _writable(path) and os.geteuid() == 0 and shutil.which("chattr"):
            immutable = subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
        if _writable(path):
            pytest.skip(f"cannot make {path} read-only here")
        yield path
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(mode)
