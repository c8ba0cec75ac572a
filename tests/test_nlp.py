"""The annotation layer's own parts (bilat/nlp.py)."""
from __future__ import annotations

import spacy

from bilat import nlp as bilat_nlp

TEXT = ("He got there late. The talks in Beijing ain't over, and they're gonna go on. "
        "The ministers gets the figures: trade rose 29.3 % to $190.27 billion in 2022.\n\n"
        "Xi Jinping met Vladimir Putin in Moscow on March 21, 2023; the sides signed 14 documents. "
        "U.S. officials didn't comment. It's been said that I'm wrong, but you'll see.")


def test_indexed_attribute_rules_match_spacys_matcher():
    nlp = spacy.load(bilat_nlp.MODEL, exclude=["senter"])
    ruler = nlp.get_pipe("attribute_ruler")
    indexed = bilat_nlp.IndexedRules(ruler)
    assert indexed.index and not len(indexed.rest)  # every rule of the English model is indexed
    before = nlp.pipe_names[:nlp.pipe_names.index("attribute_ruler")]
    with nlp.select_pipes(enable=before):
        docs = [nlp(t) for t in TEXT.split(". ")] + [nlp(TEXT)]
    n = 0
    for doc in docs:
        expected = ruler.match(doc)
        assert indexed.match(doc) == expected
        n += len(expected)
    assert n > 100


def test_bilat_pipeline_tags_as_spacy_does():
    plain = spacy.load(bilat_nlp.MODEL, exclude=["senter"])
    ours = bilat_nlp.load()
    assert ours.get_pipe("attribute_ruler").match.__self__.__class__ is bilat_nlp.IndexedRules
    a, b = plain(TEXT), ours(TEXT)
    assert [(t.pos_, t.lemma_, str(t.morph), t.tag_) for t in a] == [(t.pos_, t.lemma_, str(t.morph), t.tag_) for t in b]


def test_the_models_multiply_through_numpy_and_annotate_as_with_blis():
    """bilat loads the model with thinc's numpy matrix products instead of blis (faster on the
    processors blis has no kernels for); the annotations are those of spaCy's default load."""
    plain = spacy.load(bilat_nlp.MODEL)
    ours = bilat_nlp.load_model()
    networks = {"tok2vec": lambda nlp: nlp.get_pipe("tok2vec").model,
                "ner": lambda nlp: nlp.get_pipe("ner").model.get_ref("tok2vec"),
                "senter": lambda nlp: nlp.get_pipe("senter").model}
    for name, network in networks.items():
        assert {n.ops.use_blis for n in network(plain).walk()} == {True}, name
        assert {n.ops.use_blis for n in network(ours).walk()} == {False}, name
    assert {n.ops.use_blis for n in bilat_nlp.load_senter().get_pipe("senter").model.walk()} == {False}
    for nlp in (plain, ours):
        nlp.enable_pipe("senter")  # disabled by default; its own network, run on its own below
    a, b = plain(TEXT), ours(TEXT)
    assert [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in a] == \
           [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in b]
    with plain.select_pipes(enable=["senter"]), ours.select_pipes(enable=["senter"]):
        assert [s.text for s in plain(TEXT).sents] == [s.text for s in ours(TEXT).sents]


def test_sentences_glued_without_a_space_are_split():
    """Scraped pages lose the space between sentences; the statistical splitter keeps the pair
    together, bilat splits it. Abbreviations and decimals stay whole."""
    text = ("Output rose 0.9 percent from a month earlier.Industrial production has fluctuated, "
            "falling 2.7 percent.The U.S. economy grew 3.5 percent, Samsung Electronics Co. said.")
    got = [text[s:e] for s, e, _ in bilat_nlp.split_sentences(text, [(0, len(text))])]
    assert got == ["Output rose 0.9 percent from a month earlier.",
                   "Industrial production has fluctuated, falling 2.7 percent.",
                   "The U.S. economy grew 3.5 percent, Samsung Electronics Co. said."]


def test_tokens_in_finds_what_a_scan_of_the_doc_finds():
    doc = spacy.blank("en")(TEXT)
    spans = [(a, b) for a in range(0, len(TEXT), 7) for b in range(a, min(len(TEXT), a + 40) + 1, 3)]
    for start, end in spans:
        overlapping = [t.i for t in doc if t.idx < end and start < t.idx + len(t)]
        inside = [t.i for t in doc if t.idx >= start and t.idx + len(t) <= end]
        assert [t.i for t in bilat_nlp.tokens_in(doc, start, end)] == overlapping
        assert [t.i for t in bilat_nlp.tokens_in(doc, start, end, whole=True)] == inside
    assert [t.text for t in bilat_nlp.tokens_in(doc, TEXT.index("29.3"), TEXT.index("29.3") + 6)] == ["29.3", "%"]


def test_forget_texts_empties_the_caches_of_answers_about_a_text():
    from bilat.actors import scan
    from bilat.textcache import forget_texts
    from bilat.timex import _matches

    scan("China and Russia signed a deal in 2022.")
    _matches("China and Russia signed a deal in 2022.")
    assert scan.cache_info().currsize and _matches.cache_info().currsize
    forget_texts()
    assert scan.cache_info().currsize == 0 and _matches.cache_info().currsize == 0


def test_every_cache_keyed_by_a_text_is_registered_to_be_forgotten():
    """A cache of answers about a sentence or phrase left out of ``bilat.textcache`` would keep the
    answers of one bench run for the next."""
    import importlib
    import inspect
    import pkgutil

    import bilat
    from bilat import textcache

    keyed_by_text = []
    for info in pkgutil.walk_packages(bilat.__path__, "bilat."):
        module = importlib.import_module(info.name)
        for name, fn in vars(module).items():
            if hasattr(fn, "cache_info") and getattr(fn, "__module__", None) == info.name:
                first = next(iter(inspect.signature(fn).parameters), None)
                if first in ("text", "what"):
                    keyed_by_text.append(fn)
    assert len(keyed_by_text) >= 6
    assert all(fn in textcache._REGISTERED for fn in keyed_by_text), \
        [fn.__qualname__ for fn in keyed_by_text if fn not in textcache._REGISTERED]
