"""Clean: from a raw document to the cleaned text every offset refers to — recorded, not silent.

What cleaning does, in order:

1. split the raw text into lines and classify them: blank, boilerplate (rules in
   ``data/boilerplate.tsv``: comment forms, share bars, "Related Articles", ...), a section
   label above the title ("World News"), a dateline ("Published: Mar 18, 2023 01:35 AM"),
   a byline or a "Source:" line;
2. group the remaining lines into paragraphs (blank lines separate paragraphs; hard-wrapped
   wire copy is re-joined);
3. normalise Unicode (NFKC) and whitespace inside each paragraph, keeping for every cleaned
   character the raw offset it came from (:class:`OffsetMap`);
4. find paragraphs repeated inside the document (identical after normalising quotes, case
   and spacing, or near-identical with the same numbers), keep the first copy and record the
   repeat as a ``reuse`` record with raw spans;
5. settle the metadata: title, publication date and outlet from the input's own metadata,
   the text itself, then the manifest.

Everything removed is listed in ``Document.cleaning`` (rule, raw line, text).
"""
from __future__ import annotations

import bisect
import datetime as dt
import difflib
import hashlib
import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from .errors import InputError, Messages
from .model import Document, Reuse
from .readers import RawDocument

# --- offsets ----------------------------------------------------------------------------------


@dataclass
class OffsetMap:
    """Cleaned-text offset -> raw-text offset, stored as runs (clean_start, raw_start, length)."""

    runs: list[tuple[int, int, int]]

    @classmethod
    def from_array(cls, raw_of: array) -> OffsetMap:
        """Runs of consecutive raw offsets: a new run starts wherever the next raw offset is not
        the previous one plus one (numpy finds those places; a loop per character was slow)."""
        if not raw_of:
            return cls([])
        raw = np.asarray(raw_of, dtype=np.int64)
        starts = np.concatenate(([0], np.flatnonzero(np.diff(raw) != 1) + 1))
        lengths = np.diff(np.append(starts, len(raw)))
        return cls(list(zip(starts.tolist(), raw[starts].tolist(), lengths.tolist())))

    def to_raw(self, i: int) -> int:
        if not self.runs:
            return i
        k = bisect.bisect_right(self.runs, (i, float("inf"), 0)) - 1
        cs, rs, n = self.runs[max(k, 0)]
        return rs + min(max(i - cs, 0), n)

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw span of a cleaned span (end exclusive)."""
        if end <= start:
            r = self.to_raw(start)
            return r, r
        return self.to_raw(start), self.to_raw(end - 1) + 1

    def to_json(self) -> list[list[int]]:
        return [list(r) for r in self.runs]

    @classmethod
    def from_json(cls, data: list) -> OffsetMap:
        return cls([tuple(r) for r in data or []])


# --- rules ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def boilerplate_rules() -> list[tuple[str, re.Pattern]]:
    rules = []
    text = resources.files("bilat").joinpath("data/boilerplate.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, pattern = line.split("\t", 1)
            rules.append((name, re.compile(rf"\s*(?:{pattern.strip()})\s*", re.IGNORECASE)))
    return rules


def boilerplate_rule(line: str) -> str | None:
    """The name of the boilerplate rule a whole line matches, or None."""
    s = line.strip()
    if not s or len(s) > 200:
        return None
    for name, rx in boilerplate_rules():
        if rx.fullmatch(s):
            return name
    return None


_DATELINE = re.compile(
    r"^\s*(?:first\s+)?(?:published|posted|updated|last\s+updated|date|released|issued)\b\s*(?:on|at|:)?\s*(?P<when>.+)$",
    re.IGNORECASE)
_DATE_ONLY = re.compile(
    r"^\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:[\s,|]+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,5}|\s*[+-]\d{2}:?\d{2})?)?\s*$")
_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,4}(?:\s*(?:,|\||and)\s*.*)?$")
_SOURCE_LINE = re.compile(r"^\s*(?:Source|Via)\s*:\s*(?P<outlet>[A-Z][^.!?]{1,60})\s*$")
_WIRE = re.compile(r"\((?P<outlet>Reuters|AP|AFP|Xinhua|TASS|Kyodo|Yonhap|Bloomberg|UPI|dpa|ANI|PTI|IANS|Interfax|"
                   r"RIA Novosti|Sputnik|Anadolu|Bernama|Antara|KUNA|WAM|SPA|IRNA|KCNA|CNA)\)\s*[-\u2013\u2014]")
_UPDATED = re.compile(r"\b(?:updated|modified|last\s+updated)\b.*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"""[.!?:;]['"\u2019\u201d)\]]*\s*$""")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "`": "'",
                         "\u2013": "-", "\u2014": "-", "\u2212": "-"})
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"\w+")


def parse_date(value: object) -> dt.date | None:
    """A date from a metadata value or a dateline, or None (dateparser reads the many forms)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = _UPDATED.sub("", str(value)).strip(" ,|")
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        pass
    import dateparser  # slow to import; only needed when a date is not ISO

    d = dateparser.parse(s, languages=["en"], settings={
        "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False})
    return d.date() if d else None


def content_hash(text: str) -> str:
    """Identity of a document: its text with newlines and surrounding space normalised."""
    norm = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def repeat_key(text: str) -> str:
    """Two paragraphs are verbatim repeats when their keys are equal (quotes, case, spacing)."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().split())


# --- lines and paragraphs ---------------------------------------------------------------------


@dataclass
class _Line:
    start: int  # raw offsets, without the line break
    end: int
    text: str
    kind: str = "text"  # text | blank | removed
    rule: str | None = None

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())


def _lines(raw: str) -> list[_Line]:
    out, pos = [], 0
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", raw):
        if m.start() == len(raw) and out:
            break
        body = m.group().rstrip("\r\n")
        out.append(_Line(m.start(), m.start() + len(body), body, "text" if body.strip() else "blank"))
        pos = m.end()
    return out


def _wrap_width(lines: list[_Line]) -> int | None:
    """The width hard-wrapped text was wrapped at, or None when lines are whole paragraphs."""
    lengths = sorted(len(x.text.rstrip()) for x in lines if x.kind == "text")
    if len(lengths) < 5:
        return None
    width = lengths[int(len(lengths) * 0.9) - 1]
    return width if width <= 100 else None


def _paragraphs(lines: list[_Line], one_per_line: bool) -> list[list[_Line]]:
    """Group kept lines into paragraphs. Blank and removed lines end a paragraph; so does the
    first line (the title). Inside a block, hard-wrapped lines are joined."""
    width = None if one_per_line else _wrap_width(lines)
    paras: list[list[_Line]] = []
    current: list[_Line] = []
    first_text_seen = False
    for line in lines:
        if line.kind != "text":
            if current:
                paras.append(current)
                current = []
            continue
        if current:
            prev = current[-1]
            # a long line continues into the next unless the next is indented further (wire copy
            # indents the first line of each paragraph)
            continued = (width is not None and len(prev.text.rstrip()) >= 0.6 * width
                         and line.indent <= prev.indent)
            if not continued:
                paras.append(current)
                current = []
        current.append(line)
        if not first_text_seen:
            first_text_seen = True
            paras.append(current)
            current = []
    if current:
        paras.append(current)
    return paras


def _normalise(raw: str, pieces: list[_Line]) -> tuple[str, array]:
    """NFKC + single spaces over the given raw lines, and the raw offset of each output char."""
    out: list[str] = []
    raw_of = array("l")
    pending_space: int | None = None
    for piece in pieces:
        segment = raw[piece.start:piece.end]
        for m in re.finditer(r"\S+", segment):
            tok, base = m.group(), piece.start + m.start()
            if pending_space is not None and out:
                out.append(" ")
                raw_of.append(pending_space)
            if tok.isascii():
                out.append(tok)
                raw_of.extend(range(base, base + len(tok)))
            else:
                for i, ch in enumerate(tok):
                    if unicodedata.category(ch) in ("Cf", "Cc") or ch == "\u00ad":
                        continue  # zero-width and control characters, soft hyphens
                    norm = unicodedata.normalize("NFKC", ch)
                    if norm.isspace():
                        if out and out[-1] != " ":
                            out.append(" ")
                            raw_of.append(base + i)
                        continue
                    out.append(norm)
                    raw_of.extend([base + i] * len(norm))
            pending_space = piece.start + m.end()
        if pieces:
            pending_space = piece.end
    text = "".join(out)
    if text.endswith(" "):  # a trailing normalised space
        text = text[:-1]
        raw_of = raw_of[:-1]
    # NFC after per-char NFKC: combining marks compose with their base (same raw offset).
    if not text.isascii() and unicodedata.normalize("NFC", text) != text:
        composed, comp_of = [], array("l")
        for m in re.finditer(r".[\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff\ufe20-\ufe2f]*", text, re.S):
            c = unicodedata.normalize("NFC", m.group())
            composed.append(c)
            comp_of.extend([raw_of[m.start()]] * len(c))
        text, raw_of = "".join(composed), comp_of
    return text, raw_of


# --- the cleaning step ------------------------------------------------------------------------


@dataclass
class _Para:
    text: str
    raw_of: array
    raw_span: tuple[int, int]
    first_line: int


def _is_section_label(line: _Line, following: _Line | None) -> bool:
    """A short label ("World News") directly above a longer line that reads as the headline."""
    if following is None:
        return False
    label, head = line.text.strip(), following.text.strip()
    return (len(label.split()) <= 3 and not _SENTENCE_END.search(label) and label[:1].isupper()
            and len(head) > len(label) and len(head.split()) <= 30 and not re.search(r"[.!?]['\"\u201d]?$", head))


def _classify(lines: list[_Line], removed: list[dict], meta_found: dict) -> None:
    """Mark boilerplate, section labels, datelines, bylines and source lines as removed."""
    text_lines = [x for x in lines if x.kind == "text"]
    head = {id(x) for x in text_lines[:12]}
    first = text_lines[0] if text_lines else None
    for n, line in enumerate(lines, 1):
        if line.kind != "text":
            continue
        s = line.text.strip()
        rule = boilerplate_rule(s)
        if rule is None and id(line) in head:
            m = _DATELINE.match(s)
            if m and parse_date(m.group("when")) and len(s) < 160:
                meta_found.setdefault("published", parse_date(m.group("when")))
                meta_found.setdefault("dateline", s)
                rule = "dateline"
            elif _DATE_ONLY.match(s) and parse_date(s):
                meta_found.setdefault("published", parse_date(s))
                meta_found.setdefault("dateline", s)
                rule = "dateline"
            elif line is not first and _BYLINE.match(s) and len(s.split()) <= 10:
                rule = "byline"
        if rule is None:
            m = _SOURCE_LINE.match(s)
            if m:
                meta_found.setdefault("outlet", m.group("outlet").strip())
                rule = "source line"
        if rule is None and line is first:
            following = text_lines[1] if len(text_lines) > 1 else None
            if _is_section_label(line, following):
                rule = "section label"
                first = following
        if rule:
            line.kind, line.rule = "removed", rule
            removed.append({"line": n, "rule": rule, "text": s})


def _find_repeats(paras: list[_Para], min_chars: int, near_ratio: float) -> dict[int, tuple[int, str, float]]:
    """Later paragraph index -> (earlier kept paragraph index, relation, score)."""
    repeats: dict[int, tuple[int, str, float]] = {}
    keys = [repeat_key(p.text) for p in paras]
    first_by_key: dict[str, int] = {}
    shingles: dict[tuple[str, ...], list[int]] = {}
    for j, key in enumerate(keys):
        if len(key) < min_chars:
            continue
        if key in first_by_key:
            repeats[j] = (first_by_key[key], "verbatim", 1.0)
            continue
        words = _WORD.findall(key)
        grams = {tuple(words[i:i + 3]) for i in range(max(len(words) - 2, 1))}
        # Near-identical candidates share a word 3-gram; this keeps the comparison near-linear.
        candidates = sorted({i for g in grams for i in shingles.get(g, ())})
        for i in candidates:
            a, b = keys[i], key
            if min(len(a), len(b)) / max(len(a), len(b)) < near_ratio:
                continue
            if _DIGITS.findall(a) != _DIGITS.findall(b):
                continue  # same wording, different numbers: two statements, not a repeat
            matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
            if matcher.quick_ratio() < near_ratio:
                continue  # an upper bound of ratio(), much cheaper
            ratio = matcher.ratio()
            if ratio >= near_ratio:
                repeats[j] = (i, "near_duplicate", round(ratio, 4))
                break
        if j in repeats:
            continue
        first_by_key[key] = j
        for g in grams:
            shingles.setdefault(g, []).append(j)
    return repeats


def clean(raw: RawDocument, manifest_meta: dict | None = None, repeat_min_chars: int = 20,
          near_repeat_ratio: float = 0.9) -> tuple[Document, list[Reuse]]:
    """Clean one raw document. Returns the document (with ``paragraphs``; sentences are split
    later) and the within-document repeats as reuse records (raw spans)."""
    manifest_meta = manifest_meta or {}
    rawtext = raw.text
    chash = content_hash(rawtext)
    doc_id = f"d-{chash[:16]}"
    lines = _lines(rawtext)
    removed: list[dict] = []
    found: dict = {}
    _classify(lines, removed, found)

    one_per_line = raw.format in ("html", "jsonl-html")
    paras: list[_Para] = []
    for group in _paragraphs(lines, one_per_line):
        text, raw_of = _normalise(rawtext, group)
        if text:
            paras.append(_Para(text, raw_of, (group[0].start + group[0].indent, group[-1].end),
                               lines.index(group[0]) + 1))
    if not paras:
        raise InputError(raw.where, Messages.E011)

    repeats = _find_repeats(paras, repeat_min_chars, near_repeat_ratio)
    kept = [p for j, p in enumerate(paras) if j not in repeats]

    # assemble the cleaned text, paragraphs separated by a blank line
    pieces: list[str] = []
    raw_of = array("l")
    spans: list[tuple[int, int]] = []
    pos = 0
    clean_span_of: dict[int, tuple[int, int]] = {}
    for j, p in enumerate(paras):
        if j in repeats:
            continue
        if pieces:
            pieces.append("\n\n")
            raw_of.extend([max(p.raw_span[0] - 1, 0)] * 2)  # the line break before the paragraph
            pos += 2
        pieces.append(p.text)
        raw_of.extend(p.raw_of)
        spans.append((pos, pos + len(p.text)))
        clean_span_of[j] = spans[-1]
        pos += len(p.text)
    text = "".join(pieces)
    omap = OffsetMap.from_array(raw_of)

    reuse = []
    for j, (i, relation, score) in sorted(repeats.items()):
        a, b = paras[i], paras[j]
        reuse.append(Reuse(doc_a=doc_id, span_a=a.raw_span, doc_b=doc_id, span_b=b.raw_span,
                           relation=relation, score=score, text_a=a.text, text_b=b.text, in_raw=True,
                           extra={"span_a_clean": list(clean_span_of[i]), "within_document": True}))

    # metadata: the input's own (HTML/JSON), then what the text says, then the manifest
    own = raw.meta
    warnings: list[str] = []
    title, title_from = own.get("title"), "metadata"
    if not title:
        title, title_from = kept[0].text, "first line"
        if len(title) > 300:
            title = title[:297].rsplit(" ", 1)[0] + "..."
    if not own.get("title") and manifest_meta.get("title"):
        title, title_from = manifest_meta["title"], "manifest"
    published, published_from = None, None
    for origin, value in (("metadata", own.get("published")), ("text", found.get("published")),
                          ("manifest", manifest_meta.get("published"))):
        if value and published is None:
            published = parse_date(value)
            if published is None:
                warnings.append(Messages.W001.format(value=value))
            else:
                published_from = origin
    outlet = own.get("outlet") or found.get("outlet")
    outlet_from = "metadata" if own.get("outlet") else ("text" if outlet else None)
    if not outlet:
        m = _WIRE.search(text[:2000])
        if m:
            outlet, outlet_from = m.group("outlet"), "text"
    if not outlet and manifest_meta.get("outlet"):
        outlet, outlet_from = manifest_meta["outlet"], "manifest"
    for k, v in manifest_meta.items():
        mine = {"title": title, "outlet": outlet, "published": published}.get(k)
        if k in ("title", "outlet", "published") and mine and str(parse_date(v) if k == "published" else v) != str(mine):
            warnings.append(f"manifest {k} {v!r} differs from the document's own {mine!s}; kept the document's")

    cleaning = {
        "format": raw.format, "encoding": raw.encoding, "removed_lines": removed,
        "repeats": [{"kept_line": paras[i].first_line, "removed_line": paras[j].first_line, "relation": r,
                     "score": s} for j, (i, r, s) in sorted(repeats.items())],
        "title_from": title_from, "published_from": published_from, "outlet_from": outlet_from,
        "dateline": found.get("dateline"), "warnings": warnings, "offset_map": omap.to_json(),
    }
    doc = Document(
        id=doc_id, source=raw.source, text=text, raw_text=rawtext, title=title, published=published,
        outlet=outlet, url=own.get("url") or manifest_meta.get("url"), external_id=own.get("id"),
        content_hash=chash, duplicate_paragraphs_removed=len(repeats),
        boilerplate_lines_removed=sum(1 for r in removed if r["rule"] not in ("dateline", "byline", "source line")),
        cleaning=cleaning, paragraphs=spans,
    )
    return doc, reuse
