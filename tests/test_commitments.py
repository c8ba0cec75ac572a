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
    "The deficit will not be allowed to exceed the budgeted figure.",  # a limit nobody is named to keep
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


# --- patterns of wire copy and business news (sentences written for these tests) ----------------------
WIRE = dt.date(1987, 3, 2)

# (case, text, expected actors, a word of `what`, target value or None, deadline (start, end) or None)
WIRE_PATTERNS = [
    ("dateline is not the actor",
     "LONDON, March 2 - Pakistan will hold an import tender tomorrow for 6,000 tonnes of palm oil, traders said.",
     ["PAK"], "tender", 6000.0, ("1987-03-03", "1987-03-03")),
    ("government body acts for the story's country",
     "ROME, March 2 - Italy's deficit is rising.\n\nThe government would spend two billion lire on new roads, the "
     "minister said.", ["ITA"], "roads", 2e9, None),
    ("bare group acts for the story's country",
     "PEKING, March 2 - China's state firms lack cash, so banks will issue more bonds to raise funds, a Chinese "
     "official said.", ["CHN"], "bonds", None, None),
    ("titled official acts for the story's country",
     "BUENOS AIRES, March 2 - Argentina is negotiating with its banks.\n\nTreasury Secretary Mario Brodersohn said "
     "the country would repay 500 mln dlrs by June.", ["ARG"], "repay", 500e6, ("1987-06-01", "1987-06-30")),
    ("apposition names the country",
     "PEKING, March 2 - It said the province, China's second largest gold producer, plans to double gold output "
     "by 1990.", ["CHN"], "gold output", None, ("1990-01-01", "1990-12-31")),
    ("unlabelled company kept by name", "TimeWarner is to restate its accounts.", [], "restate", None, None),
    ("act inside 'try to'", "Japan has pledged to try to increase its purchases of U.S. car parts.",
     ["JPN"], "car parts", None, None),
    ("prepositional object, specified abstract head",
     "BUDAPEST, March 2 - Hungary is to embark on a new series of austerity measures.",
     ["HUN"], "austerity measures", None, None),
    ("'auction system' is concrete", "Zambia will retain its foreign-exchange auction system.",
     ["ZMB"], "auction system", None, None),
    ("quota with its amount", "Malaysia has been allocated an export quota of 28,526 tonnes.",
     ["MYS"], "export quota", 28526.0, None),
    ("output ceiling", "Qatar has an OPEC output ceiling of 285,000 barrels per day.",
     ["QAT"], "ceiling", 285000.0, None),
    ("'target deficit ... was N', dated by the budget, not by its approval",
     "BUDAPEST, March 2 - Hungary's deficit tripled.\n\nThe target deficit in the 1987 budget approved by "
     "Parliament last December was 43.8 billion forints.", ["HUN"], "deficit", 43.8e9, ("1987-01-01", "1987-12-31")),
    ("'plans <noun>'", "Taiwan plans another round of deep tariff cuts this year.",
     ["TWN"], "tariff cuts", None, ("1987-01-01", "1987-12-31")),
    ("'<noun> planned for'", "TOKYO, March 2 - Japan's parliament is split.\n\nNakasone supports a five pct sales "
     "tax planned for January 1988.", ["JPN"], "sales tax", 5.0, ("1988-01-01", "1988-01-31")),
    ("'set X at N'", "The French government has set public sector wage rises at about 1.7 per cent this year.",
     ["FRA"], "wage rises", 1.7, ("1987-01-01", "1987-12-31")),
    ("approved money, dated by the year it names", "Hungary's Parliament approved 1987 subsidies of 170 billion "
     "forints.", ["HUN"], "subsidies", 170e9, ("1987-01-01", "1987-12-31")),
    ("'told Reuters X would'", "Wang told Reuters Taiwan would further reduce import tariffs in the second half of "
     "this year.", ["TWN"], "tariffs", None, ("1987-07-01", "1987-12-31")),
    ("'will offer' a concrete thing", "The Philippines will offer its creditors a new pricing plan.",
     ["PHL"], "pricing plan", None, None),
    ("'pay' money is not a visit", "Brazil has offered to pay 300 mln dlrs to its creditors.",
     ["BRA"], "pay", 300e6, None),
    ("'is due to'", "Mexico is due to sign a 7.7 billion dlr loan agreement on March 20.",
     ["MEX"], "sign", 7.7e9, ("1987-03-20", "1987-03-20")),
    ("'is to' in reported speech", "The Japan Overseas Economic Co-operation Fund is to provide 260 mln dlrs for "
     "roads, the agency reported.", ["JPN"], "provide", 260e6, None),
    ("amount in the slot's 'of' phrase", "Saudi Arabia said OPEC agreed to return to fixed prices of around 18 dlrs "
     "a barrel.", [], "fixed prices", 18.0, None),
    ("'agreed to <act noun>'", "Some 80 pct of Japanese creditor banks have agreed to a three-year deferment of "
     "Nigerian debt.", ["JPN"], "deferment", None, None),
    ("present progressive with a future date", "Qantas is announcing its choice of engines next month.",
     [], "engines", None, ("1987-04-01", "1987-04-30")),
    ("the price of an acquisition", "Senior Engineering said it reached agreement to acquire South Western "
     "Engineering for 12.5 mln dlrs cash.", [], "acquire", 12.5e6, None),
    ("a bare number as the object", "The company said Falk has agreed to sell no more than 75,000 of his "
     "remaining shares.", [], "sell", 75000.0, None),
    ("a negated floor, the pronoun's state named before it",
     "Nazer said Saudi Arabia \"is fully adhering by the accord and it will never sell its oil at prices below "
     "the pronounced prices.\"", ["SAU"], "never sell its oil at prices below", None, None),
    ("a negated ceiling in the speaker's passive",
     "NEW DELHI, March 2 - India's budget is out.\n\nThe deficit will not be allowed to exceed the budgeted "
     "figure, Prime Minister Rajiv Gandhi said.", ["IND"], "not allow the deficit to exceed", None, None),
    ("a day written as a word is a date, not a name", "Ausimont said it will change its name to Ausimont NV "
     "on May Six.", [], "change its name", None, ("1987-05-01", "1987-05-31")),
    ("a target 'for' a year: the year is no measure", "PARIS, March 2 - The French government is reiterating a "
     "2.5 pct target for 1988.", ["FRA"], "target of 2.5 pct", 2.5, ("1988-01-01", "1988-12-31")),
    ("'elected to' is a choice made", "Caribbean Select Inc said it has elected to redeem on April 10 all its "
     "Class A warrants.", [], "redeem", None, ("1987-04-10", "1987-04-10")),
    ("'expects to' with a coming date is a plan", "Tri-Star Pictures Inc said it expects to start operations on "
     "these contracts in May.", [], "start operations", None, ("1987-05-01", "1987-05-31")),
    ("a thing scheduled for a date", "WASHINGTON, March 2 - Senator Proxmire introduced the bill.\n\nA vote on "
     "the bill by the committee is scheduled for Thursday.", ["USA"], "vote", None, ("1987-03-05", "1987-03-05")),
    ("a multiple is an amount even with a general object", "Holiday Inn Hotel Group announced a plan to double "
     "its presence abroad by 1995.", [], "double its presence", None, ("1995-01-01", "1995-12-31")),
    ("'dispose of' takes its object with 'of'", "Reading and Bates Corp said it intends to dispose of the rigs by "
     "private sale.", [], "dispose of the rigs", None, None),
    ("'the company' with no antecedent is the first company named before it", "AKRON, Ohio, March 2 - Firestone "
     "Tire and Rubber Co has notified the United Rubber Workers the company will close its tire plants on or "
     "before September 15.", [], "close", None, ("1987-09-15", "1987-09-15")),
    ("commitment to an accord", "BAHRAIN, March 2 - Saudi Arabian Oil Minister Hisham Nazer reiterated the "
     "kingdom's commitment to last December's OPEC accord.", ["SAU"], "OPEC accord", None, None),
    ("'from A to B' in one phrase: the level reached is B", "China and Russia plan to raise bilateral trade "
     "from $100 billion to $200 billion by 1990.", ["CHN", "RUS"], "trade", 200e9, ("1990-01-01", "1990-12-31")),
    ("'from A to B' with 'to' under 'from'", "Venezuela will increase output from 9 mln to 10 mln barrels per day "
     "by 1990.", ["VEN"], "output", 10e6, ("1990-01-01", "1990-12-31")),
    ("'from A to B' counting things", "Japan plans to expand from 28 to 55 hotels by 1995.",
     ["JPN"], "hotels", 55.0, ("1995-01-01", "1995-12-31")),
    ("'agreed that X should reach': those who agreed commit", "MOSCOW, March 2 - China and the Soviet Union held "
     "talks.\n\nThe two leaders agreed that bilateral trade should reach $300 billion by 1990.", ["CHN", "SUN"],
     "bilateral trade to reach", 300e9, ("1990-01-01", "1990-12-31")),
    ("'agreed that X will': 'will' under an agreeing verb", "MOSCOW, March 2 - China and the Soviet Union held "
     "talks.\n\nThe two sides agreed that bilateral trade will reach $200 billion by 1990.", ["CHN", "SUN"],
     "trade", 200e9, ("1990-01-01", "1990-12-31")),
    ("'decided that X should be done' in the passive", "The Soviet Union and China decided that the pipeline "
     "should be completed by 1990.", ["CHN", "SUN"], "complete the pipeline", None, ("1990-01-01", "1990-12-31")),
    ("'are determined to': an adjective of resolve commits", "China and the Soviet Union are determined to "
     "double bilateral trade by 1990.", ["CHN", "SUN"], "double bilateral trade", None, ("1990-01-01", "1990-12-31")),
    ("an infinitive the tagger reads as an adjective", "Beijing and Moscow pledged to triple investment within "
     "three years.", ["CHN", "SUN"], "triple investment", None, ("1987-03-02", "1990-03-02")),
    ("'in N years' time' counts from the story's date", "China aims to raise its trade with the Soviet Union to "
     "$30 billion in three years' time.", ["CHN"], "raise", 30e9, ("1987-03-02", "1990-03-02")),
    ("'over N years' in a plan", "The Soviet Union plans to cut its debt by $5 billion over two years.",
     ["SUN"], "cut", 5e9, ("1987-03-02", "1989-03-02")),
]


@pytest.mark.slow
@pytest.mark.parametrize("case,text,actors,word,value,deadline", WIRE_PATTERNS, ids=[c[0] for c in WIRE_PATTERNS])
def test_wire_and_business_patterns(pipeline, case, text, actors, word, value, deadline):
    [c] = commitments(pipeline, text, WIRE)
    assert sorted(c.actors) == actors
    assert word in c.what
    assert c.target_value == (pytest.approx(value) if value is not None else None)
    got = (str(c.deadline.start), str(c.deadline.end)) if c.deadline else None
    assert got == deadline


@pytest.mark.slow
def test_a_scheduled_act_dates_the_commitment_it_refers_back_to(pipeline):
    text = ("ROME, March 2 - Italy's state-owned BNL said it would issue 120 mln dlrs of convertible eurobonds.\n\n"
            "BNL officials said the issue is scheduled for mid-March.")
    [issue] = commitments(pipeline, text, WIRE)
    assert issue.actors == ["ITA"] and issue.target_value == 120e6 and issue.what.startswith("issue")
    assert issue.deadline == Period(dt.date(1987, 3, 11), dt.date(1987, 3, 20))


@pytest.mark.slow
def test_a_meeting_held_in_the_passive_stays_an_event(pipeline):
    # the parse takes the date for the object of "held"; the thing held is the meeting
    text = ("Calmar Inc said it will sell its shares to KEBO AB for 25 dlrs each.\n\nCalmar said a special meeting "
            "of its board will be held March Nine to form a committee.")
    [sell] = commitments(pipeline, text, WIRE)
    assert sell.what.startswith("sell its shares")


@pytest.mark.slow
def test_who_acts_behind_a_dateline_a_numeral_and_an_act_noun(pipeline):
    # the dateline hung on the company's name, and tagged as one date with it, is no part of the name
    [plan] = commitments(pipeline, "MEMPHIS, Tenn., March 2 - Holiday Inn Hotel Group said it will add 17 hotels.",
                         WIRE)
    assert plan.extra["agent"] == "Holiday Inn Hotel Group"
    [venture] = commitments(pipeline, "ROSEMONT, Ill., March 2 - LyphoMed Inc said it has agreed to form a joint "
                                      "venture with Novopharm Ltd.", WIRE)
    assert venture.extra["agent"] == "LyphoMed Inc"
    # "the two" are the parties named last
    text = "Sumitomo Bank said it would buy Daiwa Securities.\n\nThe two are set to merge their venture capital units."
    buy, merge = commitments(pipeline, text, WIRE)
    assert merge.extra["agent"] == buy.extra["agent"] and "merge" in merge.what
    # an act named by a noun in reported speech is the speaker's; "payments will be close to" is a size
    text = ("Browning-Ferris Industries Inc said it will build a waste site.\n\nThe company said construction "
            "will start this year.")
    build, start = commitments(pipeline, text, WIRE)
    assert start.what == "start" and start.deadline == Period.year(1987) and start.extra["agent"]
    text = ("Browning-Ferris Industries Inc said it will build a waste site.\n\nThe company said the payments will "
            "be close to 300 mln dlrs.")
    assert len(commitments(pipeline, text, WIRE)) == 1


@pytest.mark.slow
def test_wire_paragraphs_continue_the_previous_actor_and_the_speakers_company(pipeline):
    text = ("TOKYO, March 2 - The Bank of Japan will lower the minimum denomination of large deposits to 100 mln "
            "yen.\n\nThe minimum denomination of money market certificates will be lowered to 10 mln yen.")
    deposits, mmcs = commitments(pipeline, text, WIRE)
    assert deposits.actors == ["JPN"] and deposits.target_value == 100e6
    assert mmcs.actors == ["JPN"] and mmcs.target_value == 10e6 and mmcs.extra["actors_from"] == "previous sentence"
    text = ("PEKING, March 1 - China will receive 390 mln dlrs from the World Bank.\n\nA 130 mln dlr World Bank loan "
            "will be used to build 12 new berths at the port of Tianjin.")
    loan = commitments(pipeline, text, WIRE)[-1]
    assert loan.actors == ["CHN"] and "build 12 new berths" in loan.what  # the purpose is the act
    text = ("LONDON, March 2 - The Daily Telegraph is cutting costs.\n\nTelegraph executive Murdoch MacLennan said "
            "the newspaper would add eight colour pages in the coming months.")
    [pages] = commitments(pipeline, text, WIRE)
    assert pages.what == "add eight colour pages" and pages.extra["agent"] == "Murdoch MacLennan"
    text = ("Four Seasons Hotels said it has agreed to buy the Biltmore Hotel.\n\nIt said the venture will rename "
            "the hotel.")
    buy, rename = commitments(pipeline, text, WIRE)
    assert rename.what == "rename the hotel" and rename.extra["agent"] == buy.extra["agent"]  # "the venture"
    text = ("Dow Chemical Co said it will issue 200 mln Swiss franc bonds.\n\nProceeds from the offering will be "
            "used to refinance existing debt, it said.")
    issue, proceeds = commitments(pipeline, text, WIRE)
    assert "refinance existing debt" in proceeds.what and proceeds.extra["actors_from"] == "speaker"


@pytest.mark.slow
@pytest.mark.parametrize("sentence", [
    "The interest rate on the rescheduling was originally set at 1-1/8 pct over Eurodollar rates.",  # terms, passive
    "The company said the reserves, which it previously set at 500 mln dlrs, were too low.",  # a description
    "It is a useful alternative and in the end will permit the banks to say that they achieved their target.",
    "Hungary's economy expanded one pct instead of a planned 2.5 pct.",  # the plan's measure is elsewhere
    "Deputy oil ministers from six Gulf Arab states will meet in Bahrain today.",  # a meeting is an event
    "The ministry is expected to announce new measures next week.",  # a forecast by others
    "The union called for a 10 pct wage increase.",  # a demand
    "Hungary's interest payments on its debt are set to rise to more than 10 billion forints in 1987.",  # forecast
    "Analysts said Nakasone will almost certainly step down in the summer.",
    "The Telegraph has announced no plans to go tabloid.",
    "Venezuela's original proposal was to pay no principal on its debt this year.",  # a past intention
    "BEIRUT, March 2 - Lebanese President Amin Gemayel has agreed to the proposals.",  # no act named
    "Japan and the U.S. agreed to talks next week.",  # a meeting
    "Prices are rising this year.",
    "The bank said the certificates will be classified as zero-coupon bonds.",  # what a thing is
    "Japan will never sign the treaty.",  # a refusal, not a limit
    "China reaffirmed its commitment to peace.",  # an aspiration
    "Leisure group Rank could unveil plans to demerge its film services unit.",  # a possibility
    "Tri-Star Pictures Inc said it expects to post a loss.",  # an expectation with no date is a forecast
    "He was elected to lead the party.",  # a vote on someone, not a choice made
    "Airbus said the A300-600R will seat 16 in first class.",  # what a thing holds
    "CARACAS, March 2 - Venezuela was due to amortize 1.05 billion dlrs under the rescheduling.",  # past schedule
    "CARACAS, March 2 - The Vestey Group said it had not been informed of any planned seizure.",  # in passing
    "MOSCOW, March 2 - A spokeswoman was unable to give details of the size of investment or planned output.",
    "Talks with the banks are scheduled for Thursday.",  # a meeting is an event
    "Under the proposal, Japan and Germany would pledge to hold their exchange rates.",  # hypothetical
    "Exporters get a rebate if Japan agrees to cut its tariffs on cars.",  # the act is the condition
])
def test_forecasts_descriptions_demands_and_meetings_are_not_commitments(pipeline, sentence):
    assert commitments(pipeline, sentence, WIRE) == []
