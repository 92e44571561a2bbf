"""The app's access to the store: a small pool of SQLite connections for its worker threads.

Widgets never call this; the app's workers do, and post the results as messages. A
connection is used by one worker at a time; returning it to the pool keeps its page
cache warm for the next query, and saves opening the file for every keystroke.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils.db import Database

from dateline.store.schema import open_store


class StoreReader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._idle: list[Database] = []
        self._lock = threading.Lock()

    @contextmanager
    def connection(self) -> Iterator[Database]:
        """A connection for the calling worker, back in the pool when the block ends."""
        with self._lock:
            db = self._idle.pop() if self._idle else None
        if db is None:
            db = open_store(self.path, create=False)
        try:
            yield db
        finally:
            with self._lock:
                self._idle.append(db)
