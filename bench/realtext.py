"""What the real-text benches share: the project's scorer, the JSON Lines gold files, and one
ingest of a set of articles into a throw-away store."""
from __future__ import annotations

import importlib.util
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
