"""Ingest: find the input files, tell their format, decode them, and turn them into raw documents.

Formats: plain text, HTML (main text and metadata through trafilatura) and JSON Lines (one
document per line with ``text`` or ``html`` and optional ``id``, ``url``, ``title``,
``published``, ``outlet``). Every problem becomes an :class:`~bilat.errors.InputError` naming
the file (and line) and saying what to do; the caller reports it and goes on with the rest.
"""
from __future__ import annotations

import codecs
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from charset_normalizer import from_bytes

from .errors import InputError, Messages

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MANIFEST_NAME = "manifest.jsonl"

# Leading bytes of common binary formats, to name what was given instead of text.
_MAGIC = {
    b"%PDF": "a PDF", b"PK\x03\x04": "a ZIP archive or Office file", b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable", b"SQLite format 3": "a SQLite database", b"\xd0\xcf\x11\xe0": "an old Office file",
}


# Byte order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


@dataclass
class RawDocument:
    """One document as read, before cleaning."""

    source: str  # the path as given, ``path:LINE`` for a JSON Lines line, or the document's URL
    path: str  # the file it came from
    text: str  # decoded text; for HTML the main text trafilatura extracted
    format: str  # "text", "html" or "jsonl"
    line: int | None = None
    encoding: str = "utf-8"
    meta: dict = field(default_factory=dict)  # title, published, outlet, url, id the input itself states

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def iter_files(paths: list[str]) -> Iterator[tuple[str, InputError | None]]:
    """Each file to read as (path, None), or (path, error) for a path that cannot be read.

    A folder is walked recursively in name order; inside folders only known suffixes are read and
    hidden files and ``manifest.jsonl`` are skipped. A file named explicitly is always tried.
    """
    for given in paths:
        p = Path(given)
        if not p.exists():
            yield given, InputError(given, Messages.E001)
        elif p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or name == MANIFEST_NAME:
                        continue
                    if Path(name).suffix.lower() in KNOWN_SUFFIXES:
                        yield os.path.join(root, name), None
        else:
            yield given, None


def decode(data: bytes, path: str, line: int | None = None) -> tuple[str, str]:
    """Bytes -> (text, encoding). UTF-8 first; otherwise the encoding charset-normalizer detects."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), codec
            except UnicodeDecodeError:
                raise InputError(path, Messages.E004, line) from None
    kind = next((what for magic, what in _MAGIC.items() if data.startswith(magic)), None)
    if kind or b"\x00" in data[:8192]:
        raise InputError(path, Messages.E003.format(what=f" ({kind})" if kind else ""), line)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    results = from_bytes(data)
    best = results.best()
    if best is None or best.encoding is None:
        raise InputError(path, Messages.E004, line)
    # Single-byte Western encodings often tie on short texts; windows-1252 is the one legacy
    # English and Western-European news uses (and what browsers read "latin-1" as), so it wins ties.
    tied = [r.encoding for r in results if r.chaos == best.chaos and r.coherence == best.coherence]
    if "cp1252" in tied:
        best = next(r for r in results if r.encoding == "cp1252")
    text = str(best)
    # Control characters other than whitespace mean the guess decoded noise, not text.
    if sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f") > len(text) * 0.01:
        raise InputError(path, Messages.E003.format(what=""), line)
    return text, best.encoding


def _check_size(size: int, limit: int, path: str, line: int | None = None) -> None:
    if size > limit:
        raise InputError(path, Messages.E005.format(size=size / 1e6, limit=limit / 1e6), line)


def _is_html(path: str, text: str) -> bool:
    if Path(path).suffix.lower() in HTML_SUFFIXES:
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<html" in head and "<body" in text[:5000].lower())


def html_to_text(html: str, path: str, line: int | None = None) -> tuple[str, dict]:
    """Main text and metadata of an HTML page, by trafilatura (one paragraph per line)."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (result.text or "") if result is not None else ""
    if not text.strip():
        raise InputError(path, Messages.E009, line)
    meta = {"title": result.title, "published": result.date, "outlet": result.sitename, "url": result.url}
    return text, {k: v for k, v in meta.items() if v}


def read_file(path: str, max_bytes: int) -> Iterator[RawDocument]:
    """The documents in one file. Raises InputError for a file that cannot be read at all;
    a bad line of a JSON Lines file is yielded as an InputError instead, so the rest is read."""
    try:
        size = os.path.getsize(path)
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror}") from e
    if Path(path).suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl(path, max_bytes)
        return
    _check_size(size, max_bytes, path)
    with open(path, "rb") as f:
        data = f.read()
    if not data.strip():
        raise InputError(path, Messages.E002)
    text, encoding = decode(data, path)
    if _is_html(path, text):
        body, meta = html_to_text(text, path)
        yield RawDocument(source=meta.get("url") or path, path=path, text=body, format="html",
                          encoding=encoding, meta=meta)
    else:
        yield RawDocument(source=path, path=path, text=text, format="text", encoding=encoding)


def read_jsonl(path: str, max_bytes: int) -> Iterator[RawDocument | InputError]:
    """Documents of a JSON Lines file, streamed line by line; bad lines come out as InputError."""
    seen_any = False
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            seen_any = True
            try:
                _check_size(len(raw), max_bytes, path, n)
                line, _ = decode(raw, path, n)
                yield parse_jsonl_line(line, path, n)
            except InputError as e:
                yield e
    if not seen_any:
        raise InputError(path, Messages.E002)


def json_problem(e: json.JSONDecodeError) -> str:
    """json's message without its dangling 'at', with the column."""
    msg = re.sub(r"\s+at$", "", e.msg)
    return f"{msg} at column {e.colno}"


def parse_jsonl_line(line: str, path: str, n: int) -> RawDocument:
    try:
        obj = json.loads(line.strip())
    except json.JSONDecodeError as e:
        raise InputError(path, Messages.E006.format(detail=json_problem(e)), n) from None
    if not isinstance(obj, dict):
        raise InputError(path, Messages.E008.format(type=type(obj).__name__), n)
    meta = {k: obj[k] for k in ("title", "published", "outlet", "url") if obj.get(k)}
    if obj.get("id") not in (None, ""):
        meta["id"] = str(obj["id"])
    text, fmt = obj.get("text"), "jsonl"
    if not (isinstance(text, str) and text.strip()):
        html = obj.get("html")
        if not (isinstance(html, str) and html.strip()):
            raise InputError(path, Messages.E007, n)
        text, html_meta = html_to_text(html, path, n)
        meta = {**html_meta, **meta}
        fmt = "jsonl-html"
    source = meta.get("url") or (f"{path}#{meta['id']}" if "id" in meta else f"{path}:{n}")
    return RawDocument(source=source, path=path, text=text, format=fmt, line=n, meta=meta)
