"""Time and peak memory of reuse detection over 100,000 passages of real text.

    .venv/bin/python bench/reuse.py [--passages 100000] [--seed 13]

The documents are the 4,500 PLOVER stories and the two seed texts, then rewrites of the stories
(cut-and-paste, light and heavy revisions, as in ``bench/reuse_quality.py``) until the passages
reach the target, so that queries do find reuse as they would in a store of syndicated news.
Three phases are timed:

1. ``find_reuse`` over all documents in batches of 500 into one index (what ingest does:
   passages, signatures, LSH insert and query, alignment of candidate document pairs);
2. rebuilding the index from the stored signature rows (what a new process does at start);
3. one more batch of 100 new rewrites against the full rebuilt index (incremental ingest).

Peak memory is the process's maximum resident set size (``resource.getrusage``), which covers
everything: Python, the texts, the index. Target: under 10 minutes and 4 GB in all.
"""
from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from reuse_quality import PLOVER, cut, heavy, light  # noqa: E402

from bilat.link.reuse import ReuseIndex, find_reuse, passage_spans  # noqa: E402
from bilat.model import Document  # noqa: E402

SEEDS = Path("/work/shared/corpus/seeds")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def corpus(target: int, rng: random.Random) -> list[tuple[str, str]]:
    stories = [r["text"] for r in csv.DictReader(open(PLOVER, encoding="utf-8")) if r["text"].strip()]
    docs = [(f"s{k}", t) for k, t in enumerate(stories)]
    docs += [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    total = sum(len(passage_spans(t)) for _, t in docs)
    k = 0
    while total < target:
        src = rng.randrange(len(stories))
        kind = ("cut", "light", "heavy")[k % 3]
        text = {"cut": lambda t: cut(t, stories[rng.randrange(len(stories))], rng),
                "light": lambda t: light(t, rng), "heavy": lambda t: heavy(t, rng)}[kind](stories[src])
        docs.append((f"s{src}-{kind}{k}", text))
        total += len(passage_spans(text))
        k += 1
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--passages", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--batch", type=int, default=500)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    t0 = time.perf_counter()
    docs = corpus(args.passages, rng)
    texts = dict(docs)
    print(f"corpus: {len(docs)} documents built in {time.perf_counter() - t0:.1f}s")

    index = ReuseIndex()
    records = 0
    t0 = time.perf_counter()
    for k in range(0, len(docs), args.batch):
        batch = [Document(id=i, source=i, text=t, raw_text=t) for i, t in docs[k:k + args.batch]]
        records += len(find_reuse(batch, index, texts.__getitem__))
    t_ingest = time.perf_counter() - t0
    print(f"index+query: {len(index)} passages of {len(docs)} documents, {records} reuse records, "
          f"{t_ingest:.1f}s ({len(index) / t_ingest:.0f} passages/s)")

    rows = [(p.doc_id, p.idx, p.start, p.end, p.sig) for d in index.documents for p in index.passages_of(d)]
    del index
    t0 = time.perf_counter()
    rebuilt = ReuseIndex.from_signatures(rows)
    t_rebuild = time.perf_counter() - t0
    print(f"rebuild from {len(rows)} stored signatures: {t_rebuild:.1f}s")

    stories = [t for i, t in docs if "-" not in i and i.startswith("s")]
    extra = [(f"new{k}", light(stories[rng.randrange(len(stories))], rng)) for k in range(100)]
    texts.update(extra)
    t0 = time.perf_counter()
    found = find_reuse([Document(id=i, source=i, text=t, raw_text=t) for i, t in extra], rebuilt,
                       texts.__getitem__)
    t_new = time.perf_counter() - t0
    linked = len({r.doc_b for r in found if r.doc_a != r.doc_b})
    print(f"incremental: 100 new documents against {len(rebuilt)} passages: {t_new:.1f}s, "
          f"{linked}/100 linked to their source")

    total = t_ingest + t_rebuild + t_new
    print(f"TOTAL time {total:.1f}s ({total / 60:.1f} min; target < 10 min)")
    print(f"PEAK memory (max RSS) {peak_rss_mb():.0f} MB (target < 4096 MB)")


if __name__ == "__main__":
    main()
