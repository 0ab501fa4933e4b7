"""``patient_from_bundle``: a FHIR R4 Bundle of mCODE resources read into a ``Patient``.

Every resource of the bundle gets one report entry: mapped (and the model fields it set),
ignored, or ambiguous, and why. Nothing is guessed: a value the bundle does not carry, or
carries in a way that does not decide it, stays unknown. Resources are named in the report
and in errors by their position and type (``entry[3] Observation``), never by their ids or
identifiers.
"""

from collections.abc import Callable, Mapping
from datetime import date

from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.fhir._checks import check_day
from spinal_metastasis.fhir._import_conditions import _ConditionReader
from spinal_metastasis.fhir._import_courses import _CourseReader
from spinal_metastasis.fhir._import_observations import _ObservationReader
from spinal_metastasis.fhir._import_report import FhirImport, MappingStatus, ReportEntry
from spinal_metastasis.fhir._import_values import (
    _OUTPUTS,
    _date_range,
    _reference_key,
    _subject,
)
from spinal_metastasis.fhir._import_values import _Candidate as _Candidate  # noqa: PLC0414 - re-export
from spinal_metastasis.model import Patient

__all__ = ["FhirImport", "MappingStatus", "ReportEntry", "patient_from_bundle"]


class _Reader(_ConditionReader, _ObservationReader, _CourseReader):
    """One pass over the resources, each read by its kind, then the patient built."""

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
