"""Caches of answers about a piece of text (a sentence, a phrase), kept in one registry.

The components ask the same question about a sentence more than once (its time expressions with
each extractor's date, its quantities, its gazetteer names); such answers are cached with
:func:`text_cache`, a ``functools.lru_cache`` that also registers itself, so that
:func:`forget_texts` empties them all. ``bench/throughput.py`` does so before each of bilat's runs,
so that a repeat does not find the answers of the run before.

Loaded models, the gazetteer and the lexicons are not text caches, nor are a word's possible lemmas
(the events gate's memo): those belong to the vocabulary, as spaCy's lexemes and its tokenizer and
lemmatizer caches do, and stay between runs.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

F = TypeVar("F", bound=Callable)
_REGISTERED: list = []


def text_cache(maxsize: int) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)``, registered for :func:`forget_texts`."""
    def register(fn: F) -> F:
        cached = lru_cache(maxsize=maxsize)(fn)
        _REGISTERED.append(cached)
        return cached  # type: ignore[return-value]
    return register


def forget_texts() -> None:
    """Empty every text cache of the modules imported so far."""
    for cached in _REGISTERED:
        cached.cache_clear()
