"""Events in whole real articles: bilat's event export scored with the project's scorer.

    .venv/bin/python bench/real_event_articles.py [--data PATH] [--details dev|test|all] [--misses FILE] [--json] [--quiet]

Data: ``bench/data/real_event_articles.jsonl`` (see bench/data/README.md, section "Events in whole
articles"): 37 real articles -- Reuters-21578 wire copy (1987), BBC business copy (2004-05), White
House releases (2023), CNN (2024) -- with hand-written gold (required events for the main acts of
the story, optional ones for every other reasonable coding).

``--data PATH`` scores another file of the same format instead, e.g.
``bench/data/real_event_articles_2.jsonl`` (27 more Reuters-21578 articles, 1987, gold written
before bilat was run on them; see the README section "Events in whole articles, second set") or
``bench/data/real_event_articles_3.jsonl`` (35 modern texts, 2020-2024: White House and UN statements,
CNN, The Economist, MailOnline; section "third set").

Why whole articles: the sentence benchmark (``bench/real_eval.py``) gives the coder one sentence with
its actors in it. In an article every sentence is coded and every exported event counts for
precision -- background clauses, quotes, repeated mentions, domestic acts -- and actors, status and
dates come from context (pronouns, "the minister", datelines, "on Tuesday" against the publication
date).

How it runs: the articles are written to a temporary JSON Lines file (id, text, title, published)
and ingested with bilat's own pipeline into a temporary SQLite store (``bilat.open(db).ingest``, the
path of ``bilat ingest``), then read back with ``bilat.export.records`` -- exactly what ``bilat
export`` writes. Scoring calls ``score()`` of ``shared/eval/score.py`` (imported from
``../shared/eval/score.py``, or ``BILAT_SCORE_PY``) per split: precision over every exported event of
the split's articles (right when it matches any gold item of its article, required or not), recall
over the required items.

Output: the aggregates of both splits first and last; for the split(s) chosen with ``--details``
(default: dev only -- keep ``test`` unread), false positives by type and misses by the first failing
condition of the nearest coded event (``no event of the type``, ``countries``, ``mode``, ``status``,
``date``). ``--misses FILE`` writes the wrong records and missed items of the detailed split(s) as JSON.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import sys
from pathlib import Path

from realtext import ingest_articles, load_score, read_jsonl

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "real_event_articles.jsonl"
SPLITS = ("dev", "test")
CONDITIONS = ("type", "countries", "mode", "status", "date")


def run_bilat(arts: list[dict]) -> tuple[dict[str, dict], list[dict], float]:
    """Ingest the articles into a temporary store; (document records by article id, all exported
    records, seconds)."""
    recs, article_of, took = ingest_articles(arts, "bilat-event-articles-")
    docs = {article_of[r["id"]]: r for r in recs if r["kind"] == "document"}
    return docs, recs, took


def gold_key(arts: list[dict], docs: dict[str, dict], score) -> dict:
    """The articles' gold in the scorer's answer-key format (documents named as the scorer names
    them: the file name at the end of each record's source)."""
    def name(a):
        d = docs.get(a["id"])
        return os.path.basename(str(d.get("source") or "")) if d else a["id"]

    key = {"documents": {}, "events": []}
    for a in arts:
        key["documents"][name(a)] = {"published": a.get("published"), "title_contains": ""}
        for g in a["events"]:
            key["events"].append(dict(g, doc=name(a)))
    return key


def split_records(recs: list[dict], docs: dict[str, dict], ids: set[str]) -> tuple[dict, dict]:
    """The scorer's (docs, recs) restricted to the given article ids."""
    want = {d["id"] for aid, d in docs.items() if aid in ids}
    sdocs = {d["id"]: d for aid, d in docs.items() if aid in ids}
    srecs = {k: [] for k in ("figures", "events", "commitments", "reuse")}
    srecs["events"] = [r for r in recs if r["kind"] == "event" and r.get("doc") in want]
    return sdocs, srecs


def failing(g: dict, r: dict, score) -> str | None:
    """The first condition of ``match_event`` that the record fails for the gold item."""
    if str(r.get("type") or "").upper() not in g["type_any"]:
        return "type"
    if not set(g.get("countries") or []) <= score.codes(r.get("source")) | score.codes(r.get("target")):
        return "countries"
    if g.get("mode_any") and not any(score.norm(m) in score.norm(r.get("mode")) for m in g["mode_any"]):
        return "mode"
    if g.get("status") and r.get("status") != g["status"]:
        return "status"
    if not score.overlap_ok(g.get("date"), r.get("date"), g.get("date_slack_days", 31)):
        return "date"
    return None


def breakdown(arts: list[dict], docs: dict, recs: list[dict], score) -> dict:
    """False positives by type and misses by failing condition, with the evidence."""
    by_doc = collections.defaultdict(list)
    for r in recs:
        if r["kind"] == "event":
            by_doc[r.get("doc")].append(r)
    fp_types: collections.Counter = collections.Counter()
    miss_conds: collections.Counter = collections.Counter()
    wrong, missed = [], []
    for a in arts:
        d = docs.get(a["id"])
        evs = by_doc.get(d["id"], []) if d else []
        gold = a["events"]
        for r in evs:
            if not any(score.match_event(g, r) for g in gold):
                fp_types[r.get("type")] += 1
                wrong.append({"article": a["id"], "type": r.get("type"), "mode": r.get("mode"),
                              "source": sorted(score.codes(r.get("source"))),
                              "target": sorted(score.codes(r.get("target"))),
                              "status": r.get("status"), "date": r.get("date"), "trigger": r.get("trigger"),
                              "text": r.get("text")})
        for g in gold:
            if not g.get("required") or any(score.match_event(g, r) for r in evs):
                continue
            # the nearest coded event: the one that passes the most conditions in order
            best, cond = None, "type"
            for r in evs:
                c = failing(g, r, score)
                if CONDITIONS.index(c) > CONDITIONS.index(cond) or best is None and c != "type":
                    best, cond = r, c
            label = "no event of the type" if cond == "type" else cond
            miss_conds[label] += 1
            missed.append({"article": a["id"], "gold": g["id"], "type_any": g["type_any"],
                           "countries": g.get("countries"), "status": g.get("status"), "date": g.get("date"),
                           "note": g.get("note"), "fails": label,
                           "nearest": None if best is None else {
                               k: best.get(k) for k in ("type", "mode", "status", "date", "date_text", "trigger", "text")}
                           | {"source": sorted(score.codes(best.get("source"))),
                              "target": sorted(score.codes(best.get("target")))}})
    return {"fp_by_type": dict(fp_types.most_common()), "misses_by_condition": dict(miss_conds.most_common()),
            "wrong": wrong, "missed": missed}


def aggregate_line(sp: str, res: dict, n_art: int) -> str:
    e = res["events"]
    return (f"[{sp}] events P={e['precision']:.3f} R={e['recall']:.3f} F1={e['f1']:.3f} "
            f"({n_art} articles; exported {e['exported']}, correct {e['correct']}; "
            f"required {e['required']}, found {e['found']})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA,
                    help="articles with gold, JSON Lines (default bench/data/real_event_articles.jsonl)")
    ap.add_argument("--details", choices=("dev", "test", "all"), default="dev",
                    help="split whose false positives and misses are listed (default dev)")
    ap.add_argument("--misses", type=Path, help="write the detailed split's wrong records and misses here (JSON)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--quiet", action="store_true", help="aggregates and breakdown counts only")
    a = ap.parse_args(argv)
    score = load_score()
    arts = read_jsonl(a.data)
    docs, recs, took = run_bilat(arts)
    results: dict = {"ingest_seconds": round(took, 1)}
    details: dict = {}
    for sp in SPLITS:
        part = [x for x in arts if x["split"] == sp]
        ids = {x["id"] for x in part}
        sdocs, srecs = split_records(recs, docs, ids)
        key = gold_key(part, docs, score)
        res = score.score(key, sdocs, srecs)
        bd = breakdown(part, docs, recs, score)
        results[sp] = {"articles": len(part), "events": {k: v for k, v in res["events"].items()
                                                         if k not in ("missed", "wrong")},
                       "fp_by_type": bd["fp_by_type"], "misses_by_condition": bd["misses_by_condition"]}
        if a.details in (sp, "all"):
            details[sp] = bd
    if a.json:
        print(json.dumps(results | {"details": details} if not a.quiet else results, indent=1,
                         ensure_ascii=False, default=str))
    else:
        print(f"real articles: {len(arts)} ({took:.0f} s to ingest)")
        for sp in SPLITS:
            print(aggregate_line(sp, results[sp], results[sp]["articles"]))
        for sp, bd in details.items():
            print(f"[{sp}] false positives by type: " +
                  ", ".join(f"{t} {n}" for t, n in bd["fp_by_type"].items()))
            print(f"[{sp}] misses by failing condition: " +
                  ", ".join(f"{t} {n}" for t, n in bd["misses_by_condition"].items()))
            if a.quiet:
                continue
            for m in bd["missed"]:
                near = m["nearest"]
                print(f"  MISS {m['gold']} {'/'.join(m['type_any'])} {m['countries']} "
                      f"status={m['status']} date={m['date']} -- fails {m['fails']}")
                if near:
                    print(f"       nearest: {near['type']} {near['source']}->{near['target']} "
                          f"status={near['status']} date={near['date']} ({near['trigger']}) {near['text'][:140]!r}")
            for w in bd["wrong"]:
                print(f"  WRONG {w['article']} {w['type']}/{w['mode']} {w['source']}->{w['target']} "
                      f"{w['status']} {w['date']} ({w['trigger']}) {w['text'][:150]!r}")
        for sp in SPLITS:
            print(aggregate_line(sp, results[sp], results[sp]["articles"]))
    if a.misses:
        a.misses.write_text(json.dumps(details, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
