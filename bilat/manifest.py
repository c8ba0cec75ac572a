"""Manifests: metadata that input files lack, one JSON object per line.

Each line names a file by ``path`` (relative to the manifest's folder) and gives any of
``title``, ``published``, ``outlet``, ``url``. A manifest fills in what a file does not
state itself; where both state a value, the file's own wins and the difference is recorded
in the document's cleaning record.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from .errors import InputError, Messages
from .readers import json_problem

FIELDS = ("title", "published", "outlet", "url")


def _key(path: str) -> str:
    return os.path.normcase(os.path.realpath(path))


class Manifest:
    def __init__(self, entries: dict[str, dict] | None = None):
        self.entries = entries or {}

    @classmethod
    def load(cls, path: str) -> tuple[Manifest, list[InputError]]:
        """The manifest and the problems found in it (bad lines are skipped, not fatal)."""
        base = Path(path).parent
        entries: dict[str, dict] = {}
        problems: list[InputError] = []
        try:
            lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
        except FileNotFoundError:
            raise InputError(path, Messages.E001) from None
        except UnicodeDecodeError:
            raise InputError(path, Messages.E004) from None
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(InputError(path, Messages.E006.format(detail=json_problem(e)), n))
                continue
            if not isinstance(obj, dict) or not obj.get("path"):
                problems.append(InputError(path, Messages.E010, n))
                continue
            meta = {k: obj[k] for k in FIELDS if obj.get(k)}
            entries[_key(str(base / obj["path"]))] = meta
        return cls(entries), problems

    def merge(self, other: Manifest) -> Manifest:
        return Manifest({**self.entries, **other.entries})

    def get(self, path: str) -> dict:
        return self.entries.get(_key(path), {})
