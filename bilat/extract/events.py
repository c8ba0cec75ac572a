"""PLOVER event coding, one sentence at a time, each event tied to its evidence span.

Why per sentence and from the parse: dictionary coders that pair a subject and an object found
anywhere in a story (GDELT) or that label whole documents (the PLOVER/POLECAT classifiers) cannot
say which words make an event. Here an event exists only where a trigger of the lexicon
(``bilat/data/events/triggers.csv``: lemma, part of speech, required dependents -> type and mode)
heads a clause whose participants the dependency parse names:

* source = grammatical subject (or ``by`` agent; possessor or nationality adjective of a noun
  trigger), target = object or prepositional object (``with Putin``, ``to Russia``, ``on Iran``);
  ``X and Y met`` and collectives ("the two heads of state", via ``ActorMention.members``) put
  every member on the source side, as the PLOVER codebook asks for reciprocal events;
* the grammatical cues in ``frames.json`` decide what the sentence asserts: a trigger governed by
  "refused to", "threatened to", "urged ... to", "accused ... of" is not itself an event but the
  complement of a REJECT / THREATEN / REQUEST / ACCUSE; negation, conditions ("if X attacks") and
  modals ("would", "could") mean no event; "will", "is expected to", "plans to" make it planned;
  progressive aspect makes it ongoing; "every year", "regularly" make it habitual; a count
  ("met 40 times") makes it a figure, not an event;
* a cooperative act declared not to happen ("said it would not approve") is a REJECT; a threat
  keeps its "if"; a decided hostile act ("agreed to widen sanctions") is that act, planned; an act
  declared with a condition on the other side is a THREATEN ("will withdraw its force unless ...",
  aimed at the condition's subject) or, when cooperative, an offer (AGREE: "would meet the mediator
  if ..."); announced help or cooperation is AGREE and an announced retreat CONCEDE, status planned
  (PLOVER: offers and promises); "is ready to ..." is AGREE whatever the act;
* demands need no verb of demanding: a report whose complement obliges another party ("said Sudan
  must return ...", "a reminder to Israel that it must ...") or a wish about one ("wants Germany to
  pay") is a REQUEST; a hostile act with no named doer reported by its victim ("Israel said a
  mortar bomb was fired at it from Gaza") is the victim's claim (ACCUSE), as CAMEO coders read it;
* only what the sentence asserts is an event: circumstances ("after two days of fighting", "if it
  is attacked") are not the content of a frame; relative clauses and participles describing a
  participant ("the correspondent, who was detained ...") and clauses of time or cause ("after a
  state of siege was declared") are background to a main-clause event; the purpose or manner
  clause of a protest ("to demand reforms", "calling for independence") is the protest's aim and
  lends it its target;
* the date is the time expression attached to the event's clause, resolved by ``bilat.timex``
  against the publication date with the tense the status implies;
* the location is the place a locative phrase names; when a side names no country, the place's
  country stands in for it ("bombed targets in northern Iraq", "staged a protest in Beijing",
  "opened an embassy in Tehran"; not for meetings and signings, which happen at venues), and
  generic agents ("police", "protesters") act for the sentence's place or the story's main country. An event with no
  country on either side is not recorded: it cannot be placed in a relation between states.

Events of a sentence are listed main clause first and merged when they are the same act
(same type and sides, one clause naming the victims and another the attacker, or one naming a
subset of the other's parties: "telephoned Kozyrev to discuss ...").

Actors come from ``doc._.actors`` (``bilat.actors``) and times from ``bilat.timex``; this module
holds no gazetteer and no date grammar of its own.
"""
from __future__ import annotations

import csv
import dataclasses
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..model import EVENT_TYPES, Actor, ActorMention, Event, Period, stable_id
from ..nlp import dateline_tokens, doc_text, is_title, register_gate, tokens_in
from .numbers import find_quantities

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"
TRIGGERS_FILE = "triggers.csv"
FRAMES_FILE = "frames.json"

# dependency relations that carry a complement from a governing word down to the act it governs
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "oprd", "attr", "advcl",
                             "conj", "nsubjpass", "compound", "dative", "agent", "appos", "relcl"})
# dependency relations that start a new clause: dependents beyond them are not the trigger's
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "csubj", "csubjpass", "conj"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "'m"})
MEMORY_KEY = "bilat_events.last_source"
ORIGIN_RE = re.compile(r"^(.+?)-(?:made|built|produced|manufactured|grown|owned|origin)$", re.I)
PERSONS_KEY = "bilat_events.persons"  # persons with a country met so far in the document, by full name
HEADLINE_KEY = "bilat_events.headline"  # the title's events still waiting for the lead's date
DATED_KEY = "bilat_events.dated"  # acts the story has dated so far, for a later retelling without a date
DEICTIC_DAY = re.compile(r"(?i)(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|tonight")
# a sentence that opens with a named speaker: "Robert White, Canada's deputy chief of delegation,
# replied", "Minoru Endo said" (up to four capitalised words, an optional apposition, a verb of saying)
NAMED_SPEAKER = re.compile(r"(?!(?:He|She|It|They|We|I)\b)(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*"
                           r"(?:,[^,]{3,80},)?\s+(?:also\s+)?"
                           r"(?:said|says|replied|replies|told|tells|added|responded|stated|noted|"
                           r"declared)\b")
PARTIES_KEY = "bilat_events.last_parties"  # both sides of the last sentence's events, for "the leaders"


# --- lexicon ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Trigger:
    """One row of triggers.csv: a head lemma that, with all its required dependents, codes type/mode."""

    lemma: str
    pos: str
    groups: tuple[frozenset[str], ...]  # each group: one of these lemmas must be a dependent
    type: str
    mode: str | None
    alt: tuple[tuple[str, str, str | None], ...]  # (condition, type, mode) overrides
    order: int
    excluded: frozenset[str] = frozenset()  # lemmas that must not be near (a "!" group)


@dataclass
class Lexicon:
    """The trigger table indexed by lemma plus the grammatical cues of frames.json."""

    by_lemma: dict[str, list[Trigger]]
    cues: dict[str, Any]
    sets: dict[str, frozenset[str]] = field(default_factory=dict)

    def has(self, key: str, word: str) -> bool:
        return word in self.sets[key]


_SET_KEYS = ("light_verbs", "occurrence_predicates", "habitual_adverbs", "habitual_modifiers",
             "habitual_quantifiers", "time_nouns", "planned_modifiers", "ongoing_modifiers",
             "hypothetical_modifiers", "aggregate_nouns", "aggregate_quantifiers", "negations",
             "hypothetical_marks", "hypothetical_modals", "planned_aux", "report_verbs",
             "target_preps", "location_preps", "movement_preps", "movement_modes", "mission_nouns",
             "hostile_types", "retreat_types", "object_control", "name_labels", "containers",
             "place_is_target", "object_wins", "fallback_location_preps", "object_preps", "proxy_suffixes",
             "aimed_preps", "based_verbs", "refusable_types", "conditional_types", "adjunct_preps",
             "deontic_modals", "deontic_verbs", "deontic_heads", "demand_wants", "willing_bare", "place_objects",
             "purpose_of_protest", "own_forces", "forces_act_types", "secondary_preps",
             "background_marks", "of_containers", "duration_objects", "address_verbs", "addressed_types", "collective_roles",
             "reported_accusations", "reply_words", "drawing_verbs", "attending_verbs", "answered_types",
             "occasion_preps", "topic_verbs", "occasion_nouns", "clause_verbs",
             "needs_target", "place_acts_modes", "impose_verbs", "opinion_verbs", "consequence_verbs",
             "threat_prices")


def _parse_alt(text: str) -> tuple[tuple[str, str, str | None], ...]:
    out = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        cond, _, what = part.partition(":")
        if not what:  # a bare flag such as "host" (the host of a visit is its target)
            out.append((cond.strip(), "", None))
            continue
        typ, _, mode = what.partition("/")
        if typ not in EVENT_TYPES:
            raise ValueError(f"{TRIGGERS_FILE}: unknown type in alt {part!r}")
        out.append((cond.strip(), typ, mode or None))
    return tuple(out)


def read_triggers(path: Path) -> list[Trigger]:
    """Rows of the trigger table; lines whose lemma starts with '#' are section comments."""
    rows: list[Trigger] = []
    with open(path, encoding="utf-8", newline="") as f:
        for n, r in enumerate(csv.DictReader(f), 2):
            lemma = (r.get("lemma") or "").strip().lower()
            if not lemma or lemma.startswith("#"):
                continue
            typ = r["type"].strip()
            if typ not in EVENT_TYPES:
                raise ValueError(f"{path}:{n}: unknown PLOVER type {typ!r}")
            pos = r["pos"].strip().upper()
            if pos not in ("VERB", "NOUN", "ANY"):
                raise ValueError(f"{path}:{n}: pos must be VERB, NOUN or ANY, not {pos!r}")
            groups, excluded = [], set()
            for g in (r.get("with") or "").split("+"):
                words = frozenset(w.strip().lower().lstrip("!") for w in g.split("|") if w.strip())
                if g.strip().startswith("!"):
                    excluded |= words  # "!record|high": none of these may be near ("hit a record high")
                elif words:
                    groups.append(words)
            rows.append(Trigger(lemma, pos, tuple(groups), typ, (r.get("mode") or "").strip() or None,
                                _parse_alt(r.get("alt") or ""), len(rows), frozenset(excluded)))
    return rows


@lru_cache(maxsize=8)
def load_lexicon(directory: str = "") -> Lexicon:
    """The lexicon in ``directory`` (default: the packaged one). Rows with more required
    dependents are tried first, then file order, so "sign an agreement" beats "sign"."""
    d = Path(directory) if directory else DATA_DIR
    by_lemma: dict[str, list[Trigger]] = {}
    for t in read_triggers(d / TRIGGERS_FILE):
        by_lemma.setdefault(t.lemma, []).append(t)
    for lst in by_lemma.values():
        lst.sort(key=lambda t: (-len(t.groups), t.order))
    with open(d / FRAMES_FILE, encoding="utf-8") as f:
        cues = json.load(f)
    sets = {k: frozenset(cues[k]) for k in _SET_KEYS}
    for k in ("commit", "decide", "willing", "threaten", "refuse", "planned", "ongoing", "negate", "consume_types"):
        sets["frame_" + k] = frozenset(cues["frames"][k])
    sets["frame_heads"] = frozenset(w.split("+")[0] for k in ("commit", "willing", "threaten", "refuse")
                                    for w in cues["frames"][k])
    return Lexicon(by_lemma, cues, sets)


_WORD_RE = re.compile(r"[a-z]+")


@lru_cache(maxsize=65536)
def _lemma_candidates(word: str) -> frozenset[str]:
    """Every lemma the tagger's lemmatizer could give a lower-cased word, by undoing the regular
    suffixes of English verbs and nouns (agreed -> agree, banned -> ban, supplies -> supply, meeting
    -> meet / meeting). A superset is fine: the gate only has to keep every sentence a trigger can
    match in; the parse decides the rest. Written here rather than taken from an inflection
    library because the gate must agree with the model's own rule lemmatizer, whose suffix rules
    these mirror and whose exception table supplies the irregular forms (tools/irregular_forms.py)."""
    out = {word}
    n = len(word)
    if n > 3 and word.endswith("s"):
        out.add(word[:-1])
        if word.endswith("es"):
            out.add(word[:-2])
        if word.endswith("ies"):
            out.add(word[:-3] + "y")
    if n > 4 and word.endswith("ed"):
        out |= {word[:-2], word[:-1]}
        if word.endswith("ied"):
            out.add(word[:-3] + "y")
        if word[-3] == word[-4]:
            out.add(word[:-3])  # banned -> ban
    if n > 4 and word.endswith("ing"):
        base = word[:-3]
        out |= {base, base + "e"}
        if base[-1] == base[-2]:
            out.add(base[:-1])  # banning -> ban
        if base.endswith("y"):
            out.add(base[:-1] + "ie")  # dying -> die
    return frozenset(out)


def _text_lemmas(text: str, irregular: dict[str, str]) -> set[str]:
    out: set[str] = set()
    for w in _WORD_RE.findall(text.lower()):
        out |= _lemma_candidates(w)
        if w in irregular:
            out.add(irregular[w])
    return out


@dataclass(frozen=True)
class Gate:
    """Which sentences can hold an event, decided on the raw text without a parse.

    Each word is mapped to the lemmas it could have (regular suffixes undone, irregular forms of
    frames.json looked up). A lemma with a row that needs no dependents ("attack", "visit") lets a
    sentence through on its own; a lemma whose every row needs dependents ("hold" + talks, "sign" +
    agreement) only when one of the words its rows require also occurs. Lemmas of several words
    ("air-strike", "sit-in") are matched as phrases. Matching whole lemmas, not prefixes, keeps
    "bank" from passing as "ban" and the month "March" from passing at all unless a protest lemma
    is there: the gate decides how much of a text the parser sees.
    """

    free: frozenset[str]
    needs: dict[str, frozenset[str]]  # lemma whose rows all need dependents -> the words they need
    phrases: re.Pattern[str] | None
    irregular: dict[str, str]  # inflected form -> lemma

    def __call__(self, text: str) -> bool:
        if self.phrases is not None and self.phrases.search(text):
            return True
        lemmas = _text_lemmas(text, self.irregular)
        if not lemmas.isdisjoint(self.free):
            return True
        return any(not self.needs[lemma].isdisjoint(lemmas) for lemma in lemmas.intersection(self.needs))


def build_gate(lexicon: Lexicon) -> Gate:
    irregular_forms = {k: v for k, v in lexicon.cues["irregular_forms"].items() if not k.startswith("_")}
    irregular = {form: lemma for lemma, forms in irregular_forms.items() for form in forms}
    free: set[str] = set()
    needs: dict[str, set[str]] = {}
    phrases: list[str] = []
    for lemma, rows in lexicon.by_lemma.items():
        if re.search(r"[-\s]", lemma):
            parts = [re.escape(p) for p in re.split(r"[-\s]+", lemma) if p]
            phrases.append(r"[-\s]?".join(parts) + r"\w*")
            continue
        if any(not r.groups or all(w.startswith("@") and (not w.startswith("@obj:") or w == "@obj:name")
                                   for w in r.groups[0]) for r in rows):
            free.add(lemma)  # no dependent needed, or only one the text cannot show ("@xcomp", a name)
            continue
        words = {w.removeprefix("@obj:") for r in rows for w in r.groups[0]
                 if not w.startswith("@") or w.startswith("@obj:")}
        needs.setdefault(lemma, set()).update(words)
    cues = lexicon.cues
    # frames code events of their own: "said he was willing to", "agreed to", "warned", "refused"
    for key in ("commit", "willing", "threaten", "refuse", "decide"):
        free.update(w.split("+")[0] for w in cues["frames"][key])
    # a demand without a verb of demanding: "will tell Koizumi that Japan needs to", "wants Germany to pay"
    for head in cues["deontic_heads"]:
        needs.setdefault(head, set()).update(cues["deontic_verbs"], cues["deontic_modals"])
    for head in cues["demand_wants"]:
        needs.setdefault(head, set()).add("to")
    pattern = re.compile(r"\b(?:" + "|".join(sorted(phrases, key=len, reverse=True)) + ")", re.I) if phrases else None
    return Gate(frozenset(free), {k: frozenset(v) for k, v in needs.items()}, pattern, irregular)


_GATE = build_gate(load_lexicon())


def might_hold_event(text: str) -> bool:
    """Cheap per-sentence gate: could any trigger (with the words it needs) occur here? No parse."""
    return _GATE(text)


register_gate("bilat_events", might_hold_event)


# --- optional collaborators ---------------------------------------------------------------------
def _timex():
    try:
        from .. import timex
    except ImportError:
        return None
    return timex


def _actors_module():
    try:
        from .. import actors
    except ImportError:
        return None
    return actors


# --- per-sentence analysis ------------------------------------------------------------------------
NOMINAL_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr"})


def _to_infinitive(t: Token) -> bool:
    """A verb with its infinitive marker: "(a bid) to join", "(came) to negotiate"."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in t.children)


def _is_noun(t: Token) -> bool:
    """A noun, or a word the tagger called a verb where only a noun fits ("conduct joint drills")."""
    return t.pos_ in NOUN_POS or (t.pos_ == "VERB" and t.dep_ in NOMINAL_DEPS and t.tag_ in ("NNS", "VBZ", "NN")
                                  and not any(c.dep_ in ("nsubj", "aux", "dobj") for c in t.children))


def _is_verb(t: Token) -> bool:
    return t.pos_ == "VERB" and not _is_noun(t)


_LOWER_LEMMAS: dict[int, str] = {}


def _lemma(t: Token) -> str:
    """The lower-cased lemma, memoised by the lemma's hash: the coder asks for it of every token
    several times, and spaCy decodes the string each time."""
    key = t.lemma
    low = _LOWER_LEMMAS.get(key)
    if low is None:
        low = _LOWER_LEMMAS[key] = t.lemma_.lower()
    return low


def _words(t: Token) -> set[str]:
    return {_lemma(t), t.lower_}


def _names_body(t: Token) -> bool:
    """Does the noun name a state or an organisation (as bilat_actors resolved it, else as the
    model's entities say)? The model tags many country names PERSON ("suspended Mali")."""
    if t.ent_type_ in ("GPE", "ORG"):
        return True
    ctx = t.doc._.ctx
    off = ctx.start if ctx is not None else 0
    s, e = t.idx + off, t.idx + len(t.text) + off
    return any(m.start < e and s < m.end and m.actor.type in ("state", "organization")
               for m in t.doc._.actors or ())


def _neighbourhood(t: Token, depth: int = 3) -> set[str]:
    """Lemmas near a trigger that a lexicon row may require ("sign" + "agreement", "phone" + "call").

    Dependents within the same clause up to ``depth`` levels, plus (for nouns) the two words it
    hangs from, so "went on strike" and "opened fire" are seen from the noun.
    """
    out: set[str] = set()
    dateline = dateline_tokens(t.doc)  # not "March" of "BAHRAIN, March 2 - ... ended a meeting"
    # nor the trigger's own infinitive marker: "started to decline" declines nothing, "plans to
    # travel" travels nowhere yet ("declined to attend" has its "to" on the complement)
    frontier = [(c, 1) for c in t.children if not (c.dep_ == "aux" and c.lower_ == "to")]
    while frontier:
        c, d = frontier.pop()
        if c.i in dateline:
            continue
        if c.dep_ in CLAUSE_DEPS and c.dep_ != "conj":
            if d == 1 and c.dep_ in ("xcomp", "ccomp"):
                # "allowed Ouattara to participate", "allow monitors to observe": the complement's
                # verb and subject, not its clause
                out |= _words(c)
                for sj in c.children:
                    # its subject, and the word that opens it: "to" of an infinitive, "that" of a
                    # reported clause ("charged that Canada was ...")
                    if sj.dep_ in SUBJECT_DEPS or (sj.dep_ == "aux" and sj.lower_ == "to") or \
                            (sj.dep_ == "mark" and sj.lower_ == "that"):
                        out |= _words(sj)
                if c.dep_ == "xcomp":
                    out.add("@xcomp")  # "encouraged Iran to return": the verb governs an infinitive
            elif d <= 2 and c.dep_ in ("advcl", "acl") and _to_infinitive(c):
                out |= _words(c)  # a purpose infinitive's verb: "will send a team (to Japan) to negotiate"
            continue
        out |= _words(c)
        if d == 1 and c.dep_ == "dobj":
            out.add("@obj:" + _lemma(c))  # a row may need a word as the object ("headed a mission")
            if _names_body(c):
                out.add("@obj:name")  # ... or a named state or body ("suspended Gabon")
        if c.ent_type_ == "PERSON":
            out.add("@person")  # "released Alassane Ouattara": a named person
        if c.dep_ == "prep" and c.lower_ == "of":
            frontier.extend((g, d) for g in c.children)  # "a patch of Bangladeshi troops": "of" is free
        elif d < depth:
            frontier.extend((g, d + 1) for g in c.children)
    if _is_noun(t):
        h = t
        for _ in range(2):
            if h.head == h:
                break
            h = h.head
            out |= _words(h)
    return out


# what a breach of which has two sides ("violated the ceasefire")
TRUCE_WORDS = frozenset("ceasefire cease-fire truce armistice".split())

# words that end an act ("agreed to end the war", "an end to the fighting", "to suspend protests")
ENDING_WORDS = frozenset("end suspend".split())


# what a news source asks not to be: "asked not to be identified / named / quoted"
ANONYMITY_VERBS = frozenset("identify name quote cite".split())


def _anonymity(t: Token) -> bool:
    """A request for anonymity, the reporter's convention, not an act between actors."""
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in ANONYMITY_VERBS
               and any(x.dep_ == "auxpass" for x in c.children) for c in t.children)


# what a question put to a speaker is about: "asked whether ...", "when asked about the plan"
QUESTION_MARKS = frozenset("whether if".split())
QUESTION_PREPS = frozenset("about on over regarding".split())


def _asked_question(t: Token, lex: Lexicon) -> bool:
    """A question put to the speaker ("Asked whether China would send troops, Wang said ...",
    "When asked about the plan, he said", "Asked to comment on ..., he said"): the reporter's
    question, no request between actors. Only a passive "asked" with no ``by`` agent: "Putin was
    asked by Xi to mediate" is a request."""
    if _lemma(t) != "ask" or t.tag_ != "VBN":
        return False
    kids = list(t.children)
    if any(c.dep_ in ("nsubj", "dobj", "agent") for c in kids):
        return False
    xcomp = next((c for c in kids if c.dep_ == "xcomp"), None)
    if xcomp is not None:
        return _lemma(xcomp) in lex.cues["comment_acts"]["verbs"]
    if t.dep_ not in ("advcl", "ROOT", "conj") and not any(c.dep_ == "auxpass" for c in kids):
        return False
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in QUESTION_PREPS:
            return True
        if c.dep_ == "ccomp" and any((x.dep_ == "mark" and x.lower_ in QUESTION_MARKS)
                                     or x.tag_ in ("WDT", "WP", "WRB") for x in c.children):
            return True
    return not any(c.dep_ in ("ccomp", "prep", "dative") for c in kids)  # "When asked, he said"


def _gerund_rows(t: Token, lex: Lexicon) -> list[Trigger]:
    """The verb rows of a noun in -ing that has none of its own ("intelligence sharing")."""
    w = t.lower_
    if not (w.endswith("ing") and len(w) > 5):
        return []
    stem = w[:-3]
    for base in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
        rows = [r for r in lex.by_lemma.get(base, ()) if r.pos != "NOUN"]
        if base and rows:
            return rows
    return []


def _plural_rows(t: Token, lex: Lexicon) -> list[Trigger]:
    """Noun rows of a plural the lemmatizer got wrong ("taxes" -> "taxis"): the regular singulars
    (-s, -es, -ies -> -y), tried only when neither the lemma nor the word itself has rows."""
    w = t.lower_
    if t.tag_ not in ("NNS", "NNPS") or not w.endswith("s") or len(w) < 4:
        return []
    for base in (w[:-1], w[:-2] if w.endswith("es") else "", w[:-3] + "y" if w.endswith("ies") else ""):
        rows = [r for r in lex.by_lemma.get(base, ()) if r.pos != "VERB"] if base else []
        if rows:
            return rows
    return []


def _match(t: Token, lex: Lexicon) -> Trigger | None:
    rows = lex.by_lemma.get(_lemma(t)) or lex.by_lemma.get(t.lower_) or _plural_rows(t, lex)
    if not rows and t.pos_ == "NOUN":
        rows = _gerund_rows(t, lex)
        if rows:
            for row in rows:
                if all(g & _neighbourhood(t) for g in row.groups) and not row.excluded & _neighbourhood(t):
                    return row
            return None
    if not rows:
        return None
    is_verb = _is_verb(t)
    is_noun = _is_noun(t)
    near: set[str] | None = None
    blocked = _blocked_objects(t, lex) if is_verb else frozenset()
    for row in rows:
        if (row.pos == "VERB" and not is_verb) or (row.pos == "NOUN" and not is_noun):
            continue
        if blocked and not any(blocked & g for g in row.groups):
            continue  # "meet the requirements": the object makes it no meeting (unless the row asks for it)
        if row.groups or row.excluded:
            if near is None:
                near = _neighbourhood(t)
            if not all(g & near for g in row.groups) or row.excluded & near:
                continue
        return row
    return None


def _blocked_objects(t: Token, lex: Lexicon) -> frozenset[str]:
    """Lemmas of the verb's direct objects (or passive subjects) with which it names no event
    (frames.json ``object_excludes``; ``subject_excludes`` for subjects): "have to meet the requirements", "to meet its targets" are
    satisfying a norm, not meetings. Conjoined objects count ("meet the targets and standards")."""
    out: set[str] = set()
    for key, deps in (("object_excludes", ("dobj", "nsubjpass")), ("subject_excludes", ("nsubj",))):
        # subject_excludes: "statistics support the perception" is evidence, not an actor's support
        words = lex.cues.get(key, {}).get(_lemma(t))
        if not words:
            continue
        objs = [c for c in t.children if c.dep_ in deps]
        if "nsubj" in deps:  # a passive's agent is its subject: "have been hit by scandal"
            objs += _agents(t)
        if not objs and "nsubj" in deps and t.dep_ == "conj":
            # a verb conjoined to another shares its subject: "sales had risen and threaten to ..."
            objs = [c for c in t.head.children if c.dep_ == "nsubj"]
        objs += [x for o in objs for x in o.children if x.dep_ == "conj"]
        # the head word of a name counts too: "Typhoon Haikui hit Taiwan"
        objs += [x for o in objs if o.pos_ == "PROPN" for x in o.children if x.dep_ == "compound"]
        out |= {_lemma(o) for o in objs} & set(words)
    return frozenset(out)


def _clause_verb(t: Token) -> Token | None:
    """The verb whose clause the trigger belongs to (itself for a verb)."""
    x = t
    for _ in range(5):
        if x.pos_ in VERB_POS and x.dep_ not in ("aux", "auxpass"):
            return x
        if x.head == x:
            return None
        x = x.head
    return None


@dataclass(eq=False)
class Candidate:
    token: Token
    row: Trigger | None  # None for frame words (commit/willing) that are not triggers themselves
    type: str | None
    mode: str | None
    embedded: list["Candidate"] = field(default_factory=list)
    consumed_by: "Candidate | None" = None
    frame: str | None = None  # commit / willing / threaten / refuse for frame words
    asserted: bool = True  # False: can be governed by a frame ("any attempt to seize") but is no event alone
    decided: bool = False  # the act it governs was decided, not yet done ("agreed to widen sanctions")


class SentenceCoder:
    """Codes the events of one parsed sentence doc. Holds the per-sentence indexes."""

    def __init__(self, doc: Doc, lex: Lexicon):
        self.doc = doc
        self.lex = lex
        self.ctx = doc._.ctx
        self.offset = self.ctx.start if self.ctx is not None else 0
        # doc.ents is rebuilt on every access. A place that names a text is no place: "in
        # accordance with the Minsk Agreements" happens nowhere near Minsk
        self.ents = [e for e in doc.ents if not _names_document(doc, e.end)]
        self.mentions: dict[int, ActorMention] = {}
        for m in self._known_persons(doc._.actors or []):
            s, e = m.start - self.offset, m.end - self.offset
            for tok in tokens_in(doc, s, e, whole=True):
                self.mentions[tok.i] = m
        self.actors_mod = _actors_module()
        # "KUALA LUMPUR, March 3 - Zaire agreed": the place that filed the story acts in nothing
        self.dateline = dateline_tokens(doc)
        self.cand_types: dict[int, str | None] = {}  # the candidates' tokens and their types
        self._times: dict[str | None, list[Any]] = {}

    def _visiting_guest(self, t: Token) -> Actor | None:
        """The person or state named right after a participle "visiting" that has no subject of
        its own: the guest in "met visiting Russian Foreign Minister Sergei Lavrov"."""
        if t.lower_ != "visiting" or t.dep_ == "ROOT" or any(c.dep_ in SUBJECT_DEPS for c in t.children) \
                or t.i + 1 >= len(self.doc):
            return None
        m = self.mentions.get(t.i + 1)
        return m.actor if m is not None and m.actor.country else None

    def _known_persons(self, mentions: list[ActorMention]) -> list[ActorMention]:
        """A person named later by part of the name ("De Croo" after "Belgian Foreign Trade Minister
        Herman De Croo") is the person named in full earlier in the document, with that person's
        country. Persons with a country are remembered per document as they are met."""
        if self.ctx is None:
            return list(mentions)
        known: dict[str, Actor] = self.ctx.doc.memory.setdefault(PERSONS_KEY, {})
        out = []
        for m in mentions:
            a = m.actor
            if a.type == "person" and a.country:
                known[a.name.lower()] = a
            elif a.type == "person" and not a.country and not m.members:
                short = " " + m.text.strip().lower()
                full = {k: v for k, v in known.items() if k.endswith(short)}
                if len({v.country for v in full.values()}) == 1:  # one country: no ambiguity
                    m = dataclasses.replace(m, actor=next(iter(full.values())))
            out.append(m)
        return out

    # -- which tokens are events ---------------------------------------------------------------
    def _noun_fires(self, t: Token) -> bool:
        """A noun trigger asserts an event only in an event-reporting construction.

        "held talks", "imposed sanctions on" (object of a light verb), "talks took place"
        (subject of an occurrence predicate), "Russia's invasion of Ukraine ..." (a possessor or
        nationality naming who acts), or a headline fragment. "cooperation has grown" does not.
        """
        lex = self.lex
        pos = self._np_position(t)
        if pos.dep_ == "pobj" and pos.head.dep_ == "prep" and lex.has("occasion_preps", pos.head.lower_) \
                and any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in t.children) \
                and getattr(_match(t, lex), "type", None) == "CONSULT":
            # "after two days of talks between Sylla and Musa", "during a meeting with the Soviet team":
            # the meeting at which another act took place, when its parties are named. Not "after 12
            # days of battles with ..." nor "during Sharif's visit": background to the reported act
            return True
        if pos != t:
            return self._noun_fires(pos)
        if t.dep_ in ("compound", "amod") and t.head.pos_ in NOUN_POS:
            return False
        h = t.head
        if t.dep_ == "ROOT" or self._drawn_from(t):
            return True
        if t.dep_ == "conj":
            return self._noun_fires(h) if h.pos_ in NOUN_POS and h != t else False
        if t.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and h.pos_ in VERB_POS:
            if _verb_keys(h) & lex.sets["light_verbs"]:
                return True
        if t.dep_ == "pobj" and h.dep_ == "prep":
            # "took part in talks", "went on strike", "entered into negotiations"
            if self._light_prep_object(t):
                return True
            # "responding to a warning by Turkey", "in reaction to Russia's annexation": a reply
            # presupposes the act it answers, when the act's doer is named
            if self._replier(t) is not None and self._agent_modifiers(t):
                return True
        if t.dep_ == "nsubj" and h.pos_ in VERB_POS and self._measures_duration(h):
            return False  # "as Russia's invasion enters its second year": an ongoing background event
        if t.dep_ in ("nsubj",) and h.pos_ in VERB_POS and lex.has("occurrence_predicates", _lemma(h)):
            return True
        if t.dep_ in ("nsubj", "nsubjpass") and self._agent_modifiers(t):
            return True
        return False

    def _light_prep_object(self, t: Token) -> bool:
        """Is ``t`` the object of a verb + preposition pair whose object is an event ("went on
        strike", "arrived for talks")?"""
        h = t.head
        return t.dep_ == "pobj" and h.dep_ == "prep" and \
            _lemma(h.head) in self.lex.cues["light_prep_verbs"].get(h.lower_, ()) and \
            not _blocked_objects(h.head, self.lex)  # "provided the money market with assistance"

    def _replier(self, t: Token) -> Token | None:
        """The verb of the clause that answers the noun trigger ``t`` ("responding to a warning by
        Turkey", "in reaction to Russia's annexation"), if it is the object of a reply word."""
        h = t.head
        if t.dep_ == "pobj" and h.dep_ == "prep" and h.lower_ == "to" and self.lex.has("reply_words", _lemma(h.head)):
            return h.head if h.head.pos_ in VERB_POS else _clause_verb(h.head)
        return None

    def _measures_duration(self, v: Token) -> bool:
        """Does the predicate measure how long its subject has lasted ("enters its second year",
        "marks its first anniversary", "reached its 100th day")? Its subject is then an event
        begun earlier and mentioned as background, not news of a new act."""
        return any(c.dep_ in ("dobj", "npadvmod", "attr") and self.lex.has("duration_objects", _lemma(c))
                   and any(d.dep_ in ("amod", "nummod", "poss") and (d.like_num or d.tag_ in ("JJ", "PRP$", "CD"))
                           for d in c.children)
                   for c in v.children)

    def _agent_modifiers(self, n: Token) -> list[Token]:
        """Possessors and nationality/compound modifiers of a noun that name an actor."""
        out = []
        for c in n.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and (c.i in self.mentions or self._has_mention(c)):
                out.append(c)
            elif c.dep_ == "prep" and c.lower_ == "by":  # "the invasion of Kuwait by Iraq"
                out += [p for p in c.children if p.dep_ == "pobj" and self._has_mention(p)]
        return out

    def _has_mention(self, t: Token) -> bool:
        return any(x.i in self.mentions for x in t.subtree)

    def candidates(self) -> list[Candidate]:
        lex = self.lex
        out: list[Candidate] = []
        named = {t.i for e in self.ents if lex.has("name_labels", e.label_) for t in e}
        for t in self.doc:
            if t.i in named:
                continue  # "March" the month, "Strike" in a name
            row = _match(t, lex)
            if row is not None:
                if _is_verb(t):
                    if t.dep_ in ("amod", "compound") or (t.dep_ == "acl" and t.tag_ == "VBN"):
                        continue  # "the agreed plan", "soldiers killed in the fighting": background
                    if _anonymity(t):
                        continue  # "an aide who asked not to be identified said": a source's condition
                    if _asked_question(t, lex):
                        continue  # "Asked whether ..., Wang said": a reporter's question
                    out.append(Candidate(t, row, row.type, row.mode, asserted=not self._nominal_complement(t)))
                    continue
                if _is_noun(t):
                    fires = self._noun_fires(t)
                    if fires or self._governed(t):
                        out.append(Candidate(t, row, row.type, row.mode, asserted=fires))
                    continue
                out.append(Candidate(t, row, row.type, row.mode))
                continue
            frame = "demand" if self._demand(t) else self._frame_word(t)
            if frame is not None:
                out.append(Candidate(t, None, None, None, frame=frame))
        return out

    def _demand(self, t: Token) -> bool:
        """Does ``t`` tell another party what it must do without a verb of demanding? A report
        ("said Sudan must return the refugees", "will tell Koizumi that Japan needs to reform",
        "a stern reminder to Israel that it must cooperate") whose complement has a deontic modal
        or "need to" / "have to", or a wish about another party ("wants Germany to pay"). The
        obliged party must be someone other than the speaker ("we must", "the two countries should"
        are no demand)."""
        lex = self.lex
        lem = _lemma(t)
        if lem == "give" and t.pos_ in VERB_POS:
            return self._deadline_given(t)
        wants = lex.has("demand_wants", lem) and t.pos_ in VERB_POS
        if not (wants or lex.has("deontic_heads", lem)):
            return False
        speaker = {a.country for a in self._speaker(t) if a.country}
        if not speaker:
            return False  # an unplaced speaker cannot be told apart from the obliged party
        told = [t] if t.pos_ in VERB_POS else [t] + ([t.head] if t.dep_ == "dobj" else [])  # "issued a reminder to X"
        addressee = [x for h in told for x in h.children if x.dep_ in ("dobj", "dative") and x != t] + \
            [p for h in told for x in h.children if x.dep_ == "prep" and x.lower_ == "to"
             for p in x.children if p.dep_ == "pobj"]
        for x in t.children:
            if wants:
                if x.dep_ not in ("ccomp", "xcomp"):
                    continue
                obliged = [sj for sj in x.children if sj.dep_ in SUBJECT_DEPS] or \
                    [o for o in t.children if o.dep_ in ("dobj", "dative")]
                if not obliged or x.tag_ != "VB":
                    continue  # "wants to visit": the subject's own wish (a willing frame)
            else:
                if x.dep_ not in ("ccomp", "acl", "appos"):
                    continue
                deontic = any(a.dep_ == "aux" and lex.has("deontic_modals", a.lower_) for a in x.children) or (
                    lex.has("deontic_verbs", _lemma(x)) and any(c.dep_ == "xcomp" for c in x.children))
                if not deontic:
                    continue
                obliged = [sj for sj in x.children if sj.dep_ in SUBJECT_DEPS]
                if not obliged:
                    continue
            who = [a for o in obliged for a in self.actors_of(o)]
            if not any(a.country for a in who) and addressee:
                who = [a for o in addressee for a in self.actors_of(o)]  # "reminded Mali that its troops should"
            countries = {a.country for a in who if a.country}
            if countries and not countries & speaker:
                return True
        return False

    def _opinion_of(self, v: Token) -> bool:
        """Is ``v`` the "to be" passive a verb of opinion holds ("consider her to be detained",
        "deemed it to be seized"; frames.json ``opinion_verbs``)?"""
        passive_inf = any(a.lower_ == "to" for a in v.children) and any(
            a.dep_ == "auxpass" and a.lower_ == "be" for a in v.children)
        return passive_inf and v.head != v and self.lex.has("opinion_verbs", _lemma(v.head))

    def _signs(self, c: Candidate) -> bool:
        """Is the candidate the signing of an agreement ("to sign a security cooperation agreement")?"""
        return _lemma(c.token) == "sign" and any(
            o.dep_ == "dobj" and getattr(_match(o, self.lex), "type", None) == "AGREE"
            for o in c.token.children)

    def _immediate(self, v: Token) -> bool:
        """Does the clause of ``v`` say it takes effect at once ("with immediate effect", "effective
        immediately")?"""
        words = " ".join(x.lower_ for x in v.subtree)
        return "with immediate effect" in words or "effective immediately" in words

    def _deadline_given(self, t: Token) -> bool:
        """An ultimatum: "has given Mr Maduro until the end of November to start releasing political
        prisoners" tells another party what to do by when (CAMEO 10, a demand)."""
        until = [c for c in t.children if c.dep_ == "prep" and c.lower_ in ("until", "till")]
        # the parser hangs the infinitive on the verb or inside the deadline ("until the end of
        # November to start releasing")
        todo = [x for x in t.children if x.dep_ in ("advcl", "xcomp") and _to_infinitive(x)] + \
            [x for c in until for x in c.subtree if x.dep_ == "acl" and _to_infinitive(x)]
        by_when = bool(until) or any(w.lower_ in ("until", "till") and w.i < x.i
                                     for x in todo for w in x.subtree)
        if not (todo and by_when):
            return False
        speaker = {a.country for a in self._speaker(t) if a.country}
        told = {a.country for o in t.children if o.dep_ in ("dobj", "dative")
                for a in self.actors_of(o) if a.country}
        return bool(told - speaker)

    def _speaker(self, t: Token) -> list[Actor]:
        """Who says or wants ``t``: the subject of the verb (or of the clause a noun sits in)."""
        v = t if t.pos_ in VERB_POS else _clause_verb(t)
        if v is None:
            return []
        subj, _ = self._subject_tokens(v)
        return _unique(a for sj in subj for a in self._resolve(sj))

    def _nominal_complement(self, t: Token) -> bool:
        """A non-finite verb that completes a noun ("consensus on upgrading relations", "efforts to
        expand cooperation", "proposals ... supporting all efforts") describes an idea, not an act,
        unless the noun is a frame word ("eagerness to cooperate") or a consuming trigger."""
        if t.tag_ not in ("VB", "VBG"):
            return False
        x = t
        while x.dep_ == "conj" and x.head != x:
            x = x.head
        h = x.head
        if x.dep_ == "pcomp" and h.dep_ == "prep":
            h = h.head
        elif x.dep_ not in ("acl", "appos", "advcl"):
            return False
        if h.pos_ not in NOUN_POS:
            return False
        return self._frame_word(h) is None and _match(h, self.lex) is None

    def _refused_comment(self, t: Token) -> bool:
        """Is what ``t`` ("declined", "refused") refuses only a comment: "declined to comment",
        "refused to give details of the talks"?"""
        acts = self.lex.cues["comment_acts"]
        for x in t.children:
            if x.dep_ != "xcomp":
                continue
            if _lemma(x) in acts["verbs"]:
                return True
            if _lemma(x) in acts["givers"]:
                return any(o.dep_ == "dobj" and _lemma(o) in acts["objects"] for o in x.children)
        return False

    def _frame_word(self, t: Token) -> str | None:
        """The frame kind ('commit', 'willing', 'threaten', 'refuse') of a word that is no trigger
        itself but governs one ("vowed to", "is ready to", "look forward to", "warned that", "declined to")."""
        if _lemma(t) not in self.lex.sets["frame_heads"]:
            return None
        keys = {_lemma(t)} | {f"{_lemma(t)}+{c.lower_}" for c in t.children}
        for kind in ("commit", "willing", "threaten", "refuse"):
            if keys & self.lex.sets["frame_" + kind]:
                if _lemma(t) == "open" and t.pos_ != "ADJ":
                    return None  # "is open to talks", not "opened the border"
                return kind
        return None

    def _governed(self, t: Token) -> bool:
        """Is a noun in the complement of a consuming word (``demanded the release``)? Then it
        counts as that word's embedded act even though it is not itself asserted."""
        x = t
        for _ in range(6):
            if x.dep_ not in COMPLEMENT_DEPS or x.head == x or self._adjunct(x):
                return False
            x = x.head
            row = _match(x, self.lex)
            if row is not None and self.lex.has("frame_consume_types", row.type):
                return True
            if self._frame_word(x) is not None:
                return True
        return False

    def link(self, cands: list[Candidate]) -> list[Candidate]:
        """Attach each candidate to the nearest consuming word above it; return the top level."""
        by_token = {c.token.i: c for c in cands}
        for c in cands:
            g = by_token.get(c.token.head.i)
            if _is_noun(c.token) and c.token.dep_ in ("dobj", "nsubjpass", "attr", "oprd") \
                    and g is not None and g is not c and _is_verb(g.token) and g.frame is None:
                if not self._object_wins(g.token, c):
                    # "lifted sanctions", "signed an agreement": the verb says what happened to the noun
                    c.consumed_by = g
                    g.embedded.append(c)
                    continue
                g.consumed_by = c  # "approved a $3 billion bailout": the bailout is the event
                c.embedded.append(g)
            x = g.token if c.embedded and g is not None and g in c.embedded else c.token
            for _ in range(8):
                if x.dep_ not in COMPLEMENT_DEPS or x.head == x:
                    break
                if x.dep_ == "conj" and x.head.i in by_token:
                    break  # "met and announced": coordinated acts are separate events
                if self._adjunct(x) or self._describes(x):
                    break  # "agreed to a ceasefire after two days of fighting": a circumstance, not the content
                prev, x = x, x.head
                g = by_token.get(x.i)
                if g is None and prev.dep_ == "advcl" and _to_infinitive(prev):
                    # "renewed an appeal to Turkey to extradite ...": the infinitive completes the
                    # appeal the light verb's object names, not the light verb
                    g = next((by_token[o.i] for o in x.children if o.dep_ == "dobj" and o.i in by_token
                              and by_token[o.i].type and self.lex.has("frame_consume_types", by_token[o.i].type)
                              and by_token[o.i].type in ("REQUEST", "AGREE", "THREATEN", "REJECT")), None)
                    if g is not None and g is not c:
                        c.consumed_by = g
                        g.embedded.append(c)
                        break
                if g is None or g is c:
                    continue
                if self._reason_of(prev, g):
                    c.consumed_by = g  # "sanctioned two firms for supplying Russia": the firms' act, a reason
                    break
                if g.row is None and g.frame in ("commit", "willing") and prev.dep_ in ("dobj", "nsubj", "attr"):
                    continue  # "(agreed to) undertake joint exercises": a frame word with a plain object is a light verb
                if g.frame is not None or (g.type and self.lex.has("frame_consume_types", g.type)):
                    if c.token.dep_ == "advcl" and x == c.token.head and c.token.pos_ in VERB_POS \
                            and g.frame is None:
                        break  # "met in Beijing to discuss ...": a purpose clause is its own act
                    if c.token.dep_ == "xcomp" and x == c.token.head and g.frame is None \
                            and g.type == "CONSULT" and _to_infinitive(c.token) and self._signs(c):
                        break  # "visited Warsaw to sign a security agreement": the signing is news of its own
                    c.consumed_by = g
                    g.embedded.append(c)
                break
        return [c for c in cands if c.consumed_by is None and c.asserted]

    def _object_wins(self, verb: Token, obj: Candidate) -> bool:
        """Is the object noun, not the light verb over it, the event ("approved a bailout",
        "offered support for the plan")?"""
        lem = _lemma(verb)
        return self.lex.has("object_wins", lem) or lem in self.lex.cues["object_wins_by_type"].get(obj.type or "", ())

    def _describes(self, x: Token) -> bool:
        """Is ``x`` a participial or relative modifier of a noun ("ties frayed by a threat to
        boycott", "the group that has seized ...")? An infinitival relative is a complement ("a
        call for its forces to be deployed")."""
        if x.dep_ == "relcl":
            return not _to_infinitive(x)
        return x.dep_ == "acl" and x.tag_ in ("VBN", "VBG") and x.head.pos_ in NOUN_POS

    def _meeting_topic(self, t: Token) -> bool:
        """Is ``t`` a verb of talking about something in the purpose clause of a meeting ("met
        Putin in Moscow to discuss the war in Ukraine")? What it is about is no party to it."""
        return self.lex.has("topic_verbs", _lemma(t)) and t.dep_ in ("advcl", "xcomp") and \
            self.cand_types.get(t.head.i) == "CONSULT"

    def _reason_of(self, p: Token, g: Candidate) -> bool:
        """Is ``p`` a "for" phrase giving the reason of a punitive act ``g`` ("sanctioned two firms
        for supplying Russia", "arrested three Britons for smuggling")? The act in it is the
        target's, alleged, and no act of ``g``'s subject."""
        reason = self.lex.cues["reason_preps"]
        return p.dep_ == "prep" and p.lower_ == "for" and g.type in reason["types"]

    def _continues_reason(self, h: Token, p: Token) -> bool:
        """Does the phrase ``p`` on ``h`` follow right after a reason phrase on ``h`` ("sanctions on
        Iran over its drone deliveries | to Russia")? The parser hangs it on the verb; it belongs
        to the reason."""
        preps = self.lex.cues["reason_preps"]["preps"]
        return any(q.dep_ == "prep" and q.lower_ in preps and q.i < p.i and q.right_edge.i == p.i - 1
                   for q in h.children)

    def _adjunct(self, x: Token) -> bool:
        """Is ``x`` the top of a circumstance rather than a complement: a temporal or causal
        prepositional phrase ("after two days of fighting", "despite the attack") or an adverbial
        clause with a subordinator ("if it is attacked", "when troops fired")?"""
        if x.dep_ == "prep" and self.lex.has("adjunct_preps", x.lower_):
            return True
        if x.dep_ == "prep" and x.lower_ == "at" and any(
                getattr(_match(o, self.lex), "type", None) == "CONSULT"
                and not any(p.dep_ == "prep" and p.lower_ in ("with", "between") for p in o.children)
                for o in x.children if o.dep_ == "pobj"):
            # "charged at the meeting that ...": the meeting is where, not what, it charged. Not "offer
            # a draft treaty at talks with the Soviet Union": the talks name whom it is offered to
            return True
        if x.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ not in ("to", "so", "in", "order", "for", "that")
                                    for m in x.children):
            return True
        return False

    def resolve_type(self, c: Candidate) -> tuple[str | None, str | None]:
        """Final type and mode of a top-level candidate given what it governs (codebook rules)."""
        lex = self.lex
        inner = [e for e in c.embedded if e.type]
        inner_types = [self.resolve_type(e)[0] if e.embedded else e.type for e in inner]
        first = inner[0] if inner else None
        if c.frame == "threaten":
            if not inner:
                if self._declared_conditional(c.token) or self._consequences(c.token) is not None:
                    return "THREATEN", None  # "warning that the US will take measures if China does not ..."
                return None, None
            e = next((e for e, t in zip(inner, inner_types) if lex.has("hostile_types", t or "")), inner[0])
            return "THREATEN", self._frame_mode("THREATEN", e)
        if c.frame == "demand":
            return "REQUEST", self._frame_mode("REQUEST", first) if first is not None else "change"
        if (c.frame == "refuse" or c.type == "REJECT") and self._refused_comment(c.token):
            return None, None  # "declined to comment": a statement (CAMEO 011), no PLOVER type
        if c.frame == "refuse":
            if first is not None:
                return "REJECT", self._frame_mode("REJECT", first)
            if any(ch.dep_ == "xcomp" for ch in c.token.children):
                return "REJECT", None  # "refused to ..." whatever is refused
            return None, None
        is_commit = c.frame in ("commit", "willing") or (c.type == "AGREE" and c.row is not None
                                            and lex.has("frame_commit", c.row.lemma))
        if is_commit:
            kept = [(e, t) for e, t in zip(inner, inner_types) if not self._finding(c.token, e.token)]
            if inner and not kept and c.row is None:
                return None, None  # "Canada decided pasta imports did not injure producers": a ruling, no promise
            inner, inner_types = [e for e, _ in kept], [t for _, t in kept]
            hostile = [(e, t) for e, t in zip(inner, inner_types) if lex.has("hostile_types", t or "")]
            if hostile and all(self._stopped(e.token, c.token) for e, _ in hostile):
                # "agreed to stop shooting", "agreed to end the war": a promised end of hostilities,
                # as a promised ceasefire is (CONCEDE, codebook: "declarations ... of ceasefires"),
                # not the hostile act it ends
                return "CONCEDE", None
            if hostile:
                e, et = hostile[0]
                if lex.has("frame_decide", _lemma(c.token)):
                    c.decided = True  # "the EU agreed to widen sanctions": a decided sanction, not a threat
                    return et, e.mode
                return "THREATEN", self._frame_mode("THREATEN", e)
            if any(lex.has("retreat_types", t or "") for t in inner_types):
                return "CONCEDE", None
            if inner or c.row is not None:
                return "AGREE", None
            if lex.has("willing_bare", _lemma(c.token)) and any(
                    ch.dep_ in ("xcomp", "acl", "ccomp") and not any(a.dep_ == "auxpass" for a in ch.children)
                    for ch in c.token.children):
                return "AGREE", None  # "is ready to contribute": willingness to act, whatever the act
            return None, None
        if c.type in ("THREATEN", "REQUEST", "REJECT") and first is not None and not c.mode:
            return c.type, self._frame_mode(c.type, first)
        return c.type, c.mode

    def _stopped(self, t: Token, head: Token) -> bool:
        """Is the act at ``t`` stopped or ended by a word between it and ``head`` ("agreed to stop
        shooting", "agreed to an end to their war")?"""
        for x in t.ancestors:
            if x == head:
                return False
            if self.lex.has("frame_negate", _lemma(x)) or _lemma(x) in ENDING_WORDS:
                return True
        return False

    def _finding(self, head: Token, t: Token) -> bool:
        """Is the act at ``t`` a finding the commit word ``head`` reports rather than an act it
        promises? A finite clause with its own subject, in the past or present and without a modal
        or future ("decided the imports did not injure producers", "agreed that talks had failed"),
        states what is the case; "decided it would attack" and "agreed to attack" promise."""
        v = t if t.pos_ in VERB_POS else _clause_verb(t)
        if v is None or v.dep_ != "ccomp" or v.head != head:
            return False
        auxes = [a for a in v.children if a.dep_ in ("aux", "auxpass")]
        finite = v.tag_ in ("VBD", "VBZ", "VBP") or any(a.tag_ in ("VBD", "VBZ", "VBP") for a in auxes)
        if not finite or not any(ch.dep_ in ("nsubj", "nsubjpass") for ch in v.children):
            return False
        return not any(self.lex.has("planned_aux", a.lower_) or self.lex.has("hypothetical_modals", a.lower_)
                       for a in auxes)

    def _consequences(self, t: Token) -> Token | None:
        """The clause of a warning that says someone will bear the consequences ("warned that the
        Houthi rebels would bear the consequences", "will pay a heavy price"): a threat, aimed at
        that clause's subject (frames.json ``consequence_verbs``; a price only with one of
        ``threat_prices``, not "consumers will pay a higher price"). Returns the clause's verb."""
        def threatened(o: Token) -> bool:
            return o.dep_ == "dobj" and (_lemma(o) == "consequence" or (_lemma(o) == "price" and any(
                self.lex.has("threat_prices", m.lower_) for m in o.children)))

        for ch in t.children:
            if ch.dep_ not in ("ccomp", "acl"):
                continue
            for v in [ch] + [c for c in ch.children if c.dep_ == "conj"]:
                if self.lex.has("consequence_verbs", _lemma(v)) and any(threatened(o) for o in v.children):
                    return v
        return None

    def _declared_conditional(self, t: Token) -> bool:
        """Does a warning's reported clause declare an act ("will", "would") on a condition
        ("if" / "unless") on a named party? Then the warning is a threat whatever the act ("take appropriate measures")."""
        for ch in t.children:
            if ch.dep_ != "ccomp":
                continue
            declared = any(a.dep_ == "aux" and (self.lex.has("planned_aux", a.lower_) or a.lower_ == "would")
                           for a in ch.children)
            # the condition is on another party ("if China does not end ..."), not on the weather
            # of the economy ("the economy will slow if prices rise" is a forecast)
            if declared and self._party_condition(ch):
                return True
        return False

    def _frame_mode(self, typ: str, e: Candidate) -> str | None:
        table = self.lex.cues["frame_modes"][typ]
        et = e.type or ""
        if e.mode and f"{et}/{e.mode}" in table:
            return table[f"{et}/{e.mode}"]
        return table.get(et, table.get("default"))

    # -- participants ------------------------------------------------------------------------------
    def actors_of(self, t: Token, depth: int = 0, preps: tuple[str, ...] = ("of", "from")) -> list[Actor]:
        """Actors a noun phrase names: its own mention, collective members, conjuncts, and, when its
        head names no country, the nationality / ``of`` / ``from`` modifiers ("the heads of China
        and Russia", "Japanese seafood", "U.S. journalist Evan Gershkovich")."""
        out: list[Actor] = []
        m = self.mentions.get(t.i)
        if m is not None and self._proxy(m.end - self.offset, t):
            m = None  # "a Russia-led alliance" is not Russia
        if m is not None:
            out.extend(m.members or (m.actor,))
        if not any(a.country for a in out) and depth < 4:
            for c in t.children:
                if c.dep_ in ("amod", "compound", "poss", "nmod", "appos", "npadvmod"):
                    out.extend(self.actors_of(c, depth + 1, preps))
            if not any(a.country for a in out):  # "China's proposal for Ukraine" is China's
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ in preps and not (
                            # "the Embassy in Minsk" is no Belarus
                            c.lower_ == "in" and self.lex.has("mission_nouns", _lemma(t))):
                        for p in c.children:
                            if p.dep_ == "pobj":
                                out.extend(self.actors_of(p, depth + 1, preps))
            if not out and t.i not in self.dateline:
                out.extend(self._named_country(t))
            if not any(a.country for a in out):
                out.extend(self._acl_actors(t, depth))
        for c in t.children:
            if c.dep_ == "conj" and (m is None or c.i not in self.mentions or self.mentions[c.i] is not m):
                out.extend(self.actors_of(c, depth + 1, preps))
            elif c.dep_ in ("amod", "compound", "nmod") and m is not None:
                # "Israeli and Palestinian officials", "U.S. and Chinese negotiators": the mention
                # covers only the nearer demonym
                for cc in [c] + [x for x in c.children if x.dep_ == "conj"]:
                    if self.mentions.get(cc.i, m) is not m or (cc.i not in self.mentions and cc != c):
                        out.extend(self.actors_of(cc, depth + 1, preps))
            elif c.dep_ == "nummod" and c.i < t.i:
                # "two Russian and two Chinese bombers": the first demonym hangs from its number
                out.extend(a for x in c.children if x.dep_ == "amod" and self.mentions.get(x.i, m) is not m
                           for a in self.actors_of(x, depth + 1, preps))
            elif c.dep_ in ("npadvmod", "compound", "nmod", "amod") and m is not None and c.i + 2 <= t.i \
                    and t.doc[c.i + 1].text == "-" and self.mentions.get(c.i, m) is not m:
                # the first of a hyphenated pair hangs from the second: "US-South Korean exercises"
                out.extend(self.actors_of(c, depth + 1, preps))
        return _unique(out)

    def _proxy(self, end: int, t: Token | None = None) -> bool:
        """Is the name ending at ``end`` (sentence offset) the first half of "X-backed", "X-led"?
        "X-led forces" (troops, an army, a coalition) are X's own forces, as event coders read them."""
        m = re.match(r"\s*-\s*([a-z]+)", doc_text(self.doc)[end:end + 16].lower())
        if not (m and self.lex.has("proxy_suffixes", m.group(1))):
            return False
        if m.group(1) == "led" and t is not None:
            head = t
            while head.dep_ in ("amod", "compound", "npadvmod", "nmod") and head.head != head:
                head = head.head
            if self.lex.has("own_forces", _lemma(head)):
                return False
        return True

    def _acl_actors(self, t: Token, depth: int) -> list[Actor]:
        """Countries a reduced relative clause gives a noun: "drones launched by Russia",
        "militants based in Afghanistan"."""
        out: list[Actor] = []
        for c in t.children:
            if c.dep_ != "acl" or c.tag_ != "VBN":
                continue
            for p in c.children:
                if p.dep_ == "agent" or (p.dep_ == "prep" and p.lower_ == "in"
                                         and self.lex.has("based_verbs", _lemma(c))) or (
                        # "lift the restrictions placed on Venezuela's energy sector": whom they bind
                        p.dep_ == "prep" and p.lower_ in ("on", "against")
                        and self.lex.has("impose_verbs", _lemma(c))):
                    for o in p.children:
                        if o.dep_ == "pobj":
                            out.extend(self.actors_of(o, depth + 1))
        return out

    def _named_country(self, t: Token) -> list[Actor]:
        """The country a place or nationality word names when the actor resolver made no mention
        of it (a demonym on an ordinary noun is no actor for ``bilat.actors``, but it is the
        target of "banned imports of Japanese seafood")."""
        if self.actors_mod is None:
            return []
        origin = ORIGIN_RE.match(t.text)
        if origin and t.ent_type_ not in ("NORP", "GPE", "LOC"):
            # "U.S.-made parts", "Japanese-built ships": goods of that country (not a proxy like "X-led")
            iso = self.actors_mod.lookup_country(origin.group(1))
            return [self.actors_mod.country_actor(iso)] if iso else []
        ent = next((e for e in self.ents if e.start <= t.i < e.end), None)
        if t.ent_type_ not in ("NORP", "GPE", "LOC") and not (
                # the English model now and then tags a lone nationality word ORG ("Ugandan sugar imports")
                ent is not None and ent.label_ == "ORG" and len(ent) == 1 and t.dep_ in ("amod", "compound")
                and self.actors_mod.lookup_country(t.text)):
            return []
        if self._proxy(ent.end_char if ent is not None else t.idx + len(t.text), t):
            return []  # "Iranian-backed groups" are not Iran
        iso = self.actors_mod.lookup_country(ent.text if ent is not None else t.text)
        return [self.actors_mod.country_actor(iso)] if iso else []

    def _subject_tokens(self, v: Token, hops: int = 0) -> tuple[list[Token], list[Token]]:
        """(agent tokens, patient tokens of a passive) of a verb, inherited from the governing verb
        for controlled and coordinated verbs ("agreed to visit", "met and announced")."""
        subj = [c for c in v.children if c.dep_ in SUBJECT_DEPS]
        patient = [c for c in v.children if c.dep_ == "nsubjpass"]
        agents = _agents(v)
        if patient and not subj and self.lex.has("needs_target", _lemma(v)):
            # "Japan is concerned by China's buildup": Japan feels it, the buildup is the matter
            return patient, []
        if subj and v.tag_ == "VBN" and v.dep_ == "ROOT" and is_title(self.doc) and \
                not any(c.dep_ in ("aux", "auxpass") for c in v.children):
            # a headline's participle is a passive without its auxiliary: "German citizen sentenced
            # to death in Belarus" (the citizen is sentenced)
            return agents, patient + subj
        if subj:
            if subj[0].lower_ in RELATIVE_PRONOUNS and v.dep_ == "relcl":
                return [v.head], patient
            # a headline joins its subjects with a comma ("WEST GERMANY, TANZANIA AGREE ..."): the
            # parse leaves the first as a loose modifier of the verb
            front = [c for c in v.children if c.dep_ == "npadvmod" and c.i < subj[0].i and c.i + 2 == subj[0].i
                     and self.doc[c.i + 1].text == "," and self._has_mention(c)]
            return front + subj, patient
        if agents:
            return agents, patient
        if patient and not subj:
            # "was arrested and charged by the Russian authorities": coordinated passives share the agent
            shared = [p for c in v.children if c.dep_ == "conj" for p in _agents(c)]
            if shared:
                return shared, patient
        if hops < 5 and v.head != v:
            h = v.head
            if v.dep_ == "relcl":
                return [h], patient
            if v.dep_ == "xcomp" and h.pos_ in VERB_POS and self.lex.has("object_control", _lemma(h)):
                # "urged Russia to withdraw", "called on Iran to stop": the object acts
                objs = [c for c in h.children if c.dep_ in ("dobj", "dative")]
                objs += [p for c in h.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                         for p in c.children if p.dep_ == "pobj"]
                if objs:
                    return objs, patient
            if v.dep_ == "pcomp" and h.lower_ == "as" and h.head != h:
                # "citing China as giving support", "described Iran as supplying drones": the
                # object the "as" phrase describes does the act
                objs = [c for c in h.head.children if c.dep_ == "dobj"]
                if objs:
                    return objs, patient
            if v.dep_ == "acl" and h.pos_ in NOUN_POS:  # "eagerness to cooperate": the noun's owner
                owner = self._noun_agents(h)
                hv = _clause_verb(h)
                if not owner and hv is not None and hv != h:
                    owner = self._subject_tokens(hv, hops + 1)[0]
                return owner, patient
            if v.dep_ in ("xcomp", "conj", "advcl", "acomp", "pcomp", "prep", "pobj", "oprd", "attr"):
                # controlled, coordinated and adjunct verbs share the subject above them
                s, p = self._subject_tokens(h, hops + 1)
                if not s and p and v.dep_ == "xcomp":
                    return p, patient  # raising: "Xi is expected to visit Moscow"
                return s, patient or (p if v.dep_ == "conj" and v.tag_ == "VBN" else [])
        return [], patient

    def _noun_agents(self, n: Token) -> list[Token]:
        """Who acts in a noun trigger: "Russia's invasion", "Russian airstrikes", "a visit by Xi".
        A possessor that names no actor ("the Treaty's extension") is not an agent."""
        out = [c for c in n.children if c.dep_ in ("poss", "amod", "compound", "nmod") and self._has_mention(c)]
        out += [p for c in n.children if c.dep_ == "prep" and c.lower_ == "by"
                for p in c.children if p.dep_ == "pobj"]
        return out + self._drawn_from(n)

    def _drawn_from(self, n: Token) -> list[Token]:
        """Who an act drew the noun from ("the tests drew condemnation from Japan", "prompting
        protests from Seoul"): the reaction is theirs. The "from" may hang on the noun or the verb."""
        h = n.head
        if n.dep_ != "dobj" or not self.lex.has("drawing_verbs", _lemma(h)):
            return []
        return [p for x in (n, h) for c in x.children if c.dep_ == "prep" and c.lower_ == "from"
                for p in c.children if p.dep_ == "pobj" and self._has_mention(p)]

    def _between(self, tokens: Iterable[Token]) -> list[Token]:
        return [p for t in tokens for c in t.children if c.dep_ == "prep" and c.lower_ == "between"
                for p in c.children if p.dep_ == "pobj"]

    def participants(self, c: Candidate, typ: str, v: Token | None) -> tuple[list[Actor], list[Actor]]:
        t = c.token
        source_toks: list[Token] = []
        target_toks: list[Token] = []
        if not _is_verb(t):
            # a noun trigger ("held talks with Putin") or a frame adjective ("is willing to ..."):
            # the acting party is the noun's possessor / nationality, else the clause's subject
            source_toks = self._noun_agents(t) if _is_noun(t) else []
            pos = self._np_position(t)
            if not source_toks and v is not None and pos.dep_ not in SUBJECT_DEPS:
                s, patient = self._subject_tokens(v)
                if not s and self._light_prep_object(pos):
                    # "Aqazadeh is expected in Algiers for talks": who is expected comes for the talks
                    s, patient = patient, []
                source_toks = [x for x in s if x != t]
                target_toks += [x for x in patient if x != t and x != pos]
            elif source_toks and v is not None and pos.dep_ in ("dobj", "nsubjpass") and pos.head == v:
                # "PEMEX SIGNS JAPAN LOAN", "Iran accepted a Soviet offer": the noun's modifier acts,
                # the light verb's subject is the other party
                s, _ = self._subject_tokens(v)
                s = [x for x in s if x != t and not any(x.is_ancestor(a) or x == a for a in source_toks)]
                if s and self.lex.has("attending_verbs", _lemma(v)):
                    # "Putin would not attend the G20 summit": who attends takes part; the summit's
                    # owner is the other side
                    source_toks, s = s, source_toks
                elif s and _countries([a for x in s for a in self.actors_of(x)]) & \
                        _countries([a for x in source_toks for a in self.actors_of(x)]):
                    # "Xi reaffirmed China's commitment to ...": the subject speaks for the noun's
                    # owner, its own state; it is the actor, and no other party
                    source_toks, s = s, []
                target_toks += s
            heads = [t] + ([pos] if pos != t else [])
            if v is not None and pos.dep_ not in SUBJECT_DEPS and (
                    pos.head == v or (pos.head.dep_ == "prep" and pos.head.head == v)):
                heads.append(v)
                # "provided Pakistan with a loan": the light verb's other object is the target
                target_toks += [x for x in v.children if x.dep_ in ("dobj", "dative")
                                and x != pos and not x.is_ancestor(t)]
        else:
            s, patient = self._subject_tokens(t)
            source_toks = s
            target_toks += patient
            objs = [x for x in t.children if x.dep_ in ("dobj", "dative", "attr", "oprd")]
            if not self.lex.has("topic_verbs", _lemma(t)):
                target_toks += objs  # "discussed Syria with Turkey": what is discussed is no party
            heads = [t]
            # "established relations with China", "recalled its ambassador to Spain": the object's own
            # preposition names the target when the object names none and is no event itself
            obj_heads = [o for o in objs if o.i not in self.cand_types
                         and not any(a.country for a in self.actors_of(o))]
            told = self._told_addressee(t, typ) if t.dep_ == "conj" and len(obj_heads) == len(objs) else []
            if told:
                # "told Blinken ... and urged a return to a China policy": a speech act coordinated
                # with a telling is addressed to the one told, not to what its object mentions
                target_toks += told
            else:
                target_toks += self._prep_objects(obj_heads, typ, self.lex.sets["object_preps"])
            if typ in ("ACCUSE", "SUPPORT", "REJECT"):
                # "criticized the way U.S. officials try to solve ...": a judgement of what someone
                # does is aimed at who does it, the subject of the clause on the object
                target_toks += [sj for o in obj_heads for r in o.children if r.dep_ in ("relcl", "acl")
                                for sj in r.children if sj.dep_ in SUBJECT_DEPS and sj.lower_ not in RELATIVE_PRONOUNS]
            heads += obj_heads
        if not source_toks and self.lex.has("forces_act_types", typ):
            # "Russian troops were deployed to the border", "Serb forces were placed on alert": forces
            # moved in the passive are their own country's act, not its target
            forces = [x for x in target_toks if x.dep_ == "nsubjpass" and self._forces(x)]
            source_toks = forces
            target_toks = [x for x in target_toks if x not in forces]
        if typ == "MOBILIZE" or (typ == "RETREAT" and c.row is not None and c.row.mode == "withdraw"):
            # forces deployed or pulled out are the mover's own, not a target ("pull Serb forces out of
            # the army"); forces returned are captives ("returned 23 Togolese soldiers": RETREAT release)
            target_toks = [x for x in target_toks if not (x.dep_ == "dobj" and self._forces(x))]
        heads += [x for h in heads for x in h.children if x.dep_ == "prt"]
        between = self._between(heads)
        prep_heads = [h for h in heads if h.dep_ == "prt" or h == t or h == v]
        # "sealed off the West Bank": the parser hangs the object on the particle
        target_toks += [x for h in heads if h.dep_ == "prt" for x in h.children if x.dep_ == "pobj"]
        target_toks += self._prep_objects(prep_heads, typ, exclude=self.lex.sets["secondary_preps"])
        source = _unique([a for x in source_toks for a in self._resolve(x)])
        target = _unique([a for x in target_toks if x != t for a in self._target_actors(x)])
        if not _placed(target):
            # "apologized to Brazil for one of its gunboats ...": a reason ("for", "over") names the
            # target only when no addressee does
            more = self._prep_objects(prep_heads, typ, only=self.lex.sets["secondary_preps"])
            target = _unique(target + [a for x in more if x != t for a in self._target_actors(x)])
        if not _placed(target) and typ in ("AGREE", "REJECT", "REQUEST", "SUPPORT", "CONSULT"):
            # "accepted an African Union proposal for talks with Eritrea": the counterpart of the
            # talks or deal the object is about
            target = _unique(target + self._counterpart([x for x in heads + target_toks if x != t or x.pos_ in NOUN_POS]))
        if not _placed(target) and typ in ("CONSULT", "COOPERATE"):
            # "opened talks last August with Japanese officials to try to ...": the parser reads
            # "with X to VERB" as an absolute clause; its subject is the counterpart of the talks
            target = _unique(target + [a for h in {t, v} if h is not None for ch in h.children
                                       if ch.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "with"
                                                                     for m in ch.children)
                                       for sj in ch.children if sj.dep_ in SUBJECT_DEPS
                                       for a in self.actors_of(sj) if a.country])
        if between:
            both = _unique([a for x in between for a in self.actors_of(x)])
            if source:
                target = _unique(target + [a for a in both if a not in source])
            else:
                source = both
        if typ == "AID" and source and target and _countries(target) <= _countries(source):
            # "approved 45 mln dlrs in credit guarantees for sales of U.S. wheat to Morocco": the goods
            # are the giver's own; the country they go to receives
            target = self._recipients_abroad(prep_heads, _countries(source)) or target
        if c.embedded and not target and not self._meeting_topic(t):
            target = self._embedded_target(c, typ)
        if not target:
            target = self._complement_target(t, typ)
        if not _placed(target) and _is_verb(t) and t.dep_ == "ccomp":
            # "Wang told Kuleba that Beijing supported all efforts ...": a stance told to someone
            # is addressed to the one told
            target = _unique(target + [a for x in self._told_addressee(t, typ) for a in self._target_actors(x)])
        target = [a for a in target if a not in source]
        return source, target

    def _recipients_abroad(self, heads: list[Token], home: set[str]) -> list[Actor]:
        """Countries other than ``home`` named by a "to"/"for" phrase anywhere inside the objects and
        prepositional phrases of ``heads`` ("for sales of U.S. wheat to Morocco" -> Morocco)."""
        phrases = [p for h in heads for q in h.children if q.dep_ in ("prep", "dobj", "dative")
                   for p in q.subtree if p.dep_ == "prep" and p.lower_ in ("to", "for")]
        return _unique(a for p in phrases for o in p.children if o.dep_ == "pobj"
                       for a in self._target_actors(o) if a.country and a.country not in home)

    def _told_addressee(self, t: Token, typ: str) -> list[Token]:
        """The addressee of a verb of telling (frames.json ``address_verbs``: "told Blinken",
        "assured Kyiv") that ``t`` is coordinated with or is the reported complement of, for speech
        acts (``addressed_types``) only; empty when the addressee names no country."""
        h = t.head
        if h == t or not self.lex.has("addressed_types", typ) or not self.lex.has("address_verbs", _lemma(h)):
            return []
        if t.dep_ not in ("ccomp", "conj"):
            return []
        told = [c for c in h.children if c.dep_ in ("dative", "dobj")]
        # "told visiting Foreign Minister Kuleba that ...": the parser makes the participle a verb
        # whose object is the addressee
        told += [o for c in h.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i < t.i
                 for o in c.children if o.dep_ == "dobj"]
        return [c for c in told if _placed(self._target_actors(c))]

    def _counterpart(self, heads: list[Token]) -> list[Actor]:
        """Countries named by "with" / "between" on an event noun inside the objects of ``heads``."""
        out: list[Actor] = []
        for h in heads:
            for o in h.subtree:
                if not (o.dep_ == "prep" and o.lower_ in ("with", "between") and o.head != h and
                        o.head.pos_ in NOUN_POS and _match(o.head, self.lex) is not None):
                    continue
                if any(self._adjunct(a) for a in [o] + list(o.ancestors) if a.i != h.i and h.is_ancestor(a)):
                    continue  # "after clashes with Chinese troops": a circumstance
                out += [a for p in o.children if p.dep_ == "pobj" for a in self.actors_of(p) if a.country]
        return out

    def _prep_objects(self, heads: list[Token], typ: str, only: frozenset[str] | None = None,
                      exclude: frozenset[str] = frozenset()) -> list[Token]:
        """Objects of the prepositions that introduce a target ("with Putin", "on Iran", "to
        Russia", "out of Niger"), as frames.json allows them for the event type."""
        lex = self.lex
        by_type = lex.cues["target_preps_by_type"]
        out = []
        for h in heads:
            for p in h.children:
                if p.dep_ not in ("prep", "agent", "dative") or p.lower_ == "between":
                    continue
                if h.pos_ in VERB_POS and p.i < h.i and p.dep_ == "prep":
                    continue  # a fronted phrase ("With China's support, ...") sets the scene
                if self._continues_reason(h, p):
                    continue
                prep = p.lower_
                if p.dep_ == "agent" and self.lex.has("needs_target", _lemma(h)):
                    prep = "about"  # "is greatly concerned by the decision by Russia": the matter
                if prep == "out" or (prep == "of" and h.lower_ == "out"):
                    prep = "from"  # "pulled out of Niger"
                    inner = [q for q in p.children if q.dep_ == "prep" and q.lower_ == "of"]
                    if inner:
                        p = inner[0]
                if not lex.has("target_preps", prep) or (prep in by_type and typ not in by_type[prep]):
                    continue
                if (only is not None and prep not in only) or prep in exclude:
                    continue
                objs = [x for x in p.children if x.dep_ == "pobj"]
                if any(lex.has("occasion_nouns", _lemma(x)) or lex.has("occasion_nouns", x.lower_)
                       for x in objs):
                    continue  # "on the sidelines of the APEC summit": the occasion, not a party
                if not objs:  # "from around Kyiv": the object hangs from a second preposition
                    objs = [y for q in p.children if q.dep_ in ("prep", "pcomp") for y in q.children
                            if y.dep_ == "pobj" or (q.dep_ == "pcomp" and y.dep_ == "dobj")]
                out += objs
        return out

    def _np_position(self, t: Token) -> Token:
        """Where a noun trigger sits in the clause: itself, or the container it names ("aid
        package" -> package) or the amount it measures ("$130 million in aid" -> million)."""
        h = t.head
        if t.dep_ == "compound" and _lemma(h) in self.lex.sets["containers"]:
            return h
        if t.dep_ == "pobj" and h.lower_ == "of" and self.lex.has("of_containers", _lemma(h.head)):
            return h.head  # "held a fresh round of talks"
        if t.dep_ == "pobj" and h.dep_ == "prep" and h.lower_ in ("in", "of", "worth"):
            q = h.head
            if q.like_num or q.ent_type_ == "MONEY" or _lemma(q) in ("million", "billion", "trillion"):
                while q.head != q and q.dep_ in ("nummod", "quantmod", "compound") :
                    q = q.head
                return q
        return t

    def _embedded_target(self, c: Candidate, typ: str) -> list[Actor]:
        """Who an accusation / request / threat / promise is about when the frame names no one:
        "condemned Russia's attack" -> Russia; "threatened to strike Iran" -> Iran."""
        e = c.embedded[0]
        ev = e.token if _is_verb(e.token) else _clause_verb(e.token)
        src, tgt = self.participants(e, e.type or typ, ev)
        if not _placed(tgt) and e.type and self._place_is_target(e.type, e.mode) and (
                typ not in ("ACCUSE", "REQUEST") or not _placed(src)):
            # "rejected a call for its peacekeepers to be deployed in East Timor"
            place = self.location(e, e.mode, ev)[1]
            if place is not None and place.country not in {a.country for a in src}:
                tgt = tgt + [place]
        if typ in ("ACCUSE", "REQUEST"):
            return src or tgt
        return tgt

    def _complement_target(self, t: Token, typ: str) -> list[Actor]:
        """The target named inside a frame's complement when the complement is no trigger:
        "threatened to block Sweden's bid" -> Sweden; "demanded that Afghanistan act" -> Afghanistan."""
        out: list[Actor] = []
        bearer = self._consequences(t) if typ == "THREATEN" else None
        if bearer is not None:  # "warned that Houthi rebels would bear the consequences"
            return _unique(a for sj in bearer.children if sj.dep_ in SUBJECT_DEPS
                           for a in self.actors_of(sj) if a.country)
        for ch in t.children:
            # a noun frame's infinitive is its complement too: "reiterated their commitment to
            # impose costs on Russia" -> Russia
            infinitive = ch.dep_ == "acl" and _is_noun(t) and _to_infinitive(ch)
            if ch.dep_ not in ("xcomp", "ccomp") and not infinitive:
                continue
            if ch.dep_ == "ccomp" and typ in ("REQUEST", "ACCUSE"):
                subj = [sj for sj in ch.children if sj.dep_ in SUBJECT_DEPS]
                for sj in subj:
                    out += self.actors_of(sj, preps=("of", "from", "in"))  # "the junta in Niger"
                if not subj and ch.pos_ in NOUN_POS:  # "demanded that Afghanistan's government act"
                    out += self.actors_of(ch)
                if any(a.country for a in out):
                    continue  # "demanded that Hamas renounce its struggle against Israel": Hamas is asked
            # "pledged to help Ukraine rebuild": the helped party is the subject of the inner clause;
            # "is willing to send material to help defend Saudi Arabia": the object of a purpose
            # clause inside the complement
            verbs = [ch]
            for x in ch.children:
                if x.dep_ in ("ccomp", "xcomp") or (x.dep_ == "advcl" and not self._adjunct(x)):
                    verbs.append(x)
                    verbs += [y for y in x.children if y.dep_ in ("xcomp", "ccomp")]
            inner = [sj for x in verbs[1:] for sj in x.children if sj.dep_ in SUBJECT_DEPS]
            objs = [x for v in verbs for x in v.children if x.dep_ in ("dobj", "dative")
                    and not (self._moves_forces(v) and self._forces(x))] + inner
            for x in objs + self._prep_objects(verbs + objs, typ):
                out += self.actors_of(x)
            if typ == "THREATEN" or self._place_is_target(typ, None):
                # "threatened to resume attacks in Israel": the place of a threatened act
                for v in verbs + objs:
                    for p in v.children:
                        if p.dep_ == "prep" and self.lex.has("location_preps", p.lower_) and p.i > v.i:
                            out += [c for o in p.children if o.dep_ == "pobj"
                                    for c in [self._place_country(o)] if c is not None]
        return _unique(a for a in out if a.country)

    def _forces(self, x: Token) -> bool:
        """Does the noun name armed forces ("troops", "thousands of soldiers")?"""
        return self.lex.has("own_forces", _lemma(x)) or any(
            self.lex.has("own_forces", _lemma(o)) for p in x.children if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children if o.dep_ == "pobj")

    def _moves_forces(self, v: Token) -> bool:
        """Does ``v`` deploy or withdraw forces ("send", "pull", "withdraw")? Their forces are the
        mover's own: "threatened to pull Serb forces out" is aimed at no one."""
        return any(self.lex.has("forces_act_types", tr.type) for tr in self.lex.by_lemma.get(_lemma(v), ()))

    def _resolve(self, t: Token) -> list[Actor]:
        """Actors of a subject, with a pronoun falling back to the last source in the document."""
        found = self.actors_of(t, preps=("of", "from", "in", "throughout", "across"))
        if found:
            return found
        poss = next((c for c in t.children if c.dep_ == "poss" and c.lower_ in ("his", "her", "its", "their")), None)
        if poss is not None:
            reporter = self._reporting_subject(poss)  # "the minister said his government was willing"
            if reporter:
                return reporter
            its = self.ctx is not None and poss.lower_ == "its"
            last = self.ctx.doc.memory.get(MEMORY_KEY) if its else None
            if last and self.ctx.index - last[0] <= 1 and t.dep_ in SUBJECT_DEPS:
                # "A good bet is Oman, which congratulated Israel ... Its cabinet praised the deal":
                # the state the story just named acting
                states = [a for a in last[1] if a.type == "state"]
                if len(states) == 1:
                    return states
        if t.lower_ in PERSONAL_PRONOUNS | {"we"}:
            reporter = self._reporting_subject(t)
            if reporter:
                return reporter
        if t.lower_ in PERSONAL_PRONOUNS and t.dep_ in SUBJECT_DEPS and t.head.dep_ == "conj":
            # "Endo and Samuels replied ..., but they were willing to ...": the subject of the first
            # of coordinated clauses, before anyone in earlier sentences
            first = [a for sj in t.head.head.children if sj.dep_ in SUBJECT_DEPS and sj.lower_ not in PERSONAL_PRONOUNS
                     for a in self.actors_of(sj)]
            if first:
                return first
        if self.ctx is None:
            return found
        if t.lower_ in PERSONAL_PRONOUNS:
            last = self.ctx.doc.memory.get(MEMORY_KEY)
            if last and self.ctx.index - last[0] <= 2 and not self._named_speaker_since(last[0]):
                want_person = t.lower_ in ("he", "she", "him", "her")
                pick = [a for a in last[1] if (a.type == "person") == want_person] or \
                    ([] if want_person else list(last[1]))
                return pick
        if self._collective_role(t):
            # "Biden welcomed Scholz ... At the one-year mark ..., the leaders discussed": a definite
            # plural of a role names the parties of the last event (both sides), if it had two countries
            last = self.ctx.doc.memory.get(PARTIES_KEY)
            if last and self.ctx.index - last[0] <= 2 and len(_countries(list(last[1]))) >= 2:
                return list(last[1])
        return []

    def _named_speaker_since(self, index: int) -> bool:
        """Does a sentence after ``index`` and before this one open with a named speaker ("Robert
        White, Canada's deputy chief of delegation, replied ...")? Then a "he" here is that speaker,
        not the source remembered from sentence ``index``. Read from the text, because a sentence
        with no event word is not parsed (``bilat.nlp.wants_parse``)."""
        doc = self.ctx.doc
        return any(NAMED_SPEAKER.match(doc.text, *doc.sentences[j][:2])
                   for j in range(index + 1, self.ctx.index))

    def _members_meet(self, ev: Event, t: Token, v: Token) -> bool:
        """A meeting of an organisation's members ("Economy and finance ministers of the GCC states
        will meet in Abu Dhabi", "OPEC oil ministers met in Geneva"): no country acts, but the
        organisation's members meet, which is news between them. Only CONSULT with a plural role
        noun as subject whose actors are all organisations; other organisation-only acts stay out."""
        if ev.type != "CONSULT" or not ev.source or \
                any(a.type != "organization" for a in ev.source + ev.target):
            return False
        subj = _subject_noun(t, v if v is not t else None)
        # "ABU DHABI, March 5 - Economy and finance ministers of ...": the parser may make the
        # dateline the subject and the members its apposition
        heads = [subj] + [c for c in subj.children if c.dep_ == "appos"] if subj is not None else []
        return any(h.tag_ in ("NNS", "NNPS") and self.lex.has("collective_roles", _lemma(h)) for h in heads)

    def _collective_role(self, t: Token) -> bool:
        """"the leaders", "both ministers", "the two sides": a definite plural of a role word
        (frames.json ``collective_roles``) naming no actor of its own."""
        if t.tag_ not in ("NNS", "NNPS") or not self.lex.has("collective_roles", _lemma(t)):
            return False
        if any(c.dep_ in ("poss", "amod", "compound", "prep", "relcl", "acl") for c in t.children):
            return False  # "the leaders of the G7", "Arab leaders": a group of their own
        return any((c.dep_ == "det" and c.lower_ in ("the", "both")) or (c.dep_ == "nummod" and c.lower_ == "two")
                   for c in t.children)

    def _target_actors(self, x: Token) -> list[Actor]:
        """Actors of a target phrase; a pronoun in a reported clause is the reporter ("Israel said
        a mortar bomb was fired at it")."""
        found = self.actors_of(x, preps=("of", "from", "for", "by"))
        if not found and x.lower_ in ("him", "her"):
            # "spoke with President-elect Marcos to congratulate him": the person named before in
            # the sentence who is not the one acting
            v = _clause_verb(x)
            doers = set(self._speaker(v)) if v is not None else set()
            named = [m for i, m in sorted(self.mentions.items()) if i < x.i and m.actor.type == "person"
                     and m.actor not in doers and m.actor.country
                     and self.doc[i].dep_ != "poss"]  # not "wrecked Reagan's popularity and ... him"
            if named:
                return [named[-1].actor]
        if not found and x.lower_ in ("it", "them", "us", "him", "her"):
            return self._reporting_subject(x)
        if not found:
            # "fired water cannon at its supply boats", "one of its soldiers was killed": the
            # reporter's, unless the pronoun can be the clause's own subject ("Serbia pulled its
            # troops back, a NATO spokesman said")
            poss = [c for c in x.subtree if c.dep_ == "poss" and c.lower_ in ("its", "their", "our")
                    and c.head.i - x.i in (0, 1, 2, 3)]
            if poss and not self._own_subject(poss[0]):
                return self._reporting_subject(poss[0])
        return found

    def _own_subject(self, pron: Token) -> bool:
        """Can a possessive pronoun refer to the subject of its own clause (number agreement)?"""
        v = _clause_verb(pron.head)
        if v is None:
            return False
        subj = [c for c in v.children if c.dep_ in SUBJECT_DEPS]
        if not subj:
            return False
        plural = subj[0].tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj[0].children)
        return (pron.lower_ == "its") != plural

    def _reporter(self, v: Token) -> list[Actor]:
        """Who reports the clause of ``v`` ("Erdem said [Greek activities contravened ...]"):
        ``_reporting_subject`` climbs from the head of the token it is given, so it is given one of
        ``v``'s dependents."""
        dependent = next(iter(v.children), None)
        return self._reporting_subject(dependent) if dependent is not None else []

    def _reporting_subject(self, t: Token) -> list[Actor]:
        """"Russia said it would withdraw": a pronoun subject of a reported clause is the reporter."""
        x = t.head
        for _ in range(4):
            if x.head == x:
                return []
            if x.dep_ == "ccomp" and self.lex.has("report_verbs", _lemma(x.head)):
                subj = [c for c in x.head.children if c.dep_ in SUBJECT_DEPS]
                # "He said ... 'we will impose taxes'": a pronoun reporter is resolved in turn
                return _unique([a for sj in subj for a in (self.actors_of(sj) or (
                    self._resolve(sj) if sj.lower_ in PERSONAL_PRONOUNS else []))])
            x = x.head
        return []

    # -- status, negation, hypotheticals -------------------------------------------------------------
    def _chain(self, t: Token) -> list[Token]:
        """The trigger, its clause verb, and the verbs/frames above it in the same assertion."""
        out = [t]
        x = t
        for _ in range(6):
            if x.head == x or x.dep_ not in COMPLEMENT_DEPS | {"advcl", "relcl"}:
                break
            if x.dep_ == "conj" and x.head.pos_ not in VERB_POS:
                break
            if x.dep_ == "ccomp" and self.lex.has("report_verbs", _lemma(x.head)):
                out.append(x.head)
                break
            x = x.head
            out.append(x)
        return out

    def assessment(self, c: Candidate, v: Token | None, typ: str = "") -> str | None:
        """'occurred' / 'planned' / 'ongoing' / 'habitual', or None for negated, hypothetical
        or aggregate statements (which are not events); 'refused' for a cooperative act declared
        not to happen ("will not attend", "said it would not approve"), which is a REJECT."""
        lex = self.lex
        t = c.token
        chain = self._chain(t)
        if v is not None and v not in chain:
            chain.insert(1, v)
        planned = ongoing = habitual = threat = offer = False
        # a hostile act someone is reported to say may follow if the other side does not comply
        # ("Japan has said it may be forced to reduce ore imports from India if New Delhi fails to
        # reduce the price", "said China could impose tariffs on Australia if Canberra ..."): a
        # warning whatever its modal
        warned = lex.has("hostile_types", typ) and any(self._reported(x) for x in chain) and \
            any(self._party_condition(x) for x in self._declaring(chain))
        # the noun trigger's own modifiers
        if _is_noun(t):
            for ch in t.children:
                lem = _lemma(ch)
                if ch.dep_ == "det" and lem in ("no",):
                    return None
                if lex.has("planned_modifiers", lem):
                    planned = True
                if lex.has("ongoing_modifiers", lem):
                    ongoing = True
                if lex.has("habitual_modifiers", lem):
                    habitual = True
                if lex.has("hypothetical_modifiers", lem) and ch.dep_ in ("amod", "det"):
                    return None
            if self._aggregate_noun(t):
                return None
        if self._opinion_of(v or t):
            return None  # "I consider Alsu to be wrongfully detained": a view of a state of affairs
        for x in chain:
            lem = _lemma(x)
            own = x == t or x == v
            if x != t:
                if lex.has("frame_negate", lem):
                    return None  # "failed to reach", "denied attacking", "stopped supplying"
                if lex.has("frame_planned", lem):
                    planned = True
                    if lem == "set" and not any(ch.dep_ == "xcomp" for ch in x.children):
                        planned = False
                if lex.has("frame_ongoing", lem):
                    ongoing = True
            for ch in x.children:
                clem = _lemma(ch)
                if ch.dep_ == "prep" and any(o.dep_ == "pobj" and _lemma(o) in ("way", "circumstance", "case")
                                             and any(d.lower_ == "no" for d in o.children) for o in ch.children):
                    return None  # "is in no way backing out"
                if own and ch.dep_ in SUBJECT_DEPS and any(
                        g.dep_ in ("preconj", "det") and g.lower_ in ("neither", "no") for g in ch.children):
                    return None  # "Neither Russia nor Ukraine has agreed", "No country has agreed"
                if ch.dep_ == "neg" or (ch.dep_ in ("advmod", "det", "preconj") and lex.has("negations", ch.lower_)):
                    if own and lex.has("refusable_types", typ) and any(
                            a.dep_ == "aux" and (lex.has("planned_aux", a.lower_) or a.lower_ == "would")
                            for a in x.children):
                        return "refused"
                    return None
                if ch.dep_ == "mark" and lex.has("hypothetical_marks", ch.lower_) and ch.lower_ != "once":
                    return None
                cond = next((m.lower_ for m in ch.children if m.dep_ == "mark" and m.lower_ in ("if", "unless")),
                            None) if ch.dep_ == "advcl" else None
                if cond is not None and not lex.has("conditional_types", typ):
                    # a threat or demand carries its condition: still an event; so does an act
                    # declared with a condition on the other side ("will withdraw its force unless
                    # ...", "will strike if attacked"): a conditional threat
                    declared = warned or any(a.dep_ == "aux" and (lex.has("planned_aux", a.lower_) or (
                        a.lower_ in ("would", "'d") and self._reported(x))) for a in x.children)
                    if (own or warned) and declared and (cond == "unless" or lex.has("hostile_types", typ)):
                        threat = True
                    elif own and declared and lex.has("refusable_types", typ):
                        offer = True  # "said they would meet the mediator if he ...": a conditional offer
                    else:
                        return None
                if ch.dep_ in ("aux", "auxpass"):
                    if lex.has("planned_aux", ch.lower_) or lex.has("planned_aux", clem):
                        planned = True
                    elif lex.has("hypothetical_modals", ch.lower_):
                        if ch.lower_ in ("would", "'d") and self._reported(x):
                            planned = True
                        elif warned:
                            threat = True
                        else:
                            return None
                if lex.has("habitual_adverbs", ch.lower_):
                    habitual = True
                if ch.dep_ in ("npadvmod", "advmod", "dobj", "pobj", "prep") and self._habitual_np(ch):
                    habitual = True
                if own and self._aggregate_count(ch):
                    return None
            if own and x.dep_ == "relcl" and x.tag_ in ("VBZ", "VBP") and \
                    not any(a.dep_ in ("aux", "auxpass") for a in x.children):
                return None  # "the communist parties, which give crucial support to ...": a standing property
            if own and x.tag_ == "VBG" and any(a.dep_ == "aux" and a.lower_ in PRESENT_BE for a in x.children):
                ongoing = True
            if own and x.tag_ == "VBG" and any(a.dep_ == "aux" and a.lower_ == "been" for a in x.children):
                ongoing = True
            if own and x.lower_ == "going" and any(ch.dep_ == "xcomp" for ch in x.children):
                planned = True
            if own and x.dep_ == "ROOT" and _to_infinitive(x):
                planned = True  # a headline's future: "INDIA AND JAPAN TO DISCUSS IRON ORE PRICES"
        if doc_text(self.doc).rstrip().endswith("?"):
            return None
        if threat:
            return "threat"
        if offer:
            return "offer"
        if habitual:
            return "habitual"
        if planned:
            return "planned"
        if ongoing:
            return "ongoing"
        return "occurred"

    def _declaring(self, chain: list[Token]) -> list[Token]:
        """The verbs of the clause that declares the act, up to the verb that reports it ("may be
        forced to reduce": "reduce", "forced")."""
        out = []
        for x in chain:
            if out and self.lex.has("report_verbs", _lemma(x)):
                break
            if x.pos_ in VERB_POS:
                out.append(x)
        return out

    def _party_condition(self, x: Token) -> bool:
        """Does the verb carry an "if" / "unless" clause whose subject names a party ("if New Delhi
        fails to", "unless Iraq withdraws"; not "if prices rise")?"""
        return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                   and any(_placed(self.actors_of(sj)) for sj in c.children if sj.dep_ in SUBJECT_DEPS)
                   for c in x.children)

    def _reported(self, x: Token) -> bool:
        """Is this clause the complement of a reporting verb ("said it would withdraw")?"""
        y = x
        for _ in range(3):
            if y.head == y:
                return False
            if y.dep_ == "ccomp" and self.lex.has("report_verbs", _lemma(y.head)):
                return True
            y = y.head
        return False

    def _habitual_np(self, t: Token) -> bool:
        """"every year", "each month" under the clause (directly or via a preposition)."""
        toks = [t] + [p for p in t.children if p.dep_ == "pobj"]
        for n in toks:
            if _lemma(n) in self.lex.sets["time_nouns"] and any(
                    d.dep_ == "det" and self.lex.has("habitual_quantifiers", d.lower_) for d in n.children):
                return True
        return False

    def _is_quantity(self, t: Token, vague_only: bool = False) -> bool:
        lem = t.lower_
        if self.lex.has("aggregate_quantifiers", lem) and lem not in ("some", "few"):
            return True
        if t.like_num and not vague_only:
            return True
        return False

    def _measures(self, number: Token, noun: Token) -> bool:
        """Does the number before a noun state an amount ("100 pct", "50 mln dlr") rather than how
        many of the noun there are ("40 rounds", "12 army drills")?"""
        text = self.doc.text[number.idx:noun.idx]
        return any(q.start == 0 and q.kind not in ("count", "number") for q in find_quantities(text))

    def _aggregate_count(self, ch: Token) -> bool:
        """"met 40 times", "on eight occasions", "visited Russia several times"."""
        nouns = [ch] + [p for p in ch.children if p.dep_ == "pobj"]
        for n in nouns:
            if _lemma(n) in self.lex.sets["aggregate_nouns"] and n.tag_ in ("NNS", "NNPS"):
                if any(self._is_quantity(d) for d in n.children if d.dep_ in ("nummod", "amod", "quantmod", "det")):
                    return True
        return False

    def _aggregate_noun(self, t: Token) -> bool:
        """"held multiple video meetings", "a series of talks", "held 40 rounds of talks"."""
        if t.dep_ == "conj" and t.head.pos_ in NOUN_POS and self._aggregate_noun(t.head):
            return True  # "multiple video meetings or phone calls"
        if t.tag_ not in ("NNS", "NNPS"):
            return False
        for d in t.children:
            if d.dep_ in ("amod", "quantmod") and self._is_quantity(d, vague_only=True):
                return True
            if d.dep_ == "nummod" and d.like_num:
                if self._measures(d, t):
                    continue  # "100 pct tariffs", "50 mln dlr loans": an amount, not how many
                try:
                    if float(d.text.replace(",", "")) >= 5:
                        return True
                except ValueError:
                    if self._is_quantity(d, vague_only=True):
                        return True
        h = t.head
        if t.dep_ == "pobj" and h.lower_ == "of" and h.head.pos_ in NOUN_POS:
            q = h.head
            if _lemma(q) in ("series", "number", "dozen", "dozens", "hundreds", "round", "spate", "string", "wave"):
                if _lemma(q) != "round" or any(self._is_quantity(d) for d in q.children):
                    return True
        return False

    # -- place and time --------------------------------------------------------------------------------
    def location(self, c: Candidate, mode: str | None, v: Token | None) -> tuple[str | None, Actor | None]:
        """Where the event happened (place text) and the country that place is in.

        The place is the object of a locative preposition on the trigger, its clause verb or its
        object ("in Moscow", "near Ukraine's border", "to Russia" for a visit or deployment),
        searched through the whole prepositional phrase ("from a school in northwest Nigeria")."""
        lex = self.lex
        heads = [c.token] + ([v] if v is not None and v != c.token else [])
        if v is not None and v.dep_ in ("advcl", "xcomp") and v.head != v:
            heads.append(v.head)  # "crossed into eastern Congo to fight rebels"
        heads += [e.token for e in c.embedded if e.token not in heads]  # "agreed to postpone the demonstration in Baku"
        subj = _subject_noun(c.token, v)
        if subj is not None and subj.pos_ in NOUN_POS:
            heads.append(subj)  # "Palestinian prisoners in Israeli jails began a hunger strike"
        heads += [x for h in list(heads) for x in h.children if x.dep_ in ("dobj", "prt")]
        heads += [x for h in list(heads) if h.dep_ == "dobj" for x in h.children if x.dep_ == "conj"]
        moving = mode is not None and lex.has("movement_modes", mode)
        text: str | None = None
        country: Actor | None = None
        if moving:  # "visited Moscow": the visited place is where it happens
            for o in c.token.children:
                if o.dep_ == "dobj" and o.ent_type_ in ("GPE", "LOC"):
                    text = self._place(o)
                    country = self._place_country(o)
                    if text:
                        return text, country
        for fallback in (False, True):
            for h in heads:
                for p in h.children:
                    if p.dep_ != "prep":
                        continue
                    pl = p.lower_
                    if pl == "from" and lex.has("drawing_verbs", _lemma(h)):
                        continue  # "drew condemnation from Japan": who reacted, not a place
                    if fallback:
                        if not lex.has("fallback_location_preps", pl):
                            continue
                    elif not (lex.has("location_preps", pl) or (moving and lex.has("movement_preps", pl))):
                        continue
                    if self._continues_reason(h, p):
                        continue
                    for obj in (x for x in p.children if x.dep_ == "pobj"):
                        if pl in lex.cues["reason_preps"]["preps"] and not self._names_place(obj):
                            continue  # "over arms sales to Taiwan" is a reason, "over Syria" a place
                        if text is None and not fallback:
                            text = self._place(obj)
                        if country is None:
                            country = self._place_country(obj)
                        if text and country:
                            return text, country
            if text or country:
                break
        if country is None and text:
            country = self._location_actor(text)
        return text, country

    def _names_place(self, obj: Token) -> bool:
        """Is the word itself a place: a place entity, or a state's name?"""
        m = self.mentions.get(obj.i)
        return obj.ent_type_ in ("GPE", "LOC", "FAC") or (m is not None and m.actor.type == "state")

    def _place_country(self, obj: Token) -> Actor | None:
        """The country a prepositional object's places or nationalities name ("in several
        Senegalese cities" -> Senegal), for events whose actors are named only by where they are."""
        if self.actors_mod is None:
            return None
        inside = self._place_phrase(obj)
        for e in self.ents:
            if e.label_ in ("GPE", "NORP", "LOC") and all(i in inside for i in range(e.start, e.end)):
                iso = self.actors_mod.lookup_country(e.text)
                if iso:
                    return self.actors_mod.country_actor(iso)
        return None

    def _mission_protested(self, t: Token, v: Token | None) -> list[Actor]:
        """The countries of the embassies or consulates an act happens at ("protested outside the
        Chinese embassy in Manila" -> China)."""
        out: list[Actor] = []
        for h in {t, v} - {None}:
            for p in h.children:
                if p.dep_ == "prep" and self.lex.has("location_preps", p.lower_):
                    out += [a for o in p.children if o.dep_ == "pobj"
                            and self.lex.has("mission_nouns", o.lemma_.lower())
                            for a in self.actors_of(o) if a.country]
        return out

    def _conjoined_places(self, place: Actor) -> list[Actor]:
        """Countries of the places coordinated with the event's place ("sanctioned companies in
        Hong Kong and mainland China"): the place phrase names each of them."""
        out: list[Actor] = []
        for tok in self.doc:
            if tok.dep_ == "conj" and tok.ent_type_ in ("GPE", "LOC") and tok.head.ent_type_ in ("GPE", "LOC"):
                head = self._place_country(tok.head)
                other = self._place_country(tok)
                if head is not None and head.country == place.country and other is not None \
                        and other.country != place.country:
                    out.append(other)
        return _unique(out)

    def _home_country(self, source: list[Actor], target: list[Actor], place: Actor | None,
                      named_subject: bool = False) -> tuple[list[Actor], list[Actor]]:
        """"Police arrested 40 protesters", with the country named elsewhere in the story: a
        generic state agent or group ("police", "the government", "protesters") acts for the
        country the sentence is set in, else the document's main country (as event coders
        read the story's country)."""
        home = place
        if home is None and self.ctx is not None and self.ctx.doc.countries and self.actors_mod is not None:
            home = self.actors_mod.country_actor(self.ctx.doc.countries[0])
        if home is None:
            return source, target
        src_generic = any(a.country is None and a.type in ("state", "group") for a in source)
        tgt_generic = any(a.country is None and a.type in ("state", "group") for a in target)
        if not (src_generic or tgt_generic):
            return source, target
        if src_generic or (not source and named_subject):  # "Police arrested 40 protesters"
            source = [home]
        if tgt_generic:
            target = [home]
        return source, target

    def _aimed(self, t: Token, v: Token | None, target: list[Actor]) -> bool:
        """Is a weapon use directed at something ("at a ship", "on Kyiv", a named target)?"""
        if any(a.country for a in target):
            return True
        for h in [t] + ([v] if v is not None else []):
            if any(p.dep_ == "prep" and self.lex.has("aimed_preps", p.lower_) for p in h.children):
                return True
        return False

    def _place_is_target(self, typ: str, mode: str | None) -> bool:
        kinds = self.lex.sets["place_is_target"]
        return typ in kinds or f"{typ}/{mode}" in kinds

    def _place_phrase(self, obj: Token, strict: bool = True) -> set[int]:
        """Token indices of the place phrase itself, never what a passive's "by" agent names ("in a
        deal brokered by China" is not in China); ``strict``: nor what a "with" / "against" inside
        it names ("in a joint operation with Moroccan authorities" is not in Morocco)."""
        inside, frontier = set(), [obj]
        while frontier:
            x = frontier.pop()
            inside.add(x.i)
            frontier += [c for c in x.children if c.dep_ != "agent" and not (strict and (
                (c.dep_ == "prep" and c.lower_ in (
                    "with", "against", "between", "by", "despite", "without", "like", "than"))
                # "outside the U.S. embassy in Manila" is in the Philippines
                or (self.lex.has("mission_nouns", x.lemma_.lower())
                    and c.dep_ in ("compound", "amod", "poss"))))]
        return inside

    def _place(self, obj: Token) -> str | None:
        """The place a prepositional object names: a GPE/LOC entity, else a named state inside an
        event name ("during the Beijing Winter Olympics" -> Beijing), else a facility."""
        inside = self._place_phrase(obj, strict=False)
        sub = [x for x in obj.subtree if x.i in inside]
        for label in ("GPE", "LOC"):
            for e in self.ents:
                if e.label_ == label and all(i in inside for i in range(e.start, e.end)):
                    return _strip_det(e.text)
        for x in sub:
            m = self.mentions.get(x.i)
            if m is not None and m.actor.type == "state":
                return _strip_det(doc_text(self.doc)[max(m.start - self.offset, 0):m.end - self.offset])
        if self.actors_mod is not None:
            for x in sub:
                if x.pos_ == "PROPN" and self.actors_mod.lookup_country(x.text) \
                        and not _names_document(x.doc, x.i + 1):
                    return x.text
        for e in self.ents:
            if e.label_ == "FAC" and all(i in inside for i in range(e.start, e.end)):
                return _strip_det(e.text)
        return None

    def _location_actor(self, place: str | None) -> Actor | None:
        if not place or self.actors_mod is None:
            return None
        iso = self.actors_mod.lookup_country(place)
        return self.actors_mod.country_actor(iso) if iso else None

    def times(self, tense: str | None) -> list[Any]:
        """Time expressions of the sentence read with ``tense`` (once per tense and sentence)."""
        if tense not in self._times:
            tx = _timex()
            published = self.ctx.published if self.ctx is not None else None
            self._times[tense] = list(tx.find_times(doc_text(self.doc), published, tense=tense)) if tx else []
        return self._times[tense]

    def date_for(self, anchors: list[Token], tense: str | None,
                 stop: Token | None = None) -> tuple[Period | None, str | None]:
        """The time expression attached to the event's clause (or to a clause above it, up to
        ``stop``: the times of a clause that answers the event are not the event's)."""
        mentions = self.times(tense)
        if not mentions:
            return None, None
        attach: dict[int, list[Any]] = {}
        anchor_ids = {a.i for a in anchors}
        for tm in mentions:
            if tm.kind not in ("point", "range") or tm.period is None:
                continue
            toks = [t for t in self.doc if tm.start <= t.idx < tm.end]
            if not toks:
                continue
            head = min(toks, key=lambda t: len(list(t.ancestors)))
            if head.dep_ in ("nummod", "compound", "amod", "nmod") and head.head.i not in anchor_ids:
                continue  # "the 2022-2023 Exchange Year" names a thing, it does not date the event
            x = head
            for _ in range(6):
                if x.head == x:
                    break
                x = x.head
                if x.pos_ in VERB_POS or x.i in {a.i for a in anchors}:
                    break
                if x.pos_ == "ADJ" and x.dep_ in ("amod", "advcl"):
                    x = None  # "two clauses, effective from March 1": the date of a thing's property
                    break
            if x is not None:
                attach.setdefault(x.i, []).append(tm)
        seen: set[int] = set()
        for a in anchors:
            x = a
            for _ in range(8):
                if x == stop:
                    break
                if x.i in attach and x.i not in seen:
                    tm = attach[x.i][0]
                    if tense != "past" and x.tag_ == "VBD" and x.i not in anchor_ids:
                        # "On October 18th, the administration announced that it would lift ...": the
                        # date is the past announcement's, read in its tense (not next October)
                        tm = next((p for p in self.times("past") if (p.start, p.end) == (tm.start, tm.end)
                                   and p.period is not None), tm)
                    return tm.period, tm.text
                seen.add(x.i)
                if x.head == x:
                    break
                x = x.head
        # "ratified Sweden's bid to join NATO on Tuesday", "intercepted two bombers flying near Alaska
        # Wednesday": the parser hangs a trailing date on the infinitive or participle that describes
        # the object; the act on the object is what it dates
        for inf in (x for a in anchors for obj in a.children if obj.dep_ == "dobj" for x in obj.children):
            if inf.dep_ != "acl" or inf.i not in attach:
                continue
            tm = attach[inf.i][0]
            # a participle takes only a bare day ("flying near Alaska Wednesday"), not "a resolution
            # authorizing last week's visit" nor "a petition supporting strikes on February 12"
            if _to_infinitive(inf) or (inf.tag_ == "VBG" and DEICTIC_DAY.fullmatch(tm.text.strip())):
                return tm.period, tm.text
        return None, None

    # -- what the sentence asserts ----------------------------------------------------------------------
    def _mode_for(self, frame_type: str, typ: str | None, mode: str | None) -> str | None:
        table = self.lex.cues["frame_modes"][frame_type]
        if mode and f"{typ}/{mode}" in table:
            return table[f"{typ}/{mode}"]
        return table.get(typ or "", table.get("default"))

    def _report_head(self, x: Token) -> Token | None:
        """The reporting verb whose complement holds ``x`` ("Israel said a bomb was fired ...")."""
        for _ in range(3):
            if x.head == x:
                return None
            if x.dep_ == "ccomp" and self.lex.has("report_verbs", _lemma(x.head)):
                return x.head
            if x.dep_ not in ("conj", "xcomp"):
                return None
            x = x.head
        return None

    def _report_subjects(self, rep: Token) -> list[Actor]:
        """Who a verb of reporting names as the one reporting (its subjects, resolved)."""
        return _unique(a for sj in rep.children if sj.dep_ in SUBJECT_DEPS for a in self._resolve(sj))

    def _claimed_doer(self, x: Token, target: list[Actor]) -> list[Actor]:
        """A hostile act in the passive with no named doer, reported by the victim's enemy ("IRNA
        said at least 2,000 Iraqi troops had been killed"): the reporter claims its own side's act.
        The reporter's country must be one of the document's two main countries and the victim's
        the other, so a bystander's report ("Reuters said ...") names nobody."""
        v = x if x.pos_ in VERB_POS else _clause_verb(x)
        while v is not None and v.dep_ == "conj" and not any(c.dep_ == "auxpass" for c in v.children):
            v = v.head  # "had been killed, wounded or captured"
        if v is None or not any(c.dep_ == "auxpass" for c in v.children) or \
                any(c.dep_ == "agent" for c in v.children):
            return []
        rep = self._report_head(v)
        if rep is None or self.ctx is None:
            return []
        dyad = set(self.ctx.doc.dyad)
        reporter = [a for a in self._report_subjects(rep) if a.country]
        victims = {a.country for a in target if a.country}
        if len(dyad) != 2 or not victims or not victims <= dyad:
            return []
        return [a for a in reporter if a.country in dyad - victims]

    def _claimed_victim(self, x: Token, target: list[Actor], place: Actor | None
                        ) -> tuple[list[Actor], list[Actor]] | None:
        """A hostile act with no named doer reported by its victim ("Israel said a mortar bomb was
        fired at it from the Gaza Strip") is the victim's claim: ACCUSE (CAMEO practice), with the
        place the attack came from as the accused. None when the reporter is not the victim."""
        rep = self._report_head(x)
        if rep is None:
            return None
        reporter = self._report_subjects(rep)
        rc = {a.country for a in reporter if a.country}
        if not rc or not rc & {a.country for a in target if a.country}:
            return None
        for sj in self.doc:  # "... when Hezbollah fighters fired": the sentence names the doer
            if sj.dep_ in SUBJECT_DEPS and sj.head != rep and {a.country for a in self.actors_of(sj) if a.country} - rc:
                return None
        accused = [a for a in target if a.country and a.country not in rc]
        if place is not None and place.country not in rc:
            accused.append(place)
        return reporter, _unique(accused)

    def _condition_target(self, heads: list[Token | None]) -> list[Actor]:
        """Who a conditional threat is aimed at: the subject of its "if" / "unless" clause
        ("threatened to stop negotiations if the United States goes ahead ...")."""
        out: list[Actor] = []
        for h in heads:
            if h is None:
                continue
            for x in [h] + [a for a in h.ancestors][:2]:
                for ch in x.children:
                    if ch.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                                  for m in ch.children):
                        # its subject, or the agent of a passive one ("if forced by the United States")
                        who = [sj for sj in ch.children if sj.dep_ in SUBJECT_DEPS | {"nsubjpass"}]
                        who += _agents(ch)
                        out += [a for sj in who for a in self.actors_of(sj) if a.country]
            if out:
                break
        return out

    def _named_subject(self, t: Token, v: Token | None) -> bool:
        """Is the subject itself a named actor ("China protested"), not people placed somewhere
        ("students in Nairobi")?"""
        if self._drawn_from(t):
            return True  # "drew protests from Beijing": the one it is drawn from is named
        subj = _subject_noun(t, v)
        if subj is None:
            return True  # a passive or a noun trigger: the actors found are the named ones
        return subj.i in self.mentions or any(c.i in self.mentions for c in subj.children
                                              if c.dep_ in ("amod", "compound", "poss", "nmod"))

    def _place_object(self, t: Token, v: Token | None) -> bool:
        """"opened an embassy in Tehran": the place of an embassy, office or base is its host."""
        return any(o.dep_ == "dobj" and self.lex.has("place_objects", _lemma(o))
                   for h in (t, v) if h is not None for o in h.children)

    def _in_modifier(self, t: Token, participles: bool = True) -> bool:
        """Is ``t`` inside a relative clause or a participial modifier of a noun ("the correspondent,
        who was detained ...", "the group that has seized parts of Iraq", "refugees fleeing the war")?
        With ``participles`` False, relative clauses only."""
        x = t
        for _ in range(12):
            if x.head == x:
                return False
            if x.dep_ == "relcl" or (participles and x.dep_ == "acl" and x.tag_ in ("VBG", "VBN")
                                     and x.head.pos_ in NOUN_POS and not self._misparsed_main(x)):
                return True
            x = x.head
        return False

    def _background(self, v: Token) -> bool:
        """Is ``v`` (or a clause above it) an adverbial clause of time or cause ("after ...",
        "when ...", "because ...")?"""
        x = v
        for _ in range(6):
            if x.head == x:
                return False
            if x.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and self.lex.has("background_marks", m.lower_)
                                         for m in x.children):
                return True
            if x.dep_ == "pcomp" and self.lex.has("background_marks", x.head.lower_):
                return True  # "after attacking ..."
            x = x.head
        return False

    def _misparsed_main(self, x: Token) -> bool:
        """"Palestinian youths resorted to throwing stones ..., officials said": a participle on the
        subject of a reporting verb is the reported clause the parser failed to see."""
        n = x.head
        return n.dep_ in SUBJECT_DEPS and self.lex.has("report_verbs", _lemma(n.head)) and x.i > n.i and \
            x.tag_ == "VBN" and any(c.dep_ in ("prep", "dobj") for c in x.children)

    def _asserted_clauses(self, drafts: list[Event], clauses: list[tuple[Token, Token]]) -> list[int]:
        """Indexes of the drafts the sentence asserts as events of their own.

        * a relative clause or participial modifier describes a participant: no event of its own when
          another clause holds one ("released the correspondent ..., who was detained");
        * the purpose or manner clause of a protest ("staged demonstrations to demand reforms",
          "demonstrated ... calling for independence") is what the protest is about (PLOVER: protests
          making requests are PROTEST); it lends the protest its target;
        * a participle clause adjoined to another event's verb ("urged Uganda to repatriate ...,
          accusing them of ...") adds circumstance, not another event of a different type.
        """
        idx = list(range(len(drafts)))
        placed = [i for i in idx if _placed(drafts[i].source + drafts[i].target)]
        modifier = {i for i in idx if self._in_modifier(clauses[i][0])}
        if any(i not in modifier for i in placed):
            idx = [i for i in idx if i not in modifier]
        else:  # a participle describing a noun is never the news ("a trip aimed at pushing for a ceasefire")
            idx = [i for i in idx if i not in modifier or self._in_modifier(clauses[i][0], participles=False)]
        # a clause of time or cause ("after a state of siege was declared") is background to the
        # main clause's event unless it is the same act told from the other side
        background = {i for i in idx if self._background(clauses[i][1])}
        fore = [i for i in placed if i in idx and i not in background]
        idx = [i for i in idx if i not in background or not fore
               or any(drafts[j].type == drafts[i].type for j in idx if j not in background)]
        heads: dict[int, list[int]] = {}
        for i in idx:
            t, v = clauses[i]
            heads.setdefault(t.i, []).append(i)
            heads.setdefault(v.i, []).append(i)
        out = []
        for i in idx:
            t, v = clauses[i]
            infinitive = _to_infinitive(v)
            x = v if v.dep_ in ("advcl", "xcomp", "acl") or (v.dep_ == "relcl" and infinitive) else t
            marks = [m for m in x.children if m.dep_ == "mark" and m.lower_ not in ("to", "in", "order")]
            owners = []
            if x.dep_ in ("advcl", "xcomp", "acl", "relcl") and not marks and x.head != x:
                owners = [j for j in heads.get(x.head.i, []) if j != i]
                if x.dep_ in ("relcl", "acl") and x.head.pos_ in NOUN_POS:
                    # "will boycott classes to protest ...": the parser hangs the purpose on the object
                    owners += [j for j in heads.get(x.head.head.i, []) if j != i and j not in owners]
            protest = next((j for j in owners if drafts[j].type == "PROTEST"), None)
            if protest is not None and self.lex.has("purpose_of_protest", drafts[i].type):
                p = drafts[protest]
                if not _placed(p.target):
                    srcc = {a.country for a in p.source}
                    gain = [a for a in (drafts[i].target or drafts[i].source) if a.country and a.country not in srcc]
                    p.target = _unique(p.target + gain)
                continue
            own_doers = {a.country for j in owners for a in drafts[j].source}
            if owners and x.dep_ == "advcl" and x.tag_ == "VBG" and drafts[i].type != "THREATEN" and \
                    not any(c.dep_ in SUBJECT_DEPS for c in x.children) and \
                    all(drafts[j].type != drafts[i].type for j in owners) and \
                    {a.country for a in drafts[i].source if a.country} <= own_doers:
                # (a threat is news of its own even in a participle: "discussed ..., warning that ...";
                # so is another party's act: "began exercises, prompting condemnation from Pyongyang")
                continue
            if owners and x.dep_ == "advcl" and x.tag_ == "VBG" and drafts[i].type == "THREATEN" \
                    and not drafts[i].target:
                # "pressed Belgium to ..., threatening to abandon the summit": the threat is aimed at
                # whom the main clause acts on
                drafts[i].target = next((drafts[j].target for j in owners if drafts[j].target), [])
            out.append(i)
        return out

    # -- putting it together ------------------------------------------------------------------------------
    def events(self) -> list[Event]:
        cands = self.candidates()
        self.cand_types = {c.token.i: c.type for c in cands}
        top = self.link(cands)
        drafts: list[Event] = []
        depths: list[int] = []
        clauses: list[tuple[Token, Token]] = []  # (trigger, clause verb or trigger) of each draft
        for c in top:
            typ, mode = self.resolve_type(c)
            if typ is None:
                continue
            t = c.token
            v = t if _is_verb(t) else _clause_verb(t.head if _is_noun(t) and t.pos_ == "VERB" else t)
            status = self.assessment(c, v, typ)
            if status is None:
                continue
            conditional = status in ("threat", "offer")
            if status == "refused":  # "Turkey would not approve the bids": a refusal
                typ, mode, status = "REJECT", self._frame_mode("REJECT", c), "occurred"
            elif status == "threat":  # "will withdraw its force unless ...": a conditional threat
                if typ not in ("THREATEN", "REQUEST"):
                    typ, mode = "THREATEN", self._mode_for("THREATEN", typ, mode)
                status = "occurred"
            elif status == "offer":  # "would meet the mediator if ...": an offer (AGREE; CAMEO 03x)
                typ, mode, status = ("CONCEDE" if self.lex.has("retreat_types", typ) else "AGREE"), None, "occurred"
            if c.decided and status == "occurred":
                status = "planned"
            if status == "planned" and self._immediate(v or t):
                # "announced that, with immediate effect, it would lift the restrictions": done when said
                status = "occurred"
            alts = c.row.alt if c.row is not None else ()
            for cond, alt_type, alt_mode in alts:
                if cond == "planned" and status == "planned":
                    typ, mode = alt_type, alt_mode  # a promise to sign is AGREE, a signature SUPPORT
            row_type = typ
            if status == "planned" and typ in self.lex.cues["planned_types"]:
                # an announced act of help or cooperation is a promise (PLOVER AGREE: "offer, promise
                # ... to cooperate"; CAMEO 03x "express intent"); a promised retreat is a CONCEDE
                typ, mode = self.lex.cues["planned_types"][typ], None
            # the parties of a promise are those of the promised act ("will receive a grant from X")
            source, target = self.participants(c, row_type, v)
            if c.row is not None and typ == "ACCUSE" and self.lex.has("reported_accusations", c.row.lemma):
                # "Erdem said Greek activities contravened the agreement": the reporter accuses the
                # one who broke it; the narrator's own "X breached the deal" is no accusation
                reporter = self._reporter(v or t)
                if not reporter:
                    continue
                source, target, status = reporter, [a for a in source if a not in reporter], "occurred"
            if typ == "ASSAULT" and not target and any(
                    o.dep_ == "dobj" and _lemma(o) in TRUCE_WORDS for o in t.children):
                # "India said Pakistan had violated the ceasefire": a truce has two sides, and the
                # one reporting the breach is the other
                target = [a for a in self._reporter(v or t) if a.country not in _countries(source)]
            guest = self._visiting_guest(t) if mode == "visit" else None
            if guest is not None:
                # "Deng told / received visiting U.S. Secretary of State George Shultz": the one
                # visiting is the guest (PLOVER: the visitor acts), whoever the clause's subject is
                source, target = [guest], [a for a in source + target if a.country != guest.country]
            if c.row is None or row_type != c.row.type:
                alts = ()  # a frame or a condition made it another act: the row's variants do not apply
            elif typ != row_type:
                # a promised act keeps who gives and who receives ("will receive a grant from the
                # Netherlands": the giver promises), but not the row's type variants
                alts = tuple(a for a in alts if a[0] == "host")
            for cond, alt_type, alt_mode in alts:
                if cond == "host":
                    if not target:
                        # "will receive a grant equivalent to 47 mln dlrs from the Netherlands": the
                        # parse may hang the giver inside the object
                        target = [a for o in t.children if o.dep_ == "dobj" for p in o.subtree
                                  if p.dep_ == "prep" and p.lower_ == "from"
                                  for x in p.children if x.dep_ == "pobj" for a in self.actors_of(x)
                                  if a not in source]
                    if not target:
                        source = []  # "hosted the Olympics": no guest, no visit
                    # "welcomed Scholz to the White House": the place a guest is received at is the
                    # host's venue, not one of the guests
                    venue = {a.name for p in t.children if p.dep_ == "prep" and p.lower_ == "to"
                             for o in p.children if o.dep_ == "pobj" for a in self.actors_of(o)}
                    guests = [a for a in target if a.name not in venue]
                    source, target = (guests or target), source
                elif cond == "state" and source and all(a.type in ("state", "person") for a in source) \
                        and self._named_subject(t, v):
                    typ, mode = alt_type, alt_mode  # "China protested": an official complaint
                elif cond == "group" and source and all(a.type == "group" for a in source):
                    typ, mode = alt_type, alt_mode  # "protesters stormed the residence"
                elif cond == "org" and any(a.type == "organization" for a in target):
                    typ, mode = alt_type, alt_mode  # "withdrew from the G5 Sahel force"
                elif cond in ("aimed", "unaimed") and (cond == "aimed") == self._aimed(c.token, v, target):
                    typ, mode = alt_type, alt_mode  # "fired missiles into the sea" is a test
            location, place = self.location(c, mode, v)
            if not _placed(source) and self.lex.has("hostile_types", typ):
                claim = self._claimed_victim(v or t, target, place)
                if claim is not None:  # "Israel said a mortar bomb was fired at it from Gaza"
                    typ, mode = "ACCUSE", "allege"
                    source, target = claim
                else:
                    source = _unique(source + self._claimed_doer(v or t, target))
            if (typ == "THREATEN" or conditional) and not _placed(target):
                # the condition may sit in the warning's reported clause ("warned that ... if China ...")
                target = _unique(target + self._condition_target([t, v] + [e.token for e in c.embedded]
                                                                 + [x for x in t.children if x.dep_ == "ccomp"]))
            if typ == "THREATEN" and not _placed(source):
                # "De Croo said if Congress passed the bill, the only way the EC could react was to
                # retaliate": who says what will follow makes the threat
                source = _unique(source + [a for a in self._reporter(v or t) if a not in target])
            replier = self._replier(t)
            if replier is not None:
                # "Greece, responding to a warning by Turkey, ...": a warning, demand, accusation,
                # refusal or sanction answered was aimed at the one replying, and it happened
                # before the reply (its date is not the reply's)
                if not _placed(target) and self.lex.has("answered_types", typ):
                    target = _unique(target + [a for sj in self._subject_tokens(replier)[0]
                                               for a in self.actors_of(sj) if a not in source])
                v = None
            placed_source = any(a.country for a in source)
            placed_target = any(a.country for a in target)
            if typ == "PROTEST" and not placed_target:
                # "rallied outside the Chinese embassy": a protest at a country's mission is aimed at it
                target = _unique(target + self._mission_protested(t, v))
                placed_target = any(a.country for a in target)
            if place is not None and placed_source and not placed_target and (
                    self._place_is_target(typ, mode) or self._place_object(t, v)) \
                    and place.country not in {a.country for a in source}:
                target = target + [place] + self._conjoined_places(place)  # "bombed targets in northern Iraq"
            elif place is not None and not placed_source and placed_target and (
                    typ == "PROTEST" or self.lex.has("place_acts_modes", mode or "")) \
                    and place.country not in {a.country for a in target}:
                # "a German citizen has been sentenced to death in Belarus": courts and police act
                # for the state they are in
                # "Thousands protested in Seoul against Japan's plan": a crowd no one names is of the
                # country it marches in
                source = source + [place]
            elif place is not None and not placed_source and not placed_target:
                # nobody placed but where it happened: a domestic act of that country ("Protesters
                # blocked roads in Lima", "Gunmen kidnapped students in Nigeria" -> the victims' side)
                subj = _subject_noun(c.token, v)
                if typ in ("CONSULT", "SUPPORT"):
                    pass  # a meeting or a signing happens at a venue, often in a third country
                elif (subj is not None and typ != "ASSAULT") or self.lex.has("place_acts_modes", mode or ""):
                    source = source + [place]  # "Krieger was sentenced in the Minsk Regional Court"
                else:
                    target = target + [place]
            if not any(a.country for a in source + target):
                subj = _subject_noun(c.token, v)
                named_subject = subj is not None and subj.pos_ in NOUN_POS
                source, target = self._home_country(source, target, place, named_subject)
            # no country on either side: nothing to place in a relation between states -- unless a
            # purpose clause lends one ("continued their hunger strike to demand the resignation of
            # Algerian President ..."): such drafts are kept until the clauses are sorted out
            # a decided act is dated by its decision: "the EU agreed new sanctions on Friday" (last Friday)
            tense = "past" if c.decided else {"planned": "future", "occurred": "past"}.get(status)
            anchors = [t] + ([v] if v is not None else []) + ([c.consumed_by.token] if c.consumed_by else [])
            date, date_text = self.date_for(anchors, tense, stop=replier)
            published = self.ctx.published if self.ctx is not None else None
            if conditional and date is not None and published is not None and date.start > published:
                # "may reduce imports next year if New Delhi fails to ...": the time is the threatened
                # act's; the threat itself is made when said
                date, date_text = None, None
            if status == "occurred" and date is not None and published is not None and date.start > published:
                status = "planned"
            elif status == "occurred" and date is not None and published is not None and date_text and \
                    date.end >= published and (v or t).tag_ not in ("VBD", "VBN") and \
                    re.search(r"\blater\s+(?:\w+\s+)?" + re.escape(date_text.removeprefix("later ")),
                              doc_text(self.doc), re.IGNORECASE):
                status = "planned"  # "ministers meet later today": a present that is still to come
            s, e = t.idx, t.idx + len(t.text)
            doc_id = self.ctx.doc.doc_id if self.ctx is not None else None
            trigger_span = (s + self.offset, e + self.offset)
            depths.append(len(list(t.ancestors)))
            clauses.append((t, v if v is not None else t))
            drafts.append(Event(
                type=typ, mode=mode, source=source, target=target, date=date, date_text=date_text,
                status=status, location=location, text=doc_text(self.doc),
                span=(self.offset, self.offset + len(doc_text(self.doc))), trigger=t.text,
                trigger_span=trigger_span, doc=doc_id,
                id=stable_id("e", doc_id, trigger_span, typ)))
        # main-clause events first: a reader (or a one-label benchmark) takes the first as the
        # sentence's principal event
        keep = [i for i in self._asserted_clauses(drafts, clauses)
                if (_placed(drafts[i].source + drafts[i].target)
                    or self._members_meet(drafts[i], *clauses[i]))
                and (_placed(drafts[i].target) or not self.lex.has("needs_target", _lemma(clauses[i][0])))]
        # "China is concerned about the economy": a worry about a matter is no act against anyone
        order = sorted(keep, key=lambda i: (depths[i], i))
        out = _merge([drafts[i] for i in order])
        if self.ctx is not None:
            sources = [a for ev in out for a in ev.source]
            if not sources:
                # "De Croo, here for talks ..., said if ...": with no event, the named speaker of the
                # sentence is still the one a following "He said" refers to
                sources = [a for r in self.doc if r.dep_ == "ROOT" and self.lex.has("report_verbs", _lemma(r))
                           for sj in r.children if sj.dep_ in SUBJECT_DEPS and sj.lower_ not in PERSONAL_PRONOUNS
                           for a in self.actors_of(sj) if a.country]
            if sources:
                self.ctx.doc.memory[MEMORY_KEY] = (self.ctx.index, tuple(sources))
            # the parties a later "the leaders" names: the acting pair when the source is one ("the
            # two leaders discussed their support for Ukraine": not Ukraine), else both sides
            parties = _unique(a for ev in out[:1] for a in ev.source)
            if len(_countries(parties)) < 2:
                parties = _unique(a for ev in out[:1] for a in ev.source + ev.target)
            if len(_countries(parties)) >= 2:
                self.ctx.doc.memory[PARTIES_KEY] = (self.ctx.index, tuple(parties))
            _story_date(out, self.ctx.published, lambda: self.times("past"), self.ctx.doc.memory)
            _lead_date(out, self.ctx, is_title(self.doc))
        return out


def _lead_date(events: list[Event], ctx, title: bool) -> None:
    """A headline tells the lead's act in fewer words ("INDIA AND JAPAN TO DISCUSS IRON ORE PRICES" /
    "... will send a team to Japan next week to negotiate ..."; "IRAQ THREATENS AIR RAIDS" / "a military
    spokesman threatened a resumption of air raids on Iran"). The first act of the same type in the two
    sentences after the title whose parties do not contradict the title's (a side left open, or one
    country in common) is the same act: it dates the title's act when the title says no time
    (``date_from`` "lead"), and each completes a side the other leaves open (``source_from`` /
    ``target_from`` "lead" on the title's act, "title" on the lead's)."""
    memory = ctx.doc.memory
    if title:
        memory[HEADLINE_KEY] = list(events)
        return
    waiting = memory.get(HEADLINE_KEY)
    if not waiting or ctx.index > 2:
        return
    for ev in events:
        head = next((h for h in waiting if h.type == ev.type and _same_act(h, ev)), None)
        if head is None:
            continue
        waiting.remove(head)
        if head.date_text is None and ev.date is not None and ev.date_text is not None:
            head.date, head.date_text = ev.date, ev.date_text
            head.extra["date_from"] = "lead"
        for side, other in (("source", "target"), ("target", "source")):
            for into, frm, label in ((head, ev, "lead"), (ev, head, "title")):
                if _placed(getattr(into, side)):
                    continue
                # never a party on both sides ("INDIA AND JAPAN TO DISCUSS" / "... a team to Japan")
                taken = _countries(getattr(into, other))
                lent = [a for a in getattr(frm, side) if a.country and a.country not in taken]
                if lent:
                    setattr(into, side, lent)
                    into.extra[f"{side}_from"] = label


def _same_act(head: Event, lead: Event) -> bool:
    """Can a headline's act and a lead's act of the same type be one act? Each side is open on one of
    them or names a country in common ("IRAQ THREATENS ..." / "... threatened air raids on Iran")."""
    return all(not _placed(getattr(head, s)) or not _placed(getattr(lead, s))
               or _countries(getattr(head, s)) & _countries(getattr(lead, s)) for s in ("source", "target"))


def _story_date(events: list[Event], published, times: Callable[[], list[Any]],
                memory: dict | None = None) -> None:
    """Date an act the text reports without a time by the story's date, as event datasets do (GDELT,
    ICEWS and POLECAT date every event by its story): what a news story tells as done or going on
    happened by the day it was published. ``date_text`` stays empty and ``date_from`` says where
    the date came from, so a reader can tell it from a date the sentence states. Plans and habits
    get no such date: the story's day says nothing about when they happen; nor does a sentence set
    in an earlier time than the story's month ("I traveled to Russia for the first time after being
    elected president ten years ago")."""
    dated = memory.setdefault(DATED_KEY, []) if memory is not None else []
    undated = [ev for ev in events if ev.date is None and ev.status in ("occurred", "ongoing")]
    dated += [ev for ev in events if ev.date_text and ev.status == "occurred"]
    if published is None or not undated:
        return
    if any(tm.period is not None and (published - tm.period.end).days > 31 for tm in times()):
        return
    for ev in undated:
        # the same act told again ("NORAD intercepted two Russian and two Chinese bombers ...
        # Wednesday" / "The US and Canada ... intercepted the Russian and Chinese bombers"): the date
        # the story gave it
        told = next((d for d in reversed(dated) if d is not ev and d.type == ev.type
                     and d.trigger.lower() == ev.trigger.lower() and _countries(d.target)
                     and _countries(d.target) == _countries(ev.target)
                     and _same_act(d, ev) and 0 <= (published - d.date.end).days <= 31), None)
        if told is not None:
            ev.date = told.date
            ev.extra["date_from"] = "story"
            continue
        ev.date = Period.day(published)
        ev.extra["date_from"] = "published"


def _verb_keys(t: Token) -> set[str]:
    """The lemma and plausible base forms of a verb, for the few the lemmatizer gets wrong
    ("staged" -> "stag")."""
    w = t.lower_
    keys = {_lemma(t), w}
    for suffix, add in (("ied", "y"), ("ed", ""), ("d", ""), ("ing", ""), ("ing", "e"), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            keys.add(w[: -len(suffix)] + add)
    return keys


def _agents(v: Token) -> list[Token]:
    """The nouns of a passive verb's by-phrase ("was arrested by the Russian authorities")."""
    return [p for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]


def _names_document(doc: Doc, end: int) -> bool:
    """Is the name ending before token ``end`` the first word of a text's name ("the Minsk Agreements")?"""
    return end < len(doc) and doc[end].lower_ in _actors_module().DOCUMENT_NOUNS


def _subject_noun(t: Token, v: Token | None) -> Token | None:
    x = v if v is not None else t
    return next((c for c in x.children if c.dep_ in SUBJECT_DEPS), None)


def _strip_det(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)


def _unique(actors: Iterable[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in actors:
        if a.name not in seen:
            seen.add(a.name)
            out.append(a)
    return out


def _countries(actors: list[Actor]) -> set[str]:
    return {a.country for a in actors if a.country}


def _placed(actors: list[Actor]) -> bool:
    return any(a.country for a in actors)


def _complementary(a: Event, b: Event) -> bool:
    """One event has only a placed source, the other only a placed target."""
    return (_placed(a.source) and not _placed(a.target) and _placed(b.target) and not _placed(b.source)) or \
        (_placed(a.target) and not _placed(a.source) and _placed(b.source) and not _placed(b.target))


def _merge(events: list[Event]) -> list[Event]:
    """One event per (type, source, target) in a sentence: "Russian airstrikes killed ..." is one
    ASSAULT, not two. The first keeps its trigger; a missing mode/date/location is filled in."""
    out: list[Event] = []
    for ev in events:
        key = (ev.type, frozenset(a.name for a in ev.source), frozenset(a.name for a in ev.target))
        twin = next((o for o in out if (o.type, frozenset(a.name for a in o.source),
                                        frozenset(a.name for a in o.target)) == key), None)
        if twin is None:
            # "Two soldiers were killed when Hezbollah fighters fired ...": one clause names the
            # victims, the other the attacker; they are one event
            twin = next((o for o in out if o.type == ev.type and _complementary(o, ev)), None)
            if twin is not None:
                twin.source = twin.source if _placed(twin.source) else ev.source
                twin.target = twin.target if _placed(twin.target) else ev.target
        if twin is None:
            # "telephoned Kozyrev to discuss ...", "established ties with and opened an embassy in
            # Tehran": the same act told twice, once with fewer of its parties
            mine = _countries(ev.source + ev.target)
            twin = next((o for o in out if o.type == ev.type and mine <= _countries(o.source + o.target)), None)
            if twin is None:
                twin = next((o for o in out if o.type == ev.type and _countries(o.source + o.target) < mine), None)
                if twin is not None:
                    twin.source, twin.target = ev.source, ev.target
        if twin is None:
            out.append(ev)
            continue
        twin.mode = twin.mode or ev.mode
        if twin.date is None:
            twin.date, twin.date_text = ev.date, ev.date_text
        twin.location = twin.location or ev.location
    return out


def reattach_clauses(doc: Doc, lex: Lexicon) -> int:
    """Give back to a reporting verb the that-clause the parser hung on a phrase in between.

    "Samuels charged during the Council debate that Canada was trying to preserve jobs", "said at
    the summit that India would send troops": the English model reads the clause as a relative
    clause of the noun in between ("the debate that ..."), so the charge has no content and its
    target is lost. The clause is a complement, not a relative clause, when the verb takes one
    (``report_verbs``, ``clause_verbs``), has none yet, and the clause is complete: "that" is its
    marker, or "that" fills an object slot its verb has filled already ("that Canada was trying
    to preserve jobs"). A real relative clause ("met at the summit that India hosted") leaves a
    gap and stays. Returns how many clauses moved (the parse is changed in place)."""
    moved = 0
    for r in doc:
        if r.dep_ != "relcl" or r.head.dep_ != "pobj" or r.head.head.dep_ != "prep":
            continue
        v = r.head.head.head
        if not _is_verb(v) or v.i > r.i or not (lex.has("report_verbs", _lemma(v))
                                              or lex.has("clause_verbs", _lemma(v))):
            continue
        if any(c.dep_ == "ccomp" for c in v.children):
            continue
        first = r.left_edge
        if first.i <= r.head.i or first.lower_ != "that":
            continue
        complete = first.dep_ == "mark" or (
            first.dep_ in ("dobj", "dative")
            and any(c.dep_ == "dobj" and c is not first for c in first.head.children))
        if not complete or not any(c.dep_ in ("nsubj", "nsubjpass") and c is not first for c in r.children):
            continue
        r.head = v
        r.dep_ = "ccomp"
        if first.dep_ in ("dobj", "dative"):
            first.head = r
            first.dep_ = "mark"
        moved += 1
    return moved


def code_events(doc: Doc, lexicon: Lexicon | None = None) -> list[Event]:
    """The events of one annotated sentence doc (``doc._.ctx`` and ``doc._.actors`` set)."""
    lex = lexicon or load_lexicon()
    reattach_clauses(doc, lex)
    return SentenceCoder(doc, lex).events()


class EventCoder:
    """The ``bilat_events`` pipeline component. Holds only its configuration (a lexicon folder;
    empty for the packaged one) so it pickles cheaply to Dask workers; the lexicon is loaded once
    per process through ``load_lexicon``'s cache."""

    def __init__(self, name: str = "bilat_events", lexicon_dir: str = ""):
        self.name = name
        self.lexicon_dir = lexicon_dir

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = code_events(doc, load_lexicon(self.lexicon_dir))
        return doc


@Language.factory("bilat_events", assigns=["doc._.events", "token.head", "token.dep"],
                  requires=["doc._.ctx", "doc._.actors"],
                  default_config={"lexicon_dir": ""})
def make_event_coder(nlp: Language, name: str, lexicon_dir: str) -> EventCoder:
    return EventCoder(name, lexicon_dir)
