"""The `careline` command. Every subcommand takes --json (one JSON document on stdout) and, on failure,
exits non-zero with a one-line error on stderr."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from careline.errors import CarelineError
from careline.settings import get_settings

Handler = Callable[[argparse.Namespace], tuple[Any, str]]


class CommandError(Exception):
    """A failure to report as one line on stderr."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        payload, text = args.handler(args)
    except (CommandError, CarelineError, ValueError, OSError) as exc:
        message = getattr(exc, "message", None) or str(exc)
        print(f"error: {' '.join(message.split())}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    if args.json:
        print(json.dumps(payload, indent=2, default=str))
    elif text:
        print(text)
    return getattr(args, "exit_code", 0)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="careline", description="Careline patient health assistant")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    sub = parser.add_subparsers(dest="command")

    serve = sub.add_parser("serve", parents=[common], help="start the API, widget, console and scheduler")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(handler=_serve)

    ingest = sub.add_parser("ingest", parents=[common], help="ingest content files or folders")
    ingest.add_argument("paths", nargs="+", type=Path)
    ingest.add_argument("--prune", action="store_true", help="remove documents whose source is gone")
    ingest.set_defaults(handler=_ingest)

    search = sub.add_parser("search", parents=[common], help="print the top passages for a query")
    search.add_argument("query")
    search.add_argument("-k", type=int, default=5)
    search.add_argument("--audience", choices=["adult", "pediatric", "all"])
    search.add_argument("--type", dest="types", action="append", default=[])
    search.set_defaults(handler=_search)

    admin = sub.add_parser("admin", help="manage patients and clinicians")
    admin_sub = admin.add_subparsers(dest="admin_command")
    new_patient = admin_sub.add_parser("create-patient", parents=[common], help="create a patient and its token")
    new_patient.add_argument("--name", required=True)
    new_patient.add_argument("--timezone", default="UTC")
    new_patient.set_defaults(handler=_create_patient)
    new_clinician = admin_sub.add_parser("create-clinician", parents=[common], help="create a clinician and token")
    new_clinician.add_argument("--name", required=True)
    new_clinician.set_defaults(handler=_create_clinician)

    from careline.content.governance import add_content_commands

    add_content_commands(sub, common)
    # --- chat commands (ask) ---
    from careline.chat.cli import add_chat_commands

    add_chat_commands(sub, common)
    # --- FHIR commands (import-fhir) ---
    from careline.fhir.cli import add_fhir_commands

    add_fhir_commands(sub, common)
    # --- eval commands (eval) ---
    from careline.evals.cli import add_eval_commands

    add_eval_commands(sub, common)
    return parser


def open_database():  # noqa: ANN201 - returns careline.db.Database; imported lazily to keep the CLI fast
    """The configured database, migrated to the latest schema."""
    from careline.db import Database

    database = Database(get_settings())
    database.migrate()
    return database


def _create_patient(args: argparse.Namespace) -> tuple[Any, str]:
    from careline.auth.service import issue_token
    from careline.patients.service import create_patient

    if not args.name.strip():
        raise CommandError("--name must not be empty")
    with open_database().session() as session:
        patient = create_patient(db_session=session, name=args.name, timezone=args.timezone)
        token = issue_token(db_session=session, kind="patient", principal_id=patient.id)
        payload = {"patient_id": patient.id, "token": token}
    return payload, f"patient_id: {payload['patient_id']}\ntoken: {payload['token']}"


def _create_clinician(args: argparse.Namespace) -> tuple[Any, str]:
    from careline.auth.service import issue_token
    from careline.patients.service import create_clinician

    if not args.name.strip():
        raise CommandError("--name must not be empty")
    with open_database().session() as session:
        clinician = create_clinician(db_session=session, name=args.name)
        token = issue_token(db_session=session, kind="clinician", principal_id=clinician.id)
        payload = {"clinician_id": clinician.id, "token": token}
    return payload, f"clinician_id: {payload['clinician_id']}\ntoken: {payload['token']}"


def _serve(args: argparse.Namespace) -> tuple[Any, str]:
    import uvicorn

    from careline.api.app import create_app

    settings = get_settings()
    if settings.embedding_threads is None:
        settings = settings.model_copy(update={"embedding_threads": 1})
    # Open SSE streams would otherwise hold a shutdown (Ctrl+C) for as long as a browser stays connected.
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_config=None, timeout_graceful_shutdown=5)
    return {"stopped": True}, ""


def _ingest(args: argparse.Namespace) -> tuple[Any, str]:
    from careline.content.ingest import ingest_paths
    from careline.retrieval.store import KnowledgeStore

    report = ingest_paths(KnowledgeStore(get_settings()), args.paths, prune=args.prune)
    data = report.as_dict()
    lines = [f"added {data['added']}, updated {data['updated']}, unchanged {data['unchanged']}, "
             f"rejected {len(report.rejected)}, skipped {len(report.skipped)}, pruned {data['pruned']} "
             f"({report.chunks_written} chunks in {data['seconds']} s)"]
    lines += [f"rejected {item.describe()}" for item in report.rejected]
    lines += [f"skipped {item.describe()}" for item in report.skipped]
    return data, "\n".join(lines)


def _search(args: argparse.Namespace) -> tuple[Any, str]:
    from careline.retrieval.lexical import Filters
    from careline.retrieval.search import HybridRetriever
    from careline.retrieval.store import KnowledgeStore

    if not args.query.strip():
        raise CommandError("the query is empty")
    store = KnowledgeStore(get_settings())
    if store.is_empty():
        raise CommandError("no content ingested yet: run `careline ingest knowledge/` first")
    results = HybridRetriever(store).run(args.query, args.k, Filters(audience=args.audience, types=tuple(args.types)))
    payload = {"results": [r.as_dict() for r in results]}
    lines = []
    for n, r in enumerate(results, start=1):
        lines.append(f"{n}. {r.title} — {r.section or 'Overview'}  [{r.doc_id}]  score {r.score:.4f}")
        lines.append(f"   {r.text[:240]}{'…' if len(r.text) > 240 else ''}")
    return payload, "\n".join(lines) or "no results"


if __name__ == "__main__":
    raise SystemExit(main())
