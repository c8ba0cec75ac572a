"""Full-text search over documents and the evidence of their items.

On SQLite (the default backend) an FTS5 index is kept beside the store's tables. It is
*derived* data: built at ingest by :func:`index_documents` (the link step calls it for the
documents it added or replaced) and rebuilt whole with ``index_documents(store)``. It lives
outside the versioned schema because it can always be rebuilt from the documents and items.

The dashboard opens the store read-only, so it can never build the index itself. When the
index is missing, or holds fewer documents or items than the store (a store written by an
older bilat, or a write that skipped indexing), :func:`search` falls back to ``LIKE`` matching,
which is slower but always right; PostgreSQL stores always use that fallback.

Snippets come back as plain text plus ``highlights`` (offsets into the snippet), never as
markup, so whoever shows them escapes the text and marks the matches itself.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import Store
from . import schema as S

ROWS = "bilat_search_rows"  # rowid -> (doc, kind, item): what each FTS row stands for
FTS = "bilat_search"  # FTS5: title, body; rowid shared with ROWS
KINDS = ("document", "event", "figure", "commitment")
_START, _END = "\x02", "\x03"  # match markers inside FTS5 snippets; never present in cleaned text
_SNIPPET_CHARS = 160


@dataclass
class Results:
    """One page of search hits, and which engine found them ("fts5" or "like")."""

    hits: list[dict] = field(default_factory=list)
    engine: str = "like"


def _is_sqlite(store: Store) -> bool:
    return store.engine.dialect.name == "sqlite"


def _has_index(conn: Connection) -> bool:
    found = conn.execute(sa.text("SELECT count(*) FROM sqlite_master WHERE name IN (:a, :b)"),
                         {"a": ROWS, "b": FTS}).scalar()
    return found == 2


def _create(conn: Connection) -> None:
    conn.execute(sa.text(f"CREATE TABLE IF NOT EXISTS {ROWS} (rowid INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, "
                         "kind TEXT NOT NULL, item_id TEXT NOT NULL)"))
    conn.execute(sa.text(f"CREATE INDEX IF NOT EXISTS {ROWS}_doc ON {ROWS} (doc_id)"))
    conn.execute(sa.text(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(title, body, "
                         "tokenize = 'unicode61 remove_diacritics 2')"))


def item_label(kind: str, rec: dict) -> str:
    """A short title for an item: what a figure or commitment measures, an event's type and actors."""
    if kind == "event":
        who = ", ".join(a.get("name", "") for a in rec.get("source") or [])
        whom = ", ".join(a.get("name", "") for a in rec.get("target") or [])
        actors = f"{who} → {whom}" if who and whom else who or whom
        return " ".join(p for p in (rec.get("type"), rec.get("mode"), actors) if p)
    return str(rec.get("what") or kind)


def index_documents(store: Store, doc_ids: Iterable[str] | None = None) -> int:
    """(Re)index documents and their events, figures and commitments; ``None`` rebuilds the whole index.

    Called by the link step with the ids of the documents an ingest added or replaced, so the
    read-only dashboard finds them. Returns the number of rows written (0 on PostgreSQL, which
    searches with LIKE instead).
    """
    if not _is_sqlite(store):
        return 0
    ids = store.document_ids() if doc_ids is None else list(dict.fromkeys(doc_ids))
    written = 0
    with store.transaction() as conn:
        _create(conn)
        if doc_ids is None:
            conn.execute(sa.text(f"DELETE FROM {FTS}"))
            conn.execute(sa.text(f"DELETE FROM {ROWS}"))
        for start in range(0, len(ids), 200):
            written += _index_batch(store, conn, ids[start:start + 200])
    return written


def _index_batch(store: Store, conn: Connection, ids: list[str]) -> int:
    """Replace the index rows of these documents (their old rows first, then the current ones)."""
    in_ids = sa.bindparam("ids", expanding=True)
    conn.execute(sa.text(f"DELETE FROM {FTS} WHERE rowid IN (SELECT rowid FROM {ROWS} WHERE doc_id IN :ids)")
                 .bindparams(in_ids), {"ids": ids})
    conn.execute(sa.text(f"DELETE FROM {ROWS} WHERE doc_id IN :ids").bindparams(in_ids), {"ids": ids})
    rows: list[tuple[str, str, str, str, str]] = []
    docs = conn.execute(sa.select(S.documents.c.id, S.documents.c.title, S.documents.c.text)
                        .where(S.documents.c.id.in_(ids)))
    rows.extend(("document", d.id, d.id, d.title or "", d.text or "") for d in docs)
    for kind in ("event", "figure", "commitment"):
        table = S.ITEM_TABLES[kind]
        for r in conn.execute(sa.select(table.c.id, table.c.doc_id, table.c.text, table.c.data)
                              .where(table.c.doc_id.in_(ids))):
            rows.append((kind, r.id, r.doc_id, item_label(kind, r.data or {}), r.text or ""))
    if not rows:
        return 0
    first = int(conn.execute(sa.text(f"SELECT coalesce(max(rowid), 0) FROM {ROWS}")).scalar() or 0) + 1
    conn.execute(sa.text(f"INSERT INTO {ROWS} (rowid, doc_id, kind, item_id) VALUES (:r, :d, :k, :i)"),
                 [{"r": first + n, "d": doc_id, "k": kind, "i": item_id}
                  for n, (kind, item_id, doc_id, _t, _b) in enumerate(rows)])
    conn.execute(sa.text(f"INSERT INTO {FTS} (rowid, title, body) VALUES (:r, :t, :b)"),
                 [{"r": first + n, "t": title, "b": body} for n, (_k, _i, _d, title, body) in enumerate(rows)])
    return len(rows)


def index_is_current(store: Store) -> bool:
    """True when the FTS index holds every document and item the store holds."""
    if not _is_sqlite(store):
        return False
    with store.engine.connect() as conn:
        if not _has_index(conn):
            return False
        indexed = dict(conn.execute(sa.text(
            f"SELECT r.kind = 'document', count(*) FROM {ROWS} r JOIN documents d ON d.id = r.doc_id "
            "GROUP BY r.kind = 'document'")).all())
    counts = store.counts()
    items = counts["events"] + counts["figures"] + counts["commitments"]
    return indexed.get(1, 0) == counts["documents"] and indexed.get(0, 0) == items


def _chunks(q: str) -> list[list[str]]:
    """The query's whitespace-separated chunks, each as its word tokens ("$190.271bn" -> 190, 271bn)."""
    return [toks for toks in (re.findall(r"\w+", chunk) for chunk in q.split()) if toks]


def _fts_query(chunks: list[list[str]]) -> str:
    """An FTS5 query that cannot be a syntax error: each chunk a quoted phrase, the last one a prefix."""
    phrases = ['"' + " ".join(toks) + '"' for toks in chunks]
    phrases[-1] += "*"
    return " ".join(phrases)


def search(store: Store, q: str, limit: int = 20, offset: int = 0, kind: str | None = None) -> Results:
    """Documents and items matching every word of ``q``, best first.

    Each hit: ``kind``, ``id``, ``doc`` (document id), ``title``, ``snippet`` (plain text) and
    ``highlights`` ([start, end] offsets of the matches in the snippet).
    """
    chunks = _chunks(q)
    kinds = [kind] if kind else list(KINDS)
    if not chunks or not set(kinds) <= set(KINDS):
        return Results([], "fts5" if index_is_current(store) else "like")
    if index_is_current(store):
        return Results(_search_fts(store, chunks, kinds, limit, offset), "fts5")
    return Results(_search_like(store, q, kinds, limit, offset), "like")


def _search_fts(store: Store, chunks: list[list[str]], kinds: list[str], limit: int, offset: int) -> list[dict]:
    kind_list = ", ".join(f"'{k}'" for k in kinds)  # from the fixed KINDS, never user text
    sql = sa.text(
        f"SELECT r.kind, r.item_id, r.doc_id, f.title, "
        f"snippet({FTS}, -1, char(2), char(3), '…', 24) AS snip "
        f"FROM {FTS} f JOIN {ROWS} r ON r.rowid = f.rowid "
        f"WHERE {FTS} MATCH :q AND r.kind IN ({kind_list}) "
        f"ORDER BY bm25({FTS}, 5.0, 1.0), r.rowid LIMIT :limit OFFSET :offset")
    with store.engine.connect() as conn:
        rows = conn.execute(sql, {"q": _fts_query(chunks), "limit": limit, "offset": offset}).all()
    hits = []
    for kind, item_id, doc_id, title, snip in rows:
        text, marks = _unmark(snip or "")
        hits.append({"kind": kind, "id": item_id, "doc": doc_id, "title": title, "snippet": text,
                     "highlights": marks})
    return hits


def _unmark(snip: str) -> tuple[str, list[list[int]]]:
    """Strip FTS5's match markers, keeping where they were as offsets."""
    out: list[str] = []
    marks: list[list[int]] = []
    pos, start = 0, None
    for ch in snip:
        if ch == _START:
            start = pos
        elif ch == _END and start is not None:
            marks.append([start, pos])
            start = None
        else:
            out.append(ch)
            pos += 1
    return "".join(out), marks


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _search_like(store: Store, q: str, kinds: list[str], limit: int, offset: int) -> list[dict]:
    terms = [t for t in q.split() if t]
    selects = []
    if "document" in kinds:
        d = S.documents
        conds = [sa.or_(d.c.title.ilike(_like(t), escape="\\"), d.c.text.ilike(_like(t), escape="\\"))
                 for t in terms]
        selects.append(sa.select(sa.literal(0).label("rank"), sa.literal("document").label("kind"),
                                 d.c.id.label("item_id"), d.c.id.label("doc_id"), d.c.title.label("title"),
                                 d.c.text.label("body")).where(*conds))
    for n, k in enumerate(("event", "figure", "commitment"), start=1):
        if k not in kinds:
            continue
        t = S.ITEM_TABLES[k]
        label = t.c.type if k == "event" else t.c.what
        conds = [sa.or_(t.c.text.ilike(_like(w), escape="\\"), label.ilike(_like(w), escape="\\")) for w in terms]
        selects.append(sa.select(sa.literal(n).label("rank"), sa.literal(k).label("kind"), t.c.id.label("item_id"),
                                 t.c.doc_id.label("doc_id"), label.label("title"), t.c.text.label("body"))
                       .where(*conds))
    u = sa.union_all(*selects).subquery()
    query = sa.select(u).order_by(u.c.rank, u.c.doc_id, u.c.item_id).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    hits = []
    for r in rows:
        body = r.body or ""
        source = body if _find(body, terms) >= 0 else (r.title or "")
        text, marks = _snippet(source, terms)
        hits.append({"kind": r.kind, "id": r.item_id, "doc": r.doc_id, "title": r.title, "snippet": text,
                     "highlights": marks})
    return hits


def _find(text: str, terms: list[str]) -> int:
    low = text.lower()
    found = [i for i in (low.find(t.lower()) for t in terms) if i >= 0]
    return min(found) if found else -1


def _snippet(text: str, terms: list[str]) -> tuple[str, list[list[int]]]:
    """About _SNIPPET_CHARS characters of ``text`` around the first match, with every match marked."""
    first = max(_find(text, terms), 0)
    lo = max(0, first - _SNIPPET_CHARS // 3)
    hi = min(len(text), lo + _SNIPPET_CHARS)
    prefix = "…" if lo > 0 else ""
    window = prefix + text[lo:hi] + ("…" if hi < len(text) else "")
    low = window.lower()
    marks = []
    for t in terms:
        start = low.find(t.lower())
        while start >= 0:
            marks.append([start, start + len(t)])
            start = low.find(t.lower(), start + len(t))
    marks.sort()
    merged: list[list[int]] = []
    for m in marks:
        if merged and m[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], m[1])
        else:
            merged.append(m)
    return window, merged
