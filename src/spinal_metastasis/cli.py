"""The ``spinal-metastasis`` command: a thin shell over the public API.

``demo`` assesses a built-in example patient, ``assess FILE`` (or ``-`` for
standard input) assesses a patient JSON document (scores, NOMS and every
treatment option per lesion), ``schema`` prints the JSON
Schema of a patient and ``examples`` lists the built-in examples. ``--json``
gives machine output. Invalid input exits with status 2 and one message per bad
field on standard error.
"""

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Final, TextIO

from spinal_metastasis.assessment import assess
from spinal_metastasis.errors import SerializationError
from spinal_metastasis.io import (
    SCHEMA_VERSION,
    example_names,
    example_patient,
    from_json,
    json_schema,
    unstructure,
)
from spinal_metastasis.model import Patient

__all__ = ["main"]

EXIT_OK: Final = 0
EXIT_INVALID_INPUT: Final = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="spinal-metastasis",
        description=(
            "Decision support for metastatic spinal tumors (not a medical device): "
            "published scores, radiobiology and treatment options."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser("demo", help="assess a built-in example patient")
    demo.add_argument(
        "--example",
        default="breast_t12_mechanical",
        choices=example_names(),
        help="which example (default: %(default)s)",
    )
    demo.add_argument("--json", action="store_true", help="print JSON instead of text")
    assessing = commands.add_parser("assess", help="assess a patient JSON document")
    assessing.add_argument(
        "file", help="path of the patient JSON document, or - for standard input"
    )
    assessing.add_argument("--json", action="store_true", help="print JSON instead of text")
    commands.add_parser("schema", help="print the JSON Schema of a patient document")
    commands.add_parser("examples", help="list the built-in example patients")
    return parser


def _emit(patient: Patient, *, as_json: bool, out: TextIO) -> None:
    assessment = assess(patient)
    if as_json:
        document = {"schema_version": SCHEMA_VERSION, "assessment": unstructure(assessment)}
        out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        out.write(f"{assessment}\n")


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8") as handle:  # noqa: PTH123 - a plain text file
        return handle.read()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 invalid input)."""
    args = _parser().parse_args(argv)
    out = sys.stdout
    match args.command:
        case "demo":
            _emit(example_patient(args.example), as_json=args.json, out=out)
        case "assess":
            try:
                patient = from_json(_read(args.file), Patient)
            except OSError as exc:
                sys.stderr.write(f"{args.file}: cannot read ({exc.strerror})\n")
                return EXIT_INVALID_INPUT
            except SerializationError as exc:
                sys.stderr.write("".join(f"{message}\n" for message in exc.messages))
                return EXIT_INVALID_INPUT
            _emit(patient, as_json=args.json, out=out)
        case "schema":
            out.write(json.dumps(json_schema(Patient), indent=2) + "\n")
        case _:  # "examples"
            out.write("".join(f"{name}\n" for name in example_names()))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
