"""The dashboard: server-rendered pages over a read-only store, plus the JSON API (``api.py``).

Pages: ``/`` (the dyads and documents), ``/dyad/{dyad}`` (timeline, figures, commitments,
claims, documents and reuse), ``/dyad/{dyad}/{kind}`` (a whole table, paged), ``/doc/{id}``
(the cleaned text with every item highlighted; ``#item-{id}`` selects one), ``/item/{id}``
(redirects to an item's evidence), ``/search`` and ``/api-docs``.

One exception handler answers every error: JSON under ``/api/``, an HTML page elsewhere,
with the message saying what the store does hold. Assets are bilat's own ``static/`` files and
the plotly.js that ships inside the plotly package; a Content-Security-Policy forbids any
other origin, so a page cannot load, or be made to load, anything from another host.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import BilatError, StoreError, UsageError
from ..store import Store
from ..store.search import KINDS as SEARCH_KINDS
from ..store.search import search as run_search
from . import api, views
from .charts import event_timeline, figure_series
from .render import plotly_js_path, render, static_path
from .render import q as segment

log = logging.getLogger("bilat.web")
HOME_DOCS = 50  # documents listed on the home page at a time
LIST_ROWS = 100  # rows of a paged table
SEARCH_ROWS = 20
_REASONS = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 422: "Bad request",
            500: "Server error", 503: "Store unavailable"}
Offset = Annotated[int, Query(ge=0, description="Rows to skip")]
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")


class WebLinks:
    """Where the dashboard's tables point: an item's evidence on its document page."""

    def __init__(self, base: str):
        self.base = base

    def evidence(self, rec: dict) -> str:
        return f"{self.base}/doc/{segment(rec['doc'])}#item-{segment(rec['id'])}"

    def doc(self, doc_id: str) -> str:
        return f"{self.base}/doc/{segment(doc_id)}"

    def item(self, item_id: str) -> str:
        return f"{self.base}/item/{segment(item_id)}"

    def reuse(self, rec: dict, side: str) -> str:
        return f"{self.base}/doc/{segment(rec['doc_' + side])}#item-{segment(rec['id'])}"


class SecurityHeaders:
    """Adds the Content-Security-Policy and friends to every response (pure ASGI, no buffering)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _store_name(store: Store) -> str:
    """The store as shown in the footer: a file name, or a URL without its password."""
    if "://" in store.db:
        return store.engine.url.render_as_string(hide_password=True)
    return os.path.basename(store.db)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(exc: Exception, request: Request) -> tuple[int, str, list | None]:
    """The status, message and details of any exception a request ended with."""
    if isinstance(exc, views.NotFound):
        return 404, str(exc.args[0] if exc.args else exc), None
    if isinstance(exc, UsageError):
        return 400, str(exc), None
    if isinstance(exc, StoreError):
        return 503, str(exc), None
    if isinstance(exc, BilatError):
        return 400, str(exc), None
    if isinstance(exc, RequestValidationError):
        errors = jsonable_encoder(exc.errors())
        where = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', [])[1:])}: {e.get('msg')}" for e in errors)
        return 422, f"invalid parameters ({where})", errors
    if isinstance(exc, StarletteHTTPException):
        if exc.status_code == 404:
            hint = "see /api-docs for the API" if _is_api(request) else "start from the home page"
            return 404, f"nothing at {request.url.path}; {hint}", None
        return exc.status_code, str(exc.detail), None
    log.exception("unexpected error on %s", request.url.path, exc_info=exc)
    return 500, f"unexpected error ({type(exc).__name__}); please report this", None


async def handle_exception(request: Request, exc: Exception) -> Response:
    """The one error handler: JSON under /api/, an HTML page anywhere else."""
    status, message, detail = _error(exc, request)
    if _is_api(request):
        body: dict[str, Any] = {"status": status, "error": message}
        if detail:
            body["detail"] = detail
        return JSONResponse(body, status_code=status)
    return HTMLResponse(_page(request, "error.html", status=status, reason=_REASONS.get(status, "Error"),
                              message=message), status_code=status)


def _page(request: Request, template: str, **context: Any) -> str:
    app_store: Store = request.app.state.store
    base = request.scope.get("root_path", "")
    context.setdefault("q", "")
    return render(template, base=base, ln=WebLinks(base), store_name=_store_name(app_store), **context)


def create_app(db: str) -> FastAPI:
    """The dashboard over the store at ``db`` (a SQLite path or a database URL), opened read-only."""
    store = Store.open(db, create=False, readonly=True)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="bilat", version=__version__, lifespan=lifespan,
                  description="Evidence-linked records of relations between countries: events, figures, "
                              "commitments, claims, documents and reuse. Every item links to its sentence.",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.store = store
    for exc_type in (StarletteHTTPException, RequestValidationError, BilatError, views.NotFound, Exception):
        app.add_exception_handler(exc_type, handle_exception)
    app.add_middleware(SecurityHeaders)
    app.include_router(api.router)
    app.mount("/static", StaticFiles(directory=str(static_path(""))), name="static")
    _add_pages(app, store)
    return app


def _add_pages(app: FastAPI, store: Store) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, offset: Offset = 0) -> str:
        documents = views.page_documents(store, limit=HOME_DOCS + 1, offset=offset)
        shown = documents[:HOME_DOCS]
        return _page(request, "home.html", dyads=views.list_dyads(store), counts=store.counts(), documents=shown,
                     doc_items=views.item_counts_by_document(store, [d["id"] for d in shown]),
                     offset=offset, limit=HOME_DOCS, has_more=len(documents) > HOME_DOCS)

    @app.get("/dyad/{dyad}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, dyad: str) -> Response:
        canonical = views.canonical_dyad(dyad)
        if canonical != dyad:
            return RedirectResponse(f"{request.scope.get('root_path', '')}/dyad/{canonical}", status_code=307)
        view = views.dyad_view(store, canonical)
        links = WebLinks(request.scope.get("root_path", ""))

        def list_link(kind: str, filters: dict) -> str:
            return f"{links.base}/dyad/{canonical}/{kind}?{urlencode(filters)}"

        return HTMLResponse(_page(request, "dyad.html", v=view, rows=views.SECTION_ROWS, report_links=True,
                                  timeline=event_timeline(view.events, links.evidence, list_link),
                                  series=figure_series(view.figures, view.commitments, links.evidence)))

    @app.get("/dyad/{dyad}/report.{fmt}", include_in_schema=False)
    def dyad_report(dyad: str, fmt: str) -> Response:
        from ..report import render_report

        if fmt not in ("html", "md"):
            raise views.NotFound(f"no report format {fmt!r}; use report.html or report.md")
        canonical = views.canonical_dyad(dyad)
        body = render_report(store, canonical, fmt)
        media = "text/html; charset=utf-8" if fmt == "html" else "text/markdown; charset=utf-8"
        return Response(body, media_type=media, headers={
            "content-disposition": f'attachment; filename="bilat-{canonical}.{fmt}"'})

    @app.get("/dyad/{dyad}/{kind}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_list(request: Request, dyad: str, kind: str, offset: Offset = 0, start: dt.date | None = None,
                  end: dt.date | None = None, type: str | None = None,  # noqa: A002
                  status: str | None = None) -> str:
        if kind not in views.LIST_KINDS:
            raise views.NotFound(f"no list called {kind!r}; the lists are {', '.join(views.LIST_KINDS)}")
        if type and kind != "events":
            raise UsageError("the type filter applies to events only")
        if status and kind not in ("events", "commitments"):
            raise UsageError("the status filter applies to events and commitments only")
        summary = views.dyad_summary(store, dyad)
        d, n = summary.dyad, LIST_ROWS + 1
        filters = {k: v for k, v in (("type", type), ("status", status), ("start", start), ("end", end)) if v}
        period = (start, end) if start or end else None
        figure_ids: dict[str, dict] = {}
        if kind in ("events", "figures", "commitments", "claims"):
            where = {k: v for k, v in (("type", type), ("status", status)) if v}
            rows = store.items(kind[:-1], dyad=d, period=period, limit=n, offset=offset, **where)
        elif kind == "documents":
            rows = views.page_documents(store, d, (start, end), limit=n, offset=offset)
        else:
            rows = views.reuse_for_documents(store, d, limit=n, offset=offset)
        has_more, rows = len(rows) > LIST_ROWS, rows[:LIST_ROWS]
        if kind == "claims":
            ids = sorted({f for c in rows for f in c.get("figures") or []})
            figure_ids = {f["id"]: f for f in store.items("figure", ids=ids)} if ids else {}
        doc_ids = {r.get("doc") for r in rows} | {r.get("doc_a") for r in rows} | {r.get("doc_b") for r in rows}
        doc_ids = sorted(i for i in doc_ids if i)
        titles = {x["id"]: x.get("title") or x["id"] for x in store.documents(ids=doc_ids)} if doc_ids else {}
        doc_items = views.item_counts_by_document(store, [r["id"] for r in rows]) if kind == "documents" else {}
        return _page(request, "list.html", dyad=d, name=summary.name, kind=kind, rows=rows, titles=titles,
                     figure_ids=figure_ids, doc_items=doc_items, offset=offset, limit=LIST_ROWS, has_more=has_more,
                     filters=filters, filter_query="".join(f"&{urlencode({k: v})}" for k, v in filters.items()))

    @app.get("/doc/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def doc_page(request: Request, doc_id: str) -> str:
        view = views.document_view(store, doc_id)
        return _page(request, "doc.html", d=view.doc, html=view.html, items=view.items, reuse=view.reuse,
                     others=view.others)

    @app.get("/item/{item_id}", include_in_schema=False)
    def item_page(request: Request, item_id: str) -> RedirectResponse:
        rec = views.find_item(store, item_id)
        links = WebLinks(request.scope.get("root_path", ""))
        if rec["kind"] in views.ITEM_KINDS:
            target = links.evidence(rec)
        elif rec["kind"] == "reuse":
            target = links.reuse(rec, "a")
        else:  # a claim: its row on the page of its dyad
            codes = rec.get("countries") or []
            dyad = "-".join(sorted(codes)) if len(codes) == 2 else None
            target = f"{links.base}/dyad/{dyad}#row-{segment(item_id)}" if dyad else f"{links.base}/api/items/{segment(item_id)}"
        return RedirectResponse(target, status_code=307)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "", kind: str = "", offset: Offset = 0) -> str:  # noqa: A002
        hits, engine = [], "like"
        if kind and kind not in SEARCH_KINDS:
            raise UsageError(f"unknown kind {kind!r}; search one of {', '.join(SEARCH_KINDS)} or everything")
        if q.strip():
            found = run_search(store, q, limit=SEARCH_ROWS + 1, offset=offset, kind=kind or None)
            hits, engine = found.hits, found.engine
        has_more, hits = len(hits) > SEARCH_ROWS, hits[:SEARCH_ROWS]
        links = WebLinks(request.scope.get("root_path", ""))
        doc_ids = sorted({h["doc"] for h in hits})
        titles = {x["id"]: x.get("title") or x["id"] for x in store.documents(ids=doc_ids)} if doc_ids else {}
        for h in hits:
            h["doc_title"] = titles.get(h["doc"], h["doc"])
            h["url"] = links.doc(h["doc"]) + ("" if h["kind"] == "document" else f"#item-{segment(h['id'])}")
        return _page(request, "search.html", q=q, kind=kind, kinds=SEARCH_KINDS, hits=hits, engine=engine,
                     offset=offset, limit=SEARCH_ROWS, has_more=has_more)

    @app.get("/api-docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> str:
        schema = app.openapi()
        endpoints = []
        for path, ops in schema.get("paths", {}).items():
            op = ops.get("get") or {}
            params = [{"name": p["name"], "description": p.get("description", "")} for p in op.get("parameters", [])]
            endpoints.append({"path": path, "summary": op.get("summary", ""), "params": params})
        return _page(request, "api_docs.html", endpoints=endpoints, openapi_url=app.openapi_url)

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(plotly_js_path(), media_type="text/javascript",
                            headers={"cache-control": "public, max-age=86400"})


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the dashboard with uvicorn until interrupted. Loopback only unless ``host`` says otherwise."""
    import uvicorn

    app = create_app(db)
    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("serving on %s: anyone who can reach this address can read the store", host)
    print(f"bilat dashboard for {_store_name(app.state.store)}: http://{host}:{port}/  (Ctrl-C to stop)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
