"""``assessment_to_bundle``: an assessment as a FHIR R4 collection Bundle, on plain dicts.

The bundle holds the inputs as mCODE STU4 resources (so that
:func:`~spinal_metastasis.fhir.patient_from_bundle` reads every known input back) and the
results: each score as an Observation, each option as a GuidanceResponse, the collapse risk
and the local control of each option as RiskAssessments, and a Provenance naming the library
and its version. See ``docs/explanation/interoperability.md`` for the field-by-field table.
"""

from datetime import UTC, date, datetime

from spinal_metastasis import AssessmentSettings
from spinal_metastasis.assessment import Assessment
from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.fhir._checks import check_day, check_type
from spinal_metastasis.fhir._codesystem import code_system
from spinal_metastasis.fhir._export_results import _ResultExport
from spinal_metastasis.fhir._export_values import (
    Resource,
    library_version,
)
from spinal_metastasis.model import Patient

__all__ = ["assessment_to_bundle", "library_version", "patient_to_bundle"]


class _Export(_ResultExport):
    """The whole bundle: the inputs, then the results of an assessment if there is one."""

    def run(self) -> Resource:
        self.builder.add(code_system(self.version))
        self.device = self.builder.add(self._device())
        self.subject = self.builder.add(self._patient_resource())
        self._primary()
        for lesion in self.patient.lesions:
            self._lesion(lesion)
        self._patient_observations()
        self._radiation()
        if self.assessment is not None:
            self._results(self.assessment)
            self._provenance(self.assessment)
        return {
            "resourceType": "Bundle",
            "type": "collection",
            "timestamp": self.recorded,
            "entry": self.builder.entries,
        }


def assessment_to_bundle(
    assessment: Assessment,
    *,
    as_of: date | None = None,
    recorded: datetime | None = None,
    settings: AssessmentSettings | None = None,
) -> dict[str, object]:
    """Write an assessment as a FHIR R4 ``collection`` Bundle of plain dicts (mCODE STU4).

    The bundle holds the patient's known inputs as mCODE resources and the results: each
    score an Observation (components per item; ``valueRange`` where inputs are unknown; the
    category as ``interpretation``, or ``dataAbsentReason`` while undetermined), each option
    a GuidanceResponse (``success``, or ``data-required`` with a ``dataRequirement`` per
    missing input), collapse risk and local control RiskAssessments with
    ``probabilityRange``, and a Provenance naming the library and its version. Patient
    identifiers are never written.

    Args:
        assessment: The result of :func:`~spinal_metastasis.assessment.assess`.
        as_of: The date the inputs are dated with (``effectiveDateTime``; the end of each
            radiotherapy course is ``as_of`` minus its ``days_since_completion``). Defaults
            to the date of ``recorded``.
        recorded: When the results were produced (the Provenance's ``recorded``); defaults
            to now, in UTC. Pass both for a reproducible bundle.
        settings: The settings the assessment was made with (default: the defaults); the
            Provenance names each table with its version and SHA-256.

    Returns:
        The Bundle, a JSON-ready dict.

    Raises:
        InvalidInputError: If ``assessment`` is not an Assessment, ``as_of`` not a date
            (a ``datetime`` is refused), ``recorded`` not a datetime with a time zone, or
            ``settings`` name other tables than the assessment records.

    Examples:
        >>> from datetime import UTC, date, datetime
        >>> from spinal_metastasis import assess, example_patient
        >>> bundle = assessment_to_bundle(
        ...     assess(example_patient("breast_t12_mechanical")),
        ...     as_of=date(2026, 1, 15),
        ...     recorded=datetime(2026, 1, 15, 9, 30, tzinfo=UTC),
        ... )
        >>> bundle["resourceType"], bundle["type"]
        ('Bundle', 'collection')
    """
    check_type(assessment, Assessment, "assessment")
    when = recorded if recorded is not None else datetime.now(UTC)  # the edge: a clock
    check_type(when, datetime, "recorded")
    if when.tzinfo is None or when.utcoffset() is None:
        msg = f"'recorded' must be a datetime with a time zone (got {when!r})"
        raise InvalidInputError(msg, field="recorded")
    day = check_day(as_of, "as_of") if as_of is not None else when.date()
    export = _Export(assessment.patient, assessment, as_of=day, recorded=when, settings=settings)
    return export.run()


def patient_to_bundle(patient: Patient, *, as_of: date) -> dict[str, object]:
    """Write a patient's known inputs as a FHIR R4 ``collection`` Bundle (mCODE STU4).

    The same resources as the inputs part of :func:`assessment_to_bundle`, without results:
    :func:`~spinal_metastasis.fhir.patient_from_bundle` reads every known input back.

    Args:
        patient: The patient (its identifier is never written).
        as_of: The date the inputs are dated with.

    Returns:
        The Bundle, a JSON-ready dict.

    Raises:
        InvalidInputError: If ``patient`` is not a Patient or ``as_of`` not a date.

    Examples:
        >>> from datetime import date
        >>> from spinal_metastasis import Patient
        >>> bundle = patient_to_bundle(Patient(kps=70), as_of=date(2026, 1, 15))
        >>> [entry["resource"]["resourceType"] for entry in bundle["entry"]]
        ['CodeSystem', 'Device', 'Patient', 'Observation']
    """
    check_type(patient, Patient, "patient")
    as_of = check_day(as_of, "as_of")
    moment = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)
    return _Export(patient, None, as_of=as_of, recorded=moment).run()
