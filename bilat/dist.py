"""Batch ingestion on Dask: the per-document work (clean -> annotate -> extract) runs on
workers, the driver alone writes to the store.

``bilat ingest --workers N`` starts a local cluster of N single-threaded worker processes;
``--scheduler tcp://host:8786`` uses a running cluster (its workers need bilat installed).
Documents go out in a bounded window so memory stays flat on large corpora, and results come
back as they finish, so the store fills while the cluster works. Each worker loads the
spaCy pipeline once (``bilat.nlp.load`` is cached per process).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from .readers import RawDocument
from .settings import Options


def process_many(todo: Iterable[tuple[RawDocument, dict, bool]], opts: Options):
    """Yield ``(Processed, replace)`` or a one-line problem for each document, as workers finish."""
    from dask.distributed import Client, LocalCluster, as_completed

    from .pipeline import _process_safely

    if opts.scheduler:
        client, cluster = Client(opts.scheduler), None
    else:
        cluster = LocalCluster(n_workers=max(opts.workers, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        n_workers = max(len(client.scheduler_info()["workers"]), 1)
        window = n_workers * 4
        items: Iterator = iter(todo)
        pending = as_completed()
        for raw, meta, replace in islice(items, window):
            pending.add(client.submit(_process_safely, raw, meta, opts, replace, pure=False))
        for future in pending:
            result = future.result()
            future.release()
            nxt = next(items, None)
            if nxt is not None:
                raw, meta, replace = nxt
                pending.add(client.submit(_process_safely, raw, meta, opts, replace, pure=False))
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
