"""The catalogue of common palliative spine schedules, each with its citation."""

from enum import StrEnum
from types import MappingProxyType
from typing import Final

from attrs import field, frozen

from spinal_metastasis._validators import (
    EnumRule,
    InstanceRule,
    StringRule,
    TupleRule,
)
from spinal_metastasis.evidence import Citation
from spinal_metastasis.model import Fractionation
from spinal_metastasis.radiobiology._checks import _reject
from spinal_metastasis.sources.radiobiology import (
    BONE_PAIN_TRIAL_1999,
    GUCKENBERGER_2014,
    GUCKENBERGER_2024,
    HARTSELL_2005,
    LAUFER_2013,
    RADES_2005,
    RYU_2023,
    SAHGAL_2021_SC24,
    SPRAVE_2018,
    STEENLAND_1999,
)

__all__ = [
    "SCHEDULES",
    "Schedule",
    "Technique",
    "schedule",
]


# --- The schedule catalogue -------------------------------------------------------------------


class Technique(StrEnum):
    """How a schedule is delivered."""

    CONVENTIONAL = "conventional"  # conventional external beam radiotherapy (cEBRT, 3DCRT)
    STEREOTACTIC = "stereotactic"  # SBRT / spine radiosurgery


# Frozen and used in memoization keys: the hash is computed once (cache_hash).
@frozen(kw_only=True, cache_hash=True)
class Schedule:
    """A palliative spine radiotherapy schedule and the study that used it.

    Attributes:
        name: The name as written in the literature (``"20 Gy / 5"``, ``"8 Gy x 1"``).
        fractionation: The prescription.
        technique: Conventional or stereotactic.
        citation: The trial (or series) that used it, or ``None`` when none was verified.
        note: How the study used it, and what could not be verified.
        other_citations: Other studies that used it.
    """

    name: str = field(validator=StringRule(optional=False, max_length=40))
    fractionation: Fractionation = field(validator=InstanceRule(cls=Fractionation, optional=False))
    technique: Technique = field(validator=EnumRule(enum_type=Technique, optional=False))
    citation: Citation | None = field(validator=InstanceRule(cls=Citation))
    note: str = field(validator=StringRule(optional=False, max_length=600))
    other_citations: tuple[Citation, ...] = field(
        default=(), validator=TupleRule(element=Citation, optional=False)
    )

    def __str__(self) -> str:
        """Show ``24 Gy / 2 (stereotactic; SC.24 2021)``."""
        source = self.citation.short if self.citation is not None else "no trial verified"
        return f"{self.name} ({self.technique.value}; {source})"


def _schedule(
    total_dose_gy: float,
    fractions: int,
    technique: Technique,
    citation: Citation | None,
    note: str,
    *others: Citation,
) -> Schedule:
    name = f"{total_dose_gy:g} Gy x 1" if fractions == 1 else f"{total_dose_gy:g} Gy / {fractions}"
    return Schedule(
        name=name,
        fractionation=Fractionation(total_dose_gy=total_dose_gy, fractions=fractions),
        technique=technique,
        citation=citation,
        note=note,
        other_citations=others,
    )


_CONVENTIONAL: Final = Technique.CONVENTIONAL
_STEREOTACTIC: Final = Technique.STEREOTACTIC

#: Common palliative spine schedules, each with the trial or series that used it
#: (the notes say which arm, and where a schedule only lies within a reported range).
SCHEDULES: Final = (
    _schedule(
        8,
        1,
        _CONVENTIONAL,
        HARTSELL_2005,
        "Single-fraction arm of RTOG 97-14, the Bone Pain Trial and the Dutch Bone Metastasis "
        "Study; 1 x 8 Gy in Rades 2005; control arm of RTOG 0631 (involved vertebra plus one "
        "above and below).",
        BONE_PAIN_TRIAL_1999,
        STEENLAND_1999,
        RADES_2005,
        RYU_2023,
    ),
    _schedule(
        20,
        5,
        _CONVENTIONAL,
        BONE_PAIN_TRIAL_1999,
        "A multifraction arm of the Bone Pain Trial (with 30 Gy / 10); control arm of SC.24; "
        "5 x 4 Gy in Rades 2005.",
        SAHGAL_2021_SC24,
        RADES_2005,
    ),
    _schedule(
        30,
        10,
        _CONVENTIONAL,
        HARTSELL_2005,
        "Long-course arm of RTOG 97-14; a multifraction arm of the Bone Pain Trial; "
        "10 x 3 Gy in Rades 2005; control arm of Sprave 2018.",
        BONE_PAIN_TRIAL_1999,
        RADES_2005,
        SPRAVE_2018,
    ),
    _schedule(
        37.5,
        15,
        _CONVENTIONAL,
        RADES_2005,
        "15 x 2.5 Gy for metastatic spinal cord compression in Rades 2005.",
    ),
    _schedule(
        40,
        20,
        _CONVENTIONAL,
        RADES_2005,
        "20 x 2 Gy for metastatic spinal cord compression in Rades 2005.",
    ),
    _schedule(
        24,
        6,
        _CONVENTIONAL,
        STEENLAND_1999,
        "Multifraction arm (6 x 4 Gy) of the Dutch Bone Metastasis Study; arms read only in "
        "secondary analyses.",
    ),
    _schedule(
        24,
        2,
        _STEREOTACTIC,
        SAHGAL_2021_SC24,
        "SBRT arm of SC.24 (24 Gy in two daily fractions).",
    ),
    _schedule(
        24,
        3,
        _STEREOTACTIC,
        GUCKENBERGER_2014,
        "Median schedule of a retrospective multi-institutional cohort (Guckenberger 2014), "
        "not a trial arm; also the low end of the 24-30 Gy / 3 high-dose hypofractionated "
        "group of Laufer 2013.",
        LAUFER_2013,
    ),
    _schedule(
        27,
        3,
        _STEREOTACTIC,
        LAUFER_2013,
        "Within the 24-30 Gy / 3 high-dose hypofractionated group after separation surgery "
        "of Laufer 2013; no trial using exactly this schedule was verified.",
    ),
    _schedule(
        30,
        3,
        _STEREOTACTIC,
        LAUFER_2013,
        "The high end of the 24-30 Gy / 3 high-dose hypofractionated group after separation "
        "surgery of Laufer 2013; no trial using exactly this schedule was verified.",
    ),
    _schedule(
        30,
        5,
        _STEREOTACTIC,
        LAUFER_2013,
        "Within the 18-36 Gy in 5-6 fractions low-dose hypofractionated group of Laufer 2013; "
        "no trial using exactly this schedule was verified.",
    ),
    _schedule(
        35,
        5,
        _STEREOTACTIC,
        LAUFER_2013,
        "Within the 18-36 Gy in 5-6 fractions low-dose hypofractionated group of Laufer 2013; "
        "no trial using exactly this schedule was verified.",
    ),
    _schedule(
        40,
        5,
        _STEREOTACTIC,
        GUCKENBERGER_2024,
        "SBRT arm for metastases without epidural involvement in the Guckenberger 2024 "
        "phase 3 trial.",
    ),
    _schedule(
        48.5,
        10,
        _STEREOTACTIC,
        GUCKENBERGER_2024,
        "SBRT arm for metastases with epidural involvement in the Guckenberger 2024 phase 3 trial.",
    ),
    _schedule(
        16,
        1,
        _STEREOTACTIC,
        RYU_2023,
        "Radiosurgery arm of RTOG 0631 (16 or 18 Gy to the involved level only).",
    ),
    _schedule(
        18,
        1,
        _STEREOTACTIC,
        RYU_2023,
        "Radiosurgery arm of RTOG 0631 (16 or 18 Gy to the involved level only).",
    ),
    _schedule(
        24,
        1,
        _STEREOTACTIC,
        SPRAVE_2018,
        "SBRT arm of Sprave 2018 (citation details unverified); also the single-fraction "
        "group after separation surgery of Laufer 2013.",
        LAUFER_2013,
    ),
)


def _schedule_key(name: str) -> str:
    return "".join(name.lower().split()).replace("×", "x")


def _schedule_index() -> MappingProxyType[str, Schedule]:
    index: dict[str, Schedule] = {}
    for item in SCHEDULES:
        course = item.fractionation
        index[_schedule_key(item.name)] = item
        index[_schedule_key(f"{course.total_dose_gy:g} Gy / {course.fractions}")] = item
    return MappingProxyType(index)


_SCHEDULE_INDEX: Final = _schedule_index()


def schedule(name: str) -> Schedule:
    """Look a schedule of :data:`SCHEDULES` up by name.

    Case, spaces and ``×`` for ``x`` do not matter; a single fraction may be written
    ``"8 Gy x 1"`` or ``"8 Gy / 1"``.

    Args:
        name: The schedule's name (``"24 Gy / 2"``).

    Returns:
        The schedule.

    Raises:
        InvalidInputError: If no schedule has that name; the message lists the names.

    Examples:
        >>> schedule("24 Gy/2").citation.short
        'SC.24 2021'
        >>> schedule("8 Gy × 1").fractionation
        Fractionation(total_dose_gy=8.0, fractions=1)
    """
    raw: object = name  # at run time anything may arrive
    found = _SCHEDULE_INDEX.get(_schedule_key(raw)) if isinstance(raw, str) else None
    if found is None:
        names = ", ".join(repr(item.name) for item in SCHEDULES)
        _reject("name", f"one of {names}", name)
    return found
