"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Items keep their whole export record in ``data`` (JSON) and copy into columns what is
filtered or sorted on. ``countries`` columns hold ISO3 codes as ``,CHN,RUS,`` so a dyad
filter is two ``LIKE`` tests on any database.

Schema changes are versioned: bump ``SCHEMA_VERSION`` and add a step to
``bilat.store.migrations.MIGRATIONS`` that brings a store from the previous version.
"""
from __future__ import annotations

import sqlalchemy as sa

SCHEMA_VERSION = 2  # 2: documents.seq (bilat.store.migrations)

metadata = sa.MetaData()

meta = sa.Table(
    "bilat_meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

runs = sa.Table(
    "runs", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("bilat_version", sa.String(32), nullable=False),
    sa.Column("schema_version", sa.Integer, nullable=False),
    sa.Column("command", sa.Text),
    sa.Column("started_at", sa.DateTime, nullable=False),
    sa.Column("finished_at", sa.DateTime),
    sa.Column("documents_added", sa.Integer, default=0),
    sa.Column("settings", sa.JSON),
)

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("external_id", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("outlet", sa.Text),
    sa.Column("language", sa.String(8)),
    sa.Column("countries", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("raw_text", sa.Text, nullable=False),
    sa.Column("chars", sa.Integer),
    sa.Column("duplicate_paragraphs_removed", sa.Integer, default=0),
    sa.Column("boilerplate_lines_removed", sa.Integer, default=0),
    sa.Column("cleaning", sa.JSON),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
    sa.Column("ingested_at", sa.DateTime),
    # ingest order: reuse takes the earlier of two same-day documents as the original
    sa.Column("seq", sa.Integer, index=True),
)

segments = sa.Table(
    "segments", metadata,
    sa.Column("doc_id", sa.String(40), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("kind", sa.String(12), primary_key=True),  # paragraph | sentence
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("paragraph", sa.Integer),
)

actors = sa.Table(
    "actors", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("country", sa.String(3)),
    sa.Column("type", sa.String(16), nullable=False),
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("doc_id", sa.String(40), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("start", sa.Integer, primary_key=True),
    sa.Column("end", sa.Integer, primary_key=True),
    sa.Column("actor_id", sa.String(40), sa.ForeignKey("actors.id"), primary_key=True),
    sa.Column("text", sa.Text),
)


def _item_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("doc_id", sa.String(40), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("countries", sa.Text),
        sa.Column("span_start", sa.Integer),
        sa.Column("span_end", sa.Integer),
        sa.Column("text", sa.Text),
        # the same item in an earlier document this one was copied or rewritten from (reuse)
        sa.Column("origin_id", sa.String(40)),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
        sa.Column("data", sa.JSON, nullable=False),
    ]


events = sa.Table(
    "events", metadata, *_item_columns(),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("mode", sa.String(32)),
    sa.Column("status", sa.String(16)),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
)

event_actors = sa.Table(
    "event_actors", metadata,
    sa.Column("event_id", sa.String(40), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("actor_id", sa.String(40), sa.ForeignKey("actors.id"), primary_key=True),
    sa.Column("role", sa.String(8), primary_key=True),  # source | target
)

figures = sa.Table(
    "figures", metadata, *_item_columns(),
    sa.Column("what", sa.Text),
    sa.Column("measure", sa.Text),
    sa.Column("value", sa.Float),
    sa.Column("unit", sa.String(24)),
    sa.Column("qualifier", sa.String(16)),
    sa.Column("value_type", sa.String(16)),
    sa.Column("flow", sa.String(8)),
    sa.Column("period_start", sa.Date),
    sa.Column("period_end", sa.Date),
)

commitments = sa.Table(
    "commitments", metadata, *_item_columns(),
    sa.Column("what", sa.Text),
    sa.Column("measure", sa.Text),
    sa.Column("target_value", sa.Float),
    sa.Column("unit", sa.String(24)),
    sa.Column("deadline_start", sa.Date),
    sa.Column("deadline_end", sa.Date),
    # judged by the link step against the whole store
    sa.Column("status", sa.String(16)),
    sa.Column("decided_by", sa.String(40)),
    sa.Column("status_note", sa.Text),
)

reuse = sa.Table(
    "reuse", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("doc_a", sa.String(40), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("doc_b", sa.String(40), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("span_a_start", sa.Integer),
    sa.Column("span_a_end", sa.Integer),
    sa.Column("span_b_start", sa.Integer),
    sa.Column("span_b_end", sa.Integer),
    sa.Column("relation", sa.String(16), nullable=False),
    sa.Column("score", sa.Float),
    sa.Column("in_raw", sa.Boolean, default=False),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
    sa.Column("data", sa.JSON, nullable=False),
)

# passage signatures for the incremental reuse index
passages = sa.Table(
    "passages", metadata,
    sa.Column("doc_id", sa.String(40), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("sig", sa.LargeBinary),
)

claims = sa.Table(
    "claims", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("measure", sa.Text),
    sa.Column("countries", sa.Text),
    sa.Column("unit", sa.String(24)),
    sa.Column("period_start", sa.Date),
    sa.Column("period_end", sa.Date),
    sa.Column("verdict", sa.String(16)),
    sa.Column("data", sa.JSON, nullable=False),
)

ITEM_TABLES = {"event": events, "figure": figures, "commitment": commitments}
