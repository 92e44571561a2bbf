"""The errors Dateline explains to its user in one line, importable without the rest of the store
(so the command line catches them without loading SQLite or the extractors first)."""

from __future__ import annotations


class DatelineError(Exception):
    """An error whose message is the whole story for the user; `exit_code` is the command's status."""

    exit_code = 2
