"""What every surface of the service does, free of any web framework.

The REST app, the CDS Hooks services, the MCP server and the decision-aid page
call these functions: each takes decoded JSON data, validates it with the
library's own converter (the messages of :func:`~spinal_metastasis.io.from_json`)
and returns JSON-ready data. A bad request raises :class:`ServiceError`, which
carries an HTTP status and one entry per bad field path; it never carries a
traceback or a patient identifier.
"""

import enum
import functools
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar

import attrs

from spinal_metastasis import provenance
from spinal_metastasis._validators import InstanceRule, NumberRule, TupleRule
from spinal_metastasis.assessment import Assessment, assess
from spinal_metastasis.errors import SerializationError
from spinal_metastasis.io import (
    example_names,
    example_patient,
    json_schema,
    parse_json,
    structure,
    unstructure,
)
from spinal_metastasis.limits import MAX_DOCUMENT_BYTES, MAX_NESTING_DEPTH, Limit
from spinal_metastasis.model import Fractionation, Patient, SpinalLesion
from spinal_metastasis.radiobiology import ReirradiationCheck, reirradiation_check
from spinal_metastasis.scores.bauer import modified_bauer
from spinal_metastasis.scores.escc import escc_grading
from spinal_metastasis.scores.katagiri import katagiri
from spinal_metastasis.scores.nesms import nesms
from spinal_metastasis.scores.sins import sins
from spinal_metastasis.scores.tokuhashi import tokuhashi_revised
from spinal_metastasis.scores.tomita import tomita

T = TypeVar("T")

__all__ = [
    "MAX_BODY_BYTES",
    "SCORES",
    "ReirradiationRequest",
    "ServiceError",
    "assess_document",
    "decode",
    "envelope",
    "examples",
    "library_version",
    "patient_of",
    "reirradiation_document",
    "schema_of",
    "score_document",
]

#: The largest request body accepted, in bytes: the library's limit on a patient document
#: (:data:`spinal_metastasis.limits.MAX_DOCUMENT_BYTES`, 1 MiB).
MAX_BODY_BYTES: Final = MAX_DOCUMENT_BYTES.value

#: The largest CDS Hooks request accepted: its prefetch carries a patient's FHIR resources.
MAX_CDS_BODY_BYTES: Final = Limit(
    name="CDS Hooks request size",
    value=16 * 1_048_576,
    unit="bytes",
    reason=(
        "A prefetch holds the patient, their conditions, observations, procedures and "
        "medication requests: many times a patient document, yet far less than a whole "
        "record; 16 MiB bounds the memory and parse time of one request."
    ),
)
#: FHIR nests deeper than a patient document (extensions inside extensions, in bundles).
MAX_CDS_DEPTH: Final = 64

#: The library's notice, carried by every surface.
NOTICE: Final = (
    "Decision support, not a medical device: every statement carries its source, "
    "for a clinician to check."
)


class ServiceError(Exception):
    """A request the service cannot answer, with its HTTP status and one entry per problem.

    Attributes:
        status: The HTTP status (400 not JSON, 404 unknown name, 413 too large,
            422 invalid document).
        kind: A short machine-readable name of the error class.
        errors: One ``{"path": ..., "message": ...}`` entry per bad field path.
    """

    def __init__(self, status: int, kind: str, errors: list[dict[str, str]]) -> None:
        """Build the error; ``str()`` joins the entries."""
        super().__init__("; ".join(f"{entry['path']}: {entry['message']}" for entry in errors))
        self.status = status
        self.kind = kind
        self.errors = errors

    def document(self) -> dict[str, Any]:
        """The JSON body of the error response."""
        return {"error": self.kind, "status": self.status, "errors": self.errors}


def _entry(message: str) -> dict[str, str]:
    """Split a converter message ``path: text`` into its path and its text."""
    path, sep, text = message.partition(": ")
    if not sep:
        return {"path": "$", "message": message}
    return {"path": path, "message": text}


def invalid(exc: SerializationError) -> ServiceError:
    """The 422 error of a converter error, one entry per bad field path."""
    return ServiceError(422, "invalid_input", [_entry(message) for message in exc.messages])


def _too_large(limit: int) -> ServiceError:
    return ServiceError(
        413, "body_too_large", [{"path": "$", "message": f"the body exceeds {limit} bytes"}]
    )


def decode(body: bytes, *, cds_hooks: bool = False) -> object:
    """Decode a request body with :func:`spinal_metastasis.io.parse_json`, within its limit.

    The limit is :data:`MAX_BODY_BYTES`, or :data:`MAX_CDS_BODY_BYTES` (and a nesting depth
    of :data:`MAX_CDS_DEPTH`) for a CDS Hooks request, which carries FHIR resources.

    Raises:
        ServiceError: 413 when the body is too large, 400 when the decoder refuses it
            (not UTF-8, not JSON, or past a limit of :mod:`spinal_metastasis.limits`).
    """
    limit = MAX_CDS_BODY_BYTES.value if cds_hooks else MAX_BODY_BYTES
    if len(body) > limit:
        raise _too_large(limit)
    depth = MAX_CDS_DEPTH if cds_hooks else MAX_NESTING_DEPTH.value
    try:
        return parse_json(body, max_bytes=limit, max_depth=depth)
    except SerializationError as exc:
        raise ServiceError(400, "not_json", [_entry(message) for message in exc.messages]) from None


def structured(document: object, cls: type[T]) -> T:
    """Build ``cls`` from decoded JSON, or raise the 422 :class:`ServiceError`.

    :func:`~spinal_metastasis.io.structure` reports every problem, the rules that span
    fields included, as one :class:`~spinal_metastasis.errors.SerializationError`.
    """
    try:
        return structure(document, cls)
    except SerializationError as exc:
        raise invalid(exc) from None


def patient_of(document: object) -> Patient:
    """Build the patient of a decoded document (422 on any bad field)."""
    return structured(document, Patient)


def library_version() -> str:
    """The installed version of the library."""
    return provenance.library_version()


def envelope(assessment: Assessment) -> dict[str, Any]:
    """The versioned envelope of an assessment (:func:`spinal_metastasis.provenance.envelope`)."""
    return provenance.envelope(assessment)


def assess_document(document: object) -> dict[str, Any]:
    """Assess a patient document; return the versioned envelope."""
    return envelope(assess(patient_of(document)))


@attrs.frozen(kw_only=True)
class ReirradiationRequest:
    """A planned SBRT re-irradiation, as ``POST /reirradiation-check`` takes it.

    Attributes:
        prior: The cord (or thecal-sac) point-max dose of each earlier course.
        planned: The planned course's thecal-sac point-max dose.
        interval_days: Days since the most recent prior course; ``None`` when unknown.
    """

    prior: tuple[Fractionation, ...] = attrs.field(
        validator=TupleRule(element=Fractionation, min_length=1, optional=False)
    )
    planned: Fractionation = attrs.field(validator=InstanceRule(cls=Fractionation, optional=False))
    interval_days: float | None = attrs.field(default=None, validator=NumberRule(minimum=0))


def reirradiation_document(document: object) -> dict[str, Any]:
    """Check a planned re-irradiation; return the check as JSON data."""
    request = structured(document, ReirradiationRequest)
    check: ReirradiationCheck = reirradiation_check(
        prior=request.prior, planned=request.planned, interval_days=request.interval_days
    )
    result: dict[str, Any] = unstructure(check)
    return result


#: The scores ``POST /scores/{name}`` computes: name → (input class, function).
SCORES: Final[Mapping[str, tuple[type, Callable[[Any], object]]]] = {
    "sins": (SpinalLesion, sins),
    "escc": (SpinalLesion, escc_grading),
    "tokuhashi_revised": (Patient, tokuhashi_revised),
    "tomita": (Patient, tomita),
    "modified_bauer": (Patient, modified_bauer),
    "nesms": (Patient, nesms),
    "katagiri": (Patient, katagiri),
}


def _unknown_name(*, what: str, allowed: tuple[str, ...]) -> ServiceError:
    # The name is a path segment chosen by the caller: it is not echoed.
    message = f"no {what} of that name (allowed: {', '.join(allowed)})"
    return ServiceError(404, "not_found", [{"path": "$", "message": message}])


def score_document(name: str, document: object) -> dict[str, Any]:
    """Compute one score of a lesion (``sins``, ``escc``) or a patient (the others).

    Raises:
        ServiceError: 404 for an unknown score, 422 for a bad document.
    """
    if name not in SCORES:
        raise _unknown_name(what="score", allowed=tuple(SCORES))
    cls, function = SCORES[name]
    result = function(structured(document, cls))
    data: dict[str, Any] = {"score": name, "result": unstructure(result)}
    return data


@functools.cache
def schema_classes() -> Mapping[str, type]:
    """The classes ``GET /schema/{class}`` describes: the inputs and the results, by name."""
    from spinal_metastasis import assessment, model, pathways, radiobiology  # noqa: PLC0415
    from spinal_metastasis.scores import (  # noqa: PLC0415
        bauer,
        escc,
        katagiri,
        nesms,
        sins,
        tokuhashi,
        tomita,
    )
    from spinal_metastasis.treatments import option  # noqa: PLC0415

    classes = (
        model.Patient,
        model.SpinalLesion,
        model.RadiationCourse,
        model.Fractionation,
        ReirradiationRequest,
        assessment.Assessment,
        assessment.LesionAssessment,
        assessment.PlanAssessment,
        option.OptionAssessment,
        pathways.NomsResult,
        radiobiology.ReirradiationCheck,
        sins.SinsScore,
        escc.EsccGrading,
        tokuhashi.TokuhashiScore,
        tomita.TomitaScore,
        bauer.BauerScore,
        bauer.ModifiedBauerScore,
        nesms.NesmsScore,
        katagiri.KatagiriScore,
    )
    return {cls.__name__: cls for cls in classes}


@functools.cache
def schema_names() -> tuple[str, ...]:
    """The classes whose JSON Schema ``GET /schema/{class}`` serves."""
    return tuple(schema_classes())


def schema_of(name: str) -> dict[str, Any]:
    """The JSON Schema of a class by name (``Patient``, ``SpinalLesion``, ...).

    Raises:
        ServiceError: 404 for a class without a schema.
    """
    classes = schema_classes()
    if name not in classes:
        raise _unknown_name(what="class", allowed=tuple(classes))
    return json_schema(classes[name])


def examples() -> dict[str, Any]:
    """The built-in example patients, by name, as JSON documents."""
    return {name: unstructure(example_patient(name)) for name in example_names()}


def enum_value(value: object) -> object:
    """The JSON value of an enum member (anything else unchanged)."""
    return value.value if isinstance(value, enum.Enum) else value
