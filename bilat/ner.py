"""Names: spaCy's statistical NER where a sentence names someone bilat's gazetteer does not know,
entities read from the gazetteer elsewhere.

The English model's NER carries a network of its own (its own token-to-vector layers, not the
parser's), and it is the most expensive step of ingest: about as much as the tagger and parser
together (``bench/throughput.py --breakdown``). bilat reads names through its gazetteer first
(countries, capitals, demonyms, organisations, known persons); the NER matters for the names the
gazetteer lacks ("Prime Minister Kyriakos Mitsotakis", "the Belt and Road Forum", a company).
So the ``bilat_ner`` component runs the model's NER only where a sentence has such a name (a
capitalised word or proper noun outside every gazetteer phrase, month, weekday and title), and
there only on a window of ``MARGIN`` tokens each side of it, as much context as the model reads.
The rest of each sentence gets its entities from the gazetteer (a country ``GPE``, a demonym ``NORP``, an
organisation ``ORG``, a known person ``PERSON``) and from a few token rules for what the
components ask of number and date entities (a month or weekday is ``DATE``; a number is
``CARDINAL``, or ``PERCENT``/``MONEY`` with its unit). Outside the windows there are only names
the gazetteer knows, so its reading is the one bilat's components would make of the model's
entities anyway; ``bench/throughput.py`` measures the time this saves, the quality benches (and
``tests/test_ner.py``) that extraction is unchanged.

No library offers "NER only where a dictionary falls short"; spaCy's ``EntityRuler`` could
write the gazetteer's entities, but it would match the gazetteer's thousands of phrases a
second time, where the hits of :func:`bilat.actors.scan` are already at hand.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch

from .extract.numbers import CURRENCY_WORDS, MONTHS, SCALES
from .nlp import doc_text

# gazetteer kinds and the entity label the model gives such a name
_LABELS = {"name": "GPE", "abbrev": "GPE", "capital": "GPE", "place": "GPE", "metonym": "ORG",
           "demonym": "NORP", "people": "NORP", "org": "ORG", "body": "ORG", "person": "PERSON",
           "short": "PERSON"}
_MONTHS = frozenset(MONTHS.split("|"))
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# a word for a percentage right after a number
_PERCENT = frozenset("percent per pct % percentage".split())
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def _label_of(hit) -> str | None:
    """The entity label of a gazetteer hit that is a name; None for other phrases and stop phrases."""
    if any(t.kind == "stop" for t in hit.terms):
        return None
    return next((_LABELS[t.kind] for t in hit.terms if t.kind in _LABELS), None)


def _covered(doc: Doc, hits: list) -> list[bool]:
    """Per token, whether it lies inside a gazetteer phrase that is a name (not a stop phrase)."""
    text_len = len(doc_text(doc))
    named = bytearray(text_len + 1)
    for h in hits:
        if _label_of(h) is not None:
            named[h.start:h.end] = b"\x01" * (h.end - h.start)
    return [bool(named[t.idx]) for t in doc]


def unknown_names(doc: Doc, hits: list, titles: Iterable[str],
                  words: frozenset[str] = frozenset()) -> list[int]:
    """The tokens of names the gazetteer does not know: a proper noun, or a capitalised word outside
    every gazetteer name, month, weekday and title ("President"). A capitalised stop word ("The",
    "We" after an opening quote) is a name only if tagged one; the first word only if it is no
    English word either (``words``: "Alcan to close smelter", where the tagger saw an adjective)."""
    covered = _covered(doc, hits)
    out: list[int] = []
    first = True  # no word yet: only punctuation (an opening quote) before
    for t, known in zip(doc, covered):
        if not t.is_alpha:
            continue
        initial, first = first, False
        if known:
            continue
        capital = t.text[:1].isupper() and not t.is_stop
        if initial and capital:
            capital = t.lower_ not in words and t.lemma_.lower() not in words
        if t.pos_ == "PROPN" or capital:
            low = t.lower_
            if low in _MONTHS or low in _WEEKDAYS or low in titles:
                continue
            out.append(t.i)
    return out


# Tokens of context the model's NER reads on each side of an unknown name. Its network sees four
# tokens each way (four window-1 layers), its transitions the token before the one they label; two
# more keep a name's neighbours ("the", a title, a number) as they are in the whole sentence.
MARGIN = 6
# Windows the model reads at once. They are short (a dozen tokens), and the model's cost per token
# falls as more are read together: batches of 256 took 1.0 s where the ~27 of one batch of 64
# sentences took 1.3 s (the windows of 200 PLOVER stories). The sentences wait until their windows
# make a batch or their stream ends (in ingest, a group of documents: ``pipeline.GROUP_CHARS``).
NER_BATCH = 256


def windows(marks: list[int], n: int, margin: int = MARGIN) -> list[tuple[int, int]]:
    """Token ranges ``[a, b)`` within ``margin`` of a marked token, merged; the whole sentence when
    they would cover most of it (the model then reads it as a whole, as it would anyway)."""
    out: list[tuple[int, int]] = []
    for i in marks:
        a, b = max(0, i - margin), min(n, i + margin + 1)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    if sum(b - a for a, b in out) >= 0.75 * n:
        return [(0, n)]
    return out


def rule_entities(doc: Doc, hits: list) -> list[Span]:
    """The gazetteer's and the rules' entities of a sentence, for where the model does not read it."""
    spans: list[Span] = []
    for h in hits:
        label = _label_of(h)
        if label is None:
            continue
        span = doc.char_span(h.start, h.end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    numbers: list[Span] = []
    n = len(doc)
    i = 0
    while i < n:
        t = doc[i]
        low = t.lower_
        if (low in _MONTHS or low in _WEEKDAYS) and t.text[:1].isupper():
            # "March 20", "20 March 2023", "on Monday"
            s, e = i, i + 1
            if s > 0 and doc[s - 1].like_num:
                s -= 1
            while e < n and (doc[e].like_num or doc[e].text == ","):
                e += 1
            while e > i + 1 and doc[e - 1].text == ",":
                e -= 1
            spans.append(Span(doc, s, e, label="DATE"))
            i = e
            continue
        if t.like_num:
            s, e = i, i + 1
            if s > 0 and doc[s - 1].is_currency:
                s -= 1
            while e < n and doc[e].lower_ in SCALES:
                e += 1
            label = "CARDINAL"
            if s < i:
                label = "MONEY"
            elif e < n and doc[e].lower_ in _PERCENT:
                e, label = e + 1, "PERCENT"
            elif e < n and (doc[e].lower_ in CURRENCY_WORDS or doc[e].is_currency):
                e, label = e + 1, "MONEY"
            elif e + 1 < n and doc[e].text[:1].isupper() and doc[e + 1].lower_ in CURRENCY_WORDS:
                e, label = e + 2, "MONEY"  # "150 mln Swiss francs"
            elif _YEAR.fullmatch(t.text) and e == i + 1:
                label = "DATE"
            numbers.append(Span(doc, s, e, label=label))
            i = e
            continue
        i += 1
    # a number's span wins over a name inside it ("Swiss" in "150 mln Swiss francs")
    return filter_spans(numbers + spans)


class Names:
    """The ``bilat_ner`` component: the model's NER in windows around unknown names, the gazetteer's
    entities elsewhere. The NER is the pipeline's own (disabled) ``ner`` component, found through
    the ``nlp`` this component was made for; each process builds its pipeline, nothing is pickled."""

    def __init__(self, nlp: Language, name: str = "bilat_ner") -> None:
        self.nlp = nlp
        self.name = name
        self._words: frozenset[str] | None = None

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def words(self) -> frozenset[str]:
        """The English words the model's lemmatizer knows (its WordNet index), built once."""
        if self._words is None:
            words: set[str] = set()
            if "lemmatizer" in self.nlp.component_names:
                lookups = self.nlp.get_pipe("lemmatizer").lookups
                for name in ("lemma_index", "lemma_exc"):
                    if lookups.has_table(name):
                        for entries in lookups.get_table(name).values():
                            words.update(entries)
            self._words = frozenset(w.lower() for w in words)
        return self._words

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        from .actors import gazetteer, scan

        titles = gazetteer().titles
        words = self.words()
        pending: list[tuple[Doc, tuple, list[tuple[int, int]]]] = []
        n_windows = 0
        for batch in minibatch(docs, batch_size):
            for d in batch:
                hits = scan(doc_text(d))
                ws = windows(unknown_names(d, hits, titles, words), len(d))
                pending.append((d, hits, ws))
                n_windows += len(ws)
            if n_windows >= NER_BATCH:
                yield from self._label(pending)
                pending, n_windows = [], 0
        yield from self._label(pending)

    def _read(self, texts: list[Doc]) -> None:
        """The model's NER over ``texts`` (windows, or whole sentences): it sets their entities."""
        for _ in self.nlp.get_pipe("ner").pipe(texts, batch_size=NER_BATCH):
            pass

    def _label(self, pending: list[tuple[Doc, tuple, list[tuple[int, int]]]]) -> Iterator[Doc]:
        """Set the entities of the pending docs: the model's in their windows, the rules' elsewhere."""
        # the model reads each window around unknown names as a text of its own
        parts = [(d, a, d if (a, b) == (0, len(d)) else d[a:b].as_doc())
                 for d, _, ws in pending for a, b in ws]
        if parts:
            self._read([p for _, _, p in parts])
        found: dict[int, list[Span]] = {}
        for d, a, part in parts:
            if part is not d:
                found.setdefault(id(d), []).extend(Span(d, a + e.start, a + e.end, label=e.label)
                                                   for e in part.ents)
        for d, hits, ws in pending:
            if ws != [(0, len(d))]:  # a whole sentence keeps the model's own entities, set on the doc itself
                # outside the windows, the gazetteer's and the rules' entities
                outside = [e for e in rule_entities(d, hits)
                           if all(e.end <= a or b <= e.start for a, b in ws)]
                d.ents = filter_spans(found.get(id(d), []) + outside)
            yield d


@Language.factory("bilat_ner", assigns=["doc.ents"], requires=["token.pos"])
def make_names(nlp: Language, name: str) -> Names:
    return Names(nlp, name)
