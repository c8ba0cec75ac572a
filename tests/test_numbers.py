"""bilat.extract.numbers: real-world number expressions and the quantities they must give.

Each case is a phrase as it appears in wire copy, business news or diplomatic news, and the
quantities (value, unit, qualifier, range end) expected from it, in text order. No spaCy model
is needed: the grammar is plain regular expressions.
"""
from __future__ import annotations

import pytest

from bilat.extract.numbers import find_quantities, may_hold_quantity, parse_number

B, M, K = 1e9, 1e6, 1e3

# (text, [(value, unit, qualifier, range), ...]); range None for a single value
CASES: list[tuple[str, list[tuple[float, str, str, str | None]]]] = [
    # --- money, every common form
    ("reaching a record $190.271 billion", [(190.271 * B, "USD", "exact", None)]),
    ("trade surpassed 190 billion dollars last year", [(190 * B, "USD", "more_than", None)]),
    ("profits of $5.2bn", [(5.2 * B, "USD", "exact", None)]),
    ("a €3bn package", [(3 * B, "EUR", "exact", None)]),
    ("raised £450m from investors", [(450 * M, "GBP", "exact", None)]),
    ("grants of HK$1.5 million", [(1.5 * M, "HKD", "exact", None)]),
    ("loans of 2.5 trillion yuan", [(2.5e12, "CNY", "exact", None)]),
    ("exports fell to 290 mln dlrs", [(290 * M, "USD", "exact", None)]),
    ("it will raise 350 to 400 mln stg", [(350 * M, "GBP", "exact", "low"), (400 * M, "GBP", "exact", "high")]),
    ("three billion dlr of bonds", [(3 * B, "USD", "exact", None)]),
    ("22,201bn yen ($214.6bn; £114.5bn)",
     [(22201 * B, "JPY", "exact", None), (214.6 * B, "USD", "exact", None), (114.5 * B, "GBP", "exact", None)]),
    ("a surplus of 28.4 billion marks", [(28.4 * B, "DEM", "exact", None)]),
    ("31.2 billion Swiss francs", [(31.2 * B, "CHF", "exact", None)]),
    ("1,640 billion lire", [(1640 * B, "ITL", "exact", None)]),
    ("2.7 billion guilders", [(2.7 * B, "NLG", "exact", None)]),
    ("1.12 billion Australian dlrs", [(1.12 * B, "AUD", "exact", None)]),
    ("1.5 billion Canadian dlrs", [(1.5 * B, "CAD", "exact", None)]),
    ("2.83 billion HK dlrs", [(2.83 * B, "HKD", "exact", None)]),
    ("aid of 120 mln ECUs", [(120 * M, "XEU", "exact", None)]),
    ("a credit of 1.4 billion SDRs", [(1.4 * B, "XDR", "exact", None)]),
    ("426bn roubles", [(426 * B, "RUB", "exact", None)]),
    ("sales of 500 million rubles", [(500 * M, "RUB", "exact", None)]),
    ("A$43.6bn of exports", [(43.6 * B, "AUD", "exact", None)]),
    ("about 92tn yuan of debt", [(92e12, "CNY", "about", None)]),
    ("¥5tn in investment", [(5e12, "JPY", "exact", None)]),
    ("a 300 mln dlr loan", [(300 * M, "USD", "exact", None)]),
    ("raised prices by 50 cts a barrel", [(0.5, "USD", "exact", None)]),
    ("USD 5bn in bonds", [(5 * B, "USD", "exact", None)]),
    ("RMB 100 billion of lending", [(100 * B, "CNY", "exact", None)]),
    ("18 billion renminbi", [(18 * B, "CNY", "exact", None)]),
    ("rose to 5.2 billion dlrs in March from 4.1 billion a year earlier",
     [(5.2 * B, "USD", "exact", None), (4.1 * B, "USD", "exact", None)]),
    ("rose to 2.1 billion and 1.3 billion dlrs respectively",
     [(2.1 * B, "USD", "exact", None), (1.3 * B, "USD", "exact", None)]),
    # --- percentages and points
    ("increased by 29.3 percent", [(29.3, "percent", "exact", None)]),
    ("up 32 pct on 1985", [(32, "percent", "exact", None)]),
    ("a rise of 20 per cent", [(20, "percent", "exact", None)]),
    ("20.1% of Japan's trade", [(20.1, "percent", "exact", None)]),
    ("an increase of 116% from 10 years prior", [(116, "percent", "exact", None)]),
    ("rates rose 0.75 percentage points", [(0.75, "percentage_points", "exact", None)]),
    ("a cut of 25 basis points", [(25, "basis_points", "exact", None)]),
    ("expected to rise by between 5 and 6 pct", [(5, "percent", "exact", "low"), (6, "percent", "exact", "high")]),
    ("a range of 3 to 3.25 per cent", [(3, "percent", "exact", "low"), (3.25, "percent", "exact", "high")]),
    ("rates of 7-1/2 pct", [(7.5, "percent", "exact", None)]),
    ("less than 3 pct of output", [(3, "percent", "less_than", None)]),
    ("nearly 40 per cent of exports", [(40, "percent", "about", None)]),
    ("at least 2 per cent of GDP", [(2, "percent", "at_least", None)]),
    # --- fractions
    ("two-thirds of the world's countries", [(66.67, "percent", "exact", None)]),
    ("about one-third of international organizations", [(33.33, "percent", "about", None)]),
    ("more than a third of its oil imports", [(33.33, "percent", "more_than", None)]),
    ("Half of Germany's imports", [(50, "percent", "exact", None)]),
    ("three-quarters of the total", [(75, "percent", "exact", None)]),
    # --- counts, durations, ratios
    ("President Xi has met President Putin 40 times", [(40, "count", "exact", None)]),
    ("I've been to Russia eight times", [(8, "count", "exact", None)]),
    ("More than 100 sister cities have been established", [(100, "count", "more_than", None)]),
    ("our two sides have hosted eight \u201ctheme years\u201d", [(8, "count", "exact", None)]),
    ("nine hours of talks", [(9, "hours", "exact", None)]),
    ("the largest trading partner of Russia for 13 years", [(1, "rank", "exact", None), (13, "years", "exact", None)]),
    ("a three-day state visit", [(3, "days", "exact", None)]),
    ("Russia's largest trading partner for 13 consecutive years", [(1, "rank", "exact", None),
                                                                   (13, "years", "exact", None)]),
    ("187,562 units", [(187562, "count", "exact", None)]),
    ("up to 5,000 troops", [(5000, "count", "up_to", None)]),
    ("they met twice", [(2, "count", "exact", None)]),
    ("jumped nearly sevenfold", [(7, "times", "about", None)]),
    ("2.5 times higher than", [(2.5, "times", "exact", None)]),
    ("two decades of cooperation", [(20, "years", "exact", None)]),
    ("a delegation of more than 200 business leaders", [(200, "count", "more_than", None)]),
    # --- units of measure
    ("5.4 mln tonnes of wheat", [(5.4 * M, "tonnes", "exact", None)]),
    ("1.2 mln barrels per day", [(1.2 * M, "barrels_per_day", "exact", None)]),
    ("1.6mn barrels a day", [(1.6 * M, "barrels_per_day", "exact", None)]),
    ("2.3mn b/d", [(2.3 * M, "barrels_per_day", "exact", None)]),
    ("50 bcm of gas", [(50 * B, "cubic_metres", "exact", None)]),
    ("2.1 mln ounces", [(2.1 * M, "ounces", "exact", None)]),
    ("compared with 3.1 mln tonnes", [(3.1 * M, "tonnes", "exact", None)]),
    # --- ranks
    ("Russia continued to be China's ninth largest trading partner", [(9, "rank", "exact", None)]),
    ("the second-largest supplier of weapons", [(2, "rank", "exact", None)]),
    ("China has been Russia\u2019s top commercial partner", [(1, "rank", "exact", None)]),
    ("Japan is China's No. 2 export market", [(2, "rank", "exact", None)]),
    ("the world's largest economy", [(1, "rank", "exact", None)]),
    # --- qualifiers
    ("some 68 billion dlrs", [(68 * B, "USD", "about", None)]),
    ("in excess of $10bn", [(10 * B, "USD", "more_than", None)]),
    ("no more than 12 ships", [(12, "count", "up_to", None)]),
    ("exceeding the $200bn target", [(200 * B, "USD", "exact", None)]),
    ("surpassed the 100 billion dollar mark", [(100 * B, "USD", "more_than", None)]),
    # --- wire-copy currency forms
    ("a 500 mln-dlr short-term bridge loan", [(500 * M, "USD", "exact", None)]),
    ("reserves of 7.15 billion N.Z. Dlrs", [(7.15 * B, "NZD", "exact", None)]),
    ("a budget of about 36 billion European currency units (Ecu)", [(36 * B, "XEU", "about", None)]),
    ("a fixed exchange rate of nine kwacha to the dollar", [(9, "ZMK", "exact", None)]),
    ("The kwacha fell from 2.20 to the dollar to about 15", [(2.2, "ZMK", "exact", None), (15, "ZMK", "about", None)]),
    ("The average dollar/yen rates were 152.32 for exports and 152.31 for imports",
     [(152.32, "JPY", "exact", None), (152.31, "JPY", "exact", None)]),
    ("1.71 Swiss francs to the dollar, against 1.69", [(1.71, "CHF", "exact", None), (1.69, "CHF", "exact", None)]),
    ("two and a half billion dlrs", [(2.5 * B, "USD", "exact", None)]),
    # --- fractions of points
    ("a spread of 5/8 percentage points over LIBOR", [(0.625, "percentage_points", "exact", None)]),
    ("the 7/8 pct Venezuela wants", [(0.875, "percent", "exact", None)]),
    ("raised its estimate a half percentage point to 2.5 per cent",
     [(0.5, "percentage_points", "exact", None), (2.5, "percent", "exact", None)]),
    ("cut rates by half a percentage point", [(0.5, "percentage_points", "exact", None)]),
    ("three quarters of a percentage point", [(0.75, "percentage_points", "exact", None)]),
    # --- spelled range starts, scales that fit, changes that are no ranges
    ("cut it to between two and 2.8 per cent", [(2, "percent", "exact", "low"), (2.8, "percent", "exact", "high")]),
    ("maturities of five or six years", [(5, "years", "exact", None), (6, "years", "exact", None)]),
    ("rose to 1.08 mln tonnes from 980,000", [(1.08 * M, "tonnes", "exact", None), (980000, "tonnes", "exact", None)]),
    ("rose to 5.2 billion dlrs from 4.1", [(5.2 * B, "USD", "exact", None), (4.1 * B, "USD", "exact", None)]),
    ("reserves fell by $53.6bn to $1.2tn", [(53.6 * B, "USD", "exact", None), (1.2e12, "USD", "exact", None)]),
    # --- measures
    ("a take-off weight of 870,000 pounds", [(870000, "lbs", "exact", None)]),
    ("a designed range of 12,500 kms", [(12500, "km", "exact", None)]),
    ("a 600 megawatt coal-fired power plant", [(600, "MW", "exact", None)]),
    ("almost 73 pct were aged between 14 and 29", [(73, "percent", "about", None)]),
    ("a 31 pct devaluation of the rupiah", [(31, "percent", "exact", None)]),
    ("a fairly large round, two billion dlrs or more, of repurchases", [(2 * B, "USD", "at_least", None)]),
    ("a rise of 10 pct or less", [(10, "percent", "up_to", None)]),
    ("rose to 51.73 billion dlrs from the previous record of 51.46 billion set at the end of January",
     [(51.73 * B, "USD", "exact", None), (51.46 * B, "USD", "exact", None)]),  # compared with: the same unit
]

# things that look like numbers but are none: years, dates, names, times, references
NOT_QUANTITIES = [
    "In 2022, bilateral trade rose.",
    "Xi will visit Russia from March 20-22.",
    "The first China-Europe freight train was launched on March 16, 2023.",
    "Published: Mar 18, 2023 01:35 AM",
    "the G20 summit and 5G networks",
    "the impact of COVID-19 on trade",
    "Su-35 fighters and S-400 missiles",
    "the 2024-2027 cultural cooperation plan",
    "the 2022-2023 China-Russia Sports Exchange Year",
    "the 20th anniversary of the treaty",
    "the third Belt and Road Forum",
    "the two countries and both sides",
    "as two neighbouring countries",
    "under Article 5 of the treaty",
    "call +7 495 123-45-67 for details",
    "at 10:30 on Monday",
    "he is 45 years old",
    "in the first half of 2023",
    "one of the largest partners",
    "no one expected it; they support one another",
    "the Beijing 2022 Winter Olympics",
    "two-way investment",
    # model designations, instrument names and idioms
    "an order for four 747-400 aircraft",
    "the 400 series is the latest model",
    "the yield on the 30-year bond",
    "three-month deposits",
    "with Italy one minute seen as the bad boy",
    "a one day stop-over",
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_quantities(text: str, expected: list[tuple[float, str, str, str | None]]) -> None:
    # bare numbers wait for a unit from the parse; durations inside time expressions are periods
    got = [q for q in find_quantities(text) if q.kind != "number" and not q.period_like]
    assert [(q.unit, q.qualifier, q.range) for q in got] == [(u, ql, r) for _, u, ql, r in expected]
    for q, (value, *_rest) in zip(got, expected):
        assert q.value == pytest.approx(value, rel=1e-4)
        assert text[q.start:q.end] == q.text


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(text: str) -> None:
    got = [q for q in find_quantities(text) if q.kind != "number" and not q.period_like]
    assert got == [], [(q.text, q.unit) for q in got]


def test_exact_scaling() -> None:
    """Decimal scaling: no float noise in the export ("$190.271 billion" is 190271000000.0)."""
    (q,) = find_quantities("$190.271 billion")
    assert q.value == 190271000000.0
    (q,) = find_quantities("$33.69 billion")
    assert q.value == 33690000000.0


def test_change_cues() -> None:
    """The lexical direction a later step turns into percent_change or percent."""
    cues = {q.text: q.change for q in find_quantities(
        "Exports fell 3.1 pct to 290 mln dlrs, up 32 pct on 1985, while the rate rose to 7.5 pct, "
        "a 1.8 pct rise.")}
    assert cues == {"3.1 pct": -1, "290 mln dlrs": 0, "32 pct": 1, "7.5 pct": 0, "1.8 pct": 1}


@pytest.mark.parametrize("text, change", [
    ("Prices were 5% lower than a year ago.", -1),
    ("Sales were 4% down on the year.", -1),
    ("Imports were 2 pct less than in 1985.", -1),
    ("Output was 3% below last year.", -1),
    ("The deficit was 24.4% above the previous record.", 1),
    ("Exports were 7 pct higher than a year earlier.", 1),
    # a rate of growth or decline
    ("The number of calls is growing at a rate of 20% every year.", 1),
    ("Output fell at an annual pace of 2 pct.", -1),
    ("Inflation is running at an annual rate of 5%.", 0),
])
def test_a_comparison_or_a_pace_gives_the_direction(text, change) -> None:
    assert [q.change for q in find_quantities(text)] == [change]


def test_respectively_list_shares_the_change() -> None:
    got = find_quantities("Exports and imports rose 5.2 pct and 7.1 pct respectively.")
    assert [(q.value, q.change) for q in got] == [(5.2, 1), (7.1, 1)]


def test_ambiguous_currency_words_follow_the_document() -> None:
    (fr,) = find_quantities("43.5 billion francs", countries=["FRA", "DEU"])
    (ch,) = find_quantities("43.5 billion francs", countries=["CHE"])
    (pe,) = find_quantities("200 mln pesos", countries=["PHL"])
    assert (fr.unit, ch.unit, pe.unit) == ("FRF", "CHF", "PHP")


def test_durations_inside_time_expressions_are_marked() -> None:
    got = {q.text: q.period_like for q in find_quantities(
        "I've been there eight times in the last ten years, ten years ago, and for 13 years.")}
    assert got == {"eight times": False, "ten years": True, "13 years": False}


@pytest.mark.parametrize("word,value", [("forty-five", 45), ("a hundred", 100), ("one hundred and twenty", 120),
                                        ("22,201", 22201), ("7-1/2", 7.5), ("190.271", 190.271), ("a dozen", 12)])
def test_parse_number(word: str, value: float) -> None:
    assert parse_number(word) == value


def test_gate() -> None:
    assert may_hold_quantity("China is Russia's largest trading partner.")
    assert may_hold_quantity("They met eight times.")
    assert may_hold_quantity("It covers two-thirds of countries.")
    assert may_hold_quantity("The two sides exchanged views.")  # cheap: it over-accepts, the grammar decides
    assert not may_hold_quantity("Leaders exchanged views on regional issues.")


def test_exchange_rates_are_per_dollar() -> None:
    """A rate is the quoted currency per dollar, marked ``per="USD"``; amounts are not."""
    got = find_quantities("The kwacha fell from 2.20 to the dollar to about 15 in 16 months.")
    assert [(q.unit, q.per) for q in got if q.kind == "money"] == [("ZMK", "USD"), ("ZMK", "USD")]
    (chf,) = find_quantities("1.71 Swiss francs to the dollar")
    assert chf.per == "USD"
    (amount,) = find_quantities("a loan of 31.2 billion Swiss francs")
    assert amount.per is None


def test_fall_verbs_give_the_change_cue() -> None:
    cues = {q.text: q.change for q in find_quantities(
        "Debt leapt by 54 pct, output plummeted 8 pct and the rupiah's 31 pct devaluation followed.")}
    assert cues == {"54 pct": 1, "8 pct": -1, "31 pct": -1}


def test_spelled_range_start_takes_the_scale() -> None:
    got = find_quantities("from between six and seven billion in 1986")
    assert [(q.value, q.range) for q in got] == [(6e9, "low"), (7e9, "high")]


def test_find_quantities_hands_out_a_fresh_list():
    """Results are cached per sentence; a caller changing its list changes no other caller's."""
    text = "Trade rose 5 pct to 10 bln dlrs."
    first = find_quantities(text)
    assert len(first) == 2
    first.clear()
    assert [q.unit for q in find_quantities(text)] == ["percent", "USD"]


@pytest.mark.parametrize("text,expected", [
    ("CHINA IS RUSSIA'S LARGEST TRADING PARTNER", ("LARGEST", 1.0, "rank", None)),
    ("TWO-THIRDS OF EXPORTS WENT TO CHINA", ("TWO-THIRDS", 66.67, "percent", None)),
    ("DOLLAR/YEN RATES WERE 152.32", ("152.32", 152.32, "JPY", "USD")),
    ("TRADE ROSE THREEFOLD", ("THREEFOLD", 3.0, "times", None)),
])
def test_the_cue_words_that_let_a_pattern_run_are_read_in_any_case(text, expected):
    """Rank, fraction, fold and currency-pair patterns run only when one of their words is there;
    that test ignores case as the patterns do."""
    assert [(q.text, q.value, q.unit, q.per) for q in find_quantities(text)] == [expected]
