"""Reading FHIR values for the import: codings, dates, numbers, and the candidates they give."""

import calendar
import contextlib
import math
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Final

from attrs import frozen

from spinal_metastasis.anatomy import VertebralLevel
from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.fhir import _codes as c
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.limits import echo

_ORDER: Final = {level: index for index, level in enumerate(VertebralLevel)}


_ACCEPTED_STATUS: Final = frozenset({"final", "amended", "corrected"})


_REJECTED_VERIFICATION: Final = frozenset({"refuted", "entered-in-error"})


_OUTPUTS: Final = frozenset(
    {"CodeSystem", "Device", "GuidanceResponse", "RiskAssessment", "Parameters", "Provenance"}
)


def _objects(value: object) -> list[Mapping[str, object]]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _codings(concept: object) -> list[tuple[str, str]]:
    """The (system, code) pairs of a CodeableConcept."""
    if not isinstance(concept, Mapping):
        return []
    found = []
    for item in _objects(concept.get("coding")):
        system, code = _text(item.get("system")), _text(item.get("code"))
        if system and code:
            found.append((system, code))
    return found


def _codes(concept: object, system: str) -> list[str]:
    return [code for sys, code in _codings(concept) if sys == system]


def _profiles(resource: Mapping[str, object]) -> list[str]:
    meta = resource.get("meta")
    if not isinstance(meta, Mapping):
        return []
    profiles = meta.get("profile")
    if not isinstance(profiles, list):
        return []
    return [profile.split("|")[0] for profile in profiles if isinstance(profile, str)]


def _date_range(text: object) -> tuple[date, date] | None:
    """The earliest and latest day a FHIR date or dateTime can mean (``"2024-05"``: May)."""
    if not isinstance(text, str) or len(text) < 4:  # noqa: PLR2004 - a year has four digits
        return None
    try:
        year = int(text[:4])
        if len(text) == 4:  # noqa: PLR2004
            return date(year, 1, 1), date(year, 12, 31)
        month = int(text[5:7])
        if len(text) == 7:  # noqa: PLR2004
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        day = date(year, month, int(text[8:10]))
    except ValueError:
        return None
    return day, day


def _effective(resource: Mapping[str, object]) -> tuple[date, date] | None:
    for key in ("effectiveDateTime", "effectiveInstant"):
        if key in resource:
            return _date_range(resource[key])
    period = resource.get("effectivePeriod")
    if isinstance(period, Mapping):
        return _date_range(period.get("end")) or _date_range(period.get("start"))
    return None


def _subject(resource: Mapping[str, object]) -> object:
    return resource.get("patient" if resource["resourceType"] == "BodyStructure" else "subject")


def _reference_key(reference: object) -> str | None:
    """``Type/id`` of a literal reference (the tail of an absolute URL), or None."""
    target = _text(reference.get("reference")) if isinstance(reference, Mapping) else None
    if not target:
        return None
    parts = target.rstrip("/").split("/")
    return "/".join(parts[-2:]) if len(parts) >= 2 else target  # noqa: PLR2004 - Type/id


def _named_secondary(concept: object) -> bool:
    """Whether a CodeableConcept's text or a coding's display names a metastasis."""
    if not isinstance(concept, Mapping):
        return False
    names = [_text(concept.get("text"))]
    names += [_text(item.get("display")) for item in _objects(concept.get("coding"))]
    return any(
        word in name.casefold() for name in names if name for word in ("secondary", "metasta")
    )


def _onset(resource: Mapping[str, object]) -> tuple[date, date] | None:
    """When a condition began: ``onsetDateTime``, ``onsetPeriod.start``, else ``recordedDate``."""
    period = resource.get("onsetPeriod")
    return (
        _date_range(resource.get("onsetDateTime"))
        or (_date_range(period.get("start")) if isinstance(period, Mapping) else None)
        or _date_range(resource.get("recordedDate"))
    )


def _number(value: object, name: str) -> float:
    """A finite JSON number (int, float or Decimal) as a float; anything else is an error."""
    number = None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        with contextlib.suppress(OverflowError, ValueError):
            number = float(value)
    if number is None or not math.isfinite(number):
        msg = f"'{name}' must be a finite number (got {echo(value)})"
        raise InvalidInputError(msg)
    return number


def _divide(value: object, divisor: int, name: str) -> float:
    """Convert at the edge by a power of ten, exactly (36 g/L -> 3.6 g/dL)."""
    number = _number(value, name)
    if divisor == 1:
        return number
    try:
        exact = Decimal(value) if isinstance(value, (int, Decimal)) else Decimal(repr(value))
    except InvalidOperation:  # pragma: no cover - a finite float always converts
        return number / divisor
    return float(exact / divisor)


@frozen
class _Candidate:
    """A value for a model field, with the day it was observed and where it came from."""

    value: object
    latest: date
    entry: int
    where: str


_NOT_CANCER: Final = object()


#: Procedure statuses of a course that delivered no dose (FHIR R4 EventStatus); any other
#: status but completed and stopped may hide a delivered dose.
_NOT_DELIVERED: Final = frozenset({"preparation", "not-done", "entered-in-error"})


def _score_value(resource: Mapping[str, object]) -> tuple[object, str | None]:
    """Return the grade of a performance status and the element that holds it.

    ``valueInteger`` as mCODE has it, or a ``valueQuantity`` of a whole number (as some
    generators write it); a fraction is left for the model to reject.
    """
    if "valueInteger" in resource:
        return resource["valueInteger"], "valueInteger"
    quantity = resource.get("valueQuantity")
    if isinstance(quantity, Mapping) and "value" in quantity:
        value = quantity["value"]
        whole = False
        if isinstance(value, (float, Decimal)):
            with contextlib.suppress(ValueError, ArithmeticError):  # a Decimal sNaN
                whole = math.isfinite(value) and value == int(value)
        return (int(value) if whole else value), "valueQuantity.value"
    return None, None


def _morphology_code(concept: object) -> str | None:
    """The histology a lung primary splits on: ``"small"``, ``"non-small"`` or None."""
    for value in _codes(concept, c.ICDO3):
        histology = value.split("/")[0][:4]
        if histology in c.SMALL_CELL_ICDO3:
            return "small"
        if histology in c.NON_SMALL_CELL_ICDO3:
            return "non-small"
    if any(value in c.NON_SMALL_CELL_SNOMED_MORPHOLOGY for value in _codes(concept, c.SNOMED)):
        return "non-small"
    return None


def _morphology(resource: Mapping[str, object]) -> str | None:
    for extension in _objects(resource.get("extension")):
        if extension.get("url") == c.HISTOLOGY_EXTENSION:
            return _morphology_code(extension.get("valueCodeableConcept"))
    return None


def _primary_reason(value: PrimaryTumor | None, *, conflict: bool) -> str:
    if conflict:
        return "the code and the histology name different lung cancers: left unknown"
    if value is None:
        return "the code does not name the primary (lung needs its histology): left unknown"
    return "the primary conditions disagree: left unknown"


_LUNG: Final = frozenset({PrimaryTumor.LUNG_NON_SMALL_CELL, PrimaryTumor.LUNG_SMALL_CELL})


def _with_histology(
    primary: PrimaryTumor | None, morphology: str | None, lung: bool
) -> PrimaryTumor | None:
    if primary is not None and primary not in {
        PrimaryTumor.LUNG_NON_SMALL_CELL,
        PrimaryTumor.LUNG_SMALL_CELL,
    }:
        return primary
    if primary is None and not lung:
        return None
    if morphology == "small":
        return PrimaryTumor.LUNG_SMALL_CELL
    if morphology == "non-small":
        return PrimaryTumor.LUNG_NON_SMALL_CELL
    return primary


def _runs(levels: Iterable[VertebralLevel]) -> list[tuple[VertebralLevel, ...]]:
    """Split ordered levels into contiguous runs."""
    runs: list[list[VertebralLevel]] = []
    for level in levels:
        if runs and _ORDER[level] == _ORDER[runs[-1][-1]] + 1:
            runs[-1].append(level)
        else:
            runs.append([level])
    return [tuple(run) for run in runs]
