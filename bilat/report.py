"""``bilat report``: one dyad's record as a single file, HTML or Markdown.

The HTML report shows what the dashboard's dyad page shows (timeline, figure charts with
targets, commitments, claims, documents and reuse) with plotly.js, bilat's CSS and JS inlined,
so the file opens anywhere with no server and no network. Links that on the dashboard open a
document page open instead the report's own Evidence section, where every item's sentence is
quoted with the item marked. The Markdown report has the same tables, and the evidence as
quoted sentences under headings named by item id, so ``[...](#f-…)`` links work on any
renderer that makes heading anchors (GitHub, GitLab, most editors).

Document text is escaped in both: HTML by Jinja's autoescaping and ``marked_text``, Markdown
by backslash-escaping every character Markdown or inline HTML would act on.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from . import __version__
from .errors import UsageError
from .store import Store
from .web import views
from .web.charts import event_timeline, figure_series, series
from .web.render import plotly_js_path, render, static_path

FORMATS = ("html", "md")


class ReportLinks:
    """Where the report's tables point: its own Evidence section."""

    def evidence(self, rec: dict) -> str:
        return f"#ev-{rec['id']}"

    def doc(self, doc_id: str) -> str:
        return f"#ev-doc-{doc_id}"

    def item(self, item_id: str) -> str:
        return f"#ev-{item_id}"

    def reuse(self, rec: dict, side: str) -> str:
        return f"#ev-{rec['id']}"


@dataclass
class Entry:
    """One quoted sentence of the Evidence section."""

    rec: dict
    span: tuple[int, int]
    html: Markup
    text: str


@dataclass
class EvidenceGroup:
    doc: dict
    entries: list[Entry]


def _evidence(store: Store, v: views.DyadView) -> list[EvidenceGroup]:
    """Each document's items (and reused passages) with the sentence they stand on, in text order."""
    by_doc: dict[str, list[dict]] = {}
    for rec in (*v.events, *v.figures, *v.commitments):
        by_doc.setdefault(rec["doc"], []).append(rec)
    for r in v.reuse:
        by_doc.setdefault(r["doc_a"], []).append(r)
    groups = []
    for doc in store.documents(ids=sorted(by_doc), with_text=True) if by_doc else []:
        text = doc["text"]
        entries = [_entry(rec, text) for rec in by_doc[doc["id"]]]
        entries.sort(key=lambda e: (e.span[0], e.rec["kind"]))
        groups.append(EvidenceGroup(doc=doc, entries=entries))
    return groups


def _entry(rec: dict, text: str) -> Entry:
    """The item's sentence, escaped, with a figure's number marked when its offsets fit the text."""
    if rec["kind"] == "reuse":
        span = tuple(rec.get("span_a_clean") or rec["span_a"]) if rec.get("in") == "raw" else tuple(rec["span_a"])
        sentence = rec.get("text_a") or ""
        return Entry(rec, (int(span[0]), int(span[1])), views.marked_text(sentence, []), sentence)
    s, e = (int(x) for x in rec.get("span") or (0, 0))
    sentence = views.evidence_sentence(rec, text)
    marks = []
    vs = rec.get("value_span")
    if vs and text[s:e] == sentence and s <= vs[0] < vs[1] <= e:
        marks.append(views.Mark(vs[0] - s, vs[1] - s, "value", rec["id"]))
    return Entry(rec, (s, e), views.marked_text(sentence, marks), sentence)


def _inline(text: str, closing: str) -> Markup:
    """A packaged asset to inline in a raw-text element; ``</script`` or ``</style`` cannot end it early."""
    return Markup(re.sub(re.escape(closing), lambda m: "<\\/" + m.group(0)[2:], text, flags=re.IGNORECASE))


def _store_name(store: Store) -> str:
    if "://" in store.db:
        return store.engine.url.render_as_string(hide_password=True)
    return os.path.basename(store.db)


def render_html(store: Store, dyad: str) -> str:
    v = views.dyad_view(store, dyad, rows=None)
    links = ReportLinks()
    return render("report.html", v=v, ln=links, base="", version=__version__, store_name=_store_name(store),
                  generated=dt.date.today().isoformat(), rows=None,
                  timeline=event_timeline(v.events, links.evidence, lambda kind, _filters: f"#{kind}"),
                  series=figure_series(v.figures, v.commitments, links.evidence), evidence=_evidence(store, v),
                  css=_inline(static_path("bilat.css").read_text(encoding="utf-8"), "</style"),
                  plotly_js=_inline(plotly_js_path().read_text(encoding="utf-8"), "</script"),
                  bilat_js=_inline(static_path("bilat.js").read_text(encoding="utf-8"), "</script"))


# --- Markdown ----------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~&$])")


def md(value: object) -> str:
    """Text as inert Markdown: every character Markdown or inline HTML acts on is escaped, on one line."""
    text = "" if value is None else str(value)
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    head = list(head)
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    if len(out) == 2:
        out.append("| " + " | ".join(["—"] * len(head)) + " |")
    return out + [""]


def _ev(rec: dict) -> str:
    return f"[{rec['id']}](#{rec['id']})"


def _quote(rec: dict, n: int = 120) -> str:
    t = rec.get("text") or ""
    return md(t if len(t) <= n else t[: n - 1] + "…")


def render_md(store: Store, dyad: str) -> str:
    v = views.dyad_view(store, dyad, rows=None)
    s = v.summary
    title = lambda doc_id: md(v.doc_titles.get(doc_id, doc_id))  # noqa: E731
    lines = [f"# {md(s.name)} ({s.dyad})", "",
             f"{s.documents} documents · {s.events} events · {s.figures} figures · {s.commitments} commitments · "
             f"{s.claims} claims. bilat {__version__} report from {md(_store_name(store))}, "
             f"{dt.date.today().isoformat()}. Each item id links to its sentence under *Evidence*.", ""]
    lines += ["## Events", ""]
    lines += _table(["Date", "Type", "Who → whom", "Status", "Evidence", "Sentence"], (
        [md(views.fmt_period(e.get("date")) or "—"), md(" ".join(p for p in (e["type"], e.get("mode")) if p)),
         md(f"{views.fmt_actors(e.get('source') or [])} → {views.fmt_actors(e.get('target') or [])}"),
         md(e.get("status")), _ev(e), _quote(e)] for e in v.events))
    lines += ["## Figures", ""]
    lines += _table(["What", "Value", "Period", "Kind", "Evidence", "Document"], (
        [md(f.get("what")), md(views.fmt_value(f.get("value"), f.get("unit"), f.get("qualifier"))),
         md(views.fmt_period(f.get("period")) or f.get("period_text") or "—"), md(f.get("value_type")), _ev(f),
         title(f["doc"])] for f in v.figures))
    lines += _series_md(v)
    lines += ["## Commitments", ""]
    lines += _table(["Commitment", "Who", "Target", "Deadline", "Status", "Evidence"], (
        [md(c.get("what")), md(", ".join(c.get("actors") or [])),
         md(views.fmt_value(c.get("target_value"), c.get("unit")) or "—"),
         md(views.fmt_period(c.get("deadline")) or c.get("deadline_text") or "—"),
         md(c.get("status")) + (f" ({md(c['status_note'])})" if c.get("status_note") else ""), _ev(c)]
        for c in v.commitments))
    lines += ["## Claims", ""]
    lines += _table(["What", "Period", "Values", "Verdict", "Note"], (
        [md(c.get("what")), md(views.fmt_period(c.get("period")) or "—"),
         ", ".join(f"{md(views.fmt_value(val, c.get('unit')))} ([{fid}](#{fid}))"
                   for fid, val in zip(c.get("figures") or [], c.get("values") or [], strict=False)),
         md(c.get("verdict")), md(c.get("note"))] for c in v.claims))
    lines += ["## Documents", ""]
    lines += _table(["Published", "Outlet", "Title", "Id", "Items"], (
        [md(d.get("published") or "—"), md(d.get("outlet") or "—"), md(d.get("title")), f"`{d['id']}`",
         str(sum(v.doc_items.get(d["id"], {}).values()))] for d in v.documents))
    lines += ["## Reuse", ""]
    lines += _table(["Relation", "Score", "Between", "Evidence"], (
        [md(r["relation"]), md(r.get("score")),
         f"within {title(r['doc_a'])}" if r["doc_a"] == r["doc_b"] else f"{title(r['doc_a'])} ⇄ {title(r['doc_b'])}",
         _ev(r)] for r in v.reuse))
    lines += ["## Evidence", ""]
    for group in _evidence(store, v):
        d = group.doc
        lines += [f"**{md(d.get('title') or d['id'])}**, {md(d.get('outlet') or 'outlet unknown')}, "
                  f"{md(d.get('published') or 'date unknown')} (`{d['id']}`, {md(d.get('source'))})", ""]
        for e in group.entries:
            lines += [f"### {e.rec['id']}", "", f"> {md(e.text)}", "",
                      f"{md(e.rec['kind'])}: {md(views.label(e.rec))} · chars {e.span[0]}–{e.span[1]}", ""]
    return "\n".join(lines).rstrip() + "\n"


def _series_md(v: views.DyadView) -> list[str]:
    """The figure charts of the HTML report as small tables: values by period, and the targets."""
    out: list[str] = []
    for sr in series(v.figures, v.commitments, limit=None):
        out += [f"### {md(sr.title)}", ""]
        out += _table(["Period", "Value", "Kind", "Evidence"], (
            [md(views.fmt_period(f["period"])), md(views.fmt_value(f["value"], sr.unit, f.get("qualifier"))),
             md(f.get("value_type")), _ev(f)] for f in sr.points))
        for c in sr.targets:
            out += [f"Target: {md(views.fmt_value(c['target_value'], sr.unit))} by "
                    f"{md(views.fmt_period(c.get('deadline')) or c.get('deadline_text') or '?')}, "
                    f"status **{md(c.get('status'))}** ({_ev(c)})", ""]
    return out


def render_report(store: Store, dyad: str, fmt: str = "html") -> str:
    """The report as a string (the dashboard serves it for download)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    return render_html(store, dyad) if fmt == "html" else render_md(store, dyad)


def write_report(store: Store, dyad: str, fmt: str, out_path: str) -> str:
    """Write one dyad's report to ``out_path`` (atomically) and return the path written."""
    body = render_report(store, views.canonical_dyad(dyad), fmt)
    tmp = out_path + ".part"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(body)
    os.replace(tmp, out_path)
    return out_path
