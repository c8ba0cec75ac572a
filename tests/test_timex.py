"""bilat.timex: time expressions found in real sentences and resolved to closed day ranges.

Each case names the sentence, the publication date and tense, and the one mention it must
hold: its exact words, its period (or None) and its kind. Sentences come from the seed texts,
1980s wire copy and business news.
"""
from __future__ import annotations

import datetime as dt

import pytest

from bilat.model import Period
from bilat.timex import TimeMention, baseline_of, find_times, resolve, shift, year_spans

D = dt.date
P23 = D(2023, 3, 18)  # the Global Times interview
P20 = D(2023, 3, 20)  # Xi's signed article
P87 = D(1987, 6, 10)  # wire copy


def _mention(sentence: str, published: dt.date | None, tense: str | None, words: str) -> TimeMention:
    found = find_times(sentence, published, tense)
    hits = [m for m in found if m.text == words]
    assert hits, f"{words!r} not found; got {[m.text for m in found]}"
    m = hits[0]
    assert sentence[m.start:m.end] == m.text
    return m


# (sentence, published, tense, mention words, start, end (None: no period), kind)
CASES = [
    # --- the seed texts
    ("Chinese President Xi Jinping will pay a state visit to Russia from March 20-22.",
     P23, None, "March 20-22", "2023-03-20", "2023-03-22", "range"),
    ("Chinese President Xi Jinping will pay a state visit to Russia from March 20-22.",
     P23, "future", "March 20-22", "2023-03-20", "2023-03-22", "range"),
    ("The bilateral trade volume between China and Russia has increased by 29.3 percent in the past year, "
     "reaching a record $190.271 billion.",
     P23, "past", "the past year", "2022-01-01", "2022-12-31", "duration_back"),
    ("The partnership has made considerable progress in the past year.",
     D(2023, 9, 1), None, "the past year", "2022-09-01", "2023-09-01", "duration_back"),
    ("Since 2013, President Xi has met President Putin 40 times.",
     P23, "past", "Since 2013", "2013-01-01", "2023-03-18", "since"),
    ("Over the past decade, China-Russia relations have entered a new era.",
     P23, "past", "the past decade", "2013-03-18", "2023-03-18", "duration_back"),
    ("In the past decade, the two initiatives have been written into the relevant documents of the UN.",
     P23, None, "the past decade", "2013-03-18", "2023-03-18", "duration_back"),
    ("I've been to Russia eight times in the last ten years.",
     P20, "past", "the last ten years", "2013-03-20", "2023-03-20", "duration_back"),
    ("Over the past 10 years, we have come a long way in our wide-ranging cooperation.",
     P20, None, "the past 10 years", "2013-03-20", "2023-03-20", "duration_back"),
    ("I traveled to Russia for the first time after being elected president ten years ago.",
     P20, "past", "ten years ago", "2013-01-01", "2013-12-31", "point"),
    ("Trade between China and Russia surpassed 190 billion dollars last year, an increase of 116% from 10 "
     "years prior.",
     P20, "past", "last year", "2022-01-01", "2022-12-31", "point"),
    ("2022 was an extraordinary year.",
     P23, None, "2022", "2022-01-01", "2022-12-31", "point"),
    ("In 2022, the cargo trade between the two countries set a historical record of $190.27 billion.",
     P23, "past", "2022", "2022-01-01", "2022-12-31", "point"),
    ("A good start has been witnessed in the first two months of this year, with the bilateral trade "
     "volume reaching $33.69 billion.",
     P23, "past", "the first two months of this year", "2023-01-01", "2023-02-28", "point"),
    ("I believe that China-Russia trade will reach new heights in 2023 and strive to achieve the trade "
     "target of $200 billion within this year.",
     P23, "future", "within this year", "2023-01-01", "2023-12-31", "deadline"),
    ("The Chinese Culture Festival will be held in Russia this year.",
     P23, "future", "this year", "2023-01-01", "2023-12-31", "point"),
    ("The cultural center will hold a comprehensive cultural 'tea and the world' event in May this year.",
     P23, "future", "May this year", "2023-05-01", "2023-05-31", "point"),
    ("At the end of last year, when Xi held an online meeting with Putin, he emphasized the need.",
     P23, "past", "the end of last year", "2022-12-01", "2022-12-31", "point"),
    ("The two sides announced the launch of the 2022-2023 China-Russia Sports Exchange Year.",
     P23, "past", "2022-2023", "2022-01-01", "2023-12-31", "range"),
    ("The cultural departments plan to sign the 2024-2027 cultural cooperation plan.",
     P23, "future", "2024-2027", "2024-01-01", "2027-12-31", "range"),
    ("The first China-Europe freight train sent from Beijing is launched on March 16, 2023, heading to "
     "Moscow.",
     P23, "past", "March 16, 2023", "2023-03-16", "2023-03-16", "point"),
    ("Published: Mar 18, 2023 01:35 AM",
     None, None, "Mar 18, 2023 01:35 AM", "2023-03-18", "2023-03-18", "point"),
    ("Speaking in March 2013 at the Moscow State Institute of International Relations, I noted.",
     P20, "past", "March 2013", "2013-03-01", "2013-03-31", "point"),
    ("Since last year, there has been an all-round escalation of the Ukraine crisis.",
     P20, "past", "Since last year", "2022-01-01", "2023-03-20", "since"),
    ("For the past 13 years, China has been Russia's top commercial partner.",
     P20, "past", "the past 13 years", "2010-03-20", "2023-03-20", "duration_back"),
    ("Looking back on the trip that China-Russia ties have taken over the past 70 years and beyond.",
     P20, None, "the past 70 years", "1953-03-20", "2023-03-20", "duration_back"),
    ("Despite the impact of COVID-19 over the past three years, the two countries overcame the "
     "difficulties.",
     P23, "past", "the past three years", "2020-03-18", "2023-03-18", "duration_back"),
    ("The Chinese Embassy in Russia held the ambassador cup Go tournament in 2022 and 2023.",
     P23, "past", "2023", "2023-01-01", "2023-12-31", "point"),
    # --- months, days, weekdays and the tense
    ("Exports fell sharply in December.",
     P23, "past", "December", "2022-12-01", "2022-12-31", "point"),
    ("Exports fell sharply in December.",
     P23, None, "December", "2022-12-01", "2022-12-31", "point"),
    ("The two ministers will meet again in May.",
     P23, "future", "May", "2023-05-01", "2023-05-31", "point"),
    ("The two ministers met in May.",
     P23, "past", "May", "2022-05-01", "2022-05-31", "point"),
    ("Prices rose in March, the statistics bureau said.",
     P23, "past", "March", "2023-03-01", "2023-03-31", "point"),
    ("The delegation arrived in Moscow on Monday.",
     P23, "past", "Monday", "2023-03-13", "2023-03-13", "point"),
    ("The delegation will arrive in Moscow on Monday.",
     P23, "future", "Monday", "2023-03-20", "2023-03-20", "point"),
    ("Shultz told reporters Tuesday that the talks had been useful.",
     P87, None, "Tuesday", "1987-06-09", "1987-06-09", "point"),
    ("Talks will resume next week in Geneva.",
     P23, None, "next week", "2023-03-20", "2023-03-26", "point"),
    ("Exports rose 8 percent last month.",
     P23, "past", "last month", "2023-02-01", "2023-02-28", "point"),
    ("Earlier this month, the two foreign ministers spoke by phone.",
     P23, "past", "Earlier this month", "2023-03-01", "2023-03-18", "point"),
    ("The president is expected to visit Beijing later this year.",
     P23, "future", "later this year", "2023-03-18", "2023-12-31", "point"),
    ("The spokesman said yesterday that the talks would continue.",
     P23, "past", "yesterday", "2023-03-17", "2023-03-17", "point"),
    ("The agreement is to be signed tomorrow.",
     P23, "future", "tomorrow", "2023-03-19", "2023-03-19", "point"),
    ("Today, the two sides issued a joint statement.",
     P23, None, "Today", "2023-03-18", "2023-03-18", "point"),
    ("The summit was held on December 20, 1999 in Beijing.",
     None, None, "December 20, 1999", "1999-12-20", "1999-12-20", "point"),
    ("The treaty was signed on 20 December 1999 in Beijing.",
     P23, None, "20 December 1999", "1999-12-20", "1999-12-20", "point"),
    ("The treaty was signed Dec. 20, 1999, in Beijing.",
     P87, None, "Dec. 20, 1999", "1999-12-20", "1999-12-20", "point"),
    ("The envoys met from March 10 to 12 in Moscow.",
     P23, "past", "March 10 to 12", "2023-03-10", "2023-03-12", "range"),
    ("The exhibition runs from March 20 to April 2.",
     P23, None, "March 20 to April 2", "2023-03-20", "2023-04-02", "range"),
    ("The fair runs from December 28 to January 3.",
     D(2023, 12, 20), "future", "December 28 to January 3", "2023-12-28", "2024-01-03", "range"),
    ("The talks ended on the 20th without agreement.",
     P23, "past", "the 20th", "2023-02-20", "2023-02-20", "point"),
    ("Bilateral trade reached a record level on 2023-03-16.",
     None, None, "2023-03-16", "2023-03-16", "2023-03-16", "point"),
    # --- quarters, halves, parts, seasons
    ("Trade grew 20 percent in the first quarter.",
     P23, None, "the first quarter", "2023-01-01", "2023-03-31", "point"),
    ("Revenue in Q1 2023 reached $3 billion.",
     None, None, "Q1 2023", "2023-01-01", "2023-03-31", "point"),
    ("Exports to Russia doubled in the first half of 2022.",
     P23, "past", "the first half of 2022", "2022-01-01", "2022-06-30", "point"),
    ("Sales in H1 rose 4 percent.",
     D(2023, 8, 1), "past", "H1", "2023-01-01", "2023-06-30", "point"),
    ("Growth slowed in the fourth quarter of last year.",
     P23, "past", "the fourth quarter of last year", "2022-10-01", "2022-12-31", "point"),
    ("The first three quarters of 2022 saw trade rise 30 percent.",
     P23, None, "The first three quarters of 2022", "2022-01-01", "2022-09-30", "point"),
    ("Imports recovered in early 2022.",
     P23, "past", "early 2022", "2022-01-01", "2022-04-30", "point"),
    ("The reactor was completed in late 1986.",
     P87, "past", "late 1986", "1986-09-01", "1986-12-31", "point"),
    ("Construction began in mid-2021.",
     P23, "past", "mid-2021", "2021-05-01", "2021-08-31", "point"),
    ("Trade collapsed in the early 1990s.",
     P23, "past", "the early 1990s", "1990-01-01", "1993-12-31", "point"),
    ("Ties between the two countries were frozen in the 1980s.",
     P87, "past", "the 1980s", "1980-01-01", "1989-12-31", "point"),
    ("The festival will be held this spring.",
     P23, "future", "this spring", "2023-03-01", "2023-05-31", "point"),
    ("The pipeline was damaged last summer.",
     P23, "past", "last summer", "2022-06-01", "2022-08-31", "point"),
    ("The country industrialised in the 20th century.",
     P23, None, "the 20th century", "1901-01-01", "2000-12-31", "point"),
    # --- since, deadlines, ranges, wire copy
    ("Moscow had pledged to withdraw its troops by 1990.",
     P87, "future", "by 1990", "1990-01-01", "1990-12-31", "deadline"),
    ("The plant is to be finished by the end of the year.",
     P23, "future", "by the end of the year", "2023-01-01", "2023-12-31", "deadline"),
    ("The plant is to be finished by the end of the year.",
     P23, None, "by the end of the year", "2023-01-01", "2023-12-31", "deadline"),
    ("The pipeline is to be finished by the end of the decade.",
     P23, "future", "by the end of the decade", "2020-01-01", "2029-12-31", "deadline"),
    ("Both sides aim to double trade by the middle of the decade.",
     P23, "future", "by the middle of the decade", "2024-01-01", "2026-12-31", "deadline"),
    ("The two sides agreed to double trade within two years.",
     P23, "future", "within two years", "2023-03-18", "2025-03-18", "deadline"),
    # a bare duration counting forward: "in N years' time" always, "in"/"over" N years in a plan
    ("China aims to raise trade to $200 billion in three years' time.",
     P23, None, "in three years' time", "2023-03-18", "2026-03-18", "deadline"),
    ("Japan will double its investment in two years.",
     P23, "future", "in two years", "2023-03-18", "2025-03-18", "deadline"),
    ("The government plans to cut the deficit by $10 billion over two years.",
     P23, "future", "over two years", "2023-03-18", "2025-03-18", "deadline"),
    ("Exports posted their first fall in two years.",
     P23, "past", "two years", None, None, "duration"),
    ("Output rose over two years.",
     P23, "past", "two years", None, None, "duration"),
    ("Soviet exports of oil rose in 1985, the Commerce Department said.",
     P87, "past", "1985", "1985-01-01", "1985-12-31", "point"),
    ("The Pentagon requested the funds in fiscal 1986.",
     P87, "past", "fiscal 1986", "1986-01-01", "1986-12-31", "point"),
    ("Trade between 2010 and 2020 rose fivefold.",
     P23, None, "between 2010 and 2020", "2010-01-01", "2020-12-31", "range"),
    ("Output fell from January to March this year.",
     P23, "past", "January to March this year", "2023-01-01", "2023-03-31", "range"),
    ("Since May, freight volumes have risen.",
     P23, None, "Since May", "2022-05-01", "2023-03-18", "since"),
    ("So far this year, 300 trains have crossed the border.",
     P23, None, "So far this year", "2023-01-01", "2023-03-18", "since"),
    ("The accord will remain valid until 2025.",
     P23, "future", "until 2025", "2025-01-01", "2025-12-31", "deadline"),
    ("The ministers will meet again in the next five years.",
     P23, "future", "the next five years", "2023-03-18", "2028-03-18", "range"),
    ("Five years ago, the two countries signed the accord.",
     None, None, "Five years ago", None, None, "point"),
    ("Trade surpassed $190 billion last year.",
     None, None, "last year", None, None, "point"),
    ("Gorbachev, 56, has led the Soviet Union since March 1985.",
     P87, "past", "since March 1985", "1985-03-01", "1987-06-10", "since"),
    ("The Kremlin Monday denied the report.",
     P87, None, "Monday", "1987-06-08", "1987-06-08", "point"),
    ("The accord, reached in Reykjavik last October, collapsed over SDI.",
     P87, "past", "last October", "1986-10-01", "1986-10-31", "point"),
    ("Moscow's grain purchases in the 1986-87 crop year fell to 26 million metric tons.",
     P87, "past", "1986-87", "1986-07-01", "1987-06-30", "point"),
    ("The summit is expected in the fall, officials said.",
     P87, "future", "the fall", "1987-09-01", "1987-11-30", "point"),
    ("Officials expect a decision by mid-June.",
     P87, "future", "by mid-June", "1987-06-11", "1987-06-20", "deadline"),
    ("Half a century ago, the two countries fought a border war.",
     D(2019, 3, 2), None, "Half a century ago", "1969-01-01", "1969-12-31", "point"),
    ("Two weeks ago, the envoy visited Beijing.",
     P23, None, "Two weeks ago", "2023-02-27", "2023-03-05", "point"),
    ("Over the weekend, the ministers met in Sochi.",
     D(2023, 3, 20), None, "the weekend", "2023-03-18", "2023-03-19", "point"),
    ("China's exports to Russia surged in April and May.",
     D(2023, 6, 10), None, "April", "2023-04-01", "2023-04-30", "point"),
    ("Freight volumes in the first 10 days of March rose 40 percent.",
     P23, "past", "the first 10 days of March", "2023-03-01", "2023-03-10", "point"),
    ("Q3 revenue fell; Q4 2022 revenue rose.",
     P23, None, "Q4 2022", "2022-10-01", "2022-12-31", "point"),
    ("Exports reached a record on 2023/3/16, customs data showed.",
     None, None, "2023/3/16", "2023-03-16", "2023-03-16", "point"),
    ("The ship docked in Vladivostok on 13/05/1987.",
     None, None, "13/05/1987", "1987-05-13", "1987-05-13", "point"),
    ("He was born on 12/05/1953 in Harbin.",
     None, None, "12/05/1953", None, None, "point"),
    ("Growth in the year before last was weak.",
     P23, "past", "the year before last", "2021-01-01", "2021-12-31", "point"),
    ("Since the beginning of this year, rail freight has risen.",
     P23, None, "Since the beginning of this year", "2023-01-01", "2023-03-18", "since"),
    ("The pact remains valid until the end of 2025.",
     P23, "future", "until the end of 2025", "2025-01-01", "2025-12-31", "deadline"),
    ("Prices rose from early 2022 to late 2023.",
     D(2024, 2, 1), "past", "early 2022 to late 2023", "2022-01-01", "2023-12-31", "range"),
    ("Tea exports to Russia were strong in the spring of 2022.",
     P23, "past", "the spring of 2022", "2022-03-01", "2022-05-31", "point"),
    ("At 10 a.m. on March 21, the two leaders held talks.",
     D(2023, 3, 22), "past", "10 a.m. on March 21", "2023-03-21", "2023-03-21", "point"),
    ("The cuts will be phased in over the next decade.",
     P23, "future", "the next decade", "2023-03-18", "2033-03-18", "range"),
    # --- no period: durations, sets, baselines, the future
    ("China has also been the largest trading partner of Russia for 13 years.",
     P23, None, "13 years", None, None, "duration"),
    ("The talks lasted nine hours.",
     P87, "past", "nine hours", None, None, "duration"),
    ("The session is held regularly every year.",
     P23, None, "every year", None, None, "set"),
    ("The session is held regularly every year.",
     P23, None, "regularly", None, None, "set"),
    ("The committee meets annually in Moscow.",
     P23, None, "annually", None, None, "set"),
    ("China exported $15.04 billion to Russia, an increase of 19.8 percent year-on-year.",
     P23, None, "year-on-year", None, None, "baseline"),
    ("Exports rose 12 percent year on year in February.",
     P23, None, "year on year", None, None, "baseline"),
    ("Trade rose 116% from 10 years prior.",
     P20, None, "10 years prior", None, None, "baseline"),
    ("Trade rose 5 percent from the same period last year.",
     P23, None, "the same period last year", None, None, "baseline"),
    ("I look forward to new goals for our cooperation in the coming years.",
     P20, "future", "the coming years", None, None, "range"),
    ("Trade has grown quickly in recent years.",
     P23, None, "recent years", None, None, "duration_back"),
    # --- split and fiscal years: the year the text defines, else July..June
    ("Net exports will account for all of the increase in fiscal 1986/87, ending June 30, Keating said.",
     P87, None, "fiscal 1986/87, ending June 30", "1986-07-01", "1987-06-30", "point"),
    ("Soybean imports in 1987/88 (October/September) are forecast at 350,000 tonnes.",
     P87, None, "1987/88 (October/September)", "1987-10-01", "1988-09-30", "point"),
    ("The budget for the fiscal year 1987/88 beginning today projects a deficit.",
     D(1987, 3, 1), None, "the fiscal year 1987/88 beginning today", "1987-03-01", "1988-02-29", "point"),
    ("The shortfall was larger in 1985/86.", P87, None, "1985/86", "1985-07-01", "1986-06-30", "point"),
    ("Exports fell in calendar 1986 to 15.995 billion dlrs.",
     P87, "past", "calendar 1986", "1986-01-01", "1986-12-31", "point"),
    ("Reserves at end-1985 stood at 25 billion dlrs.", P87, None, "end-1985", "1985-12-01", "1985-12-31", "point"),
    ("Japan's end-February reserves last year were 26.5 billion dlrs.",
     D(1987, 3, 2), None, "end-February", "1986-02-21", "1986-02-28", "point"),
    ("Wallco showed a pretax profit of 1.5 mln dlrs in the year ending June 1986.",
     P87, None, "the year ending June 1986", "1985-07-01", "1986-06-30", "point"),
    ("The loss for the nine months ended December 31, 1986 rose.",
     P87, None, "the nine months ended December 31, 1986", "1986-04-01", "1986-12-31", "point"),
    ("Revenues totaled 200 mln dlrs in the year ended November 30.",
     D(1987, 3, 2), None, "the year ended November 30", "1985-12-01", "1986-11-30", "point"),
    ("Inflation may reach 2.7 per cent this year against last years 2.1 per cent.",
     P87, None, "last years", "1986-01-01", "1986-12-31", "point"),
    ("The government expected to spend 12.2 billion riyals in the period.",
     P87, None, "the period", None, None, "anaphor"),
    ("During that year the government limited spending.", P87, None, "that year", None, None, "anaphor"),
]


@pytest.mark.parametrize("sentence,published,tense,words,start,end,kind", CASES,
                         ids=[f"{i:02d}-{c[3]}" for i, c in enumerate(CASES)])
def test_mention(sentence, published, tense, words, start, end, kind):
    m = _mention(sentence, published, tense, words)
    assert m.kind == kind
    expected = Period(D.fromisoformat(start), D.fromisoformat(end)) if start else None
    assert m.period == expected


# (sentence, words that must not be a time expression)
NEGATIVES = [
    ("Since 2013, President Xi has met President Putin 40 times.", "40 times"),
    ("Trade reached a record $190.271 billion.", "190"),
    ("Trade increased by 29.3 percent.", "29.3"),
    ("New growth points such as 5G and cross-border e-commerce have been made.", "5G"),
    ("They met at the G20 summit in Bali.", "G20"),
    ("The two presidents marked the 20th anniversary of the treaty.", "the 20th"),
    ("Officials said the talks may continue next month.", "may"),
    ("Theresa May held talks with Xi Jinping.", "May"),
    ("May the friendship between our peoples last forever.", "May"),
    ("Thousands joined a march in the capital.", "march"),
    ("The Long March is a founding myth of the party.", "March"),
    ("The army deployed 2000 troops to the border.", "2000"),
    ("More than 1500 delegates attended the congress.", "1500"),
    ("The Good Friday Agreement ended the conflict.", "Friday"),
    ("Prices could fall further, analysts said.", "fall"),
    ("The Spring Festival holiday cut trade.", "Spring"),
    ("Every time, I came with high expectations.", "Every time"),
    ("COVID-19 disrupted trade for three years.", "19"),
    ("The Long March 5 rocket lifted off from Wenchang.", "March 5"),
    ("A 2000-strong delegation arrived in Moscow.", "2000"),
    ("The UN Security Council adopted Resolution 2231 on the Iran deal.", "2231"),
    ("Historians still debate the fall of the Soviet Union.", "fall"),
    ("The talks ended on the 20th Party Congress agenda.", "the 20th"),
    ("Exports rose 12.5 percent to 1990.5 million tonnes.", "1990"),
]


@pytest.mark.parametrize("sentence,words", NEGATIVES, ids=[w for _, w in NEGATIVES])
def test_not_a_time(sentence, words):
    found = find_times(sentence, P23)
    start = sentence.index(words)
    overlapping = [m for m in found if m.start < start + len(words) and start < m.end]
    assert not overlapping, overlapping


def test_whole_sentence_exactly():
    s = ("A good start has been witnessed in the first two months of this year, with the bilateral trade "
         "volume reaching $33.69 billion, a year-on-year increase of 25.9 percent.")
    got = [(m.text, m.kind, m.period, m.offset_months) for m in find_times(s, P23, "past")]
    assert got == [
        ("the first two months of this year", "point", Period(D(2023, 1, 1), D(2023, 2, 28)), None),
        ("year-on-year", "baseline", None, -12),
    ]


def test_relative_needs_publication_date_absolute_does_not():
    s = "Trade rose last year and again in March 2023 and on March 20, 2023."
    got = {m.text: m.period for m in find_times(s, None)}
    assert got == {"last year": None, "March 2023": Period(D(2023, 3, 1), D(2023, 3, 31)),
                   "March 20, 2023": Period.day(D(2023, 3, 20))}


def test_coordinated_dates_share_a_year():
    """Without a tense, "April" and "May" alone would fall on both sides of the 14-day horizon."""
    got = [(m.text, m.period) for m in find_times("Exports surged in April and May.", P23)]
    assert got == [("April", Period(D(2023, 4, 1), D(2023, 4, 30))),
                   ("May", Period(D(2023, 5, 1), D(2023, 5, 31)))]


def test_longest_match_wins_and_order():
    s = "In 2022 and 2023, from March 20 to April 2, and ten years ago."
    assert [m.text for m in find_times(s, P23)] == ["2022", "2023", "March 20 to April 2", "ten years ago"]


def test_resolve():
    assert resolve("last year", P23) == Period.year(2022)
    assert resolve("in 2022", None) == Period.year(2022)
    assert resolve("the first two months of this year", P23) == Period(D(2023, 1, 1), D(2023, 2, 28))
    assert resolve("since 2013", P23) == Period(D(2013, 1, 1), P23)
    assert resolve("May", P23, "future") == Period(D(2023, 5, 1), D(2023, 5, 31))
    assert resolve("in December", P23, "past") == Period(D(2022, 12, 1), D(2022, 12, 31))
    assert resolve("on Monday", P23, "future") == Period.day(D(2023, 3, 20))
    assert resolve("this year", None) is None
    assert resolve("nothing here", P23) is None


def test_shift_and_baseline():
    assert shift(Period.year(2022), years=-10) == Period.year(2012)
    assert shift(Period(D(2023, 1, 1), D(2023, 2, 28)), years=-1) == Period(D(2022, 1, 1), D(2022, 2, 28))
    assert shift(Period(D(2024, 2, 1), D(2024, 2, 29)), years=-1) == Period(D(2023, 2, 1), D(2023, 2, 28))
    assert shift(Period(D(2023, 2, 1), D(2023, 2, 28)), months=1) == Period(D(2023, 3, 1), D(2023, 3, 31))
    prior = _mention("Trade rose 116% from 10 years prior.", P20, None, "10 years prior")
    assert baseline_of(prior, Period.year(2022)) == Period.year(2012)
    yoy = _mention("Exports rose 19.8 percent year-on-year.", P23, None, "year-on-year")
    assert baseline_of(yoy, Period(D(2023, 1, 1), D(2023, 2, 28))) == Period(D(2022, 1, 1), D(2022, 2, 28))


def test_year_spans():
    s = ("In 2022, trade rose 29.3 percent; the 2024-2027 plan, the 1980s, March 20 and on December 20, 1999 "
         "were mentioned, and China has been the top partner for 13 years.")
    spans = [s[a:b] for a, b in year_spans(s)]
    assert spans == ["2022", "2024-2027", "the 1980s", "March 20", "December 20, 1999"]


def test_year_spans_given_the_date_share_the_hits_of_find_times() -> None:
    """An extractor asks year_spans and find_times about one sentence with one date and fiscal
    year: the hits are found once, and the date does not change which spans are dates."""
    from bilat.timex import Fiscal, _hits

    text = "Output for fiscal 1987 rose 4% from the 1980s level, officials said on Monday, March 2."
    dates = ["fiscal 1987", "the 1980s", "Monday, March 2"]
    assert [text[a:b] for a, b in year_spans(text)] == dates
    _hits.cache_clear()
    assert [text[a:b] for a, b in year_spans(text, P23, Fiscal(4))] == dates
    assert [m.text for m in find_times(text, P23, tense="past", fiscal=Fiscal(4))] == dates
    assert _hits.cache_info().misses == 1


def test_tense_is_checked():
    with pytest.raises(ValueError):
        find_times("in May", P23, tense="planned")


def test_patterns_run_once_per_sentence_whatever_is_asked() -> None:
    """year_spans (no date) and find_times (with a date, a tense, a fiscal year) share one pass of
    the patterns over a sentence; each still reads the matches its own way."""
    from bilat.timex import Fiscal, _matches

    text = "Trade grew 29.3% in 2022 and in the first two months of this year, officials said in May."
    _matches.cache_clear()
    assert [text[a:b] for a, b in year_spans(text)] == ["2022", "the first two months of this year", "May"]
    assert [m.text for m in find_times(text, P23)] == ["2022", "the first two months of this year", "May"]
    assert find_times(text, P23, tense="past", fiscal=Fiscal(4))[2].period == Period(D(2022, 5, 1), D(2022, 5, 31))
    assert find_times(text, None)[1].period is None  # without a date, "this year" has no period
    assert _matches.cache_info().misses == 1


def test_rules_that_need_a_year_are_not_run_where_no_four_digits_could_be_one() -> None:
    from bilat.timex import _RULES, _tokens

    def run(text):
        return {r.name for r in _RULES if r.worth(_tokens(text))}

    needs_year = {"iso_date", "ymd_slash", "numeric_date", "year_range"}
    assert not run("Output rose 3.5% to 240 tonnes on March 20.") & needs_year
    assert run("Output rose 3.5% in 2022.") >= needs_year | {"year"}
    assert "year" in run("Output rose in FY23.")  # the fiscal year "FY23" needs no four digits
    assert [m.text for m in find_times("from 2021-22 to 1999/12/31 and 31.12.2023", P23)] == [
        "2021-22", "1999/12/31", "31.12.2023"]


# --- fiscal years a document defines, or its country's (bilat.timex.Fiscal)
def test_fiscal_year_of_reads_the_definition() -> None:
    from bilat.timex import Fiscal, fiscal_year_of

    assert fiscal_year_of("growth in fiscal 1986/87, ending June 30, while", P87) == Fiscal(7, 1, True)
    assert fiscal_year_of("imports in 1987/88 (October/September) are", P87) == Fiscal(10, 1, True)
    assert fiscal_year_of("the budget for the fiscal year 1987/88 beginning today", D(1987, 3, 1)) == Fiscal(3, 1, True)
    assert fiscal_year_of("in the fiscal year ending March 31", P87) == Fiscal(4, 1, True)
    assert fiscal_year_of("nothing about years", P87, "IND") == Fiscal(4)
    assert fiscal_year_of("nothing about years", P87, "FRA") is None


@pytest.mark.parametrize("words,fiscal,start,end", [
    ("this financial year", "AUS", "1986-07-01", "1987-06-30"),
    ("next financial year", "AUS", "1987-07-01", "1988-06-30"),
    ("the current fiscal year", None, "1987-01-01", "1987-12-31"),
    ("1987/88", "IND", "1987-04-01", "1988-03-31"),
    ("fiscal 1987", "defined-april", "1987-04-01", "1988-03-31"),
    ("fiscal 1987", "defined-july", "1986-07-01", "1987-06-30"),
    ("fiscal 1987", "IND", "1987-01-01", "1987-12-31"),  # a country default does not move a single fiscal year
])
def test_fiscal_periods(words: str, fiscal: str | None, start: str, end: str) -> None:
    from bilat.timex import Fiscal, fiscal_year_of

    f = {"defined-april": Fiscal(4, 1, True), "defined-july": Fiscal(7, 1, True)}.get(
        fiscal or "", fiscal_year_of("", P87, fiscal) if fiscal else None)
    (m,) = find_times(words, P87, fiscal=f)
    assert m.period == Period(D.fromisoformat(start), D.fromisoformat(end))


def test_company_quarters_follow_the_quarter_reported() -> None:
    from bilat.timex import Fiscal, fiscal_year_of

    text = ("PALL CORP 2ND QTR SALES RISE 17 PCT\n\nSales in the second quarter rose about 17 pct, bringing sales "
            "for the six months to 174.6 mln dlrs. Orders in the quarter ended Jan 31 rose 15 pct.")
    f = fiscal_year_of(text, D(1987, 3, 2))
    assert f == Fiscal(8, 1, True, quarter_end=D(1987, 1, 31))
    assert fiscal_year_of("ARBOR DRUGS INC 2ND QTR JAN 31 NET", D(1987, 3, 2)) == f
    got = {m.text: (str(m.period.start), str(m.period.end)) for m in find_times(
        "sales in the second quarter rose, bringing sales for the six months to 174.6 mln dlrs", D(1987, 3, 2),
        fiscal=f)}
    assert got == {"the second quarter": ("1986-11-01", "1987-01-31"), "the six months": ("1986-08-01", "1987-01-31")}
    # without a company's quarter, quarters are calendar quarters
    (m,) = find_times("sales in the second quarter rose", D(1987, 9, 2))
    assert m.period == Period(D(1987, 4, 1), D(1987, 6, 30))
