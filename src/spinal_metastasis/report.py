"""Readable clinical summaries of a patient and of what the library computes for it.

Presentation only: every statement comes from the public functions' results.
"""

from spinal_metastasis.model import Patient

__all__ = ["summary"]


def _section(title: str, lines: list[str]) -> list[str]:
    return [title, *(f"  {line}" for line in lines)]


def summary(patient: Patient) -> str:
    """Return a readable multi-line summary of the patient, without any identifier.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> print(summary(example_patient()).splitlines()[0])
        Patient with breast primary, KPS 80, ECOG 1; spinal lesion: T12
    """
    lines = [str(patient)]
    lesion_lines = [str(lesion) for lesion in patient.lesions] or ["none recorded"]
    lines += _section("Spinal lesions:", lesion_lines)
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
    lines.append("")
    lines.append(
        "Decision support only: not a medical device; check every statement with its source."
    )
    return "\n".join(lines)
