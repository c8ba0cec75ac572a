"""Shared fixtures. Unit tests build their inputs by hand; only tests marked ``slow`` load the
spaCy pipeline or run the whole ingest job."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "china-russia-2023"
SEED_INTERVIEW = EXAMPLES / "000_f95afdea6543a468.txt"
SEED_LETTER = EXAMPLES / "003_6405d16e14149a80.txt"


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


def batch_via_process(items, opts=None):
    """``pipeline.process_batch`` routed through ``pipeline.process``, for tests that replace
    ``process`` with a light stand-in (no spaCy) or one that fails on purpose."""
    from bilat import pipeline

    return [pipeline.process(raw, meta, opts) for raw, meta in items]


@pytest.fixture
def store(tmp_path):
    from bilat.store import Store

    s = Store.open(str(tmp_path / "t.db"))
    yield s
    s.close()


@pytest.fixture(scope="session")
def nlp():
    """The full English pipeline with bilat's components (loaded once per test session)."""
    from bilat import nlp as bilat_nlp

    return bilat_nlp.load()
