"""The quality gate of bench/gate.py: its rules on made-up scores, and (slow) the real gate."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import gate  # noqa: E402


def _floors(**floors: float) -> dict:
    return {"digests": {rel: gate.digest(rel) for rel in gate.GOLD_FILES}, "floors": floors}


def test_score_below_floor_fails():
    problems = gate.compare({"figures.strict_f1": 0.90}, _floors(**{"figures.strict_f1": 0.95}))
    assert problems == ["figures.strict_f1: 0.900 is below its floor 0.950"]


def test_score_at_or_above_floor_passes():
    assert gate.compare({"figures.strict_f1": 0.95, "events.event_f1": 0.9},
                        _floors(**{"figures.strict_f1": 0.95, "events.event_f1": 0.8})) == []


def test_floor_without_measure_fails():
    assert gate.compare({}, _floors(**{"events.event_f1": 0.8})) == [
        "events.event_f1: has a floor (0.8) but was not measured"]


def test_changed_gold_file_fails():
    floors = _floors(**{"figures.strict_f1": 0.5})
    floors["digests"]["data/figures_gold.jsonl"] = "0" * 16
    problems = gate.compare({"figures.strict_f1": 0.9}, floors)
    assert len(problems) == 1 and "figures_gold.jsonl: changed" in problems[0]


def test_update_refuses_to_lower_a_floor():
    new, refused = gate.updated({"a": 0.7, "b": 0.9}, {"floors": {"a": 0.8, "b": 0.85}}, allow_regression=False)
    assert new["floors"] == {"a": 0.8, "b": 0.9}
    assert len(refused) == 1 and refused[0].startswith("a: 0.700 would lower the floor 0.800")


def test_update_lowers_a_floor_when_allowed():
    new, refused = gate.updated({"a": 0.7}, {"floors": {"a": 0.8}}, allow_regression=True)
    assert new["floors"] == {"a": 0.7} and refused == []


def test_recorded_floors_cover_every_measure_and_gold_file():
    floors = json.loads(gate.FLOORS.read_text(encoding="utf-8"))
    assert set(floors["digests"]) == set(gate.GOLD_FILES)
    assert {"figures.strict_f1", "figures.value_unit_f1", "events.type_accuracy", "events.country_f1",
            "events.event_f1"} <= set(floors["floors"])


@pytest.mark.slow
def test_quality_gate_passes(capsys):
    assert gate.main([]) == 0, capsys.readouterr().err
