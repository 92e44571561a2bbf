"""The app's access to the store: one SQLite connection per worker thread.

Widgets never call this; the app's workers do, and post the results as messages.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sqlite_utils.db import Database

from store.schema import open_store


class StoreReader:
    """Opens the store lazily, once per thread (a sqlite_utils Database is bound to its thread)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    @property
    def db(self) -> Database:
        db = getattr(self._local, "db", None)
        if db is None:
            db = open_store(self.path, create=False)
            self._local.db = db
        return db
