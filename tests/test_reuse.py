"""Behaviour of passage-level reuse detection (bilat.link.reuse), on hand-built documents."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from bilat.link import reuse as R
from bilat.model import Document

SOURCE = (
    "Namibia's students were hit by a record-breaking mass walkout on Monday in a protest aimed at "
    "keeping teachers in school and the teachers' unions out of government.\n\n"
    "Police stopped at least 10,000 students from marching in the main cities of the country, but allowed "
    "as many as 100,000 to protest at a rally in the capital, Windhoek.\n\n"
    "A student leader, Yolande Makwetu, wrote on a Facebook page used by the protest leaders that they would "
    "stay until the government comes to an agreement with the unions.\n\n"
    "School and university students face hefty fees for the right to walk out, a tactic used successfully by a "
    "similar protest in South Africa last year.\n\n"
    "Namibia's teachers union is the second-biggest in Africa. In September its leaders called a strike, "
    "citing poor pay and work conditions, but officials later said the protest was illegal because it had not "
    "been approved by the government."
)

HEAVY = (
    "On Monday Namibia saw the largest walkout by students it has ever recorded, a protest meant to keep "
    "teachers in the classroom and to keep the teachers' unions away from government.\n\n"
    "In the country's main cities the police prevented at least 10,000 students from marching, yet up to "
    "100,000 were permitted to demonstrate at a rally held in Windhoek, the capital.\n\n"
    "Yolande Makwetu, one of the student leaders, posted on a Facebook page run by the organisers that they "
    "would stay until the government reached an agreement with the unions.\n\n"
    "Students at schools and universities must pay heavy fees for the right to walk out, a tactic that worked "
    "for a similar protest in South Africa a year ago."
)

INDEPENDENT = (
    "Thousands of secondary school pupils in Zambia stayed away from classes on Tuesday to back their "
    "teachers, who have been on strike for three weeks over unpaid salary arrears.\n\n"
    "In Lusaka, pupils gathered outside the education ministry carrying placards calling on the government "
    "to settle with the teachers. Police watched the crowd but made no arrests.\n\n"
    "The Zambia National Union of Teachers says more than half of its members have joined the strike, which "
    "began after the ministry delayed a promised pay rise for the second time this year.\n\n"
    "Education minister Grace Mwila told parliament that the government had no money to pay the increase "
    "before the next budget and urged teachers to return to work."
)

OTHER = (
    "Defence ministers said on Friday they were holding joint military drills near the disputed border, "
    "after months of fighting with a guerrilla insurgency in the central and eastern province.\n\n"
    "The ministry's director of logistics told reporters he had confirmed with his counterparts that the "
    "drills had been approved and would rotate troops through the border region.\n\n"
    "A statement said the exercises would begin this week to strengthen military coordination during "
    "ongoing combat operations, weeks after allied forces held exercises in the same area.\n\n"
    "Analysts said the drills were meant as a signal to neighbouring states that have backed the rebels."
)


def make_doc(doc_id: str, text: str, published: dt.date | None = None) -> Document:
    """A cleaned document with paragraphs and sentences from a plain split (no spaCy)."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text)]
    sentences = []
    for p, (ps, pe) in enumerate(paragraphs):
        for m in re.finditer(r"\S.*?(?:[.!?](?=\s|$)|$)", text[ps:pe], flags=re.S):
            sentences.append((ps + m.start(), ps + m.end(), p))
    return Document(id=doc_id, source=doc_id, text=text, raw_text=text, published=published,
                    paragraphs=paragraphs, sentences=sentences)


def run(*docs: Document, index: R.ReuseIndex | None = None) -> list:
    index = index if index is not None else R.ReuseIndex()
    texts = {d.id: d.text for d in docs}
    return R.find_reuse(list(docs), index, texts.__getitem__)


def cross(records: list, a: str, b: str) -> list:
    return [r for r in records if {r.doc_a, r.doc_b} == {a, b}]


def test_verbatim_copy_found_with_exact_spans() -> None:
    copied = SOURCE.split("\n\n")[1]
    copy = OTHER.split("\n\n")[0] + "\n\n" + copied.replace("capital, Windhoek", "capital,  Windhoek") + \
        "\n\n" + OTHER.split("\n\n")[1]
    a, b = make_doc("a", SOURCE), make_doc("b", copy)
    recs = cross(run(a, b), "a", "b")
    assert len(recs) == 1
    r = recs[0]
    assert r.relation == "verbatim" and r.score == 1.0
    assert (r.doc_a, r.doc_b) == ("a", "b")
    assert a.text[slice(*r.span_a)] == copied
    assert R.normalise(b.text[slice(*r.span_b)]) == R.normalise(copied)
    assert r.text_a == copied


def test_near_duplicate_with_a_few_word_edits() -> None:
    edited = (SOURCE.replace("record-breaking", "record").replace("Police stopped", "Police blocked")
              .replace("hefty fees", "heavy fees").replace("second-biggest", "second-largest"))
    recs = cross(run(make_doc("a", SOURCE), make_doc("b", edited)), "a", "b")
    assert [r.relation for r in recs] == ["near_duplicate"]
    assert R.NEAR_DUP_RATIO <= recs[0].score < 1.0


def test_paraphrase_found() -> None:
    recs = cross(run(make_doc("src", SOURCE), make_doc("rw", HEAVY)), "src", "rw")
    assert [r.relation for r in recs] == ["paraphrase"]
    assert recs[0].span_b == (0, len(HEAVY))


def test_independent_text_on_the_same_topic_is_not_flagged() -> None:
    recs = run(make_doc("src", SOURCE), make_doc("ind", INDEPENDENT), make_doc("rw", HEAVY))
    assert cross(recs, "src", "ind") == [] and cross(recs, "rw", "ind") == []
    assert cross(recs, "src", "rw")  # the same run still finds the rewrite


def test_partial_reuse_of_one_paragraph_in_a_longer_article() -> None:
    paragraph = SOURCE.split("\n\n")[2]
    host = OTHER + "\n\n" + paragraph + "\n\n" + INDEPENDENT
    recs = cross(run(make_doc("src", SOURCE), make_doc("host", host)), "src", "host")
    assert len(recs) == 1
    start = host.index(paragraph)
    assert recs[0].span_b == (start, start + len(paragraph))
    assert recs[0].relation == "verbatim"


def test_incremental_add_finds_reuse_against_earlier_documents() -> None:
    index = R.ReuseIndex()
    stored = {"old": SOURCE, "other": OTHER}
    assert R.find_reuse([make_doc("old", SOURCE), make_doc("other", OTHER)], index, stored.__getitem__) == []
    asked: list[str] = []

    def get_text(doc_id: str) -> str:
        asked.append(doc_id)
        return stored[doc_id]

    recs = R.find_reuse([make_doc("new", SOURCE.replace("Monday", "Tuesday"))], index, get_text)
    assert [(r.doc_a, r.doc_b, r.relation) for r in recs] == [("old", "new", "near_duplicate")]
    assert asked == ["old"]  # only the stored document that had candidates is read
    assert set(index.documents) == {"old", "other", "new"}


def test_signature_round_trip_rebuilds_the_same_index() -> None:
    sig = R.signature("The teachers union called a strike over pay.")
    assert isinstance(sig, bytes) and len(sig) == 4 * R.NUM_PERM
    assert sig == R.signature("the  Teachers union called a strike over pay!")
    assert sig != R.signature("Defence ministers held joint military drills.")
    index = R.ReuseIndex()
    stored = {"a": SOURCE, "o": OTHER}
    R.find_reuse([make_doc("a", SOURCE), make_doc("o", OTHER)], index, stored.__getitem__)
    rows = [(p.doc_id, p.idx, p.start, p.end, p.sig) for d in index.documents for p in index.passages_of(d)]
    rebuilt = R.ReuseIndex.from_signatures(rows)
    assert rebuilt.documents == index.documents and len(rebuilt) == len(index)
    new = make_doc("n", SOURCE)
    query = R.passages(new)
    assert sorted(p.idx for p, _ in rebuilt.query("n", query)) == sorted(p.idx for p, _ in index.query("n", query))
    assert R.find_reuse([new], rebuilt, stored.__getitem__)
    with pytest.raises(ValueError):
        R.ReuseIndex.from_signatures([("x", 0, 0, 5, sig[:-4])])


def test_adjacent_copied_passages_merge_into_one_record() -> None:
    block = "\n\n".join(SOURCE.split("\n\n")[:5])
    copy = OTHER.split("\n\n")[0] + "\n\n" + block + "\n\n" + OTHER.split("\n\n")[3]
    recs = cross(run(make_doc("a", SOURCE), make_doc("b", copy)), "a", "b")
    assert len(recs) == 1
    assert recs[0].text_a == block and recs[0].relation == "verbatim"


def test_partial_repeat_inside_one_document() -> None:
    note = ("Editor's Note: In a written interview, the ambassador noted that after 2013, President Xi once "
            "again made Russia the first stop of his overseas visit after being elected as Chinese president.")
    body = ("After 2013, President Xi once again made Russia the first stop of his overseas visit after being "
            "elected as Chinese president.")
    text = note + "\n\n" + OTHER + "\n\n" + body
    recs = run(make_doc("d", text))
    assert len(recs) == 1
    r = recs[0]
    assert r.doc_a == r.doc_b == "d" and r.relation == "verbatim"  # the repeated words are identical
    assert r.text_b == body
    assert r.span_a[0] > 0 and r.span_a[1] <= len(note)


def test_a_formula_used_twice_in_one_document_is_not_a_repeat() -> None:
    first = ("The relationship between China and Russia has become a model of state-to-state cooperation in "
             "building a global community of shared future.")
    second = ("Russia has become China's most important strategic partner in jointly building the initiative, and "
              "relations have become a model of state-to-state cooperation in building a global community of "
              "shared future.")
    assert run(make_doc("d", first + "\n\n" + OTHER + "\n\n" + second)) == []


def test_adjacent_sentences_of_one_document_are_not_a_repeat() -> None:
    assert run(make_doc("d", SOURCE + "\n\n" + OTHER)) == []


def test_reingest_replaces_a_document_in_the_index() -> None:
    index = R.ReuseIndex()
    doc = make_doc("a", SOURCE)
    run(doc, index=index)
    n = len(index)
    run(doc, index=index)
    assert len(index) == n and index.documents == ["a"]


def test_clusters_and_origin_map() -> None:
    old = make_doc("old", SOURCE, dt.date(2023, 3, 1))
    copy = make_doc("copy", SOURCE.replace("Monday", "Tuesday"), dt.date(2023, 3, 5))
    rewrite = make_doc("rw", HEAVY, None)
    lone = make_doc("lone", OTHER, dt.date(2023, 2, 1))
    recs = run(copy, rewrite, lone, old)  # ingested out of date order
    assert R.clusters(recs) == [{"old", "copy", "rw"}]
    origins = R.origin_map(recs, {d.id: d.published for d in (old, copy, rewrite, lone)},
                           ["copy", "rw", "lone", "old"])
    start = copy.text.index("Police stopped")
    origin_doc, origin_span = origins.lookup("copy", (start, start + 20))
    assert origin_doc == "old" and origin_span[0] <= SOURCE.index("Police stopped") < origin_span[1]
    assert origins.lookup("rw", (0, 10))[0] == "old"
    assert origins.lookup("lone", (0, 10)) is None


def test_simple_sentences_fallback_when_a_document_has_no_offsets() -> None:
    doc = Document(id="x", source="x", text=SOURCE, raw_text=SOURCE)
    spans = R.passage_spans(doc.text, doc.sentences)
    assert len(spans) == 6
    assert all(SOURCE[s:e].strip() == SOURCE[s:e] for s, e in spans)
