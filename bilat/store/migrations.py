"""Versioned schema changes.

``MIGRATIONS[n]`` brings a store from schema version ``n - 1`` to ``n``; ``Store.open`` runs
the missing steps in order inside one transaction and records the new version. A store newer
than this bilat is refused rather than guessed at. Version 1 is the first schema, created
whole by ``metadata.create_all``, so there is no step yet.
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy.engine import Connection

MIGRATIONS: dict[int, Callable[[Connection], None]] = {}


def migrate(conn: Connection, found: int, target: int) -> None:
    for version in range(found + 1, target + 1):
        step = MIGRATIONS.get(version)
        if step is None:
            raise RuntimeError(f"no migration step to schema version {version}")
        step(conn)
