"""`careline import-fhir BUNDLE.json [--patient-id ID] [--timezone TZ]`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_fhir_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    command = sub.add_parser(
        "import-fhir", parents=[common],
        help="import a FHIR R4 bundle into a patient profile and reminders (creating the patient if needed)",
    )
    command.add_argument("bundle", type=Path, help="a FHIR R4 Bundle as JSON")
    command.add_argument("--patient-id", help="import into this patient (default: the patient this bundle's "
                                              "Patient was imported into before, else a new patient)")
    command.add_argument("--timezone", help="time zone for a new patient (default: the bundle's tz-code, else UTC)")
    command.set_defaults(handler=_import_fhir)


def _import_fhir(args: argparse.Namespace) -> tuple[Any, str]:
    from careline.cli import CommandError, open_database
    from careline.fhir.importer import describe_import, import_bundle
    from careline.patients.service import get_patient
    from careline.settings import get_settings

    try:
        raw = args.bundle.read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {args.bundle}: {exc.strerror or exc}") from None
    with open_database().session() as session:
        patient = get_patient(db_session=session, patient_id=args.patient_id) if args.patient_id else None
        result = import_bundle(db_session=session, settings=get_settings(), raw=raw, patient=patient,
                               timezone=args.timezone)
    return result.as_dict(), describe_import(result)
