"""The records bilat produces, as plain dataclasses.

Every extractor returns these; the store persists them; the export writes them
with ``to_dict()`` in the shape of the JSON Lines export format (docs/EXPORT.md).
Offsets (``span``) are always character offsets into the document's cleaned text
unless a record says otherwise (``in_raw`` on reuse records).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

ACTOR_TYPES = ("state", "person", "organization", "group")
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
EVENT_STATUSES = ("occurred", "planned", "ongoing", "habitual")
QUALIFIERS = ("exact", "about", "more_than", "at_least", "less_than", "up_to")
VALUE_TYPES = ("observed", "target", "forecast")
FLOWS = ("total", "export", "import")
COMMITMENT_STATUSES = ("open", "met", "missed", "unknown")
REUSE_RELATIONS = ("verbatim", "near_duplicate", "paraphrase")
VERDICTS = ("agree", "conflict", "single")


def stable_id(prefix: str, *parts: Any) -> str:
    """A short deterministic id: the same inputs always give the same id (idempotent re-ingest)."""
    h = hashlib.sha256(json.dumps(parts, default=str, ensure_ascii=False).encode("utf-8"))
    return f"{prefix}-{h.hexdigest()[:16]}"


@dataclass(frozen=True, order=True)
class Period:
    """A closed range of days. A single day has start == end."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, y: int) -> Period:
        return cls(dt.date(y, 1, 1), dt.date(y, 12, 31))

    @classmethod
    def day(cls, d: dt.date) -> Period:
        return cls(d, d)

    @classmethod
    def from_dict(cls, d: dict | None) -> Period | None:
        if not d or not d.get("start"):
            return None
        return cls(dt.date.fromisoformat(d["start"]), dt.date.fromisoformat(d.get("end") or d["start"]))

    def to_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end


def _period(p: Period | None) -> dict | None:
    return p.to_dict() if p else None


@dataclass(frozen=True)
class Actor:
    """A canonical actor: "Xi Jinping" (person, CHN), "China" (state, CHN), "BRICS" (organization)."""

    name: str
    country: str | None = None
    type: str = "state"

    def to_dict(self) -> dict:
        return {"name": self.name, "country": self.country, "type": self.type}

    @classmethod
    def from_dict(cls, d: dict) -> Actor:
        return cls(d["name"], d.get("country"), d.get("type") or "state")


@dataclass
class ActorMention:
    """Where an actor is named in a sentence. Offsets are into the cleaned document text."""

    start: int
    end: int
    text: str
    actor: Actor
    # "the two countries", "both sides": resolved to several actors of the document
    members: tuple[Actor, ...] = ()
    role: str | None = None  # office or title when the mention carries one ("Ambassador to Russia")
    # the mention is the first half of a hyphenated modifier: "led" in "a Russia-led alliance",
    # "backed" in "Iranian-backed groups", "based" in "a Korea-based firm"; callers decide what it means
    modifier: str | None = None


@dataclass
class Document:
    id: str
    source: str
    text: str
    raw_text: str
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str = "en"
    external_id: str | None = None
    content_hash: str = ""
    duplicate_paragraphs_removed: int = 0
    boilerplate_lines_removed: int = 0
    # what cleaning did, so it is recorded and not silent
    cleaning: dict = field(default_factory=dict)
    # [(start, end)] in text
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    # [(start, end, paragraph_index)] in text
    sentences: list[tuple[int, int, int]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "kind": "document", "id": self.id, "source": self.source, "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "outlet": self.outlet, "url": self.url, "language": self.language,
            "chars": len(self.text), "duplicate_paragraphs_removed": self.duplicate_paragraphs_removed,
            "boilerplate_lines_removed": self.boilerplate_lines_removed,
            "external_id": self.external_id,
        }


@dataclass
class Figure:
    """A number the text asserts (see the export format, kind ``figure``)."""

    what: str
    value: float
    unit: str
    countries: list[str] = field(default_factory=list)
    flow: str | None = None
    qualifier: str = "exact"
    value_type: str = "observed"
    period: Period | None = None
    period_text: str | None = None
    baseline: Period | None = None
    text: str = ""
    span: tuple[int, int] = (0, 0)
    value_span: tuple[int, int] | None = None  # the number expression itself
    measure: str | None = None  # normalised measure key for grouping claims ("trade", "export", ...)
    range: str | None = None  # "low" / "high" when the figure is one end of a range
    derived: bool = False
    doc: str | None = None
    id: str | None = None
    extra: dict = field(default_factory=dict)

    def key(self) -> tuple:
        return ("figure", self.doc, tuple(self.value_span or self.span), self.unit, round(self.value, 6),
                self.range, self.derived)

    def to_dict(self) -> dict:
        d = {"kind": "figure", "id": self.id, "doc": self.doc, "what": self.what,
             "countries": list(self.countries), "flow": self.flow, "value": self.value, "unit": self.unit,
             "qualifier": self.qualifier, "value_type": self.value_type, "period": _period(self.period),
             "period_text": self.period_text, "baseline": _period(self.baseline), "text": self.text,
             "span": list(self.span), "value_span": list(self.value_span) if self.value_span else None,
             "measure": self.measure, "range": self.range}
        if self.derived:
            d["derived"] = True
        d.update(self.extra)
        return d


@dataclass
class Event:
    """Who did what to whom, when (see the export format, kind ``event``)."""

    type: str
    mode: str | None = None
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    date: Period | None = None
    date_text: str | None = None
    status: str = "occurred"
    location: str | None = None
    text: str = ""
    span: tuple[int, int] = (0, 0)
    trigger: str | None = None
    trigger_span: tuple[int, int] | None = None
    doc: str | None = None
    id: str | None = None
    extra: dict = field(default_factory=dict)

    def key(self) -> tuple:
        return ("event", self.doc, tuple(self.trigger_span or self.span), self.type, self.mode,
                tuple(a.name for a in self.source), tuple(a.name for a in self.target))

    def countries(self) -> list[str]:
        return sorted({a.country for a in self.source + self.target if a.country})

    def to_dict(self) -> dict:
        d = {"kind": "event", "id": self.id, "doc": self.doc, "type": self.type, "mode": self.mode,
             "source": [a.to_dict() for a in self.source], "target": [a.to_dict() for a in self.target],
             "date": _period(self.date), "date_text": self.date_text, "status": self.status,
             "location": self.location, "text": self.text, "span": list(self.span),
             "trigger": self.trigger, "trigger_span": list(self.trigger_span) if self.trigger_span else None}
        d.update(self.extra)
        return d


@dataclass
class Commitment:
    """A pledge, plan or target with its deadline (see the export format, kind ``commitment``)."""

    actors: list[str]
    what: str
    target_value: float | None = None
    unit: str | None = None
    deadline: Period | None = None
    deadline_text: str | None = None
    status: str = "unknown"
    text: str = ""
    span: tuple[int, int] = (0, 0)
    measure: str | None = None  # the measure a target is about ("trade"), for judging met/missed
    flow: str | None = None
    decided_by: str | None = None  # id of the figure that decided met/missed
    status_note: str | None = None
    doc: str | None = None
    id: str | None = None
    extra: dict = field(default_factory=dict)

    def key(self) -> tuple:
        return ("commitment", self.doc, tuple(self.span), self.what)

    def to_dict(self) -> dict:
        d = {"kind": "commitment", "id": self.id, "doc": self.doc, "actors": list(self.actors),
             "what": self.what, "target_value": self.target_value, "unit": self.unit,
             "deadline": _period(self.deadline), "deadline_text": self.deadline_text, "status": self.status,
             "decided_by": self.decided_by, "status_note": self.status_note, "measure": self.measure,
             "flow": self.flow, "text": self.text, "span": list(self.span)}
        d.update(self.extra)
        return d


@dataclass
class Reuse:
    """The same text, or a rewrite of it, in two places (see the export format, kind ``reuse``)."""

    doc_a: str
    span_a: tuple[int, int]
    doc_b: str
    span_b: tuple[int, int]
    relation: str
    score: float
    text_a: str = ""
    text_b: str = ""
    in_raw: bool = False  # spans refer to the raw text (the repeat was removed from the cleaned text)
    id: str | None = None
    extra: dict = field(default_factory=dict)

    def key(self) -> tuple:
        return ("reuse", self.doc_a, tuple(self.span_a), self.doc_b, tuple(self.span_b), self.in_raw)

    def to_dict(self) -> dict:
        d = {"kind": "reuse", "id": self.id, "doc_a": self.doc_a, "span_a": list(self.span_a),
             "doc_b": self.doc_b, "span_b": list(self.span_b), "relation": self.relation,
             "score": round(self.score, 4), "text_a": self.text_a, "text_b": self.text_b}
        if self.in_raw:
            d["in"] = "raw"
        d.update(self.extra)
        return d


@dataclass
class Claim:
    """Figures from several places that measure the same thing, with a verdict."""

    what: str
    countries: list[str]
    flow: str | None
    unit: str
    period: Period | None
    figures: list[str]
    values: list[float]
    verdict: str
    note: str = ""
    measure: str | None = None
    derived: list[bool] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # document ids behind the figures
    id: str | None = None
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        d = {"kind": "claim", "id": self.id, "what": self.what, "countries": list(self.countries),
             "flow": self.flow, "unit": self.unit, "period": _period(self.period),
             "figures": list(self.figures), "values": list(self.values), "verdict": self.verdict,
             "note": self.note, "measure": self.measure, "sources": list(self.sources)}
        if any(self.derived):
            d["derived"] = list(self.derived)
        d.update(self.extra)
        return d


def as_jsonable(obj: Any) -> Any:
    """dataclass -> plain JSON-friendly structure (dates as ISO strings)."""
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [as_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {k: as_jsonable(v) for k, v in obj.items()}
    if hasattr(obj, "__dataclass_fields__"):
        return as_jsonable(asdict(obj))
    return obj
