"""bilat's commitments on real articles it was not written for: Reuters-21578 wire copy (1987) and BBC
business news (2004-2005) with hand-written commitment gold.

    .venv/bin/python bench/real_commitments.py [--split dev|dev2|dev3|test] [--misses FILE] [--json] [--show]

Data: ``bench/data/real_commitments.jsonl`` and ``bench/data/real_commitments_dev3.jsonl`` (see
bench/data/README.md, section "Commitments"): one
article a line (text, published date or null, provenance, licence, ``split``) with ``commitments``,
the gold written from the text before bilat was run on it. A gold item has ``actors`` (ISO3; empty
when the committing party is a company or a body with no country), ``what_any`` (groups of words, one
of each group must be in the record's ``what``), ``target_value`` (only when the text gives the
amount committed to), ``deadline`` (a period, or null) and ``required`` (false for readings a
reader may or may not count -- meetings, proposals, forecasts of an actor's own plans, conditional
acts: accepted for precision, not needed for recall).

Matching is ``match_commitment`` of ``shared/eval/score.py`` (imported from there): the gold actors
are all among the record's, every ``what_any`` group has a word in ``what``, the target value within
0.5 % when the gold has one, the deadline overlapping the gold's and inside it give or take 31 days
when the gold has one. Precision is over every exported commitment of the articles (right when it
matches any gold item of its article, required or not); recall over the required items. Results are
printed per split; ``dev``, ``dev2`` and ``dev3`` are for error analysis, ``test`` is the estimate.

How it runs: the articles are written to a temporary JSON Lines file and ingested with bilat's own
pipeline into a temporary SQLite store, then read back as the export (``bilat.export.records``), so
what is scored is what ``bilat export`` writes.

The diagnosis of each miss (``--misses``, ``--show``) names the first condition that fails against
the nearest record of the article: ``no record`` (nothing in the article shares a ``what`` word),
``actors``, ``value``, ``deadline``.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

from realtext import load_score, prf, read_jsonl, records_by_article

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "real_commitments.jsonl"
# further blind development sets, one file each (the same format)
MORE_DATA = (HERE / "data" / "real_commitments_dev3.jsonl",)
SPLITS = ("dev", "dev2", "dev3", "test")


def run_bilat(arts: list[dict]) -> tuple[dict[str, list[dict]], float]:
    """Ingest the articles into a temporary store; their exported commitments by article id."""
    return records_by_article(arts, ("commitment",), "bilat-real-commitments-")


def why_not(g: dict, r: dict, score) -> str:
    """The first condition of ``match_commitment`` that ``r`` fails for ``g`` ("" when it matches)."""
    if not score.words_ok(g.get("what_any"), r.get("what", "")):
        return "what"
    if not set(g.get("actors") or []) <= score.codes(r.get("actors")):
        return "actors"
    if "target_value" in g and not score.value_ok(g["target_value"], r.get("target_value")):
        return "value"
    if not score.overlap_ok(g.get("deadline"), r.get("deadline"), g.get("deadline_slack_days", 31)):
        return "deadline"
    return ""


def brief(r: dict) -> dict:
    return {k: r.get(k) for k in ("actors", "what", "target_value", "unit", "deadline", "deadline_text", "text")}


def score_split(arts: list[dict], got: dict[str, list[dict]], score) -> tuple[dict, list[dict]]:
    tp_pred = n_pred = tp_gold = n_gold = 0
    causes: collections.Counter = collections.Counter()
    out: list[dict] = []
    for a in arts:
        recs = got.get(a["id"], [])
        gold = a["commitments"]
        req = [g for g in gold if g.get("required", True)]
        good = [r for r in recs if any(score.match_commitment(g, r) for g in gold)]
        found = [g for g in req if any(score.match_commitment(g, r) for r in recs)]
        tp_pred += len(good)
        n_pred += len(recs)
        tp_gold += len(found)
        n_gold += len(req)
        for g in req:
            if g in found:
                continue
            near = [r for r in recs if score.words_ok(g.get("what_any"), r.get("what", ""))]
            cause = why_not(g, near[0], score) if near else "no record"
            causes[cause] += 1
            out.append({"article": a["id"], "split": a["split"], "kind": "missed", "cause": cause,
                        "gold": {k: g.get(k) for k in ("id", "actors", "what_any", "target_value", "deadline", "note")},
                        "nearest": [brief(r) for r in near[:2]]})
        for r in recs:
            if r not in good:
                out.append({"article": a["id"], "split": a["split"], "kind": "wrong", "record": brief(r)})
    p, rc, f = prf(tp_pred, n_pred, tp_gold, n_gold)
    return {"articles": len(arts), "precision": p, "recall": rc, "f1": f, "exported": n_pred, "right": tp_pred,
            "required": n_gold, "found": tp_gold, "miss_causes": dict(causes.most_common())}, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=SPLITS, help="score one split only (all are ingested)")
    ap.add_argument("--misses", type=Path, help="write misses and wrong records here (JSON)")
    ap.add_argument("--show", action="store_true", help="print misses and wrong records of the split(s)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    a = ap.parse_args(argv)
    score = load_score()
    arts = read_jsonl(DATA) + [x for p in MORE_DATA if p.exists() for x in read_jsonl(p)]
    got, took = run_bilat(arts)
    results: dict = {"ingest_seconds": round(took, 1)}
    misses: dict = {}
    for sp in (a.split,) if a.split else SPLITS:
        res, out = score_split([x for x in arts if x["split"] == sp], got, score)
        results[sp] = res
        misses[sp] = out
    if a.json:
        print(json.dumps(results, indent=1))
    else:
        print(f"commitments on real articles: {len(arts)} ({took:.0f} s to ingest)")
        for sp, res in results.items():
            if sp == "ingest_seconds":
                continue
            print(f"[{sp}] commitments P={res['precision']:.3f} R={res['recall']:.3f} F1={res['f1']:.3f} "
                  f"({res['articles']} articles; exported {res['exported']}, right {res['right']}; "
                  f"required {res['required']}, found {res['found']})")
            print(f"[{sp}]   misses by first failing condition: " +
                  ", ".join(f"{k} {v}" for k, v in res["miss_causes"].items()))
            if a.show:
                for m in misses[sp]:
                    if m["kind"] == "missed":
                        g = m["gold"]
                        print(f"  MISS {g['id']} [{m['cause']}] {g['actors']} {g['what_any']} "
                              f"{g.get('target_value')} {g.get('deadline')} -- {g.get('note')}")
                        for r in m["nearest"]:
                            print(f"       near: {r['actors']} {r['what']!r} {r['target_value']} {r['deadline']}")
                    else:
                        r = m["record"]
                        print(f"  WRONG {m['article']}: {r['actors']} {r['what']!r} {r['target_value']} "
                              f"{r['deadline']} | {r['text'][:110]}")
    if a.misses:
        a.misses.write_text(json.dumps(misses, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
