"""Actor resolution: who a mention in a text is, as a canonical :class:`~bilat.model.Actor`.

Three layers, each cheaper than the next:

* :func:`document_countries` counts the countries a whole document mentions (names, aliases,
  demonyms, capitals and metonyms, known persons) with one compiled regular expression; it
  runs on every document before anything is parsed.
* :func:`resolve` turns one mention's text ("President Xi", "the Kremlin", "SCO") into an actor.
* the ``bilat_actors`` spaCy component finds every actor mention in an annotated sentence
  (gazetteer hits, NER ``PERSON`` spans, titles and demonyms around names, government bodies,
  collectives such as "both sides", first-person speakers) and writes ``doc._.actors``.

The knowledge is data, not code: ``bilat/data/gazetteer/`` (see its README). Decisions the
data encodes and the code relies on:

* Dissolved states keep their ISO 3166-3 code: the Soviet Union is ``SUN`` (not ``RUS``),
  East Germany ``DDR``, Yugoslavia ``YUG``, Czechoslovakia ``CSK``; renamed states keep their
  current code (West Germany and Bonn ``DEU``, Zaire ``COD``, Burma ``MMR``). Capitals and
  metonyms are dated, so "Moscow" and "the Kremlin" are ``SUN`` before 1991-12-26 and ``RUS``
  after when the publication date is known; :func:`successor` maps ``SUN`` to ``RUS`` for
  callers that want continuity.
* "Brussels" is the European Union (the European Community before November 1993), an
  organisation with no country; "Jerusalem" is not resolved (disputed), "Tel Aviv" is Israel.
* Government bodies ("the Chinese Foreign Ministry", "the Pentagon") are organisations *with*
  their country; the collective agents of a state ("the Chinese side", "Russian troops",
  "the U.S. government") are the state itself.
* A demonym with a noun for people is a *group* of that country, not the state: "Chinese
  consumers" -> Actor("Chinese consumers", "CHN", "group"); with its territory ("the Ukrainian
  city of Kherson") it is the state; with any other noun ("Russian flour") it is no actor, but
  still a country reference for :func:`document_countries` and :func:`country_spans`.
* Collectives ("both sides", "the two heads of state") are a group named after the document's
  dyad in alphabetical order ("China-Russia", whatever the order of mentions), so that one pair
  is one group across documents; ``members`` are the two states, or the two leaders the
  document names.
* A capitalised title alone ("The President underscored ...", "the Prime Minister said") is the
  person the document named first with that title; "the President of France" and "the
  Secretary-General" are not, and a vice president is no president.
* First person ("I", "my") is the speaker only in a signed text named in the headline ("FULL
  LETTER: Xi Jinping ...") or in interview answers after a speaker label ("Zhang: ..."); never
  inside quotation marks, never "we".
* News outlets ("Global Times", "China Daily", "KCNA") are neither actors nor country mentions.
* "ethnic Albanians" is a group with no country (not Albania); a country opening a hyphenated
  modifier ("Russia-led", "Korea-based") is the state with ``ActorMention.modifier`` set, and callers
  decide what a sponsor means. Places whose state changed are dated (Juba, Belgrade, Kosovo).
* Persons come from ``people.csv`` (curated) and ``leaders.csv`` (heads of state and government of every
  country 1975-2019, transcribed from public lists); a known name inside a longer personal name that
  NER found ("Abdul Hamid Dbeibah") is someone else.
"""
from __future__ import annotations

import collections
import csv
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import pycountry
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from .model import Actor, ActorMention
from .nlp import dateline_end, doc_text
from .textcache import text_cache

if TYPE_CHECKING:
    from .nlp import DocContext

DATA = Path(__file__).parent / "data" / "gazetteer"

COUNTRY_KINDS = ("name", "abbrev", "capital", "metonym")  # resolve to the state itself
DEMONYM_KINDS = ("demonym", "people")
# words for the government a leader heads ("the Reagan administration")
GOVERNMENT_OF = {"administration", "government", "cabinet", "regime"}
# first person singular: resolved to the document's speaker when there is one
FIRST_PERSON = {"I", "me", "my", "myself", "Me", "My"}
# first person plural: the speaker's government ("Statement by NSC Spokesperson ...: We urge ...")
FIRST_PLURAL = {"we", "us", "our", "We", "Our"}
# words that join the parts of a title ("Ambassador to Russia", "Minister of Foreign Affairs")
CONNECTORS = {"of", "to", "for", "in", "and", "the", "'s", "-", "&", "on", "at"}
# lowercase particles inside personal names ("Mohammed bin Salman", "Ursula von der Leyen")
NAME_PARTICLES = {"bin", "ibn", "al", "el", "de", "da", "do", "dos", "van", "von", "der", "den", "la",
                  "le", "di", "du", "-", "Jr.", "Jr", "III", "II", "IV", "ben", "abu", "bint"}
MISSION_NOUNS = frozenset({"embassy", "consulate", "mission", "legation", "chancery", "embassies",
                           "consulates"})
# what is named after the city where it was agreed ("the Minsk Agreements", "the Oslo Accords")
DOCUMENT_NOUNS = frozenset({"agreement", "agreements", "accord", "accords", "protocol", "protocols",
                            "convention", "conventions", "declaration", "treaty", "charter", "format",
                            "process", "communique", "consensus", "principles"})
GROUP_ENT_TYPES = {"ORG", "EVENT", "FAC", "WORK_OF_ART", "PRODUCT", "LAW", "LOC"}
NON_NAME_ENT_TYPES = {"DATE", "TIME", "GPE", "NORP", "ORG", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                      "QUANTITY", "EVENT", "FAC", "LOC", "LAW", "LANGUAGE", "PRODUCT", "WORK_OF_ART"}
# head-of-state/government ranks by office, for "the two heads of state" / "the two leaders"
_RANKS = ((3, re.compile(r"(?:president|state president|general secretary|supreme leader|paramount leader|"
                         r"leader|chairman)", re.I)),
          (2, re.compile(r"(?:prime minister|premier|chancellor|pm)", re.I)),
          (1, re.compile(r"(?:king|queen|emir|emperor|crown prince|sultan)", re.I)))
_FOREIGN_OFFICE = re.compile(r"foreign minister|secretary of state|foreign secretary|external affairs minister",
                             re.I)
# title words that name the same office in different styles
_TITLE_SYNONYMS = {"premier": ("premier", "prime minister"), "prime": ("premier", "prime minister"),
                   "pm": ("premier", "prime minister"),
                   "leader": ("leader", "president", "general secretary", "chairman", "premier",
                              "prime minister", "chancellor", "king", "emir")}
# words that make an office a lesser one than its head word ("Vice President", "Deputy Foreign Minister")
_SUBORDINATE = ("vice", "deputy", "assistant", "under", "spokes")
# title words that say nothing about the office itself
_LOOSE = {"former", "then", "late", "acting", "interim", "incoming", "outgoing", "top", "senior", "the", "of"}
# genre cues in a headline that make its named person the speaker of the whole text
_SPEAKER_CUES = re.compile(r"\b(?:letter|article|op-ed|opinion|writes|wrote|signed|speech|address|remarks|"
                           r"message|full text|interview with|statement (?:by|from|of))\b", re.I)
_LABEL = re.compile(r"^([A-Z][\w.'\u2019 -]{0,40}?)\s*:\s+\S")
# a country word as the first half of a hyphenated modifier: "Russia-led", "Iranian-backed", "Korea-based"
_MODIFIER = re.compile(r"\s?-\s?([a-z]+)\b")
# modifiers that make the country a sponsor rather than the place ("Iranian-backed" is not Iran; "Korea-based" is Korea)
_PROXY_MODIFIERS = {"led", "backed", "sponsored", "funded", "supported", "allied", "aligned", "linked", "affiliated",
                    "inspired", "controlled", "armed", "trained", "brokered", "mediated", "friendly", "leaning"}
# "ethnic Albanians": a people named by their kin state, not that state (the resolver gives no country;
# callers place them where the story is, as CAMEO codes the location country)
_ETHNIC = re.compile(r"(?<![\w-])(?:[Ee]thnic|ETHNIC)\s+$")


def _date(s: str) -> dt.date | None:
    """'1987' or '1987-11-06' -> a date (a bare year is taken as its first day)."""
    s = (s or "").strip()
    if not s:
        return None
    return dt.date.fromisoformat(s) if len(s) > 4 else dt.date(int(s), 1, 1)


def _end_date(s: str) -> dt.date | None:
    """Like :func:`_date`, but a bare year is taken as its last day (the end of a range)."""
    s = (s or "").strip()
    if len(s) == 4:
        return dt.date(int(s), 12, 31)
    return _date(s)


_UNDECOMPOSED = str.maketrans({"Đ": "D", "đ": "d", "ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ð": "d",
                               "Þ": "Th", "þ": "th", "ß": "ss", "ʻ": "'", "’": "'"})


def _ascii(s: str) -> str:
    """'Édouard Balladur' -> 'Edouard Balladur', 'Đỗ Mười' -> 'Do Muoi': wire copy often drops accents."""
    s = s.translate(_UNDECOMPOSED)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, newline="", encoding="utf-8") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def _split(s: str) -> list[str]:
    return [x.strip() for x in s.split(";") if x.strip()]


def office_rank(office: str) -> int:
    """3 head of state/party, 2 head of government, 1 monarch, 0 anything else ('Vice President' is 0)."""
    o = office.strip().lower()
    if o.startswith(("vice", "deputy", "former")):
        return 0
    for rank, pattern in _RANKS:
        if pattern.fullmatch(o):
            return rank
    return 0


# --- gazetteer --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    """One meaning of a gazetteer phrase: a country alias, an organisation, a person, a stop phrase."""

    kind: str  # name|abbrev|demonym|people|capital|metonym|place|org|body|person|short|risky|stop
    key: str  # ISO3, organisation name, person name, or the stop kind
    start: dt.date | None = None
    end: dt.date | None = None
    flags: frozenset[str] = frozenset()

    def active(self, when: dt.date | None) -> bool:
        """Valid on ``when``; with no date, only meanings that still hold today."""
        if when is None:
            return self.end is None
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True)
class Office:
    office: str
    country: str | None
    start: dt.date | None
    end: dt.date | None

    def active(self, when: dt.date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)

    @property
    def rank(self) -> int:
        return office_rank(self.office)


@dataclass
class Person:
    """A known person with the offices they held (their country may change: Shevardnadze SUN, then GEO)."""

    name: str
    offices: list[Office] = field(default_factory=list)

    def office_at(self, when: dt.date | None, strict: bool = False) -> Office | None:
        """The highest-ranking office held on ``when``; else (unless strict) the nearest in time."""
        if when is None:
            return None if strict else max(self.offices, key=lambda o: (o.start or dt.date.min))
        held = [o for o in self.offices if o.active(when)]
        if held:
            return max(held, key=lambda o: (o.rank, o.start or dt.date.min))
        if strict:
            return None

        def distance(o: Office) -> int:
            if o.start and when < o.start:
                return (o.start - when).days
            return (when - o.end).days if o.end else 0
        return min(self.offices, key=distance)

    def actor(self, when: dt.date | None) -> Actor:
        office = self.office_at(when)
        return Actor(self.name, office.country if office else None, "person")

    def fits(self, heads: set[str], when: dt.date | None, title: str = "") -> bool:
        """Whether a title ('President', 'Premier') fits an office this person held (on ``when``).

        A deputy's office needs the deputy's word in the title: "president" is not "Vice President".
        """
        offices = [o for o in self.offices if when is None or o.active(when)] or self.offices
        title = title.lower().replace("defence", "defense")
        offices = [o for o in offices
                   if not any(w in o.office.lower() and w not in title for w in _SUBORDINATE)]
        # every office word of the title must be in the office ("Foreign Secretary" is not "Trade Secretary")
        titles = gazetteer().titles
        words = {w for w in re.findall(r"[a-z]+", title) if titles.get(w) in ("head", "mod")} - _LOOSE or heads

        def has(office: str, word: str) -> bool:
            return any(re.search(rf"\b{re.escape(w)}\b", office) for w in _TITLE_SYNONYMS.get(word, (word,)))

        return any(all(has(o.office.lower().replace("defence", "defense"), w) for w in words) for o in offices)


def _trie_regex(phrases: Iterable[str]) -> str:
    """One regular expression matching any of ``phrases``, longest first, shaped as a character trie.

    Written by hand because Python's ``re`` tries a flat alternation of thousands of literals
    one branch at a time at every position; a trie fails after one character. No trie/Aho-Corasick
    library is a dependency of bilat.
    """
    trie: dict = {}
    for p in phrases:
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return walk(trie)


class Gazetteer:
    """Everything bilat knows about countries, organisations, bodies and persons, loaded from the data files."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.official: dict[str, str] = {}
        self.successors: dict[str, str] = {}
        self.terms: dict[str, list[Term]] = collections.defaultdict(list)
        self.orgs: dict[str, Actor] = {}
        self.persons: dict[str, Person] = {}
        self.persons_in: dict[str, list[Person]] = {}  # country -> who held an office of it, in file order
        self.by_short: dict[str, list[Person]] = collections.defaultdict(list)
        self.shorts_of: dict[str, list[str]] = collections.defaultdict(list)
        self.demonym: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        self.actor_nouns: dict[str, str] = {}
        self.collectives: dict[str, str] = {}
        self._load_countries()
        self._load_aliases()
        self._load_orgs()
        self._load_people()
        self._load_lexicon()
        self.pattern = self._compile()
        self.lower_index: dict[str, list[Term]] = {}
        for phrase, terms in self.terms.items():
            self.lower_index.setdefault(phrase.lower(), terms)
        self.collective_pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(self.collectives, key=len, reverse=True))
            + r")(?!\w)", re.I)

    # loading ----------------------------------------------------------------------------------
    def _add(self, phrase: str, term: Term) -> None:
        for variant in {phrase, _ascii(phrase)}:
            if term not in self.terms[variant]:
                self.terms[variant].append(term)

    def _load_countries(self) -> None:
        for c in pycountry.countries:
            code = c.alpha_3
            name = getattr(c, "common_name", None) or c.name
            self.names[code] = name
            for n in {c.name, name, getattr(c, "official_name", None)}:
                if n and "," not in n:  # "Korea, Republic of" is an index form, not how texts write it
                    self._add(n, Term("name", code))
        for row in _rows("country_names.csv"):
            code = row["iso3"]
            self.names[code] = row["name"]
            if row["official"]:
                self.official[code] = row["official"]
            if row["successor"]:
                self.successors[code] = row["successor"]
            for n in filter(None, (row["name"], row["official"])):
                self._add(n, Term("name", code))

    def _load_aliases(self) -> None:
        curated: dict[str, list[Term]] = collections.defaultdict(list)
        for row in _rows("aliases.csv"):
            term = Term(row["kind"], row["iso3"], _date(row["from"]), _end_date(row["to"]),
                        frozenset(row["flags"].split()))
            self._add(row["alias"], term)
            for variant in {row["alias"], _ascii(row["alias"])}:
                curated[variant].append(term)
            if row["kind"] == "demonym" and row["iso3"] not in self.demonym and not term.flags:
                self.demonym[row["iso3"]] = row["alias"]
        for row in _rows("stop_phrases.csv"):
            self._add(row["phrase"], Term("stop", row["kind"]))
        # where the curated aliases give a phrase its meanings (dated "Congo", flagged "Georgia"),
        # pycountry's undated reading of the same phrase is dropped
        for phrase, terms in curated.items():
            stops = [t for t in self.terms[phrase] if t.kind == "stop"]
            self.terms[phrase] = stops or terms

    def _load_orgs(self) -> None:
        for row in _rows("organizations.csv"):
            actor = Actor(row["name"], row["country"] or None, row["type"])
            self.orgs[row["name"]] = actor
            for alias in [row["name"], *_split(row["aliases"])]:
                self._add(alias, Term("org", row["name"], _date(row["from"]), _end_date(row["to"])))
        # state firms (state oil companies, state trading agencies) act for their state as bodies do:
        # "Pemex signed a loan with Japan" is Mexico's act in event data
        for row in _rows("bodies.csv") + _rows("state_firms.csv"):
            actor = Actor(row["name"], row["country"], "organization")
            self.orgs[row["name"]] = actor
            for alias in [row["name"], *_split(row["aliases"])]:
                self._add(alias, Term("body", row["name"], _date(row["from"]), _end_date(row["to"])))

    def _load_people(self) -> None:
        curated = {row["name"] for row in _rows("people.csv")}
        # leaders.csv (bulk list) adds no ALL-CAPS variants (see _compile): they would double the pattern
        rows = [(r, frozenset()) for r in _rows("people.csv")] + \
            [(r, frozenset({"bulk"})) for r in _rows("leaders.csv") if r["name"] not in curated]
        for row, flags in rows:
            person = self.persons.setdefault(row["name"], Person(row["name"]))
            person.offices.append(Office(row["office"], row["country"] or None, _date(row["start"]),
                                         _end_date(row["end"])))
            for alias in [row["name"], *_split(row["aliases"])]:
                self._add(alias, Term("person", row["name"], flags=flags))
            for short in _split(row["short"]):
                risky = short.startswith("?")
                short = short.lstrip("?")
                self._add(short, Term("risky" if risky else "short", row["name"], flags=flags))
                for variant in {short, _ascii(short)}:
                    if person not in self.by_short[variant]:
                        self.by_short[variant].append(person)
        for person in self.persons.values():
            person.offices.sort(key=lambda o: o.start or dt.date.min)
            for code in dict.fromkeys(o.country for o in person.offices if o.country):
                self.persons_in.setdefault(code, []).append(person)
        for short, people in self.by_short.items():
            for person in people:
                self.shorts_of[person.name].append(short)

    def _load_lexicon(self) -> None:
        for row in _rows("titles.csv"):
            self.titles.setdefault(row["word"], row["class"])
        self.actor_nouns = {row["noun"]: row["kind"] for row in _rows("actor_nouns.csv")}
        self.collectives = {row["phrase"]: row["members"] for row in _rows("collectives.csv")}

    def _compile(self) -> re.Pattern[str]:
        phrases = set(self.terms)
        # ALL-CAPS headlines ("JAPAN TO CUT CHIP OUTPUT"): the upper-case form of every multi-letter phrase
        for phrase, terms in list(self.terms.items()):
            upper = phrase.upper()
            if upper != phrase and len(phrase) > 3 and not any(t.kind == "risky" for t in terms) and \
                    not all("bulk" in t.flags or t.kind == "place" for t in terms):
                for t in terms:
                    if t not in self.terms[upper]:
                        self.terms[upper].append(t)
                phrases.add(upper)
        return re.compile(r"(?<!\w)(?:" + _trie_regex(phrases) + r")(?!\w)")

    # lookups -----------------------------------------------------------------------------------
    def country_of(self, terms: Iterable[Term], when: dt.date | None,
                   kinds: tuple[str, ...] = COUNTRY_KINDS + DEMONYM_KINDS + ("place",)) -> str | None:
        """The ISO3 code a phrase's meanings point to on ``when`` (unflagged, current meanings first)."""
        cands = [t for t in terms if t.kind in kinds]
        live = [t for t in cands if t.active(when)]
        if not live and when is None and cands:  # e.g. "Bonn": no current meaning, take the latest
            live = [max(cands, key=lambda t: t.end or dt.date.max)]
        if not live:
            return None
        live.sort(key=lambda t: ("ambiguous" in t.flags, t.end is not None))
        return live[0].key

    def org_actor(self, terms: Iterable[Term], when: dt.date | None) -> Actor | None:
        cands = [t for t in terms if t.kind in ("org", "body")]
        live = [t for t in cands if t.active(when)] or cands
        return self.orgs[live[0].key] if live else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process (workers load their own; nothing is pickled)."""
    return Gazetteer()


@lru_cache(maxsize=1)
def _tokenizer() -> Language:
    """A tokenizer-only English pipeline, for :func:`resolve` and the whole-document pre-scan."""
    return spacy.blank("en")


# --- country API ------------------------------------------------------------------------------
def country_name(iso3: str) -> str:
    """Canonical short name of a country: 'CHN' -> 'China', 'SUN' -> 'Soviet Union'. KeyError if unknown."""
    gz = gazetteer()
    code = iso3.upper()
    if code not in gz.names:
        raise KeyError(f"unknown country code {iso3!r}")
    return gz.names[code]


def country_actor(iso3: str) -> Actor:
    """The canonical state actor: Actor('China', 'CHN', 'state')."""
    return Actor(country_name(iso3), iso3.upper(), "state")


def successor(iso3: str) -> str:
    """The present-day state that continues a dissolved one ('SUN' -> 'RUS'); other codes unchanged."""
    return gazetteer().successors.get(iso3.upper(), iso3.upper())


def lookup_country(text: str, when: dt.date | None = None) -> str | None:
    """A country name, alias, demonym, capital or metonym -> ISO3 ('Chinese', 'the PRC', 'Soviet')."""
    gz = gazetteer()
    s = re.sub(r"^(?:the|The|THE)\s+", "", text.strip())
    s = re.sub(r"(?:'s|\u2019s)$", "", s)
    terms = gz.terms.get(s) or gz.lower_index.get(s.lower())  # forgiving on case ("china", "RUSSIAN")
    if terms:
        return gz.country_of(terms, when)
    if s.upper() in gz.names and len(s) == 3:
        return s.upper()
    # a longer name with one country in it ("US Treasuries", "Bam, Iran", "Korea-based"): that country,
    # unless it names several or the country word is a modifier of a proxy ("Iranian-backed")
    codes = {code for b, e, code in country_spans(s, when)
             if not ((m := _MODIFIER.match(s, e)) and m.group(1) in _PROXY_MODIFIERS)
             and not re.search(r"\bof\s+(?:the\s+)?$", s[:b])}  # "Sea of Japan", "Bank of England": named after it
    return codes.pop() if len(codes) == 1 else None


@dataclass(frozen=True)
class Hit:
    """A gazetteer phrase found in a text (character offsets into that text)."""

    start: int
    end: int
    text: str
    terms: tuple[Term, ...]


def _plausible(text: str, start: int, end: int, terms: list[Term]) -> bool:
    """Reject the readings flagged ambiguous in the data where the context says otherwise.

    'name': a country that is also a personal name (Jordan, Chad) next to another capitalised
    word ("Michael Jordan", "Chad Smith"). 'usstate': "Atlanta, Georgia". 'prefix': "Sino" only
    as in "Sino-Russian".
    """
    flags = set().union(*(t.flags for t in terms)) if terms else set()
    if not flags:
        return True
    if text[start:end].isupper() and end - start > 3:
        return True
    before, after = text[max(0, start - 40):start], text[end:end + 40]
    if "prefix" in flags and not after.startswith("-"):
        return False
    titles = gazetteer().titles
    if "name" in flags:
        m = re.search(r"([A-Z][a-z]+)\s$", before)
        if m and m.group(1).lower() not in titles and m.group(1) not in {
                "The", "In", "To", "From", "And", "But", "With", "For", "Of", "At", "By", "On", "As",
                "Visit", "While", "After", "Before", "Southern", "Northern", "Eastern", "Western", "Central"}:
            return False
        m = re.match(r"\s([A-Z][a-z]+)", after)
        if m and m.group(1).lower() not in titles and m.group(1) not in gazetteer().terms:
            return False
    if "usstate" in flags:
        if re.search(r"[A-Z][a-z]+,\s$", before) or re.match(r",?\s(?:U\.S\.|USA|state\b)", after):
            return False
    return True


@text_cache(maxsize=2048)
def scan(text: str) -> tuple[Hit, ...]:
    """Every gazetteer phrase in ``text``, longest match first, with context-implausible readings dropped.
    Cached: bilat_ner, bilat_actors and the extractors' country lookups all scan the same sentence."""
    gz = gazetteer()
    out = []
    for m in gz.pattern.finditer(text):
        terms = gz.terms.get(m.group())
        if terms and _plausible(text, m.start(), m.end(), terms):
            if {t.kind for t in terms} <= set(DEMONYM_KINDS) and _ETHNIC.search(text, max(0, m.start() - 8), m.start()):
                terms = [Term("ethnic", t.key) for t in terms]  # "ethnic Albanians" is no reference to Albania
            out.append(Hit(m.start(), m.end(), m.group(), tuple(terms)))
    return tuple(out)


def hit_country(hit: Hit, when: dt.date | None = None) -> str | None:
    """The country a hit refers to: a country phrase, a person (their country then), a body or a group."""
    gz = gazetteer()
    kinds = {t.kind for t in hit.terms}
    if "stop" in kinds:
        return None
    code = gz.country_of(hit.terms, when)
    if code:
        return code
    if "person" in kinds or "short" in kinds:
        person = gz.persons[next(t.key for t in hit.terms if t.kind in ("person", "short"))]
        return person.actor(when).country
    org = gz.org_actor(hit.terms, when)
    return org.country if org else None


def country_spans(text: str, when: dt.date | None = None) -> list[tuple[int, int, str]]:
    """(start, end, ISO3) of every country reference in ``text``, demonyms modifying any noun included.

    For extractors that need the countries a sentence talks about ("Chinese consumers" counts),
    not only its actors.
    """
    out = []
    for h in scan(text):
        code = hit_country(h, when)
        if code:
            out.append((h.start, h.end, code))
    return out


def document_countries(text: str, when: dt.date | None = None) -> collections.Counter[str]:
    """ISO3 -> number of mentions in a whole document; ``when`` (publication date) dates capitals.

    Country names, aliases, demonyms, capitals and metonyms, government bodies, groups with a
    country and known persons (full names and distinctive surnames, mapped to their country on
    ``when``). Surnames that are also common words or shared by several persons ("May", "Kim")
    are not counted. One regex pass; no spaCy.
    """
    return collections.Counter(code for _, _, code in country_spans(text, when))


# --- mentions ---------------------------------------------------------------------------------
@dataclass
class _Known:
    """A person named in the current document, with what the document says about them."""

    actor: Actor
    rank: int = 0
    foreign: bool = False
    offices: str = ""  # the titles the document or the gazetteer gives them, lower case ("president")


def _leads(k: _Known, kind: str) -> bool:
    """Can this person stand for their country in "the two leaders" (``kind`` "leaders") or "the
    two foreign ministers" (``kind`` "foreign")?"""
    return k.foreign if kind == "foreign" else k.rank > 0


@dataclass
class _Memory:
    """What bilat_actors remembers about one document (kept in ``DocContext.memory['actors']``)."""

    persons: dict[str, _Known] = field(default_factory=dict)
    shorts: dict[str, str] = field(default_factory=dict)
    speaker: Actor | None = None
    paragraph_speakers: dict[int, Actor | None] = field(default_factory=dict)
    interview: bool = False
    filed_in: str | None = None  # the country of the story's dateline ("NEW DELHI, March 5 - ")
    # short names of organisations the document named with their country ("Italy's state-owned
    # <Banca Nazionale Del Lavoro-BNL>" ... "BNL had also approved")
    orgs: dict[str, Actor] = field(default_factory=dict)

    def remember_org(self, actor: Actor) -> None:
        for short in _ACRONYM.findall(actor.name):
            self.orgs.setdefault(short, actor)

    def remember(self, actor: Actor, role: str | None, person: Person | None, when: dt.date | None) -> None:
        if person is not None:
            office = person.office_at(when)
            rank = office.rank if office else 0
            foreign = bool(office and _FOREIGN_OFFICE.search(office.office))
            shorts = gazetteer().shorts_of.get(person.name, [])
        else:
            rank = office_rank(role or "")
            foreign = bool(role and _FOREIGN_OFFICE.search(role))
            parts = [p for p in actor.name.split() if p[:1].isupper()]
            shorts = [parts[0], parts[-1]] if len(parts) > 1 else []
        held = office.office if person is not None and office else None
        offices = " ".join(x.lower() for x in (role, held) if x)
        known = self.persons.get(actor.name)
        if known is None or (known.actor.country is None and actor.country):
            self.persons[actor.name] = _Known(actor, rank, foreign, offices)
        else:
            known.rank, known.foreign = max(known.rank, rank), known.foreign or foreign
            known.offices = f"{known.offices} {offices}".strip()
        for s in shorts:
            self.shorts[s] = actor.name

    def speaker_for(self, paragraph: int | None) -> Actor | None:
        if self.interview:
            return self.paragraph_speakers.get(paragraph) if paragraph is not None else None
        return self.speaker


# a capitalised title alone after "the": "The President underscored ...", "the Prime Minister said"
_TITLES = r"President-elect|President|Prime Minister|Chancellor|Premier|Vice President|Secretary"
_DEFINITE_TITLE = re.compile(rf"\b[Tt]he ({_TITLES})\b(?![-\u2010\u2011])")
# the second of two titles sharing the article: "The President and Prime Minister discussed ..."
_SHARED_TITLE = re.compile(rf"\b[Tt]he (?:{_TITLES}) and ({_TITLES})\b(?![-\u2010\u2011])")


@dataclass
class _Cand:
    """A mention being built: token range (and, for a hit inside a token, its characters) and actor."""

    start: int
    end: int
    actor: Actor
    members: tuple[Actor, ...] = ()
    role: str | None = None
    person: Person | None = None
    chars: tuple[int, int] | None = None  # "U.S." inside the token "U.S.-China"
    modifier: str | None = None  # "led" in "Russia-led"


# the acronym a wire gives after an organisation's name: "Banca Nazionale Del Lavoro-BNL",
# "Minerals and Metals Trading Corp (MMTC)"
_ACRONYM = re.compile(r"(?:-|\(\s*)([A-Z]{2,6})\s*\)?$")

# "state-owned", "state-run", "government-controlled", "the state oil company": the words that make
# the named firm after them (up to three lower-case words between: "oil company") a state's agent
_STATE_OWNED = re.compile(r"\b(?:(?:state|government)[- ](?:owned|run|controlled)|state\s+(?=(?:oil|gas|trading|grain|"
                          r"energy|power|shipping|airline|arms|investment)\b))"
                          r"(?:\s+[a-z][a-z-]*){0,3}\s+<?$", re.I)  # "<" opens a Reuters firm name


class _Sentence:
    """One doc being read: gazetteer hits per token and the rules that turn them into mentions."""

    def __init__(self, doc: Doc, when: dt.date | None, memory: _Memory, dyad: tuple[str, ...],
                 paragraph: int | None, whole: bool = False, annotated: bool = True) -> None:
        self.doc, self.when, self.mem, self.dyad, self.paragraph = doc, when, memory, dyad, paragraph
        self.whole = whole  # resolve(): the text is known to be one mention
        self.gz = gazetteer()
        # a tokenizer-only doc (resolve(), the pre-scan) has no tags, parse or entities to look for
        self.tagged = annotated and doc.has_annotation("TAG")
        self.parsed = annotated and doc.has_annotation("DEP")
        # (token start, token end, hit); two hits may share a token ("U.S.-China" is one token)
        self.hits: list[tuple[int, int, Hit]] = []
        self.hit_at: list[int | None] = [None] * len(doc)
        for h in scan(doc_text(doc)):
            span = doc.char_span(h.start, h.end, alignment_mode="expand")
            if span is None:
                continue
            for i in range(span.start, span.end):
                if self.hit_at[i] is None:
                    self.hit_at[i] = len(self.hits)
            self.hits.append((span.start, span.end, h))
        self.claimed_chars = [False] * (len(doc_text(doc)) + 1)
        # spaCy builds a new Token/Span object on every access: keep them once
        self.toks: list[Token] = list(doc)
        self.ents = list(doc.ents) if annotated else []
        self._name_like: list[bool | None] = [None] * len(doc)

    # token tests ------------------------------------------------------------------------------
    def _terms(self, i: int) -> tuple[Term, ...]:
        j = self.hit_at[i]
        return self.hits[j][2].terms if j is not None else ()

    def kinds(self, i: int) -> set[str]:
        return {t.kind for t in self._terms(i)}

    def hit_end(self, i: int) -> int:
        return self.hits[self.hit_at[i]][1]

    def country(self, i: int) -> str | None:
        terms = self._terms(i)
        if not terms or any(t.kind == "stop" for t in terms):
            return None
        return self.gz.country_of(terms, self.when)

    def title_class(self, tok: Token) -> str | None:
        return self.gz.titles.get(tok.lower_)

    def claimed(self, i: int) -> bool:
        tok = self.doc[i]
        return any(self.claimed_chars[tok.idx:tok.idx + len(tok)])

    def is_chain(self, i: int) -> bool:
        """A token that can sit inside a title: a title word, a connector, a country or organisation."""
        tok = self.doc[i]
        if self.title_class(tok) in ("head", "mod", "honorific") or tok.lower_ in CONNECTORS:
            return True
        kinds = {"name", "abbrev", "demonym", "people", "capital", "metonym", "org", "body"}
        return bool(self.kinds(i) & kinds) or tok.text in self.mem.orgs

    def name_like(self, i: int) -> bool:
        """Could be part of a personal name: capitalised, not a title or gazetteer word, not a date or place."""
        cached = self._name_like[i]
        if cached is None:
            cached = self._name_like[i] = self._is_name_like(self.toks[i], i)
        return cached

    def _remembered_name(self, i: int) -> bool:
        """A surname the document gave in full before, which NER mistakes for a place or group
        ("On Wednesday, Yoshida met South Korea's Kim": GPE) and the gazetteer does not know."""
        tok = self.toks[i]
        return tok.text in self.mem.shorts and self.hit_at[i] is None and tok.is_alpha \
            and tok.text[:1].isupper()

    def _is_name_like(self, tok: Token, i: int) -> bool:
        if tok.text in NAME_PARTICLES and i > 0:
            return True
        if not (tok.is_alpha and tok.text[:1].isupper()) or self.title_class(tok) is not None:
            return False
        if self.hit_at[i] is not None and not self.kinds(i) & {"person", "short", "risky"}:
            return False
        if tok.ent_type_ and tok.ent_type_ in NON_NAME_ENT_TYPES:
            return False
        return not (self.tagged and tok.pos_ not in ("PROPN", "X", ""))

    # titles -----------------------------------------------------------------------------------
    def left_chain(self, a: int) -> tuple[int, str | None, str | None, set[str]]:
        """The title before a name at token ``a``: (chain start, country, role, title heads).

        "Chinese Ambassador to Russia Zhang Hanhui": start at "Chinese", CHN, "Ambassador to
        Russia", {"ambassador"}. The country is the demonym/possessive before the first title
        word, or the one after "of" ("President of Russia"); one after "to"/"in" is the post.
        """
        j = a - 1
        while j >= 0 and not self.claimed(j) and self.is_chain(j) and "stop" not in self.kinds(j):
            h = self.hit_at[j]
            j = min(self.hits[h][0], j) - 1 if h is not None else j - 1
        i = j + 1
        while i < a and self.doc[i].lower_ in CONNECTORS:
            i += 1
        heads = [k for k in range(i, a) if self.title_class(self.doc[k]) in ("head", "honorific")
                 and self.hit_at[k] is None]
        if not heads:
            # a bare demonym right before the name ("Russian Sergei Lavrov") still tells the country
            if i < a and self.country(a - 1) and self.kinds(a - 1) & set(DEMONYM_KINDS):
                return self.hits[self.hit_at[a - 1]][0], self.country(a - 1), None, set()
            return a, None, None, set()
        first = heads[0]
        country, start, k = None, i, i
        while k < first:  # the modifier closest to the first title word wins ("Russia and Chinese President")
            if self.country(k):
                country, start = self.country(k), self.hits[self.hit_at[k]][0]
                k = max(self.hit_end(k), k + 1)
            elif self.kinds(k) & {"org", "body"}:
                org = self.gz.org_actor(self._terms(k), self.when)
                if country is None:
                    start = self.hits[self.hit_at[k]][0]
                    country = org.country if org else None
                k = max(self.hit_end(k), k + 1)
            else:
                remembered = self.mem.orgs.get(self.doc[k].text)  # "BNL president Nerio Nesi"
                if remembered is not None and country is None:
                    country, start = remembered.country, k
                k += 1
        if country is None:
            for k in range(first, a - 1):
                if self.doc[k].lower_ == "of" and self.country(k + 1):
                    country = self.country(k + 1)
                    break
        if country is None:  # "chief Palestinian negotiator", "former Soviet leader": a demonym between title words
            for k in range(first + 1, a):
                if self.country(k) and self.kinds(k) & set(DEMONYM_KINDS) and \
                        self.doc[k - 1].lower_ not in ("to", "in", "at", "for", "on"):
                    country = self.country(k)
                    break
        # role: the title words after the country modifier, "Mr." and the like dropped
        role_start = start
        while role_start < first and (self.country(role_start) or lookup_country(self.doc[role_start].text)):
            # a country, or the demonym opening a body's name ("Chinese" in "Chinese Foreign Ministry")
            role_start = max(self.hit_end(role_start), role_start + 1) if self.country(role_start) else role_start + 1
            if role_start < a and self.doc[role_start].lower_ in ("'s", "\u2019s"):
                role_start += 1
        role_toks = [t for t in self.doc[role_start:a] if self.title_class(t) != "honorific"]
        role = self.doc[role_toks[0].i:role_toks[-1].i + 1].text if role_toks else None
        head_words = {self.doc[k].lower_.rstrip(".") for k in heads if self.title_class(self.doc[k]) == "head"}
        head_words |= {t.lower_ for t in self.doc[first:a] if t.lower_ in _TITLE_SYNONYMS}
        return start, country, role, head_words

    def appositive(self, b: int) -> tuple[str | None, str | None]:
        """", China's ambassador to Russia," after a name ending before token ``b``: (country, role)."""
        doc = self.doc
        if b >= len(doc) or doc[b].text != ",":
            return None, None
        k = b + 1
        while k < len(doc) and doc[k].lower_ in ("the", "a", "an", "former"):
            k += 1
        country = self.country(k) if k < len(doc) else None
        if not country:
            return None, None
        k = max(self.hit_end(k), k + 1)
        if k < len(doc) and doc[k].lower_ in ("'s", "\u2019s"):
            k += 1
        role_start, last_head = k, None
        while k < len(doc) and self.is_chain(k) and doc[k].text != ",":
            if self.title_class(doc[k]) == "head":
                last_head = k
            k += 1
        if last_head is None or (k < len(doc) and self.name_like(k)):
            return None, None  # no title, or the title of the next person ("X, Chinese Ambassador Zhang")
        end = k
        while end > last_head + 1 and doc[end - 1].lower_ in CONNECTORS:
            end -= 1
        return country, doc[role_start:end].text

    # persons ----------------------------------------------------------------------------------
    def person_by_short(self, short: str, country: str | None, heads: set[str], guess: bool,
                        title: str = "") -> tuple[Actor | None, Person | None]:
        """A surname to a person: the document's own earlier full name first, then the gazetteer on ``when``."""
        name = self.mem.shorts.get(short)
        if name:
            return self.mem.persons[name].actor, self.gz.persons.get(name)
        if not guess:
            return None, None
        cands = list(self.gz.by_short.get(short, ()))
        if country:
            cands = [p for p in cands if any(o.country == country for o in p.offices)]
        fitting = [p for p in cands if p.fits(heads, self.when, title)] if heads else []
        if heads and cands and not fitting and self.when is not None and \
                not any(p.office_at(self.when, strict=True) for p in cands):
            # "Crown Prince Hussein" in 2022 is not Nur Hassan Hussein, Somalia's prime minister of
            # 2007-09: a title that fits no office, for a name no one holds office under then
            return None, None
        cands = fitting or cands
        if self.when is not None:
            # those in office on the date; if none, the person is named out of office ("former President Carter")
            cands = [p for p in cands if p.office_at(self.when, strict=True)] or cands
            if len(cands) > 1:  # Kim Jong Un over Kim Yo Jong: the one head of state wins
                top = max(p.office_at(self.when, strict=True).rank if p.office_at(self.when, strict=True) else 0
                          for p in cands)
                best = [p for p in cands if (o := p.office_at(self.when, strict=True)) and o.rank == top]
                cands = best if len(best) == 1 and top > 0 else cands
        if len(cands) == 1:
            return cands[0].actor(self.when), cands[0]
        countries = {p.actor(self.when).country for p in cands}
        if len(countries) == 1 and None not in countries:
            # several persons of one country ("Bush" with no date): which one is open, the country is not
            return Actor(short, countries.pop(), "person"), None
        return None, None

    def person_anchors(self) -> list[tuple[int, int, str]]:
        """Token ranges that name a person: known names, NER PERSON, known surnames, capitalised words after a title."""
        doc, out, seen = self.doc, [], set()

        def add(s: int, e: int, how: str) -> None:
            if e > s and not any(i in seen for i in range(s, e)):
                seen.update(range(s, e))
                out.append((s, e, how))

        longer = [(ent.start, ent.end) for ent in self.ents if ent.label_ == "PERSON"]
        for s, e, h in self.hits:
            # a known name inside a longer personal name ("Abdul Hamid Dbeibah"): someone else
            if any(t.kind == "person" for t in h.terms) and not any(
                    a <= s and e <= b and any(self.name_like(i) and self.hit_at[i] is None and doc[i].text[:1].isupper()
                                             for i in [*range(a, s), *range(e, b)]) for a, b in longer):
                add(s, e, "known")
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            s, e = ent.start, ent.end
            # "NSC Spokesperson Adrienne Watson": NER's person may open with titles, countries and
            # bodies, which the title chain reads
            while s < e and (self.title_class(doc[s]) is not None or self.country(s)
                             or self.kinds(s) & {"body", "org"}):
                s += 1
            while e > s and (doc[e - 1].lower_ in ("'s", "\u2019s") or self.title_class(doc[e - 1]) == "notname"):
                e -= 1
            j = self.hit_at[s] if s < e else None
            if j is not None and self.hits[j][0] == s and self.hits[j][1] == e and \
                    not self.kinds(s) & {"person", "short", "risky"}:
                continue  # NER calls a country or organisation a person: the gazetteer knows better
            add(s, e, "ner")
        for s, e, h in self.hits:
            kinds = {t.kind for t in h.terms}
            if kinds & {"short", "risky"} and not kinds & set(COUNTRY_KINDS + DEMONYM_KINDS + ("org", "body")):
                add(s, e, "short")
        for i in range(len(doc) if self.mem.shorts else 0):  # a name given in full earlier ("Zhang")
            if not self.name_like(i) and not self._remembered_name(i):
                continue
            for n in (3, 2, 1):
                if i + n <= len(doc) and all(self.name_like(k) or self._remembered_name(k)
                                             for k in range(i, i + n)):
                    words = doc[i:i + n].text
                    if (n > 1 and words in self.mem.persons) or (n == 1 and words in self.mem.shorts):
                        add(i, i + n, "memory")
                        break
        for i, tok in enumerate(self.toks):  # a title, then capitalised words NER did not call a person
            if self.title_class(tok) not in ("head", "honorific") or self.hit_at[i] is not None:
                continue
            k = i + 1
            while k < len(doc) and self.is_chain(k) and not self.name_like(k):
                k += 1
            e = k
            while e < len(doc) and e - k < 4 and self.name_like(e):
                e += 1
            while e > k and doc[e - 1].text in NAME_PARTICLES:
                e -= 1
            if e > k and doc[k].text not in NAME_PARTICLES:
                add(k, e, "title")
        return sorted(out)

    def persons(self) -> list[_Cand]:
        out = []
        for s, e, how in self.person_anchors():
            start, country, role, heads = self.left_chain(s)
            if country is None or role is None:
                c2, r2 = self.appositive(e)
                country, role = country or c2, role or r2
            text = self.doc[s:e].text
            person: Person | None = None
            actor: Actor | None = None
            if how == "known":
                cands = [self.gz.persons[t.key] for t in self._terms(s) if t.kind == "person"]
                if len(cands) > 1:  # "George Bush": the one in office on the date, or the title's
                    dated = [p for p in cands if self.when and p.office_at(self.when, strict=True)]
                    fitting = [p for p in (dated or cands) if heads and p.fits(heads, self.when, role or "")]
                    cands = fitting or dated or cands
                if len(cands) == 1:
                    person = cands[0]
                    actor = person.actor(self.when)
            if actor is None and (e - s == 1 or how == "short"):
                # risky only when every person the surname may be needs a title: "Maduro" is the
                # curated Nicolás Maduro's plain short name though Honduras's Ricardo Maduro shares it
                shorts = [t.kind for t in self._terms(s) if t.kind in ("short", "risky")]
                risky = bool(shorts) and all(k == "risky" for k in shorts)
                # a leader's name before the government he heads is that leader ("the Bush
                # administration"), whatever else the word may mean
                governs = e < len(self.doc) and self.doc[e].lower_ in GOVERNMENT_OF
                actor, person = self.person_by_short(text, country, heads,
                                                     guess=bool(heads) or not risky or self.whole or governs,
                                                     title=role or "")
            if actor is None:
                known = self.mem.persons.get(text)
                if known is not None and (known.actor.country or country is None):
                    actor = known.actor
                elif e - s == 1 or how == "short":
                    if country is None:
                        continue  # a lone surname nobody in the document or the gazetteer owns
                    actor = Actor(text, country, "person")
                else:
                    actor = Actor(text, country, "person")
            out.append(_Cand(start, e, actor, role=role, person=person))
        return out

    def titled_only(self) -> list[_Cand]:
        """"The President", "the Prime Minister" with no name: in a readout or a story that named
        the office holder before, that person ("President Biden spoke with Prime Minister Kishida.
        The President underscored ..."): the first the document named with that title. Only the
        capitalised title, the style of a known office holder, and not "the President of France"."""
        doc, out = self.doc, []
        text = doc_text(doc)
        for m in [*_DEFINITE_TITLE.finditer(text), *_SHARED_TITLE.finditer(text)]:
            span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            after = doc[span.end] if span is not None and span.end < len(doc) else None
            if span is None or (after is not None and (after.lower_ == "of" or after.is_title)):
                continue  # "the President of France", "the Premier League"
            title = m.group(1).lower()
            office = re.compile(rf"(?<!vice )(?<!vice-)\b{title}\b(?!-)")  # not "president-elect"
            holder = next((k.actor for k in self.mem.persons.values()
                           if k.actor.country and office.search(k.offices)), None)
            if holder is not None:
                out.append(_Cand(span.start, span.end, holder))
        return out

    # collectives ------------------------------------------------------------------------------
    def leaders(self, codes: Iterable[str], kind: str) -> tuple[Actor, ...]:
        """For each country, the leader (or foreign minister) the document names, else the state."""
        out = []
        for code in codes:
            known = [k for k in self.mem.persons.values() if k.actor.country == code and _leads(k, kind)]
            best = max(known, key=lambda k: 0 if kind == "foreign" else k.rank, default=None)
            out.append(best.actor if best else country_actor(code))
        return tuple(out)

    def _leaders_pair(self, codes: list[str], kind: str) -> list[str]:
        """The countries of "the two leaders": the document's two most named countries, unless the
        document names a leader of only one of them while it names leaders of exactly two
        countries ("Biden spoke with President Macron of France. The two leaders discussed their
        support for Ukraine ...": Biden and Macron, though Ukraine is named more often than the US)."""
        led = list(dict.fromkeys(k.actor.country for k in self.mem.persons.values()
                                 if k.actor.country and _leads(k, kind)))
        if len(led) == 2 and not set(codes[:2]) <= set(led):
            return led
        return codes

    def collectives(self) -> list[_Cand]:
        doc, out = self.doc, []
        for m in self.gz.collective_pattern.finditer(doc_text(doc)):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None:
                continue
            kind = self.gz.collectives[m.group().lower()]
            codes: list[str] = list(self.dyad)
            end = k = span.end
            # "the heads of state of China and Russia": the countries are named
            if k + 3 < len(doc) and doc[k].lower_ == "of" and self.country(k + 1):
                k2 = max(self.hit_end(k + 1), k + 2)
                if k2 + 1 < len(doc) and doc[k2].lower_ == "and" and self.country(k2 + 1):
                    codes = [self.country(k + 1), self.country(k2 + 1)]
                    end = max(self.hit_end(k2 + 1), k2 + 2)
            if end == span.end and kind != "states":
                codes = self._leaders_pair(codes, kind)
            if len(codes) < 2:
                continue
            if end == span.end and k < len(doc) and doc[k].lower_ == "of":
                continue  # "both sides of the border", "the two parties of the coalition": not the pair
            # the pair in a stable order, so that one dyad is one group across documents
            codes = sorted(codes[:2], key=country_name)
            members = tuple(country_actor(c) for c in codes) if kind == "states" else self.leaders(codes, kind)
            group = Actor("-".join(country_name(c) for c in codes), None, "group")
            out.append(_Cand(span.start, end, group, members=members))
        return out

    # bodies, agents, organisations ------------------------------------------------------------
    def _noun_after(self, k: int) -> tuple[int, int, str, str] | None:
        """An actor noun at or after token ``k`` past title modifiers: (noun start, end, noun, kind)."""
        doc = self.doc
        m = k
        while m < len(doc) and self.title_class(doc[m]) == "mod" and doc[m].lower_ not in self.gz.actor_nouns:
            m += 1
        for n in (2, 1):
            if m + n <= len(doc):
                words = doc[m:m + n].text.lower()
                if words in self.gz.actor_nouns:
                    return m, m + n, words, self.gz.actor_nouns[words]
        return None

    def _head_noun(self, e: int) -> tuple[int, int, str, str] | None:
        """With a parse: the noun a demonym modifies ("Sudanese paramilitary forces", "Indian and Chinese troops")."""
        if not self.parsed or e > len(self.doc):
            return None
        t = self.doc[e - 1]
        for _ in range(5):
            if t.dep_ not in ("amod", "compound", "conj", "poss", "case", "nummod") or t.head.i == t.i:
                break
            t = t.head
        if t.i < e or t.pos_ not in ("NOUN", "PROPN"):
            return None
        for word in (t.lower_, t.lemma_.lower()):
            if word in self.gz.actor_nouns:
                return t.i, t.i + 1, t.lower_, self.gz.actor_nouns[word]
        return None

    def _body_name(self, noun: str, mods: str, topic: str, code: str, post: str | None) -> str:
        """'Foreign' 'ministry' -> 'Ministry of Foreign Affairs of China'; 'embassy' ... -> 'Embassy of China in Russia'."""
        topic = topic or mods
        if noun == "ministry":
            if topic.lower() in ("foreign", "foreign affairs", "external affairs"):
                topic = "Foreign Affairs"
            base = f"Ministry of {topic}" if topic else "Ministry"
        else:
            base = " ".join(w for w in (mods, noun.title()) if w)
        name = f"{base} of {country_name(code)}"
        return name + (f" in {country_name(post)}" if post else "")

    def _complement(self, k: int) -> tuple[int, str, str | None, str | None]:
        """After "Ministry"/"Embassy": "of Culture and Tourism", "of China", "in Russia" -> (end, topic, of, post)."""
        doc, topic, of_country, post = self.doc, [], None, None
        if k + 1 < len(doc) and doc[k].lower_ == "of" and not self.country(k + 1):
            j = k + 1
            while j < len(doc) and (doc[j].text[:1].isupper() or doc[j].lower_ == "and") and not self.country(j):
                topic.append(doc[j].text)
                j += 1
            while topic and topic[-1].lower() == "and":
                topic.pop()
                j -= 1
            k = j if topic else k
        if k + 1 < len(doc) and doc[k].lower_ == "of" and self.country(k + 1):
            of_country = self.country(k + 1)
            k = max(self.hit_end(k + 1), k + 2)
        if k + 1 < len(doc) and doc[k].lower_ in ("in", "to") and self.country(k + 1):
            post = self.country(k + 1)
            k = max(self.hit_end(k + 1), k + 2)
        return k, " ".join(topic), of_country, post

    def agents(self) -> list[_Cand]:
        """Demonyms and countries heading a body, an agent noun, a group or an untitled office."""
        doc, out = self.doc, []
        for s, e, h in self.hits:
            kinds = {t.kind for t in h.terms}
            code = None if "stop" in kinds else self.gz.country_of(h.terms, self.when)
            if not code or kinds & {"stop", "person", "org", "body"} or self.claimed(s) or self.modifier(h):
                continue
            k = e
            if k < len(doc) and doc[k].lower_ in ("'s", "\u2019s") and kinds & set(COUNTRY_KINDS):
                k += 1
            found = self._noun_after(k) or self._head_noun(e)
            if found:
                ns, ne, noun, kind = found
                mods = " ".join(t.text for t in doc[k:ns] if t.text[:1].isupper())
                end, chars = ne, None
                if kind == "body":
                    end, topic, _, post = self._complement(ne)
                    actor = Actor(self._body_name(noun, mods, topic, code, post), code, "organization")
                elif kind in ("group", "people"):
                    said = doc[ns:ne].text if doc[ns].text[:1].isupper() and doc[ns].i > 0 else noun
                    actor = Actor(f"{self.gz.demonym.get(code, country_name(code))} {said}", code, "group")
                else:  # the state: its agents ("Russian troops") or its territory ("the Ukrainian city")
                    actor = country_actor(code)
                if any(self.hit_at[i] is not None and self.hits[self.hit_at[i]][2] is not h for i in range(e, ns)):
                    end, chars = e, (h.start, h.end)  # "Indian and Chinese troops": one mention per country
                out.append(_Cand(s, end, actor, chars=chars))
                continue
            # "the Chinese president" (no name follows): the holder of that office on the date
            j = k
            while j < len(doc) and self.title_class(doc[j]) in ("mod", "head") and self.hit_at[j] is None:
                j += 1
            if j > k and self.title_class(doc[j - 1]) == "head":
                heads = {t.lower_ for t in doc[k:j] if self.title_class(t) == "head" or t.lower_ in _TITLE_SYNONYMS}
                title = doc[k:j].text
                holders = [p for p in self.gz.persons_in.get(code, ())
                           if self.when and (o := p.office_at(self.when, strict=True)) and o.country == code
                           and p.fits(heads, self.when, title)]
                one = holders[0] if len(holders) == 1 else None
                actor = one.actor(self.when) if one else country_actor(code)
                if j + 1 < len(doc) and doc[j].lower_ in ("to", "in") and self.country(j + 1):
                    j = max(self.hit_end(j + 1), j + 2)  # "Chinese Ambassador to Russia"
                out.append(_Cand(s, j, actor, role=doc[k:j].text, person=one))
        # "the Ministry of Culture and Tourism of China", "the Embassy of China in Russia"
        for tok in self.toks:
            noun = tok.lower_
            if self.gz.actor_nouns.get(noun) != "body" or not tok.text[:1].isupper() or self.claimed(tok.i):
                continue
            end, topic, code, post = self._complement(tok.i + 1)
            if code is None and end + 1 < len(doc) and doc[end].lower_ == "of" and self.country(end + 1):
                code = self.country(end + 1)
                end = max(self.hit_end(end + 1), end + 2)
            if code:
                out.append(_Cand(tok.i, end, Actor(self._body_name(noun, "", topic, code, post), code,
                                                   "organization")))
        return out

    def modifier(self, h: Hit) -> str | None:
        """'led' when the hit is the first half of "X-led" (a hyphenated modifier), else None."""
        m = _MODIFIER.match(doc_text(self.doc), h.end)
        return m.group(1) if m and not h.text.endswith("-") else None

    def modifiers(self) -> list[_Cand]:
        """Countries and demonyms opening a hyphenated modifier ("Vietnamese-led forces", "a Korea-based
        firm"): the state, flagged with the modifier word so that callers choose what it means."""
        out = []
        for s, e, h in self.hits:
            kinds = {t.kind for t in h.terms}
            if "stop" in kinds or not kinds & set(COUNTRY_KINDS + DEMONYM_KINDS + ("place",)):
                continue
            word = self.modifier(h)
            code = self.gz.country_of(h.terms, self.when) if word else None
            if code:
                out.append(_Cand(s, e, country_actor(code), chars=(h.start, h.end), modifier=word))
        return out

    def ethnic(self) -> list[_Cand]:
        """'ethnic Albanians', 'ethnic Albanian guerrillas': a group with no country (see ``_ETHNIC``)."""
        doc, out = self.doc, []
        for s, e, h in self.hits:
            if s == 0 or not any(t.kind == "ethnic" for t in h.terms) or doc[s - 1].lower_ != "ethnic":
                continue
            end = e
            found = self._noun_after(e)
            if found and found[3] in ("group", "people", "state") and found[0] == e:
                end = found[1]
            elif not any(t.kind == "ethnic" and h.text in self.gz.terms and
                         any(x.kind == "people" for x in self.gz.terms[h.text]) for t in h.terms[:1]):
                continue  # "ethnic Albanian unrest": an adjective on a thing, no actor
            out.append(_Cand(s - 1, end, Actor(doc[s - 1:end].text[:1].lower() + doc[s - 1:end].text[1:], None,
                                              "group")))
        return out

    def state_firms(self) -> list[_Cand]:
        """A state-owned firm the gazetteer lacks ("the state-owned Minerals and Metals Trading Corp"):
        an organisation of the country named just before the words that say so ("Indian state-owned
        ..."), else of the country the story was filed from: a wire story filed in New Delhi about
        "the state-owned X" speaks of an Indian firm."""
        out = []
        for ent in self.ents:
            if ent.label_ != "ORG" or any(self.hit_at[i] is not None for i in range(ent.start, ent.end)):
                continue
            before = doc_text(self.doc)[:ent.start_char]
            m = _STATE_OWNED.search(before)
            if m is None:
                continue
            k = next(t.i for t in self.toks if t.idx >= m.start())  # where "state-owned" begins
            code = next((self.country(j) for j in (k - 1, k - 2) if 0 <= j < len(self.doc) and self.country(j)),
                        None) or self.mem.filed_in
            if code is None:
                continue
            start = ent.start + (1 if self.doc[ent.start].lower_ in ("the", "<") else 0)
            end = ent.end - (1 if self.doc[ent.end - 1].text == ">" else 0)  # Reuters marks firms <So>
            last = self.toks[end - 1]
            name = doc_text(self.doc)[self.toks[start].idx:last.idx + len(last)]  # as written, not recased
            out.append(_Cand(start, end, Actor(name, code, "organization")))
        return out

    def remembered_orgs(self) -> list[_Cand]:
        """The short name of an organisation named earlier with its country ("BNL")."""
        if not self.mem.orgs:
            return []
        return [_Cand(t.i, t.i + 1, self.mem.orgs[t.text]) for t in self.toks
                if t.text in self.mem.orgs and not self.claimed(t.i)]

    def groups(self) -> list[_Cand]:
        """Plural group nouns on their own ("Protesters clashed with police"): a group with no country."""
        return [_Cand(t.i, t.i + 1, Actor(t.lower_, None, "group")) for t in self.toks
                if self.gz.actor_nouns.get(t.lower_) == "group" and t.lower_.endswith("s") and not self.claimed(t.i)]

    def _inside_other_entity(self, s: int, e: int) -> bool:
        """A country name inside a larger named thing ("Moscow Exchange", "the Beijing Winter Olympics")."""
        for ent in self.ents:
            if ent.start <= s and e <= ent.end and (ent.end - ent.start) > (e - s) and ent.label_ in GROUP_ENT_TYPES:
                if ent.text.isupper() and any(t.pos_ in ("VERB", "AUX") for t in ent):
                    continue  # an ALL-CAPS headline run together ("BRITAIN AGREE FURTHER BANK ... PROPOSALS")
                rest = [t for t in self.doc[ent.start:ent.end]
                        if not s <= t.i < e and t.lower_ not in ("the", "'s", "-") and self.hit_at[t.i] is None]
                return bool(rest)
        return False

    def entities(self) -> list[_Cand]:
        """Organisations, bodies and groups from the gazetteer; states by name, capital or metonym."""
        doc, out = self.doc, []
        for s, e, h in self.hits:
            kinds = {t.kind for t in h.terms}
            if "stop" in kinds or kinds <= {"short", "risky", "person"}:
                continue
            org = self.gz.org_actor(h.terms, self.when)
            if org is not None:
                end = e
                if org.type == "group" and e < len(doc) and self.gz.actor_nouns.get(doc[e].lower_) == "group":
                    end = e + 1  # "Houthi rebels"
                out.append(_Cand(s, end, org, chars=None if end > e else (h.start, h.end)))
                continue
            code = self.gz.country_of(h.terms, self.when)
            if not code:
                continue
            if kinds & set(COUNTRY_KINDS + ("place",)):
                if not self.whole and self._inside_other_entity(s, e):
                    continue
                if "capital" in kinds and not kinds & {"name", "abbrev"} and e < len(doc) \
                        and doc[e].lower_ in DOCUMENT_NOUNS:
                    continue  # "the Minsk Agreements", "the Beijing Declaration": a text named after a city
                if s >= 2 and doc[s - 1].lower_ == "in" and doc[s - 2].lower_ in MISSION_NOUNS:
                    continue  # "the Embassy in Minsk" is another country's mission posted there
                out.append(_Cand(s, e, country_actor(code), chars=(h.start, h.end)))
            elif kinds & set(DEMONYM_KINDS) and self._nominal(s, e, kinds):
                out.append(_Cand(s, e, country_actor(code), chars=(h.start, h.end)))
            elif "people" in kinds and not self.whole:  # "two Americans were kidnapped": people, not the state
                out.append(_Cand(s, e, Actor(h.text[:1].upper() + h.text[1:].lower() if h.text.isupper() else h.text,
                                             code, "group"), chars=(h.start, h.end)))
        return out

    def _nominal(self, s: int, e: int, kinds: set[str]) -> bool:
        """A demonym used as a noun for the nation ("the Russians said", "the Chinese want")."""
        doc = self.doc
        if self.whole:
            return e == len(doc)  # "Chinese" or "the Russians", not "Chinese consumers"
        prev = doc[s - 1].lower_ if s > 0 else ""
        if "people" in kinds:
            return prev == "the"
        nxt = doc[e] if e < len(doc) else None
        return prev == "the" and (nxt is None or (self.tagged and nxt.pos_ in ("VERB", "AUX", "PUNCT", "CCONJ")))

    def speakers(self) -> list[_Cand]:
        """'I', 'me', 'my' outside quotes, when the document makes its speaker clear."""
        speaker = self.mem.speaker_for(self.paragraph)
        if speaker is None:
            return []
        out, quotes = [], 0
        for tok in self.toks:
            if tok.text in ('"', "\u201c", "\u201d"):
                quotes += 1
            elif tok.text in FIRST_PERSON and quotes % 2 == 0:
                out.append(_Cand(tok.i, tok.i + 1, speaker))
            elif tok.text in FIRST_PLURAL and quotes % 2 == 0 and speaker.country:
                out.append(_Cand(tok.i, tok.i + 1, country_actor(speaker.country)))
        return out

    def chars(self, cand: _Cand) -> tuple[int, int]:
        if cand.chars is not None:
            return cand.chars
        span = self.doc[cand.start:cand.end]
        return span.start_char, span.end_char

    def claim(self, cand: _Cand) -> bool:
        s, e = self.chars(cand)
        if any(self.claimed_chars[s:e]):
            return False
        self.claimed_chars[s:e] = [True] * (e - s)
        return True

    def _government_of(self, cand: _Cand) -> _Cand:
        """"the Reagan administration", "the Kishida cabinet": a leader's name before a word for the
        government he heads names the state, not the person."""
        if cand.actor.type != "person" or not cand.actor.country or cand.chars is not None \
                or cand.end >= len(self.doc) or self.doc[cand.end].lower_ not in GOVERNMENT_OF:
            return cand
        return _Cand(cand.start, cand.end + 1, country_actor(cand.actor.country))

    def mentions(self) -> list[_Cand]:
        """All mentions; a character belongs to one mention only, and earlier rules win."""
        kept: list[_Cand] = []
        for rule in (self.collectives, self.persons, self.modifiers, self.ethnic, self.agents, self.entities,
                     self.state_firms, self.remembered_orgs, self.groups, self.speakers, self.titled_only):
            for cand in sorted(rule(), key=lambda c: (c.start, -(c.end - c.start))):
                cand = self._government_of(cand)
                if self.claim(cand):
                    kept.append(cand)
                    if cand.actor.type == "person":
                        self.mem.remember(cand.actor, cand.role, cand.person, self.when)
                    elif cand.actor.type == "organization" and cand.actor.country:
                        self.mem.remember_org(cand.actor)
        return sorted(kept, key=lambda c: self.chars(c))


def _memory(ctx: DocContext | None) -> _Memory:
    """The document's memory, built on first use from a pre-scan of the whole text.

    Done once per document so that a surname or a speaker label ("Zhang:") resolves even when
    the full name ("Chinese Ambassador to Russia Zhang Hanhui") sits in a sentence the gate
    skipped or that comes later.
    """
    if ctx is None:
        return _Memory()
    mem = ctx.memory.get("actors")
    if isinstance(mem, _Memory):
        return mem
    mem = _Memory()
    ctx.memory["actors"] = mem
    when = ctx.published
    bdoc = _tokenizer()(ctx.text)
    sent = _Sentence(bdoc, when, mem, tuple(ctx.countries[:2]), None, annotated=False)
    for cand in sent.persons():
        if " " in cand.actor.name and (cand.person is not None or cand.role):
            mem.remember(cand.actor, cand.role, cand.person, when)
    _find_speakers(ctx, mem)
    mem.filed_in = _filed_in(ctx)
    return mem


def _filed_in(ctx: DocContext) -> str | None:
    """The country of the place a wire story was filed from, when one of its first sentences opens
    with a dateline that names one ("NEW DELHI, March 5 - " -> IND; "GENEVA, March 4 - ": none) and
    the story speaks of that country besides (a story filed in London on Angola's oil is no British
    story)."""
    for s, e, _ in ctx.sentences[:3]:
        end = dateline_end(ctx.text[s:e])
        if end:
            found = document_countries(ctx.text[s:s + end].split(",")[0], when=ctx.published)
            code = next(iter(found)) if len(found) == 1 else None
            return code if code and ctx.country_counts.get(code, 0) >= 2 else None
    return None


def _find_speakers(ctx: DocContext, mem: _Memory) -> None:
    """Who says "I": interview answers ("Zhang: ...") or a signed text named in the headline."""
    paragraphs: dict[int, int] = {}
    for s, _, p in ctx.sentences:
        paragraphs.setdefault(p, s)
    current: Actor | None = None
    for p in sorted(paragraphs):
        m = _LABEL.match(ctx.text[paragraphs[p]:paragraphs[p] + 60])
        if m:
            label = m.group(1).strip()
            name = mem.shorts.get(label) or (label if label in mem.persons else None)
            current = mem.persons[name].actor if name else None
            mem.interview = mem.interview or current is not None
        mem.paragraph_speakers[p] = current
    head = ctx.title or ""
    if not head:
        head = "\n".join(line for line in ctx.text.splitlines()[:6] if 0 < len(line) < 200)
    if _SPEAKER_CUES.search(head):  # the first person the headline names ("Xi Jinping's letter to Putin")
        named = [(head.find(k.actor.name), k.actor) for k in mem.persons.values() if k.actor.name in head]
        mem.speaker = min(named, key=lambda x: x[0])[1] if named else None


def _context(doc: Doc) -> tuple[DocContext | None, int, int | None]:
    sctx = doc._.ctx
    if sctx is None:
        return None, 0, None
    return sctx.doc, sctx.start, sctx.paragraph


def find_mentions(doc: Doc) -> list[ActorMention]:
    """Every actor mention in an annotated sentence doc, with document offsets."""
    dctx, base, paragraph = _context(doc)
    mem = _memory(dctx)
    when = dctx.published if dctx else None
    dyad = tuple(dctx.countries[:2]) if dctx else ()
    sent = _Sentence(doc, when, mem, dyad, paragraph)
    out = []
    filed_at = dateline_end(doc_text(doc))  # "KUALA LUMPUR, March 3 - ": where the story was filed
    for c in sent.mentions():
        s, e = sent.chars(c)
        if e <= filed_at:
            continue
        out.append(ActorMention(base + s, base + e, doc_text(doc)[s:e], c.actor, members=c.members, role=c.role,
                                modifier=c.modifier))
    return out


def resolve(text: str, ctx: DocContext | None = None, when: dt.date | None = None) -> Actor | None:
    """One mention's text -> its canonical actor, or None ('Chinese consumers', 'Global Times').

    "President Xi" -> Xi Jinping; "the Kremlin" -> Russia; "SCO" -> the Shanghai Cooperation
    Organisation; "both sides" -> the document's dyad as a group (needs ``ctx``). ``when``
    defaults to the document's publication date and dates offices and capitals.
    """
    if when is None and ctx is not None:
        when = ctx.published
    text = text.strip()
    if not text:
        return None
    mem = _memory(ctx)
    doc = _tokenizer()(text)
    sent = _Sentence(doc, when, mem, tuple(ctx.countries[:2]) if ctx else (), None, whole=True, annotated=False)
    if len(doc) == 1 and doc[0].text in FIRST_PERSON:
        return mem.speaker
    cands = sent.mentions()
    if not cands:
        return None
    best = max(cands, key=lambda c: c.end - c.start)
    return best.actor


class ActorResolver:
    """The ``bilat_actors`` component. Holds no state: the gazetteer is a per-process cache, so
    the component pickles to Dask workers as a name."""

    def __init__(self, name: str = "bilat_actors") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.actors = find_mentions(doc)
        return doc


@Language.factory("bilat_actors", assigns=["doc._.actors"], requires=["doc.ents"])
def make_actor_resolver(nlp: Language, name: str) -> ActorResolver:
    return ActorResolver(name)


def gazetteer_sizes() -> dict[str, int]:
    """How much the gazetteer holds, for reports and the README."""
    gz = gazetteer()
    return {"countries": len(gz.names), "phrases": len(gz.terms), "persons": len(gz.persons),
            "offices": sum(len(p.offices) for p in gz.persons.values()),
            "organizations": len(gz.orgs), "titles": len(gz.titles), "collectives": len(gz.collectives)}
