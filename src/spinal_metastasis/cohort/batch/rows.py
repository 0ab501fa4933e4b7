"""One flat row per option of each lesion: the row type, batch results and their flattening."""

from collections.abc import Mapping
from typing import Any, Final, NamedTuple, TypeAlias

from attrs import frozen

from spinal_metastasis.assessment import Assessment
from spinal_metastasis.model import Patient
from spinal_metastasis.ranges import DayRange, ProbabilityRange

__all__ = [
    "COLUMNS",
    "AssessmentRow",
    "BatchResult",
    "Record",
    "RecordError",
    "assessment_rows",
]


#: A record as :func:`assess_many` accepts it: a patient, a JSON-like dict, or one JSON line.
Record: TypeAlias = Patient | Mapping[str, Any] | str | bytes

#: Records per task sent to a worker process: large enough that the cost of a task
#: (a pickle each way) is small against the assessments it carries.
DEFAULT_CHUNKSIZE: Final = 32


class AssessmentRow(NamedTuple):
    """One row of the flat table: one patient × lesion × modality.

    Ranges are given by their two ends (``_low``, ``_high``); a figure no source
    gives, or an undetermined category, is ``None`` (a null in tables). Days are
    days; probabilities are in [0, 1]. Enum values are their JSON values.
    """

    record: int
    """0-based position of the record in the input."""
    patient_id: str | None
    """The caller's identifier (the table is the caller's own data)."""
    lesion: int
    """0-based position of the lesion in the patient's ``lesions``."""
    levels: str
    """The lesion's levels, ``"T12"`` or ``"T11-T12"``."""
    sins_low: int
    sins_high: int
    sins_category: str | None
    noms_pathway: str
    stabilization: str
    modality: str
    eligibility: str
    missing: str
    """The unknown inputs the eligibility waits for, separated by ``;`` (empty if none)."""
    onset_days_low: float | None
    onset_days_high: float | None
    maximal_effect_days_low: float | None
    maximal_effect_days_high: float | None
    pain_response_low: float | None
    pain_response_high: float | None
    systemic_hold_days_low: float
    systemic_hold_days_high: float
    collapse_probability_low: float
    collapse_probability_high: float
    local_control_low: float | None
    local_control_high: float | None
    sessions_low: int
    sessions_high: int
    hospital_days_low: float | None
    hospital_days_high: float | None


#: The column names of the flat table, in order.
COLUMNS: Final[tuple[str, ...]] = AssessmentRow._fields

_INT_COLUMNS: Final = frozenset({"record", "lesion", "sins_low", "sins_high"})
_INT_COLUMNS_ALL: Final = _INT_COLUMNS | {"sessions_low", "sessions_high"}
_TEXT_COLUMNS: Final = frozenset(
    {
        "patient_id",
        "levels",
        "sins_category",
        "noms_pathway",
        "stabilization",
        "modality",
        "eligibility",
        "missing",
    }
)


@frozen(kw_only=True)
class RecordError:
    """Why one record could not be assessed.

    Attributes:
        index: 0-based position of the record in the input.
        line: 1-based line number, for JSON Lines input; ``None`` otherwise.
        messages: One message per problem, each starting with the field's path
            (``lesions[0].escc: '4' is not one of 0, 1a, 1b, 1c, 2, 3``). They
            never contain the patient identifier.
    """

    index: int
    line: int | None
    messages: tuple[str, ...]

    def __str__(self) -> str:
        """Show ``line 3: <messages>`` (or ``record 2: ...`` without a line)."""
        where = f"line {self.line}" if self.line is not None else f"record {self.index}"
        return f"{where}: {'; '.join(self.messages)}"


@frozen(kw_only=True)
class BatchResult:
    """The outcome of one record.

    Attributes:
        index: 0-based position of the record in the input.
        line: 1-based line number, for JSON Lines input; ``None`` otherwise.
        rows: The flat rows of the assessment (empty when the record failed or
            the patient has no lesion).
        assessment: The whole assessment, when ``assess_many(...,
            assessments=True)``; else ``None``.
        error: Why the record failed, or ``None``.
    """

    index: int
    line: int | None
    rows: tuple[AssessmentRow, ...] = ()
    assessment: Assessment | None = None
    error: RecordError | None = None

    @property
    def ok(self) -> bool:
        """Whether the record was assessed."""
        return self.error is None


# --- Flattening -------------------------------------------------------------------------------


def _days(value: DayRange | None) -> tuple[float | None, float | None]:
    return (None, None) if value is None else (value.low, value.high)


def _probability(value: ProbabilityRange | None) -> tuple[float | None, float | None]:
    return (None, None) if value is None else (value.low, value.high)


def assessment_rows(assessment: Assessment, *, record: int = 0) -> tuple[AssessmentRow, ...]:
    """Flatten an assessment: one row per lesion × modality, lesions in order.

    Args:
        assessment: The assessment of one patient.
        record: The record's position, written in the ``record`` column.

    Returns:
        The rows; none for a patient without a lesion.

    Examples:
        >>> from spinal_metastasis import assess, example_patient
        >>> rows = assessment_rows(assess(example_patient()))
        >>> len(rows), rows[1].levels, rows[1].modality
        (13, 'T12', 'sbrt')
    """
    patient_id = assessment.patient.patient_id
    rows: list[AssessmentRow] = []
    for position, item in enumerate(assessment.lesions):
        sins = item.sins
        levels = "-".join(
            dict.fromkeys((item.lesion.levels[0].label, item.lesion.levels[-1].label))
        )
        head = (
            record,
            patient_id,
            position,
            levels,
            sins.points.low,
            sins.points.high,
            None if sins.category is None else sins.category.value,
            item.noms.pathway.value,
            item.noms.stabilization.value,
        )
        for option in item.options:
            relief = option.pain_relief
            response = relief.response
            hold = option.toxicity.systemic_therapy_hold_days
            collapse = option.collapse_risk.probability
            sessions = option.burden.sessions
            rows.append(
                AssessmentRow(
                    *head,
                    option.modality.value,
                    option.eligibility.value,
                    ";".join(option.missing),
                    *_days(relief.onset_days),
                    *_days(relief.maximal_days),
                    *_probability(None if response is None else response.probability),
                    hold.low,
                    hold.high,
                    collapse.low,
                    collapse.high,
                    *_probability(option.local_control.probability),
                    sessions.low,
                    sessions.high,
                    *_days(option.burden.hospital_days),
                )
            )
    return tuple(rows)
