"""The PLOVER event coder (``bilat.extract.events``).

Unit tests of the lexicon and the gate need no model. The coding tests run the real pipeline
(``bilat_actors`` + ``bilat_events``, loaded once per module) on sentences in document context,
or parse a sentence and fill ``doc._.actors`` by hand so that the coder is tested apart from the
actor resolver. Publication date 2023-03-18 (a Saturday) unless stated.
"""
from __future__ import annotations

import datetime as dt
import pickle

import pytest

from bilat.extract import events as E
from bilat.model import EVENT_TYPES, Actor, ActorMention, Period

PUB = dt.date(2023, 3, 18)


# --- lexicon and gate (no model) --------------------------------------------------------------
def test_lexicon_covers_every_plover_type_and_reads_groups():
    lex = E.load_lexicon()
    types = {r.type for rows in lex.by_lemma.values() for r in rows}
    assert types == set(EVENT_TYPES)
    sign = lex.by_lemma["sign"][0]
    assert sign.type == "SUPPORT" and "agreement" in sign.groups[0]
    assert ("planned", "AGREE", None) in sign.alt
    hit = next(r for r in lex.by_lemma["hit"] if r.type == "ASSAULT")
    assert "record" in hit.excluded and not hit.groups
    # rows with more required dependents are tried first
    assert [len(r.groups) for r in lex.by_lemma["call"]] == sorted((len(r.groups) for r in lex.by_lemma["call"]),
                                                                    reverse=True)


def test_lexicon_rejects_unknown_type(tmp_path):
    (tmp_path / "triggers.csv").write_text("lemma,pos,with,type,mode,alt,ref,notes\nfoo,VERB,,HUG,,,,\n")
    (tmp_path / "frames.json").write_text((E.DATA_DIR / "frames.json").read_text())
    with pytest.raises(ValueError, match="unknown PLOVER type 'HUG'"):
        E.load_lexicon(str(tmp_path))


@pytest.mark.parametrize("text, passes", [
    ("Israeli troops shot dead two Palestinians in the West Bank on Tuesday.", True),
    ("President Putin and I announced the Treaty's extension.", True),
    ("Xi Jinping met Putin 40 times.", True),
    ("Bilateral trade grew by 29.3 percent to a record $190.271 billion.", False),
    ("The weather in Moscow was mild.", False),
    # "sign" alone is no trigger: it needs one of the words its rows require
    ("The sign on the road was new.", False),
    ("China and Russia signed a new agreement.", True),
    # whole lemmas, not prefixes: "bank" is no "ban", "financial" no "fine"
    ("The central bank said financial conditions eased in the first quarter.", False),
    ("Several executives expressed a fresh view on the deficit.", False),
    # inflections the suffix rules and the model's irregular forms give back
    ("More than 200 people are suing the government.", True),
    ("Rioters had thrown Molotov cocktails at the embassy.", True),
    ("The ministry banned imports of beef.", True),
    # frames code events of their own
    ("He said Argentina was prepared to follow the example of Brazil.", True),
    ("Bush will tell Koizumi that Japan needs to enact reforms.", True),
])
def test_gate(text, passes):
    assert E.might_hold_event(text) is passes


def test_component_pickles_with_plain_config():
    coder = E.EventCoder("bilat_events", "")
    clone = pickle.loads(pickle.dumps(coder))
    assert (clone.name, clone.lexicon_dir) == ("bilat_events", "")


# --- coding through the pipeline ----------------------------------------------------------------
@pytest.fixture(scope="module")
def pipeline():
    from bilat import nlp

    return nlp.load(("bilat_actors", "bilat_events"))


def code(pipeline, text: str, published: dt.date | None = PUB):
    from bilat import nlp

    return [ev for d in nlp.annotate_text(text, published, nlp=pipeline) for ev in d._.events or []]


def summary(ev):
    return (ev.type, ev.mode, sorted(a.country for a in ev.source if a.country),
            sorted(a.country for a in ev.target if a.country))


@pytest.mark.slow
def test_state_visit_planned_with_dates_location_and_evidence(pipeline):
    text = ("At the invitation of Russian President Vladimir Putin, Chinese President Xi Jinping will pay "
            "a state visit to Russia from March 20-22.")
    (ev,) = code(pipeline, text)
    assert summary(ev) == ("CONSULT", "visit", ["CHN"], ["RUS"])
    assert [a.name for a in ev.source] == ["Xi Jinping"]
    assert ev.status == "planned"
    assert ev.date == Period(dt.date(2023, 3, 20), dt.date(2023, 3, 22))
    assert ev.date_text == "March 20-22"
    assert ev.location == "Russia"
    assert ev.span == (0, len(text)) and ev.text == text
    assert ev.trigger == "visit" and text[ev.trigger_span[0]:ev.trigger_span[1]] == "visit"
    assert ev.to_dict()["kind"] == "event"


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("At the end of last year, Xi held an online meeting with Putin.",
     ("CONSULT", "video", ["CHN"], ["RUS"])),
    ("French President Emmanuel Macron spoke by phone with Ukrainian President Volodymyr Zelenskiy.",
     ("CONSULT", "phone", ["FRA"], ["UKR"])),
    ("The United States accused Iran of supplying drones to Russia.", ("ACCUSE", "allege", ["USA"], ["IRN"])),
    ("Israeli troops shot dead two Palestinians in the West Bank.",
     ("ASSAULT", "firearms", ["ISR"], ["PSE"])),
    ("Japan and South Korea agreed to resume security talks.", ("AGREE", None, ["JPN", "KOR"], [])),
    ("Iran threatened to attack Israel.", ("THREATEN", "violence", ["IRN"], ["ISR"])),
    ("The United States urged Russia to withdraw its troops from Ukraine.",
     ("REQUEST", "yield", ["USA"], ["RUS"])),
    ("Russia refused to sign the agreement with Ukraine.", ("REJECT", "assist", ["RUS"], ["UKR"])),
    ("Iran refused to provide information to the Chinese inspectors.",
     ("REJECT", "assist", ["IRN"], ["CHN"])),
    ("Putin was asked by Xi to mediate between Iran and Saudi Arabia.",
     ("REQUEST", "meet", ["CHN"], ["RUS"])),
    # what a meeting happens on the sidelines of is no party to it
    ("Xi met Biden on the sidelines of the APEC summit in San Francisco.",
     ("CONSULT", "meeting", ["CHN"], ["USA"])),
    # the subject that speaks for its own state's commitment acts with it, and is no target
    ("President Biden reaffirmed the ironclad U.S. commitment to the defense of the Republic of Korea.",
     ("AGREE", None, ["USA"], ["KOR"])),
    # a commitment or support underscored is stated, as one reaffirmed is
    ("Xi underlined China's support for Russia.", ("SUPPORT", None, ["CHN"], ["RUS"])),
    # a truce has two sides: the one reporting its breach is the other
    ("India said Pakistan had violated the ceasefire along the border.", ("ASSAULT", None, ["PAK"], ["IND"])),
    # both halves of a hyphenated pair are named: "US-South Korean exercises"
    ("North Korea slammed the joint US-South Korean military exercises.",
     ("ACCUSE", "disapprove", ["PRK"], ["KOR", "USA"])),
    # a plea made to another party is a request; a plea in court is none
    ("Pakistan made a fresh plea to China for emergency loans.", ("REQUEST", None, ["PAK"], ["CHN"])),
    # a promise to stop or end hostilities is a CONCEDE, as a declared ceasefire is, not the
    # hostile act it ends
    ("Russian forces agreed to stop shelling Ukrainian positions.", ("CONCEDE", None, ["RUS"], ["UKR"])),
    ("Armenia and Azerbaijan agreed to end the war.", ("CONCEDE", None, ["ARM", "AZE"], [])),
    ("Israeli troops promised to stop shooting at Palestinian protesters.",
     ("CONCEDE", None, ["ISR"], ["PSE"])),
    # handing over, presenting or submitting a proposal is an offer (AGREE), to whom it is handed
    ("The United States today handed Soviet arms negotiators a draft treaty.",
     ("AGREE", None, ["USA"], ["SUN"])),
    ("China presented a peace plan to Russia.", ("AGREE", None, ["CHN"], ["RUS"])),
    ("Brazil submitted a proposal to the Chinese side.", ("AGREE", None, ["BRA"], ["CHN"])),
    ("The United States proposed talks with North Korea.", ("AGREE", None, ["USA"], ["PRK"])),
    ("The European Union imposed sanctions on Iran.", ("SANCTION", "discontinue", [], ["IRN"])),
    ("Nicaragua severed diplomatic ties with Taiwan.", ("SANCTION", "withdraw", ["NIC"], ["TWN"])),
    ("Russia has massed troops near Ukraine's border.", ("MOBILIZE", "troops", ["RUS"], ["UKR"])),
    ("Iran released two French citizens.", ("RETREAT", "release", ["IRN"], ["FRA"])),
    ("Japan sent emergency relief supplies to Turkey.", ("AID", None, ["JPN"], ["TUR"])),
    ("Britain and France signed a defence cooperation agreement.", ("SUPPORT", None, ["FRA", "GBR"], [])),
    ("China promised to lift its ban on Australian coal imports.", ("CONCEDE", None, ["CHN"], ["AUS"])),
    ("Russia and China began joint naval exercises in the Sea of Japan.",
     ("COOPERATE", None, ["CHN", "RUS"], [])),
    ("Russia annexed four Ukrainian regions.", ("COERCE", "seize", ["RUS"], ["UKR"])),
    ("Hundreds of Kenyans demonstrated outside parliament in Nairobi.", ("PROTEST", "demo", ["KEN"], [])),
    # the host of a visit is its target (codebook: the visitor is the actor)
    ("German Chancellor Olaf Scholz hosted Brazilian President Luiz Inacio Lula da Silva in Berlin.",
     ("CONSULT", "visit", ["BRA"], ["DEU"])),
    # a declared "will not" of a cooperative act is a refusal
    ("Turkey's president said he would not approve Finland's NATO membership bid.",
     ("REJECT", "assist", ["TUR"], ["FIN"])),
    # a threat carries its condition and is still an event
    ("Moscow warned Vilnius of serious consequences if the transit ban was not lifted.",
     ("THREATEN", None, ["RUS"], ["LTU"])),
    # warning a country against an act of its own is coercive; warning against a thing is not an event
    ("Russia warned Georgia against joining NATO.", ("THREATEN", None, ["RUS"], ["GEO"])),
    # a target phrase right after the reason of a sanction is part of the reason
    ("The European Union imposed new sanctions on Iran over its drone deliveries to Russia.",
     ("SANCTION", "discontinue", [], ["IRN"])),
    # ordering another state's troops out is an expulsion, as of its diplomats
    ("Niger's junta ordered French troops to leave the country.", ("SANCTION", "expel", ["NER"], ["FRA"])),
    # "Russia-led" names an alliance, not Russia
    ("Kazakhstan's president asked a Russia-led military alliance to send troops.",
     ("REQUEST", "assist", ["KAZ"], [])),
    # a missile fired at nothing is a test, at a target an attack
    ("North Korea fired two ballistic missiles into the sea.", ("MOBILIZE", "weapons", ["PRK"], [])),
    ("Houthi rebels in Yemen fired missiles at Israel.", ("ASSAULT", "heavy-weapons", ["YEM"], ["ISR"])),
])
def test_type_mode_and_sides(pipeline, text, expected):
    evs = code(pipeline, text)
    assert evs, text
    assert summary(evs[0]) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, status", [
    ("Chinese President Xi Jinping is expected to visit Moscow next week.", "planned"),
    ("North Korea is about to test a new missile.", "planned"),
    ("Russia will attack Ukraine on Monday.", "planned"),
    ("Chinese and Russian diplomats are holding talks in Beijing.", "ongoing"),
    ("The foreign ministers of Japan and South Korea hold talks every year.", "habitual"),
    ("Russian forces attacked Kharkiv on Monday.", "occurred"),
    # a headline's "X to do" is its future
    ("INDIA AND JAPAN TO DISCUSS IRON ORE PRICES", "planned"),
])
def test_status(pipeline, text, status):
    (ev,) = code(pipeline, text)
    assert ev.status == status


@pytest.mark.slow
@pytest.mark.parametrize("text, start, end", [
    # a weekday is the last one for a past event, the next one for a planned event
    ("Russian forces attacked Kharkiv on Monday.", "2023-03-13", "2023-03-13"),
    ("Russia will attack Ukraine on Monday.", "2023-03-20", "2023-03-20"),
    ("Chinese President Xi Jinping is expected to visit Moscow next week.", "2023-03-20", "2023-03-26"),
    ("At the end of last year, Xi held an online meeting with Putin.", "2022-12-01", "2022-12-31"),
    # the date of the clause, not the years inside a name ("the 2022-2023 ... Year")
    ("In 2022, the heads of China and Russia met in Beijing and announced the launch of the "
     "2022-2023 China-Russia Sports Exchange Year.", "2022-01-01", "2022-12-31"),
    # a trailing date the parser hangs on the infinitive describing the object dates the act on it
    ("Turkey's parliament ratified Sweden's bid to join NATO on Tuesday.", "2023-03-14", "2023-03-14"),
    ("Japan rejected China's request to halt the release on Friday.", "2023-03-17", "2023-03-17"),
])
def test_dates_resolved_against_publication(pipeline, text, start, end):
    evs = code(pipeline, text)
    assert evs
    for ev in evs:
        assert ev.date == Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end)), ev


@pytest.mark.slow
def test_coordinated_acts_are_separate_events_sharing_subject_and_date(pipeline):
    evs = code(pipeline, "In 2022, the heads of China and Russia met in Beijing and announced the launch of "
                         "the 2022-2023 China-Russia Sports Exchange Year.")
    assert [summary(e) for e in evs] == [("CONSULT", "meeting", ["CHN", "RUS"], []),
                                         ("COOPERATE", None, ["CHN", "RUS"], [])]
    assert evs[0].location == "Beijing"


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Russia did not attack Ukraine.",
    "The Indian minister did not meet his Chinese counterpart during the summit.",
    "Germany has never sent combat troops to Mali.",
    "Russia denied attacking Ukraine.",
    "Russia failed to reach an agreement with Ukraine.",
    "If Iran attacks Israel, the United States will respond.",
    "Russia could attack Ukraine.",
    "Officials said sanctions on Belarus could be imposed if the crackdown continues.",
    "Will China and Russia sign a new agreement?",
    "Trade between Japan and Vietnam grew by 12 percent last year.",
    "Tokyo's failure to honour the semiconductor pact surprised analysts.",
])
def test_negated_hypothetical_and_non_events_are_not_coded(pipeline, text):
    assert code(pipeline, text) == []


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Since 2013, President Xi has met President Putin 40 times.",
    "Xi Jinping has visited Russia eight times in the last ten years.",
    "China and Russia held multiple video meetings in 2022.",
])
def test_aggregates_are_figures_not_events(pipeline, text):
    assert code(pipeline, text) == []


@pytest.mark.slow
def test_an_amount_before_a_noun_trigger_is_no_count(pipeline):
    # "100 pct tariffs" are one act of imposing tariffs, not a hundred of them
    (ev,) = code(pipeline, "The United States imposed 100 pct tariffs on Japanese electronic goods.")
    assert sides(ev) == ("SANCTION", ["USA"], ["JPN"])


@pytest.mark.slow
def test_reported_would_is_a_plan_and_the_pronoun_is_the_reporter(pipeline):
    (ev,) = code(pipeline, "Russia said it would withdraw its troops from Ukraine.")
    # a promise to withdraw is CONCEDE, an actual withdrawal RETREAT (codebook)
    assert summary(ev) == ("CONCEDE", None, ["RUS"], ["UKR"])
    assert ev.status == "planned"


@pytest.mark.slow
def test_collective_in_document_context_puts_both_sides_as_source(pipeline):
    text = ("China and Russia signed a trade agreement in 2021.\n\n"
            "The two countries regularly conduct joint naval exercises.")
    evs = code(pipeline, text)
    joint = [e for e in evs if e.type == "COOPERATE"]
    assert [summary(e) for e in joint] == [("COOPERATE", None, ["CHN", "RUS"], [])]
    assert joint[0].status == "habitual"
    assert joint[0].span[0] == text.index("The two countries")


# --- coding with actors given by hand ---------------------------------------------------------
@pytest.fixture(scope="module")
def parser():
    from bilat import nlp

    return nlp.load(())


def hand_doc(parser, text: str, mentions: list[tuple[str, Actor, tuple[Actor, ...]]], start: int = 100):
    """Parse one sentence placed at ``start`` of a document and give it the mentions listed."""
    from bilat.nlp import DocContext, SentenceContext

    ctx = DocContext(doc_id="d-hand", text=" " * start + text, published=PUB,
                     sentences=[(start, start + len(text), 0)])
    doc = parser(text)
    doc._.ctx = SentenceContext(ctx, 0, start, start + len(text), 0)
    found = []
    for phrase, actor, members in mentions:
        i = text.index(phrase)
        found.append(ActorMention(start + i, start + i + len(phrase), phrase, actor, members))
    doc._.actors = found
    return doc


CHN = Actor("China", "CHN")
RUS = Actor("Russia", "RUS")
XI = Actor("Xi Jinping", "CHN", "person")
PUTIN = Actor("Vladimir Putin", "RUS", "person")


def test_hand_actors_collective_members_are_both_sources(parser):
    doc = hand_doc(parser, "The two heads of state met in Moscow on Monday.",
                   [("The two heads of state", Actor("the two heads of state", None, "group"), (XI, PUTIN))])
    (ev,) = E.code_events(doc)
    assert (ev.type, ev.mode, ev.source, ev.target) == ("CONSULT", "meeting", [XI, PUTIN], [])
    assert ev.doc == "d-hand"
    assert ev.span == (100, 100 + len(doc.text))
    assert ev.trigger_span == (100 + doc.text.index("met"), 100 + doc.text.index("met") + 3)
    assert ev.date == Period.day(dt.date(2023, 3, 13))


def test_hand_actors_object_and_prepositional_targets(parser):
    doc = hand_doc(parser, "Xi Jinping held talks with Vladimir Putin.",
                   [("Xi Jinping", XI, ()), ("Vladimir Putin", PUTIN, ())])
    (ev,) = E.code_events(doc)
    assert (ev.type, ev.source, ev.target, ev.status) == ("CONSULT", [XI], [PUTIN], "occurred")


@pytest.mark.parametrize("text, status, date, date_from", [
    # no time in the sentence: a done or ongoing act is dated by the story, and says so
    ("Xi Jinping held talks with Vladimir Putin.", "occurred", Period.day(PUB), "published"),
    ("Xi Jinping is holding talks with Vladimir Putin.", "ongoing", Period.day(PUB), "published"),
    # a stated time wins; a plan has no date the story's day could give
    ("Xi Jinping held talks with Vladimir Putin on Monday.", "occurred", Period.day(dt.date(2023, 3, 13)), None),
    ("Xi Jinping will hold talks with Vladimir Putin.", "planned", None, None),
    # a sentence set in an earlier time is no news of the story's day
    ("Xi Jinping held talks with Vladimir Putin after being elected ten years ago.", "occurred", None, None),
])
def test_hand_actors_undated_acts_take_the_story_date(parser, text, status, date, date_from):
    doc = hand_doc(parser, text, [("Xi Jinping", XI, ()), ("Vladimir Putin", PUTIN, ())])
    (ev,) = E.code_events(doc)
    assert (ev.status, ev.date, ev.extra.get("date_from")) == (status, date, date_from)
    assert ev.date_text is None or date_from is None
    assert ev.to_dict().get("date_from") == date_from


@pytest.mark.slow
@pytest.mark.parametrize("lead, date, date_text, date_from", [
    # the lead dates the headline's act in words: the headline's act takes that date
    ("NEW DELHI, March 5 - India will hold talks with Japan next week on iron ore prices.",
     Period(dt.date(1987, 3, 9), dt.date(1987, 3, 15)), "next week", "lead"),
    # a lead with no time leaves the plan undated
    ("NEW DELHI, March 5 - India will hold talks with Japan on iron ore prices.", None, None, None),
])
def test_a_headline_act_takes_the_leads_date(pipeline, lead, date, date_text, date_from):
    from bilat import nlp

    title = "INDIA AND JAPAN TO DISCUSS IRON ORE PRICES"
    docs = nlp.annotate_text(f"{title}\n\n{lead}", dt.date(1987, 3, 5), title=title, nlp=pipeline)
    head = [ev for ev in docs[0]._.events or []]
    assert [(ev.type, ev.status) for ev in head] == [("CONSULT", "planned")]
    assert (head[0].date, head[0].date_text, head[0].extra.get("date_from")) == (date, date_text, date_from)


@pytest.mark.slow
@pytest.mark.parametrize("title, lead, head_parties, lead_parties", [
    # the lead names whom the headline's threat is aimed at, the headline who threatens
    ("IRAN REPORTS OFFENSIVE AS IRAQ THREATENS AIR RAIDS",
     "BAGHDAD, March 4 - A military spokesman threatened a resumption of air raids on Iran.",
     (["IRQ"], ["IRN"]), (["IRQ"], ["IRN"])),
    # a party never lands on both sides: Japan is the headline's source, so it lends no target
    ("INDIA AND JAPAN TO DISCUSS IRON ORE PRICES",
     "NEW DELHI, March 5 - The state-owned Minerals and Metals Trading Corp will send a team to Japan next week "
     "to negotiate an iron ore export contract.",
     (["IND", "JPN"], []), (["IND"], ["JPN"])),
])
def test_a_headline_and_its_lead_complete_each_others_parties(pipeline, title, lead, head_parties, lead_parties):
    from bilat import nlp

    docs = nlp.annotate_text(f"{title}\n\n{lead}", dt.date(1987, 3, 5), title=title, nlp=pipeline)
    (head,), (ev,) = docs[0]._.events, docs[1]._.events
    assert head.type == ev.type
    assert ([a.country for a in head.source], [a.country for a in head.target]) == head_parties
    assert ([a.country for a in ev.source], [a.country for a in ev.target]) == lead_parties


@pytest.mark.slow
def test_a_conditional_threat_is_made_when_said_not_when_it_would_bite(pipeline):
    # the "next year" is when imports would fall; the warning is news of the story's day
    (ev,) = code(pipeline, "Japan has said it may reduce ore imports from India next year if New Delhi fails to "
                           "cut the price.")
    assert (ev.type, ev.status, ev.date_text) == ("THREATEN", "occurred", None)
    # a condition on no party ("if prices rise") makes a guess, not a threat
    assert code(pipeline, "Analysts said Japan may reduce imports from India if prices rise.") == []


@pytest.mark.slow
def test_a_shouted_headline_is_parsed_in_ordinary_case(pipeline):
    from bilat import nlp

    title = "PEMEX SIGNS 500 MLN DLR JAPAN LOAN FOR PIPELINE"
    (doc,) = nlp.annotate_text(title, dt.date(1987, 3, 3), nlp=pipeline)
    assert nlp.doc_text(doc) == title  # the components and the evidence read the original
    assert [(t.text, t.dep_) for t in doc if t.dep_ in ("nsubj", "dobj")] == [("Pemex", "nsubj"), ("loan", "dobj")]
    (ev,) = doc._.events
    assert (ev.type, [a.country for a in ev.source], [a.country for a in ev.target]) == ("AID", ["JPN"], ["MEX"])
    assert title[ev.span[0]:ev.span[1]] == ev.text


@pytest.mark.slow
@pytest.mark.parametrize("reporter, doer", [
    ("Tehran's IRNA news agency", ["IRN"]),  # one side of the war reports its own side's act
    ("A Western diplomat", []),  # a bystander's report names no doer
])
def test_a_passive_attack_reported_by_the_victims_enemy_is_its_claim(pipeline, reporter, doer):
    text = ("Iranian troops are fighting in a new offensive in northern Iraq, Tehran radio said.\n\n"
            f"{reporter} said at least 2,000 Iraqi troops had been killed or captured.")
    evs = [e for e in code(pipeline, text) if e.type == "ASSAULT" and "2,000" in e.text]
    assert [sides(e) for e in evs] == [("ASSAULT", doer, ["IRQ"])]


@pytest.mark.slow
def test_wire_capitals_after_initials_are_read_as_ordinary_words(pipeline):
    from bilat import nlp

    text = ("He said the U.S. Is prepared to act, and U.S. Officials met the U.S. Federal Reserve and "
            "U.S. Treasury.")
    doc = nlp.wire_cased(pipeline, pipeline.make_doc(text))
    after = [t.text for t in doc if t.i and doc[t.i - 1].text == "U.S."]
    assert after == ["is", "officials", "Federal", "Treasury"]
    (sent,) = nlp.annotate_text(text, dt.date(1987, 3, 3), nlp=pipeline)
    assert nlp.doc_text(sent) == text and sent[4].text == "is" and sent[5].pos_ == "VERB"


def test_hand_actors_no_country_no_event(parser):
    doc = hand_doc(parser, "The committee met on Monday.", [])
    assert E.code_events(doc) == []


def test_hand_actors_pronoun_falls_back_to_last_source_in_document(parser):
    from bilat.nlp import DocContext, SentenceContext

    first, second = "Xi Jinping visited Moscow.", "He met Vladimir Putin."
    text = first + " " + second
    ctx = DocContext(doc_id="d-hand", text=text, published=PUB,
                     sentences=[(0, len(first), 0), (len(first) + 1, len(text), 0)])
    out = []
    for i, (s, e, _) in enumerate(ctx.sentences):
        doc = parser(text[s:e])
        doc._.ctx = SentenceContext(ctx, i, s, e, 0)
        doc._.actors = [ActorMention(s + m, s + m + len(p), p, a) for p, a in
                        (("Xi Jinping", XI), ("Vladimir Putin", PUTIN), ("Moscow", RUS)) if (m := doc.text.find(p)) >= 0]
        out += E.code_events(doc)
    assert [(e.type, e.source, e.target) for e in out] == [("CONSULT", [XI], [RUS]), ("CONSULT", [XI], [PUTIN])]


@pytest.mark.slow
def test_generic_agents_take_the_documents_country(pipeline):
    text = "Egypt's government faces growing anger over prices.\n\nPolice arrested 40 protesters in the capital on Friday."
    (ev,) = code(pipeline, text)
    assert summary(ev) == ("COERCE", "arrest", ["EGY"], ["EGY"])
    assert ev.date == Period.day(dt.date(2023, 3, 17))


# --- patterns from the real-text error analysis (sentences written for these tests) -------------
def sides(ev):
    return (ev.type, sorted(a.country for a in ev.source if a.country),
            sorted(a.country for a in ev.target if a.country))


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # triggers across the CAMEO categories
    ("Israel reimposed a blockade on the Gaza Strip.", ("COERCE", ["ISR"], ["PSE"])),
    ("Rebels blew up a power station in northern Syria.", ("ASSAULT", [], ["SYR"])),
    ("Zambia reneged on its commitment to hold a referendum.", ("REJECT", ["ZMB"], [])),
    ("Pakistani troops remained on high alert along the border with India.", ("MOBILIZE", ["PAK"], ["IND"])),
    ("India strengthened its forces along the border with China.", ("MOBILIZE", ["IND"], ["CHN"])),
    ("A court in Kenya issued arrest warrants for two Somali men.", ("COERCE", ["KEN"], ["SOM"])),
    ("Rebels engaged Malian troops in a firefight near Gao.", ("ASSAULT", [], ["MLI"])),
    ("Thousands of students staged mass demonstrations in Jakarta.", ("PROTEST", ["IDN"], [])),
    ("Seoul and Tokyo resumed military intelligence sharing.", ("COOPERATE", ["JPN", "KOR"], [])),
    ("Armenia handed back three villages to Azerbaijan.", ("RETREAT", ["ARM"], ["AZE"])),
    ("Syrian government forces used chemical weapons against rebels near Damascus.", ("ASSAULT", ["SYR"], [])),
    ("Kyrgyz troops crushed the uprising in the south.", ("ASSAULT", ["KGZ"], [])),
    # a state that boycotts imposes a boycott (CAMEO 163); the same verb with a condition is a threat
    ("The United States boycotted the Olympic Games in Moscow.", ("SANCTION", ["USA"], ["RUS"])),
    # the target is where it happened when no one else is named
    ("Sweden opened an embassy in Kyiv.", ("SUPPORT", ["SWE"], ["UKR"])),
    ("British activists staged a protest in Beijing.", ("PROTEST", ["GBR"], ["CHN"])),
    ("Iranian prisoners rioted at a jail in southern Iraq.", ("PROTEST", ["IRN"], ["IRQ"])),
    ("Russia threatened to cut off gas supplies if Ukraine refused to pay.", ("THREATEN", ["RUS"], ["UKR"])),
    # wrong types: willingness with a condition inside, agreeing to a ceasefire, ending mediation
    ("Norway is willing to send equipment to help defend Latvia if it is attacked.", ("AGREE", ["NOR"], ["LVA"])),
    ("Armenia and Azerbaijan agreed to a ceasefire after two days of heavy fighting.", ("CONCEDE", ["ARM", "AZE"], [])),
    ("Qatar ended its mediation between Israel and Hamas.", ("SANCTION", ["QAT"], ["ISR", "PSE"])),
    # concessions and retreats
    ("The Supreme Court of Ghana decided to allow the opposition leader to contest the election.",
     ("CONCEDE", ["GHA"], [])),
    ("Nigerian doctors called off their strike.", ("CONCEDE", ["NGA"], [])),
    ("Turkey eased restrictions on Syrian refugees.", ("CONCEDE", ["TUR"], ["SYR"])),
    ("Britain withdrew its troops from Basra.", ("RETREAT", ["GBR"], ["IRQ"])),
    ("Cuba released the mayor of a provincial town.", ("RETREAT", ["CUB"], [])),
    ("Bangladeshi peacekeepers arrived in South Sudan.", ("AID", ["BGD"], ["SSD"])),
    # demands without a verb of demanding
    ("Kenya said Uganda must return the seized fishing boats.", ("REQUEST", ["KEN"], ["UGA"])),
    ("Poland wants Germany to pay war reparations.", ("REQUEST", ["POL"], ["DEU"])),
    ("The United States issued a stern reminder to Pakistan that it must cooperate with the inquiry.",
     ("REQUEST", ["USA"], ["PAK"])),
    # offers and acceptances
    ("Japan is ready to contribute to the reconstruction of Iraq.", ("AGREE", ["JPN"], ["IRQ"])),
    ("Egypt accepted a formula for talks with Ethiopia.", ("AGREE", ["EGY"], ["ETH"])),
    ("Iran said it would attend the talks if Washington lifted its sanctions.", ("AGREE", ["IRN"], ["USA"])),
    # conditional threats
    ("France will withdraw its ambassador from Mali unless the junta releases the hostages.",
     ("THREATEN", ["FRA"], ["MLI"])),
    ("Colombia will boycott the summit unless Venezuela is excluded.", ("THREATEN", ["COL"], ["VEN"])),
    # a hostile act said to follow a party's failure, whatever the modal
    ("Japan has said it may be forced to reduce ore imports from India if New Delhi fails to cut the price.",
     ("THREATEN", ["JPN"], ["IND"])),
    ("Officials said China could impose tariffs on Australia if Canberra does not back down.",
     ("THREATEN", ["CHN"], ["AUS"])),
    # a delegation sent to a country visits it
    ("Japan will send a trade mission to Brazil next month.", ("CONSULT", ["JPN"], ["BRA"])),
    # a victim's report of an attack by nobody named is a claim; a named attacker is the attack
    ("Israel said a rocket was fired at it from Lebanon.", ("ACCUSE", ["ISR"], ["LBN"])),
    ("Ukraine said Russian forces shelled Kharkiv.", ("ASSAULT", ["RUS"], ["UKR"])),
    # --- patterns from whole-article error analysis (sentences written for these tests)
    # receiving a named guest at a place is hosting a visit: the guest acts, the host is the target
    ("Chancellor Olaf Scholz welcomed President Emmanuel Macron of France to Berlin on Monday.",
     ("CONSULT", ["FRA"], ["DEU"])),
    # a noun frame's infinitive names the target ("commitment to impose costs on X")
    ("Japan reiterated its commitment to impose costs on North Korea.", ("AGREE", ["JPN"], ["PRK"])),
    # the matter of a complaint ("concerns over X's actions") names the accused
    ("The Australian foreign minister raised concerns over Beijing's military drills.", ("ACCUSE", ["AUS"], ["CHN"])),
    # a speech act coordinated with or reported by a telling is addressed to the one told
    ("Kishida told Xi about the dispute and urged a return to a rational Japan policy.", ("REQUEST", ["JPN"], ["CHN"])),
    ("Japanese Prime Minister Kishida told Chinese President Xi that Japan supported all efforts for peace.",
     ("SUPPORT", ["JPN"], ["CHN"])),
    # "receive" aid from someone: the giver acts, the receiver is the target
    ("Kenya received a loan from China.", ("AID", ["CHN"], ["KEN"])),
    # a punitive tax on another country's goods is a sanction; declared with a condition, a threat
    ("The Belgian minister said if a textile bill was enacted, \"we will impose taxes on a lot of American products.\"",
     ("THREATEN", ["BEL"], ["USA"])),
    # "<country>-made" goods are that country's
    ("India agreed to buy more Russian-made weapons.", ("AGREE", ["IND"], ["RUS"])),
    # "talks ... with X to VERB" misread as an absolute clause: X is still the counterpart
    ("Indian negotiators opened talks last month with Chinese officials to try to settle the border dispute.",
     ("CONSULT", ["IND"], ["CHN"])),
    # a judgement of what someone does targets the doer ("criticized the way X handles ...")
    ("Japan criticized the way Chinese officials handle trade issues.", ("ACCUSE", ["JPN"], ["CHN"])),
    # "citing X as V-ing": the object the "as" phrase describes does the act
    ("The report cited Iran as supplying drones to Russia.", ("AID", ["IRN"], ["RUS"])),
    # every coordinated place of a place-as-target names a target
    ("The United States sanctioned dozens of companies in Hong Kong and mainland China.",
     ("SANCTION", ["USA"], ["CHN", "HKG"])),
    # "decree" is a light verb: what is decreed is the event
    ("The Swedish government decreed trade sanctions against South Africa.", ("SANCTION", ["SWE"], ["ZAF"])),
    # support offered or pledged is verbal support, not an agreement
    ("France offered support for the Greek proposal.", ("SUPPORT", ["FRA"], ["GRC"])),
    ("China pledged support for Pakistan's sovereignty.", ("SUPPORT", ["CHN"], ["PAK"])),
    # "laid the blame on" is an accusation
    ("France laid the blame on Germany for the breakdown of the talks.", ("ACCUSE", ["FRA"], ["DEU"])),
    # a decision to act (a modal in the clause) still codes the act
    ("Israel decided it would attack Hezbollah positions.", ("ASSAULT", ["ISR"], ["LBN"])),
    # a rule broken, as someone reports it: the reporter accuses the one who broke it
    ("Acting Turkish Prime Minister Kaya Erdem said Greek activities contravened the 1976 Berne Agreement.",
     ("ACCUSE", ["TUR"], ["GRC"])),
    # ... but a broken ceasefire stays an attack
    ("Israel violated the ceasefire agreement on Monday.", ("ASSAULT", ["ISR"], [])),
    # the act a reply answers happened, and was aimed at the one replying
    ("Greece, responding to a warning by Turkey against drilling in the Aegean Sea, said it had the right to decide.",
     ("THREATEN", ["TUR"], ["GRC"])),
    # an event noun whose doer is named with "by"
    ("The invasion of Kuwait by Iraq shocked the region.", ("ASSAULT", ["IRQ"], ["KWT"])),
    # a headline joins its subjects with a comma
    ("WEST GERMANY, TANZANIA AGREE DEBT RESCHEDULING", ("AGREE", ["DEU", "TZA"], [])),
    # the talks at which something else happened, with their parties named
    ("The communique was issued after two days of talks between Guinean natural resources minister Ousmane "
     "Sylla and Nigerian foreign minister Bolaji Akinyemi.", ("CONSULT", ["GIN", "NGA"], [])),
    # leading a delegation somewhere, sending a team there to negotiate: a visit
    ("South Korean Trade Minister Rha is leading a delegation to China.", ("CONSULT", ["KOR"], ["CHN"])),
    ("Japan's trade minister headed a delegation to Moscow last week.", ("CONSULT", ["JPN"], ["RUS"])),
    ("India's state trading company will send a team to Japan next week to negotiate an iron ore contract.",
     ("CONSULT", ["IND"], ["JPN"])),
    # the giver of what is received, hung by the parse inside the object
    ("Bangladesh received a grant equivalent to 47 mln dlrs from the Netherlands.",
     ("AID", ["NLD"], ["BGD"])),
    # money approved for another country's purchases is aid to that country, not to the giver's goods
    ("The Commodity Credit Corporation has approved 45 mln dlrs in credit guarantees for sales of U.S. wheat "
     "to Morocco.", ("AID", ["USA"], ["MAR"])),
    # a conditional threat with no doer in its clause is the one who says it
    ("Belgian Trade Minister Herman De Croo said if Congress passed the bill the only way the European "
     "Community could react was to retaliate.", ("THREATEN", ["BEL"], ["USA"])),
    # "charged that ...": an accusation, its target the reported clause's subject
    ("U.S. Ambassador Michael Samuels charged that Canada was trying to preserve domestic jobs.",
     ("ACCUSE", ["USA"], ["CAN"])),
    # a warning that the speaker will answer with force is a threat
    ("Russia warned Ukraine that it would respond with force.", ("THREATEN", ["RUS"], ["UKR"])),
    ("Israel responded with air strikes.", ("ASSAULT", ["ISR"], [])),
    # a crowd no one names is of the country it marches in; a protest at an embassy is aimed at its country
    ("Thousands protested in Seoul against the Japanese government's plan.", ("PROTEST", ["KOR"], ["JPN"])),
    ("Protesters rallied outside the U.S. embassy in Manila.", ("PROTEST", ["PHL"], ["USA"])),
    ("Hundreds of people protested outside the Chinese embassy.", ("PROTEST", [], ["CHN"])),
    # a protest note handed over is an official complaint; ordering an ambassador out is expelling him
    ("The Pakistani envoy handed a protest note to the Afghan charge d'affaires.", ("ACCUSE", ["PAK"], ["AFG"])),
    ("Niger's junta ordered the French ambassador to leave the country.", ("SANCTION", ["NER"], ["FRA"])),
    # intelligence handed over is shared (CAMEO 064), not aid
    ("The United States provided intelligence to Ukraine.", ("COOPERATE", ["USA"], ["UKR"])),
    # a message or letter carries the act it is "of"; a state's protest is an official complaint
    ("Yeltsin sent a message of congratulations to the new Polish president.", ("SUPPORT", ["RUS"], ["POL"])),
    ("China sent a letter of protest to Japan.", ("ACCUSE", ["CHN"], ["JPN"])),
    # forces deployed in the passive are their own country's act; forces pulled out are no target
    ("Russian troops were deployed to the border with Ukraine.", ("MOBILIZE", ["RUS"], ["UKR"])),
    ("Thousands of Turkish soldiers were sent to the Iraqi border.", ("MOBILIZE", ["TUR"], ["IRQ"])),
    ("Bosnian Serb leader Milorad Dodik threatened to pull Serb forces out of the national army.",
     ("THREATEN", ["BIH"], [])),
    ("Ghana returned 23 Togolese soldiers who had crossed the border by mistake.", ("RETREAT", ["GHA"], ["TGO"])),
    # a nationality word the model tags ORG still names the goods' country
    ("Kenya banned Ugandan sugar imports.", ("SANCTION", ["KEN"], ["UGA"])),
    # accusations traded or exchanged are made by both sides
    ("Cambodia and Thailand traded accusations over the border clash.", ("ACCUSE", ["KHM", "THA"], [])),
    # a body suspending a named member (the model tags "Gabon" a person); who attends an event takes part
    ("The African Union suspended Gabon after the military coup.", ("SANCTION", [], ["GAB"])),
    ("The Kremlin said Putin would not attend the G20 summit in Bali.", ("REJECT", ["RUS"], [])),
    # a raid by aircraft or soldiers is an attack; a police raid a seizure
    ("Israeli planes raided Palestinian guerrilla bases on Tuesday.", ("ASSAULT", ["ISR"], ["PSE"])),
    ("Police raided the offices of an opposition newspaper in Nairobi.", ("COERCE", ["KEN"], [])),
    # who is expected somewhere for talks comes to hold them
    ("Iran's oil minister is expected in Algiers on Friday for talks with his Algerian counterpart.",
     ("CONSULT", ["IRN"], ["DZA"])),
])
def test_real_text_patterns(pipeline, text, expected):
    evs = code(pipeline, text)
    assert evs, text
    assert sides(evs[0]) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # a relative clause about a participant is no event of its own
    ("Police in Egypt released a French journalist who had been detained for two days.",
     [("RETREAT", ["EGY"], ["FRA"])]),
    ("Greece renewed an appeal to Turkey to extradite a suspect wanted for murder.", [("REQUEST", ["GRC"], ["TUR"])]),
    ("The United States launched an air strike on a militant group that had seized parts of Syria.",
     [("ASSAULT", ["USA"], ["SYR"])]),
    # the purpose or manner of a protest is the protest, not a second (REQUEST) event
    ("Thousands of Algerians demonstrated in Algiers, calling for the release of political prisoners.",
     [("PROTEST", ["DZA"], [])]),
    ("Students blocked roads in Dhaka to demand lower bus fares.", [("PROTEST", ["BGD"], [])]),
    ("Students in Nairobi will boycott classes to protest against the fee increase.", [("PROTEST", ["KEN"], [])]),
    # a reaction drawn from someone is theirs, aimed at whoever drew it, even in a participle
    ("North Korea's missile tests drew condemnation from Japan.",
     [("MOBILIZE", ["PRK"], []), ("ACCUSE", ["JPN"], ["PRK"])]),
    ("The United States and South Korea began joint military exercises, prompting condemnation from Pyongyang.",
     [("COOPERATE", ["KOR", "USA"], []), ("ACCUSE", ["PRK"], ["KOR", "USA"])]),
    # a call made to discuss is one consultation
    ("The French president telephoned the Kenyan president to discuss the crisis in Sudan.",
     [("CONSULT", ["FRA"], ["KEN"])]),
    # "calls for X to step down": the resignation is what is asked for
    ("Turkey called for President Bashar al-Assad to step down.", [("REQUEST", ["TUR"], ["SYR"])]),
    # an infinitive governed by "encourage" makes a request; "aims to encourage investment" does not
    ("Britain encouraged Iran to return to the talks.", [("REQUEST", ["GBR"], ["IRN"])]),
    ("The fund aims to encourage investment in Kenya.", []),
    # "heading to" a place is travel; only "heading a delegation" is a visit
    ("A Kenyan delegation is heading to Washington for a conference.", []),
    # a threat in a participle is aimed at whom the main clause acts on
    ("EU leaders pressed Belgium to find a solution, threatening to abandon the summit.",
     [("REQUEST", [], ["BEL"]), ("THREATEN", [], ["BEL"])]),
])
def test_one_event_per_asserted_clause(pipeline, text, expected):
    assert [sides(e) for e in code(pipeline, text)] == expected


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # the speaker is among the obliged: advice to oneself, no demand
    "China and Russia should deepen their cooperation, Xi said.",
    # a hostile act conditioned on could is hypothetical, not a threat
    "Officials said Serbia could impose sanctions if the talks fail.",
    # a participle describing a trip is not the news
    "The minister began a regional trip aimed at pushing for a ceasefire in the Gaza Strip.",
    # "in no way" negates
    "Japan is in no way backing out of the agreement with India.",
    # fighting an epidemic is no battle
    "The United States is spending $660 million to battle the epidemic in Liberia.",
    # "meet" + a norm or target is satisfying it, not a meeting
    "Indian exporters have to meet the new requirements of the European Union.",
    "Chinese banks met the capital targets set by the regulator in Beijing.",
    # an event whose duration is measured is an ongoing background event, not a new one
    "The French economy slowed as Russia's invasion of Ukraine entered its second year.",
    # ordering troops out of an area is no expulsion of a diplomat
    "The Kenyan army ordered its troops to leave the area.",
    # a warning against a thing, addressed to no one, is no threat
    "The Chinese central bank warned against complacency over inflation.",
    "The general ordered his troops to leave the barracks.",
    # declining to comment is a statement (CAMEO 011), not a refusal of what is not commented on
    "A Russian spokesman declined to comment on the Chinese report.",
    "The Kremlin declined to give details of the talks with China.",
    "Peskov declined to say whether Putin would meet Xi in Beijing.",
    # a reporter's question to the speaker is no request between actors
    "Asked whether China would send troops to Russia, Wang said Beijing had no such plans.",
    "When asked about the Japanese proposal, the Chinese spokesman said he had no information.",
    "Asked to comment on Chile's agreement with its creditors, Azpurua said only, \"that is good news.\"",
    # giving no details (or a speech) gives no aid, whatever the details are of
    "It gave no details of the repayment terms of the Japanese loans to China.",
    # idioms and market language: nothing given, offered, freed or hit between actors
    "Recent developments in international financial markets give rise to the question whether the Swiss "
    "financial system is sound.",
    "The Bank of England said it had provided the money market with 37 mln stg assistance.",
    "Irish equities continue to offer quality growth at a reasonable valuation.",
    "Despite the dire warnings, Mr Greenspan did offer some good news for the short term.",
    "For the first time since the Second World War all French prices have been freed, he said.",
    "Sluggish economy hits German jobs",
    # a budget presented, or a plan proposed at home, offers nothing to another party
    "The Russian finance minister presented the budget to parliament.",
    "Reagan proposed a plan to cut the budget deficit.",
    "A Russian national pleaded guilty in a U.S. court to smuggling charges.",
    "He entered a guilty plea in a Moscow court.",
    # a subject that is "neither ... nor" or "no ..." negates the act
    "Neither Russia nor Ukraine has agreed to the Chinese proposal.",
    "No country has agreed to the Chinese proposal.",
    # a share that declines "to" a level refuses nothing
    "China's share of exports fell to 18.4 percent, while the US share declined to 17.3 percent.",
    # meeting repayments or complaints is no meeting
    "Poland has said it will not be able to meet interest repayments to Germany this year.",
    "As a result, Tokyo is striving to meet U.S. complaints about its trade practices.",
    # market and natural forces neither attack nor threaten, nor does a share captured seize anything
    "The official said the 40 pct rise of the yen has hit Japan hard.",
    "Typhoon Haikui hit Taiwan on Sunday.",
    "Soviet mercury sales in the EC had risen to 100 tonnes and threaten to capture 25 pct of the EC market.",
])
def test_no_event_patterns(pipeline, text):
    assert code(pipeline, text) == []


@pytest.mark.slow
def test_what_is_discussed_is_no_party_to_the_talks(pipeline):
    (ev,) = code(pipeline, "Lavrov discussed Syria with his Turkish counterpart.")
    assert summary(ev) == ("CONSULT", None, ["RUS"], ["TUR"])
    # the purpose of a meeting adds no talks with the country they are about
    for text, target in (("Xi met Putin in Moscow to discuss the war in Ukraine.", ["RUS"]),
                         ("Blinken met Wang Yi in Beijing to discuss Taiwan.", ["CHN"])):
        evs = code(pipeline, text)
        assert [summary(e)[3] for e in evs] == [target], text


@pytest.mark.slow
def test_the_reason_of_a_sanction_is_no_act_of_the_sanctioner(pipeline):
    """The act after "for" is what the sanctioned did; the reason phrase names no place."""
    (ev,) = code(pipeline, "Washington sanctioned two Chinese companies for supplying Russia with drone parts.")
    assert summary(ev) == ("SANCTION", "discontinue", ["USA"], ["CHN"])
    (ev,) = code(pipeline, "China sanctioned US defence firms over arms sales to Taiwan.")
    assert summary(ev) == ("SANCTION", "discontinue", ["CHN"], ["USA"]) and ev.location is None


@pytest.mark.slow
def test_announced_help_is_agree_and_keeps_planned_status(pipeline):
    (ev,) = code(pipeline, "Germany will give Ghana a grant of 10 million euros.")
    assert sides(ev) == ("AGREE", ["DEU"], ["GHA"])
    assert ev.status == "planned"
    # a visit announced stays a planned consultation
    (ev,) = code(pipeline, "The Japanese prime minister will visit Vietnam next week.")
    assert (sides(ev), ev.status) == (("CONSULT", ["JPN"], ["VNM"]), "planned")


@pytest.mark.slow
def test_told_visiting_minister_is_the_addressee(pipeline):
    # the parser reads "visiting" as a verb whose object is the one told
    evs = code(pipeline, "On Monday, Kishida told visiting Indian Foreign Minister Jaishankar that Japan "
                         "supported all efforts for peace.")
    assert ("SUPPORT", ["JPN"], ["IND"]) in [sides(e) for e in evs]


@pytest.mark.slow
def test_a_wire_dateline_is_neither_an_actor_nor_a_trigger_word(pipeline):
    # the place that filed the story is not who acted, though the parse hangs the sentence from it
    evs = code(pipeline, "KUALA LUMPUR, March 3 - Zaire agreed to limit its tin exports to 1,736 tonnes, "
                         "the association said.", dt.date(1987, 3, 3))
    assert [sides(e) for e in evs] == [("AGREE", ["COD"], [])]
    # "March" of the dateline is not the "march" that makes "ended" the end of a protest
    assert code(pipeline, "BAHRAIN, March 2 - Deputy oil ministers of Saudi Arabia and Kuwait ended a "
                          "meeting here.", dt.date(1987, 3, 2)) == []
    # without a dateline, the capital still names its state
    evs = code(pipeline, "Kuala Lumpur agreed to limit its tin exports to 1,736 tonnes.", dt.date(1987, 3, 3))
    assert [sides(e) for e in evs] == [("AGREE", ["MYS"], [])]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Deng Xiaoping received visiting U.S. Secretary of State George Shultz in Peking.",
    "PEKING, March 3 - Chinese leader Deng Xiaoping told visiting U.S. Secretary of State George Shultz China's "
    "recent troubles were over.",
])
def test_the_one_visiting_is_the_visitor_whoever_the_subject_is(pipeline, text):
    visits = [sides(e) for e in code(pipeline, text, dt.date(1987, 3, 3)) if e.mode == "visit"]
    assert visits == [("CONSULT", ["USA"], ["CHN"])]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # the trigger's own "to" is not the "to" of "declined to attend"
    "The crisis began when Brazil's trade surplus started to decline sharply.",
    # a source's request for anonymity is the reporter's convention
    "An aide to Agriculture Secretary Richard Lyng who asked not to be identified said the reports were wrong.",
    # what traders guess at is no plan of the government's
    "Grain traders continued to speculate that the Reagan administration will offer subsidized wheat to the "
    "Soviet Union.",
    # a ruling that something did not happen promises nothing
    "In that case, Canada decided pasta imports did not injure domestic producers.",
    # the narrator's own "breached the deal" is no one's accusation
    "Greece breached the agreement in 1985.",
    # summoning one's own envoys home is no protest; seizing an opportunity no seizure
    "Reagan said he was summoning Ambassador Max Kampelman and the other top U.S. negotiators home.",
    "\"To seize this new opportunity I have instructed our negotiators to begin,\" Reagan said of Russia.",
])
def test_words_that_only_look_like_acts(pipeline, text):
    assert code(pipeline, text, dt.date(1987, 3, 2)) == []


@pytest.mark.slow
def test_they_of_a_coordinated_clause_is_the_first_clauses_subject(pipeline):
    # not the countries of the sentence before
    text = ("Woods said Hong Kong, Canada and Nigeria had supported the EC complaint. "
            "Japan's delegate, Minoru Endo, replied in the debate that the charges were unfounded, "
            "but they were willing to continue bilateral talks.")
    evs = [sides(e) for e in code(pipeline, text, dt.date(1987, 3, 4)) if "willing" in e.text]
    assert evs == [("AGREE", ["JPN"], [])]


@pytest.mark.slow
def test_a_date_inside_a_property_of_the_object_does_not_date_the_event(pipeline):
    (ev,) = code(pipeline, "The UAE daily al-Ittihad said they would discuss two clauses, effective from "
                           "March 1, opening up wholesale trade.", dt.date(1987, 3, 5))
    assert ev.type == "CONSULT" and ev.date is None


@pytest.mark.slow
def test_the_leaders_are_the_parties_of_the_last_event(pipeline):
    # a definite plural of a role ("the leaders") names both sides of the previous sentence's event
    text = ("President Lula welcomed Chancellor Olaf Scholz of Germany to Brasilia on Monday. "
            "At the start of the visit, the leaders discussed trade with Argentina.")
    evs = code(pipeline, text)
    assert ("CONSULT", ["BRA", "DEU"], ["ARG"]) in [sides(e) for e in evs]


@pytest.mark.slow
def test_the_leaders_after_a_joint_act_are_its_actors_not_what_they_discussed(pipeline):
    # "the two leaders" is Biden and Macron, though Ukraine is named more often than either country;
    # a later "the leaders" is the pair who discussed Ukraine, not Ukraine with them
    text = ("President Joseph R. Biden, Jr. spoke today with President Emmanuel Macron of France. "
            "The two leaders discussed their support for Ukraine as Russia's brutal invasion of Ukraine "
            "enters its second year. The leaders also reaffirmed their commitment to coordinate closely "
            "on clean energy.")
    evs = [sides(e) for e in code(pipeline, text, dt.date(2023, 3, 7))]
    assert evs == [("CONSULT", ["USA"], ["FRA"]), ("CONSULT", ["FRA", "USA"], ["UKR"]),
                   ("AGREE", ["FRA", "USA"], [])]


@pytest.mark.slow
def test_a_decided_act_is_dated_by_its_decision_and_a_broker_is_no_place(pipeline):
    # Thursday 16 May 2024: "agreed ... on Friday" is the Friday before, though the sanction is to come
    (ev,) = code(pipeline, "The European Union agreed a new package of sanctions against Russia on Friday.",
                 dt.date(2024, 5, 16))
    friday = Period(dt.date(2024, 5, 10), dt.date(2024, 5, 10))
    assert (ev.type, ev.status, ev.date) == ("SANCTION", "planned", friday)
    (ev,) = code(pipeline, "Saudi Arabia and Iran agreed to restore diplomatic relations in a deal brokered "
                           "by China.")
    assert ev.location is None


@pytest.mark.slow
def test_a_title_alone_is_the_office_holder_the_document_named(pipeline):
    # a readout's "The President" is the president it named first; "the Prime Minister" the prime minister
    text = ("President Joseph R. Biden, Jr. spoke today with Prime Minister Kishida of Japan. The President "
            "welcomed Japan's decision to increase its defense spending. The Prime Minister thanked the "
            "President for his support.")
    evs = [(e.type, [a.name for a in e.source], [a.name for a in e.target]) for e in code(pipeline, text)]
    assert evs[1:] == [("SUPPORT", ["Joe Biden"], ["Japan"]), ("SUPPORT", ["Fumio Kishida"], ["Joe Biden"])]
    # a vice president is not the president, nor a secretary-general a secretary
    text = ("Vice President Kamala Harris met Secretary of State Antony Blinken. The Secretary-General urged "
            "Russia to end the war. The President thanked Ukraine.")
    assert [[a.name for a in e.source] for e in code(pipeline, text)][1:] == [[], []]


@pytest.mark.slow
def test_the_summit_on_whose_sidelines_they_meet_is_no_party(pipeline):
    (ev,) = code(pipeline, "Xi met Biden on the sidelines of the APEC summit in San Francisco.")
    assert [a.name for a in ev.target] == ["Joe Biden"]


@pytest.mark.slow
def test_an_organisations_members_meeting_is_kept_without_a_country(pipeline):
    # "ministers of the GCC states will meet": the members meet; no country acts, yet it is news
    (ev,) = code(pipeline, "ABU DHABI, March 5 - Economy and finance ministers of the Gulf Cooperation "
                           "Council (GCC) states will meet in Abu Dhabi on March 17 and 18.",
                 dt.date(1987, 3, 5))
    assert (ev.type, ev.status) == ("CONSULT", "planned")
    assert [a.name for a in ev.source] == ["Gulf Cooperation Council"]
    assert ev.date == Period(dt.date(1987, 3, 17), dt.date(1987, 3, 18))
    # a present that is "later today" is still to come
    (ev,) = code(pipeline, "European Community agriculture ministers meet later today to consider a "
                           "package of price cuts.", dt.date(1987, 3, 2))
    assert (ev.type, ev.status) == ("CONSULT", "planned")
    # other acts of an organisation alone stay out, as does a meeting with no members as subject
    assert code(pipeline, "The World Bank approved a loan for a port.") == []
    assert code(pipeline, "NATO said it would hold talks next week.") == []


@pytest.mark.slow
def test_pronoun_reporter_is_resolved_and_relative_present_is_no_event(pipeline):
    text = ("Belgian Foreign Trade Minister Herman De Croo criticized the textile bill. He said if the bill was "
            "enacted, \"we will impose taxes on a lot of American products.\"")
    assert ("THREATEN", ["BEL"], ["USA"]) in [sides(e) for e in code(pipeline, text)]
    # a present-tense relative clause states a standing property of a participant, not an event
    assert code(pipeline, "The reform faced strong opposition from the Communist parties, which give crucial "
                          "support to the Indian government.") == []


@pytest.mark.slow
def test_named_speaker_without_event_is_remembered_for_he(pipeline):
    # the first sentence codes no event, but its named speaker is who the next "He said" means
    text = ("Belgian Foreign Trade Minister Herman De Croo, here for talks with Administration officials, said the "
            "bill was unwise. He said if the bill was enacted, \"we will impose taxes on a lot of American products.\"")
    assert ("THREATEN", ["BEL"], ["USA"]) in [sides(e) for e in code(pipeline, text)]


@pytest.mark.slow
def test_warning_of_a_declared_act_on_a_condition_is_a_threat(pipeline):
    # any act declared with a condition on a named party makes the warning a threat, even in a participle
    evs = code(pipeline, "Kishida discussed the fishing dispute with Xi, warning that Japan will take appropriate "
                         "measures if China does not end its patrols.")
    assert ("THREATEN", ["JPN"], ["CHN"]) in [sides(e) for e in evs]
    # a forecast with a condition on nobody is no threat
    assert code(pipeline, "The Indian minister warned that the economy will slow if prices rise.") == []


@pytest.mark.slow
def test_person_named_by_surname_keeps_the_country_of_the_full_mention(pipeline):
    text = ("Belgian Foreign Trade Minister Herman De Croo arrived in Washington on Monday. "
            "De Croo criticized the United States.")
    assert ("ACCUSE", ["BEL"], ["USA"]) in [sides(e) for e in code(pipeline, text)]


def test_evidence_that_supports_a_view_is_no_support(parser):
    # "statistics support the perception": evidence bears out a view, no actor supports anyone
    doc = hand_doc(parser, "Statistics support the perception in the United States that American parts are not welcome.",
                   [("the United States", Actor("United States", "USA"), ())])
    assert E.code_events(doc) == []
    doc = hand_doc(parser, "Russia supports the perception in the United States that American parts are not welcome.",
                   [("Russia", RUS, ()), ("the United States", Actor("United States", "USA"), ())])
    assert [e.type for e in E.code_events(doc)] == ["SUPPORT"]


@pytest.mark.slow
@pytest.mark.parametrize("text, want", [
    # a phrase between the verb and its that-clause: the parser hangs the clause on the phrase's noun
    ("Japan charged at the meeting that China was dumping steel.", ("ACCUSE", ["JPN"], ["CHN"])),
    ("Washington complained during the talks that Beijing had broken the deal.",
     ("ACCUSE", ["USA"], ["CHN"])),
])
def test_a_that_clause_after_a_phrase_is_the_verbs_content(pipeline, text, want):
    assert want in [sides(e) for e in code(pipeline, text)]


def test_a_real_relative_clause_stays_with_its_noun(pipeline):
    doc = pipeline("The leaders met at the summit that India hosted.")
    assert E.reattach_clauses(doc, E.load_lexicon()) == 0
    relcl = next(t for t in doc if t.lower_ == "hosted")
    assert (relcl.dep_, relcl.head.lower_) == ("relcl", "summit")


@pytest.mark.slow
def test_he_after_a_named_speaker_of_an_unparsed_sentence_is_that_speaker(pipeline):
    from bilat import nlp

    # the middle sentence holds no event word, so it is not parsed; its named speaker is still who
    # the following "he" is
    text = ("U.S. Ambassador Michael Samuels charged during the Council debate that Canada was trying "
            "to preserve domestic jobs. Robert White, Canada's deputy chief of delegation, replied the "
            "law was in line with the rules. But he agreed to setting up the dispute panel.")
    evs = [ev for d in nlp.annotate_text(text, PUB, nlp=pipeline, gate=True) for ev in d._.events or []]
    assert ("ACCUSE", ["USA"], ["CAN"]) in [sides(e) for e in evs]
    assert not [e for e in evs if e.trigger == "agreed" and sides(e)[1] == ["USA"]]


@pytest.mark.slow
def test_an_interception_of_bombers_is_coded_against_both_nationalities_on_its_day(pipeline):
    (ev,) = code(pipeline, "NORAD intercepted two Russian and two Chinese bombers flying near Alaska "
                           "Wednesday.",
                 dt.date(2024, 7, 25))
    assert sides(ev) == ("COERCE", [], ["CHN", "RUS"])
    assert (ev.date.start, ev.date.end) == (dt.date(2024, 7, 24), dt.date(2024, 7, 24))
    # a participle takes only a bare day: last week's visit is not when the veto was cast
    (veto,) = code(pipeline, "Russia and China vetoed a draft resolution authorizing the resolution on last "
                             "week's visit of Sudanese President Omar al-Bashir.", dt.date(2023, 3, 18))
    assert veto.date is None or veto.date.start == dt.date(2023, 3, 18)


@pytest.mark.slow
@pytest.mark.parametrize("text, want", [
    ("China is deeply concerned about the decision by Japan to release the water.",
     [("ACCUSE", ["CHN"], ["JPN"])]),
    ("China expressed concern about Japan's decision.", [("ACCUSE", ["CHN"], ["JPN"])]),
    # the participle's by-phrase is what the concern is about, not who acts
    ("Japan is concerned by China's military buildup.", [("ACCUSE", ["JPN"], ["CHN"])]),
    # a worry about a matter is no act against anyone
    ("China is concerned about the economy.", []),
    ("The United States and the European Union have expressed concern about the bill.", []),
])
def test_a_stated_concern_is_an_accusation_only_against_someone(pipeline, text, want):
    assert [sides(e) for e in code(pipeline, text)] == want


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # a text named after a city is neither the city's country nor a place
    "Guterres calls for the peaceful settlement of the conflict, in accordance with the Minsk Agreements.",
    # a friendship is reinforced, not troops
    "The visit will reinforce the close friendship and enduring partnership between the United States "
    "and Jordan.",
])
def test_no_country_from_a_document_name_and_no_troops_in_a_friendship(pipeline, text):
    assert [e for e in code(pipeline, text) if _countries_of(e) & {"BLR"} or e.type == "MOBILIZE"] == []


def _countries_of(ev):
    return {a.country for a in ev.source + ev.target if a.country}


@pytest.mark.slow
def test_a_plan_announced_on_a_day_is_dated_by_the_past_announcement(pipeline):
    # "On October 18th ... announced that it would lift": last October 18th, not next year's
    (ev,) = code(pipeline, "On October 18th, President Joe Biden's administration announced that it "
                           "would lift most of the restrictions placed on Venezuela's energy "
                           "sector.", dt.date(2023, 10, 19))
    assert sides(ev)[1:] == (["USA"], ["VEN"])
    assert ev.date.start == dt.date(2023, 10, 18)


@pytest.mark.slow
@pytest.mark.parametrize("text, want", [
    # an ultimatum is a demand on the one given the deadline
    ("The Biden administration has given Mr Maduro until the end of November to start releasing political "
     "prisoners.", ("REQUEST", ["USA"], ["VEN"])),
    # "strikes" are military when what is struck says so
    ("U.S. military forces conducted strikes against a number of targets in Yemen used by Houthi rebels.",
     ("ASSAULT", ["USA"], ["YEM"])),
])
def test_ultimatums_and_strikes_on_targets(pipeline, text, want):
    assert want in [sides(e) for e in code(pipeline, text, dt.date(2023, 10, 19))]


@pytest.mark.slow
def test_we_in_a_statement_by_an_official_is_the_officials_government(pipeline):
    from bilat import nlp

    title = "Statement by NSC Spokesperson Adrienne Watson on the DPRK's Ballistic Missile Launch"
    text = (f"{title}\n\nThe United States strongly condemns the DPRK for its test of a long-range ballistic "
            "missile.\n\nWe urge all countries to condemn these violations and call on the DPRK to come "
            "to the table.")
    evs = [ev for d in nlp.annotate_text(text, PUB, title=title, nlp=pipeline) for ev in d._.events or []]
    assert any(sides(e)[1:] == (["USA"], ["PRK"]) and e.type == "REQUEST" for e in evs)


@pytest.mark.slow
def test_a_sentence_in_a_foreign_court_is_that_states_act_on_the_citizen(pipeline):
    from bilat import nlp

    # a headline's participle is a passive: the citizen is sentenced, by the state the court sits in
    title = "German citizen sentenced to death in Belarus"
    text = f"{title}\n\nA German citizen has been sentenced to death in Belarus, a rights group said."
    evs = [ev for d in nlp.annotate_text(text, PUB, title=title, nlp=pipeline) for ev in d._.events or []]
    sanctions = [sides(e) for e in evs if e.type == "SANCTION"]
    assert sanctions and all(s == ("SANCTION", ["BLR"], ["DEU"]) for s in sanctions)


@pytest.mark.slow
@pytest.mark.parametrize("text, want", [
    # the embassy in Minsk is Germany's mission there, not Belarus; the Federal Foreign Office is Germany's
    ("The Federal Foreign Office and the Embassy in Minsk are providing consular support to him.", {"DEU"}),
    # a scandal hits no one
    ("Japanese Prime Minister Taro Yoshida and his coalition have been hit by scandal.", set()),
])
def test_a_mission_is_not_its_host_and_a_scandal_is_no_attack(pipeline, text, want):
    assert set().union(*[_countries_of(e) for e in code(pipeline, text)]) == want


@pytest.mark.slow
def test_him_is_the_other_person_named_and_two_titles_share_the_article(pipeline):
    evs = code(pipeline, "President Joseph R. Biden, Jr. spoke today with President-elect Ferdinand "
                         "Marcos Jr. of the Philippines to congratulate him on his election.")
    assert ("SUPPORT", ["USA"], ["PHL"]) in [sides(e) for e in evs]
    # a possessor is no antecedent: "wrecked Reagan's popularity and threatened to condemn him"
    assert code(pipeline, "That perception has wrecked Reagan's popularity and threatened to condemn "
                          "him to lame duck status.", dt.date(1987, 3, 1)) == []
    text = ("President Biden spoke this afternoon with Prime Minister Rishi Sunak of the United Kingdom. "
            "The President and Prime Minister discussed ongoing Houthi attacks against vessels in the "
            "Red Sea.")
    discussed = [e for e in code(pipeline, text) if e.trigger == "discussed"]
    assert discussed and {"USA", "GBR"} <= _countries_of(discussed[0])


@pytest.mark.slow
def test_coordinated_passives_share_their_agent(pipeline):
    evs = code(pipeline, "In October 2023, Russian-American journalist Alsu Kurmasheva was arrested and "
                         "charged by the Russian authorities.", dt.date(2024, 7, 19))
    assert ("COERCE", ["RUS"], ["USA"]) in [sides(e) for e in evs]


@pytest.mark.slow
def test_an_act_told_again_keeps_the_day_the_story_gave_it(pipeline):
    text = ("NORAD intercepted two Russian and two Chinese bombers flying near Alaska Wednesday.\n\n"
            "The bombers remained in international airspace.\n\n"
            "The US and Canada intercepted the Russian and Chinese bombers.")
    evs = [e for e in code(pipeline, text, dt.date(2024, 7, 25)) if e.trigger == "intercepted"]
    assert len(evs) == 2 and all(e.date.start == dt.date(2024, 7, 24) for e in evs)
    assert evs[1].extra.get("date_from") == "story"


@pytest.mark.slow
def test_an_announced_act_with_immediate_effect_has_occurred(pipeline):
    (ev,) = code(pipeline, "On October 18th, the administration announced that, with immediate effect, "
                           "it would lift the sanctions on Venezuela.", dt.date(2023, 10, 19))
    assert (ev.status, ev.date.start) == ("occurred", dt.date(2023, 10, 18))


@pytest.mark.slow
def test_a_visit_to_sign_an_agreement_codes_the_signing_too(pipeline):
    evs = [sides(e) for e in code(pipeline, "Zelensky visited Warsaw to sign a security agreement with "
                                            "Poland.")]
    assert ("CONSULT", ["UKR"], ["POL"]) in evs
    assert any(t in ("AGREE", "SUPPORT") and s == ["UKR"] and g == ["POL"] for t, s, g in evs)
    # a meeting to discuss stays one meeting
    meeting = code(pipeline, "Putin met Xi in Beijing to discuss the war.")
    assert [e.type for e in meeting] == ["CONSULT"]


@pytest.mark.slow
@pytest.mark.parametrize("text, want", [
    # a view of a state of affairs is no act
    ("Biden said he considers American journalist Evan Gershkovich to be wrongfully detained.", []),
    # a retort is an accusation, not an attack
    ("Michel firmly hit back at Orbán's claim.", [("ACCUSE", [], ["HUN"])]),
    # "its" opening the next sentence is the state the story just named acting
    ("A good bet is Oman, which congratulated Israel on the agreement. Its cabinet praised the historic "
     "deal.",
     [("SUPPORT", ["OMN"], ["ISR"])]),
])
def test_opinions_retorts_and_its(pipeline, text, want):
    got = [sides(e) for e in code(pipeline, text)]
    assert (got == want) if not want else all(w in got for w in want)
    if "cabinet" in text:
        assert [e for e in code(pipeline, text) if e.trigger == "praised" and _countries_of(e) >= {"OMN"}]


@pytest.mark.slow
@pytest.mark.parametrize("text, want", [
    # bearing the consequences is the threat's content; whoever is to bear them is its target
    ("The US warned that Houthi rebels would bear the consequences.", ("THREATEN", ["USA"], ["YEM"])),
    ("China warned that Japan would pay a heavy price.", ("THREATEN", ["CHN"], ["JPN"])),
    # the agent of a passive condition is whom the threat is aimed at
    ("Maduro warned that he will call for a new revolution if forced by the United States.",
     ("THREATEN", ["VEN"], ["USA"])),
])
def test_threats_of_consequences_and_passive_conditions(pipeline, text, want):
    assert want in [sides(e) for e in code(pipeline, text)]


@pytest.mark.slow
def test_a_price_consumers_pay_is_no_threat(pipeline):
    assert code(pipeline, "The Indian minister warned that consumers would pay a higher price for oil.") == []
