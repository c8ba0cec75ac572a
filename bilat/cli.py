"""The ``bilat`` command. Commands are thin: they check arguments, call the library and print."""
from __future__ import annotations

import logging
import os
import sys
from collections import Counter

import click

from . import __version__
from .errors import BilatError
from .settings import SETTINGS, Options

_HELP = {s.name: s.help for s in SETTINGS}


def db_option(f):
    return click.option("--db", envvar="BILAT_DB", default="bilat.db", show_default=True, help=_HELP["db"])(f)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bilat")
@click.option("-v", "--verbose", is_flag=True, help="Log details (and tracebacks of failed documents) to stderr.")
def cli(verbose: bool) -> None:
    """bilat: an evidence-linked record of relations between countries, from news and statements."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(message)s")


@cli.command()
@db_option
@click.option("--manifest", type=click.Path(dir_okay=False), help="JSON Lines of metadata the files lack "
              "(path relative to the manifest, title, published, outlet, url).")
@click.option("--force", is_flag=True, help="Process documents again even when the store already holds them.")
@click.option("--max-bytes", type=int, default=None, help=_HELP["max_bytes"])
@click.option("--workers", type=int, default=None, help=_HELP["workers"])
@click.option("--scheduler", default=None, help=_HELP["scheduler"])
@click.option("--no-gate", is_flag=True, help="Parse every sentence (slower; for checking the gate).")
@click.argument("paths", nargs=-1, required=True)
def ingest(db: str, manifest: str | None, force: bool, max_bytes: int | None, workers: int | None,
           scheduler: str | None, no_gate: bool, paths: tuple[str, ...]) -> None:
    """Read files and folders (text, HTML, JSON Lines) into the store.

    A folder is read recursively; a manifest.jsonl at its top is used as its manifest.
    Problems are reported as FILE[:LINE]: what is wrong; the rest is still ingested, and
    the exit code is 1 when anything was skipped.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .pipeline import ingest as run_ingest
    from .readers import iter_files
    from .store import Store

    opts = Options.from_env(db=db, max_bytes=max_bytes, workers=workers, scheduler=scheduler,
                            gate=False if no_gate else None)
    store = Store.open(opts.db)
    console = _stderr_console()
    total = sum(1 for _ in iter_files(list(paths)))
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True,
                  disable=not console.is_terminal) as bar:
        task = bar.add_task("ingesting", total=total)
        report = run_ingest(store, list(paths), manifest=manifest, opts=opts, force=force,
                            progress=lambda _path: bar.advance(task), command=" ".join(["ingest", *paths]))
    for problem in report.problems:
        click.echo(problem, err=True)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"{opts.db}: {report.summary()}")
    sys.exit(0 if report.ok else 1)


@cli.command()
@db_option
@click.option("--out", required=True, type=click.Path(dir_okay=False, writable=True),
              help="File to write (JSON Lines); '-' for standard output.")
@click.option("--dyad", default=None, help="Only items involving these countries, e.g. CHN-RUS.")
def export(db: str, out: str, dyad: str | None) -> None:
    """Write the store as JSON Lines in the export format (docs/EXPORT.md)."""
    from . import export as exporter
    from .store import Store

    store = Store.open(db, create=False, readonly=True)
    if out == "-":
        counts = exporter.write(store, sys.stdout, dyad=dyad)
    else:
        tmp = out + ".part"
        with open(tmp, "w", encoding="utf-8") as f:
            counts = exporter.write(store, f, dyad=dyad)
        os.replace(tmp, out)
    summary = ", ".join(f"{n} {k}{'s' if n != 1 and k != 'reuse' else ''}" for k, n in counts.items())
    click.echo(f"wrote {out}: {summary or 'nothing'}", err=out == "-")


@cli.command()
@db_option
def stats(db: str) -> None:
    """Print what the store holds."""
    from .store import Store

    store = Store.open(db, create=False, readonly=True)
    counts = store.counts()
    click.echo(f"{db}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    for d in store.documents():
        click.echo(f"  {d['id']}  {d['published'] or '????-??-??'}  {(d['outlet'] or '-')[:20]:20s}  "
                   f"{(d['title'] or '')[:70]}")
    events = store.items("event")
    if events:
        stories = [e for e in events if not e.get("origin")]
        by_type = Counter(e["type"] for e in stories)
        copies = len(events) - len(stories)
        click.echo("events by type: " + ", ".join(f"{t} {n}" for t, n in by_type.most_common())
                   + (f" (and {copies} event{'' if copies == 1 else 's'} copied from other passages, not counted)"
                      if copies else ""))
    figures = store.items("figure")
    if figures:
        by_unit = Counter(f["unit"] for f in figures)
        click.echo("figures by unit: " + ", ".join(f"{u} {n}" for u, n in by_unit.most_common()))
    commitments = store.items("commitment")
    if commitments:
        by_status = Counter(c["status"] for c in commitments)
        click.echo("commitments by status: " + ", ".join(f"{s} {n}" for s, n in by_status.most_common()))
    reuse = store.items("reuse")
    if reuse:
        by_rel = Counter(("within" if r["doc_a"] == r["doc_b"] else "across") + " " + r["relation"] for r in reuse)
        click.echo("reuse: " + ", ".join(f"{k} {n}" for k, n in by_rel.most_common()))


@cli.command()
@db_option
def check(db: str) -> None:
    """Commitments met, missed and open, and conflicting claims, with their sources."""
    from .link.check import check_report
    from .store import Store

    click.echo(check_report(Store.open(db, create=False, readonly=True)), nl=False)


@cli.command(name="reuse")
@db_option
@click.option("--min-score", type=float, default=0.0, help="Only links scoring at least this (0-1).")
def reuse_cmd(db: str, min_score: float) -> None:
    """List the reuse clusters: documents that copy or reword one another, and repeats inside one."""
    from .link.reuse import Reuse, clusters
    from .store import Store

    store = Store.open(db, create=False, readonly=True)
    docs = {d["id"]: d for d in store.documents()}
    records = [r for r in store.items("reuse") if r["score"] >= min_score]
    across = [r for r in records if r["doc_a"] != r["doc_b"]]
    groups = clusters([Reuse(r["doc_a"], tuple(r["span_a"]), r["doc_b"], tuple(r["span_b"]), r["relation"],
                             r["score"]) for r in across])

    def label(doc_id: str) -> str:
        d = docs[doc_id]
        return f"{doc_id}  {d['published'] or '????-??-??'}  {(d['outlet'] or '-')[:18]:18s}  {(d['title'] or '')[:60]}"

    click.echo(f"{len(groups)} cluster{'s' if len(groups) != 1 else ''} of documents that share text")
    for n, group in enumerate(groups, 1):
        members = sorted(group, key=lambda i: (docs[i]["published"] or "9999", i))
        click.echo(f"\ncluster {n}: {len(members)} documents (first: {members[0]})")
        for doc_id in members:
            click.echo(f"  {label(doc_id)}")
        for r in across:
            if r["doc_a"] in group:
                click.echo(f"    {r['relation']:14s} {r['score']:.2f}  {r['doc_a']}{r['span_a']} ~ {r['doc_b']}{r['span_b']}"
                           f"  \"{r['text_b'][:70]}\"")
    within = Counter(r["doc_a"] for r in records if r["doc_a"] == r["doc_b"])
    if within:
        click.echo("\nrepeats inside one document:")
        for doc_id, n in within.most_common():
            click.echo(f"  {n:3d}  {label(doc_id)}")


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; loopback by default (any other address exposes the store to the network).")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
def serve(db: str, host: str, port: int) -> None:
    """Run the dashboard over the store (read-only) until Ctrl-C."""
    from .store import Store
    from .web import serve as run_dashboard

    Store.open(db, create=False, readonly=True).close()  # a missing store is one line, not a traceback
    run_dashboard(db, host=host, port=port)


@cli.command()
@db_option
@click.option("--dyad", required=True, help="The pair of countries, e.g. CHN-RUS.")
@click.option("--format", "fmt", type=click.Choice(["html", "md"]), default="html", show_default=True,
              help="html: one self-contained file with charts; md: tables and quoted evidence.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, writable=True), help="File to write.")
def report(db: str, dyad: str, fmt: str, out: str) -> None:
    """Write one dyad's record as a self-contained report, every item linked to its sentence."""
    from .report import write_report
    from .store import Store

    store = Store.open(db, create=False, readonly=True)
    write_report(store, dyad, fmt, out)
    click.echo(f"wrote {out}")


def main(argv: list[str] | None = None) -> int:
    """Entry point: BilatErrors become one line on stderr and exit code 2, never a traceback."""
    try:
        cli.main(args=argv, prog_name="bilat", standalone_mode=False)
    except click.exceptions.Exit as e:
        return e.exit_code
    except click.ClickException as e:
        e.show()
        return e.exit_code
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except BilatError as e:
        click.echo(f"error: {e}", err=True)
        return 2
    except KeyboardInterrupt:
        click.echo("interrupted; documents stored so far are kept", err=True)
        return 130
    except SystemExit as e:
        return int(e.code or 0) if not isinstance(e.code, str) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
