"""Link: the store-wide step after documents are stored.

1. **Reuse** (:mod:`bilat.link.reuse`): the new documents' passages are compared with every
   passage already stored (MinHash LSH rebuilt from the stored signatures, so nothing is
   re-read or re-hashed), and the reuse records are stored.
2. **Origins**: an event, figure or commitment that sits in a reused passage is linked to the
   same item in the passage's earliest holder (by publication date, then ingest order), so
   counts count stories, not copies, while every source stays listed.

3. **Claims and commitment status** (:mod:`bilat.link.claims`): figures that measure the same
   thing are grouped and judged agree/conflict; each commitment is judged met/missed/open
   against the figures, as of the newest publication date in the store.
4. **Search index** (:mod:`bilat.store.search`) of the new documents and their items.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from ..model import Document
from ..store import Store
from . import reuse as reuse_mod

log = logging.getLogger("bilat")


@dataclass
class LinkReport:
    reuse: int = 0
    origins: int = 0


class Linker:
    """The link step of one ingest run: reuse as documents arrive, the store-wide steps at the end.

    The reuse index is rebuilt once per run from the stored signatures and then grows with the
    run's documents, so a large batch is compared in chunks without keeping all texts in memory.
    """

    def __init__(self, store: Store, run_id: int | None = None):
        self.store, self.run_id = store, run_id
        self.index: reuse_mod.ReuseIndex | None = None
        self.report = LinkReport()
        self.new_ids: list[str] = []

    def add(self, new_docs: list[Document]) -> None:
        """Find and store the reuse of newly stored documents (text and sentences in memory)."""
        if not new_docs:
            return
        if self.index is None:
            self.index = reuse_mod.ReuseIndex.from_signatures(self.store.passages())
        for d in new_docs:  # a replaced document is re-indexed from scratch
            self.index.remove(d.id)
        fresh = {d.id: d for d in new_docs}
        texts: dict[str, str] = {}

        def get_text(doc_id: str) -> str:
            if doc_id in fresh:
                return fresh[doc_id].text
            if doc_id not in texts:
                texts[doc_id] = self.store.document(doc_id)["text"]
            return texts[doc_id]

        records = reuse_mod.find_reuse(new_docs, self.index, get_text)
        self.store.put_passages([{"doc_id": p.doc_id, "idx": p.idx, "start": p.start, "end": p.end, "sig": p.sig}
                                 for d in fresh for p in self.index.passages_of(d)])
        self.store.add_reuse(records, self.run_id)
        self.report.reuse += len(records)
        self.new_ids.extend(fresh)

    def finish(self) -> LinkReport:
        """The store-wide steps: origins of copied items (so copies count once), then claims and
        commitment status over the whole store, then the search index of new documents."""
        from ..store.search import index_documents
        from .claims import link_store

        self.report.origins = assign_origins(self.store)
        link_store(self.store)
        index_documents(self.store, self.new_ids)
        return self.report


def link(store: Store, new_docs: list[Document], run_id: int | None = None) -> LinkReport:
    """Run every link step for newly stored documents."""
    linker = Linker(store, run_id)
    linker.add(new_docs)
    return linker.finish()


# --- origins ----------------------------------------------------------------------------------
def _same_item(kind: str, a: dict, b: dict) -> bool:
    """Whether two items of the same kind state the same thing (a copy may reword the sentence)."""
    if kind == "figure":
        va, vb = a.get("value"), b.get("value")
        return (a.get("unit") == b.get("unit") and va is not None and vb is not None
                and abs(va - vb) <= max(abs(va), abs(vb)) * 0.005 and a.get("period") == b.get("period"))
    if kind == "event":
        def countries(e: dict) -> set:
            return {x.get("country") for x in e.get("source", []) + e.get("target", []) if x.get("country")}
        return a.get("type") == b.get("type") and countries(a) == countries(b)
    return set(a.get("actors") or []) == set(b.get("actors") or []) and a.get("target_value") == b.get("target_value")


def _anchor(item: dict) -> tuple[int, int]:
    """The words that carry an item (its number or trigger), else its sentence: a reused passage
    may cover only part of a sentence."""
    return tuple(item.get("value_span") or item.get("trigger_span") or item["span"])


def assign_origins(store: Store) -> int:
    """Set ``origin_id`` on every item copied from an earlier passage; returns how many have one."""
    records = [reuse_mod.Reuse(**{k: v for k, v in r.items() if k in _REUSE_FIELDS})
               for r in store.items("reuse") if r.get("in") != "raw"]
    for r in records:
        r.span_a, r.span_b = tuple(r.span_a), tuple(r.span_b)
    if not records:
        return 0
    omap = reuse_mod.origin_map(records, store.publication_dates(), store.document_ids())
    by_doc: dict[str, list[tuple[tuple[int, int], tuple[str, tuple[int, int]]]]] = defaultdict(list)
    for (doc, span), origin in omap.origins.items():
        if (doc, span) != origin:
            by_doc[doc].append((span, origin))
    total = 0
    for kind in ("event", "figure", "commitment"):
        updates: dict[str, str | None] = {}
        cache: dict[str, list[dict]] = {}

        def items_of(doc_id: str) -> list[dict]:
            if doc_id not in cache:
                cache[doc_id] = store.items(kind, doc=doc_id)
            return cache[doc_id]

        for doc, spans in by_doc.items():
            for item in items_of(doc):
                s, e = _anchor(item)
                hit = next((o for (ps, pe), o in spans if ps <= s and e <= pe), None)
                origin_id = None
                if hit:
                    odoc, (os_, oe) = hit
                    origin_id = next((c["id"] for c in items_of(odoc) if os_ <= _anchor(c)[0] and _anchor(c)[1] <= oe
                                      and c["id"] != item["id"] and _same_item(kind, item, c)), None)
                if origin_id != item.get("origin"):
                    updates[item["id"]] = origin_id
                total += origin_id is not None
        if updates:
            store.set_origins(kind, updates)
    return total


_REUSE_FIELDS = ("doc_a", "span_a", "doc_b", "span_b", "relation", "score", "text_a", "text_b", "id")
