"""Regenerate ``irregular_forms`` in bilat/data/events/frames.json from the English model's own
lemmatizer exceptions.

The event gate (bilat.extract.events.Gate) maps each word of a sentence to the lemmas it could
have by undoing regular suffixes; forms no suffix rule reaches ("threw", "thrown", "fled") come
from this table. Taking them from the lemmatizer that later lemmatizes the parsed sentence keeps
the gate and the trigger match in step. Run after adding trigger lemmas or frame words:

    .venv/bin/python tools/irregular_forms.py
"""
from __future__ import annotations

import json
from pathlib import Path

import spacy

from bilat.extract import events as E
from bilat.nlp import MODEL

FRAMES = Path(E.DATA_DIR) / E.FRAMES_FILE


def wanted_lemmas(lex: E.Lexicon) -> set[str]:
    """Every lemma the gate looks for: triggers, the words their rows need, and frame words."""
    out = set(lex.by_lemma)
    out |= {w for rows in lex.by_lemma.values() for r in rows for g in r.groups for w in g if not w.startswith("@")}
    out |= {w.split("+")[0] for k, v in lex.cues["frames"].items() if isinstance(v, list) for w in v}
    for key in ("deontic_heads", "deontic_verbs", "demand_wants"):
        out |= set(lex.cues[key])
    return out


def main() -> int:
    lex = E.load_lexicon()
    wanted = wanted_lemmas(lex)
    table = spacy.load(MODEL).get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    forms: dict[str, set[str]] = {}
    for pos in ("verb", "noun", "adj"):
        for form, lemmas in table.get(pos, {}).items():
            for lemma in lemmas:
                if lemma in wanted and lemma not in E._lemma_candidates(form):
                    forms.setdefault(lemma, set()).add(form)
    old = json.loads(FRAMES.read_text(encoding="utf-8"))["irregular_forms"]
    merged = {"_about": old.get("_about", "")}
    for lemma in sorted(set(forms) | {k for k in old if not k.startswith("_")}):
        merged[lemma] = sorted(forms.get(lemma, set()) | set(old.get(lemma, [])))
    # rewrite only the irregular_forms block, one lemma a line, so the rest of the file keeps its layout
    text = FRAMES.read_text(encoding="utf-8")
    start = text.index('  "irregular_forms": {')
    end = text.index("\n  }", start) + len("\n  }")
    lines = [f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in merged.items()]
    block = '  "irregular_forms": {\n' + ",\n".join(lines) + "\n  }"
    FRAMES.write_text(text[:start] + block + text[end:], encoding="utf-8")
    json.loads(FRAMES.read_text(encoding="utf-8"))  # still valid JSON
    print(f"{FRAMES}: irregular forms for {len(merged) - 1} lemmas")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
