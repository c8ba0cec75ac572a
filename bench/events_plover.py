"""A rough check of the event coder against the PLOVER synthetic stories (document-level labels).

    .venv/bin/python bench/events_plover.py [--per-type 60] [--all] [--seed 1] [--confusion 3]

``/work/shared/data/plover/gpt_synthetic_events_2023-10-19_19.csv`` holds 4,500 machine-written
news stories, each labelled with one PLOVER type (and mode) for the whole story. bilat codes
sentences, so the check is: is the story's label among the types of the events bilat codes in it?

* recall(type)    = stories labelled T in which some event of type T is coded / stories labelled T
* precision(type) = stories in which an event of type T is coded and whose label is T
                    / stories in which an event of type T is coded
  (low by construction: a story about a strike also reports arrests and demands)
* first-event accuracy: the first coded event's type equals the label;
* confusion: for stories whose label is missed, the types coded instead (or "none").

The stories are invented and their labels are noisy (many are off-topic for their label); read
the numbers as a coverage check of the lexicon across the 16 types, not as an accuracy figure.
Sampling is stratified by label (``--per-type`` stories of each, fixed seed); ``--all`` runs every
story. Sentences go through the real gate, so the gate pass rate on these stories is reported too.
"""
from __future__ import annotations

import argparse
import collections
import csv
import random
import sys
import time
from pathlib import Path

from bilat import nlp
from bilat.extract.events import might_hold_event
from bilat.model import EVENT_TYPES

STORIES = Path("/work/shared/data/plover/gpt_synthetic_events_2023-10-19_19.csv")


def sample(rows: list[dict], per_type: int | None, seed: int) -> list[dict]:
    if per_type is None:
        return rows
    rng = random.Random(seed)
    by: dict[str, list[dict]] = collections.defaultdict(list)
    for r in rows:
        by[r["label"]].append(r)
    out = []
    for label in sorted(by):
        group = by[label]
        out += rng.sample(group, min(per_type, len(group)))
    return out


def run(stories: list[dict]) -> dict:
    pipeline = nlp.load(("bilat_actors", "bilat_events"))
    hits: collections.Counter = collections.Counter()  # label found among coded types
    labelled: collections.Counter = collections.Counter()
    coded_in: collections.Counter = collections.Counter()  # stories with >= 1 event of type T
    coded_right: collections.Counter = collections.Counter()
    first_right = with_events = 0
    confusion: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    sentences = gated = 0
    for i, row in enumerate(stories):
        label = row["label"].strip().upper()
        docs = nlp.annotate_text(row["text"], None, doc_id=f"p-{i}", nlp=pipeline, gate=True)
        ctx_sents = docs[0]._.ctx.doc.sentences if docs else []
        if docs:
            sentences += len(ctx_sents)
            gated += len(docs)
        else:  # nothing passed the gate: count the story's sentences anyway
            sentences += sum(1 for line in row["text"].split(". ") if line.strip())
        events = [ev for d in docs for ev in (d._.events or [])]
        types = {ev.type for ev in events}
        labelled[label] += 1
        if label in types:
            hits[label] += 1
        else:
            for t in sorted(types) or ["none"]:
                confusion[label][t] += 1
        for t in types:
            coded_in[t] += 1
            coded_right[t] += t == label
        if events:
            with_events += 1
            first_right += events[0].type == label
    return {"labelled": labelled, "hits": hits, "coded_in": coded_in, "coded_right": coded_right,
            "first_right": first_right, "with_events": with_events, "confusion": confusion,
            "sentences": sentences, "gated": gated, "stories": len(stories)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-type", type=int, default=60, help="stories per label (stratified sample)")
    ap.add_argument("--all", action="store_true", help="every story (about 20 minutes)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--confusion", type=int, default=3, help="types listed per missed label")
    a = ap.parse_args(argv)
    with open(STORIES, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    stories = sample(rows, None if a.all else a.per_type, a.seed)
    t0 = time.perf_counter()
    r = run(stories)
    secs = time.perf_counter() - t0
    n = r["stories"]
    print(f"{n} stories ({'all' if a.all else f'{a.per_type} per label, seed {a.seed}'}), {secs:.0f} s; "
          f"gate passed {r['gated']}/{r['sentences']} sentences ({r['gated'] / max(r['sentences'], 1):.0%})")
    tot_hits = sum(r["hits"].values())
    print(f"label among coded types: {tot_hits}/{n} = {tot_hits / n:.3f}; stories with any event "
          f"{r['with_events']}/{n}; first event's type = label {r['first_right']}/{n} = {r['first_right'] / n:.3f}")
    print(f"{'type':10s} {'stories':>7s} {'recall':>7s} {'precision':>9s}  missed -> coded instead")
    for t in EVENT_TYPES:
        lab = r["labelled"][t]
        rec = r["hits"][t] / lab if lab else 0.0
        prec = r["coded_right"][t] / r["coded_in"][t] if r["coded_in"][t] else 0.0
        conf = ", ".join(f"{k} {v}" for k, v in r["confusion"][t].most_common(a.confusion))
        print(f"{t:10s} {lab:7d} {rec:7.3f} {prec:9.3f}  {conf}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
