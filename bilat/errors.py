"""Errors bilat reports to its users.

    BilatError                 anything bilat reports without a traceback
    ├── InputError             one input file or line cannot be read (path, line, what to do)
    ├── StoreError             the store cannot be opened, is newer than this bilat, ...
    └── UsageError             bad options or arguments

Messages are written for the person at the terminal: what is wrong, where, and what to do.
The message texts live in :class:`Messages` so they can be reviewed (and tested) in one place.
"""
from __future__ import annotations


class Messages:
    E001 = "not found; check the path"
    E002 = "empty file; nothing to ingest"
    E003 = "binary file{what}; bilat reads plain text, HTML or JSON Lines"
    E004 = ("cannot decode the bytes as UTF-8 and no other encoding fits; convert the file to UTF-8 "
            "(e.g. iconv -f LATIN1 -t UTF-8)")
    E005 = "{size:.1f} MB is over the {limit:.1f} MB limit for one document; split the file or raise --max-bytes"
    E006 = "not valid JSON ({detail}); fix or remove this line"
    E007 = "a JSON Lines document needs a non-empty 'text' or 'html' field"
    E008 = "a JSON Lines line must be an object, not {type}"
    E009 = "no main text found in the HTML"
    E010 = "manifest entry needs a 'path'"
    E011 = "the document is empty after cleaning (only boilerplate)"
    E012 = "unsupported file type '{suffix}' inside a folder; skipped"
    E020 = ("the store {db} has schema version {found}, newer than this bilat understands ({known}); "
            "upgrade bilat")
    E021 = "cannot open the store {db}: {detail}"
    E022 = "the store {db} does not exist; run `bilat ingest --db {db} PATH` first"
    E030 = "unknown dyad '{dyad}'; write two ISO 3166 alpha-3 codes joined by '-', e.g. CHN-RUS"
    W001 = "the published date '{value}' could not be read; left empty"


class BilatError(Exception):
    """An error bilat reports to the user as one line, without a traceback."""


class InputError(BilatError):
    """One input (a file, or a line of a JSON Lines file) that bilat cannot read."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path, self.message, self.line = str(path), message, line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class StoreError(BilatError):
    """The store cannot be used as asked."""


class UsageError(BilatError):
    """Bad options or arguments."""
