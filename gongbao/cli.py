"""The ``gongbao`` command. Each subcommand is a thin layer over a library function."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__, parse_file
from .errors import GongbaoError
from .export.popolo import popolo
from .models import Gazette
from .registers import registers_of, render_registers
from .schema import parse_output_schema

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "jiaocheng-gazette-2024-03.txt"


class _Group(click.Group):
    """Report known errors as one line with exit status 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except GongbaoError as exc:
            click.echo(f"gongbao: error: {exc}", err=True)
            ctx.exit(2)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("gongbao: interrupted", err=True)
            ctx.exit(130)
        except Exception as exc:
            if os.environ.get("GONGBAO_DEBUG"):
                raise
            click.echo(f"gongbao: internal error: {type(exc).__name__}: {exc} "
                       "(set GONGBAO_DEBUG=1 for details)", err=True)
            ctx.exit(1)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="gongbao")
@click.option("--database", metavar="URL", default=None,
              help="Archive database: sqlite:///PATH or postgresql://USER:PASSWORD@HOST:PORT/NAME "
                   "(default: $GONGBAO_DATABASE_URL, else archive.sqlite3 in the data directory).")
def main(database):
    """gongbao: Chinese government gazettes as a searchable, linked archive."""
    if database:
        os.environ["GONGBAO_DATABASE_URL"] = database


def _as_of_option(f):
    return click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                        help="Compute 时效性 as of this date (YYYY-MM-DD; default: today).")(f)


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json",
              show_default=True, help="JSON (the public contract) or a readable summary.")
@_as_of_option
def parse(file: str, fmt: str, as_of):
    """Parse a gazette issue or a single document and print its structure.

    Example: gongbao parse samples/jiaocheng-gazette-2024-03.txt > issue.json
    """
    gazette = parse_file(file, as_of=as_of.date() if as_of else None)
    if fmt == "json":
        _write(json.dumps(gazette.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        _write(render_text(gazette))


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@_as_of_option
def registers(file: str, fmt: str, as_of):
    """Print the registers of an issue: citations, validity, appointments, tasks, organisations.

    Example: gongbao registers samples/jiaocheng-gazette-2024-03.txt --format json
    """
    gazette = parse_file(file, as_of=as_of.date() if as_of else None)
    data = registers_of(gazette)
    if fmt == "json":
        _write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        _write(render_registers(data))


def _data_option(f):
    return click.option("--data", type=click.Path(file_okay=False, path_type=str), default=None,
                        help="Archive directory (default: $GONGBAO_DATA or ./data).")(f)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@_data_option
def ingest(files, data):
    """Ingest gazette files (or directories of .txt files) into the archive.

    Atomic per issue, idempotent, versioned. Example: gongbao ingest samples/
    """
    from .store.setup import setup

    setup(data)
    from pathlib import Path

    from .store.ingest import ingest_file

    paths: list[str] = []
    for f in files:  # a directory stands for the text files in it
        p = Path(f)
        paths += [str(x) for x in sorted(p.glob("*.txt"))] if p.is_dir() else [f]
    failed = 0
    for f in paths:
        try:
            click.echo(ingest_file(f).describe())
        except GongbaoError as exc:
            click.echo(f"gongbao: error: {exc}", err=True)
            failed += 1
    if failed:
        raise SystemExit(2)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@_data_option
def serve(host, port, data):
    """Serve the archive's web site and API.

    Example: gongbao serve --port 8000
    """
    from .store.setup import setup

    setup(data)
    _serve(host, port)


def _serve(host: str, port: int) -> None:
    from waitress import serve as waitress_serve

    from .store.ingest import ensure_index
    from .web.wsgi import application

    ensure_index().warm()  # first searches should not wait on the disk
    click.echo(f"gongbao: serving the archive on http://{host}:{port}/ (Ctrl+C to stop)")
    waitress_serve(application, host=host, port=port, threads=8, ident="gongbao")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--no-serve", is_flag=True, help="Build the demo archive and exit.")
@_data_option
def demo(host, port, no_serve, data):
    """Create the archive, ingest the sample gazette shipped with gongbao, and serve it.

    Example: gongbao demo   (then open http://127.0.0.1:8000/)
    """
    from .store.setup import setup

    setup(data)
    from .store.ingest import ingest_file

    click.echo(ingest_file(SAMPLE).describe())
    if not no_serve:
        _serve(host, port)


@main.command()
@click.argument("query")
@click.option("--page", default=1, show_default=True, type=int)
@_data_option
def search(query, page, data):
    """Search the archive from the command line (same engine as the web site).

    Example: gongbao search 殡葬
    """
    from .store.setup import setup

    setup(data)
    from .web import queries

    result = queries.search(query, {}, page)
    click.echo(f"共 {result['total']} 篇")
    for h in result["hits"]:
        click.echo(f"{h['id']}\t{h['doc_number'] or ''}\t{h['title']}")


@main.command("migrate-archive")
@click.option("--from", "source", required=True, metavar="URL", help="The archive to copy (sqlite:///… or postgresql://…).")
@click.option("--to", "destination", required=True, metavar="URL", help="An empty database to copy it into.")
@_data_option
def migrate_archive_cmd(source, destination, data):
    """Move an archive between databases, verifying counts and checksums of every table.

    Example: gongbao migrate-archive --from sqlite:///data/archive.sqlite3 --to postgresql://gongbao@db/gongbao
    """
    from .store.config import database_settings, redact

    database_settings(source), database_settings(destination)  # one-line errors for bad URLs
    if source == destination:
        raise GongbaoError("--from and --to name the same database")
    os.environ["GONGBAO_DATABASE_URL"] = destination
    os.environ["GONGBAO_SOURCE_DATABASE_URL"] = source
    from .store.setup import check_connection, setup

    setup(data, migrate=False)
    check_connection("source")
    from .store.migrate import migrate_archive

    reports = migrate_archive(progress=lambda table, n: click.echo(f"  {table}: {n:,} rows copied", err=True)
                              if n and n % 100_000 == 0 else None)
    failed = 0
    for r in reports:
        mark = "ok" if r.ok else "MISMATCH"
        click.echo(f"{r.table:28} {r.source_rows:>10,} → {r.destination_rows:>10,}  sha256 {r.destination_sha256[:16]}  {mark}")
        failed += not r.ok
    if failed:
        raise GongbaoError(f"{failed} table(s) differ after the copy into {redact(destination)}")
    click.echo(f"moved the archive to {redact(destination)}: every table's count and checksum verified")


@main.command("rebuild-index")
@_data_option
def rebuild_index_cmd(data):
    """Rebuild this machine's search index from the database (a new web machine, a lost index).

    Example: gongbao rebuild-index --data /srv/gongbao
    """
    from .store.setup import setup

    setup(data)
    from .store.ingest import rebuild_index

    click.echo(f"indexed {rebuild_index()} documents")


@main.group(invoke_without_command=True)
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default=None,
              help="Export the whole archive as JSON or CSV tables.")
@click.option("-o", "--output", type=click.Path(path_type=str), default=None,
              help="Output file (json) or directory (csv).")
@_data_option
@click.pass_context
def export(ctx, fmt, output, data):
    """Bulk exports in open formats: the archive (--format json|csv), or Popolo from files.

    Example: gongbao export --format csv -o export/
    """
    if ctx.invoked_subcommand is not None:
        return
    if fmt is None:
        raise click.UsageError("give --format json|csv, or a subcommand (popolo)")
    _export_archive(fmt, output, data)


@export.command("json")
@click.option("-o", "--output", type=click.Path(path_type=str), default=None)
@_data_option
def export_json_cmd(output, data):
    """Export the whole archive as one JSON array."""
    _export_archive("json", output, data)


@export.command("csv")
@click.option("-o", "--output", type=click.Path(path_type=str), default="export", show_default=True)
@_data_option
def export_csv_cmd(output, data):
    """Export the whole archive as CSV tables in a directory."""
    _export_archive("csv", output, data)


def _export_archive(fmt: str, output: str | None, data: str | None) -> None:
    from pathlib import Path

    from .store.setup import setup

    setup(data)
    from .export.archive import export_csv, export_json

    if fmt == "json":
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                n = export_json(fh)
            click.echo(f"wrote {n} documents to {output}", err=True)
        else:
            export_json(sys.stdout)
    else:
        counts = export_csv(Path(output or "export"))
        click.echo("wrote " + ", ".join(f"{k}.csv ({v} rows)" for k, v in counts.items()), err=True)


@export.command("popolo")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
def export_popolo(files, output):
    """Write persons, organizations, posts and memberships (Popolo JSON) from gazette files.

    Example: gongbao export popolo samples/*.txt -o popolo.json
    """
    data = popolo(parse_file(f) for f in files)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        _write(text)


@main.command()
def schema():
    """Print the JSON Schema of the `gongbao parse` output.

    Example: gongbao schema > parse-output.schema.json
    """
    _write(json.dumps(parse_output_schema(), ensure_ascii=False, indent=2) + "\n")


def _write(text: str) -> None:
    out = sys.stdout
    try:
        out.buffer.write(text.encode("utf-8"))
        out.flush()
    except BrokenPipeError:  # e.g. piped into head
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())


def render_text(g: Gazette) -> str:
    """A readable summary of a parsed gazette (for people, not programs)."""
    lines: list[str] = []
    if g.issue:
        i = g.issue
        lines.append(f"{i.gazette or '（刊名未识别）'}  {i.year or '?'}年第{i.number or '?'}期"
                     + (f"（总第{i.cumulative_number}期）" if i.cumulative_number else "")
                     + (f"  出版 {i.publication_date}" if i.publication_date else ""))
        if i.publisher:
            lines.append(f"主办单位：{i.publisher}")
        lines.append("")
    if g.toc:
        lines.append("目录")
        section = None
        for e in g.toc:
            if e.section != section and e.section:
                lines.append(f"  【{e.section}】")
                section = e.section
            mark = "" if e.in_toc else "  ［目录缺印］"
            mark += "" if e.in_body else "  ［正文未见］"
            num = f"（{e.doc_number}）" if e.doc_number else ""
            lines.append(f"  {e.title}{num} …… {e.page if e.page is not None else '?'}{mark}")
        lines.append("")
    for d in g.documents:
        lines.append(f"[{d.seq}] {d.title}")
        for label, value in (
            ("发文字号", d.doc_number), ("发文机关", "、".join(d.issuers)), ("文种", d.doc_type),
            ("主送机关", d.recipients), ("署名", "、".join(d.signatories)), ("成文日期", d.date),
            ("附注", d.disclosure), ("印发/转发", d.embedded_title), ("页码", d.page),
        ):
            if value:
                lines.append(f"    {label}：{value}")
        for a in d.attachments:
            lines.append(f"    附件：{a.title}{'（见网络版）' if a.online_only else ''}")
        if d.cites:
            lines.append(f"    引用：{'、'.join(d.cites)}")
        if d.repeals:
            lines.append(f"    废止：{'、'.join(d.repeals)}")
        for a in d.appointments:
            verb = "任命" if a.action == "appoint" else "免去"
            lines.append(f"    {verb}：{a.person} {a.post}{'（试用期）' if a.probation else ''}")
        for w in d.warnings:
            lines.append(f"    ! {w}")
        lines.append("")
    for w in g.warnings:
        lines.append(f"! {w}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    main()
