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
        by_type = Counter(e["type"] for e in events)
        click.echo("events by type: " + ", ".join(f"{t} {n}" for t, n in by_type.most_common()))
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
