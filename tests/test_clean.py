"""Cleaning: offsets back to the raw text, metadata, boilerplate, repeated paragraphs."""
from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from bilat.clean import OffsetMap, boilerplate_rule, clean, content_hash, parse_date
from bilat.readers import RawDocument


def raw(text: str, fmt: str = "text", meta: dict | None = None) -> RawDocument:
    return RawDocument(source="t.txt", path="t.txt", text=text, format=fmt, meta=meta or {})


def assert_offsets_map_back(doc):
    """Every cleaned character comes from the raw character its offset names."""
    omap = OffsetMap.from_json(doc.cleaning["offset_map"])
    for i, ch in enumerate(doc.text):
        src = doc.raw_text[omap.to_raw(i)]
        if ch.isspace():
            assert src.isspace(), (i, ch, src)
        else:
            assert unicodedata.normalize("NFD", ch)[0] in unicodedata.normalize("NFKC", src), (i, ch, src)


def test_whitespace_and_unicode_normalised_with_offsets():
    text = "Title\n\nTrade\u00a0rose   29.3\u2009percent,\u200b the ministry said.\n\nSecond  \t paragraph ﬁne.\n"
    doc, _ = clean(raw(text))
    assert doc.text == "Title\n\nTrade rose 29.3 percent, the ministry said.\n\nSecond paragraph fine."
    omap = OffsetMap.from_json(doc.cleaning["offset_map"])
    i = doc.text.index("29.3")
    assert text[omap.to_raw(i):omap.to_raw(i) + 4] == "29.3"
    s, e = omap.span_to_raw(doc.text.index("Second"), len(doc.text))
    assert text[s:e] == "Second  \t paragraph ﬁne."
    assert_offsets_map_back(doc)


def test_paragraph_spans_are_offsets_into_the_cleaned_text():
    doc, _ = clean(raw("Head line\n\nFirst para one.\n\nSecond para two.\n"))
    assert [doc.text[s:e] for s, e in doc.paragraphs] == ["Head line", "First para one.", "Second para two."]


def test_title_dateline_and_published():
    doc, _ = clean(raw("The world moves on: an interview\nPublished: Mar 18, 2023 01:35 AM Updated: Mar 18, 2023 "
                       "01:40 AM\nEditor's Note:\n\nBody text.\n"))
    assert doc.title == "The world moves on: an interview"
    assert doc.published == dt.date(2023, 3, 18)
    assert "Published" not in doc.text and doc.text.startswith("The world moves on: an interview\n\nEditor's Note:")
    assert doc.cleaning["published_from"] == "text"
    assert doc.cleaning["removed_lines"][0]["rule"] == "dateline"


def test_section_label_above_title_is_dropped():
    doc, _ = clean(raw("World News\n\nFULL LETTER: Xi Jinping discusses friendship\n\nI will travel to Russia.\n"))
    assert doc.title == "FULL LETTER: Xi Jinping discusses friendship"
    assert doc.boilerplate_lines_removed == 1 and not doc.text.startswith("World News")


@pytest.mark.parametrize("line", ["Leave a Reply", "Back to top button", "Related Articles", "Share this:",
                                  "Facebook Twitter WhatsApp Telegram", "Share", "Advertisement",
                                  "You may also like", "© 2023 Example News. All rights reserved.",
                                  "Your email address will not be published.", "Read more:", "Tags: China, Russia"])
def test_boilerplate_lines(line):
    assert boilerplate_rule(line) is not None


@pytest.mark.parametrize("line", ["Share prices rose 3 percent in Tokyo.", "Related talks are planned for May.",
                                  "The two sides will share information.", "Back to the negotiating table.",
                                  "Reply to the letter was sent on Monday."])
def test_content_lines_are_not_boilerplate(line):
    assert boilerplate_rule(line) is None


def test_boilerplate_at_the_end_is_removed_and_counted():
    doc, _ = clean(raw("Title\n\nBody one.\n\nRelated Articles\n\nLeave a Reply\n\nBack to top button\n"))
    assert doc.text == "Title\n\nBody one."
    assert doc.boilerplate_lines_removed == 3
    assert [r["rule"] for r in doc.cleaning["removed_lines"]] == ["related", "comment form", "navigation"]


def test_verbatim_repeat_with_curly_quotes_is_kept_once_and_recorded():
    para = "I will shortly travel to the Russian Federation on a state visit at President Putin's invitation."
    text = f"Title\n\n{para}\n\n{para.replace(chr(39), chr(0x2019))}\n\nAnother paragraph.\n"
    doc, reuse = clean(raw(text))
    assert doc.text.count("shortly travel") == 1
    assert doc.duplicate_paragraphs_removed == 1
    [r] = reuse
    assert r.relation == "verbatim" and r.in_raw and r.doc_a == r.doc_b == doc.id
    assert text[r.span_a[0]:r.span_a[1]] == para
    assert text[r.span_b[0]:r.span_b[1]].startswith("I will shortly") and r.span_b[0] > r.span_a[1]
    assert doc.text[slice(*r.extra["span_a_clean"])] == para


def test_near_identical_repeat_is_found():
    a = ("President Xi's state visit to Russia is a milestone for relations in the new era, which will inject "
         "strong impetus into bilateral relations.")
    b = a.replace("is a milestone", "is really a milestone")
    doc, reuse = clean(raw(f"Title\n\n{a}\n\n{b}\n"))
    assert [r.relation for r in reuse] == ["near_duplicate"] and 0.9 <= reuse[0].score < 1
    assert doc.duplicate_paragraphs_removed == 1


def test_same_wording_with_different_numbers_is_not_a_repeat():
    a = "Bilateral trade rose by 29.3 percent in the first quarter, reaching a record 40.1 billion dollars."
    b = "Bilateral trade rose by 12.1 percent in the second quarter, reaching a record 42.7 billion dollars."
    doc, reuse = clean(raw(f"Title\n\n{a}\n\n{b}\n"))
    assert reuse == [] and doc.duplicate_paragraphs_removed == 0


def test_short_lines_are_not_repeats():
    doc, reuse = clean(raw("Title\n\nGT:\n\nQuestion one?\n\nGT:\n\nQuestion two?\n"))
    assert reuse == [] and doc.text.count("GT:") == 2


def test_hard_wrapped_wire_copy_is_rejoined():
    text = ("JAPAN TRADE SURPLUS WITH U.S. RISES\n"
            "    TOKYO, April 8 - Japan's trade surplus with the United States rose\n"
            "to 5.2 billion dlrs in March from 4.1 billion in February, the Finance\n"
            "Ministry said.\n"
            "    Exports to the U.S. rose 10.4 pct to 7.9 billion dlrs, while imports\n"
            "from the U.S. fell 2.1 pct to 2.7 billion, it said.\n"
            "    The figures were released on Wednesday.\n")
    doc, _ = clean(raw(text))
    paras = [doc.text[s:e] for s, e in doc.paragraphs]
    assert paras[1] == ("TOKYO, April 8 - Japan's trade surplus with the United States rose to 5.2 billion dlrs in "
                        "March from 4.1 billion in February, the Finance Ministry said.")
    assert paras[2].startswith("Exports to the U.S. rose 10.4 pct") and paras[2].endswith("it said.")
    assert paras[3] == "The figures were released on Wednesday."


def test_outlet_from_wire_dateline_and_source_line():
    doc, _ = clean(raw("Title\n\nMOSCOW, March 21 (Reuters) - Russia and China signed deals.\n"))
    assert doc.outlet == "Reuters"
    doc, _ = clean(raw("Title\n\nBody.\n\nSource: Xinhua\n"))
    assert doc.outlet == "Xinhua" and "Source:" not in doc.text


def test_metadata_order_input_then_text_then_manifest():
    doc, _ = clean(raw("Title\n\nBody.\n"), {"published": "2023-03-20", "outlet": "Manifest Outlet", "title": "M"})
    assert (doc.published, doc.outlet, doc.title) == (dt.date(2023, 3, 20), "Manifest Outlet", "M")
    assert doc.cleaning["published_from"] == "manifest"
    doc, _ = clean(raw("Title\n\nBody.\n", meta={"published": "2023-01-02", "title": "Own"}),
                   {"published": "2023-03-20", "title": "M"})
    assert (doc.published, doc.title) == (dt.date(2023, 1, 2), "Own")
    assert any("differs" in w for w in doc.cleaning["warnings"])


def test_unreadable_published_date_is_a_warning():
    doc, _ = clean(raw("Title\n\nBody.\n", meta={"published": "sometime soon"}))
    assert doc.published is None and "could not be read" in doc.cleaning["warnings"][0]


def test_identity_is_the_content_hash():
    a, _ = clean(raw("Title\r\n\r\nBody.\r\n"))
    b, _ = clean(raw("Title\n\nBody.\n"))
    assert a.id == b.id == f"d-{content_hash('Title  Body.'.replace('  ', chr(10) * 2))[:16]}"


def test_only_boilerplate_is_an_input_error():
    from bilat.errors import InputError

    with pytest.raises(InputError, match="empty after cleaning"):
        clean(raw("Leave a Reply\n\nBack to top button\n"))


@pytest.mark.parametrize("value, expected", [
    ("2023-03-18", dt.date(2023, 3, 18)), ("Mar 18, 2023 01:35 AM", dt.date(2023, 3, 18)),
    ("18 March 2023", dt.date(2023, 3, 18)), ("2023-03-18T10:00:00+08:00", dt.date(2023, 3, 18)),
    ("Saturday, March 18, 2023", dt.date(2023, 3, 18)), ("March 2023", None), ("", None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_seed_interview_metadata_and_repeats(examples_dir):
    from bilat.readers import read_file

    [r] = read_file(str(examples_dir / "000_f95afdea6543a468.txt"), 10**7)
    doc, reuse = clean(r)
    assert doc.title.startswith("The more turbulent the world is")
    assert doc.published == dt.date(2023, 3, 18)
    phrases = sorted(x.text_a[:40] for x in reuse)
    assert phrases == ["Chinese Ambassador to Russia Zhang Hanhu", "The first China-Europe freight train sen"]
    assert_offsets_map_back(doc)


def test_offset_map_runs_follow_consecutive_raw_offsets():
    from array import array

    # clean chars 0-2 from raw 10-12, a dropped raw char, 3-4 from raw 14-15, a space kept at raw 15
    # again (NFKC expansion), then raw 20
    m = OffsetMap.from_array(array("l", [10, 11, 12, 14, 15, 15, 20]))
    assert m.runs == [(0, 10, 3), (3, 14, 2), (5, 15, 1), (6, 20, 1)]
    assert m.span_to_raw(3, 5) == (14, 16) and OffsetMap.from_array(array("l")).runs == []
