"""bilat_figures: whole sentences through the annotation harness, checked record by record.

The pipeline (spaCy model + ``bilat_actors`` + ``bilat_figures``) is loaded once for the module.
Each test names the sentence, its publication date and the exact records it must give.
"""
from __future__ import annotations

import datetime as dt
import pickle

import pytest

from bilat.model import Figure, Period

pytestmark = pytest.mark.slow

D = dt.date
P23 = D(2023, 3, 18)
P87 = D(1987, 4, 17)


@pytest.fixture(scope="module")
def nlp():
    from bilat.nlp import load

    return load(("bilat_actors", "bilat_figures"))


def figures(nlp, text: str, published: dt.date | None) -> list[Figure]:
    from bilat.nlp import annotate_text

    return [f for d in annotate_text(text, published=published, nlp=nlp) for f in d._.figures or []]


def one(figs: list[Figure], value: float, unit: str) -> Figure:
    hits = [f for f in figs if f.unit == unit and f.value == pytest.approx(value, rel=1e-6)]
    assert len(hits) == 1, [(f.value, f.unit, f.what) for f in figs]
    return hits[0]


def year(y: int) -> Period:
    return Period.year(y)


def month(y: int, m: int) -> Period:
    import calendar

    return Period(D(y, m, 1), D(y, m, calendar.monthrange(y, m)[1]))


def test_level_and_change_in_one_clause(nlp):
    text = ("2022 was an extraordinary year for China and Russia. The bilateral trade volume between China and "
            "Russia has increased by 29.3 percent in the past year, reaching a record $190.271 billion.")
    figs = figures(nlp, text, P23)
    assert len(figs) == 2
    change, level = one(figs, 29.3, "percent_change"), one(figs, 190271000000.0, "USD")
    for f in (change, level):
        assert f.period == year(2022)
        assert f.countries[:2] == ["CHN", "RUS"]
        assert f.flow == "total"
        assert "trade" in f.what
        assert f.value_type == "observed"
    assert level.value_span is not None and text[level.value_span[0]:level.value_span[1]] == "$190.271 billion"
    assert change.text == text[change.span[0]:change.span[1]]


def test_reporter_first_and_flows(nlp):
    text = ("A good start of bilateral trade was witnessed in the first two months of this year. Specifically, "
            "China exported $15.04 billion to Russia, an increase of 19.8 percent year-on-year, and imported "
            "$18.65 billion from Russia, an increase of 31.3 percent year-on-year.")
    figs = figures(nlp, text, P23)
    two_months = Period(D(2023, 1, 1), D(2023, 2, 28))
    exp, exp_ch = one(figs, 15.04e9, "USD"), one(figs, 19.8, "percent_change")
    imp, imp_ch = one(figs, 18.65e9, "USD"), one(figs, 31.3, "percent_change")
    for f in (exp, exp_ch):
        assert (f.countries, f.flow, f.period) == (["CHN", "RUS"], "export", two_months)
        assert "export" in f.what
    for f in (imp, imp_ch):
        assert (f.countries, f.flow, f.period) == (["CHN", "RUS"], "import", two_months)
    # year-on-year: the same two months a year earlier
    assert exp_ch.baseline == Period(D(2022, 1, 1), D(2022, 2, 28))
    assert exp.baseline is None


def test_parallel_clauses_borrow_the_first_frame(nlp):
    text = ("In 2022, China's export of mechanical and electrical products to Russia increased by 9 percent, "
            "high-tech products increased by 51 percent, and automobiles and parts increased by 45 percent "
            "year-on-year.")
    figs = figures(nlp, text, P23)
    hi = one(figs, 51, "percent_change")
    assert hi.what == "China's export of high-tech products to Russia"
    assert (hi.countries, hi.flow, hi.period, hi.baseline) == (["CHN", "RUS"], "export", year(2022), year(2021))
    assert "automobiles" in one(figs, 45, "percent_change").what


def test_wire_copy_compared_level_gets_the_earlier_period(nlp):
    text = ("Japan's trade surplus with the United States rose to 5.2 billion dlrs in March from 4.1 billion a "
            "year earlier, the Finance Ministry said.")
    figs = figures(nlp, text, P87)
    now, then = one(figs, 5.2e9, "USD"), one(figs, 4.1e9, "USD")
    assert now.period == month(1987, 3)
    assert then.period == month(1986, 3)
    assert now.countries[:2] == then.countries[:2] == ["JPN", "USA"]
    assert "surplus" in then.what


def test_fall_is_a_signed_change_and_baseline_year(nlp):
    figs = figures(nlp, "West German exports to Brazil fell 3.1 pct to 290 mln dlrs in January, up 32 pct "
                        "on January 1986.", D(1987, 3, 3))
    fall, level, up = one(figs, -3.1, "percent_change"), one(figs, 290e6, "USD"), one(figs, 32, "percent_change")
    assert fall.period == level.period == up.period == month(1987, 1)
    assert up.baseline == month(1986, 1)
    assert fall.countries == ["DEU", "BRA"] and fall.flow == "export"


def test_conversions_are_one_figure_per_currency(nlp):
    figs = figures(nlp, "Japan's current account surplus for fiscal 1986 was 22,201bn yen ($214.6bn; £114.5bn), "
                        "the Finance Ministry said.", D(1987, 5, 12))
    assert sorted(f.unit for f in figs) == ["GBP", "JPY", "USD"]
    assert {f.period for f in figs} == {year(1986)}
    assert all(f.countries[:1] == ["JPN"] for f in figs)


def test_respectively_lists_are_distributed(nlp):
    figs = figures(nlp, "South Korea's exports to the United States and Japan rose to 2.1 billion and 1.3 billion "
                        "dlrs respectively in April.", D(1987, 5, 14))
    us, jp = one(figs, 2.1e9, "USD"), one(figs, 1.3e9, "USD")
    assert us.countries == ["KOR", "USA"] and jp.countries == ["KOR", "JPN"]
    assert us.flow == jp.flow == "export"
    assert us.period == jp.period == month(1987, 4)
    figs = figures(nlp, "Japan's exports and imports rose 5.2 pct and 7.1 pct respectively in March.", P87)
    assert one(figs, 5.2, "percent_change").flow == "export"
    assert one(figs, 7.1, "percent_change").flow == "import"


def test_flow_without_reporter_takes_the_sentence_reporter(nlp):
    figs = figures(nlp, "China's imports from Japan in 1986 totalled 12.4 billion dlrs, up 3.5 pct from 1985, "
                        "while exports to Japan fell 16.3 pct to 5.1 billion dlrs.", D(1987, 3, 25))
    imp, imp_ch = one(figs, 12.4e9, "USD"), one(figs, 3.5, "percent_change")
    exp = one(figs, -16.3, "percent_change")
    assert (imp.countries, imp.flow, imp.period) == (["CHN", "JPN"], "import", year(1986))
    assert (imp_ch.period, imp_ch.baseline) == (year(1986), year(1985))
    assert (exp.countries, exp.flow, exp.period) == (["CHN", "JPN"], "export", year(1986))


def test_gapped_list(nlp):
    figs = figures(nlp, "Exports to Japan rose 9 pct, shipments to China 15 pct and sales to South Korea 22 pct.",
                   P87)
    assert one(figs, 15, "percent_change").what == "shipments to China"
    assert one(figs, 15, "percent_change").countries[-1] == "CHN"
    assert one(figs, 22, "percent_change").countries[-1] == "KOR"


def test_target_and_forecast(nlp):
    figs = figures(nlp, "China and Russia strive to achieve the trade target of $200 billion within this year.", P23)
    t = one(figs, 200e9, "USD")
    assert t.value_type == "target" and t.period == year(2023) and t.countries[:2] == ["CHN", "RUS"]
    figs = figures(nlp, "Thailand's rice exports are forecast to fall to 4.2 mln tonnes this year from 4.5 mln "
                        "tonnes in 1986.", D(1987, 4, 9))
    assert one(figs, 4.2e6, "tonnes").value_type == "forecast"
    past = one(figs, 4.5e6, "tonnes")
    assert (past.value_type, past.period) == ("observed", year(1986))
    figs = figures(nlp, "India and the US aim to double bilateral trade to $500bn by 2030.", P23)
    aim = one(figs, 500e9, "USD")
    assert (aim.value_type, aim.period, aim.flow) == ("target", year(2030), "total")


def test_counts_ranks_and_qualifiers(nlp):
    figs = figures(nlp, "Since 2013, President Xi has met President Putin 40 times.", P23)
    met = one(figs, 40, "count")
    assert met.period == Period(D(2013, 1, 1), P23)
    assert "met" in met.what and met.countries[:2] == ["CHN", "RUS"]
    figs = figures(nlp, "Trade between China and Russia surpassed 190 billion dollars last year, an increase of "
                        "116% from 10 years prior.", D(2023, 3, 20))
    assert one(figs, 190e9, "USD").qualifier == "more_than"
    rise = one(figs, 116, "percent_change")
    assert (rise.period, rise.baseline) == (year(2022), year(2012))
    figs = figures(nlp, "In 2022, Russia continued to be China's ninth largest trading partner.", P23)
    rank = one(figs, 9, "rank")
    assert set(rank.countries) == {"CHN", "RUS"} and rank.period == year(2022)


def test_years_dates_and_references_are_not_figures(nlp):
    text = ("At the invitation of Russian President Vladimir Putin, Chinese President Xi Jinping will pay a state "
            "visit to Russia from March 20-22. In 2022, the heads of China and Russia announced the launch of the "
            "2022-2023 China-Russia Sports Exchange Year. The two countries also plan to sign the 2024-2027 "
            "cultural cooperation plan on the occasion of the G20 summit.")
    assert figures(nlp, text, P23) == []


def test_durations_and_periods(nlp):
    figs = figures(nlp, "I've been to Russia eight times in the last ten years.", D(2023, 3, 20))
    assert [(f.value, f.unit) for f in figs] == [(8, "count")]
    assert figs[0].period == Period(D(2013, 3, 20), D(2023, 3, 20))
    figs = figures(nlp, "Xi and Putin held more than four hours of talks at the Kremlin on Monday.", D(2023, 3, 21))
    talks = one(figs, 4, "hours")
    assert talks.qualifier == "more_than" and talks.period == Period.day(D(2023, 3, 20))


def test_unknown_publication_date_keeps_the_words(nlp):
    figs = figures(nlp, "Bilateral trade between China and Russia rose 34.3 percent last year.", None)
    f = one(figs, 34.3, "percent_change")
    assert f.period is None and f.period_text == "last year"


def test_export_record_shape(nlp):
    (f,) = figures(nlp, "China's imports of Australian coal reached 7.85mn tonnes in April.", D(2023, 5, 10))
    d = f.to_dict()
    assert d["kind"] == "figure" and d["unit"] == "tonnes" and d["value"] == 7850000.0
    assert d["period"] == {"start": "2023-04-01", "end": "2023-04-30"}
    assert d["countries"] == ["CHN", "AUS"] and d["flow"] == "import"
    assert d["id"].startswith("f-")


def test_component_pickles(nlp):
    """Dask ships components to workers: the component and its config must pickle."""
    comp = nlp.get_pipe("bilat_figures")
    clone = pickle.loads(pickle.dumps(comp))
    assert (clone.inherit_periods, clone.dyad_fallback) == (comp.inherit_periods, comp.dyad_fallback)


# --- real-text patterns (1980s wire copy, business news): one sentence or paragraph each, with the record
# it must give. ``period`` is (start, end) or None; ``countries`` must all be among the record's, the
# first one first; ``what`` must occur in ``what``; other keys are compared as they are.
P0226, P0301, P0302 = D(1987, 2, 26), D(1987, 3, 1), D(1987, 3, 2)
PATTERNS = [
    # periods: fiscal and split years the article defines, end-of-period, possessive and anaphoric times
    ("Australian growth will come from net exports in fiscal 1986/87, ending June 30, Keating said. The "
     "government now expects a current account deficit of around 14 billion this financial year.", P0226,
     14e9, "AUD", dict(period=("1986-07-01", "1987-06-30"), value_type="forecast", qualifier="about")),
    ("Qatar announced a budget for the fiscal year 1987/88 beginning today. The government expects to spend "
     "12.2 billion riyals in the period.", P0301,
     12.2e9, "QAR", dict(period=("1987-03-01", "1988-02-29"), value_type="forecast", countries=["QAT"])),
    ("Thailand's foreign reserves stood at 3.1 billion dlrs at end-1985.", P0302,
     3.1e9, "USD", dict(period=("1985-12-01", "1985-12-31"), countries=["THA"])),
    ("The bank expects inflation of 2.7 per cent this year against last year's 2.1 per cent.", P0302,
     2.1, "percent", dict(period=("1986-01-01", "1986-12-31"), value_type="observed")),
    ("Australian growth will come from net exports in fiscal 1986/87, ending June 30. The August budget had "
     "forecast that net exports would account for 1.75 points of growth.", P0226,
     1.75, "percentage_points", dict(period=("1986-07-01", "1987-06-30"), value_type="forecast")),
    # value_type: an estimate of the past is observed; forecasts and their past comparisons
    ("It estimated that Japan's car firms sold almost five billion dlrs worth of parts in the United States "
     "in 1985.", P0226,
     5e9, "USD", dict(value_type="observed", period=("1985-01-01", "1985-12-31"), qualifier="about",
                      countries=["JPN", "USA"], flow="export")),
    ("The Swiss report forecast a 2.75 pct rise in exports and a 3.5 pct rise in imports this year after rises "
     "of 3.25 pct and 6.5 pct respectively in 1986.", P0226,
     6.5, "percent_change", dict(value_type="observed", period=("1986-01-01", "1986-12-31"), flow="import")),
    ("The Swiss report forecast a 2.75 pct rise in exports and a 3.5 pct rise in imports this year after rises "
     "of 3.25 pct and 6.5 pct respectively in 1986.", P0226,
     3.5, "percent_change", dict(value_type="forecast", period=("1987-01-01", "1987-12-31"), flow="import")),
    ("Japanese investment in foreign stocks may double or triple to 15-20 billion dlrs this year, analysts "
     "said.", P0226,
     20e9, "USD", dict(value_type="forecast", what="investment")),
    ("Venezuela has agreed in principle on revisions to the terms of a 21 billion dlr debt package.", P0226,
     21e9, "USD", dict(value_type="observed", countries=["VEN"])),
    ("China will receive loans totalling 390 mln dlrs from Japan for new highways.", P0301,
     390e6, "USD", dict(value_type="observed", countries=["CHN", "JPN"])),
    ("The study forecast a decline in Swiss GDP growth to 1.75 pct this year from an estimated two pct in "
     "1986.", P0226,
     2.0, "percent_change", dict(value_type="observed", period=("1986-01-01", "1986-12-31"), qualifier="exact")),
    ("The study forecast a decline in Swiss GDP growth to 1.75 pct this year from an estimated two pct in "
     "1986.", P0226,
     1.75, "percent_change", dict(value_type="forecast", period=("1987-01-01", "1987-12-31"))),
    # countries and flows: shares in parentheses, a dateline before the subject
    ("Indonesia imported 1.6 mln tonnes of wheat in 1986. The main suppliers in 1986 were Australia (44 pct) "
     "and the U.S. (29 pct).", P0302,
     29, "percent", dict(countries=["IDN", "USA"], flow="import", period=("1986-01-01", "1986-12-31"))),
    ("JAKARTA, March 2 - The total value of Indonesia's exports fell in calendar 1986 to 15.995 billion dlrs "
     "from 18.762 billion in calendar 1985.", P0302,
     18.762e9, "USD", dict(countries=["IDN"], flow="export", period=("1985-01-01", "1985-12-31"))),
    # units from context, exchange rates, points
    ("Japan's trade surplus rose to 3.58 billion dlrs in February. FOB exports rose 14.6 pct to 10.91 "
     "billion.", P0302,
     10.91e9, "USD", dict(flow="export", countries=["JPN"])),
    ("Brazil's trade surplus plunged to 211 mln dlrs in October and has since averaged under 150 mln.", P0226,
     150e6, "USD", dict(qualifier="less_than", countries=["BRA"])),
    ("The Zambian kwacha fell from 2.20 to the dollar to about 15 in 16 months.", P0301,
     15, "ZMK", dict(qualifier="about", per="USD", measure="exchange_rate")),
    # signs: levels after change nouns are positive, a devaluation and a fall of an amount negative
    ("The 31 pct devaluation of the Indonesian rupiah raised import costs.", P0301,
     -31, "percent_change", dict(countries=["IDN"])),
    ("Swiss foreign exchange reserves fell 3.06 billion francs to 30.64 billion.", P0302,
     -3.06e9, "CHF", dict(countries=["CHE"])),
    # a government's deficit is no trade deficit: the two are never compared as one claim
    ("The federal budget deficit narrowed to 150 billion dlrs in 1986.", P0302, 150e9, "USD",
     dict(measure="budget_balance")),
    ("The U.S. trade deficit narrowed to 150 billion dlrs in 1986.", P0302, 150e9, "USD",
     dict(measure="trade_deficit")),
    # a change next to its level takes the level's time (test_coordinated_pairs_keep_their_own_times)
    ("Bilateral trade reached a record $190.27 billion in 2022, up 29.3% year on year.", D(2023, 3, 20),
     29.3, "percent_change", dict(period=("2022-01-01", "2022-12-31"))),
    # a fall by a fraction is a change of that share; the amount after "to" is the level reached
    ("Profits fell by a third to 340 million pounds.", None, -33.33, "percent_change", dict(what="Profits")),
    ("Profits fell by a third to 340 million pounds.", None, 340e6, "GBP", dict(what="Profits")),
    ("Exports were cut by two-thirds last year.", P0302, -66.67, "percent_change",
     dict(period=("1986-01-01", "1986-12-31"))),
    ("The U.S. policy now is to raise the strategic reserve to 750 mln barrels, from its present 500 mln.",
     P0302, 750e6, "barrels", dict(value_type="target", countries=["USA"])),
    ("The exercise price represents a premium of 2-1/2 pct over today's closing price of 1,600 yen.", P0302,
     1600, "JPY", dict(period=("1987-03-02", "1987-03-02"))),
    ("PALO ALTO, Calif, March 2 - U.S. electronic companies' sales last year totalled 226.5 billion dlrs, "
     "slightly below the 228.7 billion dlrs reported in 1985, the association said.", P0302,
     228.7e9, "USD", dict(period=("1985-01-01", "1985-12-31"), countries=["USA"])),
    ("PALO ALTO, Calif, March 2 - U.S. electronic companies' sales last year totalled 226.5 billion dlrs, "
     "slightly below the 228.7 billion dlrs reported in 1985, the association said.", P0302,
     226.5e9, "USD", dict(period=("1986-01-01", "1986-12-31"), what="sales")),
    # bounds
    ("Qatar, an OPEC member, has an output ceiling of 285,000 barrels per day.", P0301,
     285000, "barrels_per_day", dict(qualifier="up_to", value_type="target", countries=["QAT"])),
    # value_type without a publication date: "see" in the past reports, in the present forecasts; the
    # "from" level of a planned change is where things stand; a forecast noun as subject; past time words
    ("Retailers saw sales growth of 8% last year.", None,
     8, "percent_change", dict(value_type="observed")),
    ("Analysts see sales growth of 8% next year.", None,
     8, "percent_change", dict(value_type="forecast")),
    ("The ministry plans to raise the number of subscribers from 95 million to 200 million by 2007.", None,
     95e6, "count", dict(value_type="observed")),
    ("The ministry hopes to raise the number of subscribers from 95 million to 200 million by 2007.", None,
     200e6, "count", dict(value_type="target", period=("2007-01-01", "2007-12-31"))),
    # money a budget assigns is a target, not money spent
    ("Parliament approved 1987 subsidies of 170 billion forints.", P0302,
     170e9, "HUF", dict(value_type="target", period=("1987-01-01", "1987-12-31"))),
    ("The International Monetary Fund approved a standby credit of 1.4 billion SDRs for Mexico.", P0302,
     1.4e9, "XDR", dict(value_type="observed")),  # a loan approved is granted
    ("Forecasts for German growth were cut to 1.2% from 1.5%.", None,
     1.5, "percent_change", dict(value_type="forecast", countries=["DEU"])),
    ("Analysts expect profits to fall to £170m from £194m last year.", None,
     194e6, "GBP", dict(value_type="observed")),
    ("Analysts expect profits to fall to £170m from £194m last year.", None,
     170e6, "GBP", dict(value_type="forecast")),
    ("U.S. policy now is to raise the strategic reserve to 750 mln barrels, from its present 500 mln.", P0302,
     500e6, "barrels", dict(value_type="observed")),
    # periods of compared levels: an unstated comparison is the period a year before; a revision's old figure
    # is for the same period
    ("Sales in February rose 11 pct to 150 mln dlrs from 135 mln dlrs.", P0302,
     135e6, "USD", dict(period=("1986-02-01", "1986-02-28"))),
    ("The agency revised its estimate of exports in January from 3.1 billion dlrs to 3.4 billion dlrs.", P0302,
     3.1e9, "USD", dict(period=("1987-01-01", "1987-01-31"))),
    # the date of a participle's act on another noun is not the figure's period
    ("Exports rose 5 pct in the first nine months. Steel exports climbed 8.6 pct to 2.9 billion dlrs, "
     "reflecting deliveries of ships ordered in 1984.", D(1987, 11, 2),
     2.9e9, "USD", dict(period=("1987-01-01", "1987-09-30"))),
    # flows: several reporters compared are not the story's reporter; "$N in exports" measures exports
    ("South Korea's exports rose 5 pct in November. Only China, Germany and Japan have exceeded $700 billion "
     "in annual exports. Chip exports totaled $15.6 billion in November.", D(2025, 12, 29),
     15.6e9, "USD", dict(countries=["KOR"], flow="export")),
    ("The country first surpassed $600 billion in exports in 2018.", D(2025, 12, 29),
     600e9, "USD", dict(flow="export", qualifier="more_than", period=("2018-01-01", "2018-12-31"))),
    # an exchange rate is the counted currency's country's
    ("The rupee climbed to 43.305 per US dollar on Thursday, up from a close of 43.41.", None,
     43.41, "INR", dict(countries=["IND"], per="USD")),
    # a target verb does not reach into a clause that only says when
    ("The firm sought bankruptcy protection after disclosing a 4bn euro hole in its accounts.", None,
     4e9, "EUR", dict(value_type="observed")),
]


@pytest.mark.parametrize("text,published,value,unit,expected", PATTERNS,
                         ids=[f"{i:02d}-{p[3]}-{p[2]:g}" for i, p in enumerate(PATTERNS)])
def test_real_text_patterns(nlp, text, published, value, unit, expected):
    fig = one(figures(nlp, text, published), value, unit)
    for key, want in expected.items():
        if key == "period":
            got = (str(fig.period.start), str(fig.period.end)) if fig.period else None
            assert got == want, (key, got, fig.period_text)
        elif key == "countries":
            assert set(want) <= set(fig.countries) and fig.countries[0] == want[0], fig.countries
        elif key == "what":
            assert want in fig.what, fig.what
        elif key == "per":
            assert fig.extra.get("per") == want
        else:
            assert getattr(fig, key) == want, (key, getattr(fig, key), fig.what)


@pytest.mark.parametrize("text", [
    "Azpurua said four basic elements are being negotiated with the banks now.",
    "They declined to give details because two or three representatives on the panel must still approve.",
    "The purchase will take Qantas's 747 fleet to 28, he said.",
    "Qantas ordered four 747-400 aircraft, the latest of the 400 series.",
])
def test_counts_of_generic_nouns_and_names_are_not_figures(nlp, text):
    got = [(f.value, f.unit) for f in figures(nlp, text, P0302) if f.unit == "count"]
    assert (4.0, "count") not in got and (3.0, "count") not in got and (747.0, "count") not in got, got


def test_both_periods_give_two_figures(nlp):
    figs = figures(nlp, "Indonesia's soybean imports were 300,000 tonnes in both 1985/86 and 1986/87.", P0302)
    assert sorted(f.period.start.year for f in figs if f.value == 300000) == [1985, 1986]


def test_headline_takes_the_lead_period_and_flow(nlp):
    from bilat.nlp import annotate_text

    title = "JAPAN BUYS SOME 95,000 TONNES SOYBEANS FROM CHINA"
    text = (f"{title}\n\nTOKYO, March 2 - Japanese importers bought some 95,000 tonnes of Chinese soybeans for "
            "shipment in the first quarter, trade sources said.")
    docs = annotate_text(text, published=P0302, title=title, nlp=nlp)
    head = [f for f in docs[0]._.figures or []]
    assert [(f.value, f.flow, f.countries[:2]) for f in head] == [(95000.0, "import", ["JPN", "CHN"])]
    assert head[0].period == Period(D(1987, 1, 1), D(1987, 3, 31))


def test_periods_carry_over_undated_talk_record_yardsticks_and_a_run_of_months(nlp):
    """A figure with no time of its own takes the period its paragraph's figures last had: across
    sentences of undated talk, past a record's yardstick ("the largest since 2017"), and past a look
    back over a run of months; never from another paragraph beyond the nearest sentences."""
    text = ("Korea's exports rose 3.8 percent to $709.7 billion in 2025. The trade surplus reached $78 billion, "
            "the largest since 2017. Exports to the United States declined due to tariffs. Market "
            "diversification is seen as a key factor. Chip makers expanded capacity. Exports to China fell "
            "1.7 percent to $130.8 billion.\n\n"
            "Industrial output rose 0.9 percent in November from a month earlier. Output has fluctuated, "
            "falling 0.3 percent in August, gaining 1.3 percent in September and declining 2.7 percent in "
            "October. The increase was led by chip output, which climbed 0.6 percent.\n\n"
            "Officials were upbeat. They praised the chip makers. Analysts agreed. More than 100 firms have "
            "joined the export scheme.")
    figs = figures(nlp, text, D(2026, 1, 2))
    assert one(figs, 78e9, "USD").period == year(2025)
    assert one(figs, 130.8e9, "USD").period == year(2025)
    assert one(figs, 0.6, "percent_change").period == month(2025, 11)
    assert one(figs, -2.7, "percent_change").period == month(2025, 10)
    assert one(figs, 100, "count").period is None


def test_coordinated_pairs_keep_their_own_times(nlp):
    # the time after the second level+change pair is not the first pair's
    figs = figures(nlp, "Orders in the quarter ended Jan 31 rose about 15 pct to 101.1 mln dlrs and 13 pct to "
                        "189.6 mln dlrs in the six months ended Jan 31.", D(1987, 3, 4))
    six = "the six months ended Jan 31"
    assert one(figs, 189.6e6, "USD").period_text == six
    assert one(figs, 101.1e6, "USD").period_text != six
