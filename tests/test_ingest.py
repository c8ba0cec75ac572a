"""The ingest job and the command line: idempotence, bad input, export, the demo corpus."""
from __future__ import annotations

import gc
import json
import re

import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from bilat import cli, pipeline
from bilat.model import Figure
from bilat.store import Store

from conftest import batch_via_process


@pytest.fixture
def light_process(monkeypatch):
    """process() without spaCy: cleaning only, one made-up figure per document."""
    from bilat.clean import clean

    def fake(raw, meta=None, opts=None):
        doc, repeats = clean(raw, meta)
        doc.sentences = [(s, e, i) for i, (s, e) in enumerate(doc.paragraphs)]
        fig = Figure(what="words", value=float(len(doc.text.split())), unit="count", span=doc.paragraphs[0])
        return pipeline.Processed(doc=doc, repeats=repeats, figures=[fig])

    monkeypatch.setattr(pipeline, "process", fake)
    monkeypatch.setattr(pipeline, "process_batch", batch_via_process)


def write(tmp_path, name, content):
    p = tmp_path / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(p)


def test_reingest_is_idempotent(tmp_path, store, light_process):
    a = write(tmp_path, "a.txt", "Title A\n\nBody of A.\n")
    r1 = pipeline.ingest(store, [a])
    r2 = pipeline.ingest(store, [a])
    assert (len(r1.added), r1.unchanged, len(r2.added), r2.unchanged) == (1, 0, 0, 1)
    assert store.counts()["documents"] == 1 and store.counts()["figures"] == 1


def test_same_text_twice_in_one_batch_is_stored_once(tmp_path, store, light_process):
    a = write(tmp_path, "a.txt", "Title A\n\nBody of A.\n")
    b = write(tmp_path, "b.txt", "Title A\r\n\r\nBody of A.\r\n")
    report = pipeline.ingest(store, [a, b])
    assert len(report.added) == 1 and report.unchanged == 1


def test_a_failing_document_does_not_lose_the_others(tmp_path, store, monkeypatch, light_process):
    good1 = write(tmp_path, "1.txt", "One\n\nFirst body.\n")
    bad = write(tmp_path, "2.txt", "Two\n\nExplodes.\n")
    good3 = write(tmp_path, "3.txt", "Three\n\nThird body.\n")
    real = pipeline.process

    def flaky(raw, meta=None, opts=None):
        if raw.path == bad:
            raise RuntimeError("boom")
        return real(raw, meta, opts)

    monkeypatch.setattr(pipeline, "process", flaky)
    report = pipeline.ingest(store, [good1, bad, good3])
    assert len(report.added) == 2 and store.counts()["documents"] == 2
    assert report.problems == [f"{bad}: could not be processed (RuntimeError: boom); please report this"]


def test_documents_share_a_stream_up_to_a_number_of_characters_in_order(tmp_path, store, monkeypatch,
                                                                         light_process):
    groups = []

    def recording(items, opts=None):
        groups.append([raw.text.split()[0] for raw, _ in items])
        return batch_via_process(items, opts)

    monkeypatch.setattr(pipeline, "process_batch", recording)
    monkeypatch.setattr(pipeline, "GROUP_CHARS", 100)
    sizes = {"a": 30, "b": 30, "c": 30, "d": 250, "e": 60, "f": 60}  # "d" alone is over the bound
    lines = [json.dumps({"id": k, "text": (k + " ") * (n // 2)}) for k, n in sizes.items()]
    report = pipeline.ingest(store, [write(tmp_path, "c.jsonl", "\n".join(lines))])
    assert len(report.added) == 6
    assert groups == [["a", "b", "c"], ["d"], ["e"], ["f"]]


def _freeze_counts_while_processing(tmp_path, store, monkeypatch) -> list[int]:
    """Ingest three one-document groups; the collector's frozen-object count during each. The
    first group loads something long-lived, as the first ``process_batch`` loads the pipelines."""
    seen, loaded = [], []

    def counting(items, opts=None):
        seen.append(gc.get_freeze_count())
        if not loaded:
            loaded.extend([n] for n in range(10_000))  # lists: always tracked by the collector
        return batch_via_process(items, opts)

    monkeypatch.setattr(pipeline, "process_batch", counting)
    monkeypatch.setattr(pipeline, "GROUP_CHARS", 1)  # a group per document
    paths = [write(tmp_path, f"{n}.txt", f"Title {n}\n\nBody of {n}.\n") for n in "abc"]
    assert len(pipeline.ingest(store, paths).added) == 3
    return seen


def test_the_collector_skips_what_is_loaded_until_the_run_ends(tmp_path, store, monkeypatch, light_process):
    if gc.get_freeze_count():
        pytest.skip("objects were frozen before the test")
    seen = _freeze_counts_while_processing(tmp_path, store, monkeypatch)
    assert seen[0] > 0  # what was alive when the run began
    assert seen[1] >= seen[0] + 10_000  # and what the first group loaded
    assert gc.get_freeze_count() == 0


def test_a_freeze_made_before_the_run_is_left_alone(tmp_path, store, monkeypatch, light_process):
    before = gc.get_freeze_count()
    gc.freeze()
    try:
        seen = _freeze_counts_while_processing(tmp_path, store, monkeypatch)
        assert all(n > 0 for n in seen) and gc.get_freeze_count() > 0  # not undone by the run
    finally:
        if not before:
            gc.unfreeze()


def test_ingest_keeps_blas_to_one_thread_and_gives_back_the_callers_setting(tmp_path, store, monkeypatch,
                                                                           light_process):
    seen = []

    def blas_threads() -> set[int]:
        return {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}

    def counting(items, opts=None):
        seen.append(blas_threads())
        return batch_via_process(items, opts)

    monkeypatch.setattr(pipeline, "process_batch", counting)
    if not blas_threads():
        pytest.skip("numpy has no BLAS threadpoolctl can set")
    with threadpool_limits(limits=2, user_api="blas"):  # a caller's setting, on any machine
        assert pipeline.ingest(store, [write(tmp_path, "a.txt", "Title\n\nBody text.\n")]).added
        assert blas_threads() == {2}
    assert seen == [{1}]


def test_folder_with_manifest(tmp_path, store, light_process):
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder, "a.txt", "Title A\n\nBody of A.\n")
    write(folder, "manifest.jsonl", '{"path": "a.txt", "published": "2023-03-20", "outlet": "Wire"}\n')
    pipeline.ingest(store, [str(folder)])
    [d] = store.documents()
    assert (d["published"], d["outlet"]) == ("2023-03-20", "Wire")


def run_cli(args, capsys):
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_bad_inputs_are_named_and_the_rest_ingested(tmp_path, capsys, light_process):
    db = str(tmp_path / "s.db")
    good = write(tmp_path, "good.txt", "A title\n\nA good body.\n")
    binary = write(tmp_path, "blob.bin", b"\x7fELF\x02\x01\x01\x00" + bytes(range(200)))
    empty = write(tmp_path, "empty.txt", b"")
    jsonl = write(tmp_path, "docs.jsonl", json.dumps({"text": "Good JSON line."}) + "\n{\"text\": \"broken\n")
    code, out, err = run_cli(["ingest", "--db", db, good, binary, empty, jsonl, str(tmp_path / "missing.txt")],
                             capsys)
    assert code == 1
    assert f"{binary}: binary file (an executable)" in err
    assert f"{empty}: empty file" in err
    assert f"{jsonl}:2: not valid JSON" in err
    assert "missing.txt: not found" in err
    assert "Traceback" not in out + err
    assert out.strip() == f"{db}: 2 documents added, 2 figures, 4 inputs skipped with problems"


def test_cli_store_errors_are_one_line(tmp_path, capsys):
    code, out, err = run_cli(["export", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "x.jsonl")],
                             capsys)
    assert code == 2 and err.strip().startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err


def test_cli_export_writes_the_export_format(tmp_path, capsys, light_process):
    db, out = str(tmp_path / "s.db"), str(tmp_path / "e.jsonl")
    run_cli(["ingest", "--db", db, write(tmp_path, "a.txt", "T\n\nA caption repeated twice. Photo: VCG\n\nA caption repeated twice. Photo: VCG\n")], capsys)
    code, stdout, _ = run_cli(["export", "--db", db, "--out", out], capsys)
    recs = [json.loads(x) for x in open(out, encoding="utf-8")]
    assert code == 0 and [r["kind"] for r in recs] == ["document", "figure", "reuse"]
    assert recs[2]["doc_a"] == recs[2]["doc_b"] == recs[0]["id"] and recs[2]["in"] == "raw"
    assert stdout.strip() == f"wrote {out}: 1 document, 1 figure, 1 reuse"


def test_settings_are_documented_in_the_readme():
    from pathlib import Path

    from bilat.settings import SETTINGS

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in readme or f"BILAT_{s.name.upper()}" not in readme]
    assert missing == []


@pytest.mark.slow
def test_a_batch_gives_what_each_document_gives_alone(examples_dir):
    """process_batch runs the sentences of several documents in one spaCy stream; every record must
    be the one process() finds for that document on its own."""
    from bilat.readers import read_file

    raws = [r for path in sorted(examples_dir.glob("*.txt")) for r in read_file(str(path), 10**7)]

    def records(p):
        return sorted(repr(x.to_dict()) for x in (*p.figures, *p.events, *p.commitments))

    together = pipeline.process_batch([(r, {}) for r in raws])
    alone = [pipeline.process(r, {}) for r in raws]
    assert [p.doc.id for p in together] == [p.doc.id for p in alone]
    assert [records(p) for p in together] == [records(p) for p in alone]
    assert all(records(p) for p in together)


@pytest.mark.slow
def test_seeds_twice_then_bad_files_end_to_end(tmp_path, capsys, examples_dir):
    """The issue's scenario with the real pipeline: seeds twice, then a binary file, an empty
    file and a JSON Lines file with one good and one broken line."""
    db = str(tmp_path / "s.db")
    seeds = [str(p) for p in sorted(examples_dir.glob("*.txt"))]
    manifest = str(examples_dir / "manifest.jsonl")
    assert run_cli(["ingest", "--db", db, "--manifest", manifest, *seeds], capsys)[0] == 0
    code, out, _ = run_cli(["ingest", "--db", db, "--manifest", manifest, *seeds], capsys)
    assert code == 0 and "0 documents added, 2 already stored" in out
    binary = write(tmp_path, "image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    empty = write(tmp_path, "empty.txt", b"")
    jsonl = write(tmp_path, "more.jsonl", json.dumps({"id": "n1", "published": "2023-03-21", "text":
                  "Japan and South Korea agreed on Tuesday to resume security talks."}) + "\n{broken\n")
    code, out, err = run_cli(["ingest", "--db", db, binary, empty, jsonl], capsys)
    assert code == 1 and "Traceback" not in out + err
    assert binary in err and empty in err and f"{jsonl}:2:" in err
    assert re.search(r"1 document added.*3 inputs skipped with problems", out)
    assert Store.open(db).counts()["documents"] == 3

    out_file = str(tmp_path / "e.jsonl")
    run_cli(["export", "--db", db, "--out", out_file], capsys)
    recs = [json.loads(x) for x in open(out_file, encoding="utf-8")]
    docs = {r["source"].rsplit("/", 1)[-1]: r for r in recs if r["kind"] == "document"}
    assert docs["000_f95afdea6543a468.txt"]["published"] == "2023-03-18"
    assert docs["000_f95afdea6543a468.txt"]["title"].startswith("The more turbulent the world is")
    assert docs["003_6405d16e14149a80.txt"]["published"] == "2023-03-20"
    assert "Xi Jinping discusses friendship" in docs["003_6405d16e14149a80.txt"]["title"]
    within = [r for r in recs if r["kind"] == "reuse" and r["doc_a"] == r["doc_b"]]
    phrases = ("I will shortly travel to the Russian Federation", "Photo: Courtesy of Chinese Embassy to Russia",
               "China-Europe freight train")
    assert all(any(p in r["text_a"] for r in within) for p in phrases)
