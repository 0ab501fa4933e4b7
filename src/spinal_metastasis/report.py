"""Readable clinical summaries (text and HTML) of patients and assessments.

Presentation only: every statement comes from the public functions' results.
Patient identifiers are never shown.
"""

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from spinal_metastasis.model import Patient

if TYPE_CHECKING:  # pragma: no cover - imported for annotations only (avoids a cycle)
    from spinal_metastasis.assessment import Assessment, LesionAssessment
    from spinal_metastasis.treatments.option import OptionAssessment

__all__ = ["DISCLAIMER", "assessment_html", "assessment_text", "summary"]

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


def _cells(option: "OptionAssessment") -> list[str]:
    onset = option.pain_relief.onset_days
    control = option.local_control.probability
    return [
        option.modality.label,
        option.eligibility.value,
        "no figure" if onset is None else str(onset),
        str(option.toxicity.systemic_therapy_hold_days),
        str(option.collapse_risk.probability),
        "n/a" if control is None else str(control),
        str(option.burden.sessions),
    ]


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _lesion_lines(item: "LesionAssessment") -> list[str]:
    grade = "unknown" if item.escc_grade is None else item.escc_grade.value.replace("_", " ")
    escc = "unknown" if item.lesion.escc is None else item.lesion.escc.label
    lines = [
        f"Lesion {item.lesion.label}",
        f"  {item.sins}",
        f"  ESCC {escc} ({grade} grade)",
        f"  {item.noms}",
        "  Options:",
    ]
    rows = [list(_COLUMNS), *(_cells(option) for option in item.options)]
    lines += [f"    {line}" for line in _table(rows)]
    waiting = [option for option in item.options if option.missing]
    if waiting:
        lines.append("  Undetermined options wait for:")
        lines += [f"    {option.modality.label}: {', '.join(option.missing)}" for option in waiting]
    lines.append("  Plans:")
    lines += [f"    {plan}" for plan in item.plans]
    return lines


def assessment_text(assessment: "Assessment") -> str:
    """Render an assessment as a readable clinical summary."""
    lines = _patient_lines(assessment.patient)
    lines += _section("Prognosis:", str(assessment.prognosis).splitlines())
    for item in assessment.lesions:
        lines += ["", *_lesion_lines(item)]
    if not assessment.lesions:
        lines += ["", "No spinal lesion recorded: no option assessed."]
    return "\n".join([*lines, "", DISCLAIMER])


def assessment_html(assessment: "Assessment") -> str:
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
            "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in _cells(option)) + "</tr>"
            for option in item.options
        )
        parts.append(f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>")
    parts.append(f"<p><em>{esc(DISCLAIMER)}</em></p></div>")
    return "".join(parts)
