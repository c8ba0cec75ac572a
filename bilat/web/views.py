"""What the dashboard and the report show, assembled from the store.

No HTTP here: the web app and ``bilat.report`` both call these functions, so a page and a
report of the same dyad show the same things. Everything returned is plain data (export
records and small dataclasses); escaping happens where it is rendered, except in
:func:`marked_text`, which builds the highlighted document text from escaped pieces.
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import functools
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

import sqlalchemy as sa
from markupsafe import Markup, escape

from ..errors import BilatError, Messages, UsageError
from ..store import Store, parse_dyad
from ..store import schema as S

ITEM_KINDS = ("event", "figure", "commitment")
LIST_KINDS = ("events", "figures", "commitments", "claims", "documents", "reuse")
SECTION_ROWS = 200  # rows of each table on the dyad page; the rest on the kind's own paged list
_QUALIFIER = {"about": "about ", "more_than": "over ", "at_least": "at least ", "less_than": "under ",
              "up_to": "up to "}
_CURRENCY = {"USD": "$", "EUR": "€", "GBP": "£"}


class NotFound(BilatError, LookupError):
    """A dyad, document or item the store does not hold; the message says what it does hold."""


# --- names and formatting ------------------------------------------------------------------------
@functools.cache
def _name_overrides() -> dict[str, str]:
    """Short country names bilat's gazetteer prefers over ISO's ("Russia", not "Russian Federation")."""
    try:
        path = resources.files("bilat") / "data" / "gazetteer" / "country_names.csv"
        with path.open(encoding="utf-8") as f:
            return {r["iso3"]: r["name"] for r in csv.DictReader(f) if r.get("iso3") and r.get("name")}
    except (FileNotFoundError, KeyError):
        return {}


@functools.cache
def country_name(code: str) -> str:
    """A readable name for an ISO3 code; the code itself when nothing knows it."""
    if code in _name_overrides():
        return _name_overrides()[code]
    import pycountry

    c = pycountry.countries.get(alpha_3=code)
    return (getattr(c, "common_name", None) or c.name) if c else code


def canonical_dyad(dyad: str) -> str:
    """``rus-chn`` -> ``CHN-RUS``; a dyad is two different ISO3 codes."""
    codes = sorted(set(parse_dyad(dyad)))
    if len(codes) != 2:
        raise UsageError(Messages.E030.format(dyad=dyad))
    return "-".join(codes)


def dyad_name(dyad: str) -> str:
    return " – ".join(country_name(c) for c in dyad.split("-"))


def _num(x: float, digits: int = 2) -> str:
    s = f"{x:,.{digits}f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def fmt_value(value: float | None, unit: str | None, qualifier: str | None = None) -> str:
    """"$190.27bn", "29.3%", "+25.9%", "CNY 1.2bn", "9th": how an analyst writes a figure."""
    if value is None:
        return ""
    q = _QUALIFIER.get(qualifier or "", "")
    if unit == "percent":
        return f"{q}{_num(value)}%"
    if unit == "percent_change":
        return f"{q}{'+' if value > 0 else ''}{_num(value)}%"
    if unit == "rank":
        n = int(value)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{q}{n}{suffix}"
    scaled = _scaled(value)
    if unit and len(unit) == 3 and unit.isupper():
        symbol = _CURRENCY.get(unit)
        return f"{q}{symbol}{scaled}" if symbol else f"{q}{unit} {scaled}"
    if unit in (None, "", "count"):
        return f"{q}{scaled}"
    return f"{q}{scaled} {unit}"


def _scaled(value: float) -> str:
    for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= size:
            return f"{_num(value / size)}{suffix}"
    return _num(value)


def _date(d: dict | None, key: str) -> dt.date | None:
    return dt.date.fromisoformat(d[key]) if d and d.get(key) else None


def granularity(period: dict | None) -> str:
    """What a period is: ``year``, ``month``, ``months`` (whole months), ``day``, ``days`` or ``""``."""
    start, end = _date(period, "start"), _date(period, "end")
    if not start or not end:
        return ""
    if start == end:
        return "day"
    whole_start = start.day == 1
    whole_end = end.day == calendar.monthrange(end.year, end.month)[1]
    if whole_start and whole_end:
        if (start.month, end.month) == (1, 12) and start.year == end.year:
            return "year"
        return "month" if (start.year, start.month) == (end.year, end.month) else "months"
    return "days"


def fmt_period(period: dict | None) -> str:
    """"2022", "Mar 2023", "Jan–Feb 2023", "20–22 Mar 2023": a period as people write it."""
    start, end = _date(period, "start"), _date(period, "end")
    if not start or not end:
        return ""
    kind = granularity(period)
    if kind == "year":
        return str(start.year)
    if kind == "month":
        return start.strftime("%b %Y")
    if kind == "months":
        if start.year == end.year:
            return f"{start:%b}–{end:%b %Y}"
        return f"{start:%b %Y}–{end:%b %Y}"
    if kind == "day":
        return f"{start.day} {start:%b %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    return f"{start.isoformat()} – {end.isoformat()}"


def fmt_actors(actors: Iterable[dict]) -> str:
    return ", ".join(a.get("name") or "?" for a in actors)


def label(rec: dict) -> str:
    """One line naming an item: "CONSULT visit: Xi Jinping → Russia", "trade $190.27bn (2022)"."""
    kind = rec.get("kind")
    if kind == "event":
        who, whom = fmt_actors(rec.get("source") or []), fmt_actors(rec.get("target") or [])
        head = " ".join(p for p in (rec.get("type"), rec.get("mode")) if p)
        return f"{head}: {who} → {whom}" if whom else f"{head}: {who}" if who else head
    if kind == "figure":
        when = fmt_period(rec.get("period")) or rec.get("period_text") or ""
        value = fmt_value(rec.get("value"), rec.get("unit"), rec.get("qualifier"))
        return f"{rec.get('what') or 'figure'} {value}" + (f" ({when})" if when else "")
    if kind == "commitment":
        deadline = fmt_period(rec.get("deadline")) or rec.get("deadline_text") or ""
        return f"{rec.get('what') or 'commitment'}" + (f" by {deadline}" if deadline else "")
    if kind == "reuse":
        return f"{rec.get('relation')} reuse ({rec.get('score')})"
    if kind == "claim":
        return f"{rec.get('what')} ({fmt_period(rec.get('period'))}): {rec.get('verdict')}"
    return str(rec.get("title") or rec.get("id"))


# --- dyads ----------------------------------------------------------------------------------------
@dataclass
class DyadRow:
    """A pair of countries the store holds something about, with how much."""

    dyad: str
    name: str
    documents: int = 0
    events: int = 0
    figures: int = 0
    commitments: int = 0
    claims: int = 0

    def to_dict(self) -> dict:
        return {"dyad": self.dyad, "countries": self.dyad.split("-"), "name": self.name,
                "documents": self.documents, "events": self.events, "figures": self.figures,
                "commitments": self.commitments, "claims": self.claims}


def _pairs(key: str | None) -> list[str]:
    codes = sorted({c for c in (key or "").split(",") if c})
    return ["-".join(p) for p in itertools.combinations(codes, 2)]


def list_dyads(store: Store) -> list[DyadRow]:
    """Every dyad that an item involves (or that a document is about alone), busiest first.

    One pass over each table's (document, countries) groups, whatever the number of dyads,
    so the home page does not run a query per dyad. A dyad's documents are those about both
    countries or holding an item that involves both, as on the dyad page.
    """
    tables = {"events": S.events, "figures": S.figures, "commitments": S.commitments, "claims": S.claims}
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    docs: dict[str, set[str]] = defaultdict(set)
    with store.engine.connect() as conn:
        for name, table in tables.items():
            q = sa.select(table.c.countries, sa.func.count()).group_by(table.c.countries)
            if "origin_id" in table.c:  # count stories: an item copied from another document is not a new one
                q = q.where(table.c.origin_id.is_(None))
            for key, n in conn.execute(q):
                for pair in _pairs(key):
                    counts[pair][name] += n
            if name != "claims":
                for doc_id, key in conn.execute(sa.select(table.c.doc_id, table.c.countries).distinct()):
                    for pair in _pairs(key):
                        docs[pair].add(doc_id)
        candidates = set(counts)
        for doc_id, key in conn.execute(sa.select(S.documents.c.id, S.documents.c.countries)):
            pairs = _pairs(key)
            if len(pairs) == 1:  # a document about exactly two countries is about that dyad
                candidates.add(pairs[0])
            for pair in pairs:
                docs[pair].add(doc_id)
    rows = [DyadRow(d, dyad_name(d), documents=len(docs.get(d, ())), **counts.get(d, {})) for d in candidates]
    rows.sort(key=lambda r: (-r.documents, -(r.events + r.figures + r.commitments), r.dyad))
    return rows


def _dyad_docs_subquery(dyad: str) -> sa.Select:
    """Ids of the documents of a dyad: about both countries, or holding an item that involves both."""
    codes = dyad.split("-")
    parts = []
    for table, col in ((S.documents, S.documents.c.id), (S.events, S.events.c.doc_id),
                       (S.figures, S.figures.c.doc_id), (S.commitments, S.commitments.c.doc_id)):
        parts.append(sa.select(col.label("doc_id")).where(*[table.c.countries.like(f"%,{c},%") for c in codes]))
    return sa.union(*parts)


def dyad_document_count(store: Store, dyad: str) -> int:
    sub = _dyad_docs_subquery(dyad).subquery()
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(sub)).scalar() or 0)


def dyad_summary(store: Store, dyad: str) -> DyadRow:
    """Counts for one dyad; :class:`NotFound` (naming the dyads there are) when it has nothing."""
    dyad = canonical_dyad(dyad)
    row = DyadRow(dyad, dyad_name(dyad), documents=dyad_document_count(store, dyad),
                  events=store.count("event", dyad, stories=True), figures=store.count("figure", dyad, stories=True),
                  commitments=store.count("commitment", dyad, stories=True), claims=store.count("claim", dyad))
    if not (row.documents or row.events or row.figures or row.commitments or row.claims):
        known = [r.dyad for r in list_dyads(store)]
        hint = f"dyads in this store: {', '.join(known[:20])}" if known else "the store holds no dyad yet"
        raise NotFound(f"no documents or items for {dyad} ({row.name}); {hint}")
    return row


def page_documents(store: Store, dyad: str | None = None, published: tuple[dt.date | None, dt.date | None] = (None, None),
                   limit: int | None = None, offset: int = 0) -> list[dict]:
    """Document records (without text) of a dyad and/or publication period, in the store's order."""
    t = S.documents
    q = sa.select(t.c.id).order_by(t.c.published, t.c.ingested_at, t.c.id)
    if dyad:
        q = q.where(t.c.id.in_(_dyad_docs_subquery(canonical_dyad(dyad))))
    lo, hi = published
    if lo:
        q = q.where(t.c.published >= lo)
    if hi:
        q = q.where(t.c.published <= hi)
    with store.engine.connect() as conn:
        ids = list(conn.execute(q.offset(offset).limit(limit)).scalars())
    if not ids:
        return []
    return store.documents(ids=ids)


def reuse_for_documents(store: Store, dyad: str | None = None, doc: str | None = None,
                        relation: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict]:
    """Reuse records touching a dyad's documents (or one document)."""
    t = S.reuse
    q = sa.select(t.c.id).order_by(t.c.doc_a, t.c.span_a_start, t.c.id)
    if dyad:
        sub = _dyad_docs_subquery(canonical_dyad(dyad))
        q = q.where(sa.or_(t.c.doc_a.in_(sub), t.c.doc_b.in_(sub)))
    if doc:
        q = q.where(sa.or_(t.c.doc_a == doc, t.c.doc_b == doc))
    if relation:
        q = q.where(t.c.relation == relation)
    with store.engine.connect() as conn:
        ids = list(conn.execute(q.offset(offset).limit(limit)).scalars())
    order = {i: n for n, i in enumerate(ids)}
    return sorted(store.items("reuse", ids=ids), key=lambda r: order[r["id"]]) if ids else []


def item_counts_by_document(store: Store, doc_ids: list[str]) -> dict[str, dict[str, int]]:
    """{doc id: {"event": n, "figure": n, "commitment": n}} for the given documents."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(ITEM_KINDS, 0))
    if not doc_ids:
        return out
    with store.engine.connect() as conn:
        for kind in ITEM_KINDS:
            t = S.ITEM_TABLES[kind]
            for doc_id, n in conn.execute(sa.select(t.c.doc_id, sa.func.count()).where(t.c.doc_id.in_(doc_ids))
                                          .group_by(t.c.doc_id)):
                out[doc_id][kind] = n
    return out


def find_item(store: Store, item_id: str) -> dict:
    """Any item by id (event, figure, commitment, claim, reuse), or :class:`NotFound`."""
    kinds = {"e": "event", "f": "figure", "m": "commitment", "c": "claim", "r": "reuse"}
    prefix = item_id.split("-", 1)[0]
    order = [kinds[prefix]] if prefix in kinds else list(kinds.values())
    for kind in order:
        found = store.items(kind, ids=[item_id])
        if found:
            return found[0]
    raise NotFound(f"no item with id {item_id!r} in this store; item ids look like f-…, e-…, m-…, c-…, r-…")


# --- the dyad page --------------------------------------------------------------------------------
def fold_copies(items: list[dict]) -> list[dict]:
    """Items as stories: an item copied from another one in the list (its ``origin``) is not a
    row of its own but one of the original's ``copies``, so every source stays listed."""
    by_id = {x["id"]: x for x in items}
    out = []
    for x in items:
        original = by_id.get(x.get("origin") or "")
        if original is not None and original is not x:
            original.setdefault("copies", []).append(x)
        else:
            out.append(x)
    return out


def _sort_date(rec: dict, key: str) -> str:
    p = rec.get(key) or {}
    return p.get("start") or "9999"


@dataclass
class DyadView:
    """Everything the dyad page and the report show."""

    summary: DyadRow
    events: list[dict]
    figures: list[dict]
    commitments: list[dict]
    claims: list[dict]
    documents: list[dict]
    reuse: list[dict]
    doc_titles: dict[str, str]
    doc_items: dict[str, dict[str, int]]
    figure_ids: dict[str, dict] = field(default_factory=dict)
    undated_events: int = 0


def dyad_view(store: Store, dyad: str, rows: int | None = SECTION_ROWS) -> DyadView:
    """The dyad's items for the page (tables cut at ``rows``; charts get them all)."""
    summary = dyad_summary(store, dyad)
    d = summary.dyad
    events = sorted(fold_copies(store.items("event", dyad=d)),
                    key=lambda e: (_sort_date(e, "date"), e["doc"], e["span"][0]))
    figures = sorted(fold_copies(store.items("figure", dyad=d)),
                     key=lambda f: (f.get("measure") or f.get("what") or "", _sort_date(f, "period"), f["doc"]))
    commitments = sorted(fold_copies(store.items("commitment", dyad=d)),
                         key=lambda c: (_sort_date(c, "deadline"), c["doc"]))
    claims = store.items("claim", dyad=d, limit=rows)
    documents = page_documents(store, d, limit=rows)
    reuse = reuse_for_documents(store, d, limit=rows)
    ids = {doc["id"] for doc in documents} | {x["doc"] for x in (*events, *figures, *commitments)}
    ids |= {c["doc"] for x in (*events, *figures, *commitments) for c in x.get("copies", [])}
    ids |= {r["doc_a"] for r in reuse} | {r["doc_b"] for r in reuse}
    titles = {doc["id"]: doc.get("title") or doc["id"] for doc in store.documents(ids=sorted(ids))} if ids else {}
    claim_figs = sorted({f for c in claims for f in c.get("figures") or []})
    figure_ids = {f["id"]: f for f in store.items("figure", ids=claim_figs)} if claim_figs else {}
    return DyadView(summary=summary, events=events, figures=figures, commitments=commitments, claims=claims,
                    documents=documents, reuse=reuse, doc_titles=titles,
                    doc_items=item_counts_by_document(store, [doc["id"] for doc in documents]),
                    figure_ids=figure_ids, undated_events=sum(1 for e in events if not e.get("date")))


# --- the document page ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Mark:
    """A stretch of the text to mark: an item's evidence (``kind`` and ``id``) or a figure's value."""

    start: int
    end: int
    kind: str
    id: str | None = None
    title: str = ""


def document_marks(text: str, items: Iterable[dict], reuse: Iterable[dict], doc_id: str) -> list[Mark]:
    """The marks of a document: every item's span, each figure's number, each reused passage."""
    n = len(text)
    marks: list[Mark] = []

    def add(span: Iterable[int] | None, kind: str, item_id: str | None, title: str = "") -> None:
        if not span:
            return
        s, e = (int(x) for x in list(span)[:2])
        s, e = max(0, s), min(n, e)
        if e > s:
            marks.append(Mark(s, e, kind, item_id, title))

    for rec in items:
        add(rec.get("span"), rec["kind"], rec["id"], label(rec))
        if rec["kind"] == "figure" and rec.get("value_span"):
            add(rec["value_span"], "value", rec["id"])
    for r in reuse:
        if r.get("in") == "raw":  # the repeat was cut from the cleaned text; mark the copy that was kept
            if r["doc_a"] == doc_id:
                add(r.get("span_a_clean"), "reuse", r["id"], label(r))
            continue
        if r["doc_a"] == doc_id:
            add(r.get("span_a"), "reuse", r["id"], label(r))
        if r["doc_b"] == doc_id and r["doc_b"] != r["doc_a"]:
            add(r.get("span_b"), "reuse", r["id"], label(r))
    return marks


_KIND_ORDER = {"reuse": 0, "event": 1, "commitment": 2, "figure": 3, "value": 4}


def marked_text(text: str, marks: list[Mark]) -> Markup:
    """The text, escaped, with every mark as a ``<mark>`` (values as ``<span class="val">``).

    Overlapping marks are nested: at each boundary the open marks that end there are closed,
    and any mark that was open inside them and goes on is reopened as a continuation (class
    ``cont``, no ``id``), so every item keeps exactly one ``id="item-…"`` anchor and the HTML
    stays well formed whatever the spans are.
    """
    bounds = sorted({0, len(text), *[m.start for m in marks], *[m.end for m in marks]})
    starting: dict[int, list[Mark]] = defaultdict(list)
    for m in marks:
        starting[m.start].append(m)
    out: list[str] = []
    stack: list[Mark] = []
    anchored: set[str] = set()

    def open_tag(m: Mark) -> str:
        if m.kind == "value":  # a figure's number: tied to its figure, never an anchor
            return f'<span class="val" data-of="{escape(m.id or "")}">'
        attrs = [f'class="m m-{escape(m.kind)}{"" if m.id not in anchored else " cont"}"',
                 f'data-kind="{escape(m.kind)}"', f'data-id="{escape(m.id)}"', f'title="{escape(m.title)}"']
        if m.id not in anchored:
            anchored.add(m.id or "")
            attrs.append(f'id="item-{escape(m.id)}"')
        return "<mark " + " ".join(attrs) + ">"

    def close_tag(m: Mark) -> str:
        return "</span>" if m.kind == "value" else "</mark>"

    for here, nxt in itertools.pairwise(bounds):
        ending = [i for i, m in enumerate(stack) if m.end <= here]
        reopen: list[Mark] = []
        if ending:
            cut = ending[0]
            for m in reversed(stack[cut:]):
                out.append(close_tag(m))
            reopen = [m for m in stack[cut:] if m.end > here]
            del stack[cut:]
        new = sorted(reopen + starting.get(here, []), key=lambda m: (-m.end, _KIND_ORDER.get(m.kind, 9)))
        for m in new:
            out.append(open_tag(m))
            stack.append(m)
        out.append(str(escape(text[here:nxt])))
    for m in reversed(stack):
        out.append(close_tag(m))
    return Markup("".join(out))


@dataclass
class DocView:
    """A document with its items and the marked-up text."""

    doc: dict
    items: list[dict]
    reuse: list[dict]
    html: Markup
    others: dict[str, str]


def document_view(store: Store, doc_id: str) -> DocView:
    doc = store.document(doc_id, with_text=True)
    if doc is None:
        raise NotFound(f"no document with id {doc_id!r} in this store; document ids look like d-… "
                       "(see the home page or /api/documents)")
    items = [rec for kind in ITEM_KINDS for rec in store.items(kind, doc=doc_id)]
    items.sort(key=lambda r: (r["span"][0] if r.get("span") else 0, r["kind"]))
    reuse = store.items("reuse", doc=doc_id)
    other_ids = sorted({r["doc_a"] for r in reuse} | {r["doc_b"] for r in reuse} - {doc_id})
    others = {d["id"]: d.get("title") or d["id"] for d in store.documents(ids=other_ids)} if other_ids else {}
    html = marked_text(doc["text"], document_marks(doc["text"], items, reuse, doc_id))
    return DocView(doc=doc, items=items, reuse=reuse, html=html, others=others)


def evidence_sentence(rec: dict, text: str | None) -> str:
    """The sentence an item stands on: its stored ``text``, else its span of the document text."""
    if rec.get("text"):
        return str(rec["text"])
    span = rec.get("span")
    if text and span:
        return text[span[0]:span[1]]
    return ""

