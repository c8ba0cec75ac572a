"""The store: round trips, one transaction per document, versioned schema, filters."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from bilat.errors import StoreError, UsageError
from bilat.model import Actor, ActorMention, Commitment, Document, Event, Figure, Period, Reuse
from bilat.store import Store
from bilat.store import schema as S


def make_doc(n: int = 1, text: str = "Title\n\nChina and Russia met.") -> Document:
    return Document(id=f"d-{n:016d}", source=f"doc{n}.txt", text=text, raw_text=text, title="Title",
                    published=dt.date(2023, 3, 18), content_hash=f"{n:064d}", paragraphs=[(0, 5), (7, len(text))],
                    sentences=[(0, 5, 0), (7, len(text), 1)], cleaning={"format": "text"})


def make_items():
    fig = Figure(what="China-Russia trade", value=190.271e9, unit="USD", countries=["CHN", "RUS"], flow="total",
                 period=Period.year(2022), text="Trade reached $190.271 billion.", span=(7, 20), measure="trade")
    ev = Event(type="CONSULT", mode="visit", source=[Actor("Xi Jinping", "CHN", "person")],
               target=[Actor("Russia", "RUS", "state")], status="planned",
               date=Period(dt.date(2023, 3, 20), dt.date(2023, 3, 22)), text="China and Russia met.", span=(7, 28))
    com = Commitment(actors=["CHN", "RUS"], what="trade of $200 billion", target_value=200e9, unit="USD",
                     deadline=Period.year(2023), text="strive for $200 billion", span=(7, 28), measure="trade")
    return fig, ev, com


def test_round_trip_of_a_document_and_its_items(store):
    doc = make_doc()
    fig, ev, com = make_items()
    store.add_document(doc, figures=[fig], events=[ev], commitments=[com], countries=["RUS", "CHN"])
    [d] = store.documents()
    assert d["id"] == doc.id and d["published"] == "2023-03-18" and d["countries"] == ["CHN", "RUS"]
    [f] = store.items("figure")
    assert f["value"] == 190.271e9 and f["doc"] == doc.id and f["period"] == {"start": "2022-01-01", "end": "2022-12-31"}
    assert f["id"].startswith("f-")
    [e] = store.items("event")
    assert e["source"] == [{"name": "Xi Jinping", "country": "CHN", "type": "person"}] and e["id"].startswith("e-")
    [c] = store.items("commitment")
    assert c["status"] == "unknown" and c["id"].startswith("m-")
    assert store.segments(doc.id) == [(0, 5, 0), (7, len(doc.text), 1)]
    assert store.counts()["actors"] == 2


def test_a_document_looks_its_actors_up_once(store):
    from dataclasses import replace

    doc = make_doc()
    _, ev, _ = make_items()
    events = [ev] + [replace(ev, type=t, mode=None, id=None) for t in ("COOPERATE", "AGREE")]
    mentions = [ActorMention(7, 12, "China", Actor("China", "CHN", "state"))]
    selects: list[str] = []
    sa.event.listen(store.engine, "before_cursor_execute",
                    lambda conn, cursor, sql, *a: selects.append(sql) if sql.startswith("SELECT") else None)
    store.add_document(doc, events=events, mentions=mentions)
    assert sum("FROM actors" in q for q in selects) == 1
    assert store.counts()["actors"] == 3 and len(store.items("event")) == 3
    selects.clear()  # a later document naming only stored actors looks nothing up
    store.add_document(make_doc(2), events=[replace(ev, id=None, doc=None)], mentions=mentions)
    assert not any("FROM actors" in q for q in selects) and len(store.items("event")) == 4


def test_item_ids_are_deterministic(tmp_path):
    ids = []
    for name in ("a.db", "b.db"):
        s = Store.open(str(tmp_path / name))
        fig, ev, com = make_items()
        s.add_document(make_doc(), figures=[fig], events=[ev], commitments=[com])
        ids.append((s.items("figure")[0]["id"], s.items("event")[0]["id"], s.items("commitment")[0]["id"]))
    assert ids[0] == ids[1]


def test_a_failure_inside_a_document_leaves_the_store_as_it_was(store):
    store.add_document(make_doc(1))
    fig, ev, _ = make_items()
    broken = Figure(what="x", value=1.0, unit="count", span=(0, 1), extra={"not json": object()})
    with pytest.raises(Exception):
        store.add_document(make_doc(2), figures=[fig, broken], events=[ev])
    assert store.counts() == {"documents": 1, "events": 0, "figures": 0, "commitments": 0, "claims": 0,
                              "reuse": 0, "actors": 0}
    assert store.document_id_for_hash(make_doc(2).content_hash) is None
    # the actors of the rolled-back document are not taken for stored
    store.add_document(make_doc(3), events=[ev])
    assert store.counts()["actors"] == 2 and store.items("event")[0]["source"][0]["name"] == "Xi Jinping"


def test_a_reader_sees_committed_documents_while_a_writer_holds_a_transaction(tmp_path):
    path = str(tmp_path / "wal.db")
    writer = Store.open(path)
    writer.add_document(make_doc(1))
    reader = Store.open(path, create=False, readonly=True)
    with writer.engine.begin() as conn:  # an ingest in the middle of writing its next document
        conn.execute(sa.text("CREATE TABLE scratch (x INTEGER)"))
        conn.execute(sa.text("INSERT INTO scratch VALUES (1)"))
        assert [d["id"] for d in reader.documents()] == [make_doc(1).id]
    with writer.engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
    reader.close()


def test_content_hash_identifies_a_document(store):
    doc = make_doc()
    store.add_document(doc)
    assert store.document_id_for_hash(doc.content_hash) == doc.id
    with pytest.raises(sa.exc.IntegrityError):
        store.add_document(doc)
    store.add_document(doc, replace=True)
    assert store.counts()["documents"] == 1


def test_dyad_and_period_filters(store):
    fig, ev, com = make_items()
    other = Figure(what="Japan-US trade", value=5.2e9, unit="USD", countries=["JPN", "USA"],
                   period=Period(dt.date(1987, 3, 1), dt.date(1987, 3, 31)), span=(0, 5))
    store.add_document(make_doc(), figures=[fig, other], events=[ev])
    assert [f["what"] for f in store.items("figure", dyad="CHN-RUS")] == ["China-Russia trade"]
    assert [f["what"] for f in store.items("figure", dyad="usa-jpn")] == ["Japan-US trade"]
    assert [f["what"] for f in store.items("figure", period=(dt.date(1987, 1, 1), dt.date(1987, 12, 31)))] == [
        "Japan-US trade"]
    assert len(store.items("event", dyad="CHN-RUS")) == 1 and store.items("event", dyad="CHN-USA") == []
    with pytest.raises(UsageError, match="CHN-RUS"):
        store.items("figure", dyad="China-Russia")


def test_reuse_records_are_written_once(store):
    doc = make_doc()
    r = Reuse(doc_a=doc.id, span_a=(0, 5), doc_b=doc.id, span_b=(7, 12), relation="verbatim", score=1.0,
              text_a="Title", text_b="Title", in_raw=True)
    store.add_document(doc, reuse=[r])
    store.add_reuse([Reuse(**{**r.__dict__, "id": None})])
    [rec] = store.items("reuse")
    assert rec["in"] == "raw" and rec["relation"] == "verbatim"


def test_runs_record_the_bilat_version(store):
    run = store.start_run("ingest x", {"gate": True})
    store.add_document(make_doc(), run_id=run)
    store.finish_run(run, 1)
    [r] = store.runs()
    from bilat import __version__

    assert r["bilat_version"] == __version__ and r["documents_added"] == 1 and r["finished_at"] is not None


def test_newer_schema_is_refused(tmp_path):
    db = str(tmp_path / "n.db")
    s = Store.open(db)
    with s.transaction() as conn:
        conn.execute(S.meta.update().where(S.meta.c.key == "schema_version").values(value="99"))
    s.close()
    with pytest.raises(StoreError, match="schema version 99, newer"):
        Store.open(db)


def test_older_schema_is_migrated_in_order(tmp_path, monkeypatch):
    from bilat.store import migrations

    db = str(tmp_path / "m.db")
    Store.open(db).close()
    calls = []
    nxt = S.SCHEMA_VERSION + 1
    monkeypatch.setattr(S, "SCHEMA_VERSION", nxt)
    monkeypatch.setitem(migrations.MIGRATIONS, nxt, lambda conn: calls.append(nxt))
    assert Store.open(db).schema_version == nxt and calls == [nxt]


def test_a_first_version_store_without_document_order_is_upgraded_when_read(tmp_path):
    """Stores of schema version 1 written before ``documents.seq`` existed: a reading command
    (``bilat stats``) upgrades them instead of failing on the missing column."""
    db = str(tmp_path / "v1.db")
    store = Store.open(db)
    store.add_document(make_doc(1))
    store.add_document(make_doc(2))
    with store.engine.begin() as conn:
        conn.execute(sa.text("DROP INDEX ix_documents_seq"))
        conn.execute(sa.text("ALTER TABLE documents DROP COLUMN seq"))
        conn.execute(S.meta.update().where(S.meta.c.key == "schema_version").values(value="1"))
    store.close()
    reader = Store.open(db, create=False, readonly=True)
    assert reader.schema_version == S.SCHEMA_VERSION
    assert [d["id"] for d in reader.documents()] == [make_doc(1).id, make_doc(2).id]
    with reader.engine.connect() as conn:
        assert conn.execute(sa.select(S.documents.c.seq).order_by(S.documents.c.seq)).scalars().all() == [1, 2]


def test_missing_store_is_reported_when_not_creating(tmp_path):
    with pytest.raises(StoreError, match="does not exist; run `bilat ingest"):
        Store.open(str(tmp_path / "none.db"), create=False)
