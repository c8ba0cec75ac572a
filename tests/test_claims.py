"""Claims (agree / conflict / single, derived values, copies) and commitment status, on figure and
commitment dicts built by hand in the export shape; the store-level tests use the SQLite store only."""
from __future__ import annotations

import datetime as dt

import pytest

from bilat.link.check import check_report
from bilat.link.claims import (Interval, build_claims, interval, judge_commitments, link_store, stated_step,
                               store_as_of, subject_key)
from bilat.model import Commitment, Document, Figure, Period

DOCS = {
    "d1": {"id": "d1", "published": "2023-03-18", "outlet": "Global Times", "title": "Interview"},
    "d2": {"id": "d2", "published": "2023-03-20", "outlet": None, "title": "FULL LETTER"},
    "d3": {"id": "d3", "published": "2023-03-25", "outlet": "Test Desk", "title": "Lower figure"},
    "d4": {"id": "d4", "published": "2024-01-12", "outlet": "Test Wire", "title": "Record trade"},
    "d5": {"id": "d5", "published": "2023-03-21", "outlet": "Copy Daily", "title": "Copied interview"},
}


def year(y: int) -> dict:
    return {"start": f"{y}-01-01", "end": f"{y}-12-31"}


def fig(fid: str, doc: str, value: float, number: str, sentence: str, *, qualifier: str = "exact",
        period: dict | None = None, unit: str = "USD", measure: str = "trade", flow: str | None = "total",
        countries: tuple[str, ...] = ("CHN", "RUS"), what: str = "China-Russia trade", **extra) -> dict:
    """A figure dict as the store exports it; ``number`` is the number as written in ``sentence``."""
    at = 1000 + sentence.index(number)
    d = {"kind": "figure", "id": fid, "doc": doc, "what": what, "countries": list(countries), "flow": flow,
         "value": value, "unit": unit, "qualifier": qualifier, "value_type": "observed",
         "period": period or year(2022), "period_text": None, "baseline": None, "text": sentence,
         "span": [1000, 1000 + len(sentence)], "value_span": [at, at + len(number)], "measure": measure,
         "range": None}
    d.update(extra)
    return d


S_GT = ("The bilateral trade volume between China and Russia has increased by 29.3 percent in the past year, "
        "reaching a record $190.271 billion.")
S_CARGO = "In 2022, the cargo trade between the two countries set a historical record of $190.27 billion."
S_XI = "Trade between China and Russia surpassed 190 billion dollars last year, an increase of 116% from 10 years prior."
S_LOW = "Trade between Russia and China reached $172 billion in 2022, a Russian customs official said."
S_2023 = "China-Russia trade rose 26.3 percent to a record $240.11 billion in 2023, Chinese customs data showed."


def seeds_figures() -> list[dict]:
    return [
        fig("f-gt", "d1", 190_271_000_000.0, "$190.271 billion", S_GT),
        fig("f-gt-pct", "d1", 29.3, "29.3 percent", S_GT, unit="percent_change", baseline=year(2021)),
        fig("f-cargo", "d1", 190_270_000_000.0, "$190.27 billion", S_CARGO, what="cargo trade between the two countries"),
        fig("f-xi", "d2", 190_000_000_000.0, "190 billion dollars", S_XI, qualifier="more_than",
            countries=("RUS", "CHN")),
        fig("f-xi-pct", "d2", 116.0, "116%", S_XI, unit="percent_change", baseline=year(2012)),
    ]


def claim_for(claims, period: dict, unit: str = "USD", derived: bool | None = None):
    p = Period.from_dict(period)
    found = [c for c in claims if c.period == p and c.unit == unit and c.measure == "trade"
             and (derived is None or any(c.derived) == derived)]
    assert len(found) == 1, found
    return found[0]


# --- intervals -------------------------------------------------------------------------------------
def test_precision_comes_from_the_number_as_written():
    assert stated_step(fig("a", "d1", 190_270_000_000.0, "$190.27 billion", S_CARGO)) == pytest.approx(1e7)
    assert stated_step(fig("a", "d1", 190_271_000_000.0, "$190.271 billion", S_GT)) == pytest.approx(1e6)
    assert stated_step(fig("a", "d1", 29.3, "29.3 percent", S_GT, unit="percent_change")) == pytest.approx(0.1)
    # no written number: the value's own digits, at least its second digit
    assert stated_step({"value": 190_271_000_000.0}) == pytest.approx(1e6)
    assert stated_step({"value": 200e9}) == pytest.approx(1e10)


def test_qualifiers_are_intervals():
    exact = interval(fig("a", "d1", 190_270_000_000.0, "$190.27 billion", S_CARGO))
    assert exact.lo == pytest.approx(190.265e9) and exact.hi == pytest.approx(190.275e9)
    assert interval(fig("a", "d2", 190e9, "190 billion dollars", S_XI, qualifier="more_than")) == Interval(190e9, float("inf"))
    assert interval({"value": 5.0, "qualifier": "up_to"}) == Interval(float("-inf"), 5.0)
    about = interval({"value": 200e9, "qualifier": "about"})
    assert about.lo == pytest.approx(190e9) and about.hi == pytest.approx(210e9)
    assert interval({"value": 350.0, "range": "low"}).hi == float("inf")


def test_subject_words_keep_products_apart_and_ignore_wording():
    assert subject_key("The bilateral trade volume between China and Russia", "trade") == ()
    assert subject_key("the cargo trade between the two countries", "trade") == ()
    assert subject_key("bilateral trade of $200 billion", "trade") == ()
    assert subject_key("China's export of high-tech products to Russia", "export") == ("high-tech", "product")


# --- claims ----------------------------------------------------------------------------------------
def test_seed_trade_figures_agree_for_2022():
    claims = build_claims(seeds_figures(), DOCS)
    c = claim_for(claims, year(2022))
    assert c.verdict == "agree"
    assert set(c.figures) == {"f-gt", "f-cargo", "f-xi"}
    assert c.countries == ["CHN", "RUS"] and c.flow == "total"
    assert c.sources == ["d1", "d2"]
    assert "190.271bn" in c.note and "more than $190bn" in c.note and "agree" in c.note


def test_a_figure_outside_the_rounding_conflicts():
    figures = [*seeds_figures(), fig("f-low", "d3", 172e9, "$172 billion", S_LOW, countries=("RUS", "CHN"))]
    c = claim_for(build_claims(figures, DOCS), year(2022))
    assert c.verdict == "conflict"
    assert "f-low" in c.figures
    assert "$172bn (Test Desk, 2023-03-25)" in c.note and "cannot both hold" in c.note


def test_about_widens_and_a_lone_figure_is_single():
    figures = [fig("a", "d1", 200e9, "$200 billion", "Trade was about $200 billion in 2022.", qualifier="about"),
               fig("b", "d3", 195e9, "$195 billion", "Trade was $195 billion in 2022.")]
    assert build_claims(figures, DOCS)[0].verdict == "agree"
    single = build_claims(figures[1:], DOCS)[0]
    assert single.verdict == "single" and single.figures == ["b"]


def test_different_products_periods_and_directions_are_different_claims():
    s = "In 2022, China's export of high-tech products to Russia increased by 51 percent, automobiles by 45 percent."
    figures = [
        fig("hi", "d1", 51.0, "51 percent", s, unit="percent_change", measure="export", flow="export",
            what="China's export of high-tech products to Russia"),
        fig("car", "d1", 45.0, "45 percent", s, unit="percent_change", measure="export", flow="export",
            what="China's export of automobiles and parts to Russia"),
        fig("x23", "d4", 240.11e9, "$240.11 billion", S_2023, period=year(2023)),
        fig("x22", "d1", 190_271_000_000.0, "$190.271 billion", S_GT),
        fig("ex", "d1", 15.04e9, "$15.04 billion", "China exported $15.04 billion to Russia.", measure="export",
            flow="export", what="China's exports to Russia", period=year(2023)),
        fig("ex-r", "d3", 9e9, "$9 billion", "Russia exported $9 billion to China.", measure="export",
            flow="export", what="Russia's exports to China", countries=("RUS", "CHN"), period=year(2023)),
    ]
    claims = build_claims(figures, DOCS)
    assert len(claims) == 6
    assert all(c.verdict == "single" for c in claims)


def test_change_and_level_imply_the_earlier_level():
    claims = build_claims(seeds_figures(), DOCS)
    c2021 = claim_for(claims, year(2021), derived=True)
    assert c2021.values[0] == pytest.approx(190.271e9 / 1.293, rel=1e-9)  # about $147.2bn
    assert c2021.derived == [True]
    d = next(iter(c2021.extra["derivations"].values()))
    assert d["from"] == ["f-gt", "f-gt-pct"] and d["doc"] == "d1"
    c2012 = claim_for(claims, year(2012), derived=True)
    assert c2012.values[0] == pytest.approx(190e9 / 2.16, rel=1e-9)  # about $88bn
    lo, hi = next(iter(c2012.extra["derivations"].values()))["interval"]
    assert lo == pytest.approx(190e9 / 2.16 * 0.99) and hi is None  # "surpassed": no upper bound


def test_derived_values_join_claims_of_other_sources():
    other = fig("f-2021", "d3", 147e9, "$147 billion", "Trade reached $147 billion in 2021.", period=year(2021))
    c = claim_for(build_claims([*seeds_figures(), other], DOCS), year(2021))
    assert c.verdict == "agree" and sorted(c.derived) == [False, True]
    wrong = fig("f-2021", "d3", 120e9, "$120 billion", "Trade reached $120 billion in 2021.", period=year(2021))
    assert claim_for(build_claims([*seeds_figures(), wrong], DOCS), year(2021)).verdict == "conflict"


def test_an_implied_level_allows_for_revised_bases():
    """$240.11bn after +26.3% implies $190.11bn for 2022, 0.1% off the $190.271bn reported then:
    growth rates are computed against revised bases, so this agrees."""
    s = "China-Russia trade rose 26.3 percent to a record $240.11 billion in 2023."
    later = [fig("l", "d4", 240.11e9, "$240.11 billion", s, period=year(2023)),
             fig("c", "d4", 26.3, "26.3 percent", s, period=year(2023), unit="percent_change", baseline=year(2022))]
    c = claim_for(build_claims([*seeds_figures(), *later], DOCS), year(2022))
    assert c.verdict == "agree" and c.derived.count(True) == 1


def test_copies_count_once_with_every_source():
    original = fig("f-orig", "d1", 190_271_000_000.0, "$190.271 billion", S_GT)
    copy = dict(fig("f-copy", "d5", 190_271_000_000.0, "$190.271 billion", S_GT), origin="f-orig")
    copy_of_copy = dict(fig("f-copy2", "d3", 190_271_000_000.0, "$190.271 billion", S_GT), origin="f-copy")
    c = build_claims([original, copy, copy_of_copy], DOCS)[0]
    assert c.verdict == "single"
    assert c.figures == ["f-orig"]
    assert set(c.sources) == {"d1", "d5", "d3"}
    assert set(c.extra["copies"]["f-orig"]) == {"f-copy", "f-copy2"}
    # a copy does not make an independent second story, even when a different story disagrees
    low = fig("f-low", "d3", 172e9, "$172 billion", S_LOW)
    c = build_claims([original, copy, low], DOCS)[0]
    assert c.verdict == "conflict" and c.extra["stories"] == 2


def test_targets_and_figures_without_measure_or_period_make_no_claims():
    target = dict(fig("t", "d1", 200e9, "$200 billion", "the $200 billion target"), value_type="target")
    no_period = fig("n", "d1", 5.0, "$5 billion", "Trade was $5 billion.", period=None)
    no_period["period"] = None
    assert build_claims([target, no_period], DOCS) == []


# --- commitment status -----------------------------------------------------------------------------
TARGET = {"id": "m-target", "doc": "d1", "actors": ["CHN", "RUS"], "what": "bilateral trade of $200 billion",
          "target_value": 200e9, "unit": "USD", "measure": "trade", "flow": "total", "deadline": year(2023),
          "deadline_text": "within this year", "text": "strive to achieve the trade target of $200 billion"}


def test_met_by_a_later_figure_that_reaches_the_target():
    figures = [*seeds_figures(), fig("f-2023", "d4", 240.11e9, "$240.11 billion", S_2023, period=year(2023))]
    [(cid, status, by, note)] = judge_commitments([TARGET], figures, dt.date(2024, 1, 12), DOCS)
    assert (cid, status, by) == ("m-target", "met", "f-2023")
    assert "$240.11bn (Test Wire, 2024-01-12)" in note and "Chinese customs data" in note


def test_part_of_the_period_can_meet_an_additive_target():
    jan_nov = {"start": "2023-01-01", "end": "2023-11-30"}
    f = fig("f-11m", "d4", 218.18e9, "$218.18 billion", "Trade reached $218.18 billion in January-November.",
            period=jan_nov)
    assert judge_commitments([TARGET], [f], dt.date(2023, 12, 7), DOCS)[0][1:3] == ("met", "f-11m")
    rate = dict(TARGET, unit="percent", target_value=10.0)
    g = fig("f-r", "d4", 12.0, "12 percent", "The share was 12 percent in January-November.", period=jan_nov,
            unit="percent")
    assert judge_commitments([rate], [g], dt.date(2023, 12, 7), DOCS)[0][1] == "open"


def test_missed_when_the_deadline_passed_and_the_figure_falls_short():
    short = fig("f-short", "d4", 180e9, "$180 billion", "Trade reached $180 billion in 2023.", period=year(2023))
    cid, status, by, note = judge_commitments([TARGET], [short], dt.date(2024, 1, 12), DOCS)[0]
    assert (status, by) == ("missed", "f-short") and "falls short" in note


def test_open_before_the_deadline_and_unknown_otherwise():
    figures = seeds_figures()  # 2022 figures only: they cannot decide a 2023 target
    assert judge_commitments([TARGET], figures, dt.date(2023, 3, 20), DOCS)[0][1:3] == ("open", None)
    assert judge_commitments([TARGET], figures, dt.date(2024, 1, 12), DOCS)[0][1:3] == ("unknown", None)
    festival = {"id": "m-fest", "doc": "d1", "actors": ["CHN"], "what": "hold the Chinese Culture Festival in Russia",
                "deadline": year(2023)}
    assert judge_commitments([festival], figures, dt.date(2023, 3, 20), DOCS)[0][1] == "open"
    assert judge_commitments([festival], figures, dt.date(2024, 1, 12), DOCS)[0][1] == "unknown"
    no_deadline = dict(festival, deadline=None)
    assert judge_commitments([no_deadline], figures, dt.date(2023, 3, 20), DOCS)[0][1] == "unknown"


def test_only_the_same_measure_countries_and_flow_decide():
    exports = fig("f-ex", "d4", 240.11e9, "$240.11 billion", S_2023, period=year(2023), measure="export",
                  flow="export", what="China's exports to Russia")
    other_pair = fig("f-cu", "d4", 240.11e9, "$240.11 billion", S_2023, period=year(2023), countries=("CHN", "USA"))
    forecast = dict(fig("f-fc", "d2", 250e9, "$240.11 billion", S_2023, period=year(2023)), value_type="forecast")
    statuses = judge_commitments([TARGET], [exports, other_pair, forecast], dt.date(2024, 1, 12), DOCS)
    assert statuses[0][1] == "unknown"


def test_as_of_is_the_latest_publication_date():
    assert store_as_of(DOCS.values()) == dt.date(2024, 1, 12)


# --- the link step on a store ------------------------------------------------------------------------
def _document(doc_id: str, published: dt.date, text: str, title: str) -> Document:
    return Document(id=doc_id, source=f"{doc_id}.txt", text=text, raw_text=text, title=title, published=published,
                    outlet="Test Wire", content_hash=doc_id, paragraphs=[(0, len(text))],
                    sentences=[(0, len(text), 0)])


def _figure(value: float, number: str, text: str, period: Period, qualifier: str = "exact") -> Figure:
    at = text.index(number)
    return Figure(what="China-Russia trade", value=value, unit="USD", countries=["CHN", "RUS"], flow="total",
                  qualifier=qualifier, period=period, text=text, span=(0, len(text)),
                  value_span=(at, at + len(number)), measure="trade")


def test_link_store_updates_statuses_and_claims_as_documents_arrive(store):
    s1 = ("Trade reached a record $190.271 billion in 2022, and the two countries will strive to reach "
          "$200 billion this year.")
    store.add_document(
        _document("d-a", dt.date(2023, 3, 18), s1, "Interview"),
        figures=[_figure(190.271e9, "$190.271 billion", s1, Period.year(2022))],
        commitments=[Commitment(actors=["CHN", "RUS"], what="bilateral trade of $200 billion", target_value=200e9,
                                unit="USD", deadline=Period.year(2023), deadline_text="this year", text=s1,
                                span=(0, len(s1)), measure="trade", flow="total")])
    first = link_store(store)
    assert first.as_of == dt.date(2023, 3, 18) and first.statuses == {"open": 1}
    [claim] = store.items("claim")
    assert claim["verdict"] == "single"

    s2 = "China-Russia trade rose 26.3 percent to a record $240.11 billion in 2023, customs data showed."
    store.add_document(_document("d-b", dt.date(2024, 1, 12), s2, "Record trade"),
                       figures=[_figure(240.11e9, "$240.11 billion", s2, Period.year(2023))])
    s3 = "Trade between Russia and China reached $172 billion in 2022, an official said."
    store.add_document(_document("d-c", dt.date(2023, 3, 25), s3, "Lower figure"),
                       figures=[_figure(172e9, "$172 billion", s3, Period.year(2022))])
    second = link_store(store)
    assert second.statuses == {"met": 1} and second.verdicts == {"conflict": 1, "single": 1}
    [c] = store.items("commitment")
    met_by = store.items("figure", doc="d-b")[0]
    assert c["status"] == "met" and c["decided_by"] == met_by["id"]
    assert "$240.11bn" in c["status_note"]

    report = check_report(store)
    assert "MET (1)" in report and "bilateral trade of $200 billion" in report
    assert "decided by: $240.11bn for 2023 in Test Wire, 2024-01-12" in report and "customs data" in report
    assert "CONFLICTING CLAIMS (1)" in report and "$172bn" in report and "$190.271bn" in report

    # an explicit as_of before the deadline: the same store judged as of then
    assert link_store(store, as_of=dt.date(2023, 6, 1)).statuses == {"met": 1}


# --- end to end ----------------------------------------------------------------------------------------
DATA = __import__("pathlib").Path(__file__).resolve().parent / "data"


@pytest.mark.slow
def test_seeds_then_later_reports_decide_the_target_and_the_2022_claim(store, examples_dir):
    """Seeds -> the $200bn target is open and the 2022 trade figures agree; a January 2024 report of
    $240.11bn for 2023 meets it; a lower 2022 figure from another source turns the claim into a conflict."""
    from bilat.pipeline import ingest

    assert ingest(store, [str(examples_dir)]).ok
    link_store(store)
    seed_docs = {d["id"] for d in store.documents()}
    [target] = [c for c in store.items("commitment") if c["doc"] in seed_docs and c.get("target_value") == 200e9]
    assert target["measure"] == "trade" and sorted(target["actors"]) == ["CHN", "RUS"]
    assert target["status"] == "open"
    trade_2022 = [c for c in store.items("claim") if c["measure"] == "trade" and c["unit"] == "USD"
                  and c["period"] == year(2022)]
    assert [c["verdict"] for c in trade_2022] == ["agree"]
    assert {190.271e9, 190.27e9, 190e9} <= set(trade_2022[0]["values"])

    assert ingest(store, [str(DATA / "commitments_trade_2024.jsonl")]).ok
    result = link_store(store)
    assert result.as_of == dt.date(2024, 1, 12)
    [target] = store.items("commitment", ids=[target["id"]])
    assert target["status"] == "met"
    [decided] = store.items("figure", ids=[target["decided_by"]])
    assert decided["value"] == pytest.approx(240.11e9) and decided["period"] == year(2023)
    assert "Test Wire, 2024-01-12" in target["status_note"]
    report = check_report(store)
    assert "bilateral trade of $200 billion" in report and "decided by: $240.11bn for 2023" in report

    assert ingest(store, [str(DATA / "commitments_conflict_2023.jsonl")]).ok
    link_store(store)
    [claim] = [c for c in store.items("claim") if c["measure"] == "trade" and c["unit"] == "USD"
               and c["period"] == year(2022)]
    assert claim["verdict"] == "conflict" and 172e9 in claim["values"]
    assert "CONFLICTING CLAIMS" in check_report(store)


def test_check_lists_a_copied_commitment_once_with_both_sources(store):
    s = "China and Russia will hold the first Library Forum this year."
    made = Commitment(actors=["CHN", "RUS"], what="hold the first Library Forum", deadline=Period.year(2023),
                      deadline_text="this year", text=s, span=(0, len(s)))
    copied = Commitment(actors=["CHN", "RUS"], what="hold the first Library Forum", deadline=Period.year(2023),
                        deadline_text="this year", text=s, span=(0, len(s)))
    store.add_document(_document("d-a", dt.date(2023, 3, 18), s, "Interview"), commitments=[made])
    store.add_document(_document("d-b", dt.date(2023, 3, 21), s + " ", "Reprint"), commitments=[copied])
    store.set_origins("commitment", {copied.id: made.id})
    assert link_store(store).statuses == {"open": 2}
    report = check_report(store)
    assert report.count("[CHN, RUS] hold the first Library Forum") == 1
    assert 'also in: Test Wire, 2023-03-21 — "Reprint"' in report
