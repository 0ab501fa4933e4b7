"""The FHIR side of ``spinal-metastasis assess``: ``--fhir BUNDLE --as-of DATE``, ``--format fhir``.

Loaded by the command only when one of them is given. The bundle is decoded by
:func:`spinal_metastasis.io.parse_json`, within :data:`MAX_BUNDLE_BYTES`; the import report
goes to standard error (a summary, and every ambiguous resource), never with identifiers.
"""

import argparse
import json
import sys
from datetime import UTC, date, datetime
from typing import Final, TextIO

from spinal_metastasis.assessment import assess
from spinal_metastasis.errors import InvalidInputError, SerializationError
from spinal_metastasis.fhir._export import assessment_to_bundle
from spinal_metastasis.fhir._import import FhirImport, MappingStatus, patient_from_bundle
from spinal_metastasis.io import from_json, parse_json
from spinal_metastasis.limits import MAX_DOCUMENT_BYTES, Limit
from spinal_metastasis.model import Patient
from spinal_metastasis.provenance import envelope_json

__all__ = ["MAX_BUNDLE_BYTES", "MAX_BUNDLE_STRING_CHARACTERS", "assess_fhir"]

#: Largest FHIR bundle the command reads.
MAX_BUNDLE_BYTES: Final = Limit(
    name="FHIR bundle size",
    value=64 * 1_048_576,
    unit="bytes",
    reason=(
        "A patient's whole record as one Bundle holds thousands of resources, far beyond "
        "the 1 MiB of a patient document; 64 MiB bounds the memory of one read."
    ),
)
#: Longest string of a FHIR bundle: as long as the bundle itself.
MAX_BUNDLE_STRING_CHARACTERS: Final = Limit(
    name="FHIR bundle string length",
    value=MAX_BUNDLE_BYTES.value,
    unit="characters of one string",
    reason=(
        "Narratives (text.div), base64 attachments (Attachment.data) and notes routinely "
        "exceed the 10,000 characters of a patient document's strings; the import reads "
        "only short coded elements and echoes at most 60 characters of any value, so a "
        "bundle's strings are bounded only by the bundle's size."
    ),
)
#: FHIR nests deeper than a patient document (extensions inside extensions).
MAX_BUNDLE_DEPTH: Final = 64

_EXIT_OK: Final = 0
_EXIT_INVALID_INPUT: Final = 2


def _read(path: str, limit: int) -> bytes:
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            return str(sys.stdin.read(limit + 1)).encode()
        data: bytes = stream.read(limit + 1)
        return data
    with open(path, "rb") as handle:  # noqa: PTH123 - a plain file, read as bytes
        return handle.read(limit + 1)


def _report(result: FhirImport, err: TextIO) -> None:
    counts = dict.fromkeys(MappingStatus, 0)
    for item in result.report:
        counts[item.status] += 1
    summary = ", ".join(f"{count} {status.value}" for status, count in counts.items())
    err.write(f"FHIR import: {len(result.report)} resources ({summary})\n")
    for item in result.report:
        if item.status is MappingStatus.AMBIGUOUS:
            err.write(f"  {item}\n")


def _patient(args: argparse.Namespace, as_of: date, err: TextIO) -> Patient:
    if args.fhir is not None:
        bundle = parse_json(
            _read(args.fhir, MAX_BUNDLE_BYTES.value),
            max_bytes=MAX_BUNDLE_BYTES.value,
            max_depth=MAX_BUNDLE_DEPTH,
            max_string=MAX_BUNDLE_STRING_CHARACTERS.value,
        )
        result = patient_from_bundle(bundle, as_of=as_of)
        _report(result, err)
        return result.patient
    return from_json(_read(args.file, MAX_DOCUMENT_BYTES.value), Patient)


def assess_fhir(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Run ``assess`` with ``--fhir`` input or ``--format fhir`` output; return the exit status."""
    out, err = sys.stdout, sys.stderr
    if args.fhir is not None and args.as_of is None:
        parser.error("--fhir needs --as-of DATE (the day of the assessment, YYYY-MM-DD)")
    recorded = datetime.now(UTC)
    as_of: date = args.as_of if args.as_of is not None else recorded.date()
    source = args.fhir if args.fhir is not None else args.file
    try:
        patient = _patient(args, as_of, err)
    except OSError as exc:
        err.write(f"{source}: cannot read ({exc.strerror})\n")
        return _EXIT_INVALID_INPUT
    except SerializationError as exc:
        err.write("".join(f"{message}\n" for message in exc.messages))
        return _EXIT_INVALID_INPUT
    except InvalidInputError as exc:
        err.write(f"{exc}\n")
        return _EXIT_INVALID_INPUT
    assessment = assess(patient)
    output = "json" if args.json else (args.format or "text")
    if output == "fhir":
        bundle = assessment_to_bundle(assessment, as_of=as_of, recorded=recorded)
        out.write(json.dumps(bundle, indent=2, ensure_ascii=False) + "\n")
    elif output == "json":
        out.write(envelope_json(assessment, indent=2) + "\n")
    else:
        out.write(f"{assessment}\n")
    return _EXIT_OK
