"""Present: the JSON Lines export (docs/EXPORT.md) — documents first, then each kind of item."""
from __future__ import annotations

import json
from typing import IO

from .store import Store

ITEM_KINDS = ("event", "figure", "commitment", "claim", "reuse")


def records(store: Store, kinds: tuple[str, ...] = ("document", *ITEM_KINDS), dyad: str | None = None):
    """Every record of the store as export dicts, in a stable order."""
    for kind in kinds:
        yield from store.items(kind, dyad=dyad)


def write(store: Store, out: IO[str], kinds: tuple[str, ...] = ("document", *ITEM_KINDS),
          dyad: str | None = None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for rec in records(store, kinds, dyad):
        out.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        counts[rec["kind"]] = counts.get(rec["kind"], 0) + 1
    return counts
