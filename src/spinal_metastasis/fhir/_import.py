"""``patient_from_bundle``: a FHIR R4 Bundle of mCODE resources read into a ``Patient``.

Every resource of the bundle gets one report entry: mapped (and the model fields it set),
ignored, or ambiguous, and why. Nothing is guessed: a value the bundle does not carry, or
carries in a way that does not decide it, stays unknown. Resources are named in the report
and in errors by their position and type (``entry[3] Observation``), never by their ids or
identifiers.
"""

import calendar
import contextlib
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Final

from attrs import field, frozen

from spinal_metastasis.anatomy import VertebralLevel
from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.fhir import _codes as c
from spinal_metastasis.fhir._checks import check_day
from spinal_metastasis.fhir._codesystem import (
    ENUM_FIELDS,
    LESION_FIELDS,
    PATIENT_FIELDS,
    QUANTITY_UNITS,
)
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.limits import MAX_ECHO_CHARACTERS, echo
from spinal_metastasis.model import (
    Fractionation,
    Patient,
    RadiationCourse,
    SpinalLesion,
    SystemicAgent,
)

__all__ = ["FhirImport", "MappingStatus", "ReportEntry", "patient_from_bundle"]

_ORDER: Final = {level: index for index, level in enumerate(VertebralLevel)}
_ACCEPTED_STATUS: Final = frozenset({"final", "amended", "corrected"})
_REJECTED_VERIFICATION: Final = frozenset({"refuted", "entered-in-error"})
_OUTPUTS: Final = frozenset(
    {"CodeSystem", "Device", "GuidanceResponse", "RiskAssessment", "Parameters", "Provenance"}
)


class MappingStatus(StrEnum):
    """What the import did with a resource."""

    MAPPED = "mapped"
    IGNORED = "ignored"
    AMBIGUOUS = "ambiguous"


@frozen(kw_only=True)
class ReportEntry:
    """What the import did with one resource of the bundle, and why.

    Attributes:
        entry: The resource's position in ``Bundle.entry``.
        resource_type: Its ``resourceType``.
        status: Mapped, ignored or ambiguous.
        fields: The model fields it set (``"kps"``, ``"lesions[0].collapse"``).
        reason: Why, in one sentence.
    """

    entry: int
    resource_type: str
    status: MappingStatus
    fields: tuple[str, ...] = ()
    reason: str = ""

    def __str__(self) -> str:
        """Show ``entry[3] Observation: mapped (kps): ...``."""
        fields = f" ({', '.join(self.fields)})" if self.fields else ""
        return (
            f"entry[{self.entry}] {self.resource_type}: {self.status.value}{fields}: {self.reason}"
        )


@frozen(kw_only=True)
class FhirImport:
    """The patient read from a bundle, with the report of every resource.

    Attributes:
        patient: The patient (identifiers are never read).
        report: One entry per resource of the bundle, in bundle order.
    """

    patient: Patient
    report: tuple[ReportEntry, ...] = field(repr=False)

    def __str__(self) -> str:
        """The patient's summary and the report, one resource per line."""
        return "\n".join([str(self.patient), *(str(entry) for entry in self.report)])


# --- Reading plain JSON ------------------------------------------------------------------------


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


# --- The mapping --------------------------------------------------------------------------------


@frozen
class _Candidate:
    """A value for a model field, with the day it was observed and where it came from."""

    value: object
    latest: date
    entry: int
    where: str


class _Reader:
    def __init__(self, bundle: object, as_of: date) -> None:
        self.as_of = as_of
        self.full_urls: dict[int, str] = {}
        self.resources = self._resources(bundle)
        self.by_index = dict(self.resources)
        self.report: dict[int, ReportEntry] = {}
        self.by_reference: dict[str, int] = {}
        for index, resource in self.resources:
            self._index(index, resource)
        self.values: dict[str, list[_Candidate]] = {}
        self.lesion_values: dict[int, dict[str, list[_Candidate]]] = {}
        self.primaries: dict[int, PrimaryTumor | None] = {}
        self.histology: dict[int, str] = {}
        self.lesion_conditions: list[tuple[int, tuple[VertebralLevel, ...]]] = []
        self.courses: list[tuple[int, Mapping[str, object]]] = []
        self.cord_doses: dict[int, tuple[int, Mapping[str, object]]] = {}
        self.bone_without_level = False
        self.extraspinal: int | None = 0
        self.brain: list[int] = []
        self.unknown: set[str] = set()  # fields a bundle records as unknown (not to be counted)
        self.subject: int | None = None  # the entry of the bundle's Patient
        self.subject_key: str | None = None  # without a Patient: the first subject named

    # --- bundle structure

    def _resources(self, bundle: object) -> list[tuple[int, Mapping[str, object]]]:
        if not isinstance(bundle, Mapping) or bundle.get("resourceType") != "Bundle":
            msg = "the bundle must be a FHIR Bundle (an object with resourceType 'Bundle')"
            raise InvalidInputError(msg, field="bundle")
        entries = bundle.get("entry", [])
        if not isinstance(entries, list):
            msg = f"'entry' must be a list (got {type(entries).__name__})"
            raise InvalidInputError(msg, field="entry")
        found = []
        for index, entry in enumerate(entries):
            resource = entry.get("resource") if isinstance(entry, Mapping) else None
            if not isinstance(resource, Mapping) or not isinstance(
                resource.get("resourceType"), str
            ):
                msg = f"'entry[{index}].resource' must be a FHIR resource (with a resourceType)"
                raise InvalidInputError(msg, field="entry")
            full_url = entry.get("fullUrl") if isinstance(entry, Mapping) else None
            if isinstance(full_url, str):
                self.full_urls[index] = full_url
            found.append((index, resource))
        return found

    def _index(self, index: int, resource: Mapping[str, object]) -> None:
        kind = str(resource["resourceType"])
        full_url = self.full_urls.get(index)
        if full_url:
            self.by_reference[full_url] = index
        ident = _text(resource.get("id"))
        if ident:
            self.by_reference[f"{kind}/{ident}"] = index

    def resolve(self, reference: object) -> int | None:
        """The entry a Reference points to, if it is in the bundle."""
        if not isinstance(reference, Mapping):
            return None
        target = _text(reference.get("reference"))
        if not target:
            return None
        if target in self.by_reference:
            return self.by_reference[target]
        parts = target.rstrip("/").split("/")
        if len(parts) >= 2:  # noqa: PLR2004 - a relative reference is Type/id
            return self.by_reference.get(f"{parts[-2]}/{parts[-1]}")
        return None

    def kind(self, index: int) -> str:
        """The resource type as shown in the report and in errors (bounded by ``echo``)."""
        kind = str(self.by_index[index]["resourceType"])
        if len(kind) <= MAX_ECHO_CHARACTERS.value and kind.isascii() and kind.isalnum():
            return kind
        return echo(kind)

    def note(self, index: int, status: MappingStatus, reason: str, *fields: str) -> None:
        previous = self.report.get(index)
        if previous is not None and previous.status is MappingStatus.MAPPED:
            if status is MappingStatus.MAPPED:
                merged = tuple(dict.fromkeys((*previous.fields, *fields)))
                self.report[index] = ReportEntry(
                    entry=index,
                    resource_type=previous.resource_type,
                    status=MappingStatus.MAPPED,
                    fields=merged,
                    reason=previous.reason,
                )
            return
        if (
            previous is not None
            and previous.status is MappingStatus.AMBIGUOUS
            and status is MappingStatus.MAPPED
        ):
            reason = f"{reason}; {previous.reason}"  # mapped, but part of it left unknown
        self.report[index] = ReportEntry(
            entry=index,
            resource_type=self.kind(index),
            status=status,
            fields=tuple(fields),
            reason=reason,
        )

    def error(
        self, index: int, where: str, problem: str, *, model_field: str | None
    ) -> InvalidInputError:
        msg = f"entry[{index}] {self.kind(index)}.{where}: {problem}"
        return InvalidInputError(msg, field=model_field)

    # --- model checks: a value the model rejects names the resource and the field

    def check_patient_field(self, name: str, value: object, index: int, where: str) -> None:
        try:
            Patient(**{name: value})  # type: ignore[arg-type]
        except InvalidInputError as error:
            raise self.error(index, where, str(error), model_field=name) from None

    def check_lesion_field(self, name: str, value: object, index: int, where: str) -> None:
        try:
            SpinalLesion(levels=(VertebralLevel.T1,), **{name: value})  # type: ignore[arg-type]
        except InvalidInputError as error:
            raise self.error(index, where, str(error), model_field=name) from None

    # --- pass over the resources

    def read(self) -> FhirImport:
        readers: dict[str, Callable[[int, Mapping[str, object]], None]] = {
            "Patient": self._patient,
            "Condition": self._condition,
            "Observation": self._observation,
            "Procedure": self._procedure,
            "BodyStructure": self._body_structure,
        }
        # Conditions first: observations point at them.
        ordered = sorted(self.resources, key=lambda item: item[1]["resourceType"] != "Condition")
        patients = [index for index, resource in self.resources if self.kind(index) == "Patient"]
        self.subject = patients[0] if patients else None
        if self.subject is None:  # no Patient: the first subject named is the patient
            named = (_reference_key(_subject(resource)) for _, resource in self.resources)
            self.subject_key = next((key for key in named if key is not None), None)
        for index, resource in ordered:
            kind = str(resource["resourceType"])
            reader = readers.get(kind)
            if kind == "Patient" and index != self.subject:
                self.note(
                    index,
                    MappingStatus.AMBIGUOUS,
                    "a second Patient: not read, nor the resources about it",
                )
            elif self._other_patient(resource):
                self.note(
                    index,
                    MappingStatus.IGNORED,
                    "about another patient than the bundle's (subject)",
                )
            elif reader is not None:
                reader(index, resource)
            elif kind in _OUTPUTS:
                self.note(index, MappingStatus.IGNORED, "an output or a definition, not an input")
            else:
                self.note(
                    index,
                    MappingStatus.IGNORED,
                    f"a {self.kind(index)} carries no input of the model",
                )
        patient = self._build()
        for cord_index, _ in self.cord_doses.values():
            self.note(
                cord_index,
                MappingStatus.AMBIGUOUS,
                "a cord dose of a course that is not read (partOf): not read",
            )
        for index, _ in self.resources:
            if index not in self.report:  # pragma: no cover - every reader notes its resource
                self.note(index, MappingStatus.AMBIGUOUS, "not read")
        report = tuple(self.report[index] for index, _ in self.resources)
        return FhirImport(patient=patient, report=report)

    def _other_patient(self, resource: Mapping[str, object]) -> bool:
        """Whether the resource's subject is a patient other than the bundle's Patient."""
        if resource["resourceType"] == "Patient":
            return False
        reference = _subject(resource)
        if self.subject is None:
            key = _reference_key(reference)
            return key is not None and self.subject_key is not None and key != self.subject_key
        if not isinstance(reference, Mapping) or not _text(reference.get("reference")):
            return False  # no reference (or an identifier only): cannot tell
        return self.resolve(reference) != self.subject

    # Patient

    def _patient(self, index: int, resource: Mapping[str, object]) -> None:
        born = _date_range(resource.get("birthDate"))
        if born is None:
            self.note(index, MappingStatus.IGNORED, "no full birth date (identifiers are not read)")
            return
        earliest, latest = born
        if earliest != latest:
            self.note(index, MappingStatus.AMBIGUOUS, "the birth date is partial: age left unknown")
            return
        years = (
            self.as_of.year
            - earliest.year
            - ((self.as_of.month, self.as_of.day) < (earliest.month, earliest.day))
        )
        if years < 0:
            self.note(index, MappingStatus.AMBIGUOUS, "born after as_of: age left unknown")
            return
        self.check_patient_field("age_years", float(years), index, "birthDate")
        self._add("age_years", float(years), self.as_of, index, "birthDate", weak=True)

    # Conditions

    def _condition(self, index: int, resource: Mapping[str, object]) -> None:
        verification = _codes(
            resource.get("verificationStatus"),
            "http://terminology.hl7.org/CodeSystem/condition-ver-status",
        )
        if any(code in _REJECTED_VERIFICATION for code in verification):
            self.note(index, MappingStatus.IGNORED, "refuted or entered in error")
            return
        onset = _onset(resource)
        if onset is not None and onset[0] > self.as_of:
            self.note(index, MappingStatus.IGNORED, "diagnosed after as_of")
            return
        profiles = _profiles(resource)
        code = resource.get("code")
        icd = _codes(code, c.ICD10CM)
        secondary = (
            c.SECONDARY_CANCER_CONDITION in profiles
            or any(value.startswith(c.SECONDARY_ICD10_CATEGORIES) for value in icd)
            or any(
                value == c.SECONDARY_DISEASE_SNOMED or value in c.BRAIN_SECONDARY_SNOMED
                for value in _codes(code, c.SNOMED)
            )
        )
        if secondary and self._resolved_at_as_of(resource):
            if not any(value.startswith(c.NOT_BONE_SECONDARY_ICD10) for value in icd):
                self.bone_without_level = True  # was it a bone one? counts unknown
                self.extraspinal = None
            self.note(
                index,
                MappingStatus.AMBIGUOUS,
                "a resolved or inactive metastasis: not read as a current one",
            )
        elif secondary:
            self._secondary(index, resource)
        elif c.PRIMARY_CANCER_CONDITION in profiles or self._primary_code(code) is not _NOT_CANCER:
            self._primary(index, resource)
        elif _named_secondary(code):
            # Not placed by the tables, but named a secondary neoplasm (SNOMED CT's
            # "Secondary malignant neoplasm of ..."): it may be a bone or spinal one.
            self.bone_without_level = True
            self.extraspinal = None
            self.note(
                index,
                MappingStatus.AMBIGUOUS,
                "named a secondary neoplasm by a code the tables do not place: "
                "counts of sites left unknown",
            )
        else:
            self.note(index, MappingStatus.IGNORED, "not a cancer condition the model reads")

    def _primary_code(self, code: object) -> object:
        project = [
            value for value in _codes(code, c.CODE_SYSTEM_URL) if value.startswith("primary.")
        ]
        if project:
            try:
                return PrimaryTumor(project[0].removeprefix("primary."))
            except ValueError:
                return None
        for value in _codes(code, c.SNOMED):
            if value in c.PRIMARY_SNOMED:
                return c.PRIMARY_SNOMED[value]
        for value in _codes(code, c.ICD10CM):
            for prefix, primary in c.PRIMARY_ICD10:
                if value.startswith(prefix):
                    return primary
        if c.MALIGNANT_DISEASE_SNOMED in _codes(code, c.SNOMED):
            return None
        return _NOT_CANCER

    def _primary(self, index: int, resource: Mapping[str, object]) -> None:
        mapped = self._primary_code(resource.get("code"))
        primary = mapped if isinstance(mapped, PrimaryTumor) else None
        morphology = _morphology(resource)
        if morphology is not None:
            self.histology[index] = morphology
        self.primaries[index] = primary

    def _secondary(self, index: int, resource: Mapping[str, object]) -> None:
        code = resource.get("code")
        icd = _codes(code, c.ICD10CM)
        snomed = _codes(code, c.SNOMED)
        sites = [_codes(site, c.SNOMED) for site in _objects(resource.get("bodySite"))]
        site_codes = [value for codes in sites for value in codes]
        levels = sorted(
            {c.LEVEL_OF_CODE[value] for value in site_codes if value in c.LEVEL_OF_CODE},
            key=_ORDER.__getitem__,
        )
        bone_coded = any(value in c.BONE_SECONDARY_ICD10 for value in icd)
        if any(value in c.BRAIN_SECONDARY_ICD10 for value in icd) or any(
            value in c.BRAIN_SECONDARY_SNOMED for value in snomed
        ):
            self.brain.append(index)
            self.note(index, MappingStatus.MAPPED, "brain metastasis", "brain_metastases")
            return
        if levels:
            self.lesion_conditions.append((index, tuple(levels)))
            spine_only = all(any(v in c.LEVEL_OF_CODE for v in codes) for codes in sites)
            if not spine_only and bone_coded:
                self._extraspinal_sites(index, sites)
            elif not spine_only:
                self.extraspinal = None  # other sites, not coded as bone: cannot be counted
            return
        if any(value in c.SPINE_WITHOUT_LEVEL for value in site_codes):
            self.bone_without_level = True
            self.note(index, MappingStatus.AMBIGUOUS, "a spinal metastasis without its level")
            return
        if bone_coded:
            if not sites:
                self.bone_without_level = True
                self.extraspinal = None
                self.note(index, MappingStatus.AMBIGUOUS, "a bone metastasis without its site")
                return
            if self._extraspinal_sites(index, sites):
                self.note(
                    index,
                    MappingStatus.MAPPED,
                    "an extraspinal bone metastasis",
                    "extraspinal_bone_metastases",
                )
            return
        if not any(value.startswith(c.NOT_BONE_SECONDARY_ICD10) for value in icd):
            # Could be a bone metastasis, even of the spine: the counts are unknown.
            self.bone_without_level = True
            self.extraspinal = None
            self.note(
                index,
                MappingStatus.AMBIGUOUS,
                "a metastasis whose site the codes do not give: counts of sites left unknown",
            )
            return
        self.note(
            index,
            MappingStatus.AMBIGUOUS,
            "a metastasis outside the spine (whether a visceral one is treatable is not coded)",
        )

    def _extraspinal_sites(self, index: int, sites: Sequence[Sequence[str]]) -> bool:
        """Count the extraspinal sites of a bone metastasis; False when one is not placed."""
        others = [codes for codes in sites if not any(v in c.LEVEL_OF_CODE for v in codes)]
        if not all(any(v in c.EXTRASPINAL_BONE_CODES for v in codes) for codes in others):
            # Unknown, text-only or spine-without-level: it may be a spinal metastasis.
            self.bone_without_level = True
            self.extraspinal = None
            self.note(
                index,
                MappingStatus.AMBIGUOUS,
                "a bone metastasis at a site the codes do not place: counts of sites left unknown",
            )
            return False
        if self.extraspinal is not None:
            self.extraspinal += len(others)
        return True

    # Observations

    def _observation(  # noqa: C901, PLR0911 - one return per kind of observation
        self, index: int, resource: Mapping[str, object]
    ) -> None:
        code = resource.get("code")
        loinc = _codes(code, c.LOINC)
        project = _codes(code, c.CODE_SYSTEM_URL)
        status = _text(resource.get("status"))
        if status not in _ACCEPTED_STATUS:
            self.note(index, MappingStatus.IGNORED, f"status {echo(status)}: not a final result")
            return
        when = _effective(resource)
        if c.HISTOLOGIC_BEHAVIOR_LOINC in loinc:
            if when is not None and when[1] > self.as_of:
                self.note(index, MappingStatus.IGNORED, "observed after as_of")
                return
            self._histology_observation(index, resource)
            return
        if when is None:
            self.note(index, MappingStatus.IGNORED, "no effective date: cannot tell the latest")
            return
        if when[1] > self.as_of:
            self.note(index, MappingStatus.IGNORED, "observed after as_of")
            return
        if c.ECOG_LOINC in loinc or c.KARNOFSKY_LOINC in loinc:
            name = "ecog" if c.ECOG_LOINC in loinc else "kps"
            value, where = _score_value(resource)
            if where is None:
                self.note(index, MappingStatus.AMBIGUOUS, "no valueInteger")
                return
            self.check_patient_field(name, value, index, where)
            self._add(name, value, when[1], index, where)
            return
        for name, codes in c.LAB_CODES.items():
            if any(code_ in loinc for code_, _ in codes):
                self._laboratory(index, resource, name, when[1])
                return
        if project:
            self._project_observation(index, resource, project[0], when[1])
            return
        self.note(index, MappingStatus.IGNORED, "an observation the model does not read")

    def _laboratory(
        self, index: int, resource: Mapping[str, object], name: str, when: date
    ) -> None:
        quantity = resource.get("valueQuantity")
        if not isinstance(quantity, Mapping) or "value" not in quantity:
            self.note(index, MappingStatus.AMBIGUOUS, "no valueQuantity")
            return
        unit = _text(quantity.get("code")) or _text(quantity.get("unit"))
        divisors = c.LAB_UNITS[name][1]
        if unit is None or unit not in divisors:
            self.note(
                index, MappingStatus.AMBIGUOUS, f"unit {echo(unit)} is not converted: left unknown"
            )
            return
        where = "valueQuantity.value"
        try:
            value = _divide(quantity["value"], divisors[unit], name)
        except InvalidInputError as error:
            raise self.error(index, where, str(error), model_field=name) from None
        try:
            Patient(**{name: value})  # type: ignore[arg-type]
        except InvalidInputError as error:
            if divisors[unit] != 1:  # the message shows the model's unit: say so
                given = f"{echo(quantity['value'])} {unit} in the bundle"
                problem = f"{error} (the model's unit; {given})"
            else:
                problem = str(error)
            raise self.error(index, where, problem, model_field=name) from None
        self._add(name, value, when, index, where)

    def _project_observation(
        self, index: int, resource: Mapping[str, object], code: str, when: date
    ) -> None:
        if code in LESION_FIELDS:
            target = None
            for focus in _objects(resource.get("focus")):
                target = self.resolve(focus)
            if target is None:
                self.note(
                    index, MappingStatus.AMBIGUOUS, "a lesion finding without the lesion (focus)"
                )
                return
            value, where = self._project_value(index, resource, code)
            self.check_lesion_field(code, value, index, where)
            self.lesion_values.setdefault(target, {}).setdefault(code, []).append(
                _Candidate(value, when, index, where)
            )
            return
        if code == "cord_max_dose":
            self._cord_observation(index, resource)
            return
        if code in PATIENT_FIELDS and "dataAbsentReason" in resource:
            self.unknown.add(code)
            self.note(index, MappingStatus.MAPPED, f"'{code}' recorded as unknown", code)
            return
        if code in PATIENT_FIELDS:
            value, where = self._project_value(index, resource, code)
            if code != "prior_radiation":
                self.check_patient_field(code, value, index, where)
            self._add(code, value, when, index, where)
            return
        self.note(index, MappingStatus.IGNORED, "an output of an assessment, not an input")

    def _cord_observation(self, index: int, resource: Mapping[str, object]) -> None:
        for part in _objects(resource.get("partOf")):
            target = self.resolve(part)
            if target is not None and target in self.cord_doses:
                self.note(
                    index,
                    MappingStatus.AMBIGUOUS,
                    "a second cord dose of the same course: not read",
                )
                return
            if target is not None:
                self.cord_doses[target] = (index, resource)
                return
        self.note(index, MappingStatus.AMBIGUOUS, "a cord dose without its course (partOf)")

    def _project_value(  # noqa: C901, PLR0912 - one branch per value[x] type
        self, index: int, resource: Mapping[str, object], name: str
    ) -> tuple[object, str]:
        if name == "systemic_therapy":
            agents = []
            for position, component in enumerate(_objects(resource.get("component"))):
                values = _codes(component.get("valueCodeableConcept"), c.CODE_SYSTEM_URL)
                for value in values:
                    try:
                        agents.append(SystemicAgent(value.removeprefix("systemic_therapy.")))
                    except ValueError:
                        where = f"component[{position}].valueCodeableConcept"
                        raise self.error(
                            index, where, f"unknown systemic agent {echo(value)}", model_field=name
                        ) from None
            return tuple(agents), "component"
        if "valueBoolean" in resource:
            return resource["valueBoolean"], "valueBoolean"
        if "valueInteger" in resource:
            return resource["valueInteger"], "valueInteger"
        if "valueQuantity" in resource:
            quantity = resource["valueQuantity"]
            where = "valueQuantity.value"
            unit = _text(quantity.get("code")) if isinstance(quantity, Mapping) else None
            expected = QUANTITY_UNITS.get(name, ("", ""))[0]
            if unit != expected:
                raise self.error(
                    index,
                    "valueQuantity.code",
                    f"unit must be {expected!r} (got {echo(unit)})",
                    model_field=name,
                )
            number = quantity.get("value") if isinstance(quantity, Mapping) else None
            try:
                return _number(number, name), where
            except InvalidInputError as error:
                raise self.error(index, where, str(error), model_field=name) from None
        if "valueCodeableConcept" in resource:
            where = "valueCodeableConcept"
            enum = ENUM_FIELDS.get(name)
            for value in _codes(resource["valueCodeableConcept"], c.CODE_SYSTEM_URL):
                if name == "systemic_therapy" or enum is None:
                    break
                try:
                    return enum(value.removeprefix(f"{name}.")), where
                except ValueError:
                    raise self.error(
                        index, where, f"{echo(value)} is not a value of '{name}'", model_field=name
                    ) from None
        raise self.error(index, "value[x]", f"no value for '{name}'", model_field=name)

    def _histology_observation(self, index: int, resource: Mapping[str, object]) -> None:
        morphology = _morphology_code(resource.get("valueCodeableConcept"))
        target = None
        for extension in _objects(resource.get("extension")):
            if extension.get("url") == c.RELATED_CONDITION_EXTENSION:
                target = self.resolve(extension.get("valueReference"))
        if morphology is None:
            self.note(index, MappingStatus.IGNORED, "a histology the model does not split on")
            return
        self.histology[-1 - index if target is None else target] = morphology
        self.note(index, MappingStatus.MAPPED, "histology of the primary", "primary")

    # Radiotherapy

    def _procedure(self, index: int, resource: Mapping[str, object]) -> None:
        profiles = _profiles(resource)
        if (
            c.RADIOTHERAPY_COURSE_SUMMARY not in profiles
            and c.RADIOTHERAPY_COURSE_SNOMED not in _codes(resource.get("code"), c.SNOMED)
        ):
            self.note(index, MappingStatus.IGNORED, "not a radiotherapy course summary")
            return
        self.courses.append((index, resource))

    def _body_structure(self, index: int, resource: Mapping[str, object]) -> None:
        del resource
        self.note(index, MappingStatus.IGNORED, "read only as the volume of a radiotherapy course")

    # --- collecting

    def _add(
        self, name: str, value: object, when: date, index: int, where: str, *, weak: bool = False
    ) -> None:
        candidates = self.values.setdefault(name, [])
        # A weak value (age from birthDate) yields to an explicit one.
        candidates.append(_Candidate(value, date.min if weak else when, index, where))

    def _latest(self, name: str, candidates: Sequence[_Candidate], fields: str) -> object:
        if not candidates:
            return None
        latest = max(candidate.latest for candidate in candidates)
        chosen = [candidate for candidate in candidates if candidate.latest == latest]
        values = {repr(candidate.value) for candidate in chosen}
        for candidate in candidates:
            if candidate.latest != latest:
                self.note(
                    candidate.entry, MappingStatus.IGNORED, f"a later value of '{name}' was used"
                )
        if len(values) > 1:
            for candidate in chosen:
                self.note(
                    candidate.entry,
                    MappingStatus.AMBIGUOUS,
                    f"values of '{name}' on the same day disagree: left unknown",
                )
            return None
        for candidate in chosen:
            self.note(
                candidate.entry, MappingStatus.MAPPED, f"latest '{name}' on or before as_of", fields
            )
        return chosen[0].value

    def _build(self) -> Patient:  # noqa: C901 - one step per family of fields
        values: dict[str, object] = {}
        for name, candidates in self.values.items():
            value = self._latest(name, candidates, name)
            if value is not None:
                values[name] = value
        primary = self._resolve_primary()
        if primary is not None:
            values["primary"] = primary
        lesions = self._lesions()
        values["lesions"] = lesions
        if "brain_metastases" not in values and self.brain:
            values["brain_metastases"] = True
        if lesions and not self.bone_without_level:
            levels = sum(len(lesion.levels) for lesion in lesions)
            if "vertebral_metastases" not in self.unknown:
                values.setdefault("vertebral_metastases", levels)
            if self.extraspinal is not None and "extraspinal_bone_metastases" not in self.unknown:
                values.setdefault("extraspinal_bone_metastases", self.extraspinal)
        # The project's Observation says "no earlier spine radiotherapy" (False); True alone
        # says nothing of the courses.
        none_before = values.pop("prior_radiation", None) is False
        courses = self._radiation()
        if courses:
            values["prior_radiation"] = courses
        elif courses is not None and none_before:
            values["prior_radiation"] = ()
        # A course outside the spine, or none at all, does not say there was none to the spine.
        try:
            return Patient(**values)  # type: ignore[arg-type]
        except InvalidInputError as error:
            source = next(
                (
                    candidate
                    for candidate in self.values.get(error.field or "", ())
                    if candidate.value == values.get(error.field or "")
                ),
                None,
            )
            if source is None:
                raise
            raise self.error(
                source.entry, source.where, str(error), model_field=error.field
            ) from None

    def _split(self, index: int, primary: PrimaryTumor | None) -> tuple[PrimaryTumor | None, bool]:
        """The primary with its histology, and whether they name different lung cancers."""
        morphology = self.histology.get(index)
        if morphology is None and len(self.primaries) == 1:
            morphology = next((value for key, value in self.histology.items() if key < 0), None)
        split = _with_histology(None, morphology, lung=True)
        if primary in _LUNG and split is not None and split is not primary:
            return None, True  # the code says one lung cancer, the histology the other
        return _with_histology(primary, morphology, self._lung(index)), False

    def _resolve_primary(self) -> PrimaryTumor | None:
        if not self.primaries:
            return None
        found: dict[int, PrimaryTumor | None] = {}
        conflicting: set[int] = set()
        for index, primary in self.primaries.items():
            found[index], conflict = self._split(index, primary)
            if conflict:
                conflicting.add(index)
        current = {index: value for index, value in found.items() if not self._resolved(index)}
        if current and len(current) < len(found):
            # An earlier, resolved cancer does not compete with the current one.
            for index in found.keys() - current.keys():
                self.note(
                    index, MappingStatus.IGNORED, "a resolved cancer, not the current primary"
                )
            found = current
        distinct = {value for value in found.values() if value is not None}
        if len(distinct) == 1 and None not in found.values():
            primary = distinct.pop()
            for index in found:
                self.note(index, MappingStatus.MAPPED, "primary cancer", "primary")
            return primary
        for index, value in found.items():
            reason = _primary_reason(value, conflict=index in conflicting)
            self.note(index, MappingStatus.AMBIGUOUS, reason)
        return None

    def _resolved_at_as_of(self, resource: Mapping[str, object]) -> bool:
        """Whether a condition had resolved by as_of (abatement on or before it, or a status)."""
        abatement = _date_range(resource.get("abatementDateTime"))
        period = resource.get("abatementPeriod")
        if abatement is None and isinstance(period, Mapping):
            abatement = _date_range(period.get("end")) or _date_range(period.get("start"))
        if abatement is not None:
            return abatement[1] <= self.as_of
        status = _codes(resource.get("clinicalStatus"), c.CONDITION_CLINICAL)
        return any(value in {"resolved", "inactive", "remission"} for value in status)

    def _resolved(self, index: int) -> bool:
        status = _codes(self.by_index[index].get("clinicalStatus"), c.CONDITION_CLINICAL)
        return any(value in {"resolved", "inactive"} for value in status)

    def _lung(self, index: int) -> bool:
        resource = self.by_index[index]
        code = resource.get("code")
        return any(value.startswith("C34") for value in _codes(code, c.ICD10CM))

    def _lesions(self) -> tuple[SpinalLesion, ...]:
        lesions: list[SpinalLesion] = []
        used: set[VertebralLevel] = set()
        read: set[int] = set()
        for index, levels in self.lesion_conditions:
            runs = _runs(levels)
            if used.intersection(levels):
                self.note(
                    index,
                    MappingStatus.AMBIGUOUS,
                    "shares a level with an earlier lesion: not read",
                )
                continue
            read.add(index)
            used.update(levels)
            findings = self.lesion_values.get(index, {})
            known: dict[str, object] = {}
            if len(runs) == 1:
                for name, candidates in findings.items():
                    value = self._latest(name, candidates, f"lesions[{len(lesions)}].{name}")
                    if value is not None:
                        known[name] = value
            else:
                for candidates in findings.values():
                    for candidate in candidates:
                        self.note(
                            candidate.entry,
                            MappingStatus.AMBIGUOUS,
                            "the lesion spans non-contiguous levels: finding not read",
                        )
            names = []
            for run in runs:
                names.append(f"lesions[{len(lesions)}]")
                lesions.append(SpinalLesion(levels=run, **known))  # type: ignore[arg-type]
            reason = "spinal metastasis" + (
                " (split into contiguous lesions)" if len(runs) > 1 else ""
            )
            self.note(index, MappingStatus.MAPPED, reason, *names)
        self._unread_findings(read)
        return tuple(lesions)

    def _unread_findings(self, read: set[int]) -> None:
        """Report the findings whose focus is not a lesion read (the Patient, a dropped one)."""
        for target, findings in self.lesion_values.items():
            if target in read:
                continue
            for candidates in findings.values():
                for candidate in candidates:
                    self.note(
                        candidate.entry,
                        MappingStatus.AMBIGUOUS,
                        "a finding of a lesion that is not read (focus): not read",
                    )

    def _radiation(self) -> tuple[RadiationCourse, ...] | None:
        """The spine courses of the bundle (``()`` for none), or None when one is unclear."""
        courses: list[RadiationCourse] = []
        unclear = False
        for index, resource in self.courses:
            read = self._course(index, resource)
            if read is None:
                unclear = True
            else:
                courses.extend(read)
        return None if unclear else tuple(courses)

    def _course(  # noqa: C901, PLR0911 - one return per reason a course is not read
        self, index: int, resource: Mapping[str, object]
    ) -> list[RadiationCourse] | None:
        """The spine courses of a RadiotherapyCourseSummary; None when it leaves them unknown."""
        status = _text(resource.get("status"))
        if status in _NOT_DELIVERED:
            self.note(
                index, MappingStatus.IGNORED, f"status {echo(status)}: not a delivered course"
            )
            return []
        sites = [
            value for site in _objects(resource.get("bodySite")) for value in _codes(site, c.SNOMED)
        ] or self._volume_sites(resource)
        levels = sorted(
            {c.LEVEL_OF_CODE[v] for v in sites if v in c.LEVEL_OF_CODE}, key=_ORDER.__getitem__
        )
        if not sites:
            self.note(
                index,
                MappingStatus.AMBIGUOUS,
                "treated site not coded: prior radiation left unknown",
            )
            return None
        if not levels:
            if any(value in c.SPINE_WITHOUT_LEVEL for value in sites):
                self.note(
                    index,
                    MappingStatus.AMBIGUOUS,
                    "spine treated, level not coded: prior radiation left unknown",
                )
                return None
            self.note(index, MappingStatus.IGNORED, "a course outside the spine")
            return []
        period = resource.get("performedPeriod")
        start = _date_range(period.get("start")) if isinstance(period, Mapping) else None
        end = _date_range(period.get("end")) if isinstance(period, Mapping) else None
        if start is not None and start[0] > self.as_of:
            self.note(index, MappingStatus.IGNORED, "started after as_of")
            return []
        if status not in {"completed", "stopped"}:
            # In progress, on hold or unknown: some dose may have been delivered.
            self.note(
                index,
                MappingStatus.AMBIGUOUS,
                f"status {echo(status)}: a course to the spine not known to be completed, "
                "prior radiation left unknown",
            )
            return None
        days = None
        if end is not None:
            if end[1] > self.as_of:
                self.note(
                    index,
                    MappingStatus.AMBIGUOUS,
                    "in progress at as_of (ends after it): prior radiation left unknown",
                )
                return None
            days = (self.as_of - end[1]).days
        dose = self._dose(index, resource)
        if dose is None:
            return None
        fractionation = dose
        cord = None
        if index in self.cord_doses:
            cord_index, cord_resource = self.cord_doses.pop(index)
            cord = self._cord(cord_index, cord_resource)
        courses = []
        for run in _runs(tuple(levels)):
            try:
                courses.append(
                    RadiationCourse(
                        levels=run,
                        fractionation=fractionation,
                        cord_max_dose=cord,
                        days_since_completion=days,
                    )
                )
            except InvalidInputError as error:
                raise self.error(
                    index, "performedPeriod", str(error), model_field="prior_radiation"
                ) from None
        self.note(
            index, MappingStatus.MAPPED, "radiotherapy course to the spine", "prior_radiation"
        )
        return courses

    def _dose(  # noqa: C901, PLR0912 - one check per element of the dose extension
        self, index: int, resource: Mapping[str, object]
    ) -> Fractionation | None:
        doses = []
        sessions = None
        sessions_where = ""
        for position, extension in enumerate(_objects(resource.get("extension"))):
            url = extension.get("url")
            if url == c.SESSIONS_EXTENSION:
                sessions = extension.get("valueUnsignedInt")
                sessions_where = f"extension[{position}].valueUnsignedInt"
            if url != c.DOSE_TO_VOLUME_EXTENSION:
                continue
            parts = {_text(part.get("url")): part for part in _objects(extension.get("extension"))}
            volume = parts.get("volume")
            target = self.resolve(volume.get("valueReference")) if volume else None
            if target is not None and self._is_cord(target):
                continue
            total = parts.get("totalDoseDelivered")
            if total is None:
                continue
            quantity = total.get("valueQuantity")
            where = f"extension[{position}].extension[totalDoseDelivered].valueQuantity"
            if not isinstance(quantity, Mapping):
                continue
            unit = _text(quantity.get("code")) or _text(quantity.get("unit"))
            divisor = {"cGy": 100, "Gy": 1}.get(unit or "")
            if divisor is None:
                self.note(
                    index,
                    MappingStatus.AMBIGUOUS,
                    f"dose unit {echo(unit)} is not converted (cGy or Gy): "
                    "prior radiation left unknown",
                )
                return None
            try:
                gy = _divide(quantity.get("value"), divisor, "total_dose_gy")
            except InvalidInputError as error:
                raise self.error(
                    index, where + ".value", str(error), model_field="prior_radiation"
                ) from None
            fractions = parts.get("fractionsDelivered", {}).get("valueUnsignedInt")
            fractions_where = (
                f"extension[{position}].extension[fractionsDelivered].valueUnsignedInt"
            )
            given = f" (in Gy; {echo(quantity.get('value'))} {unit} in the bundle)"
            doses.append((gy, fractions, where, fractions_where, given if divisor != 1 else ""))
        if len({(dose[0], dose[1]) for dose in doses}) != 1:
            reason = "no dose delivered" if not doses else "several doses to different volumes"
            self.note(index, MappingStatus.AMBIGUOUS, reason + ": prior radiation left unknown")
            return None
        gy, fractions, where, fractions_where, given = doses[0]
        if fractions is None:
            fractions, fractions_where = sessions, sessions_where
        if fractions is None:
            self.note(
                index,
                MappingStatus.AMBIGUOUS,
                "number of fractions not given: prior radiation left unknown",
            )
            return None
        try:
            return Fractionation(total_dose_gy=gy, fractions=fractions)  # type: ignore[arg-type]
        except InvalidInputError as error:
            if error.field == "fractions":
                element, problem = fractions_where, str(error)
            else:
                element, problem = where + ".value", f"{error}{given}"
            raise self.error(index, element, problem, model_field="prior_radiation") from None

    def _volume_sites(self, resource: Mapping[str, object]) -> list[str]:
        """The locations of the course's target volumes, when the course codes no bodySite."""
        found = []
        for extension in _objects(resource.get("extension")):
            if extension.get("url") != c.DOSE_TO_VOLUME_EXTENSION:
                continue
            for part in _objects(extension.get("extension")):
                if part.get("url") != "volume":
                    continue
                target = self.resolve(part.get("valueReference"))
                if (
                    target is not None
                    and not self._is_cord(target)
                    and not self._other_patient(self.by_index[target])
                ):
                    found.extend(_codes(self.by_index[target].get("location"), c.SNOMED))
        return found

    def _is_cord(self, index: int) -> bool:
        resource = self.by_index[index]
        return any(
            value in c.SPINAL_CORD_CODES for value in _codes(resource.get("location"), c.SNOMED)
        )

    def _cord(self, index: int, resource: Mapping[str, object]) -> Fractionation:
        quantity = resource.get("valueQuantity")
        where = "valueQuantity.value"
        fractions = None
        for component in _objects(resource.get("component")):
            if "fractions" in _codes(component.get("code"), c.CODE_SYSTEM_URL):
                fractions = component.get("valueInteger")
        try:
            value = quantity.get("value") if isinstance(quantity, Mapping) else None
            gy = _number(value, "total_dose_gy")
            dose = Fractionation(total_dose_gy=gy, fractions=fractions)  # type: ignore[arg-type]
        except InvalidInputError as error:
            raise self.error(index, where, str(error), model_field="prior_radiation") from None
        self.note(
            index, MappingStatus.MAPPED, "cord point-maximum dose of a course", "prior_radiation"
        )
        return dose


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


def patient_from_bundle(bundle: object, *, as_of: date) -> FhirImport:
    """Read a FHIR R4 Bundle of mCODE STU4 resources into a patient.

    The result holds a :class:`~spinal_metastasis.model.Patient` and the report.

    Maps the PrimaryCancerCondition (ICD-10-CM or SNOMED CT; lung split into small-cell or
    non-small-cell only by its histology), SecondaryCancerConditions with vertebral
    ``bodySite`` (one lesion each, every imaging finding unknown unless an Observation
    carries it), ECOG and Karnofsky (the latest on or before ``as_of``), laboratory values
    by LOINC (converted to the model's units), RadiotherapyCourseSummary procedures (cGy
    to Gy, fractions delivered, treated vertebrae, days since ``performedPeriod.end``), and
    the counts of metastatic sites. The report says, for every resource, what was read.

    Args:
        bundle: The Bundle, as parsed JSON (numbers may be ``Decimal``).
        as_of: The day of the assessment: later observations are not read, and intervals
            are counted to it.

    Returns:
        The patient and the report.

    Raises:
        InvalidInputError: If ``as_of`` is not a date (a ``datetime`` is refused), the
            bundle is not a Bundle, or a value is one the model
            rejects (a KPS of 85): the message names the entry, its resource type and the
            element, never an identifier.

    Examples:
        >>> bundle = {"resourceType": "Bundle", "type": "collection", "entry": [
        ...     {"resource": {"resourceType": "Observation", "status": "final",
        ...      "code": {"coding": [{"system": "http://loinc.org", "code": "89243-0"}]},
        ...      "effectiveDateTime": "2026-01-10", "valueInteger": 70}}]}
        >>> patient_from_bundle(bundle, as_of=date(2026, 1, 15)).patient.kps
        70
    """
    return _Reader(bundle, check_day(as_of, "as_of")).read()
