"""Development run of the figures extractor on the two seed texts, scored with shared/eval/score.py.

    .venv/bin/python bench/figures_seeds.py [--out /tmp/figures_seeds.jsonl] [--misses]

Used while ``bilat ingest``/``bilat export`` were being built: it annotates the raw seed files
(dateline, captions and the repeated paragraph included) with ``bilat.nlp.annotate_text`` and
writes a JSONL export with one ``document`` record per seed and its ``figure`` records.
The publication dates come from the seed manifest, or the text's own "Published:" line.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import pathlib
import re
import subprocess
import sys

from bilat.model import stable_id
from bilat.nlp import annotate_text, load

SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold" / "seeds.json"


def published_dates() -> dict[str, dt.date]:
    """Manifest dates, else the "Published: Mar 18, 2023" line of the text."""
    out: dict[str, dt.date] = {}
    for line in (SEEDS / "manifest.jsonl").read_text().splitlines():
        rec = json.loads(line)
        if rec.get("published"):
            out[rec["path"]] = dt.date.fromisoformat(rec["published"])
    for path in sorted(SEEDS.glob("*.txt")):
        m = re.search(r"Published:\s+([A-Z][a-z]{2}) (\d{1,2}), (\d{4})", path.read_text(encoding="utf-8"))
        if path.name not in out and m:
            out[path.name] = dt.datetime.strptime(" ".join(m.groups()), "%b %d %Y").date()
    return out


def run(out_path: pathlib.Path) -> int:
    dates = published_dates()
    nlp = load(("bilat_actors", "bilat_figures"))  # only what figures need
    n = 0
    with out_path.open("w", encoding="utf-8") as f:
        for path in sorted(SEEDS.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            doc_id = stable_id("d", path.name)
            f.write(json.dumps({"kind": "document", "id": doc_id, "source": str(path),
                                "published": dates[path.name].isoformat() if path.name in dates else None}) + "\n")
            for sent in annotate_text(text, published=dates.get(path.name), doc_id=doc_id, nlp=nlp, gate=True):
                for fig in sent._.figures or []:
                    fig.doc = doc_id
                    f.write(json.dumps(fig.to_dict(), ensure_ascii=False) + "\n")
                    n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="/tmp/figures_seeds.jsonl")
    ap.add_argument("--misses", action="store_true")
    a = ap.parse_args(argv)
    n = run(pathlib.Path(a.out))
    print(f"{n} figures -> {a.out}")
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(GOLD), a.out]
    if a.misses:
        cmd.append("--misses")
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
