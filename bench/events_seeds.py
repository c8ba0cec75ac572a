"""Score the event coder alone on the two seed texts, without the store.

    .venv/bin/python bench/events_seeds.py [--out /tmp/events_seeds.jsonl] [--no-score]

Why: the seeds are the development answer key for events (``/work/shared/eval/gold/seeds.json``);
this script annotates each seed with ``bilat.nlp.annotate_text`` (paragraphs = blank-line blocks of
the file as it is, so offsets are into the raw file rather than the cleaned text the store keeps),
writes one ``document`` record per seed (``source`` = the seed path: the scorer matches by file
name) plus its ``event`` records, and runs the shared scorer on that export. It also reports how
many seed sentences the cheap event gate lets through to the parser.

``bilat ingest`` + ``bilat export`` is the end-to-end path; this one isolates the event component
(only ``bilat_actors`` and ``bilat_events`` are run).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from bilat import nlp
from bilat.extract.events import might_hold_event
from bilat.model import stable_id

SEEDS = Path("/work/shared/corpus/seeds")
GOLD = Path("/work/shared/eval/gold/seeds.json")
SCORER = Path("/work/shared/eval/score.py")


def manifest(folder: Path) -> dict[str, dict]:
    """Manifest rows by file name (publication dates the files do not carry)."""
    out = {}
    with open(folder / "manifest.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                out[row["path"]] = row
    return out


def published_of(path: Path, meta: dict) -> dt.date | None:
    """The manifest date, else the gold key's date for that file (the first seed states it in its
    text as 'Published: Mar 18, 2023', which the lead's cleaner reads; here we take it from the key)."""
    if meta.get("published"):
        return dt.date.fromisoformat(meta["published"])
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["documents"].get(path.name, {})
    return dt.date.fromisoformat(gold["published"]) if gold.get("published") else None


def run(out: Path) -> dict[str, int]:
    pipeline = nlp.load(("bilat_actors", "bilat_events"))
    meta = manifest(SEEDS)
    counts = {"sentences": 0, "gated": 0, "events": 0, "gate_missed": 0}
    with open(out, "w", encoding="utf-8") as f:
        for path in sorted(SEEDS.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            published = published_of(path, meta.get(path.name, {}))
            doc_id = stable_id("d", path.name)
            docs = nlp.annotate_text(text, published, doc_id=doc_id, nlp=pipeline)
            sentences = docs[0]._.ctx.doc.sentences if docs else []
            counts["sentences"] += len(sentences)
            counts["gated"] += sum(might_hold_event(text[s:e]) for s, e, _ in sentences)
            f.write(json.dumps({"kind": "document", "id": doc_id, "source": str(path),
                                "published": published.isoformat() if published else None,
                                "title": text.strip().splitlines()[0]}, ensure_ascii=False) + "\n")
            for d in docs:
                if d._.events and not might_hold_event(d.text):
                    counts["gate_missed"] += len(d._.events)  # events the gate would have cost
                for ev in d._.events or []:
                    rec = ev.to_dict()
                    rec["doc"] = doc_id
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    counts["events"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("/tmp/events_seeds.jsonl"))
    ap.add_argument("--no-score", action="store_true", help="only write the export")
    a = ap.parse_args(argv)
    c = run(a.out)
    print(f"gate: {c['gated']}/{c['sentences']} seed sentences pass the event gate "
          f"({c['gated'] / max(c['sentences'], 1):.0%}), {c['gate_missed']} events in sentences it rejects; "
          f"{c['events']} events written to {a.out}")
    if a.no_score:
        return 0
    return subprocess.call([sys.executable, str(SCORER), "--gold", str(GOLD), str(a.out), "--misses"])


if __name__ == "__main__":
    sys.exit(main())
