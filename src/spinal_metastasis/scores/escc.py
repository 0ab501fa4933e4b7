"""Epidural spinal cord compression (ESCC): low or high grade.

The Bilsky scale grades epidural compression on axial T2-weighted MRI at the
level of most severe compression: 0, 1a, 1b, 1c, 2, 3
(:class:`~spinal_metastasis.model.ESCC`). Decision frameworks (NOMS) split it in
two: *low grade* (radiation first, stereotactic when the histology is
radioresistant) and *high grade* (cord compression: decompression before
radiation unless the tumor is highly radiosensitive).

Grades 0, 1a and 1b are low grade and 2 and 3 high grade in every source read.
Grade 1c (thecal sac deformation with cord abutment, no compression) is
contested: Radiopaedia calls its management "controversial", a neurosurgery
wiki counts 0-1c as amenable to SBRT alone, and some groups report 1c with
the high grades. The split is therefore a named, swappable
:class:`EsccGrouping`:

- :data:`BILSKY_NOMS` (default): 1c low grade (SBRT-eligible).
- :data:`ESCC_1C_HIGH`: 1c high grade (the cautious reading: cord abutment
  treated like compression).

References:
    Bilsky MH, Laufer I, Fourney DR, et al. Reliability analysis of the epidural
    spinal cord compression scale. J Neurosurg Spine. 2010;13(3):324-328.
    doi:10.3171/2010.3.SPINE09459.

    Radiopaedia.org. Epidural spinal cord compression scale (revised 3 May 2024).
"""

from collections.abc import Iterable
from enum import StrEnum
from typing import Final

from attrs import field, frozen

from spinal_metastasis._validators import StringRule, TupleRule
from spinal_metastasis.evidence import Citation, Finding, FindingInput
from spinal_metastasis.model import ESCC, SpinalLesion
from spinal_metastasis.sources.scores import BILSKY_2010, NEUROSURGERYWIKI_ESCC, RADIOPAEDIA_ESCC

__all__ = [
    "BILSKY_NOMS",
    "DEFAULT_GROUPING",
    "ESCC_1C_HIGH",
    "EsccGrade",
    "EsccGrading",
    "EsccGrouping",
    "escc_grade",
    "escc_grading",
]


class EsccGrade(StrEnum):
    """Low- or high-grade epidural spinal cord compression."""

    LOW = "low"
    HIGH = "high"


def _grades(value: Iterable[ESCC]) -> frozenset[ESCC]:
    return frozenset(value)


@frozen(kw_only=True, repr=False)
class EsccGrouping:
    """Which Bilsky grades count as high-grade compression.

    Attributes:
        name: Short name of the grouping.
        high_grades: The grades that are high grade; the others are low grade.
        contested_grades: Grades whose assignment the sources disagree on.
        citations: The sources of the grouping.
        notes: What the grouping rests on.
        version: Version of the table's content, raised whenever an entry changes
            (:func:`spinal_metastasis.provenance.table_digest` detects any change).
    """

    name: str = field(validator=StringRule(optional=False))
    high_grades: frozenset[ESCC] = field(converter=_grades)
    contested_grades: frozenset[ESCC] = field(converter=_grades)
    citations: tuple[Citation, ...] = field(
        validator=TupleRule(element=Citation, optional=False, min_length=1)
    )
    notes: str = field(validator=StringRule(optional=False, max_length=2000))
    version: str = field(default="1", validator=StringRule(optional=False, max_length=40))

    def __repr__(self) -> str:
        """Show the name and the high grades (the tables are long)."""
        grades = tuple(grade.label for grade in sorted(self.high_grades, key=lambda g: g.order))
        return f"EsccGrouping(name={self.name!r}, high_grades={grades!r})"

    def grade(self, escc: ESCC) -> EsccGrade:
        """Return the grade of a Bilsky grade under this grouping."""
        return EsccGrade.HIGH if escc in self.high_grades else EsccGrade.LOW


# Radiopaedia (read): 0, 1a, 1b low grade; 1c "controversial"; 2 and 3 high grade.
_ALWAYS_HIGH: Final = frozenset({ESCC.GRADE_2, ESCC.GRADE_3})
_CONTESTED: Final = frozenset({ESCC.GRADE_1C})

#: The default, 0, 1a, 1b and 1c low grade (1c SBRT-eligible), 2 and 3 high grade.
BILSKY_NOMS: Final = EsccGrouping(
    name="Bilsky low 0-1c, high 2-3",
    high_grades=_ALWAYS_HIGH,
    contested_grades=_CONTESTED,
    citations=(RADIOPAEDIA_ESCC, NEUROSURGERYWIKI_ESCC, BILSKY_2010),
    notes=(
        "0/1a/1b low and 2/3 high as on Radiopaedia; 1c, which Radiopaedia calls "
        "controversial, counted low grade (amenable to SBRT alone) as on a neurosurgery wiki. "
        "Not attributed to NOMS: the NOMS paper's handling of 1c was not read."
    ),
)

#: The alternative, 1c counted with the high grades (cord abutment treated like compression).
ESCC_1C_HIGH: Final = EsccGrouping(
    name="Bilsky low 0-1b, high 1c-3",
    high_grades=_ALWAYS_HIGH | _CONTESTED,
    contested_grades=_CONTESTED,
    citations=(RADIOPAEDIA_ESCC, BILSKY_2010),
    notes=(
        "0/1a/1b low and 2/3 high as on Radiopaedia; 1c, whose surgical or radiosurgical "
        "management Radiopaedia calls controversial, counted high grade. A 2022 Cancers (Basel) "
        "article by Hallinan et al. (14(17):4231) shows 1c among the high grades in its Figure 1 "
        "legend; its title was not confirmed, so it is not registered as a citation."
    ),
)

#: The grouping used when none is given.
DEFAULT_GROUPING: Final = BILSKY_NOMS


def escc_grade(escc: ESCC | None, *, grouping: EsccGrouping = DEFAULT_GROUPING) -> EsccGrade | None:
    """Return whether a Bilsky grade is low or high grade, ``None`` when unknown.

    Args:
        escc: The Bilsky grade, or ``None`` when unknown.
        grouping: Which grades count as high grade; :data:`BILSKY_NOMS` by default.

    Returns:
        ``LOW`` or ``HIGH``, or ``None`` when the grade is unknown.

    References:
        Bilsky MH, Laufer I, Fourney DR, et al. J Neurosurg Spine.
        2010;13(3):324-328. doi:10.3171/2010.3.SPINE09459 (the six grades).
        Radiopaedia.org. Epidural spinal cord compression scale (low 0-1b,
        high 2-3, 1c controversial).

    Note:
        The grade is read at the level of most severe compression. Grade 1c is
        contested; pass :data:`ESCC_1C_HIGH` to count it as high grade.

    Examples:
        >>> escc_grade(ESCC.GRADE_1B).value, escc_grade(ESCC.GRADE_2).value
        ('low', 'high')
        >>> escc_grade(ESCC.GRADE_1C).value, escc_grade(ESCC.GRADE_1C, grouping=ESCC_1C_HIGH).value
        ('low', 'high')
        >>> escc_grade(None) is None
        True
    """
    return None if escc is None else grouping.grade(escc)


@frozen(kw_only=True)
class EsccGrading:
    """The epidural compression grade of one lesion.

    Attributes:
        escc: The Bilsky grade, or ``None`` when unknown.
        grade: Low or high grade, or ``None`` when the Bilsky grade is unknown.
        possible_grades: Every grade some completion of the unknown gives.
        contested: Whether the sources disagree on this grade's assignment (1c).
        missing: ``("escc",)`` when the Bilsky grade is unknown, else empty.
        grouping: The grouping used.
        finding: The statement, with its source and the inputs it used.
    """

    escc: ESCC | None
    grade: EsccGrade | None
    possible_grades: frozenset[EsccGrade]
    contested: bool
    missing: tuple[str, ...]
    grouping: EsccGrouping
    finding: Finding

    @property
    def citation(self) -> Citation:
        """The source of the grouping."""
        return self.grouping.citations[0]

    def __str__(self) -> str:
        """One line: ``ESCC 1c: low grade (contested; Bilsky low 0-1c, high 2-3)``."""
        label = "unknown" if self.escc is None else self.escc.label
        grade = (
            " or ".join(g.value for g in EsccGrade if g in self.possible_grades)
            if self.grade is None
            else self.grade.value
        )
        contested = "contested; " if self.contested else ""
        return f"ESCC {label}: {grade} grade ({contested}{self.grouping.name})"


def escc_grading(lesion: SpinalLesion, *, grouping: EsccGrouping = DEFAULT_GROUPING) -> EsccGrading:
    """Grade the epidural compression of a lesion as low or high.

    Args:
        lesion: The lesion; its ``escc`` may be ``None`` (unknown).
        grouping: Which grades count as high grade; :data:`BILSKY_NOMS` by default.

    Returns:
        The grade, the grades still possible and a finding that states it.

    References:
        Bilsky MH, Laufer I, Fourney DR, et al. J Neurosurg Spine.
        2010;13(3):324-328. doi:10.3171/2010.3.SPINE09459.
        Radiopaedia.org. Epidural spinal cord compression scale (revised 3 May 2024).

    Note:
        The scale's reliability was tested by 7 spine surgeons on 25 cervical
        and thoracic tumors (Bilsky 2010); the low/high split is a treatment
        convention, not part of the validated scale.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> print(escc_grading(example_patient("renal_t7_cord_compression").lesions[0]))
        ESCC 2: high grade (Bilsky low 0-1c, high 2-3)
        >>> print(escc_grading(SpinalLesion(levels="T12", escc=ESCC.GRADE_1C)))
        ESCC 1c: low grade (contested; Bilsky low 0-1c, high 2-3)
    """
    escc = lesion.escc
    inputs = (
        FindingInput(name="escc", value="unknown" if escc is None else escc.value),
        FindingInput(name="levels", value=lesion.label),
    )
    if escc is None:
        statement = f"ESCC grade unknown at {lesion.label}: low or high grade ({grouping.name})."
        return EsccGrading(
            escc=None,
            grade=None,
            possible_grades=frozenset(EsccGrade),
            contested=False,
            missing=("escc",),
            grouping=grouping,
            finding=Finding(statement=statement, citation=grouping.citations[0], inputs=inputs),
        )
    grade = grouping.grade(escc)
    contested = escc in grouping.contested_grades
    statement = f"ESCC {escc.label} at {lesion.label}: {grade.value}-grade epidural compression"
    statement += (
        f" ({grouping.name}; the assignment of grade {escc.label} is contested)."
        if contested
        else f" ({grouping.name})."
    )
    return EsccGrading(
        escc=escc,
        grade=grade,
        possible_grades=frozenset({grade}),
        contested=contested,
        missing=(),
        grouping=grouping,
        finding=Finding(statement=statement, citation=grouping.citations[0], inputs=inputs),
    )
