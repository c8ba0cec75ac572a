"""The dyad page's charts, as plotly figures built here and drawn by the local plotly.js.

Each chart is returned as plotly's JSON; every point carries the address of its evidence in
``customdata`` so a click on it opens the sentence. Text that came from documents (evidence,
names) is HTML-escaped before it goes into a figure, because plotly renders a few tags in
hover labels and titles.
"""
from __future__ import annotations

import calendar
import datetime as dt
import html
import textwrap
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model import EVENT_TYPES
from .views import fmt_period, fmt_value, granularity

Link = Callable[[dict], str]  # an item -> the address of its evidence
ListLink = Callable[[str, dict], str]  # a list ("events") and filters -> the address of that list
MAX_CHARTS = 6  # figure charts on one page; every figure is still in the table
MAX_EVENT_POINTS = 500  # more dated events than this are counted per month on the timeline
MAX_VALUES_PER_PERIOD = 30  # distinct values drawn for one period of one measure
_STATUS_STYLE = {  # event status -> (colour, marker symbol)
    "occurred": ("#1f6f8b", "circle"), "ongoing": ("#7a5195", "square"),
    "habitual": ("#888888", "diamond"), "planned": ("#ef8a17", "circle-open"),
}
_VALUE_TYPE_STYLE = {"observed": ("#1f6f8b", "circle"), "forecast": ("#7a5195", "diamond-open"),
                     "target": ("#ef8a17", "star-open")}
_TARGET_COLOUR = {"met": "#2e7d32", "missed": "#c62828", "open": "#ef8a17", "unknown": "#888888"}
_GRAN_WORD = {"year": "year", "month": "month", "months": "period", "day": "day", "days": "period"}


@dataclass
class Chart:
    """One chart: an element id, a title for people and screen readers, and plotly's JSON."""

    id: str
    title: str
    json: str


def _hover(*lines: str, evidence: str = "") -> str:
    out = [html.escape(line) for line in lines if line]
    if evidence:
        short = evidence if len(evidence) <= 280 else evidence[:277] + "…"
        out.extend(html.escape(part) for part in textwrap.wrap(short, 70))
    return "<br>".join(out)


def _layout(title: str, height: int) -> dict:
    return {"title": {"text": html.escape(title), "font": {"size": 14}}, "height": height,
            "margin": {"l": 90, "r": 20, "t": 40, "b": 40}, "template": "none",
            "hovermode": "closest", "legend": {"orientation": "h", "x": 1, "xanchor": "right", "y": 1.0,
                                               "yanchor": "bottom"},
            "plot_bgcolor": "#ffffff", "paper_bgcolor": "#ffffff"}


def event_timeline(events: list[dict], link: Link, list_link: ListLink) -> Chart | None:
    """Events by date (x) and PLOVER type (y), one trace per status.

    Up to ``MAX_EVENT_POINTS`` dated events each get a point (a range also gets a bar) that
    opens its sentence. Beyond that the chart counts events per month, type and status, and a
    point opens the list of those events, so a dyad with years of coverage stays light.
    """
    import plotly.graph_objects as go

    dated = [e for e in events if (e.get("date") or {}).get("start")]
    if not dated:
        return None
    types = sorted({e["type"] for e in dated}, key=lambda t: (EVENT_TYPES.index(t) if t in EVENT_TYPES else 99, t))
    fig = go.Figure()
    by_status: dict[str, list[dict]] = defaultdict(list)
    for e in dated:
        by_status[e.get("status") or "occurred"].append(e)
    monthly = len(dated) > MAX_EVENT_POINTS
    for status, group in sorted(by_status.items()):
        if monthly:
            fig.add_trace(_monthly_trace(go, status, group, list_link))
        else:
            fig.add_traces(_event_traces(go, status, group, link))
    title = "Events per month by type and status (click a point for those events)" if monthly else \
        "Events by type and status (click a point for its sentence)"
    layout = _layout(title, 120 + 40 * len(types))
    layout["yaxis"] = {"categoryorder": "array", "categoryarray": types[::-1], "type": "category"}
    days = [dt.date.fromisoformat(d) for e in dated for d in (e["date"]["start"], e["date"]["end"])]
    pad = max(dt.timedelta(days=10), (max(days) - min(days)) / 20)  # one event still gets weeks around it
    layout["xaxis"] = {"type": "date", "range": [(min(days) - pad).isoformat(), (max(days) + pad).isoformat()],
                       "tickformat": "%b %Y" if monthly else "%-d %b %Y", "showgrid": True, "gridcolor": "#eeeeee"}
    fig.update_layout(**layout)
    return Chart("chart-events", "Events by type and status", fig.to_json())


def _event_traces(go: Any, status: str, group: list[dict], link: Link) -> list:
    colour, symbol = _STATUS_STYLE.get(status, ("#444444", "x"))
    traces = []
    seg_x: list[str | None] = []
    seg_y: list[str | None] = []
    for e in group:
        if e["date"]["end"] != e["date"]["start"]:
            seg_x += [e["date"]["start"], e["date"]["end"], None]
            seg_y += [e["type"], e["type"], None]
    if seg_x:
        traces.append(go.Scatter(x=seg_x, y=seg_y, mode="lines", line={"color": colour, "width": 5}, opacity=0.35,
                                 hoverinfo="skip", showlegend=False, legendgroup=status))
    traces.append(go.Scatter(
        x=[e["date"]["start"] for e in group], y=[e["type"] for e in group], mode="markers", name=status,
        legendgroup=status, marker={"size": 12, "color": colour, "symbol": symbol, "line": {"width": 2}},
        customdata=[[link(e)] for e in group], hovertemplate="%{text}<extra></extra>",
        text=[_hover(f"{e['type']} {e.get('mode') or ''} ({status})",
                     f"{fmt_period(e['date'])}" + (f" — “{e['date_text']}”" if e.get("date_text") else
                                                             " — story's date" if e.get("date_from") == "published" else ""),
                     ", ".join(a["name"] for a in e.get("source") or []) + " → "
                     + ", ".join(a["name"] for a in e.get("target") or []),
                     evidence=e.get("text") or "") for e in group]))
    return traces


def _monthly_trace(go: Any, status: str, group: list[dict], list_link: ListLink) -> Any:
    colour, symbol = _STATUS_STYLE.get(status, ("#444444", "x"))
    counts: dict[tuple[str, dt.date], int] = defaultdict(int)
    for e in group:
        counts[(e["type"], dt.date.fromisoformat(e["date"]["start"]).replace(day=1))] += 1
    keys = sorted(counts, key=lambda k: (k[1], k[0]))
    top = max(counts.values())

    def last_day(month: dt.date) -> dt.date:
        return month.replace(day=calendar.monthrange(month.year, month.month)[1])

    return go.Scatter(
        x=[m.isoformat() for _t, m in keys], y=[t for t, _m in keys], mode="markers", name=status,
        marker={"size": [6 + 18 * (counts[k] / top) ** 0.5 for k in keys], "color": colour, "symbol": symbol,
                "line": {"width": 1}},
        customdata=[[list_link("events", {"type": t, "status": status, "start": m.isoformat(),
                                          "end": last_day(m).isoformat()})] for t, m in keys],
        hovertemplate="%{text}<extra></extra>",
        text=[_hover(f"{counts[(t, m)]} {t} event(s), {status}", f"{m:%b %Y}") for t, m in keys])


def _series_key(f: dict) -> tuple:
    countries = list(f.get("countries") or [])
    if f.get("flow") in (None, "total"):
        countries = sorted(countries)  # a total is the same whichever country is named first
    measure = f.get("measure") or (f.get("what") or "").strip().lower()
    return measure, tuple(countries), f.get("flow") or "", f.get("unit") or "", granularity(f.get("period"))


def _scale(values: list[float]) -> tuple[float, str]:
    top = max((abs(v) for v in values), default=0)
    for size, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if top >= size:
            return size, word
    return 1.0, ""


def _distinct_values(group: list[dict]) -> list[list[dict]]:
    """Figures of one period that state the same value (to 4 significant digits, same qualifier)
    as one point: copies of a story make a bigger point, not a crowd. Most-stated values first,
    at most ``MAX_VALUES_PER_PERIOD`` per period."""
    same: dict[tuple, list[dict]] = defaultdict(list)
    for f in group:
        same[(f["period"]["start"], f["period"]["end"], float(f"{f['value']:.4g}"), f.get("qualifier"))].append(f)
    per_period: dict[tuple, list[list[dict]]] = defaultdict(list)
    for key, figs in same.items():
        per_period[key[:2]].append(sorted(figs, key=lambda f: (f["doc"], f["id"])))
    out = []
    for values in per_period.values():
        out += sorted(values, key=lambda g: -len(g))[:MAX_VALUES_PER_PERIOD]
    return out


@dataclass
class Series:
    """One measure over periods: its figures and the targets set for it."""

    measure: str
    countries: tuple[str, ...]
    flow: str
    unit: str
    granularity: str
    points: list[dict]
    targets: list[dict]

    @property
    def title(self) -> str:
        flow_word = f" {self.flow}" if self.flow and self.flow != "total" else ""
        return (f"{self.measure}{flow_word} ({'–'.join(self.countries)}, {self.unit}) "
                f"by {_GRAN_WORD.get(self.granularity, 'period')}")


def series(figures: list[dict], commitments: list[dict], limit: int | None = MAX_CHARTS) -> list[Series]:
    """The measures worth drawing, targets first, then the most stated.

    Figures are grouped by measure, countries, flow, unit and kind of period (a year is not
    compared with two months). A commitment's target joins a group about the same measure
    and unit whose periods are of the kind of its deadline. A group is worth drawing with
    values for two periods or more, or with a target to compare with.
    """
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for f in figures:
        if (f.get("period") or {}).get("start") and f.get("value") is not None:
            groups[_series_key(f)].append(f)

    def targets_for(key: tuple) -> list[dict]:
        measure, _countries, flow, unit, gran = key
        return [c for c in commitments if c.get("target_value") is not None and c.get("unit") == unit
                and c.get("measure") and c["measure"] == measure and granularity(c.get("deadline")) == gran
                and not (c.get("flow") and flow and c["flow"] != flow)]

    worth = [k for k in groups if targets_for(k) or len({fmt_period(f["period"]) for f in groups[k]}) > 1]
    ranked = sorted(worth, key=lambda k: (-len(targets_for(k)), -len(groups[k]), k))[:limit]
    return [Series(*key, points=sorted(groups[key], key=lambda f: (f["period"]["start"], f["doc"])),
                   targets=targets_for(key)) for key in ranked]


def figure_series(figures: list[dict], commitments: list[dict], link: Link) -> list[Chart]:
    """A chart per measure (see :func:`series`) with its values by period.

    A target is drawn as a dashed line labelled with its status, and as a star at its deadline.
    """
    import plotly.graph_objects as go

    charts = []
    for n, sr in enumerate(series(figures, commitments)):
        measure, unit = sr.measure, sr.unit
        points, targets = sr.points, sr.targets
        size, word = _scale([p["value"] for p in points] + [t["target_value"] for t in targets])
        starts: dict[str, str] = {}
        for p in points:
            starts.setdefault(fmt_period(p["period"]), p["period"]["start"])
        for t in targets:
            starts.setdefault(fmt_period(t["deadline"]), t["deadline"]["start"])
        fig = go.Figure()
        by_type: dict[str, list[dict]] = defaultdict(list)
        for p in points:
            by_type[p.get("value_type") or "observed"].append(p)
        for value_type, group in sorted(by_type.items()):
            colour, symbol = _VALUE_TYPE_STYLE.get(value_type, ("#444444", "x"))
            same = _distinct_values(group)
            fig.add_trace(go.Scatter(
                x=[fmt_period(g[0]["period"]) for g in same], y=[g[0]["value"] / size for g in same],
                mode="markers", name=value_type, marker={"size": [min(10 + 2 * (len(g) - 1), 24) for g in same],
                                                         "color": colour, "symbol": symbol},
                customdata=[[link(g[0])] for g in same], hovertemplate="%{text}<extra></extra>",
                text=[_hover(f"{g[0].get('what') or measure}: {fmt_value(g[0]['value'], unit, g[0].get('qualifier'))}",
                             f"{fmt_period(g[0]['period'])} ({value_type})"
                             + (f", given by {len(g)} figures in {len({x['doc'] for x in g})} document(s)"
                                if len(g) > 1 else ""),
                             evidence=g[0].get("text") or "") for g in same]))
        shapes, notes = [], []
        for t in targets:
            status = t.get("status") or "unknown"
            colour = _TARGET_COLOUR.get(status, "#888888")
            y = t["target_value"] / size
            words = f"target {fmt_value(t['target_value'], unit)} by {fmt_period(t['deadline'])}: {status}"
            shapes.append({"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": y, "y1": y,
                           "line": {"color": colour, "dash": "dash", "width": 2}})
            notes.append({"xref": "paper", "x": 0, "xanchor": "left", "y": y, "yanchor": "bottom",
                          "text": html.escape(words), "showarrow": False, "font": {"color": colour}})
            fig.add_trace(go.Scatter(
                x=[fmt_period(t["deadline"])], y=[y], mode="markers", name=f"target ({status})",
                marker={"size": 16, "color": colour, "symbol": "star"},
                customdata=[[link(t)]], hovertemplate="%{text}<extra></extra>",
                text=[_hover(words, evidence=t.get("text") or "")]))
        title = sr.title
        layout = _layout(title, 340)
        order = sorted(starts, key=lambda label: dt.date.fromisoformat(starts[label]))
        layout["xaxis"] = {"type": "category", "categoryorder": "array", "categoryarray": order}
        layout["yaxis"] = {"title": {"text": html.escape(f"{unit} {word}".strip())}, "rangemode": "tozero",
                           "gridcolor": "#eeeeee"}
        layout["shapes"], layout["annotations"] = shapes, notes
        fig.update_layout(**layout)
        charts.append(Chart(f"chart-figures-{n}", title, fig.to_json()))
    return charts
