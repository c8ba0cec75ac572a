"""Commitments: pledges, plans, targets and agreements to act, with who committed and by when.

The spaCy component ``bilat_commitments`` writes ``doc._.commitments`` (a list of
:class:`~bilat.model.Commitment`) for a sentence doc carrying ``doc._.ctx`` and ``doc._.actors``.

What counts. A commitment is an *act* someone is bound or scheduled to do, marked as such:

* a future modal on the act ("the Chinese Culture Festival **will be held** in Russia this year";
  "would" only in reported speech: "Tokyo said it would cut tariffs");
* a committing verb governing the act ("**plan to** sign", "**agreed to** buy", "pledged / promised /
  vowed / aim / strive / intend / decided / undertook / offered to", "**committed to** building"),
  the scheduling passives ("**is scheduled / expected / set / due to** sign") and "is to" ("the two
  leaders are to sign");
* a committing noun with its act ("an **agreement to** build", "**plans to** invest");
* "try to", "help" are transparent: "pledged to try to **increase** purchases" is the increase;
* a target: a target noun with an amount ("the trade **target of $200 billion**", "a $200 billion
  bilateral trade target", "the **target deficit** in the 1987 budget **was** 43.8 billion forints"),
  a limit with its amount ("an export **quota of** 28,526 tonnes", "an output **ceiling of** 285,000
  bpd"), a level an actor **sets at** an amount ("has set wage rises at 1.7 per cent"; a passive or a
  relative clause describes terms instead), money **allocated / approved / earmarked**;
* a planned thing: "Taiwan **plans** another round of tariff cuts", "a sales tax **planned for**
  January 1988"; an act **agreed to** as a noun ("agreed to a three-year deferment"); the present
  progressive with a future date ("is launching two machines next month");
* a promise to stay within a limit, stated as a negation ("it will **never** sell its oil at prices
  **below** the pronounced prices", "the deficit will **not be allowed to exceed** the budgeted
  figure"), and a **commitment to** an agreement or programme ("the kingdom's commitment to the OPEC
  accord").

What does not. Aspirations without an act ("deepen friendship", "further deepen people and cultural
exchanges", "inject impetus"): a verb of the ``VAGUE`` list counts only with an amount ("increase
trade to $200 billion"), and an act on an abstract object ("implement the consensus", "reach new
heights") does not count; an abstract head a noun specifies is concrete ("austerity measures", "the
auction system"). Meetings and visits ("will pay a state visit", "hold talks", "agreed to talks") are
planned *events* (``bilat.extract.events`` codes them), not commitments. Negated or refused acts
("will not sign", "refused to", "no plans to"), questions, forecasts by others ("is expected to
announce"), changes that happen to a thing ("payments are set to rise"), past intentions ("was to
pay"), what a thing is ("will be classified as"), demands ("called for"), and acts nobody can be
named for are dropped.

Who. The subject of the act or of the committing verb (climbing "plan to" / "is due to" / conjunctions /
"plans to" nouns; never a wire dateline: in "LONDON, March 2 - Pakistan will ..." London only filed
the story): its actors (``doc._.actors``; a collective such as "the two countries" or "both sides"
names both) and the country words inside it ("the **Chinese** Culture Festival", "the **China-Russia**
Library Forum", "the Ministry of Culture of **China**"), found with ``bilat.actors.country_spans``; a
place inside the subject ("the China Cultural Center **in Moscow**") does not make that place an actor;
an apposition names the country when the head does not ("the province, **China's** largest gold
producer"). A government body, an official named by title or a bare group acts for the story's
country, the one its text names most ("the government would spend", "Treasury Secretary Mario
Brodersohn said", "banks will issue more bonds"). A company or body with no country keeps its name
(``extra["agent"]``; "TimeWarner", "the Daily Telegraph newspapers"); an unnamed company in reported
speech is the speaker's ("MacLennan said the newspaper would add ...").
A passive names its organiser by the ``by`` agent, else by those country words. A target's actor is
its setter ("the target set **by the two heads of state**"), else its owner or the subject. A definite
noun phrase or pronoun with no country ("the cultural center will hold ...") takes the actors of the
last subject of this document with the same head noun (or, for a pronoun, the last one); a passive
with no organiser in the sentence right after a commitment of the same paragraph ("Exhibitions ...
will also be held"), or of the paragraph before when both are one-sentence paragraphs (wire copy),
continues that commitment's actors; a passive plan in reported speech with no organiser is the
speaker's ("Proceeds will be used to refinance debt, it said"); money allocated in a passive is the
story's country's. A pronoun nobody earlier can stand for is the state named before it in the
sentence ("Saudi Arabia is adhering by the accord and it will never ...").

When. The time expression (``bilat.timex``, future tense) attached in the parse to the act, the
committing verb or the target ("strive to achieve ... **within this year**" -> the publication year;
"in May" -> May of the coming year; "by 1990"; "next week"), not one that names something ("the
**2024-2027** cultural cooperation plan") or belongs to another clause -- except the year that names
a target's budget or the money moved ("the target deficit in the **1987** budget", "approved **1987**
subsidies of ..."); a past date in a clause on a target says when it was set, not by when.

What, target, measure. ``what`` is the act as a short verb phrase in the active voice ("hold the Chinese
Culture Festival in Russia", "discuss and sign the 2024-2027 cultural cooperation plan"), or for a
target "<measure> of <amount>" ("bilateral trade of $200 billion"). The amount is the one the act
moves, reaches or changes by, or the price it pays ("acquire South Western for 12.5 mln dlrs"); it comes from
:func:`bilat.extract.numbers.find_quantities`; ``measure`` and ``flow`` use the figures extractor's
measure keys, so a target can be judged against observed figures (``bilat.link.claims``).

One document states a target once: a later mention of the same target (same measure, amount and
unit) is the same commitment, and when it adds the deadline the commitment moves to that sentence.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from .. import actors as bilat_actors
from .. import timex
from ..model import Commitment
from ..nlp import SentenceContext, dateline_tokens, doc_text, register_gate, tokens_in
from . import figures as bilat_figures
from .numbers import Quantity, find_quantities

# --- lexicon -----------------------------------------------------------------------------------------
# verbs whose complement is the act committed to ("plan to sign")
COMMIT_HEADS = frozenset(
    "plan agree pledge promise vow commit aim strive intend decide undertake resolve offer endeavour endeavor "
    "prepare arrange determine guarantee swear seek".split())
# verbs that put an act on the calendar in the passive ("the issue is scheduled for mid-March")
CALENDAR_HEADS = frozenset("schedule set plan slate due".split())
# verbs of a choice made ("has elected to redeem", "opted to sell")
CHOICE_HEADS = frozenset("elect opt".split())
# the marker of an actor's own expectation ("expects to file a report by May 28"), a plan only when dated
EXPECTS_TO = "expects to (dated)"
# ... only in the passive or as an adjective ("is scheduled to", "is expected to be held", "is due to")
SCHEDULE_HEADS = frozenset("schedule expect set due slate plan".split())
# nouns whose "to"-complement is the act ("an agreement to build", "plans to invest")
COMMIT_NOUNS = frozenset(
    "plan agreement pledge promise commitment decision deal accord treaty undertaking target goal intention "
    "memorandum contract obligation vow".split())
TARGET_NOUNS = frozenset("target goal objective aim".split())
# limits an actor holds to, which count as targets when they carry an amount ("an export quota of
# 28,526 tonnes", "an output ceiling of 285,000 barrels per day")
LIMIT_NOUNS = frozenset("quota ceiling".split())
# adjectives of resolve, read as their verbs ("are determined to", "is resolved to")
RESOLVE_ADJECTIVES = {"determined": "determine", "resolved": "resolve"}
# verbs that only wrap the act ("pledged to try to increase purchases", "agreed to help each other
# market their oil"): the act inside takes their marker
TRANSPARENT_HEADS = frozenset("try attempt endeavour endeavor help".split())
# nouns of what money or goods are moved by; their "for" phrase holds the amount ("a tender for
# 6,000 tonnes", "an order for four aircraft")
TRANSACTION_NOUNS = frozenset("tender order contract deal loan credit bid offer purchase".split())
# who acts for a state without naming it ("the government would spend", "banks will issue more
# bonds" in a story from Peking): the story's country
GOVERNMENT_NOUNS = frozenset(
    "government governments administration cabinet ministry ministries minister treasury parliament "
    "congress authorities authority state country nation kingdom republic regime leadership leader "
    "president premier chancellor prosecutor prosecutors police".split())
# groups named without a country that act for the story's country when bare ("banks will issue")
DOMESTIC_GROUPS = frozenset("bank banks firm firms company companies exporter exporters importer importers "
                            "producer producers manufacturer manufacturers official officials".split())
# markers that make even a meeting a commitment ("agreed to hold regular consultations")
AGREEING_HEADS = frozenset("agree pledge promise vow commit decide undertake resolve".split())
# giving verbs that are a commitment in themselves when they move an amount ("pledged 1 billion euros")
PLEDGE_VERBS = frozenset("pledge promise commit earmark allocate offer approve budget".split())
# nouns of an act one can agree to ("agreed to a three-year deferment", "agreed to the abolition of
# the power-sharing system", "agreed to a cut in output"); words ending in -ment, -tion, -sion, -al
# count too
ACT_NOUNS = frozenset("cut cuts freeze ceasefire truce increase reduction rescheduling deferment deferral "
                      "rollback moratorium ban embargo boycott sale purchase swap exchange merger takeover "
                      "buyout devaluation payment repayment".split())
# verbs that say what a thing is ("the certificates will be classified as zero-coupon bonds")
DESCRIBING_VERBS = frozenset("classify regard consider describe define know treat see view rate "
                             # what a thing can hold ("the jet will seat 215")
                             "seat accommodate".split())
# acts whose "for" phrase is the price ("acquire the company for 12.5 mln dlrs")
PRICED_ACTS = frozenset("buy acquire purchase sell".split())
# what one can be committed to besides an agreement ("commitment to the austerity programme")
ADHERED_NOUNS = frozenset("plan programme program policy target quota ceasefire truce reform reforms "
                          "embargo sanctions".split())
# verbs that fix a level ("has set public sector wage rises at 1.7 per cent")
LEVEL_SETTERS = frozenset("set fix peg".split())
# nouns of an agreement: when one "is expected to be signed" and the sentence names no party, the
# parties are the document's two countries
AGREEMENT_NOUNS = frozenset("treaty agreement accord deal pact contract memorandum protocol convention "
                            "charter declaration".split())
# verbs that set or pursue a target ("the target set by", "achieve the target")
TARGET_SETTERS = frozenset("set fix agree adopt announce establish propose".split())
# reported speech: "said it would cut", "has notified the union the company will close three plants"
SPEECH_VERBS = frozenset("say announce tell state confirm declare add indicate disclose report insist "
                         "assure pledge promise agree vow write notify inform advise warn predict".split())
# the parts of a company or body that act for it ("its board has decided to", "BNL officials said the
# group had decided to", "shareholders authorised the bank to")
ORG_PARTS = frozenset("board directors management shareholders stockholders unit subsidiary division "
                      "officials executives spokesman spokeswoman".split())
NEGATIVE_HEADS = frozenset("refuse decline fail reject deny abandon drop scrap cancel postpone suspend "
                           "oppose".split())
# "is expected to" is a forecast unless the act is an event that is held or signed
EVENT_ACTS = frozenset("hold sign open launch start begin conclude complete finalize finalise host "
                       "inaugurate ink initial ratify stage organize organise convene".split())
# aspirations: count only with an amount ("increase trade to $200 billion")
VAGUE = frozenset(
    "deepen strengthen enhance promote foster consolidate advance expand develop improve boost intensify "
    "continue maintain keep further push inject lead become be remain play serve move go stand work explore "
    "encourage support uphold safeguard respect oppose value cherish treasure preserve ensure pursue facilitate "
    "help contribute implement carry achieve realize realise grow increase raise broaden widen tap unleash "
    "seize embrace step accelerate speed enrich elevate upgrade bring make take create open write build "
    "reach lift double triple halve cut reduce lower give have see welcome believe hope think know feel "
    "need want like love learn share benefit "
    # what happens to someone rather than what they do ("China will overtake the US")
    "overtake surpass exceed outpace outstrip face suffer lose win struggle fall rise decline drop slow recover "
    "affect hurt hit cost last happen occur stay mean matter depend require prove look appear seem "
    # deliberation is not yet an act ("will consider new measures")
    "consider study review examine assess evaluate monitor watch weigh try attempt focus "
    # what something causes or contains ("it will enable oil to reach", "topics will include")
    "enable allow permit let cause mark represent include involve feature cover constitute".split())
# changes that happen to a thing; without an object they forecast, even with an amount ("interest
# payments are set to rise to more than 10 billion forints in 1987", "the surplus will narrow")
HAPPENINGS = frozenset("rise fall grow decline drop slow recover climb jump surge soar plunge ease dip slip "
                       "shrink contract narrow widen stabilise stabilize rebound slump".split())
# these count with an amount or with a concrete object (the rest of VAGUE needs an amount):
# "build a railway", "cut chip output", "increase its imports of supercomputers"
CONCRETE_WITH_OBJECT = frozenset("build open bring make take create give cut reduce lower carry increase raise "
                                 "boost expand double triple halve lift".split())
# a multiple is an amount in itself: "double its presence abroad by 1995" is a target even with a
# general object, which "expand its presence" is not
MULTIPLIERS = frozenset("double triple quadruple halve".split())
# ... but not with a relation in general as the object ("expand trade", "boost investment")
GENERIC_OBJECTS = frozenset("trade investment investments business commerce economy growth presence engagement "
                            "contact contacts connectivity collaboration partnership".split())
# "the company plans to ...": these nouns refer back to the last organisation named
ORG_NOUNS = frozenset("company firm group corporation corp concern maker carmaker automaker bank lender "
                      "newspaper publisher broadcaster carrier retailer supplier distributor venture "
                      "producer manufacturer giant operator insurer airline utility conglomerate".split())
# meetings and visits are planned events, not commitments ("pay" only with a visit for its object)
CONSULT_VERBS = frozenset("visit travel meet talk consult confer call telephone phone discuss negotiate "
                          "attend come arrive go fly return tour".split())
CONSULT_NOUNS = frozenset("talks talk meeting meetings visit visits summit summits consultation consultations "
                          "call calls conversation conversations dialogue negotiations negotiation trip trips "
                          "tour session sessions conference discussions discussion".split())
# objects that make an act an aspiration ("build a community of shared future", "reach new heights")
ABSTRACT_NOUNS = frozenset(
    "cooperation relation relations tie ties friendship partnership understanding trust confidence community "
    "future momentum impetus role contribution contributions bridge foundation consensus development progress "
    "peace security stability prosperity order system path height heights level levels chapter example model "
    "opportunity opportunities effort efforts potential interest interests sovereignty strength strengths "
    "communication communications coordination exchange exchanges vitality vigor vigour energy spirit way "
    "direction goal vision dream cause rejuvenation modernization modernisation multilateralism multipolarity "
    "globalization globalisation democracy justice equity fairness harmony solidarity support affinity "
    "respect results result fruit fruits benefit benefits gain gains advantage advantages "
    "aspiration aspirations commitment commitments responsibility responsibilities obligation obligations "
    "life lives heart hearts mind minds step steps measure measures action actions concept idea "
    "tradition traditions legacy look attention care note burden pressure impact effect influence "
    "threat risk damage harm".split())
# acts that need no object ("perform in Russia", "withdraw")
INTRANSITIVE_ACTS = frozenset("perform participate withdraw resign retire invest compete exhibit resume "
                              "start begin open close merge list expand relocate deploy enter exit".split())
# "I believe that trade will reach ...", "to ensure that the concept will be passed on": a belief or
# a purpose about the future, not an act anyone committed to
COGNITION_VERBS = frozenset("believe think hope expect predict ensure feel trust anticipate forecast "
                            "estimate guess suppose imagine wish dream".split())
# nouns that only count what follows ("a number of meetings", "a series of events")
QUANTIFIER_NOUNS = frozenset("number series range variety lot couple pair set host dozen dozens hundreds round "
                             "thousands total majority group kind type".split())
# verbs whose complement is the act itself ("begin trying", "start building")
ASPECT_VERBS = frozenset("begin start resume continue stop cease finish".split())
# a relative clause on the object that dates the act ("a line, which is to be completed by 2027")
COMPLETION_VERBS = frozenset("complete finish open launch start begin operate finalize finalise deliver "
                             "ready".split())
TIME_NOUNS = frozenset("year years month months week weeks day days decade quarter period term".split())
PRONOUNS = frozenset("it they he she this that these those which who".split())
MEMORY_KEY = "bilat_commitments"
# the kinds of quantity an act can commit to (a bare number only as the object itself)
AMOUNT_KINDS = frozenset({"money", "percent", "count", "measure", "fraction"})

_GATE_RE = re.compile(
    r"\b(?:will|shall|wo|would|plan(?:s|ned|ning)?|agree(?:s|d|ment|ments)?|pledge[sd]?|promis(?:e|es|ed)|"
    r"vow(?:s|ed)?|commit(?:s|ted|ment|ments)?|target(?:s|ed)?|goals?|objective|aim(?:s|ed|ing)?|"
    r"striv(?:e|es|ing)|strove|intend(?:s|ed)?|scheduled|expected|set\s+to|due\s+to|decided|undert(?:ake|akes|ook)|"
    r"(?:is|are|was|were)\s+to|resolved|offered|determined|deal|accord|treaty|quotas?|ceilings?|"
    r"allocat\w*|earmark\w*|approv\w*|expects?|elect(?:s|ed)?|opt(?:s|ed)?)\b|'ll\b"
    r"|\b(?:set|fixed|pegged)\b[^.;]{1,60}?\bat\b"  # "has set wage rises at 1.7 per cent"
    r"|\b(?:is|are)\s+\w+ing\b.*\b(?:next|tomorrow|later\s+this|coming|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.I)


# a headline's future: "Japan to cut chip output" (short, no final stop)
_HEADLINE_TO_RE = re.compile(r"^\S+(?:\s+\S+){0,5}\s+to\s+[A-Za-z]", re.I)


def may_hold_commitment(text: str) -> bool:
    """Cheap test whether a sentence can hold a commitment (a modal, a committing word or a target,
    or the "X to do Y" of a headline)."""
    if _GATE_RE.search(text) is not None:
        return True
    t = text.strip()
    return len(t) < 120 and not t.endswith((".", "?", "!")) and _HEADLINE_TO_RE.search(t) is not None


register_gate("bilat_commitments", may_hold_commitment)


# --- the parse, a little at a time ---------------------------------------------------------------------
def _children(t: Token, *deps: str) -> list[Token]:
    return [c for c in t.children if c.dep_ in deps]


def _is_verb(t: Token) -> bool:
    # an infinitive is a verb whatever its tag: the tagger takes "to triple investment" for an adjective
    return t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB") or (
        t.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children))


def _negated(t: Token) -> bool:
    if any(c.dep_ == "neg" for c in t.children):
        return True
    return any(c.lower_ in ("no", "never") and c.dep_ in ("det", "advmod", "neg") for c in t.children)


def _passive(v: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children)


def _aux_words(v: Token) -> set[str]:
    return {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}


@dataclass
class _Act:
    """A candidate act: the verb, what marks it as committed, and where the marker sits."""

    verb: Token
    marker: str
    head: Token | None = None  # the committing verb or noun ("plan", "agreement"), if any


def _marker(v: Token, depth: int = 0) -> _Act | None:
    """Why ``v`` is a committed act, or None. Climbs conjunctions ("will hold X and send Y")."""
    aux = _aux_words(v)
    if aux & {"will", "shall", "'ll", "wo", "should", "would", "must"} and v.dep_ == "ccomp" \
            and v.head.lemma_.lower() in AGREEING_HEADS:
        return _Act(v, f"{v.head.lower_} that", v.head)  # "the leaders agreed that trade should reach ..."
    if aux & {"will", "shall", "'ll", "wo"}:
        return _Act(v, "will")
    if "would" in aux and v.dep_ == "ccomp" and v.head.lemma_ in SPEECH_VERBS:
        return _Act(v, "would (reported)", v.head)
    if v.dep_ == "ROOT" and "to" in aux and _children(v, "nsubj"):
        return _Act(v, "to (headline)")  # "Japan to cut chip output"
    if v.lemma_.lower() in PLEDGE_VERBS and any(t.like_num for c in _children(v, "dobj", "nsubjpass")
                                                for t in c.subtree):
        return _Act(v, v.lower_)  # "pledged 1 billion euros", "2.7 billion riyals had been allocated"
    h = v.head
    if v.dep_ == "xcomp" and h is not v:
        lem = h.lemma_.lower()
        if h.pos_ == "ADJ":
            lem = RESOLVE_ADJECTIVES.get(lem, lem)  # "both sides are determined to double trade"
        if lem in SCHEDULE_HEADS and (_passive(h) or h.pos_ == "ADJ" or h.tag_ == "VBN"):
            # "it was due to amortize 1.05 billion dlrs under the rescheduling": a past schedule, like
            # "was to pay", says what was arranged then, not what is now promised
            past = any(c.tag_ == "VBD" and c.dep_ in ("auxpass", "aux") for c in h.children) or (
                h.dep_ == "acomp" and h.head.tag_ == "VBD")
            if past:
                return None
            if lem != "expect" or _passive(v) or v.lemma_ in EVENT_ACTS:
                return _Act(v, f"{h.lower_} to", h)
        # "legislation intended to prevent ...": a participle that describes a thing's purpose
        if lem in COMMIT_HEADS and not (h.dep_ == "acl" and h.tag_ == "VBN"):
            return _Act(v, f"{h.lower_} to", h)
        # "has elected to redeem all its warrants", "opted to sell": a choice made, active only ("he was
        # elected to lead the party" is a vote on someone)
        if lem in CHOICE_HEADS and not _passive(h):
            return _Act(v, f"{h.lower_} to", h)
        # "the company expects to file a report by May 28": an actor expecting to do something itself
        # states a plan, but only with a date for it (checked in ``_from_act``); "expects prices to
        # rise" is a forecast (the act has its own subject there)
        if lem == "expect" and not _passive(h) and h.pos_ == "VERB" and h.tag_ != "VBN" \
                and _children(h, "nsubj") and not _children(h, "dobj"):
            return _Act(v, EXPECTS_TO, h)
        if lem == "be" and any(c.lower_ == "to" for c in v.children if c.dep_ == "aux") and h.tag_ != "VBD" \
                and (h.dep_ == "ROOT" or h.dep_ in ("ccomp", "conj") and h.head.lemma_.lower() in SPEECH_VERBS):
            # "was to pay", "was to be launched today": a past intention, often one that did not happen
            return _Act(v, "is to", h)  # "Hungary is to embark on ...", "the fund is to provide ..., the agency said"
        # "pledged to try to increase purchases": the act inside "try to" takes the marker outside it
        if lem in TRANSPARENT_HEADS and depth < 3:
            up = _marker(h, depth + 1)
            if up is not None:
                return _Act(v, up.marker, up.head)
    if v.dep_ == "ccomp" and h.lemma_.lower() == "help" and depth < 3:  # "help each other market their oil"
        up = _marker(h, depth + 1)
        if up is not None:
            return _Act(v, up.marker, up.head)
    if v.dep_ == "acl" and h.pos_ in ("NOUN", "PROPN") and h.lemma_.lower() in COMMIT_NOUNS \
            and any(c.lower_ == "to" for c in v.children if c.dep_ == "aux"):
        return _Act(v, f"{h.lower_} to", h)
    if v.dep_ == "pcomp" and h.lower_ == "to" and h.head.lemma_.lower() in ("commit", "committed", "dedicate"):
        return _Act(v, "committed to", h.head)
    if v.dep_ == "conj" and depth < 3 and _is_verb(h) and not (aux - {"to"}) \
            and v.tag_ in ("VB", "VBN") and not _children(v, "nsubj"):
        up = _marker(h, depth + 1)
        if up is not None:
            return _Act(v, up.marker, up.head)
    return None


# verbs whose negation is a ceiling ("will not be allowed to exceed the budgeted figure")
EXCEED_VERBS = frozenset("exceed surpass top breach overshoot".split())


def _negated_limit(v: Token) -> bool:
    """A negated act that promises to stay within a limit: "will never sell its oil at prices below the
    pronounced prices", "the deficit will not be allowed to exceed the budgeted figure"."""
    if not _negated(v):
        return False
    lemma = v.lemma_.lower()
    if lemma in EXCEED_VERBS:
        return True
    if lemma in ("allow", "permit", "let"):
        return any(c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in EXCEED_VERBS for c in v.children)
    return any(t.lower_ in ("below", "above", "beyond") and t.dep_ in ("prep", "advmod", "amod")
               for t in v.subtree if t.i > v.i)


def _refused(act: _Act, limit: bool = False) -> bool:
    """Negated at the act or anywhere up its chain ("will not sign", "did not agree to", "no plans
    to"), or governed by a refusing verb ("refused to sign", "postponed plans to"). A negated limit
    (``limit``) is refused only up its chain."""
    if _negated(act.verb) and not limit:
        return True
    ups = _chain_up(act.verb)
    if act.head is not None and act.head not in ups:
        ups.append(act.head)
    return any(_negated(t) or t.lemma_.lower() in NEGATIVE_HEADS for t in ups)


def _believed(v: Token) -> bool:
    """Whether the act sits in a clause of belief or purpose ("I believe that ... will", "ensure that
    ... will"), through conjunctions and complements."""
    t = v
    for _ in range(8):
        if t.head is t:
            return False
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in COGNITION_VERBS:
            return True
        t = t.head
    return False


def _conditional(v: Token) -> bool:
    """"If the talks fail, Washington will impose sanctions": a conditional threat or offer, not a
    commitment. The act may also sit inside the condition itself ("... if they agree to run both
    programs"): what is agreed there is only supposed."""
    for t in (v, *_chain_up(v)):
        for c in t.children:
            if c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children if m.dep_ == "mark"):
                return True
        if t.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in t.children if m.dep_ == "mark"):
            return True
    return False


# modals of possibility: "Rank could unveil plans to demerge", "the bank may issue bonds"
HEDGES = frozenset("could might may".split())


def _reported(t: Token) -> bool:
    """A clause reported by a speech verb ("said it would"), directly or as a conjunct of one."""
    for _ in range(4):
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in SPEECH_VERBS:
            return True
        if t.dep_ != "conj" or t.head is t:
            return False
        t = t.head
    return False


def _hedged(v: Token) -> bool:
    """A possibility, not a commitment: a modal of possibility on the act or on what it hangs from
    ("Rank could unveil plans to demerge its film unit", "the company may sell"), or a hypothetical
    "would" outside reported speech ("target zones within which they would pledge to hold their
    rates"). The climb stops at a reported clause: a speaker's own modal does not hedge what is said."""
    t = v
    for _ in range(8):
        aux = _aux_words(t)
        if aux & HEDGES:
            return True
        if "would" in aux and not _reported(t):
            return True
        if t.dep_ in ("xcomp", "conj", "acl", "pcomp", "prep", "dobj", "pobj") and t.head is not t:
            t = t.head
            continue
        break
    return False


def _chain_up(v: Token) -> list[Token]:
    """The verbs and nouns an act hangs from through complement links (xcomp, conj, acl, pcomp)."""
    out, t = [], v
    for _ in range(6):
        if t.dep_ in ("xcomp", "conj", "acl", "pcomp", "prep", "advcl") and t.head is not t:
            t = t.head
            out.append(t)
            if t.dep_ == "advcl":
                break
        else:
            break
    return out


def _same_stem(noun: str, verb: str) -> bool:
    """Whether a noun names the act of a verb ("delivery" / "deliver", "issue" / "issue", "payment" /
    "pay"): the shorter word, give or take its last letter, begins the longer."""
    a, b = sorted((noun, verb), key=len)
    n = len(os.path.commonprefix([a, b]))
    return n >= 3 and n >= len(a) - 1


# --- who ----------------------------------------------------------------------------------------------
def _np_indices(t: Token) -> list[int]:
    """Token indices of the noun phrase headed by ``t`` that can name its actor: without clauses
    (relcl, acl), appositions and place phrases ("the China Cultural Center in Moscow")."""
    out: list[int] = []
    # "MEMPHIS, Tenn., March 3 - Holiday Inn Hotel Group said": the parse may hang the dateline on
    # the name; where the story was filed is no part of who acts
    dl = dateline_tokens(t.doc)

    def walk(x: Token) -> None:
        out.append(x.i)
        for c in x.children:
            if c.dep_ in ("relcl", "acl", "advcl", "punct", "appos") or c.i in dl and c is not t:
                continue
            if c.dep_ == "prep" and c.lower_ in ("in", "at", "near", "inside", "across", "on"):
                continue
            walk(c)

    walk(t)
    return sorted(out)


class _Countries:
    """Country references of one sentence: actor mentions (with collectives' members) and country
    words anywhere (demonyms and hyphenated pairs included)."""

    def __init__(self, doc: Doc, ctx: SentenceContext | None):
        off = ctx.start if ctx is not None else 0
        when = ctx.published if ctx is not None else None
        self.refs: list[tuple[int, int, tuple[str, ...], str]] = []  # (start, end, codes, text)
        for m in doc._.actors or []:
            codes = tuple(a.country for a in m.members if a.country) if m.members else (
                (m.actor.country,) if m.actor.country else ())
            self.refs.append((m.start - off, m.end - off, codes, m.text))
        # "China-Russia Library Forum": split hyphenated names so the gazetteer sees each country
        text = re.sub(r"(?<=\w)-(?=[A-Z])", " ", doc_text(doc))
        for s, e, code in bilat_actors.country_spans(text, when):
            if not any(a < e and s < b for a, b, _, _ in self.refs):
                self.refs.append((s, e, (code,), doc_text(doc)[s:e]))
        # "LONDON, March 2 - ": where the story was filed names nobody's commitment
        dl = dateline_tokens(doc)
        if dl:
            end = max(doc[i].idx + len(doc[i]) for i in dl)
            self.refs = [r for r in self.refs if r[0] >= end]
        self.refs.sort()
        self.doc = doc

    def within(self, indices: Iterable[int]) -> list[str]:
        spans = [(self.doc[i].idx, self.doc[i].idx + len(self.doc[i])) for i in indices]
        out: list[str] = []
        for s, e, codes, _text in self.refs:
            if any(a < e and s < b for a, b in spans):
                out.extend(c for c in codes if c not in out)
        return out

    def named(self, indices: Iterable[int]) -> str | None:
        """The name of an actor or named entity (organisation, person) inside the tokens, if any."""
        idx = set(indices)
        spans = [(self.doc[i].idx, self.doc[i].idx + len(self.doc[i])) for i in idx]
        for s, e, _codes, text in self.refs:
            if any(a < e and s < b for a, b in spans):
                return text
        for ent in self.doc.ents:
            if ent.label_ in ("ORG", "PERSON", "NORP", "GPE", "FAC") and any(t.i in idx for t in ent):
                return ent.text
        return None


def _subject(v: Token) -> tuple[Token | None, Token]:
    """The subject of an act, climbing through "plan to", conjunctions and "plans to" nouns;
    returns (subject token or None, the verb it is the subject of)."""
    t = v
    dl = dateline_tokens(v.doc)
    for _ in range(6):
        subj = _children(t, "nsubj", "nsubjpass", "csubj")
        if dl and any(x.i in dl for x in subj):
            # "LONDON, March 2 - Pakistan will ...": the parse's subject is the dateline; the actor is
            # the name it wrongly took as an apposition, or the verb's other subject
            subj = [x for x in subj if x.i not in dl] or [
                a for x in subj for a in x.children if a.dep_ == "appos" and a.i not in dl]
        if subj:
            # a misparse can give a verb two subjects; the one nearest before the verb is its own
            before = [x for x in subj if x.i < t.i]
            return (before[-1] if before else subj[0]), t
        if t.dep_ in ("xcomp", "conj", "acomp") and t.head is not t:
            t = t.head  # "plans to sign", "is due to sign"
            continue
        if t.dep_ == "advcl" and t.tag_ == "VBG" and t.head is not t:
            t = t.head  # "The Guardian is hedging its bets, planning a larger format"
            continue
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in ("tell", "assure", "inform") and t is v:
            # "told Reuters Taiwan would reduce tariffs": the parse made the subject the hearer
            heard = [o for o in _children(t.head, "dobj") if o.i < t.i
                     and o.lower_ not in ("reuters", "reporters", "journalists", "him", "her", "them", "us", "me")]
            if heard:
                return heard[-1], t
            break
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN"):
            poss = _children(t.head, "poss")
            if poss:
                return poss[0], t.head
            t = t.head.head if t.head.head is not t.head else t.head
            continue
        if t.dep_ == "pcomp" and t.head.head is not t.head:
            t = t.head.head
            continue
        if t.dep_ in ("dobj", "pobj", "prep") and t.head is not t:
            t = t.head
            continue
        break
    return None, t


def _agent_of_passive(v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ == "agent":
            objs = _children(c, "pobj")
            if objs:
                return objs[0]
    return None


def _single_sentence_paragraphs(ctx: SentenceContext) -> bool:
    """Whether the sentence and the one before it are paragraphs of their own (wire copy)."""
    sents = ctx.doc.sentences
    i = ctx.index
    if i < 1 or i >= len(sents):
        return False
    para = [p for _s, _e, p in sents]
    return para.count(para[i]) == 1 and para.count(para[i - 1]) == 1


def _memory(ctx: SentenceContext | None) -> dict:
    if ctx is None:
        return {"heads": {}, "names": {}, "last": None, "last_org": None, "seen": {}, "last_commitment": None}
    return ctx.doc.memory.setdefault(MEMORY_KEY, {"heads": {}, "names": {}, "last": None, "last_org": None,
                                                  "seen": {}, "last_commitment": None})


@dataclass
class _Agent:
    """Who commits: their countries, and a name when the agent has no country (OPEC, a company)."""

    countries: list[str]
    name: str | None = None
    source: str = "subject"


def _home(doc: Doc) -> str | None:
    """The story's country: the one its text names most."""
    ctx: SentenceContext | None = doc._.ctx
    return ctx.doc.countries[0] if ctx is not None and ctx.doc.countries else None


def _acts_for_state(head: Token, idx: list[int]) -> bool:
    """A subject that acts for the story's state without naming it: "the government", "the finance
    ministry", "Treasury Secretary Mario Brodersohn", "the Maronite Christian leader", or a bare group
    ("banks will issue more bonds")."""
    doc = head.doc
    if any(c.dep_ == "poss" for c in head.children):
        return False  # "the company's president", "its banks"
    if head.lemma_.lower() in GOVERNMENT_NOUNS or head.lower_ in GOVERNMENT_NOUNS:
        return True
    if head.pos_ == "PROPN" and any(doc[i].lower_ in GOVERNMENT_NOUNS | {"secretary", "governor"}
                                    and doc[i].dep_ == "compound" for i in idx):
        return True  # a title before a name
    return head.tag_ == "NNS" and head.lower_ in DOMESTIC_GROUPS and not any(
        c.dep_ == "det" for c in head.children)


_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april "
                      "may june july august september october november december".split())


def _proper(head: Token) -> bool:
    """A name: a proper noun, or a common noun a name modifies ("the Telegraph newspapers"); not a
    day or a month ("last Sunday's agreement")."""
    if head.lower_ in _CALENDAR:
        return False
    if head.ent_type_ in ("DATE", "TIME"):
        # "March 3 - LyphoMed Inc": the tagger may run a dateline's date on into the name after it
        dl = dateline_tokens(head.doc)
        ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
        if not (dl and ent is not None and ent.start in dl and head.i not in dl):
            return False
    return head.pos_ == "PROPN" or head.pos_ == "NOUN" and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" and c.lower_ not in _CALENDAR for c in head.children)


def _who(head: Token, countries: _Countries, mem: dict, depth: int = 0) -> _Agent | None:
    """The agent a subject (or "by" phrase) names: its countries (or those of an apposition: "the
    province, China's second largest gold producer"); a pronoun in reported speech is the speaker
    ("Brazil said it would ..."); a definite description or pronoun refers back; a government body,
    an official by title or a bare group acts for the story's country; a named organisation or
    company without a country is kept by name; a name met before with its country keeps it ("Italy's
    state-owned BNL" ... "BNL had also approved"); a company's parts act for it ("its board", "BNL
    officials", "the group")."""
    idx = _np_indices(head)
    found = countries.within(idx) or countries.within(
        i for c in head.children if c.dep_ == "appos" for i in _np_indices(c))
    if found:
        agent = _Agent(found)
        names = [head.doc[i] for i in idx if head.doc[i].pos_ == "PROPN" and not countries.within([i])
                 and head.doc[i].lower_ not in GOVERNMENT_NOUNS | _TITLES]
        for t in names:
            mem["names"][t.lower_] = agent
        _remember(mem, head, agent, named_org=bool(names))
        return agent
    verb = head.head
    if head.lower_ in ("that", "which", "who") and verb.dep_ == "relcl" and depth < 2:
        return _who(verb.head, countries, mem, depth + 1)  # "Russia, which will supply ..."
    if head.lower_ in PRONOUNS and depth < 2 and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_VERBS:
        speakers = _children(verb.head, "nsubj")
        if speakers:
            said = _who(speakers[0], countries, mem, depth + 1)
            if said is not None:
                return said
    recalled = _recall(mem, head)
    if recalled is not None:
        return _Agent(recalled.countries, recalled.name, source="earlier subject")
    named_before = _named_before(head, idx, mem)
    if named_before is not None:
        return named_before
    if head.lower_ in ("it", "they"):
        # "Saudi Arabia is fully adhering by the accord and it will never sell ...": the nearest state
        # named before the pronoun in the sentence
        before = [r for r in countries.refs if r[2] and r[1] <= head.idx]
        if before:
            return _Agent(list(before[-1][2]), source="earlier in the sentence")
    home = _home(head.doc)
    if home is not None and head.lower_ not in PRONOUNS and _acts_for_state(head, idx):
        agent = _Agent([home], source="document")
        _remember(mem, head, agent)
        return agent
    name = countries.named(idx)
    if not name and _proper(head) and head.i not in dateline_tokens(head.doc):
        # a company or body the tagger did not label ("TimeWarner is to restate its accounts", "the
        # Daily and Sunday Telegraph newspapers")
        name = _phrase(head.doc, [i for i in idx if head.doc[i].dep_ != "det"]) or None
    if name:
        agent = _Agent([], name)
        _remember(mem, head, agent, named_org=True)
        return agent
    if depth < 2 and head.lemma_.lower() in ORG_NOUNS | DOMESTIC_GROUPS | ORG_PARTS \
            and any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their") for c in head.children):
        # "MacLennan said the two newspapers would add eight pages", "it said its board has decided to":
        # an unnamed party of the speaker's, else of the company named last
        speaker = _speaker(verb)
        if speaker is not None:
            said = _who(speaker, countries, mem, depth + 1)
            if said is not None:
                return _Agent(said.countries, said.name, source="speaker")
        if head.lemma_.lower() in ORG_PARTS and mem.get("last_org") is not None:
            last = mem["last_org"]
            return _Agent(last.countries, last.name, source="earlier subject")
        if head.lemma_.lower() in ORG_NOUNS:
            # "Firestone Tire and Rubber Co has notified the union the company will close ...": with
            # nobody earlier to refer to, the company is the first one named before it in the sentence
            dl = dateline_tokens(head.doc)
            before = [e for e in head.doc.ents if e.label_ == "ORG" and e.end <= head.i
                      and not any(t.i in dl for t in e)]
            if before:
                agent = _Agent([], before[0].text, source="earlier in the sentence")
                _remember(mem, head, agent, named_org=True)
                return agent
    if depth < 2 and head.pos_ == "NUM" and any(c.lower_ == "the" for c in head.children if c.dep_ == "det") \
            and mem.get("last") is not None:
        # "The two are set to merge their operations": the parties named last
        last = mem["last"]
        return _Agent(last.countries, last.name, source="earlier subject")
    if depth < 2 and head.pos_ == "NOUN" and _act_nominal(head) and verb.lemma_.lower() not in VAGUE:
        # "The company said construction will start this year": an act named by a noun, in reported
        # speech, is the speaker's to do ("payments will be close to 300 mln" says how much, not who)
        speaker = _speaker(verb)
        if speaker is not None:
            said = _who(speaker, countries, mem, depth + 1)
            if said is not None:
                return _Agent(said.countries, said.name, source="speaker")
    return None


def _level_from_to(v: Token, quantities: list[Quantity]) -> tuple[Quantity, bool] | None:
    """The level an act reaches when it names where it starts: "raise trade from $100 billion to $200
    billion", "increase output from 9 mln to 10 mln bpd", "expand from 28 to 55 hotels". The parser
    often hangs the "to" level inside the "from" phrase; the level reached is the amount after "to"."""
    for p in v.children:
        if p.dep_ != "prep" or p.lower_ != "from":
            continue
        sub = list(p.subtree)
        to = next((t for t in sub if t.lower_ == "to" and t.dep_ in ("prep", "quantmod")), None)
        if to is None:
            continue
        end = sub[-1].idx + len(sub[-1])
        after = [q for q in quantities if q.kind in AMOUNT_KINDS and to.idx < q.start < end]
        if after:
            return after[0], False
    return None


def _act_nominal(n: Token) -> bool:
    """A noun that names an act ("construction", "the closure", "deliveries"): an act noun of the
    lexicon or a derived noun (-tion, -sion, -ment, -ure, -al, -ery), not an abstract one."""
    lemma = n.lemma_.lower()
    return not _abstract(n) and (lemma in ACT_NOUNS or lemma.endswith(("tion", "sion", "ment", "ure", "ery"))
                                 and len(lemma) > 6)


# titles kept out of the names remembered with a country ("Oil Minister Hisham Nazer")
_TITLES = frozenset("minister secretary governor chairman president director spokesman mr mrs ms dr "
                    "sheikh king prince general".split())


def _speaker(verb: Token) -> Token | None:
    """The subject of the speech verb a clause is reported by ("MacLennan said the newspaper would"),
    through conjunctions and "while" clauses of the reported clause."""
    t = verb
    for _ in range(4):
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in SPEECH_VERBS:
            subj = _children(t.head, "nsubj")
            return subj[0] if subj else None
        if t.dep_ in ("conj", "advcl") and t.head is not t:
            t = t.head
            continue
        return None
    return None


def _named_before(head: Token, idx: list[int], mem: dict) -> _Agent | None:
    """A name met earlier in the document with its country ("Italy's state-owned BNL ... BNL
    officials"): the head itself, or for a company's part the name that modifies it."""
    names: dict = mem.get("names") or {}
    if not names:
        return None
    if head.pos_ == "PROPN" and head.lower_ in names:
        agent = names[head.lower_]
        return _Agent(agent.countries, agent.name, source="earlier subject")
    if head.lemma_.lower() in ORG_PARTS | ORG_NOUNS:
        for i in idx:
            t = head.doc[i]
            if t.i != head.i and t.dep_ == "compound" and t.lower_ in names:
                agent = names[t.lower_]
                return _Agent(agent.countries, agent.name, source="earlier subject")
    return None


def _remember(mem: dict, head: Token, agent: _Agent, named_org: bool = False) -> None:
    mem["heads"][head.lemma_.lower()] = agent
    mem["last"] = agent
    if named_org:
        mem["last_org"] = agent


def _recall(mem: dict, head: Token) -> _Agent | None:
    """The agent of an earlier subject this one refers back to ("the cultural center", "it", "the
    company")."""
    if head.lower_ in PRONOUNS or head.lower_ in ("its", "their") and head.dep_ == "poss":
        return mem.get("last")  # "it", and the owner in "its plan to double its presence"
    if head.pos_ in ("NOUN", "PROPN") and any(c.lower_ in ("the", "this", "that", "these", "those", "its")
                                              for c in head.children if c.dep_ in ("det", "poss")):
        lemma = head.lemma_.lower()
        if lemma in mem["heads"]:
            return mem["heads"][lemma]
        if lemma in ORG_NOUNS:
            return mem.get("last_org")
    return None


# --- when ---------------------------------------------------------------------------------------------
def _names_something(root: Token) -> bool:
    """A date that modifies a noun names it ("the 2024-2027 plan"), it does not say when. A day
    written as a word is the date's own head, not a thing it names ("on May Six", "March Four")."""
    return root.dep_ in ("compound", "nmod", "amod", "nummod", "poss") and root.head.pos_ in ("NOUN", "PROPN") \
        and root.head.lemma_.lower() not in TIME_NOUNS and not root.head.like_num


def _anchor(t: Token, stops: set[int]) -> tuple[Token | None, int]:
    """The first verb (or one of ``stops``) above ``t``, with the number of steps."""
    steps, x = 0, t
    while x.head is not x:
        x = x.head
        steps += 1
        if x.i in stops or _is_verb(x):
            return x, steps
    return (x, steps) if (x.i in stops or _is_verb(x)) else (None, steps)


def _deadline(doc: Doc, times: list, act: set[int], chain: set[int], taken: set[int],
              naming_ok: Iterable[int] = ()) -> timex.TimeMention | None:
    """The time mention attached to the act (``act``: the verb, or the target and its verb) or, failing
    that, a "by"/"within" deadline attached to the words that commit to it (``chain``: "agreed",
    "plan"); a plain date there says when the promise was made ("agreed yesterday to"). Nearest in
    the parse first, deadlines before plain dates at the same distance."""
    best: tuple[int, int, int, timex.TimeMention] | None = None
    for m in times:
        if m.period is None or m.kind not in ("point", "range", "deadline"):
            continue
        toks = tokens_in(doc, m.start, m.end)
        if not toks or any(t.i in taken for t in toks):
            continue
        ids = {t.i for t in toks}
        roots = [t for t in toks if t.head.i not in ids or t.head is t]
        if any(_names_something(r) for r in roots) and not any(r.dep_ in ("npadvmod", "pobj") for r in roots) \
                and not ids <= set(naming_ok):
            continue
        for r in roots:
            anchor, steps = _anchor(r, act | chain)
            if anchor is None or anchor.i not in act | chain:
                continue
            level = 0 if anchor.i in act else 1
            if level and m.kind != "deadline":
                continue  # "agreed on Monday to ...": when it was promised, not by when
            rank = (level, steps, 0 if m.kind == "deadline" else 1)
            if best is None or rank < best[:3]:
                best = (*rank, m)
    return best[3] if best else None


# --- what ---------------------------------------------------------------------------------------------
def _phrase(doc: Doc, indices: Iterable[int]) -> str:
    """The words at ``indices`` as written: the text's own spacing between neighbours (and the
    punctuation between them, "China-Russia", quotes), one space across a gap."""
    toks = sorted(set(indices))
    keep = set(toks)
    for a, b in zip(toks, toks[1:]):
        if b - a > 1 and all(doc[k].is_punct and doc[k].text not in (";", ":", ".") for k in range(a + 1, b)):
            keep.update(range(a + 1, b))
    order = sorted(keep)
    out = ""
    for j, i in enumerate(order):
        out += doc[i].text
        if j + 1 < len(order):
            out += doc[i].whitespace_ if order[j + 1] == i + 1 else " "
    out = re.sub(r"\s+", " ", out).strip(" ,;:")
    # an unbalanced quote at either end is a leftover of the cut
    if out.count('"') % 2:
        out = out.replace('"', "")
    return out


def _subtree(t: Token, drop: set[int]) -> list[int]:
    out: list[int] = []

    def walk(x: Token) -> None:
        if x.i in drop:
            return
        if x.dep_ == "prep" and x.i != t.i and (objs := _children(x, "pobj")) and all(o.i in drop for o in objs):
            return  # "in May": the date goes, and its preposition with it
        out.append(x.i)
        for c in x.children:
            if c.dep_ in ("relcl", "acl", "advcl", "punct"):
                if c.dep_ == "punct" and c.head.i == x.i and c.i > x.i and c.text in ("-",):
                    walk(c)
                continue
            walk(c)

    walk(t)
    return out


def _content_head(np: Token) -> Token:
    """The noun that says what a phrase is about: "meetings" in "a number of bilateral meetings"."""
    if np.lemma_.lower() in QUANTIFIER_NOUNS:
        for c in np.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                objs = _children(c, "pobj")
                if objs:
                    return objs[0]
    return np


# abstract heads that name a concrete policy when a noun says which: "auction system", "austerity
# measures", "output level"
_SPECIFIABLE = frozenset("system measure measures step steps action actions level levels model".split())


def _abstract(n: Token) -> bool:
    """Whether a noun names an aspiration rather than a thing one can do ("cooperation", "new
    heights", "measures"); "austerity measures", "the auction system" are concrete."""
    lemma = n.lemma_.lower()
    if lemma not in ABSTRACT_NOUNS:
        return False
    if lemma in _SPECIFIABLE or n.lower_ in _SPECIFIABLE:
        return not any(c.dep_ == "compound" and c.pos_ == "NOUN"
                       and c.lemma_.lower() not in ABSTRACT_NOUNS | GENERIC_OBJECTS | TIME_NOUNS
                       for c in n.children)
    return True


# verbs whose object comes with "of" ("dispose of the rigs", "divest itself of its stake")
OF_OBJECT_VERBS = frozenset("dispose divest rid".split())


def _prep_object(v: Token) -> Token | None:
    """The object of an act that takes it through a preposition ("embark on austerity measures",
    "return to fixed prices", "stick to its quota", "dispose of the rigs"): a concrete common noun, not a place, a person
    or a date."""
    for c in v.children:
        if c.dep_ != "prep" or c.i < v.i or c.lower_ not in ("on", "to", "with", "into") and not (
                c.lower_ == "of" and v.lemma_.lower() in OF_OBJECT_VERBS):
            continue
        for o in _children(c, "pobj"):
            o = _content_head(o)
            if o.pos_ == "NOUN" and not _abstract(o) and o.lemma_.lower() not in TIME_NOUNS | GENERIC_OBJECTS \
                    and o.ent_type_ not in ("GPE", "LOC", "PERSON", "DATE", "NORP"):
                return o
    return None


def _place_phrase(prep: Token, time_tokens: set[int]) -> list[int]:
    """A prepositional phrase of the act ("in Russia", "to U.S. firms"); none when its object is a date
    ("in May"), which the deadline already says."""
    sub = _subtree(prep, time_tokens)
    return sub if len(sub) > 1 else []


def _lower_start(phrase: str, head: Token) -> str:
    """A noun phrase moved from the start of the sentence: "The first forum" -> "the first forum"."""
    first = phrase.split(" ", 1)[0]
    if first.lower() in ("the", "a", "an", "this", "these", "its", "their") or (
            head.pos_ != "PROPN" and phrase[:1].isupper() and phrase[1:2].islower()):
        return phrase[0].lower() + phrase[1:]
    return phrase


def _act_phrase(doc: Doc, v: Token, time_tokens: set[int], subject: Token | None) -> str:
    """The act in the active voice: verb lemma, particle, object and places ("hold the Chinese Culture
    Festival in Russia"); a conjoined verb without its own object joins ("discuss and sign ...")."""
    parts: list[int] = []
    for c in v.children:
        if c.i < v.i and not (c.dep_ == "prt"):
            continue  # what comes before the verb is its subject or a sentence adverbial
        if c.dep_ in ("dobj", "dative", "prt", "attr", "oprd", "acomp"):
            parts += _subtree(c, time_tokens)
        elif c.dep_ == "xcomp" and v.lemma_.lower() in ASPECT_VERBS | {"use"}:
            parts += _subtree(c, time_tokens)  # "begin trying them in court", "be used to build 12 berths"
        elif c.dep_ == "prep" and c.lower_ not in ("by", "within", "before", "until", "till", "during", "since",
                                                     "for", "through", "throughout", "according", "because",
                                                     "despite", "under", "amid", "after", "like", "as",
                                                     "besides", "beyond"):
            parts += _place_phrase(c, time_tokens)
    verb = v.lemma_.lower() if v.lemma_ else v.lower_
    if _passive(v) and subject is not None:
        obj = _lower_start(_phrase(doc, _subtree(subject, time_tokens)), subject)
        rest = _phrase(doc, [i for i in parts if i > v.i])
        core = f"{verb} {obj}" + (f" {rest}" if rest else "")
    else:
        core = f"{verb} {_phrase(doc, parts)}".strip()
    # "discuss and sign the plan": a preceding conjunct with no object of its own
    if v.dep_ == "conj" and _is_verb(v.head) and not _children(v.head, "dobj", "dative", "attr") \
            and v.head.i < v.i and v.head.lemma_.lower() not in SPEECH_VERBS and not _children(v, "nsubj"):
        core = f"{v.head.lemma_.lower()} and {core}"
    return core


def _measure(text: str) -> tuple[str | None, str | None]:
    """The figures extractor's measure key and flow for a phrase ("bilateral trade" -> trade, total)."""
    # the figures extractor may publish ``measure_of``; until then its private helpers
    public = getattr(bilat_figures, "measure_of", None)
    if public is not None:
        got = public(text)
        if isinstance(got, tuple):
            return got
        return got, bilat_figures._FLOW_OF.get(got) if got else None
    m = bilat_figures._measure(text)
    return m, bilat_figures._FLOW_OF.get(m) if m else None


def _target_unit(q: Quantity, change: bool) -> str:
    if q.kind == "number":
        return "count"  # "sell 75,000 of his shares"
    return "percent_change" if change and q.unit == "percent" else q.unit


# --- the component --------------------------------------------------------------------------------------
class CommitmentExtractor:
    """Writes ``doc._.commitments`` for a sentence doc (see the module docstring for the rules).

    Plain attributes only, so the component pickles (Dask ships it to workers)."""

    def __init__(self, name: str = "bilat_commitments"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.commitments = self.commitments(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def commitments(self, doc: Doc) -> list[Commitment]:
        ctx: SentenceContext | None = doc._.ctx
        text = doc_text(doc).strip()
        mem = _memory(ctx)
        if not text or text.endswith("?") or not may_hold_commitment(text):
            self._note_subjects(doc, mem)
            return []
        published = ctx.published if ctx is not None else None
        countries = _Countries(doc, ctx)
        times = timex.find_times(doc_text(doc), published, tense="future")
        exclude = timex.year_spans(doc_text(doc), published)
        doc_countries = list(ctx.doc.countries) if ctx is not None else []
        quantities = find_quantities(doc_text(doc), doc_countries, exclude)
        out: list[Commitment] = []
        used_targets: set[int] = set()
        acts = [a for a in (_marker(t) for t in doc if _is_verb(t)) if a is not None]
        # "Apple is launching two machines next month": the present progressive with a future date
        if published is not None:
            marked = {a.verb.i for a in acts}
            noun_dates = self._noun_dates(doc, times)
            for t in doc:
                if t.tag_ == "VBG" and t.i not in marked and {"is", "are", "am", "'s", "'re"} & _aux_words(t):
                    when = _deadline(doc, times, {t.i}, set(), noun_dates)
                    if when is not None and when.period is not None and when.period.start > published:
                        acts.append(_Act(t, "is doing (dated)"))
        for act in acts:
            c = self._from_act(doc, act, countries, mem, times, quantities, used_targets)
            if c is not None:
                out.append(c)
        for t in doc:
            # "reiterated the kingdom's commitment to last December's OPEC accord"
            if t.lemma_.lower() in ("commitment", "pledge") and t.pos_ == "NOUN" and not _negated(t):
                for p in t.children:
                    if p.dep_ == "prep" and p.lower_ == "to":
                        for o in _children(p, "pobj"):
                            if o.lemma_.lower() in AGREEMENT_NOUNS | ADHERED_NOUNS:
                                c = self._adherence(doc, t, o, countries, mem, times)
                                if c is not None:
                                    out.append(c)
        for t in doc:
            # "Some banks have agreed to a three-year deferment of obligations"
            if t.lemma_.lower() in AGREEING_HEADS and t.pos_ == "VERB":
                for p in t.children:
                    if p.dep_ == "prep" and p.lower_ == "to" and p.i > t.i:
                        for o in _children(p, "pobj"):
                            c = self._agreed_to(doc, t, o, countries, mem, times, quantities)
                            if c is not None:
                                out.append(c)
        for t in doc:
            # "The government has set public sector wage rises at about 1.7 per cent this year"
            if t.lemma_.lower() in LEVEL_SETTERS and t.pos_ == "VERB" and not _passive(t) \
                    and not any(a.verb.i == t.i for a in acts):
                c = self._level(doc, t, countries, mem, times, quantities)
                if c is not None:
                    out.append(c)
        for t in doc:
            # "Taiwan plans another round of tariff cuts", "a five pct sales tax planned for January 1988"
            if t.lemma_.lower() == "plan" and t.pos_ == "VERB":
                thing = next(iter(_children(t, "dobj")), None) if t.dep_ not in ("amod", "acl") else (
                    t.head if t.head.pos_ == "NOUN" and t.tag_ == "VBN" else None)
                if thing is not None:
                    c = self._planned(doc, t, thing, countries, mem, times, quantities)
                    if c is not None:
                        out.append(c)
        for t in doc:
            # "the issue is scheduled for mid-March", "a vote on the bill is set for Thursday"
            if t.lemma_.lower() in CALENDAR_HEADS and (_passive(t) or t.lower_ == "due") \
                    and not any(a.verb.i == t.i or a.head is not None and a.head.i == t.i for a in acts):
                c = self._scheduled_for(doc, t, countries, mem, times)
                if c is not None:
                    out.append(c)
        for t in doc:
            if t.lemma_.lower() in TARGET_NOUNS | LIMIT_NOUNS and t.pos_ == "NOUN" and t.i not in used_targets:
                c = self._from_target(doc, t, None, countries, mem, times, quantities)
                if c is not None:
                    used_targets.add(t.i)
                    out.append(c)
        out = [c for c in out if self._first_mention(c, mem)]
        if ctx is not None:
            for c in out:
                mem["last_commitment"] = (ctx.index, ctx.paragraph, list(c.actors))
                mem.setdefault("recent", []).append((ctx.index, c))
        self._note_subjects(doc, mem)
        return out

    @staticmethod
    def _note_subjects(doc: Doc, mem: dict) -> None:
        """Remember the named subjects of a sentence (and those that act for a state: "Prosecutors in
        the south of the country have targeted ..."), so that a later "the company plans to ..." or
        "they plan to ..." knows who is meant."""
        def noted(t: Token) -> bool:
            return t.dep_ == "nsubj" and (_proper(t) or t.lemma_.lower() in GOVERNMENT_NOUNS) \
                and t.i not in dateline_tokens(doc)
        if not doc.has_annotation("DEP") or not any(noted(t) for t in doc):
            return
        countries = _Countries(doc, doc._.ctx)
        for t in doc:
            if noted(t):
                _who(t, countries, mem)

    # --- acts ---------------------------------------------------------------------------------------
    def _from_act(self, doc: Doc, act: _Act, countries: _Countries, mem: dict, times: list,
                  quantities: list[Quantity], used_targets: set[int]) -> Commitment | None:
        v = act.verb
        limit = _negated_limit(v)
        if _refused(act, limit) or _believed(v) or _conditional(v) or _hedged(v):
            return None
        if limit:
            return self._limit(doc, act, countries, mem, times)
        # a target noun as the object ("strive to achieve the trade target of $200 billion"); a limit
        # with its amount ("keep to its 19,000 tonne quota"), else the act on it ("cut its output
        # ceiling by 7.25 pct")
        for obj in _children(v, "dobj", "nsubjpass"):
            if obj.lemma_.lower() in TARGET_NOUNS:
                used_targets.add(obj.i)
                return self._from_target(doc, obj, act, countries, mem, times, quantities)
            if obj.lemma_.lower() in LIMIT_NOUNS:
                c = self._from_target(doc, obj, act, countries, mem, times, quantities)
                if c is not None:
                    used_targets.add(obj.i)
                    return c
        lemma = v.lemma_.lower()
        agreed = act.head is not None and act.head.lemma_.lower() in AGREEING_HEADS
        passive = _passive(v)
        objects = _children(v, "dobj") or (_children(v, "nsubjpass") if passive else [])
        obj = objects[0] if objects else None
        obj = _content_head(obj) if obj is not None else None
        if passive and obj is not None and obj.lower_ in PRONOUNS | {"them", "him", "her"}:
            return None  # "it will be hosted ...": what "it" is, the sentence does not say
        if lemma == "take" and obj is not None and obj.lower_ == "place" and _children(v, "nsubj"):
            # "the forum will take place in Moscow": the event is scheduled, like "will be held"
            return self._scheduled(doc, act, _children(v, "nsubj")[0], countries, mem, times)
        # (in the passive the thing held is the subject, whatever the parse takes for an object: "a
        # special meeting of its board will be held March Nine")
        held = [_content_head(x) for x in _children(v, "nsubjpass")] if passive else []
        if (lemma in CONSULT_VERBS or any(x is not None and x.lemma_.lower() in CONSULT_NOUNS
                                          for x in [obj, *held])) and not agreed:
            return None  # a planned meeting or visit is an event
        if passive and obj is not None and _abstract(obj):
            return None
        if lemma in DESCRIBING_VERBS:
            return None  # what a thing is or will count as, not an act on it
        if lemma in HAPPENINGS and not _children(v, "dobj") and not agreed:
            return None
        amount = self._amount(doc, v, quantities)
        if lemma in PLEDGE_VERBS and act.head is None and amount is None and (
                obj is None or obj.pos_ == "PRON" or _abstract(obj)):
            return None  # "will offer support"; "will offer its creditors a pricing plan" is an act
        if amount is None:
            if lemma in VAGUE and not (lemma in CONCRETE_WITH_OBJECT and obj is not None and not _abstract(obj)
                                       and (obj.lemma_.lower() not in GENERIC_OBJECTS or lemma in MULTIPLIERS)):
                return None
            if obj is not None and _abstract(obj):
                return None
            if obj is None and lemma not in INTRANSITIVE_ACTS and not _children(v, "prep"):
                return None
            if obj is None and lemma not in INTRANSITIVE_ACTS and not passive and _prep_object(v) is None:
                return None
        subj, _of = _subject(v)
        if subj is not None and subj.lower_ in ("which", "that", "who") and _of.dep_ == "relcl":
            subj = _of.head  # "a railway line, which is expected to be completed": the line
        agent = self._actors(doc, v, subj, passive, countries, mem)
        agreed_on = None
        if agent is None and agreed and v.dep_ == "ccomp" and act.head.i == v.head.i and subj is not None:
            # "the two leaders agreed that bilateral trade should reach $300 billion": the clause's
            # subject is what was agreed on, those who agreed commit to it
            agreeing = _children(act.head, "nsubj")
            agent = _who(agreeing[0], countries, mem) if agreeing else None
            agreed_on = subj
        if agent is None:
            return None
        ctx: SentenceContext | None = doc._.ctx
        noun_dates = self._noun_dates(doc, times)
        time_tokens = {t.i for m in times for t in tokens_in(doc, m.start, m.end)} - noun_dates
        what = _act_phrase(doc, v, time_tokens, subj if passive else None)
        if agreed_on is not None and not passive:  # "bilateral trade to reach $300 billion"
            what = f"{_lower_start(_phrase(doc, _subtree(agreed_on, time_tokens)), agreed_on)} to {what}"
        # "discuss and sign the plan": a conjoined verb shares its head's dates unless it has its own subject
        own = {v.i} | ({v.head.i} if v.dep_ == "conj" and _is_verb(v.head) and not _children(v, "nsubj") else set())
        if obj is not None:  # "build a railway line, which is expected to be completed by 2027"
            for t in obj.subtree:
                if t.dep_ in ("relcl", "acl") and t.i != v.i:
                    verbs = [x for x in t.subtree if _is_verb(x)]
                    if any(x.lemma_.lower() in COMPLETION_VERBS for x in verbs):
                        own |= {x.i for x in verbs}
        chain = {t.i for t in _chain_up(v)} | ({act.head.i} if act.head is not None else set())
        naming_ok: set[int] = set()
        if amount is not None and lemma in PLEDGE_VERBS and obj is not None:
            naming_ok = {t.i for t in obj.subtree}  # "approved 1987 subsidies of 170 billion forints"
            own |= {t.i for t in obj.subtree if t.pos_ in ("NOUN", "PROPN")}
        when = _deadline(doc, times, own, chain - own, noun_dates - naming_ok, naming_ok)
        if act.marker == EXPECTS_TO and (when is None or when.period is None or ctx is None
                                         or ctx.published is None or when.period.end < ctx.published):
            return None  # "expects to post a loss": a forecast unless a coming date makes it a plan
        measure, flow = (None, None)
        target_value = unit = None
        if amount is not None:
            q, change = amount
            target_value, unit = q.value, _target_unit(q, change)
            measure, flow = _measure(what)
        return self._commitment(doc, ctx, agent, what, when, target_value, unit, measure, flow, act.marker)

    def _limit(self, doc: Doc, act: _Act, countries: _Countries, mem: dict, times: list) -> Commitment | None:
        """A promise to stay within a limit, stated as a negation: "it will never sell its oil at prices
        below the pronounced prices", "the deficit will not be allowed to exceed the budgeted figure"."""
        v = act.verb
        passive = _passive(v)
        subj, _of = _subject(v)
        agent = self._actors(doc, v, subj, passive, countries, mem)
        if agent is None:
            return None
        ctx: SentenceContext | None = doc._.ctx
        noun_dates = self._noun_dates(doc, times)
        time_tokens = {t.i for m in times for t in tokens_in(doc, m.start, m.end)} - noun_dates
        what = _act_phrase(doc, v, time_tokens, subj if passive else None)
        inner = [c for c in v.children if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in EXCEED_VERBS]
        if inner:  # "allow the deficit to exceed the budgeted figure"
            what = f"{what} to {_act_phrase(doc, inner[0], time_tokens, None)}"
        never = any(c.lower_ == "never" for c in v.children)
        own = {v.i} | {c.i for c in inner} | {t.i for t in (subj.subtree if subj is not None else [])}
        when = _deadline(doc, times, own, {t.i for t in _chain_up(v)}, noun_dates - own, own)
        return self._commitment(doc, ctx, agent, f"{'never' if never else 'not'} {what}", when, None, None,
                                None, None, f"{act.marker}, negated limit")

    def _adherence(self, doc: Doc, noun: Token, obj: Token, countries: _Countries, mem: dict,
                   times: list) -> Commitment | None:
        """A commitment to keep an agreement or a programme: "the kingdom's commitment to last December's
        OPEC accord" (the owner keeps it; else the subject of the sentence that states it)."""
        if any(c.lower_ == "no" for c in noun.children):
            return None
        poss = _children(noun, "poss")
        agent = _who(poss[0], countries, mem) if poss else None
        if agent is None:
            subj, _of = _subject(noun)
            agent = _who(subj, countries, mem) if subj is not None else None
        if agent is None:
            return None
        ctx: SentenceContext | None = doc._.ctx
        noun_dates = self._noun_dates(doc, times)
        time_tokens = {t.i for m in times for t in tokens_in(doc, m.start, m.end)} - noun_dates
        drop = time_tokens | {c.i for c in obj.children if c.dep_ in ("acl", "relcl") for c in c.subtree}
        what = f"keep to {_phrase(doc, [i for i in _subtree(obj, drop) if i not in drop])}"
        when = _deadline(doc, times, {noun.i, obj.i}, {t.i for t in _chain_up(noun)}, noun_dates)
        return self._commitment(doc, ctx, agent, what, when, None, None, None, None, f"{noun.lower_} to")

    def _agreed_to(self, doc: Doc, v: Token, noun: Token, countries: _Countries, mem: dict, times: list,
                   quantities: list[Quantity]) -> Commitment | None:
        """An act agreed to as a noun: "some banks have agreed to a three-year deferment of obligations",
        "Gemayel has agreed to the abolition of the power-sharing system". Meetings ("agreed to talks")
        are events; "agreed to the proposals" names no act."""
        lemma = noun.lemma_.lower()
        if not (lemma in ACT_NOUNS or noun.lower_.endswith(("ment", "tion", "sion", "al")) and noun.pos_ == "NOUN") \
                or _abstract(noun) or lemma in CONSULT_NOUNS | TARGET_NOUNS | LIMIT_NOUNS | AGREEMENT_NOUNS \
                or lemma in ("proposal", "proposals", "principle", "terms", "condition", "conditions"):
            return None
        act = _Act(v, f"{v.lower_} to", v)
        if _refused(act) or _believed(v) or _conditional(v):
            return None
        subj, _of = _subject(v)
        agent = _who(subj, countries, mem) if subj is not None else None
        if agent is None:
            return None
        ctx: SentenceContext | None = doc._.ctx
        noun_dates = self._noun_dates(doc, times)
        time_tokens = {t.i for m in times for t in tokens_in(doc, m.start, m.end)} - noun_dates
        what = f"{v.lemma_.lower()} to {_phrase(doc, _subtree(noun, time_tokens))}"
        np = {t.i for t in noun.subtree}
        amounts = [q for q in quantities if q.kind in ("money", "percent", "count", "measure", "fraction")
                   and any(t.i in np for t in tokens_in(doc, q.start, q.end))]
        value = unit = measure = flow = None
        if amounts:
            value, unit = amounts[0].value, amounts[0].unit
            measure, flow = _measure(what)
        when = _deadline(doc, times, {v.i, noun.i}, {t.i for t in _chain_up(v)}, noun_dates)
        return self._commitment(doc, ctx, agent, what, when, value, unit, measure, flow, act.marker)

    def _level(self, doc: Doc, v: Token, countries: _Countries, mem: dict, times: list,
               quantities: list[Quantity]) -> Commitment | None:
        """A level an actor fixes: "the government has set public sector wage rises at about 1.7 per cent
        this year" (a target: what is set, at what amount). A passive ("the rate was originally set at
        1-1/8 pct") describes terms, not an actor's target."""
        objs = _children(v, "dobj")
        if not objs or v.dep_ in ("relcl", "acl") or objs[0].tag_ in ("WDT", "WP") or objs[0].lower_ in PRONOUNS:
            return None  # "reserves, which it previously set at $500m": a description, not a target
        # "at 1.7 per cent" hangs off the verb or, as often, off its object
        ats = [o for h in (v, objs[0]) for c in h.children if c.dep_ == "prep" and c.lower_ == "at"
               for o in _children(c, "pobj")]
        if not ats:
            return None
        act = _Act(v, f"{v.lower_} at")
        if _refused(act) or _believed(v) or _conditional(v):
            return None
        slot = ats[0]
        in_slot = {x.i for x in slot.subtree}
        amount = next((q for q in quantities if q.kind in ("money", "percent", "count", "measure", "fraction")
                       and any(t.i in in_slot for t in tokens_in(doc, q.start, q.end))), None)
        if amount is None:
            return None
        subj, _of = _subject(v)
        agent = _who(subj, countries, mem) if subj is not None else None
        if agent is None:
            return None
        ctx: SentenceContext | None = doc._.ctx
        noun_dates = self._noun_dates(doc, times)
        time_tokens = {t.i for m in times for t in tokens_in(doc, m.start, m.end)} - noun_dates
        at_phrase = {t.i for t in slot.head.subtree}
        thing = _phrase(doc, [i for i in _subtree(objs[0], time_tokens) if i not in at_phrase
                              and (doc[i].dep_ not in ("det", "poss") or doc[i].head.i != objs[0].i)])
        what = f"{thing} at {amount.text}"
        measure, flow = _measure(thing)
        when = _deadline(doc, times, {v.i, objs[0].i}, {t.i for t in _chain_up(v)}, noun_dates)
        return self._commitment(doc, ctx, agent, what, when, amount.value, amount.unit, measure, flow, act.marker)

    def _planned(self, doc: Doc, v: Token, thing: Token, countries: _Countries, mem: dict, times: list,
                 quantities: list[Quantity]) -> Commitment | None:
        """A planned thing: "Taiwan plans another round of deep tariff cuts this year" (the verb with a
        noun object), "a five pct sales tax planned for January 1988", "planned cuts in income taxes"
        (the participle on a noun). The planner is the subject, else the thing's owner ("its planned
        imports"), else the story's country."""
        head = _content_head(thing)
        if head.pos_ != "NOUN" or _abstract(head) or head.lemma_.lower() in CONSULT_NOUNS | TARGET_NOUNS \
                | TIME_NOUNS or thing.lower_ in PRONOUNS:
            return None
        if any(q.start <= thing.idx < q.end for q in quantities):
            return None  # "one pct instead of a planned 2.5 pct": what the number measures is elsewhere
        act = _Act(v, "planned" if v.tag_ == "VBN" and v.dep_ in ("amod", "acl") else "plan", v)
        if _refused(act) or _believed(v) or _conditional(v) or _hedged(v) or _negated(thing):
            return None
        agent: _Agent | None = None
        if act.marker == "plan":
            subj, _of = _subject(v)
            agent = _who(subj, countries, mem) if subj is not None else None
        else:
            poss = _children(thing, "poss")
            agent = _who(poss[0], countries, mem) if poss else None
            home = _home(doc)
            if agent is None and home is not None:
                agent = _Agent([home], source="document")
        if agent is None:
            return None
        ctx: SentenceContext | None = doc._.ctx
        noun_dates = self._noun_dates(doc, times)
        time_tokens = {t.i for m in times for t in tokens_in(doc, m.start, m.end)} - noun_dates
        drop = time_tokens | {v.i} | {c.i for c in thing.children if c.dep_ in ("det", "poss")}
        words = _phrase(doc, [i for i in _subtree(thing, drop) if i not in drop])
        if not words:
            return None
        what = _lower_start(words, thing)
        if act.marker == "plan":
            what = f"plan {what}"
        np = set(_subtree(thing, set())) | {t.i for c in thing.children if c.dep_ == "prep" for t in c.subtree}
        s, e = doc[min(np)].idx, doc[max(np)].idx + len(doc[max(np)])
        amounts = [q for q in quantities if s <= q.start and q.end <= e
                   and q.kind in ("money", "percent", "count", "measure", "fraction")]
        value = unit = measure = flow = None
        if amounts:
            value, unit = amounts[0].value, amounts[0].unit
            measure, flow = _measure(what)
        own = {v.i, thing.i} | {t.i for t in thing.subtree if _is_verb(t)}
        chain = {t.i for t in _chain_up(v)} - own
        when = _deadline(doc, times, own, chain, noun_dates)
        if act.marker == "planned" and (value is None and when is None or any(
                c.dep_ == "det" and c.lower_ in ("any", "no") for c in thing.children)):
            # "details of the size of investment or planned output", "any planned seizure": a planned
            # thing only mentioned in passing, with neither an amount nor a date, states no plan
            return None
        return self._commitment(doc, ctx, agent, what, when, value, unit, measure, flow, act.marker)

    def _scheduled_for(self, doc: Doc, v: Token, countries: _Countries, mem: dict,
                       times: list) -> Commitment | None:
        """An act or event put on the calendar: "the first delivery is scheduled for February 1988", "a
        vote on the bill by the committee is set for Thursday" (a passive of ``CALENDAR_HEADS`` with a
        coming date in its "for" phrase). Meetings stay events. When the thing names an act of an
        undated commitment stated just before ("BNL will issue 120 mln dlrs of eurobonds ... the issue
        is scheduled for mid-March"), the date is that commitment's deadline and no new record is made.
        The organiser: countries in the thing's name, its "by" phrase, the speaker of reported speech,
        the commitment of the sentence before, else the story's country."""
        subj = next(iter(_children(v, "nsubjpass", "nsubj")), None)
        fors = {t.i for c in v.children if c.dep_ == "prep" and c.lower_ == "for" for t in c.subtree}
        if subj is None or not fors:
            return None
        act = _Act(v, f"{v.lower_} for", v)
        if _refused(act) or _believed(v) or _conditional(v) or _hedged(v):
            return None
        ctx: SentenceContext | None = doc._.ctx
        published = ctx.published if ctx is not None else None
        noun_dates = self._noun_dates(doc, times)
        when = _deadline(doc, times, {v.i}, set(), noun_dates)
        if when is None or when.period is None or published is None or when.period.end < published \
                or not any(t.i in fors for t in tokens_in(doc, when.start, when.end)):
            return None
        head = _content_head(subj)
        lemma = head.lemma_.lower()
        if lemma in CONSULT_NOUNS | TIME_NOUNS or _abstract(head) or head.pos_ == "NUM":
            return None
        # the thing refers back to an undated act of a recent commitment: date that commitment
        recent = [c for i, c in mem.get("recent", []) if ctx.index - i <= 2 and c.deadline is None]
        verb_of = lambda c: c.what.split(" ", 1)[0].lower()  # noqa: E731
        if head.lower_ in PRONOUNS:
            same = recent[-1:]
        else:
            same = [c for c in recent if _same_stem(lemma, verb_of(c))]
        if same:
            same[-1].deadline, same[-1].deadline_text = when.period, when.text
            return None
        if head.lower_ in PRONOUNS:
            return None
        agent: _Agent | None = None
        found = countries.within(_np_indices(subj))
        if found:
            agent = _Agent(found)
        by = next((o for t in subj.subtree if t.dep_ in ("prep", "agent") and t.lower_ == "by"
                   for o in _children(t, "pobj")), None)
        if agent is None and by is not None:
            agent = _who(by, countries, mem)
        if agent is None:
            speaker = _speaker(v)
            agent = _who(speaker, countries, mem) if speaker is not None else None
        last = mem.get("last_commitment")
        if agent is None and last and last[0] == ctx.index - 1 and (last[2] or recent):
            agent = _Agent(list(last[2]), recent[-1].extra.get("agent") if recent else None,
                           source="previous sentence")
        if agent is None and _home(doc) is not None:
            agent = _Agent([_home(doc)], source="document")
        if agent is None:
            return None
        time_tokens = {t.i for m in times for t in tokens_in(doc, m.start, m.end)} - noun_dates
        what = _lower_start(_phrase(doc, _subtree(subj, time_tokens)), subj)
        return self._commitment(doc, ctx, agent, what, when, None, None, None, None, act.marker)

    def _scheduled(self, doc: Doc, act: _Act, event: Token, countries: _Countries, mem: dict,
                   times: list) -> Commitment | None:
        """An event that "will take place": its organisers are the countries its name carries."""
        found = countries.within(_np_indices(event))
        if not found or event.lemma_.lower() in CONSULT_NOUNS | ABSTRACT_NOUNS:
            return None
        ctx: SentenceContext | None = doc._.ctx
        noun_dates = self._noun_dates(doc, times)
        time_tokens = {t.i for m in times for t in tokens_in(doc, m.start, m.end)} - noun_dates
        name = _lower_start(_phrase(doc, _subtree(event, time_tokens)), event)
        places = [i for c in act.verb.children if c.dep_ == "prep" and c.i > act.verb.i
                  and c.lower_ in ("in", "at") for i in _place_phrase(c, time_tokens)]
        what = f"hold {name}" + (f" {_phrase(doc, places)}" if places else "")
        when = _deadline(doc, times, {act.verb.i}, {t.i for t in _chain_up(act.verb)}, noun_dates)
        return self._commitment(doc, ctx, _Agent(found), what, when, None, None, None, None, act.marker)

    def _amount(self, doc: Doc, v: Token, quantities: list[Quantity]) -> tuple[Quantity, bool] | None:
        """The amount an act commits to: the amount it moves ("buy 4 mln tonnes"), the level it
        reaches ("to $200 billion") or the change it makes ("by 10 pct"), with True for a change.
        An amount that only describes something ("payments on its 68 billion dlr debt") is not one."""
        if not quantities:
            return None
        slots: list[tuple[Token, bool]] = []
        for c in v.children:
            if c.dep_ in ("dobj", "attr", "nsubjpass") or (c.dep_ == "npadvmod" and c.like_num):
                slots.append((c, False))
            elif c.dep_ == "prep" and c.lower_ in ("to", "by", "with", "at"):
                slots += [(o, c.lower_ == "by") for o in _children(c, "pobj")]
            elif c.dep_ == "prep" and c.lower_ == "for" and (v.lemma_.lower() in PRICED_ACTS or any(
                    o.lemma_.lower() in TRANSACTION_NOUNS for o in _children(v, "dobj"))):
                # "hold a tender for 6,000 tonnes", "acquire South Western for 12.5 mln dlrs cash"
                slots += [(o, False) for o in _children(c, "pobj")]
        # "return to fixed prices of around 18 dollars": the amount in the slot's "of" phrase
        slots += [(o, ch) for slot, ch in list(slots) for p in slot.children
                  if p.dep_ == "prep" and p.lower_ == "of" for o in _children(p, "pobj")]
        for slot, change in slots:
            for q in quantities:
                if q.kind not in AMOUNT_KINDS and not (
                        q.kind == "number" and slot.like_num and q.start <= slot.idx < q.end):
                    continue  # a bare number counts when it is the object ("sell 75,000 of his shares")
                toks = tokens_in(doc, q.start, q.end)
                ids = {t.i for t in toks}
                roots = [t for t in toks if t.head.i not in ids]
                if any(r.i == slot.i or (r.head.i == slot.i and r.dep_ in ("nummod", "quantmod", "compound",
                                                                              "amod", "nmod"))
                       or slot.i in ids for r in roots):
                    return q, change
        return _level_from_to(v, quantities)

    def _noun_dates(self, doc: Doc, times: list) -> set[int]:
        """Tokens of dates that name something ("the 2024-2027 plan"), never a deadline."""
        out: set[int] = set()
        for m in times:
            toks = tokens_in(doc, m.start, m.end)
            ids = {t.i for t in toks}
            roots = [t for t in toks if t.head.i not in ids]
            if roots and all(_names_something(r) for r in roots):
                out |= ids
        return out

    def _actors(self, doc: Doc, v: Token, subj: Token | None, passive: bool, countries: _Countries,
                mem: dict) -> _Agent | None:
        """Who commits to the act ``v`` (see the module docstring)."""
        ctx: SentenceContext | None = doc._.ctx
        if not passive:
            return _who(subj, countries, mem) if subj is not None else None
        by = _agent_of_passive(v)
        if by is not None:
            found = _who(by, countries, mem)
            if found is not None:
                return found
        if subj is not None and subj.dep_ == "nsubjpass":
            found_codes = countries.within(_np_indices(subj))
            if found_codes:
                return _Agent(found_codes)
            recalled = _recall(mem, subj)
            if recalled is not None:
                return _Agent(recalled.countries, recalled.name, source="earlier subject")
        # "Exhibitions ... will also be held": continues the commitment of the sentence before
        # (wire copy gives every sentence its own paragraph, so the paragraph may change)
        last = mem.get("last_commitment")
        if ctx is not None and last and last[0] == ctx.index - 1 and last[2] and (
                last[1] == ctx.paragraph or _single_sentence_paragraphs(ctx)):
            return _Agent(list(last[2]), source="previous sentence")
        # "The treaty is expected to be signed ...": its parties are the document's two countries
        if subj is not None and subj.lemma_.lower() in AGREEMENT_NOUNS and ctx is not None \
                and len(ctx.doc.dyad) == 2:
            return _Agent(list(ctx.doc.dyad), source="document")
        # "Proceeds from the offering will be used to refinance debt, it said": a passive plan with no
        # organiser in reported speech is the speaker's
        speech = next((t for t in _chain_up(v) + [v.head] if t.lemma_.lower() in SPEECH_VERBS
                       and _children(t, "nsubj")), None) if v.dep_ == "ccomp" or v.head.dep_ == "ccomp" else None
        if speech is None and v.dep_ == "ROOT":
            speech = next((c for c in v.children if c.dep_ in ("ccomp", "parataxis")
                           and c.lemma_.lower() in SPEECH_VERBS and _children(c, "nsubj")), None)
        if speech is not None:
            said = _who(_children(speech, "nsubj")[0], countries, mem)
            if said is not None:
                return _Agent(said.countries, said.name, source="speaker")
        # "2.766 billion riyals had been allocated for major projects": a budget's money is the state's
        if v.lemma_.lower() in PLEDGE_VERBS and subj is not None and any(t.like_num for t in subj.subtree):
            home = _home(doc)
            if home is not None:
                return _Agent([home], source="document")
        return None

    # --- targets ------------------------------------------------------------------------------------
    def _from_target(self, doc: Doc, noun: Token, act: _Act | None, countries: _Countries, mem: dict,
                     times: list, quantities: list[Quantity]) -> Commitment | None:
        """A target noun with an amount: "the trade target of $200 billion set by the two heads of state",
        "the target deficit ... was 43.8 billion forints", "an export quota of 28,526 tonnes"."""
        label = noun
        if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
            noun = noun.head  # "the target deficit": the deficit is what the target is of
        if _negated(noun) or any(c.lower_ == "no" for c in noun.children):
            return None
        np = _subtree(noun, set())
        # the "of $200 billion" and "set by" parts hang off the noun or off the amount
        toks = sorted(set(np) | {t.i for c in noun.children if c.dep_ == "prep" for t in c.subtree})
        if noun.dep_ == "nsubj" and noun.head.lemma_.lower() == "be":
            # "the target deficit in the 1987 budget was 43.8 billion forints"
            toks = sorted(set(toks) | {t.i for c in _children(noun.head, "attr") for t in c.subtree})
        s, e = doc[toks[0]].idx, doc[toks[-1]].idx + len(doc[toks[-1]])
        amounts = [q for q in quantities if s <= q.start and q.end <= e
                   and q.kind in ("money", "percent", "count", "measure", "fraction")]
        if not amounts:
            return None
        q = amounts[0]
        # the measure: the words naming what the target is of ("trade", "bilateral trade")
        mods = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and not c.like_num
                and c.lower_ not in ("$",) and c.i != label.i]
        mod_idx = sorted(i for c in mods for i in (t.i for t in c.subtree)
                         if not (q.start <= doc[i].idx < q.end))
        measure_words = _phrase(doc, mod_idx)
        if label is not noun or noun.lemma_.lower() in LIMIT_NOUNS:
            # "target deficit" -> "deficit"; "export quota" -> "export quota"
            measure_words = f"{measure_words} {noun.text}".strip()
        if not measure_words:
            # "a target of $200 billion for bilateral trade", "the target the two countries set for trade"
            setters = [c for c in noun.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in TARGET_SETTERS]
            for c in [x for h in (noun, *setters) for x in h.children]:
                # ... but "a 2.5% target for 2005" says when, not what: a date is no measure
                if c.dep_ == "prep" and c.lower_ in ("for", "in", "on") and not any(
                        o.ent_type_ in ("DATE", "TIME") or o.lower_ in _CALENDAR for o in _children(c, "pobj")):
                    measure_words = _phrase(doc, [t.i for o in _children(c, "pobj") for t in o.subtree])
                    break
        if not measure_words and noun.dep_ == "pobj" and noun.head.lower_ in ("from", "to", "than", "above", "below"):
            # "cut its economic growth estimate to 2.5 pct from a 2.8 per cent target": the target is of
            # what it is compared with
            other = noun.head.head
            other = next(iter(_children(other, "dobj", "nsubjpass")), None) if _is_verb(other) else other
            if other is not None and other.pos_ == "NOUN":
                words = [t.i for c in other.children if c.dep_ in ("compound", "amod", "nmod") and not c.like_num
                         for t in c.subtree]
                if words:
                    measure_words = _phrase(doc, words)
        measure, flow = _measure(measure_words or doc_text(doc))
        # who set it: "set by X" (on the noun or on the amount), the owner ("China's target"), the subject
        setter: _Agent | None = None
        for t in noun.subtree:
            if t.dep_ in ("acl", "relcl") and t.lemma_.lower() in TARGET_SETTERS:
                # "the target set by the two heads of state", "the target the two countries had set"
                ag = _agent_of_passive(t) or next(iter(_children(t, "nsubj")), None)
                if ag is not None:
                    setter = _who(ag, countries, mem)
                    if setter is not None:
                        break
        if setter is None:
            poss = _children(noun, "poss")
            if poss:
                setter = _who(poss[0], countries, mem)
        if setter is None:
            subj, _of = _subject(noun)
            if subj is not None:
                setter = _who(subj, countries, mem)
        if setter is None:
            # "The target deficit in the 1987 budget was ...": a budget's or an economy's target is
            # the story's country's
            home = _home(doc)
            if home is None:
                return None
            setter = _Agent([home], source="document")
        measured = countries.within(mod_idx) if mod_idx else []
        words = measure_words or (measure.replace("_", " ") if measure else "target")
        if measure == "trade" and len(setter.countries) == 2 and "bilateral" not in words.lower() and not measured:
            words = f"bilateral {words}"
        what = f"{words} of {q.text}"
        ctx: SentenceContext | None = doc._.ctx
        own = {noun.i}
        v = noun.head
        while v.head is not v and not _is_verb(v):
            v = v.head
        if _is_verb(v):
            own.add(v.i)
        # a deadline inside the target phrase's "set by ..." clause is still the target's
        own |= {t.i for t in noun.subtree if _is_verb(t)}
        chain = {t.i for x in own for t in _chain_up(doc[x])} - own
        # "the target deficit in the 1987 budget": a date naming the budget dates its target; a past date
        # in a clause on it ("approved by Parliament last December") says when it was set
        published = ctx.published if ctx is not None else None
        clauses = {t.i for x in noun.subtree if x.dep_ in ("acl", "relcl") for t in x.subtree}
        set_when = {t.i for m in times if m.period is not None and published is not None
                    and m.period.end < published
                    for t in tokens_in(doc, m.start, m.end) if t.i in clauses}
        own_np = own | {i for i in toks if doc[i].pos_ in ("NOUN", "PROPN")}
        when = _deadline(doc, times, own_np, chain - own_np, (self._noun_dates(doc, times) - set(toks)) | set_when,
                         set(toks))
        c = self._commitment(doc, ctx, setter, what, when, q.value, q.unit, measure, flow,
                             act.marker if act else "target")
        if measured and sorted(measured) != sorted(setter.countries):
            c.extra["countries"] = measured
        return c

    # --- records ------------------------------------------------------------------------------------
    def _commitment(self, doc: Doc, ctx: SentenceContext | None, agent: _Agent, what: str,
                    when: timex.TimeMention | None, value: float | None, unit: str | None,
                    measure: str | None, flow: str | None, marker: str) -> Commitment:
        off = ctx.start if ctx is not None else 0
        extra: dict = {"marker": marker}
        if agent.name:
            extra["agent"] = agent.name
        if agent.source != "subject":
            extra["actors_from"] = agent.source
        return Commitment(
            actors=list(agent.countries), what=what, target_value=value, unit=unit,
            deadline=when.period if when else None, deadline_text=when.text if when else None,
            text=doc_text(doc), span=(off, off + len(doc_text(doc))), measure=measure, flow=flow,
            doc=ctx.doc.doc_id if ctx is not None else None, extra=extra)

    @staticmethod
    def _first_mention(c: Commitment, mem: dict) -> bool:
        """One record per target per document: a repeat is dropped, and when it adds a deadline the
        earlier record takes this sentence's evidence and deadline (it is the same object the earlier
        sentence returned, so the document's list sees the change)."""
        if c.target_value is None or not c.measure:
            return True
        key = (c.measure, c.flow, round(c.target_value, 6), c.unit)
        seen: dict = mem["seen"]
        first = seen.get(key)
        if first is None:
            seen[key] = c
            return True
        if first.deadline is None and c.deadline is not None:
            for name in ("actors", "what", "deadline", "deadline_text", "text", "span", "extra"):
                setattr(first, name, getattr(c, name))
        return False


@Language.factory("bilat_commitments", assigns=["doc._.commitments"], requires=["doc._.ctx", "doc._.actors"])
def make_commitments(nlp: Language, name: str) -> CommitmentExtractor:
    return CommitmentExtractor(name)

