"""Reuse: passages of one document that repeat or reword passages of another (or of itself).

A syndicated copy, a lightly edited republication and a rewritten version of the same story must
not be counted as independent sources. This module finds such reuse at passage level, with spans
into both documents' cleaned text, incrementally against everything the store already holds.

Method
------
1. **Passages.** A document's sentences (``Document.sentences``) are grouped into passages:
   a sentence with fewer than ``MIN_TERMS`` content terms joins its neighbour in the same
   paragraph, an over-long sentence is cut into windows. A passage's *content terms* are its
   words, lowercased, without English stop words (spaCy's list) and with inflectional suffixes
   stripped, as a set.
2. **Candidates.** Each passage gets a MinHash of its content-term set (datasketch, ``NUM_PERM``
   permutations, ``affine32`` scheme); the signatures go into a ``MinHashLSH`` index with a low
   Jaccard threshold (``LSH_THRESHOLD``). Because passages are sentence-sized, a query finds a
   copied paragraph inside a longer, different article as easily as a whole copied article: this
   is containment at document level, which whole-document Jaccard would miss. (datasketch's
   ``MinHashLSHEnsemble`` answers containment queries directly, but it can be indexed only once,
   so it could not grow with the store; ``MinHashLSH`` accepts inserts at any time.) Query cost
   grows with the number of colliding buckets, not with the store.
3. **Alignment.** Candidate pairs whose signatures agree on ``ANCHOR_JACCARD`` of their values
   are anchors; every pair of documents with an anchor is aligned in full. Each passage pair gets
   the cosine of its content-term sets; a local alignment (Smith-Waterman over passages, gain
   ``similarity - SIM_THRESHOLD``, ``GAP_PENALTY`` per skipped passage) finds the runs of
   passages that follow each other on both sides, repeatedly, so a copied five-paragraph block
   is one record, not twenty, and sentence splits, merges and small omissions stay inside it.
4. **Classification** of each block, on its words: the aligned region (first to last run of
   ``MIN_RUN`` equal words) must be most of the block (``MIN_COPY_SHARE``); it is ``verbatim``
   when equal after normalising whitespace, quotes, dashes and case, ``near_duplicate`` when the
   word alignment (``difflib.SequenceMatcher``) keeps ``NEAR_DUP_RATIO``, with the spans of the
   aligned words. A single sentence needs ``MIN_SINGLE_TOKENS`` words (shorter ones are stock
   phrases such as "no group has claimed responsibility for the attack").
5. **Paraphrase** is confirmed by the alignment itself, lexically: a block that is not a copy is
   a ``paraphrase`` when at least two passage pairs align and the alignment score reaches
   ``PARAPHRASE_MIN_PATH``; its score is the mean of content-term containment and the share of
   content terms kept in order (longest common subsequence). Independent texts on one topic share
   the topic's words sentence by sentence now and then, but not in a run of consecutive passages
   in the same order, which is what a rewrite keeps. The MiniLM sentence-embedding model
   (``bilat[embed]``) was measured as a confirmer (``bench/reuse_quality.py --embed``): on the
   Clough & Stevenson texts, independent answers reach a cosine of 0.86 with their source while
   heavy rewrites range from 0.59 to 0.83, so similarity of meaning does not tell rewriting from
   writing on the same topic; the ordered lexical test does (no false alarm there), and the core
   needs no torch.

Within one document, the cleaning step already removes exact repeated paragraphs (recorded as
reuse on the raw text); here a document is also aligned against itself over non-adjacent
passages, to find partial repeats such as an editor's note sentence repeated in the body.

Persistence
-----------
The store keeps one row per passage, ``(doc_id, idx, start, end, sig)``, where ``sig`` is
:func:`signature` of the passage text (``4 * NUM_PERM`` bytes); :meth:`ReuseIndex.from_signatures`
rebuilds the index from those rows without re-reading any text.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH
from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Document, Reuse, stable_id

# --- parameters (tuned on bench/reuse_quality.py; see the module docstring for what each does) ---
NUM_PERM = 64
SCHEME = "affine32"
SEED = 7
LSH_THRESHOLD = 0.3
ANCHOR_JACCARD = 0.25  # estimated Jaccard a candidate pair must reach to start an alignment
MIN_TERMS = 3  # a passage needs this many distinct content terms to carry evidence
MAX_PASSAGE_TOKENS = 80  # longer sentences are cut into windows of WINDOW_TOKENS words
WINDOW_TOKENS = 50
MIN_SHARED = 2  # passages sharing fewer content terms are not similar at all
SIM_THRESHOLD = 0.3  # passage similarity above which aligning two passages gains
GAP_PENALTY = 0.15  # cost of skipping a passage on one side inside a block
BLOCK_MIN_GAIN = 0.2  # a block needs one passage pair this far above SIM_THRESHOLD
MAX_BLOCKS = 64
NEAR_DUP_RATIO = 0.8
PARAPHRASE_MIN_PATH = 0.6  # alignment score a paraphrase block needs (sum of gains less gaps)
MIN_VERBATIM_TOKENS = 6  # a shorter identical block is a phrase, not reuse
MIN_RUN = 3  # equal words in a row that anchor the aligned region of a copy
MIN_COPY_SHARE = 0.6  # the copied region must be most of the shorter side, not a shared phrase
MIN_SINGLE_TOKENS = 12  # one sentence alike in two texts: shorter ones are stock phrases
# inside one document a repeat is a passage said twice, not a formula the text keeps using
# (official prose repeats 10-15-word formulas such as "a global community of shared future")
MIN_WITHIN_TOKENS = 20

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"',
                         "–": "-", "—": "-", "‐": "-", "‑": "-"})
_STOP = frozenset(w.replace("’", "'") for w in STOP_WORDS)


# --- text analysis ------------------------------------------------------------------------------
def normalise(text: str) -> str:
    """The text as compared for ``verbatim``: NFKC, quotes and dashes unified, lowercased, one space."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).lower().split())


def _stem(w: str) -> str:
    """Strip inflectional suffixes so that "talks", "talked" and "talking" meet.

    Hand-written rather than a stemmer package: only inflection needs conflating here (derivation
    would merge words a rewrite keeps apart), and it keeps the core free of a new dependency.
    """
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 4 and w.endswith("ed"):
        return w[:-2]
    return w


def content_terms(text: str) -> list[str]:
    """The content terms of ``text`` in order: no stop words, suffixes stripped, numbers kept."""
    out = []
    for w in _WORD.findall(unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()):
        if w.endswith("'s"):
            w = w[:-2]
        if w not in _STOP and (len(w) > 1 or w.isdigit()):
            out.append(_stem(w))
    return out


_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def _minhash(terms: Iterable[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_PERMUTATIONS)
    m.update_batch([t.encode("utf-8") for t in set(terms)])
    return m


def signature(text: str) -> bytes:
    """The MinHash of a passage's content terms, serialised (``4 * NUM_PERM`` bytes, little endian)."""
    return _signature(content_terms(text))


def _signature(terms: Iterable[str]) -> bytes:
    return _sig(_minhash(terms))


def _sig(m: MinHash) -> bytes:
    return m.hashvalues.astype("<u4").tobytes()


def _minhashes_of(passages: Sequence[Passage], minhashes: Sequence[MinHash] | None) -> Sequence[MinHash]:
    """The passages' MinHashes: the caller's when it has them, else rebuilt from each ``sig``."""
    return minhashes if minhashes is not None else [_from_signature(p.sig) for p in passages]


def _from_signature(sig: bytes) -> MinHash:
    values = np.frombuffer(sig, dtype="<u4")
    if len(values) != NUM_PERM:
        raise ValueError(f"signature holds {len(values)} hash values, expected {NUM_PERM}")
    return MinHash(seed=SEED, scheme=SCHEME, hashvalues=values, permutations=_PERMUTATIONS)


# --- passages -----------------------------------------------------------------------------------
_PARA_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SENT_END = re.compile(r"[.!?…][\"'”’)\]]*\s+|[:;]?\s*\n\s*(?=(?:[-•*–]|\d{1,2}[.)])\s)|(?<=[.!?:;])\s*\n\s*")


def simple_sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of sentences found by punctuation and blank lines.

    Used when a document carries no sentence offsets (built by hand, or read from elsewhere);
    the pipeline's statistical splitter is better and is used whenever its output is there.
    A single line break inside a paragraph ends a sentence only after sentence punctuation or
    before a list item, since wrapped lines are common in plain text.
    """
    out: list[tuple[int, int, int]] = []
    para_spans, pos = [], 0
    for m in _PARA_BREAK.finditer(text):
        para_spans.append((pos, m.start()))
        pos = m.end()
    para_spans.append((pos, len(text)))
    p = 0
    for ps, pe in para_spans:
        if not text[ps:pe].strip():
            continue
        s = ps
        for m in _SENT_END.finditer(text, ps, pe):
            _append_trimmed(out, text, s, m.start() + len(m.group().rstrip()), p)
            s = m.end()
        _append_trimmed(out, text, s, pe, p)
        p += 1
    return out


def _append_trimmed(out: list[tuple[int, int, int]], text: str, s: int, e: int, p: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e, p))


@dataclass(frozen=True)
class Passage:
    """One passage of a document, as the store keeps it (``sig`` is :func:`signature` of its text)."""

    doc_id: str
    idx: int
    start: int
    end: int
    sig: bytes = field(repr=False)


def _units(text: str, sentences: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Sentences with over-long ones cut into windows of words (a passage must stay sentence-sized)."""
    out = []
    for s, e, p in sentences:
        spans = [m.span() for m in _WORD.finditer(text, s, e)]
        if len(spans) <= MAX_PASSAGE_TOKENS:
            out.append((s, e, p))
            continue
        for k in range(0, len(spans), WINDOW_TOKENS):
            chunk = spans[k:k + WINDOW_TOKENS]
            out.append((s if k == 0 else chunk[0][0], e if k + WINDOW_TOKENS >= len(spans) else chunk[-1][1], p))
    return out


def _analyse(text: str, sentences: Sequence[tuple[int, int, int]] | None) -> tuple[list[tuple[int, int]], list[list[str]]]:
    """Passage spans of a text and the content terms of each (see :func:`passage_spans`)."""
    units = _units(text, sentences if sentences else simple_sentences(text))
    groups: list[list] = []  # [start, end, paragraph, terms]
    pending: list | None = None
    for s, e, p in units:
        terms = content_terms(text[s:e])
        if pending is not None and pending[2] != p:
            if groups and groups[-1][2] == pending[2]:
                groups[-1][1] = pending[1]
                groups[-1][3] += pending[3]
            pending = None
        if pending is not None:
            s, terms = pending[0], pending[3] + terms
            pending = None
        if len(set(terms)) < MIN_TERMS:
            pending = [s, e, p, terms]
            continue
        groups.append([s, e, p, terms])
    if pending is not None and groups and groups[-1][2] == pending[2]:
        groups[-1][1] = pending[1]
        groups[-1][3] += pending[3]
    return [(g[0], g[1]) for g in groups], [g[3] for g in groups]


def passage_spans(text: str, sentences: Sequence[tuple[int, int, int]] | None = None) -> list[tuple[int, int]]:
    """(start, end) of a text's passages: sentences grouped so that each holds ``MIN_TERMS`` terms.

    A short sentence joins the next one of its paragraph (or the previous one at the paragraph's
    end); a paragraph that is too short as a whole (a heading, a byline) is left out.
    """
    return _analyse(text, sentences)[0]


def passages(doc: Document) -> list[Passage]:
    """The passages of a cleaned document, with their signatures (rows for the store)."""
    spans, terms = _analyse(doc.text, doc.sentences)
    return [Passage(doc.id, i, s, e, _signature(t)) for i, ((s, e), t) in enumerate(zip(spans, terms))]


# --- the index ----------------------------------------------------------------------------------
class ReuseIndex:
    """MinHash LSH over all indexed passages; grows by :meth:`add`, rebuilt by :meth:`from_signatures`."""

    def __init__(self, threshold: float = LSH_THRESHOLD) -> None:
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._min_agree = int(np.ceil(ANCHOR_JACCARD * NUM_PERM))
        self._rows: dict[int, Passage] = {}
        self._by_doc: dict[str, list[int]] = {}
        self._next = 0

    @classmethod
    def from_signatures(cls, rows: Iterable[tuple[str, int, int, int, bytes]],
                        threshold: float = LSH_THRESHOLD) -> ReuseIndex:
        """The index over stored passage rows ``(doc_id, idx, start, end, sig)``, in ingest order."""
        index = cls(threshold)
        by_doc: dict[str, list[Passage]] = {}
        for doc_id, idx, start, end, sig in rows:
            by_doc.setdefault(doc_id, []).append(Passage(doc_id, int(idx), int(start), int(end), bytes(sig)))
        for doc_id, ps in by_doc.items():
            index.add(doc_id, sorted(ps, key=lambda p: p.idx))
        return index

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._by_doc

    def __len__(self) -> int:
        """Number of indexed passages."""
        return len(self._rows)

    @property
    def documents(self) -> list[str]:
        """Indexed document ids in the order they were added (ingest order)."""
        return list(self._by_doc)

    def passages_of(self, doc_id: str) -> list[Passage]:
        return [self._rows[k] for k in self._by_doc.get(doc_id, [])]

    def add(self, doc_id: str, passages: Sequence[Passage],
            minhashes: Sequence[MinHash] | None = None) -> None:
        """Index a document's passages; a document indexed before is replaced (re-ingest is idempotent).
        ``minhashes``: the passages' MinHashes when the caller has them (else read from ``sig``)."""
        if doc_id in self._by_doc:
            self.remove(doc_id)
        keys = []
        with self._lsh.insertion_session() as session:
            for p, m in zip(passages, _minhashes_of(passages, minhashes)):
                if p.doc_id != doc_id:
                    raise ValueError(f"passage of {p.doc_id} added under {doc_id}")
                key, self._next = self._next, self._next + 1
                self._rows[key] = p
                keys.append(key)
                session.insert(key, m, check_duplication=False)
        self._by_doc[doc_id] = keys

    def remove(self, doc_id: str) -> None:
        for key in self._by_doc.pop(doc_id, []):
            self._lsh.remove(key)
            del self._rows[key]

    def query(self, doc_id: str, passages: Sequence[Passage],
              minhashes: Sequence[MinHash] | None = None) -> list[tuple[Passage, Passage]]:
        """Candidate pairs ``(indexed passage, query passage)`` whose content terms likely overlap.

        LSH buckets collide by chance too; a pair is kept only when the signatures agree on
        ``ANCHOR_JACCARD`` of their values (the MinHash estimate of the Jaccard similarity).
        A passage never pairs with itself nor with its neighbours in the same document.
        """
        out = []
        for q, m in zip(passages, _minhashes_of(passages, minhashes)):
            hq = np.frombuffer(q.sig, dtype="<u4")
            for key in self._lsh.query(m):
                p = self._rows[key]
                if p.doc_id == doc_id and abs(p.idx - q.idx) <= 1:
                    continue
                if np.count_nonzero(np.frombuffer(p.sig, dtype="<u4") == hq) >= self._min_agree:
                    out.append((p, q))
        return out


# --- alignment ----------------------------------------------------------------------------------
@dataclass
class _View:
    """A document as alignment sees it: its text and passages, with terms and word tokens."""

    doc_id: str
    text: str
    spans: list[tuple[int, int]]
    terms: list[list[str]] = field(default_factory=list)  # computed from the spans when not given
    sets: list[frozenset[str]] = field(init=False)

    def __post_init__(self) -> None:
        if not self.terms:
            self.terms = [content_terms(self.text[s:e]) for s, e in self.spans]
        self.sets = [frozenset(t) for t in self.terms]

    def block(self, i0: int, i1: int) -> tuple[int, int]:
        return self.spans[i0][0], self.spans[i1][1]


def _overlap(va: _View, vb: _View) -> np.ndarray:
    """Number of shared distinct content terms for every passage pair (rows: ``va``, cols: ``vb``).

    Counted through an inverted index of ``vb``'s terms: linear in the terms, and cheaper than a
    sparse product for the small matrices of a document pair.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for j, ts in enumerate(vb.sets):
        for t in ts:
            postings[t].append(j)
    shared = np.zeros((len(va.sets), len(vb.sets)), dtype=np.int32)
    for i, ts in enumerate(va.sets):
        row = shared[i]
        for t in ts:
            js = postings.get(t)
            if js:
                row[js] += 1
    return shared


def _similarity(va: _View, vb: _View) -> np.ndarray:
    """Cosine of the content-term sets of every passage pair (rows: ``va``, cols: ``vb``)."""
    shared = _overlap(va, vb)
    na = np.sqrt([max(1, len(s)) for s in va.sets])[:, None]
    nb = np.sqrt([max(1, len(s)) for s in vb.sets])[None, :]
    return np.where(shared >= MIN_SHARED, shared / (na * nb), 0.0)


def _local_alignment(gain: np.ndarray) -> tuple[float, list[tuple[int, int]]]:
    """Best local alignment (Smith-Waterman) over a passage gain matrix: (score, matched pairs).

    Written out here because it runs on passage pairs, not characters, with a gain that is
    already a similarity; a few dozen lines do not justify a sequence-alignment dependency.
    """
    n, m = gain.shape
    h = np.zeros((n + 1, m + 1))
    step = np.zeros((n + 1, m + 1), dtype=np.int8)  # 0 start, 1 diagonal, 2 up, 3 left
    for i in range(1, n + 1):
        row, prev, g = h[i], h[i - 1], gain[i - 1]
        for j in range(1, m + 1):
            best, how = 0.0, 0
            d = prev[j - 1] + g[j - 1]
            if d > best:
                best, how = d, 1
            u = prev[j] - GAP_PENALTY
            if u > best:
                best, how = u, 2
            left = row[j - 1] - GAP_PENALTY
            if left > best:
                best, how = left, 3
            row[j], step[i, j] = best, how
    i, j = np.unravel_index(int(np.argmax(h)), h.shape)
    score, pairs = float(h[i, j]), []
    while i > 0 and j > 0 and step[i, j]:
        how = step[i, j]
        if how == 1:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif how == 2:
            i -= 1
        else:
            j -= 1
    return score, pairs[::-1]


@dataclass
class _Block:
    a: tuple[int, int]  # passage index range, inclusive
    b: tuple[int, int]
    pairs: int  # matched passage pairs on the alignment path
    path_score: float
    relation: str = ""
    score: float = 0.0
    span_a: tuple[int, int] = (0, 0)  # character spans of the reuse (set by _classify)
    span_b: tuple[int, int] = (0, 0)


def _blocks(va: _View, vb: _View, same: bool) -> list[_Block]:
    """Non-overlapping local alignments of two documents' passages, best first."""
    sim = _similarity(va, vb)
    gain = sim - SIM_THRESHOLD
    if same:  # a document against itself: each unordered pair once, never a passage and its neighbour
        gain[~np.triu(np.ones(gain.shape, dtype=bool), k=2)] = -1.0
    blocks: list[_Block] = []
    while len(blocks) < MAX_BLOCKS and gain.max(initial=-1.0) >= BLOCK_MIN_GAIN:
        score, pairs = _local_alignment(gain)
        if not pairs:
            break
        (i0, j0), (i1, j1) = pairs[0], pairs[-1]
        if same and i1 >= j0:  # the two sides of a repeat inside one document must not overlap
            i1, j0 = pairs[0][0], pairs[0][1]
            pairs = pairs[:1]
            j1 = j0
        blocks.append(_Block((i0, i1), (j0, j1), len(pairs), score))
        gain[i0:i1 + 1, :] = -1.0
        gain[:, j0:j1 + 1] = -1.0
        if same:
            gain[j0:j1 + 1, :] = -1.0
            gain[:, i0:i1 + 1] = -1.0
    return blocks


def _lcs(a: list[str], b: list[str]) -> int:
    return sum(m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())


def _word_spans(text: str, offset: int) -> tuple[list[str], list[tuple[int, int]]]:
    words, spans = [], []
    for m in _WORD.finditer(text):
        w = unicodedata.normalize("NFKC", m.group()).translate(_QUOTES).lower()
        words.append(w[:-2] if w.endswith("'s") else w)
        spans.append((offset + m.start(), offset + m.end()))
    return words, spans


def _trim(wa: list[str], wb: list[str]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Word ranges (end exclusive) of the aligned region: first to last run of ``MIN_RUN`` equal words."""
    runs = [m for m in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks()
            if m.size >= MIN_RUN]
    if not runs:
        return None
    return (runs[0].a, runs[-1].a + runs[-1].size), (runs[0].b, runs[-1].b + runs[-1].size)


def _classify(block: _Block, va: _View, vb: _View, same: bool) -> None:
    """Set relation, score and spans of a block (relation stays empty when it is not reuse).

    Copies are judged on the aligned region of the block's words, so a sentence copied into a
    longer one (an editor's note repeating the body with a lead-in) is a near-duplicate with the
    span of the copied words only.
    """
    (sa, ea), (sb, eb) = va.block(*block.a), vb.block(*block.b)
    block.span_a, block.span_b = (sa, ea), (sb, eb)
    wa, pa = _word_spans(va.text[sa:ea], sa)
    wb, pb = _word_spans(vb.text[sb:eb], sb)
    min_tokens = MIN_SINGLE_TOKENS if block.pairs == 1 else MIN_VERBATIM_TOKENS
    if same:
        min_tokens = max(min_tokens, MIN_WITHIN_TOKENS)
    trimmed = _trim(wa, wb)
    if trimmed and min(trimmed[0][1] - trimmed[0][0], trimmed[1][1] - trimmed[1][0]) >= max(
            min_tokens, MIN_COPY_SHARE * min(len(wa), len(wb))):
        (a0, a1), (b0, b1) = trimmed
        ta, tb = wa[a0:a1], wb[b0:b1]
        ratio = 1.0 if ta == tb else difflib.SequenceMatcher(None, ta, tb, autojunk=False).ratio()
        if ratio >= NEAR_DUP_RATIO:
            # the region reaching a block's first or last word keeps the block's own boundary
            block.span_a = (sa if a0 == 0 else pa[a0][0], ea if a1 == len(wa) else pa[a1 - 1][1])
            block.span_b = (sb if b0 == 0 else pb[b0][0], eb if b1 == len(wb) else pb[b1 - 1][1])
            if ratio == 1.0 and normalise(va.text[slice(*block.span_a)]) == normalise(vb.text[slice(*block.span_b)]):
                block.relation, block.score = "verbatim", 1.0
            else:
                block.relation, block.score = "near_duplicate", ratio
            return
    if same or block.pairs < 2 or block.path_score < PARAPHRASE_MIN_PATH:
        return
    ca = [t for i in range(block.a[0], block.a[1] + 1) for t in va.terms[i]]
    cb = [t for j in range(block.b[0], block.b[1] + 1) for t in vb.terms[j]]
    containment = len(set(ca) & set(cb)) / max(1, min(len(set(ca)), len(set(cb))))
    order = _lcs(ca, cb) / max(1, min(len(ca), len(cb)))
    block.relation, block.score = "paraphrase", (containment + order) / 2


def align(va: _View, vb: _View) -> list[_Block]:
    """The reuse blocks between two documents (or within one, when ``va is vb``)."""
    same = va is vb
    out = []
    for b in _blocks(va, vb, same):
        _classify(b, va, vb, same)
        if b.relation:
            out.append(b)
    return out


def _record(b: _Block, va: _View, vb: _View) -> Reuse:
    span_a, span_b = b.span_a, b.span_b
    rec = Reuse(va.doc_id, span_a, vb.doc_id, span_b, b.relation, b.score,
                va.text[span_a[0]:span_a[1]], vb.text[span_b[0]:span_b[1]])
    rec.id = stable_id("r", va.doc_id, span_a, vb.doc_id, span_b)
    return rec


# --- the pipeline's entry point -----------------------------------------------------------------
def find_reuse(new_docs: list[Document], index: ReuseIndex, get_text: Callable[[str], str]) -> list[Reuse]:
    """Add ``new_docs`` to ``index`` and return their reuse against everything indexed before,
    among themselves, and within each new document (non-adjacent passages).

    ``get_text(doc_id)`` returns the cleaned text of a document already in the index. In each
    record ``doc_a`` is the document indexed earlier (for a new document against itself, the
    earlier passage).
    """
    views: dict[str, _View] = {}
    out: list[Reuse] = []
    for doc in new_docs:
        spans, terms = _analyse(doc.text, doc.sentences)
        mhs = [_minhash(t) for t in terms]  # made once, for the signature, the index and the query
        ps = [Passage(doc.id, i, s, e, _sig(m)) for i, ((s, e), m) in enumerate(zip(spans, mhs))]
        index.add(doc.id, ps, mhs)
        view = views[doc.id] = _View(doc.id, doc.text, spans, terms)
        others = []
        for p, _q in index.query(doc.id, ps, mhs):
            if p.doc_id not in others:
                others.append(p.doc_id)
        for other in others:
            if other == doc.id:
                vo = view
            else:
                if other not in views:
                    views[other] = _View(other, get_text(other), [(p.start, p.end) for p in index.passages_of(other)])
                vo = views[other]
            out.extend(_record(b, vo, view) for b in align(vo, view))
    return out


# --- clusters and origins -----------------------------------------------------------------------
class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[set]:
        out: dict = defaultdict(set)
        for x in list(self.parent):
            out[self.find(x)].add(x)
        return list(out.values())


def clusters(records: Iterable[Reuse]) -> list[set[str]]:
    """Documents linked by reuse (directly or through others), largest first; a document alone is no cluster."""
    uf = _UnionFind()
    for r in records:
        uf.union(r.doc_a, r.doc_b)
    groups = [g for g in uf.groups() if len(g) > 1]
    return sorted(groups, key=lambda g: (-len(g), sorted(g)))


@dataclass
class OriginMap:
    """For each reused span, the span of the earliest document that holds the same passage."""

    origins: dict[tuple[str, tuple[int, int]], tuple[str, tuple[int, int]]]

    def lookup(self, doc_id: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]] | None:
        """The origin of the reused passage of ``doc_id`` that contains ``span`` (None if none does)."""
        for (d, (s, e)), origin in self.origins.items():
            if d == doc_id and s <= span[0] and span[1] <= e:
                return origin
        return None


def origin_map(records: Iterable[Reuse], published: Mapping[str, dt.date | None],
               ingest_order: Sequence[str]) -> OriginMap:
    """Map every reused span to the earliest holder: by publication date, then ingest order.

    Spans of one document that overlap are one passage; passages linked by records (directly or
    through others) are one group, whose origin is the passage of its earliest document. A
    document without a date sorts after dated ones, then by ingest order.
    """
    records = [r for r in records if not r.in_raw]
    rank = {d: k for k, d in enumerate(ingest_order)}
    intervals: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for r in records:
        intervals[r.doc_a].append(tuple(r.span_a))
        intervals[r.doc_b].append(tuple(r.span_b))
    merged: dict[str, list[tuple[int, int]]] = {}
    for d, spans in intervals.items():
        out: list[list[int]] = []
        for s, e in sorted(spans):
            if out and s < out[-1][1]:
                out[-1][1] = max(out[-1][1], e)
            else:
                out.append([s, e])
        merged[d] = [(s, e) for s, e in out]

    def node(d: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
        return next((d, m) for m in merged[d] if m[0] <= span[0] and span[1] <= m[1])

    uf = _UnionFind()
    for r in records:
        uf.union(node(r.doc_a, tuple(r.span_a)), node(r.doc_b, tuple(r.span_b)))

    def age(n: tuple[str, tuple[int, int]]) -> tuple:
        d = published.get(n[0])
        return (d is None, d or dt.date.max, rank.get(n[0], len(rank)), n[1])

    origins = {}
    for g in uf.groups():
        first = min(g, key=age)
        for n in g:
            origins[n] = first
    return OriginMap(origins)
