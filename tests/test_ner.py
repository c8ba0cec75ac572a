"""bilat_ner: the model's NER only where a sentence has a name the gazetteer lacks."""
import datetime as dt

import pytest

from bilat import ner
from bilat.actors import gazetteer, scan
from bilat.nlp import annotate_text, doc_text, load

P23 = dt.date(2023, 3, 20)


@pytest.fixture(scope="module")
def nlp():
    return load()


def _need(nlp, text):
    (doc,) = annotate_text(text, published=P23, nlp=nlp)
    names = nlp.get_pipe("bilat_ner")
    return bool(ner.unknown_names(doc, scan(doc_text(doc)), gazetteer().titles, names.words())), doc


def test_pipeline_runs_the_ner_inside_bilat_ner(nlp):
    assert "ner" not in nlp.pipe_names and "ner" in nlp.component_names
    assert nlp.pipe_names.index("bilat_ner") < nlp.pipe_names.index("bilat_actors")


@pytest.mark.parametrize("text, needed", [
    # every name is in the gazetteer: countries, a known leader, a month, a title
    ("China and Russia signed 14 deals worth $5 billion on March 21.", False),
    ("Chinese President Xi Jinping arrived in Moscow on Monday.", False),
    ('"We will never accept it," the Kremlin said.', False),
    # a person, a firm, an event the gazetteer does not know
    ("Prime Minister Jorvald Quentashi met the delegation.", True),
    ("Mitsubishi Corp will build the plant.", True),
    # a first word that is no English word is a name even when the tagger reads an adjective
    ("ALCAN TO CLOSE WEST GERMAN ALUMINIUM SMELTER", True),
    ("Exports to Japan rose 5 pct in March.", False),
])
def test_unknown_names(nlp, text, needed):
    assert _need(nlp, text)[0] is needed


def test_rule_entities_of_a_known_sentence(nlp):
    need, doc = _need(nlp, "China and Russia signed 14 deals worth $5 billion on March 21.")
    assert not need
    ents = [(e.text, e.label_) for e in doc.ents]
    assert ents == [("China", "GPE"), ("Russia", "GPE"), ("14", "CARDINAL"), ("$5 billion", "MONEY"),
                    ("March 21", "DATE")]


def test_an_amount_in_a_currency_named_by_its_country_is_money(nlp):
    need, doc = _need(nlp, "It plans a bond issue of around 150 mln Swiss francs.")
    assert not need
    assert ("150 mln Swiss francs", "MONEY") in [(e.text, e.label_) for e in doc.ents]
    assert "NORP" not in {e.label_ for e in doc.ents}


def test_the_model_still_finds_unknown_names(nlp):
    need, doc = _need(nlp, "Prime Minister Jorvald Quentashi met the delegation.")
    assert need
    assert ("Jorvald Quentashi", "PERSON") in [(e.text, e.label_) for e in doc.ents]


TEXTS = [
    "Chinese President Xi Jinping arrived in Moscow on Monday for talks with Russian President Putin.",
    "China-Russia trade reached a record $190.27 billion in 2022, up 29.3% year on year.",
    "The two sides agreed to raise bilateral trade to $200 billion within this year.",
    "Japan's exports to China fell 5 pct in March, the Finance Ministry said.",
    "It said it planned to invite shareholders to subscribe to a bond issue of 150 mln Swiss francs.",
    # an unknown firm far from the rest: the model reads a window around it, the rules the rest
    "Russia will supply 100 billion cubic metres of gas to China by 2030 under the deal signed with "
    "Gazprovka Holdings in Beijing last year, the ministry said on Tuesday.",
]


def test_extraction_is_that_of_the_full_ner(nlp, monkeypatch):
    """The gazetteer's entities, and the model's in windows around unknown names, lead the extractors
    to what the model's entities over every whole sentence would."""
    def extracted():
        out = []
        for text in TEXTS:
            for d in annotate_text(text, published=P23, nlp=nlp):
                out.append((repr(d._.events), repr(d._.figures), repr(d._.commitments)))
        return out

    ruled = extracted()
    calls = []
    monkeypatch.setattr(ner, "windows", lambda marks, n, margin=ner.MARGIN: calls.append(n) or [(0, n)])
    assert extracted() == ruled
    assert len(calls) >= len(TEXTS)  # the model did read every sentence whole this time


@pytest.mark.parametrize("marks, n, expected", [
    ([], 30, []),
    ([20], 40, [(14, 27)]),
    ([3, 30], 60, [(0, 10), (24, 37)]),
    ([10, 18], 60, [(4, 25)]),  # overlapping windows merge
    ([5, 15], 20, [(0, 20)]),  # most of the sentence: read whole
])
def test_windows(marks, n, expected):
    assert ner.windows(marks, n, margin=6) == expected


def test_an_unknown_name_is_read_in_its_window(nlp):
    text = TEXTS[-1]
    (doc,) = annotate_text(text, published=P23, nlp=nlp)
    names = nlp.get_pipe("bilat_ner")
    marks = ner.unknown_names(doc, scan(doc_text(doc)), gazetteer().titles, names.words())
    assert [doc[i].text for i in marks] == ["Gazprovka", "Holdings"]
    assert ner.windows(marks, len(doc)) != [(0, len(doc))]
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Gazprovka Holdings", "ORG") in ents  # the model's, from the window
    assert {("Russia", "GPE"), ("China", "GPE"), ("Beijing", "GPE")} <= ents  # the gazetteer's


def test_windows_of_several_batches_are_read_together(nlp, monkeypatch):
    """The model reads windows by NER_BATCH, however few each batch of sentences holds; the entities
    are those of reading each batch on its own."""
    texts = [f"Prime Minister Jorvald Quentash{c} met the delegation of Gazprovka Holdings in Beijing."
             for c in "abcdefgh"]

    def run():
        docs = [nlp.make_doc(t) for t in texts]
        for _, proc in nlp.pipeline[:nlp.pipe_names.index("bilat_ner")]:
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        sizes.clear()
        labelled = nlp.get_pipe("bilat_ner").pipe(docs, batch_size=2)
        out = [[(e.text, e.label_) for e in d.ents] for d in labelled]
        return out, list(sizes)

    sizes: list[int] = []
    read = ner.Names._read
    monkeypatch.setattr(ner.Names, "_read", lambda self, texts: sizes.append(len(texts)) or read(self, texts))
    monkeypatch.setattr(ner, "NER_BATCH", 1)
    alone, calls_alone = run()
    monkeypatch.setattr(ner, "NER_BATCH", 6)
    together, calls_together = run()
    assert together == alone and ("Gazprovka Holdings", "ORG") in together[0]
    assert len(calls_alone) == 4 and calls_together and min(calls_together[:-1] or [6]) >= 6
