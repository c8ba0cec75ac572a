"""Settings: every option bilat reads, declared once as (name, default, help).

The defaults live here; a value can be overridden by the environment variable
``BILAT_<NAME>`` (upper case) or by a command-line option of the same name. The README's
settings table is checked against this list by the test suite, so a new setting
cannot go undocumented.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, make_dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "bilat.db", "The store: a SQLite file path, or a SQLAlchemy URL such as "
            "postgresql+psycopg://user@host/dbname."),
    Setting("max_bytes", 20_000_000, "Largest single document (file or JSON Lines line) accepted, in bytes."),
    Setting("gate", True, "Parse only the sentences that can hold a figure, event or commitment."),
    Setting("batch_size", 64, "Sentences per spaCy batch."),
    Setting("repeat_min_chars", 20, "Shortest paragraph considered when looking for repeated paragraphs."),
    Setting("near_repeat_ratio", 0.9, "Similarity (0-1) above which two paragraphs of one document are "
            "near-identical repeats."),
    Setting("workers", 0, "Dask worker processes for `bilat ingest` (0: run in this process)."),
    Setting("scheduler", "", "Address of a running Dask scheduler (tcp://host:8786) to ingest on a cluster."),
)


def _from_env(cls: type, **overrides: Any) -> Any:
    """Defaults, then BILAT_* environment variables, then explicit (non-None) overrides."""
    values: dict[str, Any] = {}
    for f in fields(cls):
        env = os.environ.get(f"BILAT_{f.name.upper()}")
        if env is not None and env != "":
            values[f.name] = _coerce(env, type(f.default))
    values.update({k: v for k, v in overrides.items() if v is not None})
    return replace(cls(), **values)


# The settings as one object, passed down the pipeline instead of long argument lists.
Options = make_dataclass(
    "Options", [(s.name, type(s.default), field(default=s.default)) for s in SETTINGS],
    frozen=True, namespace={"from_env": classmethod(_from_env)},
)


def _coerce(value: str, kind: type) -> Any:
    if kind is bool:
        return value.strip().lower() in ("1", "true", "yes", "on")
    return kind(value)
