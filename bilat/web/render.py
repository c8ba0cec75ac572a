"""Jinja2 set-up shared by the dashboard and the HTML report.

Autoescaping is on for every template. The only values marked safe are built here or in
``views.marked_text`` from escaped pieces; no template applies ``|safe`` to document text.
"""
from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from .views import country_name, fmt_actors, fmt_period, fmt_value, label

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_script(value: Any) -> Markup:
    """JSON safe to put inside ``<script type="application/json">``: no ``</script>`` can close it.

    A string is taken as JSON already (plotly's ``to_json``); anything else is serialised.
    """
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    for ch, repl in _JSON_ESCAPES.items():
        text = text.replace(ch, repl)
    return Markup(text)


def json_compact(value: Any) -> str:
    """A short JSON rendering of a field for the record panel (escaped by the template)."""
    return json.dumps(value, ensure_ascii=False, default=str)


def highlight(snippet: str, highlights: list[list[int]]) -> Markup:
    """A search snippet, escaped, with its matches in ``<mark>``."""
    out, pos = [], 0
    for start, end in sorted(highlights or []):
        if start < pos:
            continue
        out.append(str(escape(snippet[pos:start])))
        out.append("<mark>" + str(escape(snippet[start:end])) + "</mark>")
        pos = end
    out.append(str(escape(snippet[pos:])))
    return Markup("".join(out))


def q(part: str) -> str:
    """A path segment, percent-encoded."""
    return quote(str(part), safe="")


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("bilat.web", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(value=fmt_value, period=fmt_period, actors=fmt_actors, label=label,
                       json_script=json_script, json_compact=json_compact, highlight=highlight)
    env.globals.update(country_name=country_name)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def static_path(name: str) -> Path:
    """A file of bilat's own static folder (CSS, JS)."""
    return Path(str(resources.files("bilat.web") / "static" / name))


def plotly_js_path() -> Path:
    """plotly.js as shipped inside the plotly Python package: served and inlined from here, never a CDN."""
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))
