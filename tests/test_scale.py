"""Scaling out: the same store on PostgreSQL, the same ingest on Dask workers."""
from __future__ import annotations

import os
import pickle

import pytest

from bilat import pipeline
from bilat.settings import Options
from bilat.store import Store

PG_URL = os.environ.get("BILAT_TEST_PG")
# Under CI (.ci/run sets BILAT_CI=1 and starts PostgreSQL) a missing service fails instead of skipping.
needs_pg = pytest.mark.skipif(not PG_URL and not os.environ.get("BILAT_CI"),
                              reason="set BILAT_TEST_PG=postgresql://... to run against PostgreSQL")


@pytest.fixture
def pg_store():
    import sqlalchemy as sa

    from bilat.store import db_url
    from bilat.store.schema import metadata

    assert PG_URL, "BILAT_TEST_PG is not set"
    engine = sa.create_engine(db_url(PG_URL))
    metadata.drop_all(engine)
    engine.dispose()
    store = Store.open(PG_URL)
    yield store
    store.close()


@needs_pg
def test_postgres_store_round_trip_and_filters(pg_store):
    from test_store import make_doc, make_items

    fig, ev, com = make_items()
    pg_store.add_document(make_doc(), figures=[fig], events=[ev], commitments=[com], countries=["CHN", "RUS"])
    assert pg_store.counts()["documents"] == 1
    assert [f["value"] for f in pg_store.items("figure", dyad="CHN-RUS")] == [190.271e9]
    assert pg_store.items("event", dyad="CHN-USA") == []
    assert pg_store.documents()[0]["published"] == "2023-03-18"


@needs_pg
def test_postgres_document_transaction_rolls_back(pg_store):
    from test_store import make_doc

    from bilat.model import Figure

    broken = Figure(what="x", value=1.0, unit="count", span=(0, 1), extra={"bad": object()})
    with pytest.raises(Exception):
        pg_store.add_document(make_doc(), figures=[broken])
    assert pg_store.counts()["documents"] == 0


@needs_pg
@pytest.mark.slow
def test_postgres_ingest_of_the_demo_corpus_is_idempotent(pg_store, examples_dir):
    first = pipeline.ingest(pg_store, [str(examples_dir)])
    again = pipeline.ingest(pg_store, [str(examples_dir)])
    assert (len(first.added), again.unchanged, first.problems) == (2, 2, [])
    assert pg_store.count("reuse") >= 3


@pytest.mark.slow
def test_ingest_on_dask_workers_matches_in_process(tmp_path, examples_dir):
    """Two local Dask worker processes produce the same store content as one process."""
    local = Store.open(str(tmp_path / "local.db"))
    dask = Store.open(str(tmp_path / "dask.db"))
    r1 = pipeline.ingest(local, [str(examples_dir)])
    r2 = pipeline.ingest(dask, [str(examples_dir)], opts=Options(workers=2))
    assert r1.problems == r2.problems == []
    for kind in ("document", "figure", "event", "commitment", "reuse"):
        assert sorted(x["id"] for x in local.items(kind)) == sorted(x["id"] for x in dask.items(kind)), kind


@pytest.mark.slow
def test_pipeline_components_pickle(nlp):
    """Dask ships work to other processes: bilat's components must survive pickling."""
    clone = pickle.loads(pickle.dumps(nlp))
    assert clone.pipe_names == nlp.pipe_names
