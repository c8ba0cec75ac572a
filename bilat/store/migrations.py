"""Versioned schema changes.

``MIGRATIONS[n]`` brings a store from schema version ``n - 1`` to ``n``; ``Store.open`` runs
the missing steps in order inside one transaction and records the new version. A store newer
than this bilat is refused rather than guessed at. Version 1 is the first schema, created
whole by ``metadata.create_all``.
"""
from __future__ import annotations

from typing import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import schema as S


def _document_seq(conn: Connection) -> None:
    """Version 2: ``documents.seq``, the ingest order that breaks ties between documents of one date.
    Stores of the first version written before the column existed lack it; later ones have it."""
    if "seq" not in {c["name"] for c in sa.inspect(conn).get_columns("documents")}:
        conn.execute(sa.text("ALTER TABLE documents ADD COLUMN seq INTEGER"))
    # SQL, not sa.Index(...): an Index built on the schema's table would join that table's indexes
    conn.execute(sa.text("CREATE INDEX IF NOT EXISTS ix_documents_seq ON documents (seq)"))
    missing = conn.execute(sa.select(S.documents.c.id).where(S.documents.c.seq.is_(None))
                           .order_by(S.documents.c.ingested_at, S.documents.c.id)).scalars().all()
    start = conn.execute(sa.select(sa.func.max(S.documents.c.seq))).scalar() or 0
    for n, doc_id in enumerate(missing, start + 1):
        conn.execute(S.documents.update().where(S.documents.c.id == doc_id).values(seq=n))


MIGRATIONS: dict[int, Callable[[Connection], None]] = {2: _document_seq}


def migrate(conn: Connection, found: int, target: int) -> None:
    for version in range(found + 1, target + 1):
        step = MIGRATIONS.get(version)
        if step is None:
            raise RuntimeError(f"no migration step to schema version {version}")
        step(conn)
