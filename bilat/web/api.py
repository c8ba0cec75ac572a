"""The JSON API under ``/api/``: the dashboard's data, paged, as the export records.

Every list takes ``limit``/``offset`` and answers ``{"items": [...], "limit", "offset", "next"}``
where ``next`` is the address of the following page (or null). The response models describe
the export format's fields and allow extra ones, so the generated OpenAPI schema documents the
records without dropping anything an extractor adds.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Generic, Literal, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from ..store import Store
from ..store.search import search as run_search
from . import views
from .render import q as segment

T = TypeVar("T")
MAX_LIMIT = 1000


class Error(BaseModel):
    """What every failed request answers."""

    status: int
    error: str = Field(description="What is wrong and what to do about it.")
    detail: list[dict] | None = None


class PeriodOut(BaseModel):
    start: str = Field(description="ISO date, first day")
    end: str = Field(description="ISO date, last day (inclusive)")


class ActorOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str
    country: str | None = None
    type: str | None = None


class Record(BaseModel):
    model_config = ConfigDict(extra="allow")
    kind: str
    id: str | None = None


class Evidence(Record):
    doc: str = Field(description="Id of the document the evidence is in")
    text: str | None = Field(None, description="The evidence sentence")
    span: list[int] = Field(description="[start, end] character offsets into the document's cleaned text")
    evidence_url: str = Field(description="The dashboard page with the evidence highlighted")


class EventOut(Evidence):
    type: str = Field(description="PLOVER event type")
    mode: str | None = None
    source: list[ActorOut] = []
    target: list[ActorOut] = []
    date: PeriodOut | None = None
    date_text: str | None = None
    date_from: str | None = Field(
        None, description="'published': the sentence states no time, the story's date stands in; 'lead': a "
                          "headline's act dated by its lead sentence (date_text holds the lead's words)")
    status: str | None = Field(None, description="occurred, planned, ongoing or habitual")
    location: str | None = None


class FigureOut(Evidence):
    what: str | None = None
    countries: list[str] = []
    flow: str | None = None
    value: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    value_type: str | None = None
    period: PeriodOut | None = None
    period_text: str | None = None
    baseline: PeriodOut | None = None
    measure: str | None = None


class CommitmentOut(Evidence):
    actors: list[str] = []
    what: str | None = None
    target_value: float | None = None
    unit: str | None = None
    deadline: PeriodOut | None = None
    deadline_text: str | None = None
    status: str | None = Field(None, description="open, met, missed or unknown")
    decided_by: str | None = None
    status_note: str | None = None
    measure: str | None = None


class ClaimOut(Record):
    what: str | None = None
    countries: list[str] = []
    flow: str | None = None
    unit: str | None = None
    period: PeriodOut | None = None
    figures: list[str] = []
    values: list[float] = []
    verdict: str | None = Field(None, description="agree, conflict or single")
    note: str | None = None


class ReuseOut(Record):
    doc_a: str
    span_a: list[int]
    doc_b: str
    span_b: list[int]
    relation: str
    score: float | None = None
    text_a: str | None = None
    text_b: str | None = None


class DocumentOut(Record):
    source: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    chars: int | None = None
    countries: list[str] = []
    text: str | None = Field(None, description="The cleaned text (single-document endpoint only)")


class DyadOut(BaseModel):
    dyad: str
    countries: list[str]
    name: str
    documents: int
    events: int
    figures: int
    commitments: int
    claims: int


class Hit(BaseModel):
    kind: str
    id: str
    doc: str
    title: str | None = None
    snippet: str
    highlights: list[list[int]] = Field(description="[start, end] of each match in the snippet")
    url: str


class Page(BaseModel, Generic[T]):
    items: list[T]
    limit: int
    offset: int
    next: str | None = Field(None, description="Address of the next page, or null on the last one")


class SearchPage(Page[Hit]):
    engine: str = Field(description="fts5 (the store's index) or like (plain matching)")


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Records per page")]
Offset = Annotated[int, Query(ge=0, description="Records to skip")]
Dyad = Annotated[str | None, Query(description="Two ISO3 codes, e.g. CHN-RUS", examples=["CHN-RUS"])]
Doc = Annotated[str | None, Query(description="A document id")]
Start = Annotated[dt.date | None, Query(description="Period filter: items whose date/period/deadline ends on "
                                                    "or after this day")]
End = Annotated[dt.date | None, Query(description="Period filter: items whose date/period/deadline starts on "
                                                  "or before this day")]
ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": Error}, 404: {"model": Error}, 422: {"model": Error}}


def _store(request: Request) -> Store:
    return request.app.state.store


def _base(request: Request) -> str:
    return request.scope.get("root_path", "")


def evidence_url(base: str, rec: dict) -> str:
    return f"{base}/doc/{segment(rec['doc'])}#item-{segment(rec['id'])}"


def _page(request: Request, rows: list[Any], limit: int, offset: int) -> dict:
    """Cut the one-extra row fetched to learn whether a next page exists."""
    nxt = None
    if len(rows) > limit:
        params = dict(request.query_params)
        params.update(offset=str(offset + limit), limit=str(limit))
        nxt = f"{request.url.path}?{urlencode(params)}"
    return {"items": rows[:limit], "limit": limit, "offset": offset, "next": nxt}


def _dyad(dyad: str | None) -> str | None:
    return views.canonical_dyad(dyad) if dyad else None


def _items(request: Request, kind: str, limit: int, offset: int, dyad: str | None = None, doc: str | None = None,
           start: dt.date | None = None, end: dt.date | None = None, **where: Any) -> dict:
    period = (start, end) if start or end else None
    rows = _store(request).items(kind, dyad=_dyad(dyad), doc=doc, period=period, limit=limit + 1, offset=offset,
                                 **where)
    base = _base(request)
    for r in rows:
        r["evidence_url"] = evidence_url(base, r)
    return _page(request, rows, limit, offset)


router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


@router.get("/dyads", response_model=list[DyadOut], summary="The dyads in the store with their counts")
def dyads(request: Request) -> list[dict]:
    return [r.to_dict() for r in views.list_dyads(_store(request))]


@router.get("/dyads/{dyad}", response_model=DyadOut, summary="One dyad's counts (404 when the store has nothing on it)")
def dyad(request: Request, dyad: Annotated[str, Path(description="e.g. CHN-RUS")]) -> dict:
    return views.dyad_summary(_store(request), dyad).to_dict()


@router.get("/documents", response_model=Page[DocumentOut], summary="Documents (without text)")
def documents(request: Request, dyad: Dyad = None, start: Start = None, end: End = None, limit: Limit = 100,
              offset: Offset = 0) -> dict:
    rows = views.page_documents(_store(request), _dyad(dyad), (start, end), limit=limit + 1, offset=offset)
    return _page(request, rows, limit, offset)


@router.get("/documents/{doc_id}", response_model=DocumentOut, summary="One document with its cleaned text")
def document(request: Request, doc_id: str) -> dict:
    doc = _store(request).document(doc_id, with_text=True)
    if doc is None:
        raise views.NotFound(f"no document with id {doc_id!r} in this store; list them at /api/documents")
    doc.pop("raw_text", None)
    doc.pop("cleaning", None)
    return doc


@router.get("/events", response_model=Page[EventOut], summary="Events (PLOVER), filtered and paged")
def events(request: Request, dyad: Dyad = None, doc: Doc = None, start: Start = None, end: End = None,
           type: Annotated[str | None, Query(description="PLOVER type, e.g. CONSULT")] = None,  # noqa: A002
           status: Annotated[Literal["occurred", "planned", "ongoing", "habitual"] | None, Query()] = None,
           limit: Limit = 100, offset: Offset = 0) -> dict:
    return _items(request, "event", limit, offset, dyad, doc, start, end, type=type, status=status)


@router.get("/figures", response_model=Page[FigureOut], summary="Figures, filtered and paged")
def figures(request: Request, dyad: Dyad = None, doc: Doc = None, start: Start = None, end: End = None,
            unit: Annotated[str | None, Query(description="USD, percent, percent_change, count, ...")] = None,
            measure: Annotated[str | None, Query(description="e.g. trade")] = None,
            value_type: Annotated[Literal["observed", "target", "forecast"] | None, Query()] = None,
            limit: Limit = 100, offset: Offset = 0) -> dict:
    return _items(request, "figure", limit, offset, dyad, doc, start, end, unit=unit, measure=measure,
                  value_type=value_type)


@router.get("/commitments", response_model=Page[CommitmentOut], summary="Commitments, filtered and paged")
def commitments(request: Request, dyad: Dyad = None, doc: Doc = None, start: Start = None, end: End = None,
                status: Annotated[Literal["open", "met", "missed", "unknown"] | None, Query()] = None,
                limit: Limit = 100, offset: Offset = 0) -> dict:
    return _items(request, "commitment", limit, offset, dyad, doc, start, end, status=status)


@router.get("/claims", response_model=Page[ClaimOut], summary="Claims: figures that measure the same thing")
def claims(request: Request, dyad: Dyad = None, start: Start = None, end: End = None,
           verdict: Annotated[Literal["agree", "conflict", "single"] | None, Query()] = None,
           limit: Limit = 100, offset: Offset = 0) -> dict:
    period = (start, end) if start or end else None
    rows = _store(request).items("claim", dyad=_dyad(dyad), period=period, limit=limit + 1, offset=offset,
                                 verdict=verdict)
    return _page(request, rows, limit, offset)


@router.get("/reuse", response_model=Page[ReuseOut], summary="Reuse between (or within) documents")
def reuse(request: Request, dyad: Dyad = None, doc: Doc = None,
          relation: Annotated[Literal["verbatim", "near_duplicate", "paraphrase"] | None, Query()] = None,
          limit: Limit = 100, offset: Offset = 0) -> dict:
    rows = views.reuse_for_documents(_store(request), _dyad(dyad), doc, relation, limit=limit + 1, offset=offset)
    return _page(request, rows, limit, offset)


@router.get("/items/{item_id}", response_model=Record, summary="Any item by id (event, figure, commitment, claim, reuse)")
def item(request: Request, item_id: str) -> dict:
    rec = views.find_item(_store(request), item_id)
    if rec.get("kind") in views.ITEM_KINDS:
        rec["evidence_url"] = evidence_url(_base(request), rec)
    return rec


@router.get("/search", response_model=SearchPage, summary="Search documents and evidence")
def search(request: Request, q: Annotated[str, Query(min_length=1, description="Words to find")],  # noqa: A002
           kind: Annotated[Literal["document", "event", "figure", "commitment"] | None, Query()] = None,
           limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Offset = 0) -> dict:
    store = _store(request)
    found = run_search(store, q, limit=limit + 1, offset=offset, kind=kind)
    base = _base(request)
    for h in found.hits:
        h["url"] = f"{base}/doc/{segment(h['doc'])}" + ("" if h["kind"] == "document" else f"#item-{segment(h['id'])}")
    return {**_page(request, found.hits, limit, offset), "engine": found.engine}

