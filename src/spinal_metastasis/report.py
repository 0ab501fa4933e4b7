"""Readable clinical summaries (text and HTML) of patients and assessments.

Presentation only: every statement comes from the public functions' results.
Patient identifiers are never shown.

This module does not import :mod:`spinal_metastasis.assessment`: it reads an assessment
through the small structural types below, so that ``assessment`` can import it (no cycle).
"""

import html
from collections.abc import Sequence
from typing import Final, Protocol

from spinal_metastasis.anatomy import VertebralLevel
from spinal_metastasis.model import Patient, SpinalLesion
from spinal_metastasis.ranges import ProbabilityRange
from spinal_metastasis.sources.general import CONUS_MRI_1998
from spinal_metastasis.treatments.option import Eligibility, Modality, OptionAssessment

__all__ = [
    "DISCLAIMER",
    "assessment_html",
    "assessment_text",
    "option_reason",
    "summary",
    "verdict_text",
]

#: Printed under every summary.
DISCLAIMER: Final = (
    "Decision support only, not a medical device: check every statement against its source."
)

_COLUMNS: Final = (
    "option",
    "eligibility",
    "pain relief onset",
    "systemic hold",
    "collapse risk",
    "local control",
    "sessions",
)


def _section(title: str, lines: list[str]) -> list[str]:
    return [title, *(f"  {line}" for line in lines)]


def _patient_lines(patient: Patient) -> list[str]:
    lines = [str(patient)]
    if patient.prior_radiation is None:
        radiation = ["unknown"]
    else:
        radiation = [str(course) for course in patient.prior_radiation] or ["none"]
    lines += _section("Prior spinal radiotherapy:", radiation)
    if patient.systemic_therapy is None:
        agents = "unknown"
    else:
        agents = ", ".join(agent.value.replace("_", " ") for agent in patient.systemic_therapy)
    lines.append(f"Current systemic therapy: {agents or 'none'}")
    return lines


def summary(patient: Patient) -> str:
    """Return a readable multi-line summary of the patient, without any identifier.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> print(summary(example_patient()).splitlines()[0])
        Patient with breast primary, KPS 80, ECOG 1; spinal lesion: T12
    """
    lines = _patient_lines(patient)
    lines[1:1] = _section(
        "Spinal lesions:", [str(lesion) for lesion in patient.lesions] or ["none"]
    )
    return "\n".join([*lines, "", DISCLAIMER])


class _Plan(Protocol):
    """What the summary reads of a plan."""

    @property
    def name(self) -> str: ...
    @property
    def eligibility(self) -> Eligibility: ...
    @property
    def possible_eligibility(self) -> frozenset[Eligibility]: ...
    @property
    def missing(self) -> tuple[str, ...]: ...


class _Lesion(Protocol):
    """What the summary reads of a lesion's assessment."""

    @property
    def lesion(self) -> SpinalLesion: ...
    @property
    def sins(self) -> object: ...
    @property
    def escc_grade(self) -> object | None: ...
    @property
    def noms(self) -> object: ...
    @property
    def options(self) -> tuple[OptionAssessment, ...]: ...
    @property
    def plans(self) -> Sequence[_Plan]: ...


class _Assessment(Protocol):
    """What the summary reads of an assessment."""

    @property
    def patient(self) -> Patient: ...
    @property
    def prognosis(self) -> object: ...
    @property
    def lesions(self) -> Sequence[_Lesion]: ...


#: The placeholder of a collapse risk no source gives (see ``CollapseRisk.probability``).
_NO_PROBABILITY: Final = ProbabilityRange(low=0, high=1)
#: Supportive care has no procedure: its 0-day hold is a statement, not a missing figure.
_NO_PROCEDURE: Final = frozenset({Modality.BEST_SUPPORTIVE_CARE})
#: The levels wholly below the conus medullaris: in 226 adult MRIs the cord ended between the
#: mid-portion of T12 and the L1-L2 disc (CONUS_MRI_1998), so a lesion from L2 down compresses
#: the cauda equina, not the cord.
_BELOW_CONUS: Final = frozenset(
    tuple(VertebralLevel)[tuple(VertebralLevel).index(VertebralLevel.L2) :]
)
_ORDER: Final = (Eligibility.ELIGIBLE, Eligibility.CAUTION, Eligibility.CONTRAINDICATED)


def verdict_text(
    eligibility: Eligibility, possible: frozenset[Eligibility], missing: Sequence[str] = ()
) -> str:
    """Say a verdict in words; an undetermined one names the verdicts still possible.

    Args:
        eligibility: The verdict.
        possible: Every verdict some completion of the unknowns gives.
        missing: The inputs the verdict waits for.

    Returns:
        ``"eligible"``, ``"caution"``, ``"contraindicated"``; when undetermined between
        caution and contraindicated, ``"not eligible: caution or contraindicated, pending
        frankel"``; otherwise ``"undetermined: eligible or caution, pending inr"``.

    Examples:
        >>> from spinal_metastasis.treatments.option import Eligibility as E
        >>> verdict_text(E.UNDETERMINED, frozenset({E.CAUTION, E.CONTRAINDICATED}), ["inr"])
        'not eligible: caution or contraindicated, pending inr'
        >>> verdict_text(E.CAUTION, frozenset({E.CAUTION}))
        'caution'
    """
    if eligibility is not Eligibility.UNDETERMINED:
        return eligibility.value
    verdicts = " or ".join(v.value for v in _ORDER if v in possible)
    prefix = "undetermined" if Eligibility.ELIGIBLE in possible else "not eligible"
    pending = f", pending {', '.join(missing)}" if missing else ""
    return f"{prefix}: {verdicts}{pending}"


def option_reason(option: OptionAssessment) -> str | None:
    """Return the one-line reason an option is not eligible, with the rule it comes from.

    The reason is the statement of the first rule that gives the option's verdict (for an
    undetermined option, the first rule still undecided), with the rule's id when the
    finding carries one and its source; further rules of the same verdict are counted.

    Args:
        option: An option's assessment.

    Returns:
        The reason, or ``None`` for an eligible option.
    """
    if option.eligibility is Eligibility.ELIGIBLE:
        return None
    if option.eligibility is Eligibility.UNDETERMINED:
        deciding = [item for item in option.rules if len(item.possible) > 1]
    else:
        deciding = [item for item in option.rules if item.verdict is option.eligibility]
    if not deciding:  # pragma: no cover - a verdict always comes from some rule
        return None
    first = deciding[0].finding
    rule_id = getattr(first, "rule_id", None)
    source = f"{rule_id}; {first.citation.short}" if rule_id else first.citation.short
    more = len(deciding) - 1
    extra = f" (and {more} more rule{'s' if more > 1 else ''})" if more else ""
    return f"{first.statement} [{source}]{extra}"


def _hold(option: OptionAssessment, patient: Patient | None) -> str:
    hold = option.toxicity.systemic_therapy_hold_days
    current = (
        () if patient is None or patient.systemic_therapy is None else patient.systemic_therapy
    )
    held = {item.agent for item in option.toxicity.holds}
    unsourced = [agent for agent in current or () if agent not in held]
    if hold.high == 0 and unsourced and option.modality not in _NO_PROCEDURE:
        return "no sourced hold"
    return str(hold)


def _verdict_cell(option: OptionAssessment) -> str:
    """The table's verdict: the full words for a not-eligible pair, else the short word."""
    if Eligibility.ELIGIBLE in option.possible_eligibility:
        return option.eligibility.value
    return verdict_text(option.eligibility, option.possible_eligibility)


def _cells(option: OptionAssessment, patient: Patient | None = None) -> list[str]:
    onset = option.pain_relief.onset_days
    control = option.local_control.probability
    collapse = option.collapse_risk.probability
    return [
        option.modality.label,
        _verdict_cell(option),
        "no figure" if onset is None else str(onset),
        _hold(option, patient),
        "no figure" if collapse == _NO_PROBABILITY else str(collapse),
        "n/a" if control is None else str(control),
        str(option.burden.sessions),
    ]


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _escc_line(item: _Lesion) -> str:
    grade = "unknown" if item.escc_grade is None else str(item.escc_grade).replace("_", " ")
    escc = "unknown" if item.lesion.escc is None else item.lesion.escc.label
    below = item.lesion.levels[0] in _BELOW_CONUS
    where = f"; below the conus: cauda equina, not cord [{CONUS_MRI_1998.short}]" if below else ""
    return f"  ESCC {escc} ({grade} grade{where})"


def _lesion_lines(item: _Lesion, patient: Patient | None = None) -> list[str]:
    lines = [
        f"Lesion {item.lesion.label}",
        f"  {item.sins}",
        _escc_line(item),
        f"  {item.noms}",
        "  Options:",
    ]
    rows = [list(_COLUMNS), *(_cells(option, patient) for option in item.options)]
    lines += [f"    {line}" for line in _table(rows)]
    reasons = [(option, option_reason(option)) for option in item.options]
    if any(reason for _, reason in reasons):
        lines.append("  Not eligible, or not yet decided, because:")
        lines += [
            f"    {option.modality.label}: "
            f"{verdict_text(option.eligibility, option.possible_eligibility, option.missing)}"
            f" - {reason}"
            for option, reason in reasons
            if reason
        ]
    lines.append("  Plans:")
    lines += [
        f"    {plan.name}: "
        f"{verdict_text(plan.eligibility, plan.possible_eligibility, plan.missing)}"
        for plan in item.plans
    ]
    return lines


def assessment_text(assessment: _Assessment) -> str:
    """Render an assessment as a readable clinical summary."""
    lines = _patient_lines(assessment.patient)
    lines += _section("Prognosis:", str(assessment.prognosis).splitlines())
    for item in assessment.lesions:
        lines += ["", *_lesion_lines(item, assessment.patient)]
    if not assessment.lesions:
        lines += ["", "No spinal lesion recorded: no option assessed."]
    return "\n".join([*lines, "", DISCLAIMER])


def assessment_html(assessment: _Assessment) -> str:
    """Render an assessment as HTML for notebooks (tables of the options per lesion)."""
    esc = html.escape
    parts = [f"<div><p><strong>{esc(str(assessment.patient))}</strong></p>"]
    parts.append("<p>" + "<br>".join(esc(line) for line in str(assessment.prognosis).splitlines()))
    parts.append("</p>")
    for item in assessment.lesions:
        parts.append(f"<h4>Lesion {esc(item.lesion.label)}</h4>")
        parts.append(f"<p>{esc(str(item.sins))}<br>{esc(str(item.noms))}</p>")
        header = "".join(f"<th>{esc(column)}</th>" for column in _COLUMNS)
        body = "".join(
            "<tr>"
            + "".join(f"<td>{esc(cell)}</td>" for cell in _cells(option, assessment.patient))
            + "</tr>"
            for option in item.options
        )
        parts.append(f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>")
        reasons = [(option, option_reason(option)) for option in item.options]
        listed = "".join(
            f"<li>{esc(option.modality.label)}: {esc(reason)}</li>"
            for option, reason in reasons
            if reason
        )
        if listed:
            parts.append(f"<ul>{listed}</ul>")
    parts.append(f"<p><em>{esc(DISCLAIMER)}</em></p></div>")
    return "".join(parts)
