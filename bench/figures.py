"""Figures benchmark: bilat against quantulum3 on the same hand-written gold.

    .venv/bin/python bench/figures.py [--gold bench/data/figures_gold.jsonl] [--misses] [--style wire]

The gold (``bench/data/figures_gold.jsonl``) holds real-world style sentences - 1987 Reuters
economic wire copy, FT/Bloomberg business news and 2023 diplomatic news - each with the
figure records an analyst expects (value, unit, qualifier, value_type, period, countries, flow).

Two matches, both scored like ``shared/eval/score.py`` (precision over every record a system
outputs for a sentence, recall over the gold items marked required):

* **value+unit**: the absolute value within 0.5 % and the same unit family (a currency code;
  percent for a level, a change or a fraction; count; a duration; rank ...). This is all a
  generic quantity parser can be asked for.
* **strict**: the record as exported: signed value, exact unit, qualifier class, value_type,
  period (within 31 days at each end, when the gold has one), the gold countries among the
  record's and the flow.

Speed is sentences per second for the whole path each system needs: bilat splits sentences,
parses the ones its gate lets through and runs ``bilat_actors`` and ``bilat_figures``;
quantulum3 parses each text.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import pathlib
import sys
import time
import warnings
from collections import defaultdict
from typing import Any, Callable

HERE = pathlib.Path(__file__).resolve().parent
GOLD = HERE / "data" / "figures_gold.jsonl"
QUALIFIER_CLASS = {"more_than": "above", "at_least": "above", "less_than": "below", "up_to": "below",
                   "about": "about", "exact": "exact"}
FAMILY = {"percent": "percent", "percent_change": "percent", "percentage_points": "points", "points": "points",
          "basis_points": "points", "count": "count", "rank": "rank", "years": "years", "months": "months",
          "days": "days", "hours": "hours", "weeks": "weeks", "minutes": "minutes", "times": "times"}
# quantulum3 unit names -> bilat units (its currency entities carry no ISO code)
QUANTULUM_UNITS = {
    "dollar": "USD", "united states dollar": "USD", "euro": "EUR", "pound sterling": "GBP", "yen": "JPY",
    "japanese yen": "JPY", "renminbi": "CNY", "yuan": "CNY", "chinese yuan": "CNY", "ruble": "RUB",
    "russian ruble": "RUB", "hong kong dollar": "HKD", "australian dollar": "AUD", "canadian dollar": "CAD",
    "swiss franc": "CHF", "french franc": "FRF", "deutsche mark": "DEM", "italian lira": "ITL",
    "indian rupee": "INR", "singapore dollar": "SGD", "swedish krona": "SEK", "dutch guilder": "NLG",
    "percentage": "percent", "per cent": "percent", "percent": "percent", "dimensionless": "count", "year": "years", "month": "months", "day": "days",
    "hour": "hours", "week": "weeks", "minute": "minutes", "tonne": "tonnes", "ton": "tonnes",
    "barrel": "barrels", "barrel per day": "barrels_per_day", "troy ounce": "ounces", "ounce": "ounces",
    "cubic metre": "cubic_metres", "cubic meter": "cubic_metres",
}


def load_gold(path: pathlib.Path, style: str | None = None) -> list[dict]:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [i for i in items if style is None or i["style"] == style]


# --- matching ---------------------------------------------------------------------------------------
def _family(unit: str | None) -> str:
    return FAMILY.get(str(unit or ""), str(unit or ""))


def _units(g: dict) -> list[str]:
    return g["unit"] if isinstance(g["unit"], list) else [g["unit"]]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(abs(b) * 0.005, 0.01)


def match_value_unit(g: dict, r: dict) -> bool:
    if _family(r.get("unit")) not in {_family(u) for u in _units(g)}:
        return False
    try:
        return _close(abs(float(r["value"])), abs(float(g["value"])))
    except (TypeError, ValueError, KeyError):
        return False


def _day(s: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(s)[:10])
    except (TypeError, ValueError):
        return None


def _period_ok(gold: dict | None, got: dict | None, slack: int = 31) -> bool:
    if not gold:
        return True
    if not got:
        return False
    ga, gb, xa, xb = _day(gold["start"]), _day(gold["end"]), _day(got.get("start")), _day(got.get("end"))
    if None in (ga, gb, xa, xb):
        return False
    d = dt.timedelta(days=slack)
    return abs(xa - ga) <= d and abs(xb - gb) <= d


def match_strict(g: dict, r: dict) -> bool:
    if r.get("unit") not in _units(g):
        return False
    try:
        if not _close(float(r["value"]), float(g["value"])):
            return False
    except (TypeError, ValueError, KeyError):
        return False
    if QUALIFIER_CLASS.get(g.get("qualifier") or "exact") != QUALIFIER_CLASS.get(r.get("qualifier") or "exact"):
        return False
    if (r.get("value_type") or "observed") not in (g.get("value_type_any") or [g.get("value_type", "observed")]):
        return False
    if not _period_ok(g.get("period"), r.get("period")):
        return False
    if not set(g.get("countries") or []) <= set(r.get("countries") or []):
        return False
    return not g.get("flow") or r.get("flow") == g["flow"]


def score(items: list[dict], outputs: list[list[dict]], match: Callable[[dict, dict], bool]) -> dict:
    n_out = n_good = n_req = n_found = 0
    misses, wrong = [], []
    for item, out in zip(items, outputs):
        gold = item["figures"]
        for r in out:
            n_out += 1
            if any(match(g, r) for g in gold):
                n_good += 1
            else:
                wrong.append((item["id"], r.get("value"), r.get("unit"), r.get("what")))
        for g in gold:
            if g.get("required", True):
                n_req += 1
                if any(match(g, r) for r in out):
                    n_found += 1
                else:
                    misses.append((item["id"], g["value"], g["unit"]))
    p = n_good / n_out if n_out else 0.0
    rc = n_found / n_req if n_req else 1.0
    f = 2 * p * rc / (p + rc) if p + rc else 0.0
    return {"precision": p, "recall": rc, "f1": f, "output": n_out, "correct": n_good, "required": n_req,
            "found": n_found, "misses": misses, "wrong": wrong}


# --- the systems ------------------------------------------------------------------------------------
def run_bilat(items: list[dict]) -> tuple[list[list[dict]], float, int]:
    """bilat's records per item, the seconds it took and the number of sentences read."""
    from bilat.nlp import annotate_text, load, split_sentences

    nlp = load(("bilat_actors", "bilat_figures"))
    annotate_text("Warm-up: trade rose 5 pct in 1986.", dt.date(1987, 1, 1), nlp=nlp)
    sentences = sum(len(split_sentences(i["text"], [(0, len(i["text"]))])) for i in items)
    outputs: list[list[dict]] = []
    t0 = time.perf_counter()
    for item in items:
        docs = annotate_text(item["text"], published=dt.date.fromisoformat(item["published"]),
                             doc_id=item["id"], nlp=nlp, gate=True)
        outputs.append([f.to_dict() for d in docs for f in (d._.figures or [])])
    return outputs, time.perf_counter() - t0, sentences


def _quantulum_parser() -> Any:
    """quantulum3's parser; its bundled unit classifier was pickled with another scikit-learn and may
    not load here, in which case quantulum3's documented rule-based disambiguation is used."""
    warnings.filterwarnings("ignore")
    from quantulum3 import classifier, parser

    if classifier.USE_CLF:
        try:
            classifier.classifier("en_US", None)
        except Exception:  # noqa: BLE001 - any failure to unpickle the bundled model
            classifier.USE_CLF = False
    return parser


def run_quantulum(items: list[dict]) -> tuple[list[list[dict]], float]:
    parser = _quantulum_parser()
    outputs: list[list[dict]] = []
    t0 = time.perf_counter()
    for item in items:
        out = []
        for q in parser.parse(item["text"]):
            name = q.unit.name.lower()
            unit = QUANTULUM_UNITS.get(name) or (QUANTULUM_UNITS.get(q.unit.entity.name.lower(), name))
            out.append({"value": q.value, "unit": unit, "what": q.surface})
        outputs.append(out)
    return outputs, time.perf_counter() - t0


# --- report -----------------------------------------------------------------------------------------
def _row(name: str, s: dict) -> str:
    return (f"{name:22s} P={s['precision']:.2f} R={s['recall']:.2f} F1={s['f1']:.2f} "
            f"(output {s['output']}, correct {s['correct']}, found {s['found']}/{s['required']})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--style", choices=["wire", "business", "diplomatic"], help="only this part of the gold")
    ap.add_argument("--misses", action="store_true", help="list bilat's strict misses and wrong records")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    a = ap.parse_args(argv)
    items = load_gold(pathlib.Path(a.gold), a.style)
    bilat_out, bilat_s, n_sent = run_bilat(items)
    quant_out, quant_s = run_quantulum(items)
    res = {
        "sentences": n_sent,
        "bilat": {"value_unit": score(items, bilat_out, match_value_unit),
                  "strict": score(items, bilat_out, match_strict), "sentences_per_s": n_sent / bilat_s},
        "quantulum3": {"value_unit": score(items, quant_out, match_value_unit),
                       "strict": score(items, quant_out, match_strict), "sentences_per_s": n_sent / quant_s},
    }
    by_style: dict[str, list[int]] = defaultdict(list)
    for k, item in enumerate(items):
        by_style[item["style"]].append(k)
    print(f"gold: {len(items)} texts, {n_sent} sentences, "
          f"{sum(1 for i in items for g in i['figures'] if g.get('required', True))} required figures")
    print(f"{'':22s} {'bilat':^64s} | {'quantulum3':^64s}")
    for kind in ("value_unit", "strict"):
        b, q = res["bilat"][kind], res["quantulum3"][kind]
        print(f"{kind:10s} " + _row("", b)[12:] + " | " + _row("", q)[12:])
    print(f"speed      {res['bilat']['sentences_per_s']:.1f} sentences/s{'':41s} | "
          f"{res['quantulum3']['sentences_per_s']:.1f} sentences/s")
    for style, idx in sorted(by_style.items()):
        sub = [items[k] for k in idx]
        b = score(sub, [bilat_out[k] for k in idx], match_strict)
        bv = score(sub, [bilat_out[k] for k in idx], match_value_unit)
        qv = score(sub, [quant_out[k] for k in idx], match_value_unit)
        print(f"  {style:10s} bilat strict F1={b['f1']:.2f} value+unit F1={bv['f1']:.2f} | "
              f"quantulum3 value+unit F1={qv['f1']:.2f}")
    if a.misses:
        s = res["bilat"]["strict"]
        for m in s["misses"]:
            print("    missed", m)
        for w in s["wrong"]:
            print("    wrong ", w)
    if a.json:
        slim = {k: v if not isinstance(v, dict) else {kk: ({x: y for x, y in vv.items() if x not in ("misses", "wrong")}
                                                            if isinstance(vv, dict) else vv) for kk, vv in v.items()}
                for k, v in res.items()}
        print(json.dumps(slim, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
