"""The commitments component: who committed to what, by when, and what is not a commitment.

The first tests run the component on sentence docs built by hand (words, parse, actors), with no
trained model; the ``slow`` ones run it through the annotation harness (``bilat.nlp``) with the
English model and ``bilat_actors``, on sentences in the styles bilat meets: official statements,
wire copy and business news."""
from __future__ import annotations

import datetime as dt
import pickle

import pytest
import spacy
from spacy.tokens import Doc

from bilat import nlp as bilat_nlp
from bilat.extract.commitments import CommitmentExtractor, may_hold_commitment
from bilat.model import Actor, ActorMention, Period

PUB = dt.date(2023, 3, 18)


# --- by hand -------------------------------------------------------------------------------------------
def hand_doc(words: list[str], heads: list[int], deps: list[str], pos: list[str], tags: list[str],
             lemmas: list[str], actors: dict[str, str]) -> Doc:
    """A parsed sentence doc with its context and actor mentions (``actors``: word -> ISO3)."""
    vocab = spacy.blank("en").vocab
    spaces = [i + 1 < len(words) and words[i + 1] not in (".", ",") for i in range(len(words))]
    doc = Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    ctx = bilat_nlp.DocContext(doc_id="d-hand", text=doc.text, published=PUB, countries=["CHN", "RUS"],
                               sentences=[(0, len(doc.text), 0)])
    doc._.ctx = bilat_nlp.SentenceContext(ctx, 0, 0, len(doc.text), 0)
    doc._.actors = [ActorMention(t.idx, t.idx + len(t), t.text, Actor(t.text, actors[t.text]))
                    for t in doc if t.text in actors]
    return doc


COUNTRIES = {"China": "CHN", "Russia": "RUS"}


def test_gate_accepts_markers_and_skips_reports():
    assert may_hold_commitment("The two sides plan to sign the agreement.")
    assert may_hold_commitment("China will hold the festival this year.")
    assert may_hold_commitment("the $200 billion trade target")
    assert not may_hold_commitment("Trade rose 29.3 percent last year.")


def test_hand_built_sentence_gives_actors_act_and_deadline():
    doc = hand_doc(
        ["China", "and", "Russia", "will", "sign", "the", "plan", "this", "year", "."],
        [4, 0, 0, 4, 4, 6, 4, 8, 4, 4],
        ["nsubj", "cc", "conj", "aux", "ROOT", "det", "dobj", "det", "npadvmod", "punct"],
        ["PROPN", "CCONJ", "PROPN", "AUX", "VERB", "DET", "NOUN", "DET", "NOUN", "PUNCT"],
        ["NNP", "CC", "NNP", "MD", "VB", "DT", "NN", "DT", "NN", "."],
        ["China", "and", "Russia", "will", "sign", "the", "plan", "this", "year", "."], COUNTRIES)
    [c] = CommitmentExtractor()(doc)._.commitments
    assert c.actors == ["CHN", "RUS"]
    assert c.what == "sign the plan"
    assert c.deadline == Period.year(2023) and c.deadline_text == "this year"
    assert c.span == (0, len(doc.text)) and c.doc == "d-hand"


def test_hand_built_negation_and_aspiration_give_nothing():
    negated = hand_doc(
        ["Russia", "will", "not", "sign", "the", "deal", "."], [3, 3, 3, 3, 5, 3, 3],
        ["nsubj", "aux", "neg", "ROOT", "det", "dobj", "punct"],
        ["PROPN", "AUX", "PART", "VERB", "DET", "NOUN", "PUNCT"], ["NNP", "MD", "RB", "VB", "DT", "NN", "."],
        ["Russia", "will", "not", "sign", "the", "deal", "."], COUNTRIES)
    assert CommitmentExtractor()(negated)._.commitments == []
    vague = hand_doc(
        ["China", "will", "deepen", "friendship", "with", "Russia", "."], [2, 2, 2, 2, 2, 4, 2],
        ["nsubj", "aux", "ROOT", "dobj", "prep", "pobj", "punct"],
        ["PROPN", "AUX", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"], ["NNP", "MD", "VB", "NN", "IN", "NNP", "."],
        ["China", "will", "deepen", "friendship", "with", "Russia", "."], COUNTRIES)
    assert CommitmentExtractor()(vague)._.commitments == []


def test_component_pickles():
    again = pickle.loads(pickle.dumps(CommitmentExtractor("bilat_commitments")))
    assert again.name == "bilat_commitments"


# --- through the harness -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pipeline():
    return bilat_nlp.load(("bilat_actors", "bilat_commitments"))


def commitments(pipeline, text: str, published: dt.date | None = PUB) -> list:
    docs = bilat_nlp.annotate_text(text, published=published, nlp=pipeline, gate=True)
    return [c for d in docs for c in d._.commitments or []]


TARGET_PARAGRAPH = (
    "The bilateral trade volume between China and Russia has increased by 29.3 percent in the past year, "
    "reaching a record $190.271 billion, just a step to the $200 billion target set by the two heads of state.\n\n"
    "I believe that China-Russia trade will reach new heights in 2023, and strive to achieve the trade target "
    "of $200 billion set by the two heads of state within this year.")


@pytest.mark.slow
def test_target_with_setter_amount_measure_and_deadline(pipeline):
    [c] = commitments(pipeline, TARGET_PARAGRAPH)  # the earlier mention is the same target
    assert sorted(c.actors) == ["CHN", "RUS"]
    assert c.what == "bilateral trade of $200 billion"
    assert (c.target_value, c.unit, c.measure, c.flow) == (200e9, "USD", "trade", "total")
    assert c.deadline == Period.year(2023) and c.deadline_text == "within this year"
    assert c.text.startswith("I believe that")  # the sentence that gives the deadline
    assert TARGET_PARAGRAPH[c.span[0]:c.span[1]] == c.text


@pytest.mark.slow
def test_organiser_of_a_passive_event_and_plans_of_both_sides(pipeline):
    text = ("According to the agreement signed by the cultural departments of China and Russia, the Chinese "
            "Culture Festival will be held in Russia this year. The cultural departments of the two countries "
            "also plan to discuss and sign the 2024-2027 cultural cooperation plan to guide future cooperation.\n\n"
            "This year, the first China-Russia Library Forum will be held to continue deepening the cooperation.")
    festival, plan, forum = commitments(pipeline, text)
    assert festival.actors == ["CHN"] and festival.what == "hold the Chinese Culture Festival in Russia"
    assert festival.deadline == Period.year(2023)
    assert sorted(plan.actors) == ["CHN", "RUS"]
    assert plan.what == "discuss and sign the 2024-2027 cultural cooperation plan"
    assert plan.deadline is None  # "2024-2027" names the plan; it is not a deadline
    assert sorted(forum.actors) == ["CHN", "RUS"] and "China-Russia Library Forum" in forum.what
    assert forum.deadline == Period.year(2023)


@pytest.mark.slow
def test_month_and_a_definite_description_that_refers_back(pipeline):
    text = ("As an important cultural promotion institution in Russia, the China Cultural Center in Moscow will "
            "gradually resume offline cultural activities this year. The cultural center will hold a "
            "comprehensive cultural \"tea and the world\" event in May this year.")
    resume, tea = commitments(pipeline, text)
    assert resume.actors == ["CHN"]  # "in Moscow" places the centre; it does not commit Russia
    assert tea.actors == ["CHN"] and "tea and the world" in tea.what
    assert tea.deadline == Period(dt.date(2023, 5, 1), dt.date(2023, 5, 31))
    [may] = commitments(pipeline, "The China Cultural Center will hold a tea event in May.")
    assert may.deadline == Period(dt.date(2023, 5, 1), dt.date(2023, 5, 31))  # the coming May


@pytest.mark.slow
@pytest.mark.parametrize("sentence", [
    "The two sides need to further deepen people and cultural exchanges.",
    "China will continue to deepen its friendship with Russia.",
    "Both sides will work together to promote world peace.",
    "It will inject a strong impetus into bilateral relations.",
    "I believe that these cultural activities will serve as a bridge between the two peoples.",
    "China-Russia trade will reach new heights in 2023.",
    "Chinese President Xi Jinping will pay a state visit to Russia from March 20-22.",
    "What is your vision for the realization of the $200 billion bilateral trade target?",
])
def test_aspirations_visits_and_questions_are_not_commitments(pipeline, sentence):
    assert commitments(pipeline, sentence) == []


@pytest.mark.slow
@pytest.mark.parametrize("sentence", [
    "The United States will not lift sanctions on Russia.",
    "Moscow refused to extend the grain deal.",
    "Putin said Russia had no plans to attack NATO.",
    "If the talks fail, Washington will impose new sanctions on Moscow.",
])
def test_negated_refused_and_conditional_acts_are_not_commitments(pipeline, sentence):
    assert commitments(pipeline, sentence) == []


@pytest.mark.slow
def test_wire_copy_amounts_and_deadlines(pipeline):
    pub = dt.date(1987, 3, 2)
    [grain] = commitments(pipeline, "The Soviet Union has agreed to buy at least 4 mln tonnes of U.S. grain "
                                    "under the long-term agreement, officials said.", pub)
    assert grain.actors == ["SUN"] and grain.what.startswith("buy at least 4 mln tonnes")
    assert (grain.target_value, grain.unit) == (4e6, "tonnes")
    [surplus] = commitments(pipeline, "Japan will cut its trade surplus with the United States by 10 pct by "
                                      "1990, Prime Minister Yasuhiro Nakasone said.", pub)
    assert surplus.actors == ["JPN"] and surplus.deadline == Period.year(1990)
    assert (surplus.target_value, surplus.unit) == (10.0, "percent_change")
    [week] = commitments(pipeline, "China and the Soviet Union will sign a trade agreement next week.", pub)
    assert sorted(week.actors) == ["CHN", "SUN"] and week.what == "sign a trade agreement"
    assert week.deadline == Period(dt.date(1987, 3, 9), dt.date(1987, 3, 15))
    [brazil] = commitments(pipeline, "Brazil said it would resume interest payments on its foreign debt by the "
                                     "end of the year.", pub)
    assert brazil.actors == ["BRA"] and brazil.deadline == Period.year(1987)
    assert brazil.target_value is None  # the debt's size is not what was promised


@pytest.mark.slow
def test_dated_signing_and_agreed_targets(pipeline):
    [treaty] = commitments(pipeline, "China and Portugal will sign the treaty on December 20, 1999.",
                           dt.date(1999, 12, 1))
    assert treaty.deadline == Period.day(dt.date(1999, 12, 20)) and "sign the treaty" == treaty.what
    [boost] = commitments(pipeline, "China and Russia agreed to boost bilateral trade to $200 billion by 2024.",
                          dt.date(2023, 3, 21))
    assert sorted(boost.actors) == ["CHN", "RUS"] and boost.what == "boost bilateral trade to $200 billion"
    assert (boost.target_value, boost.measure, boost.flow) == (200e9, "trade", "total")
    assert boost.deadline == Period.year(2024)


@pytest.mark.slow
def test_organisations_without_a_country_keep_their_name(pipeline):
    [opec] = commitments(pipeline, "OPEC agreed to limit output to 16.6 mln barrels per day in the first half "
                                   "of 1987.", dt.date(1987, 3, 2))
    assert opec.actors == [] and opec.extra["agent"] == "OPEC"
    assert (opec.target_value, opec.unit) == (16.6e6, "barrels_per_day")
    assert opec.deadline == Period(dt.date(1987, 1, 1), dt.date(1987, 6, 30))
