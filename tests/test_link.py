"""The link step: reuse across stored documents and copies linked to their original."""
from __future__ import annotations

import re

import pytest

from bilat import pipeline
from bilat.model import Figure

from conftest import batch_via_process

PARA = ("China-Russia trade rose 29.3 percent last year to a record 190.27 billion dollars, "
        "according to figures released by the General Administration of Customs in Beijing on Friday. "
        "Officials said energy purchases and car exports drove most of the growth over the year.")
OTHER_A = ("The ministry said talks on a new pipeline would continue in the spring, and that both "
           "governments hoped to settle prices before the summer.")
OTHER_B = ("Analysts in Moscow said the figures showed how quickly the two economies had turned to each "
           "other once Western markets closed to Russian exporters.")


@pytest.fixture
def light_process(monkeypatch):
    """process() without spaCy: cleaning, naive sentences, and one figure per '<number> billion'."""
    from bilat.clean import clean

    def fake(raw, meta=None, opts=None):
        doc, repeats = clean(raw, meta)
        doc.sentences = [(m.start() + s, m.end() + s, i) for i, (s, e) in enumerate(doc.paragraphs)
                         for m in re.finditer(r"[^.]+\.", doc.text[s:e])]
        figs = [Figure(what="trade", value=float(m.group(1)) * 1e9, unit="USD", span=(m.start(), m.end()),
                       value_span=(m.start(), m.end()), text=m.group())
                for m in re.finditer(r"(\d+(?:\.\d+)?) billion", doc.text)]
        return pipeline.Processed(doc=doc, repeats=repeats, figures=figs)

    monkeypatch.setattr(pipeline, "process", fake)
    monkeypatch.setattr(pipeline, "process_batch", batch_via_process)


def add(tmp_path, store, name, text, published):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    m = tmp_path / f"{name}.manifest.jsonl"
    m.write_text(f'{{"path": "{name}", "published": "{published}"}}\n', encoding="utf-8")
    return pipeline.ingest(store, [str(p)], manifest=str(m))


def test_a_copied_paragraph_is_linked_and_its_figure_points_to_the_original(tmp_path, store, light_process):
    add(tmp_path, store, "wire.txt", f"Trade hits record\n\n{PARA}\n\n{OTHER_A}\n", "2023-01-13")
    report = add(tmp_path, store, "copy.txt", f"Record trade, say officials\n\n{OTHER_B}\n\n{PARA}\n", "2023-01-14")
    assert report.counts["reuse"] == 1 and report.counts["copies"] == 1
    [r] = [r for r in store.items("reuse") if r["doc_a"] != r["doc_b"]]
    docs = {d["source"].rsplit("/", 1)[-1]: d["id"] for d in store.documents()}
    assert (r["doc_a"], r["doc_b"], r["relation"]) == (docs["wire.txt"], docs["copy.txt"], "verbatim")
    assert r["text_b"].startswith("China-Russia trade rose 29.3 percent")
    original = store.items("figure", doc=docs["wire.txt"])[0]
    copy = store.items("figure", doc=docs["copy.txt"])[0]
    assert copy["origin"] == original["id"] and "origin" not in original


def test_an_older_text_ingested_later_becomes_the_original(tmp_path, store, light_process):
    add(tmp_path, store, "copy.txt", f"Record trade, say officials\n\n{OTHER_B}\n\n{PARA}\n", "2023-01-14")
    add(tmp_path, store, "wire.txt", f"Trade hits record\n\n{PARA}\n\n{OTHER_A}\n", "2023-01-13")
    docs = {d["source"].rsplit("/", 1)[-1]: d["id"] for d in store.documents()}
    original = store.items("figure", doc=docs["wire.txt"])[0]
    copy = store.items("figure", doc=docs["copy.txt"])[0]
    assert copy["origin"] == original["id"] and "origin" not in original


def test_independent_texts_are_not_linked(tmp_path, store, light_process):
    add(tmp_path, store, "a.txt", f"One\n\n{OTHER_A}\n", "2023-01-13")
    report = add(tmp_path, store, "b.txt", f"Two\n\n{OTHER_B}\n", "2023-01-14")
    assert report.counts["reuse"] == 0 and store.items("reuse") == []


def test_reingest_adds_no_reuse_twice(tmp_path, store, light_process):
    add(tmp_path, store, "wire.txt", f"Trade hits record\n\n{PARA}\n", "2023-01-13")
    add(tmp_path, store, "copy.txt", f"Copy\n\n{PARA}\n\n{OTHER_B}\n", "2023-01-14")
    before = store.counts()
    add(tmp_path, store, "copy.txt", f"Copy\n\n{PARA}\n\n{OTHER_B}\n", "2023-01-14")
    assert store.counts() == before
