"""The number-expression grammar: every quantity a sentence writes, scaled and typed.

``find_quantities(text)`` returns :class:`Quantity` records with character spans for money
("$190.271 billion", "290 mln dlrs", "22,201bn yen", "HK$1.5 million", "350 to 400 mln stg"),
percentages ("29.3 percent", "32 pct", "20 per cent", "20.1%"), percentage and basis points,
counts and durations in digits or words ("40 times", "eight theme years", "nine hours"),
ranks ("ninth largest trading partner"), fractions ("two-thirds of"), ranges and the
qualifier in front ("more than", "nearly", "up to", "surpassed").

Why hand-written rather than a library: generic quantity parsers (quantulum3 is the baseline
in ``bench/figures.py``) guess units from a physical-units catalogue, so wire-copy money
("290 mln dlrs" becomes cubic centimetres, "22,201bn" becomes barns) and news words
("40 times", "ninth largest", "two-thirds of", "pct") come out wrong, and they know neither
the qualifier nor whether a percentage is a level or a change. Wire-copy forms it reads: "a 500 mln-dlr
loan", "7.15 billion N.Z. Dlrs", "36 billion European currency units", "5/8 percentage points", "a half
percentage point", "1-1/8 pct", "between two and 2.8 per cent", "870,000 pounds" of weight.

Decisions: exchange rates are typed as the quoted currency per dollar, ``per="USD"`` ("1.71 Swiss
francs to the dollar" is 1.71 CHF; "The kwacha fell from 2.20 to the dollar" 2.20 ZMK; "dollar/yen
rates were 152.32" 152.32 JPY). A bare number next to a scaled one takes the scale only when that
puts it nearer ("to 1.08 mln tonnes from 980,000" is 980,000 tonnes). "an estimated" and "estimated
at" are no qualifier (the number is the source's estimate, not a rounding). Model designations
("747-400", "the 400 series"), instrument maturities ("the 30-year bond") and "one minute" are no
quantities. The grammar here is a handful
of compiled regular expressions plus small word tables, needs no parse, and runs on every
sentence in microseconds. Numbers that belong to dates, years, clock times, model names
("G20", "5G", "COVID-19", "Su-35"), phone numbers, list markers and ages are not quantities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Iterable, Sequence

from ..textcache import text_cache

# --- word tables -------------------------------------------------------------------------------
SMALL_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}
# scale words: the multiplier each stands for ("m", "b", "k" only when glued to the digits)
SCALES: dict[str, int] = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mln": 10**6, "mn": 10**6, "mio": 10**6, "m": 10**6,
    "billion": 10**9, "bln": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "trln": 10**12,
    "tln": 10**12, "tn": 10**12, "crore": 10**7, "crores": 10**7, "lakh": 10**5, "lakhs": 10**5,
}
# denominators of spelled fractions -> share in percent
FRACTION_WORDS: dict[str, float] = {
    "half": 50.0, "halves": 50.0, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0,
    "quarters": 25.0, "fourth": 25.0, "fourths": 25.0, "fifth": 20.0, "fifths": 20.0,
    "sixth": 100 / 6, "sixths": 100 / 6, "tenth": 10.0, "tenths": 10.0, "eighth": 12.5, "eighths": 12.5,
}

# currency symbols written before the digits
CURRENCY_SYMBOLS: dict[str, str] = {
    "us$": "USD", "u.s.$": "USD", "$": "USD", "hk$": "HKD", "nz$": "NZD", "a$": "AUD", "au$": "AUD",
    "c$": "CAD", "ca$": "CAD", "s$": "SGD", "nt$": "TWD", "r$": "BRL", "z$": "ZWD", "€": "EUR", "£": "GBP",
    "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₪": "ILS", "rs": "INR", "rs.": "INR",
    "rmb": "CNY", "dm": "DEM", "sfr": "CHF", "ffr": "FRF", "bfr": "BEF",
}
ISO_CURRENCIES = frozenset(
    "USD EUR GBP JPY CNY CNH RUB CHF CAD AUD NZD HKD SGD INR KRW TWD BRL MXN ZAR TRY SAR AED SEK NOK DKK "
    "PLN CZK HUF ILS EGP IDR MYR THB PHP VND PKR NGN KZT UAH IRR IQD KWD QAR OMR BHD DEM FRF ITL ESP NLG "
    "BEF ATS PTE GRD IEP FIM XEU XDR ARS CLP COP PEN BDT LKR".split())
CODE_ALIASES = {"SDR": "XDR", "SDRS": "XDR", "ECU": "XEU", "ECUS": "XEU", "RMB": "CNY"}
# currency words written after the number
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "dlr": "USD", "dlrs": "USD", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rmb": "CNY", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB",
    "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP", "stg": "GBP", "sterling": "GBP",
    "marks": "DEM", "d-marks": "DEM", "d-mark": "DEM", "deutschemarks": "DEM", "deutsche marks": "DEM",
    "deutschmarks": "DEM", "francs": "CHF", "franc": "CHF", "lire": "ITL", "lira": "TRY", "liras": "TRY",
    "guilders": "NLG", "guilder": "NLG", "pesetas": "ESP", "peseta": "ESP", "escudos": "PTE",
    "schillings": "ATS", "crowns": "SEK", "kronor": "SEK", "krona": "SEK", "kroner": "NOK", "krone": "DKK",
    "pesos": "MXN", "peso": "MXN", "rupees": "INR", "rupee": "INR", "rupiah": "IDR", "ringgit": "MYR",
    "baht": "THB", "won": "KRW", "riyals": "SAR", "riyal": "SAR", "rials": "IRR", "rial": "IRR",
    "dirhams": "AED", "dirham": "AED", "dinars": "KWD", "dinar": "KWD", "rand": "ZAR", "naira": "NGN",
    "shekels": "ILS", "shekel": "ILS", "zlotys": "PLN", "zloty": "PLN", "forints": "HUF", "forint": "HUF",
    "drachmas": "GRD", "drachmae": "GRD", "ecus": "XEU", "reais": "BRL", "cruzados": "BRC", "australs": "ARA",
    "hryvnias": "UAH", "hryvnia": "UAH", "tenge": "KZT", "taka": "BDT", "dong": "VND", "kyat": "MMK",
    "cents": "USD", "cent": "USD", "cts": "USD", "pence": "GBP", "penny": "GBP",
    "european currency units": "XEU", "european currency unit": "XEU", "special drawing rights": "XDR",
    "kwacha": "ZMK", "cedis": "GHC", "cedi": "GHC", "shillings": "KES", "shilling": "KES", "leones": "SLL",
    "birr": "ETB", "pula": "BWP", "maloti": "LSL", "emalangeni": "SZL", "meticais": "MZM", "kwanzas": "AOA",
    "zaires": "ZRZ", "ouguiyas": "MRO", "dalasis": "GMD", "markka": "FIM", "markkaa": "FIM",
    "lev": "BGL", "leva": "BGL", "lei": "ROL", "korunas": "CSK", "sucres": "ECS", "bolivars": "VEB",
    "bolivares": "VEB", "colones": "CRC", "quetzales": "GTQ", "lempiras": "HNL", "cordobas": "NIO",
    "guaranies": "PYG", "intis": "PEI", "soles": "PEN", "afghanis": "AFN", "kip": "LAK", "riels": "KHR",
}
# "Canadian dlrs", "Swiss francs": the adjective decides the currency
CURRENCY_ADJECTIVES: dict[str, dict[str, str]] = {
    "dollars": {"u.s.": "USD", "us": "USD", "american": "USD", "hong kong": "HKD", "hk": "HKD",
                "australian": "AUD", "canadian": "CAD", "new zealand": "NZD", "n.z.": "NZD", "nz": "NZD",
                "singapore": "SGD", "aust": "AUD", "aust.": "AUD", "h.k.": "HKD", "can": "CAD",
                "taiwan": "TWD", "taiwanese": "TWD", "new taiwan": "TWD", "zimbabwe": "ZWD",
                "jamaican": "JMD", "east caribbean": "XCD"},
    "francs": {"swiss": "CHF", "french": "FRF", "belgian": "BEF", "luxembourg": "LUF", "cfa": "XOF"},
    "pounds": {"egyptian": "EGP", "irish": "IEP", "lebanese": "LBP", "syrian": "SYP", "cyprus": "CYP",
               "british": "GBP", "sudanese": "SDG"},
    "crowns": {"swedish": "SEK", "norwegian": "NOK", "danish": "DKK", "czech": "CZK", "icelandic": "ISK"},
    "pesos": {"mexican": "MXN", "philippine": "PHP", "argentine": "ARS", "chilean": "CLP",
              "colombian": "COP", "uruguayan": "UYU", "cuban": "CUP"},
    "rupees": {"indian": "INR", "pakistani": "PKR", "sri lankan": "LKR", "nepalese": "NPR"},
    "dinars": {"kuwaiti": "KWD", "iraqi": "IQD", "jordanian": "JOD", "libyan": "LYD", "algerian": "DZD",
               "tunisian": "TND", "bahraini": "BHD", "serbian": "RSD", "yugoslav": "YUD"},
    "riyals": {"saudi": "SAR", "qatari": "QAR"}, "rials": {"omani": "OMR", "iranian": "IRR"},
    "lira": {"turkish": "TRY", "italian": "ITL"}, "lire": {"italian": "ITL"},
    "marks": {"west german": "DEM", "german": "DEM", "east german": "DDM", "finnish": "FIM"},
    "dirhams": {"uae": "AED", "emirati": "AED", "moroccan": "MAD"},
    "won": {"south korean": "KRW", "korean": "KRW", "north korean": "KPW"},
    "yuan": {"chinese": "CNY"}, "yen": {"japanese": "JPY"},
    "rubles": {"russian": "RUB", "soviet": "SUR"}, "roubles": {"russian": "RUB", "soviet": "SUR"},
    "shillings": {"kenyan": "KES", "kenya": "KES", "tanzanian": "TZS", "ugandan": "UGX", "somali": "SOS",
                  "austrian": "ATS"},
}
# ambiguous currency words resolved by the document's countries (ISO3 -> ISO 4217)
CURRENCY_BY_COUNTRY: dict[str, dict[str, str]] = {
    "francs": {"FRA": "FRF", "CHE": "CHF", "BEL": "BEF", "LUX": "LUF"},
    "crowns": {"SWE": "SEK", "NOR": "NOK", "DNK": "DKK", "CZE": "CZK", "ISL": "ISK"},
    "pesos": {"MEX": "MXN", "PHL": "PHP", "ARG": "ARS", "CHL": "CLP", "COL": "COP", "CUB": "CUP"},
    "rupees": {"IND": "INR", "PAK": "PKR", "LKA": "LKR", "NPL": "NPR"},
    "dinars": {"KWT": "KWD", "IRQ": "IQD", "JOR": "JOD", "LBY": "LYD", "DZA": "DZD", "TUN": "TND",
               "BHR": "BHD", "SRB": "RSD", "YUG": "YUD"},
    "pounds": {"EGY": "EGP", "IRL": "IEP", "LBN": "LBP", "SYR": "SYP", "CYP": "CYP", "SDN": "SDG"},
    "riyals": {"SAU": "SAR", "QAT": "QAR"}, "rials": {"IRN": "IRR", "OMN": "OMR"},
    "lira": {"TUR": "TRY", "ITA": "ITL"}, "dirhams": {"ARE": "AED", "MAR": "MAD"},
    "¥": {"CHN": "CNY", "JPN": "JPY"}, "marks": {"DEU": "DEM", "FIN": "FIM"},
    "shillings": {"KEN": "KES", "TZA": "TZS", "UGA": "UGX", "SOM": "SOS", "AUT": "ATS"},
}
# a country's own currency (ISO3 -> ISO 4217), for amounts the text writes without one ("a current
# account deficit of 14.75 billion" in an Australian story); euro members before 1999 -> the old code
COUNTRY_CURRENCY: dict[str, str] = {
    "USA": "USD", "JPN": "JPY", "GBR": "GBP", "AUS": "AUD", "NZL": "NZD", "CAN": "CAD", "CHE": "CHF",
    "CHN": "CNY", "IND": "INR", "KOR": "KRW", "TWN": "TWD", "HKG": "HKD", "SGP": "SGD", "MYS": "MYR",
    "IDN": "IDR", "THA": "THB", "PHL": "PHP", "MEX": "MXN", "ZAF": "ZAR", "SAU": "SAR", "QAT": "QAR",
    "KWT": "KWD", "ARE": "AED", "BHR": "BHD", "OMN": "OMR", "RUS": "RUB", "SWE": "SEK", "NOR": "NOK",
    "DNK": "DKK", "TUR": "TRY", "EGY": "EGP", "PAK": "PKR", "NGA": "NGN", "KEN": "KES", "ZMB": "ZMK",
    "ISR": "ILS", "POL": "PLN", "HUN": "HUF", "CZE": "CZK", "IRN": "IRR", "IRQ": "IQD", "BGD": "BDT",
    "LKA": "LKR", "VNM": "VND", "ARG": "ARS", "CHL": "CLP", "COL": "COP", "PER": "PEN", "BRA": "BRL",
}
EURO_LEGACY: dict[str, str] = {
    "DEU": "DEM", "FRA": "FRF", "ITA": "ITL", "ESP": "ESP", "NLD": "NLG", "BEL": "BEF", "AUT": "ATS",
    "PRT": "PTE", "GRC": "GRD", "IRL": "IEP", "FIN": "FIM", "LUX": "LUF",
}


def country_currency(country: str, year: int | None = None) -> str | None:
    """The currency ``country`` (ISO3) used in ``year`` (euro members: the old code before 1999)."""
    if country in EURO_LEGACY:
        return EURO_LEGACY[country] if year is not None and year < 1999 else "EUR"
    return COUNTRY_CURRENCY.get(country)


_CURRENCY_FAMILY = {"franc": "francs", "krona": "crowns", "kronor": "crowns", "kroner": "crowns",
                    "krone": "crowns", "peso": "pesos", "rupee": "rupees", "dinar": "dinars",
                    "pound": "pounds", "riyal": "riyals", "rial": "rials", "liras": "lira",
                    "dirham": "dirhams", "dollar": "dollars", "dlr": "dollars", "dlrs": "dollars",
                    "rouble": "roubles", "ruble": "rubles", "mark": "marks", "d-marks": "marks",
                    "stg": "pounds", "sterling": "pounds", "shilling": "shillings"}
# plain units of measure -> (unit name, multiplier)
MEASURE_UNITS: dict[str, tuple[str, float]] = {
    "tonnes": ("tonnes", 1), "tonne": ("tonnes", 1), "tons": ("tonnes", 1), "ton": ("tonnes", 1),
    "metric tons": ("tonnes", 1), "metric tonnes": ("tonnes", 1), "barrels per day": ("barrels_per_day", 1),
    "barrels a day": ("barrels_per_day", 1), "bpd": ("barrels_per_day", 1), "b/d": ("barrels_per_day", 1),
    "barrels": ("barrels", 1), "barrel": ("barrels", 1), "cubic metres": ("cubic_metres", 1),
    "cubic meters": ("cubic_metres", 1), "bcm": ("cubic_metres", 1e9), "km": ("km", 1),
    "kilometres": ("km", 1), "kilometers": ("km", 1), "kms": ("km", 1), "square kilometres": ("km2", 1),
    "square kilometers": ("km2", 1), "sq km": ("km2", 1), "miles": ("miles", 1), "hectares": ("hectares", 1),
    "acres": ("acres", 1), "acre": ("acres", 1), "hectare": ("hectares", 1), "short tons": ("tonnes", 1),
    "short ton": ("tonnes", 1), "long tons": ("tonnes", 1), "mile": ("miles", 1), "kilometre": ("km", 1),
    "kilometer": ("km", 1), "litre": ("litres", 1), "liter": ("litres", 1), "gallon": ("gallons", 1),
    "megawatts": ("MW", 1), "megawatt": ("MW", 1), "mw": ("MW", 1), "gigawatts": ("GW", 1),
    "gigawatt": ("GW", 1), "gw": ("GW", 1), "kilowatts": ("kW", 1), "pounds": ("lbs", 1), "pound": ("lbs", 1),
    "kwh": ("kWh", 1), "twh": ("TWh", 1), "ounces": ("ounces", 1), "oz": ("ounces", 1),
    "bushels": ("bushels", 1), "teu": ("TEU", 1), "teus": ("TEU", 1), "kg": ("kg", 1),
    "kilograms": ("kg", 1), "kilogrammes": ("kg", 1), "litres": ("litres", 1), "liters": ("litres", 1),
    "gallons": ("gallons", 1), "lbs": ("lbs", 1), "head of cattle": ("head", 1),
}
DURATION_UNITS: dict[str, tuple[str, float]] = {
    "years": ("years", 1), "year": ("years", 1), "yrs": ("years", 1), "decades": ("years", 10),
    "decade": ("years", 10), "centuries": ("years", 100), "months": ("months", 1), "month": ("months", 1),
    "weeks": ("weeks", 1), "week": ("weeks", 1), "days": ("days", 1), "day": ("days", 1),
    "hours": ("hours", 1), "hour": ("hours", 1), "hrs": ("hours", 1), "minutes": ("minutes", 1),
    "minute": ("minutes", 1),
}
# nouns that a superlative or ordinal ranks ("ninth largest trading partner", "top exporter")
RANK_NOUNS = (
    "partner", "partners", "economy", "economies", "exporter", "exporters", "importer", "importers",
    "supplier", "suppliers", "market", "markets", "investor", "investors", "source", "destination",
    "buyer", "buyers", "producer", "producers", "consumer", "consumers", "creditor", "creditors",
    "lender", "lenders", "donor", "donors", "holder", "holders", "customer", "customers", "client",
    "trader", "seller", "sellers", "shipper", "purchaser", "recipient", "beneficiary",
)
MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
QUALIFIER_WORDS: dict[str, str] = {
    "more than": "more_than", "over": "more_than", "above": "more_than", "in excess of": "more_than",
    "upwards of": "more_than", "exceeding": "more_than", "exceeded": "more_than", "exceeds": "more_than",
    "exceed": "more_than", "surpassed": "more_than", "surpassing": "more_than", "surpasses": "more_than",
    "surpass": "more_than", "topped": "more_than", "topping": "more_than", "greater than": "more_than",
    "crossed": "more_than", "crossing": "more_than", "crosses": "more_than", "broke through": "more_than",
    "higher than": "more_than", "just over": "more_than", "well over": "more_than", "well above": "more_than",
    "at least": "at_least", "no less than": "at_least", "no fewer than": "at_least", "not less than": "at_least",
    "a minimum of": "at_least", "less than": "less_than", "fewer than": "less_than", "under": "less_than",
    "below": "less_than", "lower than": "less_than", "just under": "less_than", "short of": "less_than",
    "just below": "less_than", "up to": "up_to", "as much as": "up_to", "as many as": "up_to",
    "as high as": "up_to", "at most": "up_to", "no more than": "up_to", "not more than": "up_to",
    "a maximum of": "up_to", "not exceeding": "up_to", "about": "about", "around": "about",
    "approximately": "about", "approx.": "about", "roughly": "about", "some": "about", "nearly": "about",
    "almost": "about", "close to": "about",
    # "an estimated 2 pct", "estimated at": the source estimated it; the number is no rounding (exact)
    "circa": "about", "around about": "about", "an approximate": "about", "nearly to": "about",
}
_QUALIFIER_RE = re.compile(
    r"(?:^|[\s(\"'“‘,])(" + "|".join(sorted((re.escape(q) for q in QUALIFIER_WORDS), key=len, reverse=True))
    + r")\s+(?:(?:a|an|the|record|total|of|roughly|just)\s+)?$", re.I)

# --- regular expressions ---------------------------------------------------------------------------
_W_SMALL = "|".join(sorted(SMALL_WORDS, key=len, reverse=True))
_W_TENS = "|".join(TENS_WORDS)
_W_BASIC = rf"(?:(?:{_W_TENS})(?:[- ](?:{_W_SMALL}))?|{_W_SMALL})"
WORD_NUMBER_RE = re.compile(
    rf"\b(?:{_W_BASIC}|a)(?:(?:\s+and)?\s+a\s+half)?(?:(?:\s+|-)(?:hundred|thousand|dozen)"
    rf"(?:(?:\s+and)?(?:\s+|-){_W_BASIC}(?![- ]?(?:third|quarter|fifth|half)))?)*\b", re.I)
DIGITS_RE = re.compile(
    r"(?<![\w.,/:])(?P<neg>[-−–](?=\d))?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}/(?:2|4|8|16|32)(?![\d/])"
    r"|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<frac>-\d{1,2}/(?:2|4|8|16|32)\b|\s\d{1,2}/(?:2|4|8|16|32)\b)?")
_CUR_PREFIX_RE = re.compile(
    r"(?:(?<![A-Za-z])(?:US|U\.S\.|HK|NZ|AU|A|CA|C|S|NT|R|Z)\$|\$|€|£|¥|₹|₩|₽|₺|₪|"
    r"\b(?:Rs\.?|Rmb|RMB|DM|SFr|Sfr|FFr|BFr|[A-Z]{3}))\s?$")
_SCALE_RE = re.compile(
    r"(?:[\s-]?(thousand|million|mln|mio|billion|bln|trillion|trln|tln|crores?|lakhs?)\b"
    r"|\s?(bn|mn|tn)\b|(k|m|b)(?![\w$€£'’-]))", re.I)
_PERCENT_RE = re.compile(
    r"\s?(?:(?:percentage|pct|percent|per\s?cent|%)\s*(?:-\s*)?(?:points?|pts?)\b|"
    r"(%|per\s?cent\b|percent\b|pct\b|p\.c\.|per-cent\b))", re.I)
_POINTS_RE = re.compile(r"\s(basis\s+points?|bps|bp|points?|pts)\b", re.I)
_ADJ_ALT = "|".join(sorted({re.escape(a) for d in CURRENCY_ADJECTIVES.values() for a in d}, key=len, reverse=True))
_CUR_WORD_ALT = "|".join(sorted((re.escape(w) for w in CURRENCY_WORDS), key=len, reverse=True))
_CUR_WORD_RE = re.compile(
    rf"(?:\s|-)?(?:(?P<adj>{_ADJ_ALT})\s+)?(?P<cur>{_CUR_WORD_ALT}|d-mark|deutsche\s+mark|mark)"
    rf"(?![\w-])", re.I)
_CODE_SUFFIX_RE = re.compile(r"\s?(?P<code>[A-Z]{3}|SDRs?|ECUs?)(?![\w])")
_MEASURE_RE = re.compile(
    r"\s?(?:-\s?)?(" + "|".join(sorted((re.escape(u) for u in MEASURE_UNITS), key=len, reverse=True))
    + r")(?![\w/])", re.I)
_DURATION_RE = re.compile(
    r"(?:\s|-)(?:(?:consecutive|straight|successive|full|long|more|previous|past|straight)\s+)?("
    + "|".join(sorted(DURATION_UNITS, key=len, reverse=True)) + r")(?![\w])", re.I)
_TIMES_RE = re.compile(r"(?:\s(times)\b|-?(fold)\b)", re.I)
_NOUN_RE = re.compile(r"\s(?:[\"“‘']\s?)?([A-Za-z][A-Za-z'’-]*)")
_MONTH_BEFORE_RE = re.compile(rf"\b(?:{MONTHS})\.?\s*$", re.I)
_MONTH_DAY_RANGE_RE = re.compile(rf"\b(?:{MONTHS})\.?\s*\d{{1,2}}\s*(?:-|–|to|and|through)\s*$", re.I)
_MONTH_AFTER_RE = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{MONTHS})\b", re.I)
_ORDINAL_SUFFIX_RE = re.compile(r"(?:st|nd|rd|th)\b", re.I)
_CLOCK_RE = re.compile(r"^(?::\d\d|\s?(?:a\.m\.|p\.m\.|am\b|pm\b|gmt\b|est\b|edt\b|bst\b|cet\b|hrs\s+gmt))", re.I)
_PHONE_RE = re.compile(r"\+?\(?\d{1,4}\)?[ .-]\d{2,4}[ .-]\d{2,4}(?:[ .-]\d{2,4})+")
_DATE_NUMERIC_RE = re.compile(r"\b\d{1,4}([/.-])\d{1,2}\1\d{1,4}\b")
_YEAR_RANGE_RE = re.compile(r"\b(?:1[89]|20)\d\d\s?[-–/]\s?(?:(?:1[89]|20)?\d\d)\b")
# a preceding label makes the number a name, not a quantity ("Article 5", "No. 10", "Resolution 2231")
_LABEL_BEFORE_RE = re.compile(
    r"\b(?:article|articles|section|paragraph|resolution|chapter|clause|rule|no\.|nos\.|number|item|"
    r"phase|stage|level|line|route|flight|room|gate|platform|vol\.|volume|page|p\.|pp\.|version|"
    r"protocol|title|annex|point|block|unit|channel|boeing|airbus|group of|g-|class|grade|category|"
    r"tier|type|model|mark|apollo|formula|decree|law|order|act|bill|amendment|lot|district|zone|"
    r"highway|street|avenue|sector|division|squadron|regiment|brigade|battalion)\s*$", re.I)
_DETERMINER_BEFORE_RE = re.compile(
    r"\b(?:the|these|those|our|their|its|his|her|my|your|both|all|each|every|whose|which|what|of the)\s+$", re.I)
_COLLECTIVE_AFTER_RE = re.compile(
    r"\s+(?:[a-z-]+\s+){0,2}(?:countries|nations|sides|states|peoples|leaders|heads|governments|neighbou?rs|"
    r"powers|economies|parties|presidents|capitals)\b", re.I)
_AGE_AFTER_RE = re.compile(r"^[\s-]*(?:years?|yrs?)[\s-]*old\b", re.I)
_AGE_BEFORE_RE = re.compile(r"\b(?:aged|age|ages)\s+(?:between\s+|from\s+|of\s+)?(?:\d{1,3}\s*(?:and|to|-|–)\s*)?$",
                            re.I)
_LIST_MARKER_RE = re.compile(r"^\s*\(?$")
# a duration that is part of a time expression, not an asserted figure
_PERIOD_BEFORE_RE = re.compile(
    r"(?:\b(?:in|over|during|within|through|throughout|across|after|before|for|of|since|from|into|on)\s+"
    r"(?:the\s+|these\s+|those\s+|its\s+|their\s+|our\s+)?(?:past|last|next|previous|coming|recent|"
    r"first|following|preceding|latest|final|initial|past\s+few|last\s+few|next\s+few)\s+"
    r"|\b(?:in|within|after|over)\s+|\b(?:these|those|the\s+last|the\s+past)\s+)"
    r"(?:(?:nearly|almost|about|around|some|more\s+than|over|just|only)\s+)?"
    r"(?:[\w.]+\s*(?:to|or|-|–)\s*)?$", re.I)
_PERIOD_AFTER_RE = re.compile(
    r"^\s*(?:ago|earlier|later|prior|before|after|previously|hence|from\s+now|back|since|"
    r"(?:of|in)\s+(?:the\s+)?(?:year|month)\b)", re.I)
_FOR_BEFORE_RE = re.compile(r"\bfor\s+(?:the\s+)?(?:past\s+|last\s+)?$", re.I)
# lexical cues for a change ("rose 5 pct", "up 32 pct", "an increase of 9 percent", "a 5 pct rise")
_RISE = (r"rose|rise|rises|risen|rising|grew|grow|grows|grown|growing|growth|increased|increase|increases|"
         r"increasing|climbed|climb|climbs|climbing|jumped|jump|jumps|surged|surge|surges|soared|soar|"
         r"soars|gained|gain|gains|advanced|advance|up|higher|expanded|expansion|expand|boosted|added|"
         r"rebounded|rebound|picked\s+up|went\s+up|increment|hike|hiked|raised|upturn|improved|more|"
         r"widened|widen|widening|widens|revaluation|revalued|appreciation|appreciated|leapt|leaped|leap|leaps|"
         r"rocketed|spurted|swelled|firmed|recovered|recovery|strengthened")
_FALL = (r"fell|fall|falls|fallen|falling|dropped|drop|drops|declined|decline|declines|declining|"
         r"decreased|decrease|decreases|slumped|slump|slumps|plunged|plunge|plunges|shrank|shrink|"
         r"shrinks|shrunk|contracted|contraction|contract|slid|slide|slipped|slip|tumbled|tumble|eased|"
         r"ease|down|lower|lost|loss|cut|cuts|reduced|reduction|reduce|narrowed|dipped|dip|sank|sink|"
         r"retreated|less|downturn|decline\s+of|off|weakened|slowed|trimmed|devaluation|devalued|devalue|"
         r"depreciation|depreciated|plummeted|plummet|dived|dive|sagged|shed|slashed|lowered|deteriorated")
_CHANGE_BEFORE_RE = re.compile(
    rf"\b(?P<rise>{_RISE})|\b(?P<fall>{_FALL})", re.I)
_CHANGE_NOUN_AFTER_RE = re.compile(
    rf"^\s*(?:-|\s)?(?:(?:year-on-year|year-over-year|yoy|annual|annualised|annualized|monthly|"
    rf"quarterly|y/y|on-year|on-month|month-on-month)\s+)?(?P<word>{_RISE}|{_FALL})\b", re.I)
_CHANGE_TAIL_RE = re.compile(
    r"^\s*(?:year[- ]on[- ]year|year[- ]over[- ]year|yoy|y/y|on\s+the\s+year|on\s+an?\s+annual|"
    r"from\s+(?:a|one|the)\s+(?:year|month|quarter)|over\s+(?:the\s+)?(?:same|previous|prior|a\s+year)|"
    r"compared\s+(?:with|to)|against|on\s+(?:1[89]|20)\d\d|from\s+(?:1[89]|20)\d\d|over\s+(?:1[89]|20)\d\d|"
    r"from\s+\d+\s+years?\s+(?:prior|earlier|ago|before))",
    re.I)

_PACE_BEFORE_RE = re.compile(
    rf"\b(?:(?P<rise>{_RISE})|(?P<fall>{_FALL}))\s+(?:at|by)\s+(?:an?\s+|the\s+)?"
    r"(?:(?:annual|annualised|annualized|yearly|average|monthly)\s+)?(?:rate|pace)\s+of\s+"
    r"(?:about\s+|around\s+|some\s+)?$", re.I)
# a comparison right after the quantity ("5% lower than", "24.4% above the record") makes it a change
# and gives its direction; ``_change`` tries it before ``_CHANGE_TAIL_RE``, whose cues carry no direction
_COMPARED_AFTER_RE = re.compile(
    r"^\s*(?:(?P<up>higher|more|above|up)|(?P<down>lower|less|below|down|off))\s+"
    r"(?:than|on|from|over|compared|the|its|their|a|an|last|previous|year|in)\b", re.I)


@dataclass(frozen=True)
class Quantity:
    """One quantity in a text. ``start``/``end`` cover the currency sign through the unit word.

    ``unit`` is an ISO 4217 code, ``percent``, ``percentage_points``, ``basis_points``,
    ``points``, ``count``, ``rank``, a duration (``years``, ``months``, ``days``, ``hours`` ...),
    ``times`` (a ratio: "2.5 times higher"), a plain unit of measure (``tonnes``,
    ``barrels_per_day`` ...) or ``number`` for a bare number whose unit the sentence must supply.
    ``change`` is the lexical direction: +1 "rose 5 pct", -1 "fell 3.1 pct", 0 a level or unknown.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    kind: str  # money | percent | points | count | rank | fraction | duration | ratio | measure | number
    qualifier: str = "exact"
    change: int = 0
    range: str | None = None  # "low" / "high" for the ends of "350 to 400 mln stg"
    noun: str | None = None  # the word that follows: "times", "sister", "theme" ...
    scaled: bool = False  # a scale word was written ("bn", "mln", "billion")
    inherited: bool = False  # unit or scale taken from a neighbouring quantity ("5.2 and 3.1 bln dlrs")
    period_like: bool = False  # a duration inside a time expression ("in the last ten years")
    per: str | None = None  # an exchange rate: ``unit`` per one of this currency ("1.71 Swiss francs to the dollar")

    @property
    def is_money(self) -> bool:
        return self.kind == "money"


# --- small parsers -----------------------------------------------------------------------------------
def parse_number(s: str) -> float | None:
    """"190.271" -> 190.271, "22,201" -> 22201, "forty-five" -> 45, "a hundred" -> 100, "7-1/2" -> 7.5."""
    s = s.strip()
    bare = re.fullmatch(r"(\d{1,2})/(\d{1,2})", s)
    if bare:
        n, d = int(bare.group(1)), int(bare.group(2))
        return n / d if 0 < n < d else None  # "5/8 percentage points", "7/8 pct"
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?(?:[- ](\d{1,2})/(\d{1,2}))?", s)
    if m and (m.group(1) or m.group(2)):
        whole = Decimal((m.group(1) or "0").replace(",", "") + (m.group(2) or ""))
        if m.group(3):
            whole += Decimal(m.group(3)) / Decimal(m.group(4))
        return float(whole)
    return _parse_words(s)


def _parse_words(s: str) -> float | None:
    words = re.split(r"[\s-]+", s.lower().replace(" and ", " "))
    total, current, seen = 0.0, 0.0, False
    for k, w in enumerate(words):
        if w == "a" and k + 1 < len(words) and words[k + 1] == "half" and k > 0:
            continue  # "two and a half" is 2.5
        if w in SMALL_WORDS:
            current += SMALL_WORDS[w]
        elif w in TENS_WORDS:
            current += TENS_WORDS[w]
        elif w == "a":
            current += 1
        elif w == "half":
            current += 0.5
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in ("thousand",):
            total += (current or 1) * 1000
            current = 0
        elif w == "and":
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def _currency_for(word: str, adjective: str | None, countries: Sequence[str]) -> str:
    w = word.lower()
    w = re.sub(r"\s+", " ", w)
    family = _CURRENCY_FAMILY.get(w, w)
    if adjective:
        table = CURRENCY_ADJECTIVES.get(family) or CURRENCY_ADJECTIVES.get(w) or {}
        code = table.get(adjective.lower())
        if code:
            return code
    by_country = CURRENCY_BY_COUNTRY.get(family, {})
    for c in countries:
        if c in by_country:
            return by_country[c]
    if w in ("mark", "deutsche mark", "d-mark"):
        return "DEM"
    return CURRENCY_WORDS.get(w, CURRENCY_WORDS.get(family, "USD"))


# --- exclusion zones ------------------------------------------------------------------------------------
def _excluded_zones(text: str) -> list[tuple[int, int]]:
    """Spans that look like numbers but are phone numbers, numeric dates or year ranges."""
    zones = [m.span() for m in _PHONE_RE.finditer(text)]
    zones += [m.span() for m in _DATE_NUMERIC_RE.finditer(text)]
    zones += [m.span() for m in _YEAR_RANGE_RE.finditer(text)]
    return zones


def _inside(zones: Iterable[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b or (a < e and s < b) for a, b in zones)


# --- the scanner ------------------------------------------------------------------------------------------
@dataclass
class _Core:
    start: int
    end: int
    num: str
    value: float | None
    is_word: bool
    negative: bool = False


_GLUED_OK_RE = re.compile(
    r"(?:bn|mn|tn|mln|bln|trn|m|b|k|st|nd|rd|th|km|kg|kwh|twh|mw|gw|bcm|bpd|pct|pc|cts|p\b|"
    r"yen|tonnes|t\b|fold)(?![a-z])", re.I)


_FOLD_RE = re.compile(rf"\b({_W_BASIC}|\d+(?:\.\d+)?)-?fold\b", re.I)


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` holds one of ``words`` (lower-case) in any case. A pattern that cannot match
    without one of them is skipped when none is there: Python's ``re`` tries a pattern that opens
    with a long alternation at every position of the sentence, a substring test is one C loop."""
    low = text.lower()
    return any(w in low for w in words)


def _cores(text: str, zones: list[tuple[int, int]]) -> list[_Core]:
    cores: list[_Core] = []
    for m in DIGITS_RE.finditer(text):
        s, e = m.start("num"), m.end()
        before = text[max(0, s - 2):s]
        if re.search(r"[A-Za-z]-$", before) or re.search(r"[A-Za-z]$", text[max(0, s - 1):s]):
            continue  # COVID-19, Su-35, G20, A380
        if _inside(zones, s, e):
            continue
        if re.fullmatch(r"\d{3,4}", m.group("num")) and (re.match(r"-\d{3}", text[e:e + 4])
                                                          or re.search(r"\d{3}-$", text[max(0, s - 4):s])):
            continue  # a model designation: "747-400 aircraft", "737-300's"
        if e < len(text) and text[e].isalpha() and not _GLUED_OK_RE.match(text, e):
            continue  # 5G, 3D, 747s, 1980s
        num = m.group("num") + (m.group("frac") or "")
        neg = bool(m.group("neg")) and (s < 2 or not text[s - 2].isdigit())
        cores.append(_Core(m.start() if neg else s, e, num, parse_number(num), False, neg))
    for m in WORD_NUMBER_RE.finditer(text):
        word = m.group(0)
        if word.lower() == "a":
            continue
        val = parse_number(word)
        if val is None:
            continue
        cores.append(_Core(m.start(), m.end(), word, val, True))
    for m in _FOLD_RE.finditer(text) if _holds_any(text, ("fold",)) else ():
        cores.append(_Core(m.start(), m.end(), m.group(0), parse_number(m.group(1)), True))
    for m in re.finditer(r"\b(twice|thrice)\b", text, re.I):
        cores.append(_Core(m.start(), m.end(), m.group(1), 2.0 if m.group(1).lower() == "twice" else 3.0, True))
    cores.sort(key=lambda c: c.start)
    return cores


def _qualifier(text: str, start: int, end: int | None = None) -> str:
    """The bound words in front: "more than", "nearly", "up to", "surpassed". "exceeding the $200bn
    target" names a definite amount, so a "the" in between keeps it exact unless a threshold
    noun follows ("surpassed the 100 billion mark")."""
    window = text[max(0, start - 30):start]
    m = _QUALIFIER_RE.search(window)
    if m and m.group(1).lower() == "up to" and _MOVED_UP_RE.search(window[:m.start(1)]):
        return "exact"  # "exports to the EU edged up to 10.1 percent": the particle "up", then the level
    if not m:
        if end is not None:
            # "two billion dlrs or more", "10 pct or less": the bound follows
            after = re.match(r"\s*,?\s+or\s+(?P<w>more|over|above|higher|less|under|below|lower|fewer)\b", text[end:end + 20],
                             re.I)
            if after:
                return "at_least" if after.group("w").lower() in ("more", "over", "above", "higher") else "up_to"
        return "exact"
    if re.search(r"\bthe\s+$", m.group(0), re.I) and end is not None and not re.match(
            r"[\s-]*(?:[a-z-]+\s+){0,3}(?:mark|level|threshold|barrier|milestone|line|figure)\b", text[end:end + 40],
            re.I):
        return "exact"
    return QUALIFIER_WORDS[m.group(1).lower()]


# verbs whose particle "up" comes before "to" and a level ("edged up to 10.1 percent" is no "up to" bound)
_MOVED_UP_RE = re.compile(
    r"\b(?:edg|mov|tick|inch|creep|crept|climb|jump|shot|shoot|pick|bump|push|step|revis|ratchet|nudg|drift|"
    r"spik|bounc|rebound|went|go|goes|going|rose|rise|rising|risen|came|come|comes|coming|gone)[a-z]*\s+$", re.I)


_WORD_UP_RE = re.compile(r"[A-Za-z]+(?:\s+up)?")
_LEVEL_TAIL_RE = re.compile(
    r"\b(?:to|at|reaching|reach|reached|totalling|totaling|total|hit|of\s+which)\s*"
    r"(?:about|around|some|nearly|almost|a|an|the|record|new|just|over|more\s+than|roughly|only)?\s*$")
_CHANGE_OF_TAIL_RE = re.compile(
    r"\b(?:increase|rise|growth|decline|drop|fall|gain|jump|cut|reduction|hike)s?\s+of\s*"
    r"(?:about|around|some|nearly|almost|over|more\s+than)?\s*$")


def _last_words(before: str) -> list[str]:
    """The last four words before a quantity ("were up" counts as one)."""
    return _WORD_UP_RE.findall(before)[-4:]


def level_before(before: str) -> bool:
    """Do the words right before a quantity make it the level reached ("rose to", "at about",
    "reaching a record"), not a change ("an increase of")?"""
    tail_words = " ".join(_last_words(before)).lower()
    return bool(_LEVEL_TAIL_RE.search(tail_words)) and not _CHANGE_OF_TAIL_RE.search(tail_words)


def _change(text: str, start: int, end: int) -> int:
    """+1 / -1 when the words around a quantity make it a change, 0 for a level."""
    before = _QUALIFIER_RE.sub(" ", text[max(0, start - 48):start])
    # cut at the previous number or clause boundary so "rose 5 pct, reaching 20 pct" keeps 20 a level
    cut = max(before.rfind(","), before.rfind(";"), before.rfind("("))
    before = before[cut + 1:] if cut >= 0 else before
    m = re.search(r"\d", before[::-1])
    if m:
        before = before[len(before) - m.start():]
    after = text[end:end + 40]
    tail = re.match(rf"^\s*(?:{_RISE}|{_FALL})\b", after, re.I)
    m_after = _CHANGE_NOUN_AFTER_RE.match(after)
    if m_after and not re.match(r"^\s*(?:more|less|up|down|off|higher|lower)\s+(?:than\s+)?(?:the|a|in|on)\b",
                                after, re.I):
        return -1 if re.fullmatch(_FALL, m_after.group("word"), re.I) else 1
    pace = _PACE_BEFORE_RE.search(before)
    if pace:  # "growing at a rate of 20% every year", "fell at an annual pace of 2 pct"
        return 1 if pace.group("rise") else -1
    # the verb right before: "rose 5 pct", "increased by 29.3 percent", "an increase of 116%";
    # but "rose to 5 pct" and "reaching 20 pct" are levels
    last = _last_words(before)
    if level_before(before):
        return 0
    for w in reversed(last):
        m2 = _CHANGE_BEFORE_RE.fullmatch(w.split()[0]) if w else None
        if m2:
            return 1 if m2.group("rise") else -1
        if len(w.split()) == 2 and w.split()[1].lower() == "up":
            return 1  # "Shares in Umbro were up 1.76%"
        if w.lower() in ("by", "of", "some", "about", "around", "nearly", "almost", "a", "an", "than",
                         "over", "more", "just", "only", "roughly", "approximately", "respectively",
                         "and", "year", "on", "to", "or"):
            continue
        break
    comp = _COMPARED_AFTER_RE.match(after)
    if comp:  # "5% lower than a year ago", "24.4% above the previous record", "4% down on the year"
        return 1 if comp.group("up") else -1
    if tail:
        return -1 if re.fullmatch(_FALL, tail.group().strip(), re.I) else 1
    if _CHANGE_TAIL_RE.match(after):
        return 1
    return 0


def find_quantities(text: str, countries: Sequence[str] = (), exclude: Iterable[tuple[int, int]] = ()
                    ) -> list[Quantity]:
    """Every quantity in ``text``, in order. ``countries`` (ISO3, most relevant first) resolve
    ambiguous currency words ("francs", "crowns", "pesos"); ``exclude`` are spans known to be
    dates (e.g. ``bilat.timex.year_spans``)."""
    return list(_find_quantities(text, tuple(countries), tuple(exclude)))


@text_cache(maxsize=1024)
def _find_quantities(text: str, countries: tuple[str, ...], exclude: tuple[tuple[int, int], ...]
                     ) -> tuple[Quantity, ...]:
    """``find_quantities``, cached: the figures and commitments extractors read the same sentence with
    the same arguments (``Quantity`` is frozen, so the records can be shared)."""
    zones = _excluded_zones(text) + list(exclude)
    out: list[Quantity] = _spelled_points(text)
    spelled = [(q.start, q.end) for q in out]
    taken_until = -1
    for core in _cores(text, zones):
        if core.start < taken_until or core.value is None or _inside(spelled, core.start, core.end):
            continue
        q = _expand(text, core, countries)
        if q is None:
            continue
        out.append(q)
        taken_until = q.end
    out += _fractions(text, out)
    out += _ranks(text, out)
    out.sort(key=lambda q: q.start)
    return tuple(_conversions(text, _join_neighbours(text, _rates(text, out, countries))))


_CONVERSION_GAP_RE = re.compile(r"\s*\(\s*(?:or\s+|about\s+|some\s+|around\s+)?")
_CONVERSION_NEXT_RE = re.compile(r"\s*[;,/]\s*(?:or\s+)?")


def _conversion_of(text: str, qs: Sequence[Quantity]) -> dict[int, int]:
    """Index of each amount that restates another in a different currency, in parentheses right after it
    ("22,201bn yen ($214.6bn; £114.5bn)", "£1bn ($1.9bn)"), to the index of the amount it restates."""
    out: dict[int, int] = {}
    for i in range(1, len(qs)):
        q, p = qs[i], qs[i - 1]
        if q.kind != "money" or q.per is not None:
            continue
        gap = text[p.end:q.start]
        main = None
        if p.kind == "money" and _CONVERSION_GAP_RE.fullmatch(gap):
            main = i - 1
        elif (i - 1) in out and _CONVERSION_NEXT_RE.fullmatch(gap):
            main = out[i - 1]
        if main is not None and qs[main].unit != q.unit and ")" in text[q.end:q.end + 3] + (
                ")" if (i + 1 < len(qs) and _CONVERSION_NEXT_RE.fullmatch(text[q.end:qs[i + 1].start])) else ""):
            out[i] = main
    return out


def _conversions(text: str, qs: list[Quantity]) -> list[Quantity]:
    """An amount restated in other currencies in parentheses keeps its bound and direction in each
    ("exceeding $86m (£46m)" is more than £46m; "about 189 trillion yen ($1.8 trillion)" about $1.8tn)."""
    out = list(qs)
    for i, main in _conversion_of(text, qs).items():
        m, q = out[main], out[i]
        out[i] = replace(q, qualifier=m.qualifier if q.qualifier == "exact" else q.qualifier,
                         change=q.change or m.change)
    return out


_SPELLED_SHARE = {"half": 0.5, "quarter": 0.25, "third": 1 / 3, "quarters": 0.25, "thirds": 1 / 3}
_SPELLED_POINTS_RE = re.compile(
    r"\b(?:(?:a|one)\s+(?P<f>half|quarter|third)|half\s+an?|(?P<n>three|two)[- ](?P<f2>quarters|thirds)\s+of\s+an?)"
    r"\s+(?P<u>(?:percentage|per\s?cent(?:age)?|pct)\s+points?|points?|per\s?cent|percent|pct)\b", re.I)


def _spelled_points(text: str) -> list[Quantity]:
    """"a half percentage point" (0.5 percentage_points), "half a point", "three quarters of a
    percentage point", "a quarter per cent"."""
    out = []
    for m in _SPELLED_POINTS_RE.finditer(text):
        if m["f"]:
            v = _SPELLED_SHARE[m["f"].lower()]
        elif m["f2"]:
            v = SMALL_WORDS[m["n"].lower()] * _SPELLED_SHARE[m["f2"].lower()]
        else:
            v = 0.5
        u = m["u"].lower()
        unit, kind = ("percentage_points", "points") if "point" in u and not u.startswith("point") else \
            ("points", "points") if u.startswith("point") else ("percent", "percent")
        s, e = m.span()
        out.append(Quantity(start=s, end=e, text=text[s:e], value=round(v, 4), unit=unit, kind=kind,
                            qualifier=_qualifier(text, s, e), change=_change(text, s, e)))
    return out


_DOLLAR_WORD = r"(?:U\.S\.\s+|US\s+|American\s+)?(?:dollar|dlr)(?!s)\b"
_PER_DOLLAR_RE = re.compile(rf"\s*(?:(?:to|per|against)\s+(?:the|one|a|each)|per)\s+{_DOLLAR_WORD}", re.I)
_CURRENCY_PAIR_RE = re.compile(
    rf"\b(?:dollar|dlr)\s*[/-]\s*(?P<a>{_CUR_WORD_ALT}|mark)\b|\b(?P<b>{_CUR_WORD_ALT}|mark)\s*[/-]\s*(?:dollar|dlr)\b",
    re.I)


def _currency_pair(text: str) -> re.Match | None:
    """"dollar/yen", "mark-dollar": both sides of the pattern name the dollar."""
    return _CURRENCY_PAIR_RE.search(text) if _holds_any(text, ("dollar", "dlr")) else None


def _quoted_currency(text: str, countries: Sequence[str]) -> str | None:
    """The currency a sentence quotes against the dollar: the one in a pair ("dollar/yen rates"),
    else the first non-dollar currency word ("The kwacha fell from 2.20 to the dollar")."""
    pair = _currency_pair(text)
    if pair:
        word = pair.group("a") or pair.group("b")
        if word.lower() not in ("dollar", "dollars", "dlr", "dlrs"):
            return _currency_for(word, None, countries)
    for m in re.finditer(rf"(?<![\w-])(?:(?P<adj>{_ADJ_ALT})\s+)?(?P<cur>{_CUR_WORD_ALT}|mark)(?![\w-])", text, re.I):
        w = m.group("cur").lower()
        if w in ("dollar", "dollars", "dlr", "dlrs", "cents", "cent", "cts", "pence", "penny", "won", "mark"):
            continue
        return _currency_for(m.group("cur"), m.group("adj"), countries)
    return None


def _rates(text: str, qs: list[Quantity], countries: Sequence[str]) -> list[Quantity]:
    """Exchange rates are the quoted currency per dollar: "1.71 Swiss francs to the dollar" is 1.71 CHF,
    "The kwacha fell from 2.20 to the dollar" 2.20 ZMK, "dollar/yen rates were 152.32" 152.32 JPY;
    each gets ``per="USD"``."""
    pair = _currency_pair(text)
    quoted: str | None | bool = False
    out = []
    for q in qs:
        per_dollar = _PER_DOLLAR_RE.match(text, q.end)
        bare = q.kind == "number" and not q.scaled
        if q.kind == "money" and q.unit != "USD" and per_dollar:
            q = replace(q, per="USD")
        elif bare and (per_dollar or (pair is not None and pair.end() <= q.start and "." in q.text)):
            if quoted is False:
                quoted = _quoted_currency(text, countries)
            if quoted:
                q = replace(q, kind="money", unit=quoted, per="USD")
        out.append(q)
    return out


def _expand(text: str, core: _Core, countries: Sequence[str]) -> Quantity | None:
    s, e = core.start, core.end
    before, after = text[:s], text[e:]
    if core.num.lower().endswith("fold"):
        return Quantity(start=s, end=e, text=text[s:e], value=core.value or 0.0, unit="times", kind="ratio",
                        qualifier=_qualifier(text, s), change=_change(text, s, e), noun="fold")
    if core.num.lower() in ("twice", "thrice"):
        ratio = re.match(r"\s+(?:as|the|that)\b", after, re.I) is not None
        return Quantity(start=s, end=e, text=text[s:e], value=core.value or 0.0,
                        unit="times" if ratio else "count", kind="ratio" if ratio else "count",
                        qualifier=_qualifier(text, s), noun="times")
    # dates and times
    if (_MONTH_BEFORE_RE.search(before[-12:]) or _MONTH_DAY_RANGE_RE.search(before[-16:])) \
            and not core.is_word and (core.value or 0) <= 31:
        return None
    if _MONTH_AFTER_RE.match(after) and not core.is_word:
        return None
    if _CLOCK_RE.match(after) and not core.is_word:
        return None
    ordinal = _ORDINAL_SUFFIX_RE.match(after)
    if ordinal and not core.is_word:
        return None  # "20th anniversary", "3rd"; ranks are found separately
    if _LABEL_BEFORE_RE.search(before[-16:]):
        return None
    if not core.is_word and re.match(r"\s+(?:series|model|version|variant|class)\b", after, re.I):
        return None  # "the 400 series": a name
    if _AGE_BEFORE_RE.search(before[-24:]) or _AGE_AFTER_RE.match(after):
        return None
    # a numbered list marker at the start of a line: "1. ", "(2) "
    if not core.is_word and re.match(r"^[.)]\s", after) and re.search(r"(?:^|\n)\s*\(?$", before):
        return None
    # currency sign before
    currency = None
    pre = _CUR_PREFIX_RE.search(before[-6:])
    if pre:
        sym = pre.group(0).strip()
        code = sym.upper()
        if code in ISO_CURRENCIES or code in CODE_ALIASES:
            currency = CODE_ALIASES.get(code, code)
        elif sym.lower() in CURRENCY_SYMBOLS:
            currency = CURRENCY_SYMBOLS[sym.lower()]
            if sym == "¥":
                currency = _currency_for("¥", None, countries) if any(
                    c in ("CHN", "JPN") for c in countries) else "JPY"
        if currency:
            s = s - len(pre.group(0))
    scale, scaled = 1, False
    pos = e
    sm = _SCALE_RE.match(text, pos)
    if sm:
        word = next(g for g in sm.groups() if g)
        glued_letter = sm.group(3) is not None
        if glued_letter and not currency and not (_CUR_WORD_RE.match(text, sm.end()) or
                                                  _MEASURE_RE.match(text, sm.end())):
            # "100m" may be metres; a bare "5b" is ambiguous: keep only with a currency around
            sm = None
        elif core.is_word and word.lower() in ("k", "m", "b"):
            sm = None
        if sm:
            scale, scaled = SCALES[word.lower()], True
            pos = sm.end()
            # "one and a half billion", "3 billion" - a second scale word ("thousand million")
            sm2 = _SCALE_RE.match(text, pos)
            if sm2 and sm2.group(1):
                scale *= SCALES[sm2.group(1).lower()]
                pos = sm2.end()
    # Decimal of the shortest float repr is the written decimal: "$190.271 billion" -> 190271000000.0
    value = float(Decimal(str(core.value)) * scale)
    if core.negative:
        value = -abs(value)
    kind, unit, noun, mult = "number", "number", None, 1.0
    end = pos
    rest = text[pos:]
    if currency is None and not core.is_word and re.match(r"p(?!\.c\.)(?![\w'’-])", rest):
        currency, value, end = "GBP", value / 100, pos + 1  # "shares rose 3p to 115.5p": pence
        rest = text[end:]
    if currency is None:
        pm = _PERCENT_RE.match(rest)
        cm = _CUR_WORD_RE.match(rest)
        code = _CODE_SUFFIX_RE.match(rest)
        if pm:
            kind = "percent" if pm.group(1) else "points"
            unit = "percent" if pm.group(1) else "percentage_points"
            end = pos + pm.end()
        elif cm and not _currency_word_is_not_money(cm, rest, scaled, value, before):
            currency = _currency_for(cm.group("cur"), cm.group("adj"), countries)
            if cm.group("cur").lower() in ("cents", "cent", "cts", "pence", "penny"):
                value = value / 100
            end = pos + cm.end()
        elif code and (code.group("code") in ISO_CURRENCIES or code.group("code").upper() in CODE_ALIASES):
            c = code.group("code")
            currency = CODE_ALIASES.get(c.upper(), c)
            end = pos + code.end()
        else:
            ptm = _POINTS_RE.match(rest)
            mm = _MEASURE_RE.match(rest)
            dm = _DURATION_RE.match(rest)
            tm = _TIMES_RE.match(rest)
            if ptm:
                word = ptm.group(1).lower()
                kind = "points"
                unit = "basis_points" if word.startswith(("basis", "bp")) else "points"
                end = pos + ptm.end()
            elif mm:
                unit, mult = MEASURE_UNITS[re.sub(r"\s+", " ", mm.group(1).lower())]
                kind = "measure"
                end = pos + mm.end()
            elif dm and not scaled:
                unit, mult = DURATION_UNITS[dm.group(1).lower()]
                kind = "duration"
                end = pos + dm.end()
            elif tm:
                noun = "times"
                kind, unit = "count", "count"
                end = pos + tm.end()
                if tm.group(2) or re.match(r"\s+(?:higher|more|larger|bigger|greater|as|that|the|their|its|his|her|our|"
                                           r"faster|lower|smaller|less)\b", text[end:], re.I):
                    kind, unit = "ratio", "times"
            else:
                nm = _NOUN_RE.match(rest)
                if nm and not _is_function_word(nm.group(1)) and not (
                        scaled and (re.fullmatch(r"(?i)[a-z]+ed", nm.group(1))
                                    or nm.group(1).lower() in _IRREGULAR_PARTICIPLES)):
                    # "23.61 billion proposed in the budget": a participle after an amount counts nothing
                    kind, unit, noun = "count", "count", nm.group(1)
    else:
        # "$5bn US dollars" is rare; a trailing currency word after a sign is swallowed
        cm = _CUR_WORD_RE.match(rest)
        if cm and cm.group("cur").lower() in ("dollars", "dlrs", "dollar"):
            end = pos + cm.end()
    if currency:
        kind, unit = "money", currency
    value *= mult
    if kind in ("number", "count", "duration") and not scaled:
        if _is_year(core, text, s, end, kind):
            return None
    if kind == "count" and core.is_word and _DETERMINER_BEFORE_RE.search(before[-14:]):
        return None  # "the two countries", "our two sides": a reference, not a count
    if kind == "count" and not core.is_word and noun != "times" and "," not in core.num and "." not in core.num \
            and re.search(r"(?<![.!?]\s)(?<!^)\b(?!The\b|In\b|On\b|At\b|A\b)[A-Z][a-z]+\s+$", before[-20:]) \
            and not _MONTH_BEFORE_RE.search(before[-12:]):
        return None  # "the Power of Siberia 2 pipeline", "Boeing 737 jets": part of a name
    if kind == "count" and re.match(r"\s+(?:most\s+\w+|largest|biggest|main|top|leading|major|key|best|worst|"
                                    r"latest|largest-ever|highest|lowest)\b", text[e:], re.I):
        return None  # "Australia's two largest exports": which ones, not how many
    if kind == "count" and core.is_word and (core.value or 0) <= 5 and _COLLECTIVE_AFTER_RE.match(text[e:]) \
            and re.search(r"\b(?:as|between|among|of|with|two|by)\s+$", before[-10:], re.I):
        return None  # "as two neighbouring countries", "between two nations": the parties, not a count
    if kind == "count" and not core.is_word and _DETERMINER_BEFORE_RE.search(before[-14:]) \
            and (core.value or 0) < 10:
        return None
    if kind == "number" and core.is_word and not scaled and not _RANGE_NEXT_RE.match(text, end):
        return None  # a spelled number with nothing after it ("one of", "two and") is no quantity
    if kind == "count" and core.is_word and core.value == 1 and not scaled:
        return None  # "one" is a pronoun or article far more often than a count
    period_like = False
    if kind == "duration" and core.is_word and core.value == 1 and not scaled:
        return None  # "one minute ... the next", "a one day stop-over": an idiom, not a length
    if kind == "duration" and re.match(r"[\s-]*(?:[a-z]+\s+){0,2}(?:bonds?|notes?|bills?|treasur\w*|paper|debentures?|"
                                       r"securities|gilts?|yields?|deposits?|futures)\b", text[end:], re.I):
        return None  # "the 30-year bond", "three-month deposits": the name of an instrument
    if kind == "duration":
        period_like = bool(_PERIOD_BEFORE_RE.search(before[-40:]) or _PERIOD_AFTER_RE.match(text[end:])) \
            and not _FOR_BEFORE_RE.search(before[-20:])
    change = _change(text, s, end) if kind in ("percent", "points", "money", "ratio", "measure", "count") else 0
    qual = _qualifier(text, s, end)
    if qual == "exact" and kind == "money" and re.search(r"\btops?\s+$", text[:s][-6:]):
        qual = "more_than"  # "Korea's exports top $700bn": the headline verb "top" is "more than"
    return Quantity(start=s, end=end, text=text[s:end], value=value, unit=unit, kind=kind, qualifier=qual,
                    change=change, noun=noun, scaled=scaled, period_like=period_like)


# participles that follow an amount ("the previous record of 51.46 billion set at the end of January")
_IRREGULAR_PARTICIPLES = frozenset("set put cut paid sold made held spent lent built bought brought lost seen given "
                                   "taken shown drawn grown won sent kept left hit run borne forecast".split())
# a spelled number that opens a range or alternative: "between two and 2.8 per cent", "five or six years"
_RANGE_NEXT_RE = re.compile(rf"\s*(?:to|-|–|and|or)\s+(?:about\s+|some\s+)?(?:\d|(?:{_W_BASIC})\b)", re.I)

_FUNCTION_WORDS = frozenset(
    "of in to and or by at on for from with as than the a an is was were are be been has have had will would "
    "that which who this these those it its per vs versus against compared respectively while whereas but "
    "after before since during until over under between among into onto amid including including also "
    "up down off out if when where said says say according last next this previous earlier later ago "
    "respectively".split())


def _is_function_word(word: str) -> bool:
    return word.lower() in _FUNCTION_WORDS


def _currency_word_is_not_money(cm: re.Match, rest: str, scaled: bool, value: float, before: str = "") -> bool:
    word = cm.group("cur").lower()
    after = rest[cm.end():]
    if word in ("pound", "pounds") and re.match(r"\s+(?:of|per)\b", after):
        return True  # "5 mln pounds of beef" is a weight
    if word in ("pound", "pounds") and re.search(r"\b(?:weigh\w*|weight|payload|load|thrust|lift)\b[^.;]{0,30}$",
                                                 before, re.I):
        return True  # "a take-off weight of 870,000 pounds"
    if word == "won" and not scaled and value < 1000:
        return True  # "the party won 5 seats" has the number after; "3 won" before a verb is rare
    if word == "real":
        return True
    if word in ("mark", "marks") and cm.group("adj") is None and re.match(r"\s+(?:of|in|for|on)\b", after) \
            and not scaled:
        return True  # "the 100 mark" is a threshold
    return False


def _is_year(core: _Core, text: str, s: int, e: int, kind: str) -> bool:
    """A four-digit 1800-2100 with no unit, or a count noun that is really "in 2022 companies"."""
    if core.is_word or "," in core.num or "." in core.num:
        return False
    v = core.value or 0
    if not (1800 <= v <= 2100 and len(core.num) == 4):
        return False
    return kind in ("number", "count", "duration")


_FRACTION_CUES = ("half", "halves", "third", "quarter", "fifth", "sixth", "tenth", "eighth")
_FRACTION_RE = re.compile(
    rf"\b(?:(?P<n>{_W_BASIC}|a|an)[- ](?P<d>halves|half|thirds?|quarters?|fifths?|sixths?|tenths?|eighths?)"
    r"|(?P<half>half))\b(?=\s+(?:of|the|a|an|its|their|all|this|that|from|since|in|to|over|last|on|"
    r"compared|against)\b|[,.;])", re.I)


def _fractions(text: str, taken: list[Quantity]) -> list[Quantity]:
    """"two-thirds of", "about one-third", "half of", "a quarter of" -> share in percent."""
    out: list[Quantity] = []
    if not _holds_any(text, _FRACTION_CUES):
        return out
    for m in _FRACTION_RE.finditer(text):
        s, e = m.span()
        if any(q.start < e and s < q.end for q in taken):
            continue
        before = text[max(0, s - 20):s].lower()
        if re.search(r"\b(?:first|second|latter|the|this|that|last|next|past|in|by)\s+$", before) and m.group("half"):
            continue  # "the first half of 2023" is a period, "cut in half" an idiom
        if m.group("half"):
            share = 50.0
        else:
            n = m.group("n").lower()
            d = m.group("d").lower()
            if n in ("a", "an"):
                after_by = re.search(r"\bby\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|more\s+than\s+)?$",
                                     text[max(0, s - 30):s], re.I)
                if not re.match(r"\s+of\b", text[e:], re.I) and not after_by:
                    continue  # "a third country" is an ordinal
                k = 1.0
            else:
                k = float(parse_number(n) or 0)
            if d.startswith(("quarter", "fourth")) and re.match(r"\s+of\s+(?:the\s+)?(?:19|20)\d\d|\s+of\s+(?:the\s+)?"
                                                                 r"(?:this|last|next|fiscal)\b", text[e:], re.I):
                continue  # "first quarter of 1987"
            share = k * FRACTION_WORDS[d]
        out.append(Quantity(start=s, end=e, text=text[s:e], value=round(share, 2), unit="percent",
                            kind="fraction", qualifier=_qualifier(text, s, e), change=_change(text, s, e)))
    return out


_RANK_RE = re.compile(
    rf"\b(?:(?P<ord>{'|'.join(ORDINAL_WORDS)}|\d{{1,2}}(?:st|nd|rd|th))[\s-]+)?"
    r"(?P<sup>largest|biggest|top|leading|most\s+important|No\.\s?(?P<no>\d{1,2})|number[\s-](?P<nw>one|two|three))"
    r"(?P<mid>(?:[\s-]+(?:single|overall|global|foreign|trading|trade|commercial|export|import|investment|"
    r"oil|gas|energy|arms|crude|economic|source|bilateral|agricultural|[a-z]+ing))*)"
    rf"\s+(?P<noun>{'|'.join(RANK_NOUNS)})\b", re.I)
_RANK_CUES = ("largest", "biggest", "top", "leading", "most", "no.", "number")  # one opens every rank


def _ranks(text: str, taken: list[Quantity]) -> list[Quantity]:
    """"the largest trading partner" -> rank 1, "ninth largest" -> 9, "No. 2 market" -> 2."""
    out: list[Quantity] = []
    if not _holds_any(text, _RANK_CUES):
        return out
    for m in _RANK_RE.finditer(text):
        s, e = m.span()
        if any(q.start < e and s < q.end for q in taken):
            continue
        before = text[max(0, s - 24):s].lower()
        if re.search(r"\bone\s+of\s+(?:the\s+|its\s+|their\s+|[a-z]+'s\s+)?(?:[a-z]+\s+)?$", before):
            continue  # "one of the largest" ranks nothing
        sup = m.group("sup").lower()
        if sup in ("leading", "most important") and not m.group("ord"):
            continue  # "leading" alone is praise, not a rank
        if m.group("no"):
            rank = int(m.group("no"))
        elif m.group("nw"):
            rank = SMALL_WORDS[m.group("nw").lower()]
        elif m.group("ord"):
            o = m.group("ord").lower()
            rank = ORDINAL_WORDS.get(o) or int(re.match(r"\d+", o).group(0))
        else:
            rank = 1
        span_end = m.end("sup")
        out.append(Quantity(start=s, end=span_end, text=text[s:span_end], value=float(rank), unit="rank",
                            kind="rank", noun=m.group("noun").lower()))
    return out


def _join_neighbours(text: str, qs: list[Quantity]) -> list[Quantity]:
    """Ranges ("350 to 400 mln stg", "between 5 and 6 pct") and lists ("5.2 and 3.1 bln dlrs") share
    the unit and scale written once at the end; the ends of a range are marked low/high."""
    out = list(qs)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        gap = text[a.end:b.start]
        bare_a = a.kind == "number" or (a.kind == "count" and a.noun is None)
        # "rose to 5.2 billion dlrs ... from 4.1 billion": a scaled bare number takes the money unit
        joiner = re.fullmatch(r"\s*(?:to|-|–|and|or|,)\s*", gap, re.I)
        if not joiner:
            continue
        word = gap.strip().lower()
        is_range = False
        before = text[max(0, a.start - 30):a.start].lower()
        if word == "and" and re.search(r"\bbetween\s+(?:about\s+|some\s+|around\s+)?$", before):
            is_range = True
        elif word in ("to", "-", "–") and not re.search(r"\bfrom\s+(?:about\s+|some\s+|around\s+)?$", before) \
                and not (word == "to" and (a.change or re.search(r"\bby\s+(?:about\s+|some\s+|around\s+|nearly\s+)?$",
                                                                  before))):
            is_range = True  # not "fell by $53.6bn to $1.2tn": a change and the level it reached
        if b.kind == "number" and b.scaled and a.kind == "number" and not a.scaled and is_range:
            scale_b = _scale_of(b) or 1
            out[i] = replace(a, value=a.value * scale_b, scaled=True, inherited=True, range="low")
            out[i + 1] = replace(b, range="high")
            continue
        if b.kind in ("number", "rank", "fraction") or (a.kind not in ("number", "count") and a.unit != b.unit
                                                       and not bare_a):
            continue
        if not bare_a and not (is_range and a.unit == b.unit):
            if word in ("and", ",") and a.unit == b.unit and a.change and not b.change:
                out[i + 1] = replace(b, change=a.change)  # "rose 5.2 pct and 7.1 pct respectively"
            continue
        scale_b = _scale_of(b)
        new_val = a.value
        if bare_a and not a.scaled and b.scaled and scale_b:
            new_val = _fitting_scale(a.value, scale_b, b.value)
        if bare_a and b.kind == "money" and b.text.lower().endswith(("cents", "cts", "cent", "pence")):
            new_val = new_val / 100
        if bare_a and b.kind == "duration" and a.value >= 1800 and a.value <= 2100:
            continue
        qual = a.qualifier
        a2 = replace(a, value=new_val, unit=b.unit, kind=b.kind, change=b.change if a.change == 0 else a.change,
                     inherited=True, noun=b.noun, scaled=a.scaled or b.scaled, period_like=b.period_like,
                     qualifier=qual, per=b.per)
        if is_range:
            a2 = replace(a2, range="low")
            out[i + 1] = replace(b, range="high", qualifier=qual if b.qualifier == "exact" else b.qualifier)
        out[i] = a2
    # a bare number after "from"/"vs" takes the unit of the quantity it is compared with, not of a
    # conversion in parentheses ("77m euros (£53m; $100m), up from 38m" is 38m euros)
    conversions = _conversion_of(text, out)
    for i, q in enumerate(out):
        if q.kind != "number" or q.inherited:
            continue
        # a scaled number ("8.77 billion") is no percentage: it takes the money or measure unit before, or
        # the counted noun of a scaled count ("to 1.50 billion revenue passenger miles from 1.35 billion")
        kinds = ("money", "measure") if q.scaled else ("money", "percent", "points", "measure")
        prev = next((p for k, p in reversed(list(enumerate(out[:i]))) if k not in conversions and (
            p.kind in kinds or (q.scaled and p.kind == "count" and p.scaled))), None)
        if prev is None:
            continue
        gap = text[prev.end:q.start]
        if len(gap) > 90 or not re.search(r"\b(?:from|vs\.?|versus|against|compared\s+with|compared\s+to|and|"
                                          r"to|or|while|after|before)\s+(?:a\s+revised\s+|an?\s+)?"
                                          r"(?:about\s+|some\s+|around\s+)?$|\b(?:from|against|compared\s+with)\s+"
                                          r"(?:an?\s+|the\s+|its\s+|their\s+)?(?:[a-z-]+\s+){0,2}of\s+$", gap, re.I):
            continue
        value = q.value
        if not q.scaled and prev.scaled and prev.kind in ("money", "measure", "count"):
            value = _fitting_scale(q.value, _scale_of(prev) or 1, prev.value)
        out[i] = replace(q, unit=prev.unit, kind=prev.kind, value=value, inherited=True,
                         change=_change(text, q.start, q.end), per=prev.per,
                         noun=prev.noun if prev.kind == "count" else q.noun)
    return out


def _fitting_scale(value: float, scale: int, other: float) -> float:
    """A bare number next to a scaled one ("to 1.08 mln tonnes from 980,000", "to 5.2 billion from
    4.1"): scaled or as written, whichever lies nearer the other number."""
    import math

    if not value or not other or scale == 1:
        return value * scale
    scaled, plain = abs(value * scale), abs(value)
    return value * scale if abs(math.log(scaled / abs(other))) <= abs(math.log(plain / abs(other))) else value


def _scale_of(q: Quantity) -> int | None:
    m = re.search(r"(thousand|million|mln|mio|billion|bln|trillion|trln|tln|crores?|lakhs?|bn|mn|tn|k|m|b)"
                  r"(?![a-z])", q.text, re.I)
    return SCALES.get(m.group(1).lower()) if m else None


# --- the gate ---------------------------------------------------------------------------------------------
GATE_RE = re.compile(
    rf"\d|\b(?:{_W_SMALL}|{_W_TENS}|hundred|thousand|dozen|twice|thrice|half|thirds?|quarters?|"
    r"largest|biggest|top)\b", re.I)


def may_hold_quantity(text: str) -> bool:
    """Cheap test whether a sentence can hold a quantity (digits, number words, fractions, ranks)."""
    return GATE_RE.search(text) is not None
