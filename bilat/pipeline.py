"""The ingest job: read -> clean -> annotate -> extract -> store, one transaction per document,
then link across the store.

``process()`` is the per-document work and is a plain function of picklable inputs, so
``bilat.dist`` can run it on Dask workers; only the driver writes to the store. In one process,
``ingest()`` runs ``process_batch()`` over groups of documents instead, for fuller spaCy batches.
"""
from __future__ import annotations

import gc
import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from more_itertools import constrained_batches
from threadpoolctl import threadpool_limits

from .clean import clean, content_hash
from .errors import BilatError, InputError
from .manifest import Manifest
from .model import ActorMention, Commitment, Document, Event, Figure, Reuse
from .readers import MANIFEST_NAME, RawDocument, iter_files, read_file
from .settings import Options
from .store import Store

log = logging.getLogger("bilat")

# documents compared for reuse together; their texts stay in memory until then
LINK_BATCH = 200


@dataclass
class Processed:
    """Everything extracted from one document, ready to store."""

    doc: Document
    repeats: list[Reuse] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    mentions: list[ActorMention] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        parts = [f"{len(self.added)} document{'s' if len(self.added) != 1 else ''} added"]
        if self.unchanged:
            parts.append(f"{self.unchanged} already stored")
        for k in ("figures", "events", "commitments", "reuse"):
            if self.counts[k]:
                parts.append(f"{self.counts[k]} {k}")
        if self.counts["copies"]:
            parts.append(f"{self.counts['copies']} copied item{'s' if self.counts['copies'] != 1 else ''} "
                         "linked to the original")
        if self.problems:
            parts.append(f"{len(self.problems)} input{'s' if len(self.problems) != 1 else ''} skipped with problems")
        return ", ".join(parts)


def process(raw: RawDocument, manifest_meta: dict | None = None, opts: Options | None = None) -> Processed:
    """Clean, annotate and extract one document (no store access)."""
    return process_batch([(raw, manifest_meta)], opts)[0]


def process_batch(items: list[tuple[RawDocument, dict | None]], opts: Options | None = None) -> list[Processed]:
    """Clean several documents, then annotate the sentences of all of them in one spaCy stream.

    The networks run faster on full batches than on one short document's sentences at a time;
    each sentence keeps its own document's context, so the results are those of ``process()``
    document by document. An error anywhere raises: callers that must isolate one bad document
    retry document by document (``_process_batch_safely``)."""
    from . import nlp as bilat_nlp  # spaCy is imported only when documents are processed

    opts = opts or Options()
    pipeline = bilat_nlp.load()
    out, sentence_docs, owner = [], [], []
    for raw, manifest_meta in items:
        doc, repeats = clean(raw, manifest_meta, repeat_min_chars=opts.repeat_min_chars,
                             near_repeat_ratio=opts.near_repeat_ratio)
        doc.sentences = bilat_nlp.split_sentences(doc.text, doc.paragraphs)
        ctx = bilat_nlp.document_context(doc)
        out.append(Processed(doc=doc, repeats=repeats, countries=ctx.countries))
        docs = bilat_nlp.sentence_docs(pipeline, ctx, gate=opts.gate)
        sentence_docs.extend(docs)
        owner.extend([out[-1]] * len(docs))
    for sent, p in zip(pipeline.pipe(sentence_docs, batch_size=opts.batch_size), owner):
        p.mentions.extend(sent._.actors or [])
        p.figures.extend(sent._.figures or [])
        p.events.extend(sent._.events or [])
        p.commitments.extend(sent._.commitments or [])
    for p in out:
        for item in (*p.figures, *p.events, *p.commitments):
            item.doc = p.doc.id
    return out


def store_processed(store: Store, p: Processed, run_id: int | None, replace: bool = False) -> None:
    store.add_document(p.doc, figures=p.figures, events=p.events, commitments=p.commitments,
                       reuse=p.repeats, mentions=p.mentions, countries=p.countries, run_id=run_id,
                       replace=replace)


def manifests_for(paths: Iterable[str], explicit: str | None) -> tuple[Manifest, list[InputError]]:
    """The explicit manifest plus any ``manifest.jsonl`` at the top of a folder being ingested."""
    manifest, problems = Manifest(), []
    found = [os.path.join(p, MANIFEST_NAME) for p in paths if os.path.isdir(p)]
    for path in [f for f in found if os.path.isfile(f)] + ([explicit] if explicit else []):
        m, errs = Manifest.load(path)
        manifest = manifest.merge(m)
        problems.extend(errs)
    return manifest, problems


def read_all(paths: list[str], opts: Options, report: IngestReport,
             on_file: Callable[[str], None] | None = None) -> Iterator[RawDocument]:
    """Raw documents of all paths; problems go to the report, the rest is read."""
    for path, problem in iter_files(paths):
        if problem is not None:
            report.problems.append(str(problem))
        else:
            try:
                for item in read_file(path, opts.max_bytes):
                    if isinstance(item, InputError):
                        report.problems.append(str(item))
                    else:
                        yield item
            except InputError as e:
                report.problems.append(str(e))
        if on_file:
            on_file(path)


def ingest(store: Store, paths: list[str], manifest: str | None = None, opts: Options | None = None,
           force: bool = False, progress: Callable[[str], None] | None = None,
           command: str = "ingest") -> IngestReport:
    """Ingest files and folders into the store; see ``bilat ingest --help``."""
    opts = opts or Options()
    report = IngestReport()
    man, problems = manifests_for(paths, manifest)
    report.problems.extend(str(p) for p in problems)
    run_id = store.start_run(command, settings={k: getattr(opts, k) for k in opts.__dataclass_fields__})
    seen: set[str] = set()

    def todo() -> Iterator[tuple[RawDocument, dict, bool]]:
        for raw in read_all(paths, opts, report, progress):
            h = content_hash(raw.text)
            existing = store.document_id_for_hash(h)
            if h in seen or (existing and not force):
                report.unchanged += 1
                continue
            seen.add(h)
            yield raw, man.get(raw.path) if raw.line is None else {}, bool(existing)

    if opts.workers or opts.scheduler:
        from .dist import process_many

        results = process_many(todo(), opts)
    else:
        results = _process_in_batches(todo(), opts)
    from .link import Linker

    linker, pending = Linker(store, run_id), []
    for outcome in results:
        if len(pending) >= LINK_BATCH:
            linker.add(pending)
            pending = []
        if isinstance(outcome, str):
            report.problems.append(outcome)
            continue
        processed, replace = outcome
        try:
            store_processed(store, processed, run_id, replace=replace)
        except Exception as e:  # the batch boundary: report the document, keep what is stored
            log.debug("storing %s failed", processed.doc.source, exc_info=True)
            report.problems.append(f"{processed.doc.source}: not stored ({type(e).__name__}: {e})")
            continue
        report.added.append(processed.doc.id)
        pending.append(processed.doc)
        report.warnings.extend(f"{processed.doc.source}: {w}" for w in processed.doc.cleaning.get("warnings", []))
        report.counts.update(figures=len(processed.figures), events=len(processed.events),
                             commitments=len(processed.commitments), reuse=len(processed.repeats))
    linker.add(pending)
    if report.added:
        links = linker.finish()
        report.counts.update(reuse=links.reuse, copies=links.origins)
    store.finish_run(run_id, len(report.added))
    return report


# Documents whose sentences share one spaCy stream in this process (``process_batch``): a group
# closes before it would hold more than GROUP_CHARS characters (a longer document is a group of
# its own). A group's parsed sentences stay in memory until its documents are done, so the bound
# is on text, not on documents: sixteen documents of the largest size accepted (``max_bytes``)
# would hold hundreds of millions of characters. 25,000 characters is about sixteen news articles.
# Bigger groups gave no consistent gain: in alternated ingests, groups of 25,000 characters beat
# 100,000 by 0.7 s (median) on the 216 articles of ``bench/throughput.py --corpus articles``, and
# lost by 0.6 s on its 200 PLOVER stories.
GROUP_CHARS = 25_000


def _process_in_batches(todo: Iterable[tuple[RawDocument, dict, bool]],
                        opts: Options) -> Iterator[tuple[Processed, bool] | str]:
    """``process_batch`` over groups of documents; a group that fails is redone document by
    document, so one bad document is reported alone and the others are kept."""
    groups = constrained_batches(todo, GROUP_CHARS, get_len=lambda item: len(item[0].text), strict=False)
    # one core per process, as the model had with blis (``nlp.load_model``): numpy's BLAS would
    # start a thread per core for products this small; more cores are ``--workers``
    with _LongLived() as long_lived, threadpool_limits(limits=1, user_api="blas"):
        for i, group in enumerate(groups):
            yield from _process_group(group, opts)
            if i == 0:
                long_lived.now()  # and the pipelines the first group loaded


class _LongLived:
    """Keep Python's cyclic garbage collector off long-lived objects (the loaded pipelines and
    gazetteer, hundreds of thousands of them) while the block runs: those alive on entry and at
    each :meth:`now`. Garbage among them waits for the end of the block.

    bilat's steps allocate many small objects per sentence, which sets off the collector's full
    collections, and each full collection walks every tracked object: 0.4 to 0.8 s of an ingest
    of 216 articles went to collections (timed with ``gc.callbacks``; 0.1 s with the freeze),
    where spaCy's own pipeline, which allocates in Cython, spent almost none. ``gc.freeze()`` is
    Python's way to leave long-lived objects out of collections. The block leaves the freeze alone
    when someone else froze objects before (a server about to fork), and undoes only its own."""

    def __enter__(self) -> _LongLived:
        self.owned = not gc.get_freeze_count()
        self.now()
        return self

    def now(self) -> None:
        """Leave what is alive now out of collections too."""
        if self.owned:
            gc.freeze()

    def __exit__(self, *exc) -> None:
        if self.owned:
            gc.unfreeze()


def _process_group(group: list[tuple[RawDocument, dict, bool]],
                   opts: Options) -> Iterator[tuple[Processed, bool] | str]:
    """``process_batch`` over one group; if it fails, document by document."""
    try:
        done = process_batch([(raw, meta) for raw, meta, _ in group], opts)
    except Exception:  # find the document that failed, keep the rest
        log.debug("a batch of %d documents failed; retrying one by one", len(group), exc_info=True)
        yield from (_process_safely(raw, meta, opts, replace) for raw, meta, replace in group)
        return
    yield from ((p, replace) for p, (_, _, replace) in zip(done, group))


def _process_safely(raw: RawDocument, meta: dict, opts: Options, replace: bool) -> tuple[Processed, bool] | str:
    """process() with problems turned into a one-line report (the per-document boundary)."""
    try:
        return process(raw, meta, opts), replace
    except BilatError as e:
        return str(e)
    except Exception as e:  # an unexpected failure in one document must not stop the others
        log.debug("processing %s failed", raw.where, exc_info=True)
        return f"{raw.where}: could not be processed ({type(e).__name__}: {e}); please report this"
