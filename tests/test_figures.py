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
