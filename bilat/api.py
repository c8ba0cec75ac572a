"""The Python API for notebooks and scripts.

    >>> import bilat
    >>> store = bilat.open("bilat.db")
    >>> store.ingest(["examples/china-russia-2023"])
    >>> store.figures(dyad="CHN-RUS")                 # a list of dicts (the export records)
    >>> store.figures(dyad="CHN-RUS", as_frame=True)  # a pandas DataFrame

Each reader takes the same filters as the web API: ``dyad`` ("CHN-RUS"), ``doc`` (a
document id), ``period`` ((start, end) dates, either may be None), ``limit``/``offset``.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from .pipeline import IngestReport
from .settings import Options
from .store import Store


class Bilat:
    """A store with the reading and ingesting verbs of the command line."""

    def __init__(self, db: str = "bilat.db", create: bool = True, readonly: bool = False):
        self.db = db
        self.store = Store.open(db, create=create, readonly=readonly)

    def ingest(self, paths: list[str] | str, manifest: str | None = None, force: bool = False,
               **settings: Any) -> IngestReport:
        from .pipeline import ingest

        paths = [paths] if isinstance(paths, str) else list(paths)
        return ingest(self.store, paths, manifest=manifest, opts=Options.from_env(db=self.db, **settings),
                      force=force)

    def _read(self, kind: str, as_frame: bool, **filters: Any):
        rows = self.store.items(kind, **filters)
        if not as_frame:
            return rows
        import pandas as pd

        return pd.DataFrame(rows)

    def documents(self, dyad: str | None = None, as_frame: bool = False, limit: int | None = None,
                  offset: int = 0):
        return self._read("document", as_frame, dyad=dyad, limit=limit, offset=offset)

    def document(self, doc_id: str) -> dict | None:
        """One document with its cleaned and raw text."""
        return self.store.document(doc_id, with_text=True)

    def events(self, dyad: str | None = None, doc: str | None = None,
               period: tuple[dt.date | None, dt.date | None] | None = None, as_frame: bool = False, **kw: Any):
        return self._read("event", as_frame, dyad=dyad, doc=doc, period=period, **kw)

    def figures(self, dyad: str | None = None, doc: str | None = None,
                period: tuple[dt.date | None, dt.date | None] | None = None, as_frame: bool = False, **kw: Any):
        return self._read("figure", as_frame, dyad=dyad, doc=doc, period=period, **kw)

    def commitments(self, dyad: str | None = None, doc: str | None = None,
                    period: tuple[dt.date | None, dt.date | None] | None = None, as_frame: bool = False,
                    **kw: Any):
        return self._read("commitment", as_frame, dyad=dyad, doc=doc, period=period, **kw)

    def claims(self, dyad: str | None = None, as_frame: bool = False, **kw: Any):
        return self._read("claim", as_frame, dyad=dyad, **kw)

    def reuse(self, doc: str | None = None, as_frame: bool = False, **kw: Any):
        return self._read("reuse", as_frame, doc=doc, **kw)

    def counts(self) -> dict[str, int]:
        return self.store.counts()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Bilat:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<bilat store {self.db}: {self.counts()}>"


def open(db: str = "bilat.db", create: bool = True, readonly: bool = False) -> Bilat:  # noqa: A001
    """Open (or create) a store: a SQLite path or a PostgreSQL URL."""
    return Bilat(db, create=create, readonly=readonly)
