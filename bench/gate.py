"""Quality gate: bilat's extraction scores on the gold files kept in this repository must not fall
below the floors recorded in ``bench/floors.json``.

    .venv/bin/python bench/gate.py                      # measure, compare, exit 1 on a regression
    .venv/bin/python bench/gate.py --update             # raise the floors to what was measured
    .venv/bin/python bench/gate.py --update --allow-regression   # also lower them (say why in the commit)

Measured (every gold file is in ``bench/data/``, so CI can run this on a fresh clone):

* ``figures.strict_f1`` and ``figures.value_unit_f1``: bench/figures.py's gold (wire, business and
  diplomatic sentences), bilat's figures matched strictly and on value and unit alone;
* ``events.type_accuracy``, ``events.country_f1`` and ``events.event_f1``: bench/events.py's
  sentences (all splits), the principal event's type, its actor countries and scorer-style events.

``floors.json`` also keeps a digest of each gold file: when a gold file changes the old floors
no longer describe it, and the gate says so until ``--update`` records floors for the new gold.
The slow test ``tests/test_quality_gate.py`` runs this gate in CI.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
FLOORS = HERE / "floors.json"
GOLD_FILES = ("data/figures_gold.jsonl", "data/event_sentences.jsonl")


def digest(rel: str) -> str:
    return hashlib.sha256((HERE / rel).read_bytes()).hexdigest()[:16]


def measure_figures() -> dict[str, float]:
    import figures

    items = figures.load_gold(figures.GOLD)
    out, _, _ = figures.run_bilat(items)
    return {"figures.strict_f1": figures.score(items, out, figures.match_strict)["f1"],
            "figures.value_unit_f1": figures.score(items, out, figures.match_value_unit)["f1"]}


def measure_events() -> dict[str, float]:
    import events
    from realtext import read_jsonl

    rows = read_jsonl(events.DATA)
    res = events.evaluate(rows, events.code(rows))
    return {"events.type_accuracy": res["type_accuracy"], "events.country_f1": res["country"]["f1"],
            "events.event_f1": res["events"]["f1"]}


MEASURES: tuple[Callable[[], dict[str, float]], ...] = (measure_figures, measure_events)


def measure() -> dict[str, float]:
    out: dict[str, float] = {}
    for m in MEASURES:
        out.update({k: round(v, 3) for k, v in m().items()})
    return out


def compare(scores: dict[str, float], floors: dict) -> list[str]:
    """The lines that make the gate fail: a score below its floor, a floor never measured, or gold
    files that are not the ones the floors were recorded on."""
    problems = []
    for rel, d in floors.get("digests", {}).items():
        if (HERE / rel).exists() and digest(rel) != d:
            problems.append(f"bench/{rel}: changed since the floors were recorded; run bench/gate.py --update")
    for name, floor in floors.get("floors", {}).items():
        if name not in scores:
            problems.append(f"{name}: has a floor ({floor}) but was not measured")
        elif scores[name] < floor:
            problems.append(f"{name}: {scores[name]:.3f} is below its floor {floor:.3f}")
    return problems


def updated(scores: dict[str, float], floors: dict, allow_regression: bool) -> tuple[dict, list[str]]:
    """New floors: every measured score, unless it would lower a floor without ``allow_regression``
    (then the floor stays and the refusal is reported)."""
    old = floors.get("floors", {})
    new, refused = {}, []
    for name, value in sorted(scores.items()):
        if name in old and value < old[name] and not allow_regression:
            refused.append(f"{name}: {value:.3f} would lower the floor {old[name]:.3f} (--allow-regression to accept)")
            new[name] = old[name]
        else:
            new[name] = value
    return {"digests": {rel: digest(rel) for rel in GOLD_FILES}, "floors": new}, refused


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--floors", type=Path, default=FLOORS)
    ap.add_argument("--update", action="store_true", help="record the measured scores as the new floors")
    ap.add_argument("--allow-regression", action="store_true", help="with --update: also lower floors")
    a = ap.parse_args(argv)
    floors = json.loads(a.floors.read_text(encoding="utf-8")) if a.floors.exists() else {}
    scores = measure()
    for name, value in sorted(scores.items()):
        floor = floors.get("floors", {}).get(name)
        print(f"{name:24s} {value:.3f}" + (f"   floor {floor:.3f}" if floor is not None else "   (no floor)"))
    if a.update:
        new, refused = updated(scores, floors, a.allow_regression)
        a.floors.write_text(json.dumps(new, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{a.floors}: floors recorded")
        for line in refused:
            print(line, file=sys.stderr)
        return 1 if refused else 0
    problems = compare(scores, floors)
    for line in problems:
        print(line, file=sys.stderr)
    print("quality gate: " + ("FAILED" if problems else "passed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
