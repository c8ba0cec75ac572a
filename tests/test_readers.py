"""Ingest readers: each format, encoding detection, and every kind of bad input."""
from __future__ import annotations

import json

import pytest

from bilat.errors import InputError
from bilat.manifest import Manifest
from bilat.readers import iter_files, read_file

LIMIT = 1_000_000


def read_all(path, limit=LIMIT):
    return list(read_file(str(path), limit))


def test_plain_text_is_read_as_is(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Title line\n\nBody text here.\n", encoding="utf-8")
    [doc] = read_all(p)
    assert doc.format == "text" and doc.text == "Title line\n\nBody text here.\n"
    assert doc.source == str(p) and doc.encoding == "utf-8"


def test_utf8_bom_is_dropped(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes("\ufeffHello world".encode("utf-8"))
    assert read_all(p)[0].text == "Hello world"


def test_legacy_encoding_is_detected(tmp_path):
    p = tmp_path / "latin1.txt"
    text = ("Le commerce entre la France et l'Allemagne a augmenté de 5 % en 2022, "
            "selon le ministère de l'Économie. Les exportations françaises ont progressé.\n")
    p.write_bytes(text.encode("cp1252"))
    [doc] = read_all(p)
    assert doc.text == text
    assert doc.encoding.lower().replace("-", "_") in {"cp1252", "windows_1252", "latin_1", "iso8859_1", "iso8859_15"}


def test_utf16_with_bom_is_detected(tmp_path):
    p = tmp_path / "u16.txt"
    text = "China and Russia signed a trade agreement in Moscow on Tuesday.\n"
    p.write_bytes(text.encode("utf-16"))
    assert read_all(p)[0].text.strip() == text.strip()


def test_html_main_text_and_metadata(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("""<html><head><title>Xi visits Moscow - Example News</title>
      <meta property="og:site_name" content="Example News"><meta name="date" content="2023-03-18"></head>
      <body><nav>Home | World | Business</nav><article><h1>Xi visits Moscow</h1>
      <p>Chinese President Xi Jinping will pay a state visit to Russia from March 20-22, the foreign
      ministry said on Friday, in a trip watched closely by Western governments.</p>
      <p>Trade between the two countries rose 29.3 percent in 2022 to a record $190.271 billion,
      according to Chinese customs figures released in January.</p></article>
      <footer>Leave a Reply</footer></body></html>""", encoding="utf-8")
    [doc] = read_all(p)
    assert doc.format == "html"
    assert doc.meta["title"] == "Xi visits Moscow"
    assert doc.meta["outlet"] == "Example News"
    assert doc.meta["published"] == "2023-03-18"
    assert "state visit to Russia" in doc.text and "Leave a Reply" not in doc.text
    assert "Home | World" not in doc.text


def test_html_is_sniffed_without_suffix(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text("<!DOCTYPE html><html><body><article><p>" + "The two ministers met in Beijing. " * 10
                 + "</p></article></body></html>", encoding="utf-8")
    assert read_all(p)[0].format == "html"


def test_jsonl_documents_and_fields(tmp_path):
    p = tmp_path / "docs.jsonl"
    lines = [
        {"id": 7, "text": "Japan and South Korea agreed to resume talks.", "title": "Talks", "published": "2023-03-21",
         "outlet": "Wire", "url": "https://example.org/a"},
        {"text": "A second document without an id."},
        {"id": "h1", "html": "<html><body><article><p>" + "Officials met in Seoul on Monday. " * 8
                             + "</p></article></body></html>"},
    ]
    p.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    docs = read_all(p)
    assert [d.line for d in docs] == [1, 2, 3]
    assert docs[0].source == "https://example.org/a"
    assert docs[0].meta == {"title": "Talks", "published": "2023-03-21", "outlet": "Wire",
                            "url": "https://example.org/a", "id": "7"}
    assert docs[1].source == f"{p}:2"
    assert docs[2].source == f"{p}#h1" and docs[2].format == "jsonl-html" and "Seoul" in docs[2].text


@pytest.mark.parametrize("line, message", [
    ('{"text": "broken', "not valid JSON"),
    ('[1, 2]', "must be an object, not list"),
    ('{"title": "no body"}', "needs a non-empty 'text' or 'html'"),
    ('{"text": "   "}', "needs a non-empty 'text' or 'html'"),
])
def test_bad_jsonl_line_is_reported_and_the_rest_is_read(tmp_path, line, message):
    p = tmp_path / "d.jsonl"
    p.write_text(json.dumps({"text": "A good line about trade."}) + "\n" + line + "\n"
                 + json.dumps({"text": "Another good line."}) + "\n", encoding="utf-8")
    items = read_all(p)
    assert [type(x).__name__ for x in items] == ["RawDocument", "InputError", "RawDocument"]
    err = items[1]
    assert err.line == 2 and message in err.message
    assert str(err).startswith(f"{p}:2: ")


def test_binary_file_is_refused_with_its_kind(tmp_path):
    p = tmp_path / "picture.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(InputError, match=r"binary file \(a PNG image\)"):
        read_all(p)


def test_bytes_with_nul_are_binary(tmp_path):
    p = tmp_path / "blob.dat"
    p.write_bytes(b"abc\x00\x01\x02def" * 100)
    with pytest.raises(InputError, match="binary file"):
        read_all(p)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_file_is_refused(tmp_path, content):
    p = tmp_path / "empty.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match="empty file") as e:
        read_all(p)
    assert str(e.value).startswith(str(p))


def test_empty_jsonl_file_is_refused(tmp_path):
    p = tmp_path / "empty.jsonl"
    p.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty file"):
        read_all(p)


def test_huge_file_is_refused_before_reading(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("word " * 3000, encoding="utf-8")
    with pytest.raises(InputError, match=r"over the 0.0 MB limit"):
        read_all(p, limit=1000)


def test_huge_jsonl_line_is_refused_alone(tmp_path):
    p = tmp_path / "big.jsonl"
    p.write_text(json.dumps({"text": "x " * 2000}) + "\n" + json.dumps({"text": "small"}) + "\n", encoding="utf-8")
    items = read_all(p, limit=1000)
    assert isinstance(items[0], InputError) and items[0].line == 1 and "limit" in items[0].message
    assert items[1].text == "small"


def test_missing_path_and_folder_walk(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "a.html").write_text("<p>a</p>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not ingested from a folder", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text("{}", encoding="utf-8")
    found = list(iter_files([str(tmp_path), str(tmp_path / "nope.txt")]))
    assert [p for p, err in found if err is None] == [str(tmp_path / "a.html"), str(tmp_path / "sub" / "b.txt")]
    [(missing, err)] = [(p, e) for p, e in found if e is not None]
    assert missing.endswith("nope.txt") and "not found" in str(err)


def test_manifest_fills_metadata_and_reports_bad_lines(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    m = tmp_path / "manifest.jsonl"
    m.write_text('{"path": "a.txt", "published": "2023-03-20", "outlet": "Wire", "note": "ignored"}\n'
                 '{"published": "2020-01-01"}\nnot json\n', encoding="utf-8")
    manifest, problems = Manifest.load(str(m))
    assert manifest.get(str(tmp_path / "a.txt")) == {"published": "2023-03-20", "outlet": "Wire"}
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (2, "manifest entry needs a 'path'"), (3, "not valid JSON (Expecting value at column 1)")]
