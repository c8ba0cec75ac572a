"""Figures: every number a sentence asserts, scaled, typed, dated and attached to its countries.

The spaCy component ``bilat_figures`` turns the quantities that :mod:`bilat.extract.numbers`
finds in a sentence into :class:`~bilat.model.Figure` records. The number grammar says *how
much of what unit*; this module uses the dependency parse and the sentence's context to say
*of what, whose, when, and what kind of number*:

* **what / measure**: the noun phrase the number measures. A number attached to a verb
  ("increased by 29.3 percent", "reaching $190.271 billion", "rose to 5.2 billion dlrs") measures
  the verb's subject; "China exported $15.04 billion to Russia" becomes "China's exports to
  Russia"; a count measures its counted noun ("100 sister cities"); "40 times" the clause
  ("President Xi has met President Putin"); a change noun ("an increase of 19.8 percent") the
  level figure it follows. Parallel clauses ("..., high-tech products increased by 51 percent")
  and gapped lists ("Y by 51 pct") borrow the frame of the first clause; "respectively" lists
  are distributed item by item.
* **unit**: a percentage is a level (``percent``) or a change (``percent_change``, signed,
  with its ``baseline``: "year-on-year", "from 10 years prior", "up 32 pct on 1985").
* **period**: the time expression (:mod:`bilat.timex`) closest in the parse; otherwise the
  last date named earlier in the same paragraph (reports state the period once and list
  figures after it). A compared level ("from 4.1 billion a year earlier") gets the earlier period.
* **countries / flow**: actors (``doc._.actors``) inside the measured phrase and its clause,
  the reporter first (exporter, importer, possessor), collective words ("bilateral", "the two
  countries") as the document's dyad, and the dyad completed for relational measures (trade,
  meetings, visits) when only one side is named.
* **value_type**: ``target`` ("the $200 billion target", "strive to achieve"), ``forecast``
  ("expected to rise to", "will reach"), else ``observed``.

Years, dates, clock times, model names and ordinals never become figures (the grammar and
``timex.year_spans`` see to that).

Decisions for real wire and business copy (each rule is general; ``bench/real_eval.py`` measures them):

* **datelines** ("JAKARTA, March 2 - ") are masked: their date is no period, their city no country, and
  a subject the parser found in them gives way to the noun after them.
* **periods**: a time in the number's own phrase first ("the 1985 shortfall of 1.06 billion francs"),
  then one on its verb; the date of a participle on a noun last ("the 1987 budget approved by
  Parliament last December"); a time that dates the source of a report is none ("The August budget had
  forecast ...", "the ministry said on Monday"); a time in another figure's own phrase is that figure's;
  a possessive time owns the number after it ("last year's 2.1 per cent"); a time after a list or
  "respectively" belongs to every item; "in both X and Y" gives one figure per period; fiscal and split
  years follow the document's fiscal year (``timex.fiscal_year_of``); "in the period", "that year" are
  the period named before; with no time of its own an observed figure takes the period the sentences
  before report on, a forecast or target the last named period that has not ended; a headline takes
  its lead's period.
* **value_type**: forecast is about the future or under a forecasting verb, noun, participle ("an
  expected shortfall") or a modal up the clause; a forecast whose period has ended is observed ("an
  estimated two pct in 1986"), and so is a clause reported in the past ("it estimated that ... sold ...
  in 1985") or a modal perfect ("may have totalled"); an amount an agreed transfer fixes ("China will
  provide 370 mln yuan") is observed unless it is for a period to come; target verbs type only what they
  govern ("agreed on revisions to the terms of a 21 billion dlr package" is observed); target nouns and
  participles ("a planned 2.5 pct", "approved for 1987", "the target deficit") and ceilings (``up_to``)
  make targets.
* **signs**: a change is signed by its direction ("fell 3.2 pct" -3.2, "a 31 pct devaluation" -31,
  "reserves fell 3.06 billion francs" -3.06 billion); a level reached or compared with is not ("a
  decline in GDP growth to 1.75 pct from an estimated two pct": 1.75 and 2.0); a loss or a cut named by a
  noun is its amount.
* **units**: a scaled amount written without a unit takes the unit of the amount before it in the
  sentence, else the document's last amount, else (when it measures money) the country's currency;
  exchange rates keep the quoted currency and carry ``extra["per"]``; "points" are percentage points
  where rates or percentages are talked about.
* **countries**: shares in parentheses belong to their country ("The main suppliers were Australia (44
  pct)": reporter from context, partner Australia, flow import); country names inside organisation
  names count ("The Japan Overseas Economic Co-operation Fund"); a pronoun subject stands for the
  reporting subject; an all-capitals headline takes its flow from its trade verb.
* **counts** are figures when they count something analysts quote (people, places, organisations,
  ships and aircraft, projects and agreements, meetings and visits: ``COUNT_HEADS``) or are 10 or more;
  not "four basic elements", a vague "two or three", or a number naming a singular noun ("747 fleet").
"""
from __future__ import annotations

import datetime as dt
import importlib
import re
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import Any, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Figure, Period, stable_id
from ..nlp import dateline_end, dateline_tokens, doc_text, is_title, register_gate, shouted, tokens_in
from .numbers import (COUNTRY_CURRENCY, Quantity, country_currency, find_quantities, level_before,
                      may_hold_quantity)


def _optional(module: str) -> ModuleType | None:
    """A sibling module another engineer owns; None while it does not exist yet."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as e:
        if e.name == module:
            return None
        raise


timex = _optional("bilat.timex")
actors = _optional("bilat.actors")

# --- lexicon ------------------------------------------------------------------------------------
CHANGE_VERBS = frozenset(
    "increase rise grow climb jump surge soar gain advance expand boost rebound add improve widen "
    "leap rocket spurt swell plummet dive sag "
    "accelerate fall drop decline decrease slump plunge shrink contract slide slip tumble ease lose "
    "dip sink narrow slow weaken retreat edge cut reduce trim go".split())
FALL_LEMMAS = frozenset(
    "plummet dive sag "
    "fall drop decline decrease slump plunge shrink contract slide slip tumble ease lose dip sink "
    "narrow slow weaken retreat cut reduce trim contraction reduction downturn loss devaluation depreciation "
    "devalue depreciate".split())
CHANGE_NOUNS = frozenset(
    "increase rise growth gain jump surge decline drop fall decrease slump contraction expansion "
    "rebound reduction cut hike upturn downturn dip loss improvement devaluation depreciation appreciation "
    "revaluation".split())
LEVEL_VERBS = frozenset(
    "reach total stand hit amount top surpass exceed be account register record post come hover "
    "approach near touch break cross remain stay achieve equal represent make constitute".split())
TRADE_VERBS: dict[str, tuple[str, str]] = {
    "export": ("exports", "export"), "ship": ("exports", "export"), "sell": ("sales", "export"),
    "supply": ("supplies", "export"), "import": ("imports", "import"), "buy": ("purchases", "import"),
    "purchase": ("purchases", "import"), "invest": ("investment", "investment"),
    "lend": ("loans", "loan"), "loan": ("loans", "loan"), "pledge": ("pledge", "aid"),
}
TRANSITIVE_CHANGE_VERBS = frozenset(
    "raise lift lower cut reduce boost increase double triple quadruple halve revise upgrade downgrade trim "
    "hike expand slash swell push bring take drive".split())
_ACTOR_ENTS = frozenset("GPE NORP ORG PERSON".split())
# verbs that assign money to a purpose ahead of spending it (a budget's figures are targets)
ALLOCATING_VERBS = frozenset("approve allocate earmark budget appropriate".split())
FINANCING_NOUNS = frozenset("loan credit facility line grant guarantee bond issue package tranche".split())
TARGET_NOUNS = frozenset("target goal aim objective ambition ceiling cap limit quota floor".split())
# bounds a target noun puts on its number ("a three per cent ceiling", "an output ceiling of 285,000 bpd")
BOUND_NOUNS = {"ceiling": "up_to", "limit": "up_to", "maximum": "up_to", "floor": "at_least",
               "minimum": "at_least"}
TARGET_VERBS = frozenset("aim strive seek plan pledge vow promise intend commit target hope want "
                         "endeavour endeavor agree aspire propose budget earmark".split())
# participles that make the amount they describe a target or a forecast ("a planned 2.5 pct", "153 billion
# forints approved for 1987", "the 297 mln franc deficit proposed in the 1986 budget", "the projected deficit")
TARGET_PARTICIPLES = frozenset("plan propose budget earmark approve target set allocate envisage pledge promise "
                               "schedule".split())
FORECAST_VERBS = frozenset("expect forecast project predict anticipate see estimate foresee threaten".split())
FORECAST_NOUNS = frozenset("forecast projection outlook prediction estimate expectation consensus".split())
LEVEL_NOUNS = frozenset("total sum number amount figure record level value high low tune "
                        "volume worth size".split())
MODALS_FUTURE = frozenset("will shall 'll would could may might should".split())
_PRONOUNS = frozenset("it they this that these those which who what".split())
_DET = frozenset("the a an".split())

# measure keys, first match wins; flow for the trade measures
_MEASURES: tuple[tuple[str, re.Pattern], ...] = tuple((k, re.compile(p, re.I)) for k, p in (
    # a government's or current account's balance is not the trade balance
    ("budget_balance", r"\b(?:budget(?:ary)?|fiscal|government|public|federal|treasury)(?:\s+\w+)?\s+"
                       r"(?:deficits?|surplus(?:es)?)\b"),
    ("current_account", r"\bcurrent[\s-]+account\b"),
    ("trade_surplus", r"\bsurplus"), ("trade_deficit", r"\bdeficits?\b"),
    ("export", r"\bexport|\bshipments?\b|\bsales\b.*\bto\b|\bsales\s+abroad\b"),
    ("import", r"\bimport|\bpurchases?\b"),
    ("trade", r"\btrade\b|\bturnover\b|\bcommerce\b|\btrading\s+volume"),
    ("investment", r"\binvest"), ("loan", r"\bloans?\b|\bcredits?\b|\blending\b"),
    ("aid", r"\baid\b|\bassistance\b|\bgrants?\b"), ("debt", r"\bdebts?\b"),
    ("reserves", r"\breserves\b"), ("gdp", r"\bgdp\b|\bgross\s+(?:domestic|national)|\beconomy\b|\boutput\b"),
    ("inflation", r"\binflation\b|\bconsumer\s+prices\b"), ("unemployment", r"\bunemploy|\bjobless"),
    ("meetings", r"\bmet\b|\bmeet(?:s|ings?)?\b|\btalks\b|\bsummits?\b|\bcalls?\b"),
    ("visits", r"\bvisit|\bbeen\s+to\b|\btrips?\b|\btravel"),
    ("sister_cities", r"\bsister\b"), ("partner", r"\bpartners?\b"),
))
_FLOW_OF = {"export": "export", "import": "import", "trade": "total"}
# measures about the relation itself: when only one side is named, the other is the dyad partner
_RELATIONAL = frozenset("meetings visits sister_cities partner exchange".split())
_RELATIONAL_RE = re.compile(
    r"\b(?:bilateral|two-way|mutual|between|both|exchanges?|cooperation|ties|relations|treat(?:y|ies)|"
    r"agreements?|theme\s+years?|sister|partner|met|meet|meetings?|visits?|visited|been\s+to|trips?|"
    r"talks|summits?)\b", re.I)
_COLLECTIVE_RE = re.compile(
    r"\b(?:bilateral|two-way|(?:the|our|their|both)\s+two\s+(?:countries|nations|sides|states|"
    r"governments|peoples|parties|economies|leaders)|both\s+(?:countries|nations|sides|states|"
    r"governments|economies)|each\s+other)\b", re.I)
_RESPECTIVELY_RE = re.compile(r"\brespectively\b", re.I)
_SEGMENT_SPLIT_RE = re.compile(r",(?!\d)\s*(?:and\s+|while\s+|but\s+)?|;\s*|\s+(?:and|while|whereas|but)\s+", re.I)


@dataclass
class _Frame:
    """What a quantity measures, as read from the parse."""

    what: str = ""
    measure: str | None = None
    flow: str | None = None
    # token indices whose actors count for the figure (subject, measured phrase, partner PPs),
    # and among them those in the reporter's position (subject, possessor)
    tokens: set[int] = field(default_factory=set)
    reporter_tokens: set[int] = field(default_factory=set)
    predicate: Token | None = None
    change: int = 0  # +1/-1 when the parse makes the number a change ("increased by")
    level: bool = False  # the parse makes it a level ("rose to", "reaching")
    compared: bool = False  # the level compared against ("from 4.1 billion")
    starting: bool = False  # ... namely the "from" level of a change a verb plans or forecasts
    value_type: str = "observed"
    inherit: bool = False  # a change noun after a level: take that figure's frame
    inherit_from: int | None = None  # ... namely the frame of this quantity
    share_of_previous: bool = False  # "95 pct of it": a share of the figure before
    share_extra: str = ""  # ... and the words that narrow it ("with the U.S.")
    clause: bool = False  # ``what`` is the clause around the number (no better phrase was found)
    countries: list[str] | None = None  # set when inherited or distributed
    bound: str | None = None  # the qualifier a bound noun gives ("ceiling": up_to)
    own: set[int] = field(default_factory=set)  # the number's own phrase ("the 1985 figure of 22.19 billion")


# --- small helpers over the parse -----------------------------------------------------------------
def _is_verb(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")


def _subject_tokens(v: Token, subj: Token, drop: set[int]) -> list[Token]:
    """The subject phrase; a word the tokenizer split ("re - exports") leaves several subject
    tokens side by side, which together are the phrase."""
    subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in drop]
    toks = {t.i: t for t in _np_tokens(subj, drop)}
    if len(subjects) > 1 and subj in subjects:
        for c in subjects:
            toks.update({t.i: t for t in _np_tokens(c, drop)})
    return sorted(toks.values(), key=lambda t: t.i)


def _subject(v: Token, depth: int = 0) -> Token | None:
    """The subject of verb ``v``; for participles and infinitives the subject of the verb they hang on.
    Of several subject tokens side by side the rightmost is the head ("re - exports")."""
    subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")] or \
        [c for c in v.children if c.dep_ == "csubj"]  # a noun subject before a clausal one (a misparse)
    mask = _masked(v.doc)
    subjects = [c for c in subjects if c.i not in mask] or subjects  # "DHAKA, March 2 - Bangladesh will ..."
    if len(subjects) > 1 and all(b.i == a.i + 1 for a, b in zip(subjects, subjects[1:])):
        subjects = subjects[-1:]
    for c in subjects:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
            if c.lower_ in ("which", "that", "who") and v.dep_ == "relcl":
                return v.head
            return _unmasked(c)
    if depth > 4 or v.head == v:
        return None
    if v.dep_ in ("acl", "relcl") and v.head.pos_ in ("NOUN", "PROPN"):
        return v.head
    if v.dep_ in ("advcl", "xcomp", "conj", "ccomp", "pcomp", "prep", "dep", "acomp"):
        return _subject(v.head, depth + 1)
    return None


def _resolved(subj: Token) -> Token:
    """A pronoun subject ("The U.S. Treasury said it was willing to ... provide a loan") stands for the
    subject of the reporting verb above it, when that is a name or a noun."""
    if subj.lower_ not in ("it", "they", "he", "she", "we"):
        return subj
    for a in subj.head.ancestors:
        if _is_verb(a):
            up = next((c for c in a.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if up is not None and up.lower_ not in _PRONOUNS and up.pos_ in ("PROPN", "NOUN"):
                return up
    return subj


def _pobj(prep: Token, drop: set[int]) -> Token | None:
    """The object of a preposition, unless it is the quantity or a time expression."""
    for c in prep.children:
        if c.dep_ == "pobj":
            return None if c.i in drop else c
    return None


def _governing_verb(t: Token) -> Token | None:
    for a in [t, *t.ancestors]:
        if _is_verb(a):
            return a
    return None


_NP_SKIP = frozenset("relcl appos advcl acl punct mark ccomp parataxis advmod npadvmod cc".split())


def _np_tokens(t: Token, drop: set[int], keep_preps: bool = True) -> list[Token]:
    """The phrase headed by ``t`` without relative clauses, appositions, clauses and ``drop``."""
    out: list[Token] = []

    def walk(x: Token, top: bool) -> None:
        if x.i in drop:
            return
        if not top:
            hyphen = (x.dep_ == "punct" and x.text in ("-", "–")) or (
                x.i + 1 < len(x.doc) and x.doc[x.i + 1].text in ("-", "–") and x.head.i == x.i + 2)
            coord = x.dep_ == "cc" and any(c.dep_ == "conj" for c in x.head.children)
            if x.dep_ in _NP_SKIP and not hyphen and not coord:
                return
            if x.dep_ == "prep" and not keep_preps:
                return
            if x.dep_ == "conj" and _is_verb(x):
                return
        out.append(x)
        for c in x.children:
            walk(c, False)

    walk(t, True)
    out.sort(key=lambda x: x.i)
    # drop a dangling determiner, coordinator or preposition at either edge
    while out and (out[0].lower_ in _DET or out[0].dep_ in ("cc", "punct", "prep", "case")):
        out.pop(0)
    while out and (out[-1].dep_ in ("cc", "punct", "prep", "det") or out[-1].text in (",", "'s")):
        out.pop()
    return out


def _text(tokens: Sequence[Token]) -> str:
    """Tokens as text, keeping the original spacing between neighbours."""
    if not tokens:
        return ""
    parts: list[str] = []
    for a, b in zip(tokens, tokens[1:]):
        parts.append(a.text + (a.whitespace_ if b.i == a.i + 1 else " "))
    parts.append(tokens[-1].text)
    return re.sub(r"\s+", " ", "".join(parts)).strip(" ,;:")


def _clause_tokens(v: Token, drop: set[int]) -> list[Token]:
    """The core of a clause: subject, auxiliaries, verb, objects and non-time prepositions."""
    keep = {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "dobj", "attr", "prt", "prep", "dative",
            "acomp", "oprd", "xcomp", "agent", "compound"}
    out: list[Token] = [v]
    for c in v.children:
        if c.dep_ not in keep or c.i in drop:
            continue
        if c.dep_ in ("prep", "agent"):
            obj = _pobj(c, drop)
            if obj is None or c.i < v.i:
                continue  # a time phrase, the quantity itself, or a framing phrase before the verb
            out += [c, *_np_tokens(obj, drop)]
            continue
        if c.dep_ == "xcomp":
            out += _clause_tokens(c, drop)
            continue
        out += [x for x in _np_tokens(c, drop)] if c.dep_ not in ("aux", "auxpass", "neg", "prt") else [c]
    out = sorted({x.i: x for x in out}.values(), key=lambda x: x.i)
    return out


def _tense(v: Token | None) -> str | None:
    """"past" for reports of what happened, "future" for plans and forecasts, else None."""
    if v is None:
        return None
    if _is_past(v) and v.lemma_.lower() not in FORECAST_VERBS | TARGET_VERBS:
        return "past"  # "Industry reports estimated the organization was producing ... during February"
    chain = [v, *[a for a in v.ancestors if _is_verb(a)][:2]]
    for x in chain:
        for c in x.children:
            if c.dep_ == "aux" and (c.lower_ in MODALS_FUTURE or c.lower_ == "going"):
                return "future"
        if x.lemma_ in FORECAST_VERBS | TARGET_VERBS and x.dep_ != "amod":
            return "future"
    if v.tag_ in ("VBD", "VBN") or any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had", "'ve")
                                       for c in v.children):
        return "past"
    return None


def _measure(what: str) -> str | None:
    for key, pat in _MEASURES:
        if pat.search(what):
            return key
    return None


def measure_of(text: str) -> tuple[str | None, str | None]:
    """The measure key and flow of a phrase ("bilateral trade" -> ("trade", "total"), "exports to
    Japan" -> ("export", "export")); the public form of what other extractors share with figures."""
    m = _measure(text)
    return m, _FLOW_OF.get(m) if m else None


# --- the component ------------------------------------------------------------------------------
# the country of a currency that only one country uses (the inverse of ``COUNTRY_CURRENCY``)
_CURRENCY_COUNTRY: dict[str, str] = {cur: c for c, cur in COUNTRY_CURRENCY.items()
                                     if list(COUNTRY_CURRENCY.values()).count(cur) == 1}
# verbs that replace a figure by another for the same period
_REVISION_VERBS = frozenset("revise restate correct amend adjust".split())
# time words that name a period already over, whatever the publication date
_PAST_WORDS_RE = re.compile(r"(?i)\b(?:last|previous|past|ago|earlier|before|prior)\b")


class FigureExtractor:
    """Writes ``doc._.figures`` for a sentence doc carrying ``doc._.ctx``.

    Configuration lives in plain attributes so that the component pickles (Dask ships it).
    ``inherit_periods``: take a figure's period from earlier sentences of its paragraph when
    its own sentence names none. ``dyad_fallback``: give a figure whose sentence and paragraph
    name no country the document's two main countries.
    """

    def __init__(self, name: str = "bilat_figures", inherit_periods: bool = True, dyad_fallback: bool = True):
        self.name = name
        self.inherit_periods = inherit_periods
        self.dyad_fallback = dyad_fallback

    def __call__(self, doc: Doc) -> Doc:
        doc._.figures = self.figures(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    # the whole pass over one sentence
    def figures(self, doc: Doc) -> list[Figure]:
        ctx = doc._.ctx
        text = doc_text(doc)
        published = ctx.published if ctx is not None else None
        doc_countries = list(ctx.doc.countries) if ctx is not None else []
        fiscal = _fiscal(doc)
        exclude = timex.year_spans(text, published, fiscal) if timex else []
        quantities = find_quantities(text, doc_countries, exclude)
        if not quantities:
            return []  # most sentences: no need to read their times
        dateline = _mask_dateline(doc)
        times = timex.find_times(text, published, tense=_sentence_tense(doc), fiscal=fiscal) if timex else []
        times = _resolve_anaphors(doc, [t for t in times if t.start >= dateline])
        quantities = [q for q in quantities if _reportable(q, times)]
        if not quantities:
            return []
        mentions = _country_mentions(doc, doc_countries)
        qtokens = [_token_set(doc, q) for q in quantities]
        frames = [_frame(doc, q, times, [t if j != i else set() for j, t in enumerate(qtokens)])
                  for i, q in enumerate(quantities)]
        quantities = _context_units(doc, quantities, frames, doc_countries)
        # a bare number is a count only as the level or change a verb states ("fell by 850,000 to 1.41bn")
        keep = [not (q.kind == "number" and not (fr.level or fr.change or fr.compared))
                for q, fr in zip(quantities, frames)]
        quantities = [replace(q, kind="count", unit="count") if q.kind == "number" else q
                      for q, k in zip(quantities, keep) if k]
        frames = [fr for fr, k in zip(frames, keep) if k]
        if not quantities:
            return []
        owns = [fr.own for fr in frames]
        _inherit_frames(doc, quantities, frames)
        _distribute_respectively(doc, quantities, frames, mentions)
        for fr, own in zip(frames, owns):
            fr.own = own
        _parenthetical_shares(doc, quantities, frames, mentions, doc_countries)
        if is_title(doc) and shouted(text):
            _headline_flows(doc, frames, mentions)
        keep = [_countable(doc, q, qs_i) for qs_i, q in enumerate(quantities)]
        quantities = [q for q, k in zip(quantities, keep) if k]
        frames = [fr for fr, k in zip(frames, keep) if k]
        if not quantities:
            return []
        out: list[Figure] = []
        owners = _time_owners(text, quantities, times)
        doc.user_data["figures.groups"] = _list_groups(text, quantities)
        reporter: str | None = None
        listed: set[int] = set()
        used: list[_Frame] = []
        fig_q: list[int] = []
        for qi, (q, fr) in enumerate(zip(quantities, frames)):
            fig = self._figure(doc, qi, q, fr, frames, times, owners, mentions, doc_countries)
            if fig is None:
                continue
            used.append(fr)
            partnered = fr.flow == "total" and re.search(r"(?i)\b(?:with|to|from)\b", fr.what or "") \
                and len(fig.countries) == 1
            fixed = fr.countries is not None and len(fr.countries) > 1 and fr.measure == "share"
            if (fr.flow in ("export", "import") or fr.measure in ("trade_surplus", "trade_deficit") or partnered) \
                    and not fixed:
                own = _frame_countries(doc, replace(fr, tokens=fr.reporter_tokens), mentions)
                if len(own) > 1:
                    # "Only China, Germany, Japan ... have exceeded $700 billion in annual exports": several
                    # reporters compared, none the one later flows of the story are reported by
                    listed.add(qi)
                if own:
                    reporter = own[0]
                else:
                    # "..., while exports to Japan fell 16.3 pct": the reporter of the sentence's
                    # earlier flow, else a country named elsewhere in it, else the document's
                    partners = _frame_countries(doc, fr, mentions)
                    others = {i for j, o in enumerate(frames) if j != qi for i in o.tokens}
                    free = [m for m in mentions if not any(doc[i].idx < m[1] and m[0] < doc[i].idx + len(doc[i])
                                                           for i in others)]
                    who = reporter or _outside_reporter(doc, fr, free, partners, doc_countries)
                    if who:
                        fig.countries = [who, *[c for c in fig.countries if c != who]]
            out.append(fig)
            fig_q.append(qi)
            other = _both_period(text, fig, times)
            if other is not None:
                # "300,000 tonnes in both 1985/86 and 1986/87": the figure holds for each period
                twin = replace(fig, period=other.period, period_text=other.text, extra=dict(fig.extra))
                twin.id = stable_id("f", twin.doc, twin.value_span, twin.unit, twin.value, other.text)
                out.append(twin)
                used.append(fr)
                fig_q.append(qi)
        flows = [f for f, qi in zip(out, fig_q) if f.flow in ("export", "import") and f.countries and qi not in listed]
        if ctx is not None and flows:
            ctx.doc.memory["figures.last_reporter"] = flows[-1].countries[0]
        mains = [(f, fr) for f, fr in zip(out, used) if f.period is not None and f.value_type == "observed"
                 and not fr.compared and (f.period.end - f.period.start).days >= 6]
        if ctx is not None:
            ctx.doc.memory.setdefault("figures.seen", set()).add(ctx.index)
        if ctx is not None and mains and len({f.period for f, _ in mains}) < 3:
            # the first figure's: later ones in a sentence are more often comparisons the parse missed. A
            # run of three periods or more ("falling 0.3 percent in August, gaining 1.3 percent in
            # September and declining 2.7 percent in October") is a look back: what follows it is again
            # about the period named before
            ctx.doc.memory["figures.last_period"] = (ctx.index, mains[0][0].period, mains[0][0].period_text)
        units = [(q.unit, q.kind) for q in quantities if q.kind in ("money", "measure") and q.per is None]
        if ctx is not None and units:
            ctx.doc.memory["figures.last_unit"] = units[-1]
        named = [f.what for f in out if f.measure and f.unit not in ("count", "rank", "years")]
        if ctx is not None and named:
            ctx.doc.memory["figures.last_what"] = named[-1]  # for "it rose 5 pct" in the next sentence
        return out

    def _figure(self, doc: Doc, qi: int, q: Quantity, fr: _Frame, frames: list[_Frame], times: list,
                owners: dict, mentions: list, doc_countries: list[str]) -> Figure | None:
        ctx = doc._.ctx
        off = ctx.start if ctx is not None else 0
        unit, value = _unit_value(q, fr, doc)
        if unit is None:
            return None
        period, period_text, baseline = self._period(doc, qi, q, fr, times, owners, unit, frames)
        if fr.compared and fr.value_type != "observed" and period is not None and ctx is not None \
                and ctx.published is not None and period.end <= ctx.published:
            fr = replace(fr, value_type="observed")  # "... would shrink to 80 bln this year from 101 bln in 1986"
        if fr.starting and fr.value_type != "observed" and period is None:
            fr = replace(fr, value_type="observed")  # the "from" level of a planned change, with no time of its own
        if fr.value_type == "forecast" and period is None and _PAST_WORDS_RE.search(period_text or ""):
            # no publication date to resolve "last year" against: the words alone say the period is past,
            # as the rule below does with a date ("... to £170m from £194m last year")
            fr = replace(fr, value_type="observed")
        if fr.value_type == "forecast" and period is not None and ctx is not None and ctx.published is not None \
                and period.end < ctx.published:
            # a forecast is about the future: "forecast ... after last year's sharp fall to 0.75 pct", "an
            # estimated two pct in 1986" report a past period (observed, if estimated)
            fr = replace(fr, value_type="observed")
        if fr.value_type == "observed" and period is not None and ctx is not None and ctx.published is not None \
                and period.start > ctx.published and fr.predicate is not None and _modal_in_chain(fr.predicate):
            # "Pakistan will receive about 2.3 billion dlrs in aid in 1987/88": a transfer for a period to come
            fr = replace(fr, value_type="forecast")
        countries = fr.countries if fr.countries is not None else _frame_countries(doc, fr, mentions)
        taken = {i for j, other in enumerate(frames) if j != qi for i in other.tokens}
        free = [m for m in mentions if not any(doc[i].idx < m[1] and m[0] < doc[i].idx + len(doc[i]) for i in taken)]
        countries = self._complete_countries(doc, countries, fr, free, doc_countries)
        what = fr.what or q.text
        extra: dict[str, Any] = {}
        if q.kind == "money" and (fr.change or q.change) and not fr.level:
            extra["change"] = "decrease" if (fr.change or q.change) < 0 else "increase"
        if q.inherited:
            extra["unit_from_context"] = True
        if q.per:
            # an exchange rate: ``value`` units of ``unit`` per one ``per`` ("1.71 Swiss francs to the dollar")
            extra["per"] = q.per
            fr = replace(fr, measure="exchange_rate", flow=None)
            # it is the rate of the currency counted ("The rupee climbed to 43.305 per US dollar"): that
            # currency's country first, the country of the one it is counted against only the measure
            own, against = _CURRENCY_COUNTRY.get(unit), _CURRENCY_COUNTRY.get(q.per)
            if own:
                countries = [own, *[c for c in countries if c not in (own, against)]]
        qualifier = fr.bound if fr.bound and q.qualifier == "exact" else q.qualifier
        fig = Figure(
            what=what, value=value, unit=unit, countries=countries, flow=fr.flow, qualifier=qualifier,
            value_type=fr.value_type, period=period, period_text=period_text, baseline=baseline,
            text=doc_text(doc), span=(off, off + len(doc_text(doc))), value_span=(off + q.start, off + q.end),
            measure=fr.measure, range=q.range, doc=ctx.doc.doc_id if ctx is not None else None, extra=extra)
        fig.id = stable_id("f", fig.doc, fig.value_span, fig.unit, fig.value, fig.range)
        return fig

    # --- when -------------------------------------------------------------------------------------
    def _period(self, doc: Doc, qi: int, q: Quantity, fr: _Frame, times: list, owners: dict, unit: str,
                frames: list[_Frame]) -> tuple[Period | None, str | None, Period | None]:
        """The figure's period, the words that said it, and the baseline of a change.

        A time expression right after a number belongs to it ("5.2 billion dlrs in March");
        after "from"/"against"/"on" it is that number's comparison ("up 32 pct on 1985", "from
        5.3 billion in November") and no other figure of the sentence may take it."""
        baseline_mentions = [t for t in times if t.kind == "baseline"]
        dated = [(k, t) for k, t in enumerate(times) if t.kind not in ("baseline", "set", "duration")
                 and not (t.start < q.end and q.start < t.end) and not _record_comparison(doc_text(doc), t)
                 and not _source_time(doc, t, fr)]
        partner = qi + 1 if q.range == "low" else qi
        group = doc.user_data.get("figures.groups", {}).get(qi, {qi})
        mine = [t for k, t in dated if owners.get(k, (None, False))[0] in (qi, partner)
                or (k in owners and owners[k][0] in group and not owners[k][1])]
        comparison = [t for k, t in dated if owners.get(k, (None, False)) == (qi, True)]
        usable = [t for k, t in dated if k not in owners or owners[k][0] == qi
                  or not (owners[k][1] or frames[owners[k][0]].compared)]
        # "Tax receipts, at 25.11 billion, were well above the 1985 figure of 22.19 billion": a time inside
        # another figure's phrase is that figure's
        # (unless that figure is this one's level+change partner: "reached a record $190.27 billion in 2022,
        # up 29.3%")
        usable = [t for t in usable if t in mine or _attached_to(doc, t, fr) or not any(
            _attached_to(doc, t, replace(o, compared=True), phrase_only=True)
            and not (abs(j - qi) == 1 and _partners(o, fr) and not _coordinated(doc, q, t))
            for j, o in enumerate(frames) if j != qi)]
        # "Shipbuilding exports climbed 28.6 percent to $29.0 billion, reflecting deliveries of LNG carriers
        # ordered during the 2022-2023 upcycle": the time of a participle's act elsewhere is not the figure's
        usable = [t for t in usable if t in mine or not _event_time(doc, t, fr)]
        change = _is_change_unit(unit)
        baseline: Period | None = None
        if change and not comparison:
            # "down by about 30 pct on the 1985/86 projected revenue": a time under "on"/"from"/"against"
            # in the change's own phrase is what it is compared with
            comparison = [t for t in usable if t not in mine and _comparison_time(doc, t)
                          and _attached_to(doc, t, replace(fr, compared=True), phrase_only=True)]
        if change and comparison:
            baseline = comparison[0].period
            mine = [t for t in mine if t is not comparison[0]]
            usable = [t for t in usable if t is not comparison[0]]
        if fr.compared and not change:
            # "from 4.1 billion a year earlier", "compared with 330 mln dlrs in 1986"
            back = re.fullmatch(r"(?i)(a|one|\d+|two|three)\s+(year|month)s?\s+(?:ago|earlier|before)", mine[0].text) \
                if mine else None
            main, _ = _closest_time(doc, q, fr, [t for t in usable if t not in mine])
            main_period = main.period if main is not None else (
                self._context_period(doc) if self.inherit_periods else None)
            if back and main_period is not None and timex is not None:
                n = {"a": 1, "one": 1, "two": 2, "three": 3}.get(back.group(1).lower()) or int(back.group(1))
                unit_ = back.group(2).lower()
                return timex.shift(main_period, years=-n if unit_ == "year" else 0,
                                   months=-n if unit_ == "month" else 0), mine[0].text, None
            if mine:
                return mine[0].period, mine[0].text, None
            inside = [t for t in usable if _attached_to(doc, t, fr, phrase_only=True)]
            if inside:
                return inside[0].period, inside[0].text, None  # "contrasted with the 1985 shortfall of 1.06 billion"
            after = [t for t in baseline_mentions if t.start >= q.end and t.start - q.end < 40]
            if after and timex is not None and main_period is not None:
                return timex.baseline_of(after[0], main_period), after[0].text, None
            if main_period is not None and timex is not None:
                words = main.text if main is not None else None
                if fr.predicate is not None and fr.predicate.lemma_.lower() in _REVISION_VERBS:
                    # "revised down the jobs gains in December 2004, from 157,000 to 133,000": the old
                    # figure for the same period
                    return main_period, words, None
                if (main_period.end - main_period.start).days >= 27 and fr.value_type == "observed" \
                        and not fr.starting:
                    # "Traffic in February increased 11 pct to 1.50 billion ... from 1.35 billion", "sales for
                    # the six months rose to 174.6 mln dlrs from 150.3 mln": an unstated comparison of a
                    # month or longer is the same period a year before (of a plan or forecast: where
                    # things stand now, no period)
                    return timex.shift(main_period, years=-1), words, None
            return None, None, None
        pub = doc._.ctx.published if doc._.ctx is not None else None
        if fr.value_type != "observed" and not (fr.predicate is not None and _is_past(fr.predicate)
                                                 and fr.predicate.lemma_.lower() not in FORECAST_VERBS | TARGET_VERBS):
            # a target or forecast takes its own date ("by 2024", "will reach ... in 2025"), or a period of a
            # month or more that has not ended ("The study forecast ... to 1.75 pct this year ... and a
            # small rise in consumer price inflation to 1.25 pct"), never a past day it was said on
            usable = [t for t in usable if t.kind == "deadline" or t in mine or _attached_to(doc, t, fr)
                      or (pub is not None and t.period is not None and t.period.end >= pub
                          and (t.period.end - t.period.start).days >= 27)]
        # a time that follows the other number of a level+change pair is this one's too
        # ("rose 26.3 per cent to $240.1bn in 2023")
        siblings = [t for k, t in dated if k in owners and owners[k][0] != qi and not owners[k][1]
                    and t in usable and frames[owners[k][0]].predicate is not None and fr.predicate is not None
                    and frames[owners[k][0]].predicate.i == fr.predicate.i]
        # a time in the number's own phrase is its own, whoever else it follows ("a premium of 2-1/2 pct over
        # today's closing price of 1,600 yen")
        own_in = [t for k, t in dated if _attached_to(doc, t, fr, phrase_only=True) and t not in comparison
                  and not (k in owners and owners[k][0] != qi and not owners[k][1])]
        chosen = mine[0] if mine else own_in[0] if own_in else (
            siblings[0] if siblings else _closest_time(doc, q, fr, usable)[0])
        period = chosen.period if chosen is not None else None
        tense = _tense(fr.predicate)
        if chosen is not None and timex is not None and chosen.kind in ("point", "range") and tense is not None \
                and tense != _sentence_tense(doc) and doc._.ctx is not None and doc._.ctx.published is not None:
            # "The U.S. has said it will impose tariffs on April 17": the figure's own tense dates it
            period = timex.resolve(chosen.text, doc._.ctx.published, tense, _fiscal(doc)) or period
        period_text = chosen.text if chosen is not None else None
        if chosen is None and self.inherit_periods and unit not in ("years", "rank"):
            # no time of its own: an observed figure takes the period the sentences before report on; a
            # forecast or target the last period named before that has not ended
            inherited = None
            if fr.value_type != "observed" and fr.predicate is not None and _is_past(fr.predicate) \
                    and fr.predicate.lemma_.lower() not in FORECAST_VERBS | TARGET_VERBS:
                inherited = _paragraph_period(doc)  # "The economy overshot a target deficit of 23 billion"
            elif fr.value_type != "observed":
                inherited = _paragraph_period(doc, future=True)
                if inherited is None and fr.value_type == "target":
                    inherited = _paragraph_period(doc)  # a target with no period to come: the story's period
            elif not usable and not [t for t in times if t.kind in ("duration", "since")
                                     and not _record_comparison(doc_text(doc), t)]:
                inherited = _paragraph_period(doc, far=True)
            if inherited is not None:
                period, period_text = inherited
        if period is None and is_title(doc) and doc._.ctx is not None:
            # a headline states the lead's figure: the lead's period ("SWISS SIGHT DEPOSITS RISE 3.10 BILLION
            # FRANCS" / "... in the last 10 days of February")
            for j in (1, 2):
                if j < len(doc._.ctx.doc.sentences):
                    found = _sentence_times(doc, j)
                    if found:
                        period, period_text = found[0].period, found[0].text
                        break
        if change and baseline is None:
            near = sorted(baseline_mentions, key=lambda t: abs(t.start - q.end))
            if near and timex is not None and period is not None:
                baseline = timex.baseline_of(near[0], period)
        return period, period_text, baseline

    def _context_period(self, doc: Doc) -> Period | None:
        found = _paragraph_period(doc)
        return found[0] if found is not None else None

    # --- who -----------------------------------------------------------------------------------------
    def _complete_countries(self, doc: Doc, countries: list[str], fr: _Frame, free_mentions: list,
                            doc_countries: list[str]) -> list[str]:
        """Countries for a figure: its frame's, else those named in the sentence outside other figures'
        phrases, else the context's, else the document's; the dyad completed for what two sides do
        together (meetings, visits, partners)."""
        ctx = doc._.ctx
        dyad = list(ctx.doc.dyad) if ctx is not None else doc_countries[:2]
        out = list(countries)
        relational = fr.measure in _RELATIONAL or bool(_RELATIONAL_RE.search(fr.what or ""))
        if not out:
            out = _unique(c for _, _, codes in free_mentions for c in codes)
        if not out and ctx is not None:
            out = _context_countries(ctx)
        if not out and self.dyad_fallback and dyad:
            # nothing names a country: the document's subject, both sides for what they do together
            out = list(dyad) if relational and len(dyad) == 2 else [dyad[0]]
        if relational and len(dyad) == 2 and len(out) == 1 and out[0] in dyad:
            out.append(dyad[1] if out[0] == dyad[0] else dyad[0])
        return out


@Language.factory("bilat_figures", assigns=["doc._.figures"], requires=["doc._.ctx"],
                  default_config={"inherit_periods": True, "dyad_fallback": True})
def make_figures(nlp: Language, name: str, inherit_periods: bool, dyad_fallback: bool) -> FigureExtractor:
    return FigureExtractor(name, inherit_periods=inherit_periods, dyad_fallback=dyad_fallback)


register_gate("bilat_figures", may_hold_quantity)


# --- the document around the sentence ----------------------------------------------------------------
def _mask_dateline(doc: Doc) -> int:
    """Mark the tokens of an opening dateline (``doc.user_data["figures.mask"]``); its end offset."""
    doc.user_data["figures.mask"] = set(dateline_tokens(doc))
    return dateline_end(doc_text(doc))


def _masked(doc: Doc) -> set[int]:
    return doc.user_data.get("figures.mask") or set()


def _unmasked(t: Token) -> Token:
    """A subject the parser found in the dateline ("JAKARTA, March 2 - The total value of ... fell"):
    the first noun after the dateline that hangs on it."""
    mask = _masked(t.doc)
    if t.i not in mask:
        return t
    for x in t.doc:
        if x.i not in mask and x.head.i in mask and x.pos_ in ("NOUN", "PROPN", "PRON"):
            return x
    return t


def _fiscal(doc: Doc) -> Any:
    """The document's fiscal year (``timex.fiscal_year_of``): as the text defines it, else its main
    country's, read once per document."""
    ctx = doc._.ctx
    if ctx is None or timex is None:
        return None
    memo = ctx.doc.memory
    if "figures.fiscal" not in memo:
        country = ctx.doc.countries[0] if ctx.doc.countries else None
        memo["figures.fiscal"] = timex.fiscal_year_of(ctx.doc.text, ctx.published, country)
    return memo["figures.fiscal"]


def _resolve_anaphors(doc: Doc, times: list, before: int | None = None) -> list:
    """"in the period", "that year": the last period of a month or more named before it in the sentence,
    else in the sentences before (``before``: the index of the sentence ``times`` come from)."""
    if not any(t.kind == "anaphor" for t in times):
        return times
    out: list = []
    for t in times:
        if t.kind != "anaphor":
            out.append(t)
            continue
        named = [u for u in out if u.kind in ("point", "range") and u.period is not None
                 and (u.period.end - u.period.start).days >= 27]
        period = named[-1].period if named else None
        if period is None and before is None:
            found = _paragraph_period(doc)
            period = found[0] if found is not None else None
        if period is not None:
            out.append(replace(t, kind="point", period=period))
    return out


# amounts written without a unit ("rose ... to 10.91 billion", "a deficit of 14.75 billion"): money when
# they measure money, unless they count people or things
_MONEY_WHAT_RE = re.compile(
    r"(?i)\b(?:deficits?|surplus(?:es)?|revenues?|budgets?|spend\w*|expenditures?|exports?|imports?|reserves|"
    r"debts?|income|profits?|loss(?:es)?|sales|invest\w*|aid|loans?|credits?|trade|balance|account|gdp|"
    r"product|earnings|capital|assets|bonds?|financ\w*|funds?|payments?|value|worth|costs?|tax\w*|"
    r"subsid\w*|shortfall|borrowing|outlays?|receipts|turnover|allocations?|amortizations?|principal)\b")
_COUNT_WHAT_RE = re.compile(
    r"(?i)\b(?:population|people|persons|workers|jobs|unemployed|tourists|visitors|residents|inhabitants|"
    r"voters|members|troops|soldiers|refugees|households|vehicles|cars|units|subscribers|users|passengers|"
    r"shares|barrels|tonnes|tons|copies|animals|cattle|birds|trees)\b")


def _context_units(doc: Doc, qs: list[Quantity], frames: list["_Frame"], doc_countries: list[str]
                   ) -> list[Quantity]:  # noqa: C901
    """A scaled number written without a unit takes the unit of the amount before it in the sentence
    ("plunged to 211 mln dlrs ... has averaged under 150 mln"), else of the document's last amount
    ("FOB exports rose ... to 10.91 billion" after "3.58 billion dlrs"), else, when it measures money,
    the currency of the document's country ("a current account deficit of 14.75 billion" in an
    Australian story). Counts of people and things stay counts."""
    ctx = doc._.ctx
    out: list[Quantity] = []
    for q, fr in zip(qs, frames):
        if q.kind == "number" and q.scaled and not _COUNT_WHAT_RE.search(fr.what or ""):
            prev = next((p for p in reversed(out) if p.kind in ("money", "measure") and p.per is None), None)
            unit_kind = (prev.unit, prev.kind) if prev is not None else None
            if unit_kind is None and ctx is not None:
                unit_kind = ctx.doc.memory.get("figures.last_unit")
            if unit_kind is None and _MONEY_WHAT_RE.search(f"{fr.what} {doc_text(doc)}"):
                country = doc_countries[0] if doc_countries else None
                year = ctx.published.year if ctx is not None and ctx.published is not None else None
                code = country_currency(country, year) if country else None
                unit_kind = (code, "money") if code else None
            if unit_kind is not None:
                q = replace(q, unit=unit_kind[0], kind=unit_kind[1], inherited=True)
        out.append(q)
    return out


# "1.75 points" is percentage points where rates or percentages are talked about, index points elsewhere
_INDEX_RE = re.compile(r"(?i)\b(?:index|indices|dow|nikkei|ftse|dax|cac|hang\s+seng|s&p|nasdaq|average|"
                       r"composite|stocks?|shares?|bourse|market)\b")
_RATE_CONTEXT_RE = re.compile(r"(?i)percentage\s+points?|\bpct\b|per\s?cent|%|\brates?\b|\byields?\b|"
                              r"\blibor\b|\bprime\b|\bdiscount\b|\binterest\b|\bspread\b|\bmargin\b|\bgrowth\b|"
                              r"\binflation\b|\bgdp\b")


def _points_unit(doc: Doc) -> str:
    return "percentage_points" if _RATE_CONTEXT_RE.search(doc_text(doc)) and not _INDEX_RE.search(doc_text(doc)) \
        else "points"


_HEADLINE_FLOW_RE = re.compile(r"(?i)\b(?P<imp>buys?|bought|imports?|imported|purchases?|purchased)\b|"
                               r"\b(?P<exp>sells?|sold|exports?|exported|ships?|shipped)\b")


def _headline_flows(doc: Doc, frames: list["_Frame"], mentions: list) -> None:
    """An all-capitals headline ("JAPAN BUYS SOME 95,000 TONNES SOYBEANS FROM CHINA") parses badly: its
    trade verb gives the flow, the country before it the reporter, the one after it the partner."""
    m = _HEADLINE_FLOW_RE.search(doc_text(doc))
    if not m:
        return
    flow = "import" if m.group("imp") else "export"
    before = [c for s_, e_, codes in mentions if e_ <= m.start() for c in codes]
    after = [c for s_, e_, codes in mentions if s_ >= m.end() for c in codes]
    countries = _unique([*before[:1], *after[:1]]) or None
    for i, fr in enumerate(frames):
        if fr.flow is None and not fr.measure:
            frames[i] = replace(fr, flow=flow, measure=flow, countries=countries,
                                what=f"{'imports' if flow == 'import' else 'exports'} ({fr.what})" if fr.what else flow)


_SUPPLIER_RE = re.compile(r"(?i)\b(?:suppliers?|exporters?|sources?|origins?|sellers?|shippers?)\b")
_BUYER_RE = re.compile(r"(?i)\b(?:buyers?|markets?|destinations?|customers?|importers?|purchasers?|outlets?)\b")


def _parenthetical_shares(doc: Doc, qs: list[Quantity], frames: list["_Frame"], mentions: list,
                          doc_countries: list[str]) -> None:
    """"The main suppliers in 1986 were Australia (44 pct), the U.S. (29 pct) and Canada (12 pct)": each
    share is its country's, the partner of the reporter the story is about (suppliers: the reporter's
    imports; buyers, markets: its exports)."""
    text = doc_text(doc)
    ctx = doc._.ctx
    for i, q in enumerate(qs):
        if not re.match(r"\s*\)", text[q.end:]) or not re.search(r"\(\s*$", text[:q.start]):
            continue
        m = next((mm for mm in reversed(mentions) if mm[1] <= q.start
                  and re.fullmatch(r"\s*\(\s*", text[mm[1]:q.start])), None)
        if m is None or len(m[2]) != 1:
            continue
        partner = m[2][0]
        flow = "import" if _SUPPLIER_RE.search(text) else "export" if _BUYER_RE.search(text) else None
        reporter = ctx.doc.memory.get("figures.last_reporter") if ctx is not None else None
        if reporter in (None, partner):
            reporter = next((c for c in doc_countries if c != partner), None)
        name = text[m[0]:m[1]]
        what = f"{name}'s share" + (f" of {'imports' if flow == 'import' else 'exports'}" if flow else "")
        frames[i] = replace(frames[i], what=what, measure="share", flow=flow, level=True, change=0,
                            countries=[c for c in (reporter, partner) if c])


# heads a count may have: people, organisations and places, things, events and acts analysts quote
COUNT_HEADS = frozenset("""people person worker employee staff soldier troop refugee death casualty victim member
    delegate delegation official representative minister leader student tourist visitor passenger resident citizen
    farmer miner child woman man family household prisoner hostage patient case vote seat job
    country nation state city province region town village company firm bank enterprise plant factory mill mine
    port berth airport school hospital university embassy consulate office branch store shop hotel group
    organisation organization party agency ministry institution
    ship vessel tanker aircraft plane jet helicopter tank missile warhead car vehicle truck unit cargo container
    train satellite rig well reactor project contract deal agreement accord treaty document memorandum loan bond
    share licence license issue order tender bid offer cargoes
    meeting visit trip talk summit round session call conference election strike attack raid incident time year
    month week day hour minute theme exchange event program programme scheme festival game""".split())
_SPELLED_ALTERNATIVE_RE = re.compile(
    r"(?i)\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a\s+few)\s+or\s+(?:two|three|four|five|six|seven|"
    r"eight|nine|ten|more)\b")


def _countable(doc: Doc, q: Quantity, i: int) -> bool:
    """A count is a figure when it counts something analysts quote (``COUNT_HEADS``: people, places and
    organisations, ships and aircraft, projects and agreements, meetings and visits) or is large (10 or
    more in digits); "four basic elements", "three sets of measures", "two or three representatives"
    (a vague alternative) and "Qantas's 747 fleet" (a singular noun: a name) are not."""
    if q.kind != "count" or q.noun == "times":
        return True
    text = doc_text(doc)
    if _SPELLED_ALTERNATIVE_RE.search(text[max(0, q.start - 12):q.end + 12]) and (q.value or 0) <= 10:
        return False
    span = _quantity_tokens(doc, q)
    if span is None:
        return True
    t = span.root
    while t.dep_ in ("nummod", "compound", "quantmod", "amod") and t.head.i != t.i and t.head.i not in range(
            span.start, span.end):
        t = t.head
    if t.i in range(span.start, span.end) or t.pos_ not in ("NOUN", "PROPN"):
        return True  # no noun to judge by
    hyphen = t.i > 0 and doc[t.i - 1].text in ("-", "–")
    if t.tag_ in ("NN", "NNP") and not hyphen and (q.value or 0) > 1 and t.lemma_.lower() not in (
            "staff", "personnel", "crew", "aircraft", "police", "cattle", "livestock", "people"):
        return False  # "747 fleet", "400 series": a number in a name
    if t.lemma_.lower() in COUNT_HEADS or hyphen:
        return True
    return (q.value or 0) >= 10 and not re.fullmatch(r"[A-Za-z -]+", q.text.split()[0] if q.text else "")


def _both_period(text: str, fig: Figure, times: list) -> Any:
    """The second period of "in both 1985/86 and 1986/87" when the figure took the first."""
    if not fig.period_text:
        return None
    m = re.search(r"\bboth\s+" + re.escape(fig.period_text) + r"\s+and\s+", text)
    if not m:
        return None
    return next((t for t in times if t.start == m.end() and t.period is not None), None)


# --- which quantities are figures -----------------------------------------------------------------
def _reportable(q: Quantity, times: list) -> bool:
    """Bare numbers (unless the parse makes them counts), durations inside time expressions and
    numbers inside dates are not figures."""
    if q.kind == "number":
        # "fell by 850,000 to 1.41bn": a scaled or thousands number may be a count; the parse decides
        return q.scaled or bool(re.fullmatch(r"\d{1,3}(?:,\d{3})+", q.text))
    if q.period_like:
        return False
    for t in times:
        if t.start < q.end and q.start < t.end:
            if t.kind == "duration" and q.kind == "duration":
                continue  # "for 13 years", "nine hours of talks": the duration is the figure
            return False
    return True


# --- what ------------------------------------------------------------------------------------------
def _quantity_tokens(doc: Doc, q: Quantity) -> Span | None:
    return doc.char_span(q.start, q.end, alignment_mode="expand")


def _qhead(doc: Doc, q: Quantity) -> Token | None:
    span = _quantity_tokens(doc, q)
    return span.root if span is not None and len(span) else None


def _token_set(doc: Doc, q: Quantity) -> set[int]:
    span = _quantity_tokens(doc, q)
    return set(range(span.start, span.end)) if span is not None else set()


def _frame(doc: Doc, q: Quantity, times: list, others: Sequence[set[int]] = ()) -> _Frame:
    """What ``q`` measures; ``others`` are the token sets of the sentence's other quantities."""
    fr = _frame_core(doc, q, times, others)
    if not fr.compared and (any(others) or q.kind in ("money", "percent", "measure", "points")) \
            and _COMPARED_BEFORE_RE.search(doc_text(doc)[max(0, q.start - 40):q.start]):
        # "..., Up from 4.9 billion dlrs in 1985": whatever the parse made of it, a level compared with
        fr.compared, fr.level, fr.change = True, True, 0
    span = _quantity_tokens(doc, q)
    if span is not None:
        fr.own = _own_phrase(span)
    if span is None or fr.inherit_from is not None:
        return fr
    if not fr.compared and _compared_phrase(span.root):
        fr.compared, fr.level, fr.change = True, True, 0
    if fr.value_type == "observed":
        fr.value_type = _phrase_type(doc, span, fr) or fr.value_type
    fr.bound = fr.bound or _bound_of(span)
    qt = set(range(span.start, span.end))
    drop = qt | {t.i for m in times for t in (doc.char_span(m.start, m.end, alignment_mode="expand") or [])} \
        | _masked(doc)
    preps = [c for t in span for c in t.children if c.dep_ == "prep" and c.i not in qt]
    for p in preps:
        obj = _pobj(p, drop)
        if obj is None:
            continue
        toks = _np_tokens(obj, drop)
        if p.lower_ == "of" and q.kind in ("percent", "fraction") and not fr.change and obj.lower_ in (
                "it", "them", "which", "this", "that", "total"):
            # "a surplus of 15.6 billion dlrs, 95 pct of it with the U.S.": a share of the figure before
            fr.share_of_previous = True
            for c in [c for t in span for c in t.children if c.dep_ == "prep" and c.lower_ != "of"]:
                o = _pobj(c, drop)
                if o is not None:
                    extra = _np_tokens(o, drop)
                    fr.share_extra = f"{c.lower_} {_text(extra)}"
                    fr.tokens |= {t.i for t in extra}
        elif p.lower_ == "of" and q.kind in ("percent", "fraction") and not fr.change:
            # "19 per cent of China's crude imports": a share of that thing, held by the subject
            holder = _text([t for t in doc if t.i in fr.reporter_tokens]) if fr.reporter_tokens else ""
            fr.what = (f"{holder}'s share of " if holder else "share of ") + _text(toks)
            fr.measure = _measure(_text(toks)) or "share"
            fr.flow = _FLOW_OF.get(fr.measure or "") if fr.measure in ("export", "import") else fr.flow
            fr.tokens |= {t.i for t in toks}
        elif p.lower_ == "of" and (not fr.measure or fr.clause) and q.kind in ("money", "count", "measure") \
                and toks and obj.pos_ in ("NOUN", "PROPN"):
            # "300 mln dlrs of tariffs on imports of Japanese electronics goods"
            v = fr.predicate
            on = next((c for c in v.children if c.dep_ == "prep" and c.lower_ in ("on", "for")
                       and _pobj(c, drop) is not None), None) if v is not None else None
            if on is not None:
                toks = toks + [on, *_np_tokens(_pobj(on, drop), drop)]
            fr.what = _text(toks)
            fr.measure = _measure(fr.what)
            fr.flow = _FLOW_OF.get(fr.measure or "")
            fr.tokens |= {t.i for t in toks}
        elif fr.clause and p.lower_ in ("on", "for", "in", "to", "from", "into") and toks:
            # "the EU spent €3bn a week on Russian energy imports": the clause's thing hangs on the number
            fr.what = f"{fr.what} {p.lower_} {_text(toks)}"
            fr.measure = _measure(fr.what)
            fr.flow = _FLOW_OF.get(fr.measure or "")
            fr.tokens |= {t.i for t in toks}
        elif p.lower_ == "in" and q.kind == "money" and (not fr.measure or fr.clause) and toks \
                and obj.pos_ == "NOUN" and _measure(_text(toks)) in ("export", "import", "trade", "investment",
                                                                      "aid", "loan"):
            # "the country first surpassed $600 billion in exports", "pledged $2bn in aid": the amount is
            # of that thing; the subject stays whose it is
            fr.what = _text(toks)
            fr.measure = _measure(fr.what)
            fr.flow = _FLOW_OF.get(fr.measure or "")
            fr.clause = False
            fr.tokens |= {t.i for t in toks}
        elif p.lower_ in ("to", "from", "with", "in", "of", "towards"):
            # "about $7bn to China", "$1bn deal with the UAE": the partner hangs on the number itself
            fr.tokens |= {t.i for t in toks}
    return fr


def _comparison_time(doc: Doc, t: Any) -> bool:
    """The time sits under a preposition of comparison ("on the 1985/86 projected revenue", "from 1985")."""
    ts = doc.char_span(t.start, t.end, alignment_mode="expand")
    if ts is None:
        return False
    if t.kind not in ("point", "range"):
        return False  # "over the last 18 months" is the change's span, not its yardstick
    x = ts.root
    for _ in range(3):
        if x.dep_ == "pobj" and x.head.lower_ in ("on", "from", "against", "over", "versus", "than"):
            return True
        if x.dep_ in ("compound", "nummod", "amod", "poss", "nmod"):
            x = x.head
            continue
        return False
    return False


def _own_phrase(span: Span) -> set[int]:
    """The tokens of the phrase the number itself sits in: its noun and that noun's modifiers, and the
    noun an "of" hangs it on ("the 1985 figure of 22.19 billion", "the 1985 shortfall of 1.06 billion")."""
    t = span.root
    while t.dep_ in ("nummod", "compound", "quantmod") and t.head.i != t.i:
        t = t.head
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in ("NOUN", "PROPN"):
        t = t.head.head
    own = {x.i for x in span}

    inside = {x.i for x in span}

    def other_number(c: Token) -> bool:
        return any(y.like_num and y.i not in inside and not re.fullmatch(r"(?:1[89]|20)\d\d(?:[/-]\d{2,4})?", y.text)
                   for y in c.subtree)

    def walk(x: Token) -> None:
        own.add(x.i)
        for c in x.children:
            if c.dep_ in ("prep", "advmod", "npadvmod", "amod") and other_number(c):
                continue  # "226.5 billion dlrs, slightly below the 228.7 billion dlrs reported in 1985"
            if c.dep_ not in ("conj", "cc", "relcl", "acl", "appos", "punct", "advcl") or (
                    c.dep_ == "acl" and c.lemma_.lower() in _RECORDING_VERBS):  # "... dlrs reported in 1985"
                walk(c)

    walk(t)
    return own


def _compared_phrase(t: Token) -> bool:
    """The number sits in what something is compared with: "against the 1985 figure of 22.19 billion",
    "contrasted with the 1985 shortfall of 1.06 billion francs and the 297 mln franc deficit"."""
    for _ in range(6):
        if t.dep_ == "pobj" and t.head.dep_ == "prep":
            prep = t.head
            if prep.lower_ in ("against", "versus", "vs", "vs.", "above", "below"):
                return True
            if prep.lower_ in ("with", "to") and prep.head.lemma_.lower() in ("compare", "contrast"):
                return True
            if prep.lower_ == "from" and (prep.head.lower_ in ("up", "down", "higher", "lower")
                                          or prep.head.lemma_.lower() in CHANGE_VERBS):
                return True  # "was sharply up from a 965.04 mln dlr surplus in the same January period"
            if prep.lower_ == "of" and prep.head.pos_ in ("NOUN", "PROPN"):
                t = prep.head
                continue
            return False
        if t.dep_ in ("nummod", "compound", "quantmod", "amod", "conj") and t.head.i != t.i:
            t = t.head
            continue
        return False
    return False


# participles the tagger reads as adjectives ("an expected shortfall")
_FORECAST_FORMS = frozenset("expected projected forecast anticipated predicted".split())
_TARGET_FORMS = frozenset("planned proposed budgeted earmarked approved targeted targetted allocated envisaged "
                          "pledged promised scheduled".split())


def _bound_of(span: Span) -> str | None:
    """The bound a ceiling or floor puts on the number it names ("its 15.8 mln barrels per day output
    ceiling", "a three per cent ceiling", "an output ceiling of 285,000 barrels per day")."""
    t = span.root
    for _ in range(4):
        lemma = t.lemma_.lower()
        if lemma in BOUND_NOUNS and t.i not in range(span.start, span.end):
            return BOUND_NOUNS[lemma]
        for c in t.children:
            if c.dep_ in ("appos", "compound") and c.lemma_.lower() in BOUND_NOUNS and c.i not in range(
                    span.start, span.end):
                return BOUND_NOUNS[c.lemma_.lower()]
        if t.dep_ in ("nummod", "compound", "quantmod") or (t.dep_ == "pobj" and t.head.lower_ == "of"):
            t = t.head.head if t.dep_ == "pobj" else t.head
            continue
        break
    return None


def _phrase_type(doc: Doc, span: Span, fr: _Frame) -> str | None:
    """target / forecast from the words on the number and its measured phrase: a participle ("a planned
    2.5 pct", "153 billion forints approved for 1987", "the deficit proposed in the 1986 budget", "the
    projected deficit"), or a target noun as modifier ("the target deficit ... was 43.8 billion")."""
    heads = [*span, span.root.head]
    if span.root.dep_ == "pobj":
        up = span.root.head.head  # "an expected shortfall this year of about five billion Ecus"
        heads.append(up)
        if up.tag_ in ("VBN", "VBD") and up.lemma_.lower() != "set" and (
                up.lemma_.lower() in TARGET_PARTICIPLES or up.lower_.startswith("target")):
            return "target"  # "targetted at 100,000 billion lire this year"
    # money a budget assigns: "Parliament approved 1987 subsidies of 170 billion forints", "2.766 billion
    # riyals had been allocated for major projects"
    owner = span.root.head.head if span.root.dep_ == "pobj" and span.root.head.lower_ == "of" else span.root
    for n in {span.root, owner}:
        if n.dep_ in ("dobj", "nsubjpass") and n.head.lemma_.lower() in ALLOCATING_VERBS and \
                n.lemma_.lower() not in FINANCING_NOUNS:
            return "target"  # but a loan approved is granted: "approved a standby credit of 1.4 billion SDRs"
    heads += [doc[i] for i in fr.tokens if doc[i].pos_ in ("NOUN", "PROPN")]
    seen: set[int] = set()
    for t in heads:
        for c in (t, *t.children):
            if c.i in seen:
                continue
            seen.add(c.i)
            lemma, low = c.lemma_.lower(), c.lower_
            if c.dep_ in ("amod", "acl") and c.tag_ in ("VBN", "VBD", "JJ"):
                if lemma in TARGET_PARTICIPLES or low.startswith("target") or low in _TARGET_FORMS:
                    return "target"
                if lemma in FORECAST_VERBS - {"estimate", "see"} or low in _FORECAST_FORMS:
                    return "forecast"
            if c.dep_ in ("appos", "compound") and lemma in TARGET_NOUNS and c.i != t.i:
                return "target"  # "its 15.8 mln barrels per day output ceiling"
            if c.dep_ == "compound" and (lemma in TARGET_NOUNS or low.startswith("target")) and c.i != t.i:
                return "target"
            if c.dep_ in ("compound", "amod") and lemma in FORECAST_NOUNS - {"estimate"} and c.i != t.i:
                return "forecast"  # "the forecast 2.25 pct rise in gross domestic product"
    return None


def _frame_core(doc: Doc, q: Quantity, times: list, others: Sequence[set[int]]) -> _Frame:
    span = _quantity_tokens(doc, q)
    if span is None or len(span) == 0:
        return _Frame(what=q.text)
    qt = set(range(span.start, span.end))
    time_tokens = {t.i for m in times for t in (doc.char_span(m.start, m.end, alignment_mode="expand") or [])}
    drop = qt | time_tokens | _masked(doc)
    head = span.root
    # a counted noun after the number may sit outside the quantity's span ("100 sister cities")
    fr = _Frame()
    if q.kind == "rank":
        return _rank_frame(doc, q, span, drop)
    if q.kind == "fraction" and not _fraction_change(doc, q):
        return _fraction_frame(doc, span, drop)
    if q.kind in ("count", "duration") and q.noun != "times":
        noun = head if head.pos_ in ("NOUN", "PROPN") and head.i not in qt else None
        if noun is None and head.dep_ in ("nummod", "compound", "amod", "quantmod") and head.head.i not in qt:
            noun = head.head
        if noun is None and head.pos_ in ("NOUN", "PROPN") and q.kind == "count":
            noun = head
        if noun is not None and (q.kind == "count" or noun.i not in qt) and not _level_object(noun):
            return _noun_frame(doc, noun, drop, q)
    role, gov = _role(head, qt)
    if gov is not None and gov.i in time_tokens:
        # "grew by 25.9% year on year": the parse hung the number on the time words; look past them
        role, gov = _role(head, qt | time_tokens)
    fr.predicate = _governing_verb(gov) if gov is not None else None
    if q.noun == "times" or (q.kind == "duration" and role in ("prep:for", "adverbial", "prep:over")):
        v = gov if gov is not None and _is_verb(gov) else _governing_verb(head)
        if v is not None:
            toks = _clause_tokens(v, drop)
            fr.what = _text(toks)
            fr.tokens = {t.i for t in toks}
            subj = _subject(v)
            if subj is not None:
                fr.reporter_tokens = {t.i for t in subj.subtree}
                fr.tokens |= fr.reporter_tokens
            fr.predicate = v
            fr.measure = _measure(fr.what)
            fr.value_type = _value_type(v, None, head)
            return fr
    if gov is None:
        return _sentence_frame(doc, drop, q)
    owner = next((j for j, toks in enumerate(others) if gov.i in toks), None)
    if owner is not None:
        # "12.4 billion dlrs, up 3.5 pct": the number hangs on another number - the level it changes,
        # or the unit word of a list ("2.1 billion and 1.3 billion dlrs")
        fr.inherit, fr.inherit_from = True, owner
        fr.change = q.change
        return fr
    if role == "appos" and (q.change or q.kind == "percent"):
        fr.inherit = True
    if gov.lemma_.lower() in ("compare", "contrast") and role in ("prep:with", "prep:to"):
        # "..., compared with 330 mln dlrs in 1986": the level of the main clause, earlier
        v = _governing_verb(gov.head) if gov.head.i != gov.i else None
        if v is not None:
            fr = _verb_frame(doc, v, "prep:from", drop, q, fr)
            fr.level, fr.compared = True, True
            return fr
    if gov.pos_ in ("NOUN", "PROPN", "NUM") and not _is_verb(gov):
        noun = gov
        if noun.lemma_.lower() in FORECAST_NOUNS and role in ("modifies", "prep:of") and not any(
                c.dep_ == "compound" for c in noun.children):
            # the forecast of what the sentence measured: take that figure's frame
            fr = _noun_frame(doc, noun, drop, q, fr)
            fr.inherit, fr.value_type = True, "forecast"
            return fr
        if noun.lemma_.lower() in CHANGE_NOUNS:
            if role in ("prep:to", "prep:at"):
                fr.level = True  # "a decline in GDP growth to 1.75 pct": the level reached, not the change
            elif role in ("prep:from", "prep:against"):
                fr.level, fr.compared = True, True  # "... from an estimated two pct in 1986"
            else:
                fr.change = -1 if noun.lemma_.lower() in FALL_LEMMAS else 1
            return _change_noun_frame(doc, noun, drop, fr)
        if noun.lemma_.lower() in LEVEL_NOUNS and (role == "prep:of" or noun.lower_ == "worth" or (
                role in ("modifies", "adverbial", "appos")
                and noun.lemma_.lower() in ("record", "high", "total", "peak", "low", "level"))):
            # "a total of 100 projects", "a record of $5bn": the level noun stands for the number
            role2, gov2 = _role(noun, {noun.i})
            if gov2 is not None and _is_verb(gov2):
                return _verb_frame(doc, gov2, role2, drop | {noun.i}, q, fr)
        return _noun_frame(doc, noun, drop, q, fr)
    if gov.pos_ == "ADJ" and gov.dep_ == "amod" and gov.head.pos_ in ("NOUN", "PROPN"):
        return _noun_frame(doc, gov.head, drop, q, fr)  # "a grant equivalent to 47 mln U.S. Dlrs"
    if _is_verb(gov) or gov.pos_ == "ADJ":
        return _verb_frame(doc, gov, role, drop, q, fr)
    v = _governing_verb(gov)
    if v is not None:
        return _verb_frame(doc, v, role, drop, q, fr)
    return _sentence_frame(doc, drop, q)


def _level_object(noun: Token) -> bool:
    """"fell 8.2 pct to 187,562 units", "rose to more than 900,000 vehicles": a count that is the
    level a change or level verb reaches measures the verb's subject, not its own noun."""
    if noun.dep_ == "pobj" and noun.head.lower_ in ("to", "at", "from") and noun.head.dep_ == "prep":
        v = noun.head.head
    elif noun.dep_ in ("dobj", "attr"):
        v = noun.head
    else:
        return False
    verbs = CHANGE_VERBS | LEVEL_VERBS - {"be", "make"}
    if v.dep_ in ("advcl", "xcomp", "conj") and v.lemma_.lower() not in verbs:
        v = v.head  # "jumped nearly sevenfold ... to more than 900,000 vehicles"
    return _is_verb(v) and v.lemma_.lower() in verbs


def _role(head: Token, qt: set[int]) -> tuple[str, Token | None]:
    """How the quantity hangs in the sentence and the word it hangs on."""
    t = head
    for _ in range(6):
        dep, h = t.dep_, t.head
        if h == t:
            return "root", None
        if dep == "conj":
            if t.pos_ in ("NOUN", "NUM", "PROPN") and _is_verb(h) and t.i > h.i and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                # "may double or triple to 15-20 billion dlrs": an amount the parser joined to the verb
                # is the verb's complement
                return "object", h
            t = h
            continue
        if dep == "pobj" and h.dep_ in ("prep", "agent", "dative") or dep == "pcomp":
            prep = h
            if prep.head.dep_ == "prep" and prep.head.lower_ in ("up", "down"):
                return "prep:" + prep.lower_, prep.head.head
            if prep.head.lower_ in ("up", "down", "off") and prep.head.pos_ in ("ADV", "ADP"):
                return "adverbial", prep.head.head
            return "prep:" + prep.lower_, prep.head
        if dep in ("advmod", "npadvmod") and h.lower_ in ("up", "down", "off") and h.head != h:
            return "adverbial", h.head
        if dep in ("dobj", "attr", "oprd", "acomp", "dative"):
            return "object", h
        if dep in ("npadvmod", "advmod", "obl"):
            return "adverbial", h
        if dep in ("nsubj", "nsubjpass"):
            return "subject", h
        if dep == "appos":
            return "appos", h
        if dep in ("nummod", "compound", "amod", "quantmod", "nmod", "poss"):
            if h.i in qt:
                t = h
                continue
            return "modifies", h
        return dep, h
    return "root", None


def _noun_frame(doc: Doc, noun: Token, drop: set[int], q: Quantity, fr: _Frame | None = None) -> _Frame:
    fr = fr or _Frame()
    toks = _np_tokens(noun, drop)
    fr.what = _text(toks)
    fr.tokens = {t.i for t in toks}
    fr.reporter_tokens = {t.i for c in noun.children if c.dep_ == "poss" for t in c.subtree}
    fr.reporter_tokens |= {t.i for c in noun.children if c.dep_ in ("amod", "compound") and c.ent_type_
                           in ("NORP", "GPE") for t in c.subtree}
    v = _governing_verb(noun)
    fr.predicate = v
    lemma = noun.lemma_.lower()
    described = v is not None and any(a.dep_ == "appos" for a in _path(noun, v)) if v is not None and any(
        x.i == v.i for x in noun.ancestors) else False
    if lemma in TARGET_NOUNS:
        fr.value_type = "target"
        fr.bound = BOUND_NOUNS.get(lemma)
        if not _measure(fr.what) and v is not None:
            # "the $200 billion target set by the two heads": name the thing the target is for
            subj = _sentence_measure_phrase(doc, drop)
            if subj:
                fr.what = f"{subj} {fr.what}".strip()
    elif lemma in FORECAST_NOUNS:
        fr.value_type = "forecast"
    elif described:
        # "... between the two countries, the world's biggest trading partners with crossborder shipments of
        # about 150 billion dlrs annually": an apposition states a fact whatever the clause aims at
        fr.value_type = "observed"
    else:
        fr.value_type = _value_type(v, noun, _qhead(doc, q))
    # the noun as subject or object of a verb: the verb's other arguments may name the partner
    if v is not None:
        for c in v.children:
            obj = _pobj(c, drop)
            if c.dep_ == "prep" and c.lower_ in ("to", "from", "with", "between", "in") and obj is not None:
                fr.tokens |= {t.i for t in _np_tokens(obj, drop)}
        subj = _subject(v)
        if subj is not None and subj.i not in fr.tokens and noun.dep_ not in ("nsubj", "nsubjpass"):
            subj = _resolved(subj)
            fr.tokens |= {t.i for t in subj.subtree}
            fr.reporter_tokens |= {t.i for t in subj.subtree}
    fr.measure = _measure(fr.what) or (lemma if q.kind == "count" else None)
    fr.flow = _FLOW_OF.get(fr.measure or "")
    return fr


def _verb_frame(doc: Doc, v: Token, role: str, drop: set[int], q: Quantity, fr: _Frame) -> _Frame:
    lemma = v.lemma_.lower()
    fr.predicate = v
    fr.value_type = _value_type(v, None, _qhead(doc, q))
    if role in ("prep:from", "prep:against", "prep:versus", "prep:than"):
        fr.level, fr.compared = True, True
        # "hopes to increase the number of users from 95 million to 200 million by 2007": the plan or
        # forecast is for the end point; the "from" level is where things stand (see ``_figure``)
        fr.starting = role == "prep:from" and fr.value_type != "observed"
    elif lemma in CHANGE_VERBS | TRANSITIVE_CHANGE_VERBS:
        if role in ("prep:to", "prep:at"):
            fr.level = True
        elif role in ("prep:by", "adverbial", "object", "npadvmod", "prep:of"):
            fr.change = -1 if lemma in FALL_LEMMAS else 1
    elif lemma in LEVEL_VERBS:
        fr.level = True
    subj = _subject(v)
    if subj is not None and fr.value_type == "observed" and subj.lemma_.lower() in FORECAST_NOUNS - {"estimate"}:
        # "Forecasts for Japanese growth were scaled back to 4.0%", "growth forecasts slipping to 1.8%": the
        # number is the level of a forecast
        fr.value_type = "forecast"
        fr.starting = False  # "forecasts were scaled back to 4.0% from 4.4%": the earlier forecast
    dobj = next((c for c in v.children if c.dep_ == "dobj" and c.i not in drop), None)
    valuing = role == "prep:at" and lemma in ("put", "estimate", "value", "peg", "set", "place", "fix", "see",
                                              "forecast", "project", "assess", "calculate")
    if (lemma in TRANSITIVE_CHANGE_VERBS or valuing) and dobj is not None and (
            dobj.pos_ in ("NOUN", "PROPN") or any(c.dep_ in ("poss", "det", "compound") for c in dobj.children)):
        # "aim to raise annual trade to $10bn", "raised its growth forecast to 2.9 per cent":
        # the object is what changes; the subject says whose it is
        toks = _np_tokens(dobj, drop)
        fr.what = _text(toks)
        fr.tokens = {t.i for t in toks}
        if subj is not None and subj.i not in drop:
            fr.reporter_tokens = {t.i for t in subj.subtree}
            fr.tokens |= fr.reporter_tokens
        if dobj.lemma_.lower() in FORECAST_NOUNS or (subj is not None and subj.lemma_.lower() in FORECAST_NOUNS):
            fr.value_type = "forecast"  # "estimates put the impact at 10 billion dlrs"
        if valuing:
            fr.level = True
            if lemma in ("set", "fix", "peg", "cap", "limit") and fr.value_type == "observed":
                fr.value_type = "target"  # "the government has set public sector wage rises at 1.7 per cent"
        fr.measure = _measure(fr.what)
        fr.flow = _FLOW_OF.get(fr.measure or "")
        return fr
    trade = TRADE_VERBS.get(lemma)
    if trade is not None and role in ("object", "prep:of", "adverbial"):
        return _trade_frame(doc, v, subj, trade, drop, fr)
    if subj is None or subj.i in drop:
        return _sentence_frame(doc, drop, q, fr)
    if subj.lower_ in ("it", "they", "he", "she", "we"):
        # "The U.S. has said it will impose ...": the pronoun is the subject of the reporting clause
        up = v.head if v.dep_ in ("ccomp", "xcomp", "advcl") else None
        up_subj = _subject(up) if up is not None else None
        if up_subj is not None and (up_subj.pos_ == "PROPN" or up_subj.ent_type_ in _ACTOR_ENTS):
            fr.reporter_tokens |= {t.i for t in up_subj.subtree}
            fr.tokens |= fr.reporter_tokens
    if subj.lower_ in _PRONOUNS:
        remembered = _remembered_what(doc)
        if remembered:
            fr.what = remembered
            fr.measure = _measure(remembered)
            fr.flow = _FLOW_OF.get(fr.measure or "")
            fr.tokens = {t.i for t in subj.subtree}
            return fr
    toks = _subject_tokens(v, subj, drop)
    fr.what = _text(toks)
    fr.tokens = {t.i for t in toks}
    fr.reporter_tokens = {t.i for x in toks for c in x.children if c.dep_ == "poss" for t in c.subtree}
    if subj.ent_type_ in ("GPE", "NORP") or subj.pos_ == "PROPN":
        fr.reporter_tokens |= {t.i for t in subj.subtree}
    fr.reporter_tokens |= {t.i for c in subj.children if c.dep_ in ("amod", "compound")
                           and c.ent_type_ in ("NORP", "GPE") for t in c.subtree}
    for c in v.children:
        obj = _pobj(c, drop)
        if c.dep_ == "prep" and c.lower_ in ("to", "from", "with", "between", "towards") and obj is not None:
            fr.tokens |= {t.i for t in _np_tokens(obj, drop)}
    if v.dep_ in ("acl", "relcl") and subj.i == v.head.i and subj.dep_ in ("dobj", "attr", "pobj"):
        # "China will receive loans totalling 390 mln dlrs": the loans' holder is the subject of "receive"
        gv = subj.head if subj.dep_ in ("dobj", "attr") else _governing_verb(subj.head)
        s2 = _subject(gv) if gv is not None and _is_verb(gv) else None
        if s2 is not None and s2.i not in drop:
            s2 = _resolved(s2)
            fr.tokens |= {t.i for t in s2.subtree}
            fr.reporter_tokens |= {t.i for t in s2.subtree}
    fr.measure = _measure(fr.what)
    fr.flow = _FLOW_OF.get(fr.measure or "")
    if not fr.measure and (subj.pos_ in ("PROPN", "PRON") or subj.ent_type_ in _ACTOR_ENTS):
        # "the US has provided more than $32bn in military aid to Ukraine", "the EU spent €3bn a week on
        # Russian energy imports": the subject is an actor; the rest of the clause names the thing
        clause = _clause_tokens(v, drop)
        fr.what = _text(clause)
        fr.tokens |= {t.i for t in clause}
        fr.measure = _measure(fr.what)
        fr.flow = _FLOW_OF.get(fr.measure or "")
        fr.clause = True
    return fr


def _trade_frame(doc: Doc, v: Token, subj: Token | None, trade: tuple[str, str], drop: set[int],
                 fr: _Frame) -> _Frame:
    """"China exported $15.04 billion to Russia" -> "China's exports to Russia", export, CHN first."""
    noun, measure = trade
    parts: list[str] = []
    if subj is not None and subj.lower_ not in _PRONOUNS:
        st = _np_tokens(subj, drop)
        who = _text(st)
        parts.append(f"{who}'s {noun}" if who and not who.endswith("s") else f"{who}' {noun}")
        fr.tokens |= {t.i for t in st}
        fr.reporter_tokens |= {t.i for t in st}
    else:
        parts.append(noun)
    for c in v.children:
        obj = _pobj(c, drop)
        if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "from", "in", "into") and obj is not None:
            pt = _np_tokens(obj, drop)
            parts.append(f"{c.lower_} {_text(pt)}")
            fr.tokens |= {t.i for t in pt}
        elif c.dep_ == "dobj" and c.i not in drop and c.pos_ in ("NOUN", "PROPN"):
            parts.append("of " + _text(_np_tokens(c, drop)))
        elif c.dep_ == "dobj" and c.i in drop:
            # the quantity is the object: its "of" phrase names the goods ("4.25 mln tonnes of U.S. corn")
            for p in c.children:
                obj = _pobj(p, drop) if p.dep_ == "prep" and p.lower_ == "of" else None
                if obj is not None:
                    gt = _np_tokens(obj, drop)
                    parts.insert(1, "of " + _text(gt))
                    fr.tokens |= {t.i for t in gt}
    if len(parts) == 1 or not any(p.startswith(("to ", "from ", "in ", "into ")) for p in parts):
        for a in list(v.ancestors)[:4]:
            if _is_verb(a) and TRADE_VERBS.get(a.lemma_.lower(), (None, None))[1] == measure:
                for c in a.children:
                    obj = _pobj(c, drop)
                    if c.dep_ == "prep" and c.lower_ in ("to", "from") and obj is not None:
                        pt = _np_tokens(obj, drop)
                        parts.append(f"{c.lower_} {_text(pt)}")
                        fr.tokens |= {t.i for t in pt}
                break
    fr.what = " ".join(p for p in parts if p)
    fr.measure = measure
    fr.flow = {"export": "export", "import": "import"}.get(measure)
    return fr


def _change_noun_frame(doc: Doc, noun: Token, drop: set[int], fr: _Frame) -> _Frame:
    """"a 5 pct rise in exports" -> exports; "GDP growth of 3.5 pct" -> GDP growth;
    "..., an increase of 19.8 percent" -> the level figure before it (inherit)."""
    fr.predicate = _governing_verb(noun)
    fr.value_type = _value_type(fr.predicate, noun)
    fr.tokens = fr.tokens | {noun.i}
    owner = noun
    if not any(c.dep_ == "prep" and c.lower_ in ("in", "of") for c in noun.children) and noun.dep_ == "pobj" \
            and noun.head.lower_ in ("after", "following", "from", "against") \
            and noun.head.head.lemma_.lower() in CHANGE_NOUNS:
        owner = noun.head.head  # "a small rise in consumer price inflation ... after last year's sharp fall to 0.75"
    for c in owner.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "of") and c.i not in drop:
            objs = [x for x in c.children if x.dep_ == "pobj" and x.i not in drop]
            if objs:
                toks = _np_tokens(objs[0], drop)
                fr.what = _text(toks)
                fr.tokens = {t.i for t in toks} | {noun.i}
                fr.measure = _measure(fr.what)
                fr.flow = _FLOW_OF.get(fr.measure or "")
                return fr
    mods = [c for c in noun.children if c.dep_ in ("compound", "poss", "amod", "nmod")
            and c.i not in drop and not re.match(r"(?i)year|annual|month|quarter|record|sharp|strong|"
                                                r"slight|modest|steady|rapid|small|big|large|huge", c.text)]
    if mods:
        toks = _np_tokens(noun, drop)
        fr.what = _text(toks)
        fr.tokens = {t.i for t in toks}
        fr.reporter_tokens = {t.i for c in mods if c.dep_ == "poss" for t in c.subtree}
        fr.measure = _measure(fr.what)
        fr.flow = _FLOW_OF.get(fr.measure or "")
        return fr
    if noun.dep_ in ("appos", "npadvmod", "conj", "dobj", "attr", "ROOT") or noun.head.dep_ == "appos":
        fr.inherit = True
    v = fr.predicate
    subj = _subject(v) if v is not None else None
    if subj is not None and subj.i not in drop:
        toks = _np_tokens(subj, drop)
        fr.what = _text(toks)
        fr.tokens = {t.i for t in toks}
        fr.measure = _measure(fr.what)
        fr.flow = _FLOW_OF.get(fr.measure or "")
    return fr


def _rank_frame(doc: Doc, q: Quantity, span: Span, drop: set[int]) -> _Frame:
    """"Russia continued to be China's ninth largest trading partner": the ranked noun and both sides."""
    fr = _Frame()
    noun = next((t for t in doc[span.end:span.end + 6] if t.lower_ == q.noun), None)
    if noun is None:
        return _Frame(what=q.text)
    toks = _np_tokens(noun, drop - set(range(span.start, span.end)))
    fr.what = _text(toks)
    fr.tokens = {t.i for t in toks}
    fr.reporter_tokens = {t.i for c in noun.children if c.dep_ == "poss" for t in c.subtree}
    v = _governing_verb(noun)
    fr.predicate = v
    if v is not None:
        subj = _subject(v)
        if subj is not None:
            fr.tokens |= {t.i for t in subj.subtree}
    fr.measure = "rank:" + (_measure(fr.what) or noun.lemma_.lower())
    fr.value_type = _value_type(v, None)
    if v is not None and any(x.i == v.i for x in noun.ancestors) and any(a.dep_ == "appos" for a in _path(noun, v)):
        fr.value_type = "observed"  # "the two countries, the world's biggest trading partners": a fact
    return fr


def _fraction_change(doc: Doc, q: Quantity) -> bool:
    """"profits fell by a third": a change by a fraction ("fell to a third of" is a share)."""
    return bool(q.change) and not re.match(r"\s*of\b", doc_text(doc)[q.end:])


def _fraction_frame(doc: Doc, span: Span, drop: set[int]) -> _Frame:
    """"two-thirds of the world's countries" measures "the world's countries"."""
    fr = _Frame()
    for t in doc[span.end:span.end + 2]:
        if t.lower_ == "of":
            objs = [c for c in t.children if c.dep_ == "pobj"]
            if objs:
                toks = _np_tokens(objs[0], drop)
                fr.what = "share of " + _text(toks)
                fr.tokens = {x.i for x in toks}
                break
    if not fr.what:
        m = re.match(r"\s*of\s+([^,;.]+?)(?:\s+and\s+|[,;.]|$)", doc_text(doc)[span.end_char:])
        fr.what = "share of " + m.group(1) if m else span.text
    fr.predicate = _governing_verb(span.root)
    fr.measure = "share"
    fr.level = True
    return fr


def _sentence_frame(doc: Doc, drop: set[int], q: Quantity, fr: _Frame | None = None) -> _Frame:
    """No usable attachment: the sentence's main subject, else the words around the number."""
    fr = fr or _Frame()
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subj = _subject(root) if root is not None else None
    if subj is not None and subj.i not in drop and subj.lower_ not in _PRONOUNS:
        toks = _np_tokens(subj, drop)
        fr.what = _text(toks)
        fr.tokens = {t.i for t in toks}
    else:
        fr.what = doc_text(doc)[max(0, q.start - 60):q.start].split(",")[-1].strip() or q.text
    fr.predicate = fr.predicate or root
    fr.measure = _measure(fr.what)
    fr.flow = _FLOW_OF.get(fr.measure or "")
    return fr


def _sentence_measure_phrase(doc: Doc, drop: set[int]) -> str:
    """The measured noun of the sentence's first clause ("bilateral trade"), for naming a target."""
    for t in doc:
        if t.i in drop:
            continue
        m = _measure(t.text)
        if m in ("trade", "export", "import", "investment", "trade_surplus"):
            mods = [c for c in t.children if c.dep_ in ("amod", "compound") and c.i not in drop]
            return _text(sorted([*mods, t], key=lambda x: x.i))
    return ""


_MODALS = frozenset("will 'll shall could may might would should".split())
# acts whose amount is fixed when they are announced: "China will provide 370 mln yuan", "a loan will be used
# to build": the amount is a fact of the agreement, not a forecast
TRANSFER_VERBS = frozenset("provide receive give grant lend borrow extend offer finance fund use sign "
                           "supply donate contribute allocate earmark disburse".split())


def _is_past(v: Token) -> bool:
    """A verb reporting what happened: a past form, or a perfect without a modal ("may have totalled"
    is a guess about the past, so past too)."""
    aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in ("have", "has", "had", "'ve", "having") for c in aux) and v.tag_ == "VBN":
        return True
    if any(c.lower_ in _MODALS or c.lower_ == "to" for c in aux):
        return False
    if v.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux):
        return True
    return False


def _chain(v: Token) -> list[tuple[Token, bool]]:
    """``v`` and the words its clause hangs on (``_clause_ancestors``), each with whether the way up
    crossed a reported clause ("it estimated that ... sold ...": "estimated" is crossed)."""
    out = [(v, False)]
    crossed = False
    t = v
    for a in _clause_ancestors(v):
        if t.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            break  # "China will provide ... and a Chinese company won a bid": a clause of its own
        crossed = crossed or t.dep_ in ("ccomp", "parataxis") or (t.dep_ == "advcl" and crossed)
        out.append((a, crossed))
        t = a
    return out


_TIME_LINKS = frozenset("after before since when while until once following".split())


def _governs(w: Token, v: Token, qhead: Token | None) -> bool:
    """A target verb decides the number's type only for what it aims at: its infinitive ("plans to pay
    2.1 billion"), its object ("pledged $5bn") or a PP on it ("raise trade to $10bn"); not a number deep
    in a phrase it merely mentions ("agreed on revisions to the terms of a 21 billion dlr package",
    "wants lower rates on an existing 53 billion dlrs of debt")."""
    if w.i != v.i:
        t = v
        while t.i != w.i and t.head.i != t.i:
            if t.dep_ not in ("xcomp", "conj", "advcl", "ccomp", "prep", "pcomp", "pobj", "aux"):
                return False
            if (t.dep_ == "pcomp" and t.head.lower_ in _TIME_LINKS) or (
                    t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _TIME_LINKS for c in t.children)):
                # "sought bankruptcy protection after disclosing a 4bn euro hole": a clause that only
                # says when is no part of what is aimed at
                return False
            t = t.head
        return True
    if qhead is None:
        return True
    t = qhead
    while t.dep_ in ("nummod", "compound", "quantmod", "amod", "nmod", "det", "conj") and t.head.i != t.i:
        t = t.head
    if t.head.i == v.i:
        return True
    if t.dep_ == "pobj" and t.head.dep_ == "prep":
        prep = t.head
        if prep.head.i == v.i:
            return True
        if prep.lower_ == "of" and prep.head.head.i == v.i and prep.head.dep_ in ("dobj", "attr", "nsubjpass"):
            return True  # "pledged aid of $5bn"
        if prep.lower_ == "of" and prep.head.lemma_.lower() in TARGET_NOUNS:
            return True
    return False


def _modal_in_chain(v: Token) -> bool:
    """A modal on the number's verb or the verbs its clause hangs on, up to a reported clause
    ("should continue to absorb ..., leaving the rate at one pct"); a modal perfect ("may have
    totalled") is about the past."""
    if v.tag_ == "VBD":
        return False  # a finite past verb is no modal's ("... will provide 370 mln yuan ... and a company won a bid")
    for w, crossed in _chain(v):
        if crossed or not _is_verb(w):
            return False
        aux = [c for c in w.children if c.dep_ == "aux"]
        if any(c.lower_ in _MODALS for c in aux):
            return not (any(c.lower_ in ("have", "'ve") for c in aux) and w.tag_ == "VBN")
        if w.dep_ == "ccomp":
            return False
    return False


def _transfer(v: Token) -> bool:
    return v.lemma_.lower() in TRANSFER_VERBS or (v.dep_ == "xcomp" and v.head.lemma_.lower() in TRANSFER_VERBS)


_PLAN_NOUNS = TARGET_NOUNS | {"policy", "plan", "intention", "strategy", "idea", "proposal"}


_LEXICON_VERBS = TARGET_VERBS | FORECAST_VERBS
_INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("d", ""),
                ("ing", ""), ("ing", "e"))


def _verb_lemma(w: Token) -> str:
    """The lemma of a target or forecast verb, repaired when the model's lemmatizer misses it ("hopes"
    -> "hop"): the surface form with a regular suffix undone, if that is a verb of the lexicon."""
    lemma = w.lemma_.lower()
    if lemma in _LEXICON_VERBS or not w.tag_.startswith("VB"):
        return lemma
    low = w.lower_
    for suffix, repl in _INFLECTIONS:
        if low.endswith(suffix) and low[: -len(suffix)] + repl in _LEXICON_VERBS:
            return low[: -len(suffix)] + repl
    return lemma


def _value_type(v: Token | None, noun: Token | None, qhead: Token | None = None) -> str:
    """target / forecast / observed from the verbs above the number and the nouns around it.

    * target: a target noun ("the $200 billion target", "a ceiling of"), or a target verb that governs
      the number (``_governs``);
    * forecast: a forecast noun, a forecasting verb above the number (unless reached through a reported
      clause in the past: "it estimated that Japan's car firms sold almost five billion dlrs in 1985"
      reports the past), a modal in the clause ("should continue to absorb ..., leaving the rate at
      one pct") unless it is a perfect ("may have totalled") or the act fixes its amount ("China will
      provide 370 mln yuan"), "is likely / set / due to";
    * else observed. A forecast whose period has ended is made observed later (``_figure``)."""
    words: list[Token] = []
    noun_words: list[Token] = []
    if noun is not None:
        noun_words += [noun, *[c for c in noun.children if c.dep_ in ("compound", "amod")]]
        if noun.dep_ == "pobj" and noun.head.lower_ == "of":
            noun_words.append(noun.head.head)  # "forecasts of 1.9 per cent growth", "a target of ..."
    chain = _chain(v) if v is not None else []
    words = noun_words + [w for w, _ in chain]
    if v is not None:
        words += [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    lemmas = [w.lemma_.lower() for w in words]
    if any(w.lemma_.lower() == "be" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _PLAN_NOUNS
                                            for c in w.children) for w, _ in chain[1:]):
        return "target"  # "U.S. policy now is to raise the strategic reserve to 750 mln barrels"
    if any(x in TARGET_NOUNS for x in lemmas) or any(
            _verb_lemma(w) in TARGET_VERBS and w.dep_ not in ("amod", "compound") and w != noun
            and _governs(w, v, qhead) for w, _ in chain):
        return "target"
    past = v is not None and _is_past(v)
    forecasting = [w for w in noun_words if w.lemma_.lower() in FORECAST_NOUNS | FORECAST_VERBS]
    # "see" forecasts only in the present ("analysts see growth of 3 pct"); in the past it reports what
    # happened ("call centres saw a sharp increase ...", "the UK market had seen sales growth of 8%")
    forecasting += [w for w, crossed in chain if _verb_lemma(w) in FORECAST_NOUNS | FORECAST_VERBS
                    and not (past and w.i != v.i) and not (_verb_lemma(w) == "see" and _is_past(w))]
    if forecasting and not any(w.lemma_.lower() == "estimate" and w.tag_ == "VBN" and w.dep_ in ("amod", "acl")
                               for w in words):
        return "forecast"
    if v is not None and _modal_in_chain(v) and not _transfer(v):
        return "forecast"
    if v is not None and any(a.lemma_.lower() in ("likely", "poised", "due", "set") and a.tag_ in ("JJ", "VBN")
                             and any(c.dep_ in ("auxpass", "aux", "cop") or c.lemma_ == "be" for c in a.children)
                             and any(c.dep_ == "xcomp" for c in a.children) for a in v.ancestors):
        return "forecast"  # "is likely to", "is set to rise"
    return "observed"


def _clause_ancestors(v: Token, limit: int = 4) -> list[Token]:
    """The verbs ``v``'s clause hangs on ("aim to raise", "expected to rise"), stopping at an
    apposition or relative clause ("..., a trade worth $4bn", "which ...")."""
    out: list[Token] = []
    t = v
    while t.head.i != t.i and len(out) < limit:
        if t.dep_ in ("appos", "relcl", "acl", "npadvmod", "pobj"):
            break
        t = t.head
        out.append(t)
    return out


def _remembered_what(doc: Doc) -> str | None:
    ctx = doc._.ctx
    if ctx is None:
        return None
    return ctx.doc.memory.get("figures.last_what")


# --- frames shared across a sentence ------------------------------------------------------------------
def _inherit_frames(doc: Doc, qs: list[Quantity], frames: list[_Frame]) -> None:
    """Change nouns after a level ("$33.69 billion, a year-on-year increase of 25.9 percent") take the
    level's frame; parallel or gapped clauses ("high-tech products increased by 51 percent",
    "Y by 51 pct") take what they lack (the measure, flow, partner) from the first clause."""
    for i, q in enumerate(qs):
        # the low end of a range measures what the high end measures ("between 5 and 6 pct")
        if q.range == "low" and i + 1 < len(qs) and qs[i + 1].range == "high":
            frames[i] = replace(frames[i + 1])
    for i, (q, fr) in enumerate(zip(qs, frames)):
        if fr.inherit_from is not None and fr.inherit_from != i:
            src = frames[fr.inherit_from]
            if not src.inherit:
                frames[i] = replace(src, change=0 if fr.compared else fr.change, level=fr.compared,
                                    compared=fr.compared, inherit=False, inherit_from=None)
                continue
        if fr.inherit and not fr.share_of_previous:
            prev = next((frames[j] for j in range(i - 1, -1, -1)
                         if not frames[j].inherit and qs[j].kind in ("money", "count", "measure", "percent")
                         and qs[j].range != "high"), None)
            if prev is not None:
                if fr.value_type == "forecast":
                    j = frames.index(prev)
                    frames[i] = replace(prev, change=prev.change or qs[j].change, level=False, compared=False,
                                        value_type="forecast", inherit=False)
                else:
                    frames[i] = replace(prev, change=fr.change, level=False, compared=False,
                                        value_type=prev.value_type, inherit=False, predicate=prev.predicate)
    for i, fr in enumerate(frames):
        if fr.share_of_previous:
            prev = next((frames[j] for j in range(i - 1, -1, -1) if qs[j].kind != "percent"), None)
            if prev is not None:
                frames[i] = replace(prev, what=f"share of {prev.what} {fr.share_extra}".strip(),
                                    tokens=prev.tokens | fr.tokens, inherit=False, change=0, level=True,
                                    compared=False, share_of_previous=False, measure="share")
    # "rose to 5.2 billion dlrs in March from 4.1 billion": the compared level measures the same thing
    for i in range(1, len(qs)):
        if frames[i - 1].compared and not frames[i].compared and _same_family(qs[i - 1], qs[i]) and re.fullmatch(
                r"[^,;]{0,30}?\s*(?:,\s*)?(?:and|or)\s+(?:about\s+|some\s+)?", doc_text(doc)[qs[i - 1].end:qs[i].start]):
            frames[i] = replace(frames[i], compared=True, level=True, change=0)
    for i, (q, fr) in enumerate(zip(qs, frames)):
        if not fr.compared:
            continue
        j = next((j for j in range(i - 1, -1, -1) if not frames[j].compared and not frames[j].change
                  and _same_family(qs[j], q)), None)
        if j is not None:
            own_type = frames[i].value_type
            # the "from" level of a planned change stays where things stand (``_Frame.starting``)
            frames[i] = replace(frames[j], compared=True, level=True, change=0, inherit=False, inherit_from=None,
                                starting=fr.starting)
            if own_type != "observed":
                frames[i].value_type = own_type  # "... against the 23.61 billion proposed in the 1986 budget"
    # "..., while those from Russia rose to 2.3mn b/d": "those" is the earlier measured phrase
    for i, fr in enumerate(frames):
        m = re.match(r"(?i)^(?:those|that)\s+((?:from|to|of|with|in)\s+.+)$", fr.what or "")
        first = next((frames[j] for j in range(i) if frames[j].measure), None)
        if m and first is not None:
            base = re.sub(r"\s+(?:from|to|of|with|in)\s+.*$", "", first.what)
            frames[i] = replace(fr, what=f"{base} {m.group(1)}", tokens=fr.tokens | first.reporter_tokens,
                                reporter_tokens=first.reporter_tokens, measure=first.measure, flow=first.flow)
    # clause-level parallelism: a later clause whose measured phrase names no measure
    for i, (q, fr) in enumerate(zip(qs, frames)):
        if i == 0 or fr.measure or not fr.what:
            continue
        first = next((frames[j] for j in range(i) if frames[j].measure and qs[j].kind == q.kind
                      and frames[j].predicate is not None), None)
        if first is None or fr.predicate is None or first.predicate is None:
            continue
        if not _parallel(first.predicate, fr.predicate):
            continue
        frames[i] = _substituted(doc, first, fr)
    # gapping: "X rose 9 pct, Y 51 pct and Z 45 pct" - a segment with no verb of its own
    segments = _segments(doc)
    for i, (q, fr) in enumerate(zip(qs, frames)):
        seg = next((s for s in segments if s[0] <= q.start < s[1]), None)
        if seg is None or seg is segments[0]:
            continue
        seg_tokens = tokens_in(doc, seg[0], seg[1])
        if fr.compared or re.match(r"(?i)\s*(?:up|down|compared|against|from|versus)\b", doc_text(doc)[seg[0]:q.start]):
            continue
        if any(_is_verb(t) and t.dep_ not in ("amod", "compound") and t.tag_ not in ("VBG",) for t in seg_tokens):
            continue
        if _CHANGE_NOUN_NEXT_RE.match(doc_text(doc), q.end):
            continue  # "..., and a 3.5 pct rise in imports": the number's own change noun says what
        if not re.sub(r"(?i)\b(?:and|or|but|while|then|some|about|nearly|by|to)\b|[,;\s]", "", doc_text(doc)[seg[0]:q.start]) \
                and i > 0 and qs[i - 1].kind == q.kind and frames[i - 1].predicate is not None \
                and not frames[i - 1].compared and q.kind in ("percent", "money", "measure", "points") \
                and not re.match(r"\s+of\s+\w", doc_text(doc)[q.end:]):
            # "Prices could rise 1.5 per cent in the first three months and two per cent in the first half":
            # the verb and its subject are left out
            prev = frames[i - 1]
            frames[i] = replace(prev, change=fr.change or prev.change, inherit=False, inherit_from=None)
            continue
        first_i = next((j for j in range(i) if qs[j].kind == q.kind and frames[j].measure), None)
        if first_i is None:
            continue
        head_words = doc_text(doc)[seg[0]:q.start]
        if re.search(r"(?i)\bof\s*$", head_words) or any(
                t.lemma_.lower() in CHANGE_NOUNS | LEVEL_NOUNS | TARGET_NOUNS for t in seg_tokens if t.idx < q.start):
            continue  # "an increase of 31.3 percent": a change noun, not a gapped clause
        head_words = re.sub(r"(?i)\b(?:by|up|down|of|to|rose|fell|some|about|nearly|more than|over)\s*$", "",
                            head_words.strip()).strip(" ,")
        if not head_words or len(head_words.split()) > 8:
            continue
        toks = [t for t in seg_tokens if t.idx + len(t) <= seg[0] + len(head_words)]
        gap = _Frame(what=head_words, tokens={t.i for t in toks}, predicate=frames[first_i].predicate)
        gap.measure = _measure(head_words)
        frames[i] = _substituted(doc, frames[first_i], gap, keep_change=fr.change or frames[first_i].change)


_CHANGE_NOUN_NEXT_RE = re.compile(r"(?i)[\s-]*(?:" + "|".join(sorted(CHANGE_NOUNS)) + r")s?\b")


def _same_family(a: Quantity, b: Quantity) -> bool:
    return a.unit == b.unit or (a.kind == b.kind and a.kind in ("percent", "count", "measure"))


def _parallel(a: Token, b: Token) -> bool:
    """Two predicates in coordinated clauses with the same verb ("increased ..., ... increased")."""
    if a == b:
        return False
    linked = b.dep_ == "conj" and (b.head == a or b.head.dep_ == "conj" and b.head.head == a or b.head.head == a)
    return linked and a.lemma_ == b.lemma_


def _substituted(doc: Doc, first: _Frame, mine: _Frame, keep_change: int | None = None) -> _Frame:
    """``mine``'s phrase put into ``first``'s frame: "China's export of mechanical products to Russia"
    + "high-tech products" -> "China's export of high-tech products to Russia"."""
    what = mine.what
    base = first.what
    m = re.match(r"(?i)^(.*?\b(?:exports?|imports?|trade|sales|shipments|purchases|investment)\s+(?:of|in)\s+)"
                 r"(.+?)(\s+(?:to|from|with|between)\s+.*)?$", base)
    if m and not _measure(what):
        what = f"{m.group(1)}{mine.what}{m.group(3) or ''}"
    elif not _measure(what) and first.measure:
        what = f"{mine.what} ({first.what})"
    # a phrase with its own measure ("shipments to China") keeps its own partner, not the first clause's
    tokens = first.reporter_tokens | mine.tokens if _measure(mine.what) else first.tokens | mine.tokens
    out = replace(first, what=what, tokens=tokens,
                  change=keep_change if keep_change is not None else mine.change or first.change,
                  level=mine.level, compared=mine.compared, inherit=False)
    out.measure = _measure(what) or first.measure
    out.flow = _FLOW_OF.get(out.measure or "") or first.flow
    return out


def _segments(doc: Doc) -> list[tuple[int, int]]:
    text = doc_text(doc)
    cuts = [0] + [m.end() for m in _SEGMENT_SPLIT_RE.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _distribute_respectively(doc: Doc, qs: list[Quantity], frames: list[_Frame], mentions: list) -> None:
    """"Exports and imports rose 5.2 pct and 7.1 pct respectively": item i of the coordinated
    phrase goes with quantity i (what and countries)."""
    if not _RESPECTIVELY_RE.search(doc_text(doc)):
        return
    groups: list[list[int]] = []
    for i, q in enumerate(qs):
        if groups and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", doc_text(doc)[qs[groups[-1][-1]].end:q.start]) \
                and qs[groups[-1][-1]].unit == q.unit:
            groups[-1].append(i)
        else:
            groups.append([i])
    for g in groups:
        if len(g) < 2:
            continue
        fr = frames[g[0]]
        items = _coordination(doc, fr, len(g))
        if items is None:
            # "... a 2.75 pct rise in exports and a 3.5 pct rise in imports this year after rises of 3.25 pct
            # and 6.5 pct respectively in 1986": the items are the measures named before, in order
            prev = [j for j in range(g[0]) if qs[j].unit == qs[g[0]].unit and frames[j].measure]
            if len(prev) >= len(g) and not any(frames[i].measure for i in g):
                for i, j in zip(g, prev[-len(g):]):
                    src = frames[j]
                    frames[i] = replace(frames[i], what=src.what, measure=src.measure, flow=src.flow,
                                        tokens=set(src.tokens), reporter_tokens=set(src.reporter_tokens),
                                        countries=src.countries)
            continue
        coord_tokens, parts = items
        for k, i in enumerate(g):
            other = coord_tokens - {t.i for t in parts[k]}
            what = _replace_span(doc, fr, coord_tokens, parts[k])
            f2 = replace(frames[i], what=what, tokens=(fr.tokens - other) | {t.i for t in parts[k]},
                         reporter_tokens=fr.reporter_tokens - other, countries=None)
            f2.measure = _measure(what) or fr.measure
            f2.flow = _FLOW_OF.get(f2.measure or "") or fr.flow
            f2.countries = _frame_countries(doc, f2, mentions)
            frames[i] = f2


def _coordination(doc: Doc, fr: _Frame, n: int) -> tuple[set[int], list[list[Token]]] | None:
    """The coordinated phrase of exactly ``n`` items inside a frame's tokens."""
    for t in sorted((doc[i] for i in fr.tokens), key=lambda x: x.i):
        conjs = [c for c in t.subtree if c.dep_ == "conj" and c.head == t or
                 (c.dep_ == "conj" and c.head.dep_ == "conj" and c.head.head == t)]
        if len(conjs) + 1 != n:
            continue
        items: list[list[Token]] = []
        own = [x for x in t.subtree if x.i not in {y.i for c in conjs for y in c.subtree}
               and not (x.dep_ == "cc" and x.head == t) and x.dep_ != "punct"]
        items.append(sorted(own, key=lambda x: x.i))
        for c in conjs:
            items.append([x for x in c.subtree if x.i not in {y.i for d in conjs if d != c for y in d.subtree}
                          and x.dep_ not in ("cc", "punct")])
        coord = {x.i for x in t.subtree}
        return coord, items
    return None


def _replace_span(doc: Doc, fr: _Frame, coord: set[int], part: list[Token]) -> str:
    toks = sorted((doc[i] for i in fr.tokens if i not in coord), key=lambda x: x.i)
    toks = sorted([*toks, *part], key=lambda x: x.i)
    return _text([t for t in toks if t.i in fr.tokens or t in part]) or fr.what


# --- units -------------------------------------------------------------------------------------------
def _is_change_unit(unit: str | None) -> bool:
    return unit in ("percent_change", "percentage_points")


def _unit_value(q: Quantity, fr: _Frame, doc: Doc | None = None) -> tuple[str | None, float]:
    """The export unit and the (signed, for changes) value."""
    if q.kind == "percent":
        direction = q.change if q.change else fr.change
        if fr.level and not q.change:
            direction = 0
        if not direction and not fr.share_of_previous and re.search(r"(?i)\bgrowth\b", fr.what or ""):
            direction = 1  # "trade growth to slow to between 5 and 10 per cent": a growth rate is a change
        if direction:
            return "percent_change", direction * abs(q.value)
        return "percent", q.value
    if q.kind == "points":
        direction = q.change or fr.change
        unit = q.unit
        if unit == "points" and fr.what is not None and doc is not None:
            unit = _points_unit(doc)
        return unit, (direction or 1) * abs(q.value)
    if q.kind == "fraction":
        if doc is not None and _fraction_change(doc, q):
            return "percent_change", q.change * abs(q.value)
        return "percent", q.value
    if q.kind in ("money", "measure", "count") and fr.change < 0 and not fr.level and not fr.compared \
            and not (doc is not None and level_before(doc_text(doc)[:q.start])) \
            and fr.predicate is not None and _is_verb(fr.predicate) and fr.predicate.lemma_.lower() in FALL_LEMMAS:
        # "reserves fell 3.06 billion francs to 30.64 billion": -3.06 billion; a loss or a cut of an amount
        # (nouns) is that amount; the amount after "to" is the level reached, whatever the parse makes of
        # the words before it ("fell by a third to 340 million pounds")
        return q.unit, -abs(q.value)
    return q.unit, q.value


# --- when ---------------------------------------------------------------------------------------------
def _sentence_tense(doc: Doc) -> str | None:
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    return _tense(root)


def _closest_time(doc: Doc, q: Quantity, fr: _Frame, times: list) -> tuple[Any, bool]:
    """The time mention that belongs to the quantity (in its clause, nearest in the parse, then in
    text) and whether it is in the quantity's own clause."""
    if not times:
        return None, False
    span = _quantity_tokens(doc, q)
    if span is None:
        return None, False
    qhead = span.root
    clause = fr.predicate

    def score(t: Any) -> tuple[int, int, int, int]:
        ts = doc.char_span(t.start, t.end, alignment_mode="expand")
        if ts is None:
            return (9, 9, 99, 999)
        th = ts.root
        verb = _governing_verb(th)
        same_clause = 0 if (clause is not None and verb is not None
                            and (verb.i == clause.i or _clause_link(verb, clause))) else 1
        dist = _tree_distance(th, qhead)
        # a time inside the measured phrase or on its verb first ("the 1985 shortfall of 1.06 billion francs");
        # the date of a participle on a noun last ("the 1987 budget approved by Parliament last December")
        attached = 0 if _attached_to(doc, t, fr, phrase_only=True) else 1 if _attached_to(doc, t, fr) else 2
        event = 1 if _event_participle(verb, clause) else 0
        return (event, attached, same_clause, dist * 100 + abs(t.start - q.start) // 10)

    best = min(times, key=score)
    return best, score(best)[2] == 0


def _partners(a: _Frame, b: _Frame) -> bool:
    """Two figures of one predicate, neither a compared level: next to each other, a level and its
    change ("reached $190.27 billion in 2022, up 29.3%")."""
    return not a.compared and not b.compared and a.predicate is not None and b.predicate is not None \
        and a.predicate.i == b.predicate.i


def _coordinated(doc: Doc, q: Quantity, t: Any) -> bool:
    """An "and" or ";" between the number and the time: "rose 15 pct to 101.1 mln dlrs and 13 pct to
    189.6 mln dlrs in the six months" dates the second pair only."""
    between = doc_text(doc)[min(q.end, t.end):max(q.start, t.start)]
    return bool(re.search(r"\band\b|;", between))


def _event_participle(verb: Token | None, clause: Token | None) -> bool:
    """A participle on a noun that dates an act of its own ("LNG carriers ordered during the 2022-2023
    upcycle", "the budget approved last December"), not one that reports the figure ("reported in 1985")."""
    return verb is not None and verb.dep_ in ("acl", "relcl") and (clause is None or verb.i != clause.i) \
        and (verb.tag_ == "VBN" or (verb.dep_ == "acl" and verb.tag_ == "VBD")) \
        and verb.lemma_.lower() not in _RECORDING_VERBS  # an acl "VBD" is a participle mistagged


def _event_time(doc: Doc, t: Any, fr: _Frame) -> bool:
    """The time dates a participle's act outside the figure's own phrase: not the figure's period."""
    ts = doc.char_span(t.start, t.end, alignment_mode="expand")
    if ts is None or _attached_to(doc, t, fr, phrase_only=True):
        return False
    return _event_participle(_governing_verb(ts.root), fr.predicate)


def _attached_to(doc: Doc, t: Any, fr: _Frame, phrase_only: bool = False) -> bool:
    """The time mention hangs directly on the frame's predicate or inside its measured phrase
    (``phrase_only``: inside the phrase)."""
    ts = doc.char_span(t.start, t.end, alignment_mode="expand")
    if ts is None:
        return False
    root = ts.root
    up = root.head.head if root.dep_ == "pobj" else root.head
    if phrase_only:
        # a compared level's frame is borrowed from the main figure: only its own phrase counts
        phrase = fr.own if fr.compared else (fr.tokens - fr.reporter_tokens) | fr.own
        return (root.dep_ in ("compound", "nmod", "amod", "poss", "nummod") or root.dep_ == "pobj") \
            and (up.i in phrase or root.i in phrase) and (fr.predicate is None or up.i != fr.predicate.i)
    return (fr.predicate is not None and up.i == fr.predicate.i) or up.i in fr.tokens or root.i in fr.tokens \
        or (root.dep_ in ("compound", "nmod", "amod", "poss", "nummod", "pobj") and (up.i in fr.own or root.i in fr.own))


_CLAUSE_LINKS = frozenset("advcl xcomp conj pcomp ccomp prep pobj ROOT".split())
# participles that report a figure, not an act that dates it ("the 228.7 billion dlrs reported in 1985")
_RECORDING_VERBS = frozenset("report record register post achieve see reach total show estimate put".split())


def _clause_link(a: Token, b: Token) -> bool:
    """Same clause or directly linked clauses (participle, conjunct, xcomp); not a clause that
    describes a noun ("according to customs data released on Friday")."""
    return a in b.ancestors and all(x.dep_ in _CLAUSE_LINKS for x in _path(a, b)) or \
        b in a.ancestors and all(x.dep_ in _CLAUSE_LINKS for x in _path(b, a))


def _path(desc: Token, anc: Token) -> list[Token]:
    out = []
    t = desc
    while t != anc and t.head != t:
        out.append(t)
        t = t.head
    return out


def _tree_distance(a: Token, b: Token) -> int:
    pa = [a, *a.ancestors]
    pb = [b, *b.ancestors]
    ia = {t.i: k for k, t in enumerate(pa)}
    for k, t in enumerate(pb):
        if t.i in ia:
            return ia[t.i] + k
    return len(pa) + len(pb)


_COMPARED_BEFORE_RE = re.compile(
    r"(?i)\b(?:from|against|versus|vs\.?|compared\s+(?:with|to)|contrast(?:ed|s|ing)?\s+with|(?:below|above)\s+the)\s+(?:an?\s+)?(?:revised\s+)?"
    r"(?:about\s+|some\s+|around\s+|just\s+|nearly\s+|only\s+|less\s+than\s+|more\s+than\s+|over\s+|"
    r"under\s+|almost\s+)?$")
_RECORD_RE = re.compile(
    r"\b(?:highest|lowest|biggest|largest|smallest|steepest|sharpest|fastest|slowest|strongest|weakest|"
    r"worst|best|most|least|first|only|deepest)\b(?:\s+[A-Za-z-]+){0,6}\s+(?:since|in)\s*$", re.I)


def _record_comparison(text: str, t: Any) -> bool:
    """"the lowest since 1983", "the first decline in six decades": a record's yardstick, no period."""
    return bool(_RECORD_RE.search(text[max(0, t.start - 60):t.start + len(t.text.split()[0])]
                                  if t.text.lower().startswith("since") else text[max(0, t.start - 60):t.start]))


_OWN_GAP_RE = re.compile(
    r"^\s*,?\s*(?:respectively\s*,?\s*)?(?:(?P<cmp>from|against|over|on|compared\s+(?:with|to)|versus|vs\.?|than)|in|during|for|at|of"
    r"|at\s+the\s+end\s+of)?\s*$", re.I)


def _time_owners(text: str, qs: list[Quantity], times: list) -> dict[int, tuple[int, bool]]:
    """Time mention index -> (index of the quantity it directly follows, whether it is that
    quantity's comparison: "on 1985", "from ... in November", "against ... in March 1986")."""
    owners: dict[int, tuple[int, bool]] = {}
    for k, t in enumerate(times):
        before = [i for i, q in enumerate(qs) if q.end <= t.start]
        if before and t.start - qs[before[-1]].end <= 40:
            gap = text[qs[before[-1]].end:t.start]
            for b in times:
                if b.kind == "baseline" and qs[before[-1]].end <= b.start and b.end <= t.start:
                    gap = gap.replace(b.text, " ")
            m = _OWN_GAP_RE.match(gap) if len(gap) <= 25 else None
            if m:
                owners[k] = (before[-1], bool(m.group("cmp")))
        if k in owners:
            continue
        # "last year's 2.1 per cent", "last year's sharp fall to 0.75 pct", "last years 2.1 per cent"
        after = [i for i, q in enumerate(qs) if q.start >= t.end]
        if after:
            gap = text[t.end:qs[after[0]].start]
            if re.fullmatch(r"(?:'s|’s)\s+(?:[a-z-]+\s+){0,3}", gap) or (
                    re.fullmatch(r"\s+", gap) and t.text.lower().endswith("years")):
                owners[k] = (after[0], False)
    return owners


def _list_groups(text: str, qs: list[Quantity]) -> dict[int, set[int]]:
    """Quantities listed together ("3.25 pct and 6.5 pct respectively in 1986", "2.6 or 2.7 per cent
    this year"): a time after the last is all of theirs."""
    groups: dict[int, set[int]] = {}
    run: list[int] = []
    for i, q in enumerate(qs):
        if run and qs[run[-1]].unit == q.unit and re.fullmatch(r"\s*(?:,|and|or|,\s*and|,\s*or)\s*",
                                                                  text[qs[run[-1]].end:q.start], re.I):
            run.append(i)
        else:
            run = [i]
        for j in run:
            groups[j] = set(run)
    return groups


_REPORT_VERBS = frozenset("say tell report announce state add note estimate forecast predict project expect show "
                          "indicate reveal disclose publish release quote".split())


def _source_time(doc: Doc, t: Any, fr: _Frame) -> bool:
    """A time that dates the source, not the figure: it names the subject of a reporting or forecasting
    verb ("The August budget had forecast domestic demand would contribute 0.75 percentage points") or
    hangs on that verb ("the Finance Ministry said on Monday"), and the number is in what it reports."""
    p = fr.predicate
    if p is None:
        return False
    ts = doc.char_span(t.start, t.end, alignment_mode="expand")
    if ts is None:
        return False
    root = ts.root
    if root.dep_ in ("compound", "nmod", "amod", "poss", "npadvmod") and root.head.dep_ in ("nsubj", "nsubjpass"):
        verb = root.head.head
    else:
        verb = _governing_verb(root)
    if verb is None or verb.lemma_.lower() not in _REPORT_VERBS or verb.i == p.i:
        return False
    if not any(a.i == verb.i for a in p.ancestors):
        return False
    return any(x.dep_ in ("ccomp", "parataxis") for x in _path(p, verb))


def _paragraph_period(doc: Doc, lookback: int = 3, future: bool = False,
                      far: bool = False) -> tuple[Period, str] | None:
    """The last period a statistic can have (a month or longer) named in the ``lookback``
    sentences before this one: reports name the period once and list figures after it, and news
    paragraphs are often a single sentence. A release date ("data released on Friday") is no
    statistic's period. ``far``: for an observed figure, beyond the lookback the period the
    paragraph's figures last had."""
    ctx = doc._.ctx
    if ctx is None or timex is None:
        return None
    remembered = ctx.doc.memory.get("figures.last_period")
    if future:
        pub = ctx.published
        for j in range(ctx.index - 1, max(-1, ctx.index - 1 - lookback), -1):
            found = [t for t in _sentence_times(doc, j) if pub is None or t.period.end >= pub]
            if found:
                return found[-1].period, found[-1].text
        return None
    for j in range(ctx.index - 1, max(-1, ctx.index - 1 - lookback), -1):
        if remembered is not None and remembered[0] == j:
            # the period the figures of that sentence had ("a year ago" there was a comparison's)
            return remembered[1], remembered[2]
        if j in ctx.doc.memory.get("figures.seen", ()):
            continue  # a sentence with figures but no main period: its dates were comparisons
        found = _sentence_times(doc, j)
        if found:
            return found[-1].period, found[-1].text
    if far and remembered is not None and remembered[0] < ctx.index - lookback \
            and ctx.doc.sentences[remembered[0]][2] == ctx.paragraph:
        # nothing named nearer: the period the paragraph's figures last had ("Exports to China fell 1.7
        # percent" four sentences after "in 2025", with only undated talk between). Not across
        # paragraphs: an interview's next answer is about something else
        return remembered[1], remembered[2]
    return None


def _sentence_times(doc: Doc, j: int) -> list:
    """The periods of a month or more sentence ``j`` of the document names (cached per document)."""
    ctx = doc._.ctx
    cache: dict = ctx.doc.memory.setdefault("figures.sentence_times", {})
    if j not in cache:
        s, e, p = ctx.doc.sentences[j]
        found = _resolve_anaphors(doc, timex.find_times(ctx.doc.text[s:e], ctx.published, fiscal=_fiscal(doc)),
                                  before=j)
        cache[j] = [t for t in found if t.kind in ("point", "range", "duration_back") and t.period is not None
                    and (t.period.end - t.period.start).days >= 6
                    and not _record_comparison(ctx.doc.text[s:e], t)]
    return cache[j]


# --- who ----------------------------------------------------------------------------------------------
_DEMONYM_RE = re.compile(r"(?:ian|ean|ese|ish|ican|i)$|^(?:German|Thai|Swiss|French|Dutch|Greek|Czech|Afghan|"
                         r"Filipino|British|Arab|Asian|African|European|Latin)$")


def _country_mentions(doc: Doc, doc_countries: Sequence[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, ISO3 codes) of every country reference in the sentence (sentence offsets):
    actors from ``bilat_actors`` (a collective like "the two countries" names several),
    else named entities looked up with ``bilat.actors.lookup_country``."""
    ctx = doc._.ctx
    off = ctx.start if ctx is not None else 0
    out: list[tuple[int, int, tuple[str, ...]]] = []
    found = doc._.actors
    if found is not None:
        for m in found:
            codes = tuple(a.country for a in m.members if a.country) if m.members else (
                (m.actor.country,) if m.actor.country else ())
            if codes:
                out.append((m.start - off, m.end - off, codes))
    if actors is not None and hasattr(actors, "lookup_country"):
        # nationality adjectives ("West German exports", "Japanese car exports") are no actors,
        # but they say whose figure it is
        labels = ("GPE", "NORP", "LOC") if found is not None else ("GPE", "NORP", "LOC", "ORG", "PERSON")
        for ent in doc.ents:
            if ent.label_ in labels and not any(s < ent.end_char and ent.start_char < e for s, e, _ in out):
                code = actors.lookup_country(ent.text)
                if code:
                    out.append((ent.start_char, ent.end_char, (code,)))
    if actors is not None and hasattr(actors, "lookup_country"):
        # "The Japan Overseas Economic Co-operation Fund", "the Bank of England": a country the name holds
        for ent in doc.ents:
            if ent.label_ != "ORG" or any(s < ent.end_char and ent.start_char < e for s, e, _ in out):
                continue
            for t in ent:
                if t.pos_ == "PROPN" and not _DEMONYM_RE.search(t.text):
                    code = actors.lookup_country(t.text)
                    if code:
                        out.append((t.idx, t.idx + len(t), (code,)))
                        break
    mask = _masked(doc)
    if mask:
        cut = max(doc[i].idx + len(doc[i]) for i in mask)
        out = [m for m in out if m[0] >= cut]
    dyad = tuple(ctx.doc.dyad) if ctx is not None else tuple(doc_countries[:2])
    if len(dyad) == 2:
        for m in _COLLECTIVE_RE.finditer(doc_text(doc)):
            if not any(s < m.end() and m.start() < e for s, e, _ in out):
                out.append((m.start(), m.end(), dyad))
    out.sort()
    return out


def _frame_countries(doc: Doc, fr: _Frame, mentions: list) -> list[str]:
    """Countries named inside the frame's tokens, the reporter (subject, possessor) first."""
    if not fr.tokens:
        return []
    chars = [(doc[i].idx, doc[i].idx + len(doc[i]), i) for i in fr.tokens]
    rep_chars = [(doc[i].idx, doc[i].idx + len(doc[i])) for i in fr.reporter_tokens]
    first: list[str] = []
    rest: list[str] = []
    for s, e, codes in mentions:
        if any(a < e and s < b for a, b, _ in chars):
            target = first if any(a < e and s < b for a, b in rep_chars) else rest
            target.extend(codes)
    return _unique([*first, *rest])


def _outside_reporter(doc: Doc, fr: _Frame, mentions: list, partners: list[str],
                      doc_countries: list[str]) -> str | None:
    """The country a flow without a named reporter is reported by: the source of the figures when the
    sentence names it ("..., the Australian Bureau of Statistics said", "according to Japan's customs"),
    else the reporter of the document's last flow ("Korea's exports rose ... Exports to China fell ..."),
    else the document's first country. A country in a destination ("exports to the U.S."), a cause ("as
    U.S. tariffs weighed") or a place ("in the US market") is no reporter."""
    spans = [(doc[i].idx, doc[i].idx + len(doc[i])) for i in fr.tokens]
    for s, e, codes in mentions:
        if len(codes) == 1 and codes[0] not in partners and not any(a < e and s < b for a, b in spans) \
                and _source_mention(doc, s, e):
            return codes[0]
    ctx = doc._.ctx
    last = ctx.doc.memory.get("figures.last_reporter") if ctx is not None else None
    if last and last not in partners:
        return last
    return next((c for c in doc_countries if c not in partners), None)


_REPORTING_LEMMAS = frozenset("say report show announce add tell note state publish release disclose reveal "
                              "estimate calculate put quote".split())
_SOURCE_NOUNS = frozenset("data figures statistics ministry bureau office agency customs department service "
                          "government authorities officials".split())


def _source_mention(doc: Doc, start: int, end: int) -> bool:
    """The country mention names who reports: the subject of a reporting verb ("the Australian Bureau of
    Statistics said"), an "according to" or "by" phrase, or the owner of the data ("Japan's customs data
    showed")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    x = span.root
    for _ in range(4):
        if x.dep_ in ("compound", "amod", "poss", "nmod", "det", "case", "flat", "appos") and x.head.i != x.i:
            x = x.head
            continue
        if x.dep_ == "pobj" and x.head.lower_ == "of" and x.head.head.lemma_.lower() in _SOURCE_NOUNS:
            x = x.head.head  # "the Bank of Korea said"
            continue
        break
    if x.dep_ in ("nsubj", "nsubjpass") and x.head.lemma_.lower() in _REPORTING_LEMMAS:
        return True
    if x.dep_ == "pobj" and (x.head.dep_ == "agent" or (x.head.lower_ == "to" and x.head.head.lower_ == "according")):
        return True
    return x.lemma_.lower() in _SOURCE_NOUNS and x.dep_ in ("nsubj", "nsubjpass", "pobj")


def _context_countries(ctx: Any) -> list[str]:
    """Countries named in the previous sentence, else in the paragraph (looked up, not parsed)."""
    if actors is None or not hasattr(actors, "document_countries"):
        return []
    own = ctx.doc.text[ctx.start:ctx.end]
    for text in (ctx.neighbour(-1), ctx.paragraph_text().replace(own, " ")):
        if text.strip():
            counts = actors.document_countries(text)
            if counts:
                return [c for c, _ in counts.most_common()]
    return []


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for x in items:
        if x and x not in seen:
            seen.append(x)
    return seen
