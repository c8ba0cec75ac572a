"""What the real-text benches share: the project's scorer, the JSON Lines gold files, and one
ingest of a set of articles into a throw-away store."""
from __future__ import annotations

import importlib.util
import collections
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCORE_PY = HERE.parent.parent / "shared" / "eval" / "score.py"


def load_score():
    """The project's scorer (``shared/eval/score.py``, or the file ``BILAT_SCORE_PY`` names) as a module."""
    path = Path(os.environ.get("BILAT_SCORE_PY", SCORE_PY))
    if not path.exists():
        sys.exit(f"{path}: the project's scorer is needed (set BILAT_SCORE_PY)")
    spec = importlib.util.spec_from_file_location("bilat_shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def ingest_articles(arts: list[dict], prefix: str = "bilat-bench-") -> tuple[list[dict], dict[str, str], float]:
    """Ingest ``arts`` ({id, text, title?, published?}) into a temporary store. Returns every
    exported record, each document record's id mapped to the article id it came from, and the
    seconds the ingest took."""
    import bilat
    from bilat.export import records

    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        src = Path(tmp) / "input.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for a in arts:
                line = {"id": a["id"], "text": a["text"]}
                line.update({k: a[k] for k in ("title", "published") if a.get(k)})
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
        store = bilat.open(str(Path(tmp) / "bench.db"))
        t0 = time.perf_counter()
        store.ingest([str(src)])
        took = time.perf_counter() - t0
        recs = list(records(store.store))
        store.close()
    article_of = {r["id"]: str(r.get("source") or "").rsplit("#", 1)[-1] for r in recs if r["kind"] == "document"}
    return recs, article_of, took


def records_by_article(arts: list[dict], kinds: tuple[str, ...], prefix: str) -> tuple[dict[str, list[dict]], float]:
    """Ingest ``arts`` (see ``ingest_articles``); the exported records of ``kinds`` grouped by the
    article id they came from, and the seconds the ingest took."""
    recs, article_of, took = ingest_articles(arts, prefix)
    by_id: dict[str, list[dict]] = collections.defaultdict(list)
    for r in recs:
        if r["kind"] in kinds and r.get("doc") in article_of:
            by_id[article_of[r["doc"]]].append(r)
    return by_id, took


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    """Precision over the predicted, recall over the gold (each counted on its own side), and F1."""
    p = tp_pred / n_pred if n_pred else 1.0
    r = tp_gold / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
