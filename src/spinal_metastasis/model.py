"""The domain model: patients, spinal lesions, radiation courses and their findings.

Every class is frozen, slotted and keyword-only, and checks itself when built:
an impossible value raises :class:`~spinal_metastasis.errors.InvalidInputError`
naming the field, what is allowed and the value received. Every clinical field
may be ``None``, meaning *unknown*; unknown is not an error, and the scores turn
it into ranges. Enum values are the JSON wire format.
"""

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from attrs import Attribute, field, frozen

from spinal_metastasis._validators import (
    BoolRule,
    EnumRule,
    InstanceRule,
    IntegerRule,
    NumberRule,
    StringRule,
    TupleRule,
    as_float,
    fail,
)
from spinal_metastasis.anatomy import VertebralLevel, format_levels, is_contiguous, parse_levels
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.limits import MAX_COURSES, MAX_LESIONS, MAX_LEVELS, MAX_SYSTEMIC_AGENTS

__all__ = [
    "ESCC",
    "Alignment",
    "BoneLesion",
    "Collapse",
    "Fractionation",
    "Frankel",
    "Pain",
    "Patient",
    "Posterolateral",
    "RadiationCourse",
    "SpinalLesion",
    "SystemicAgent",
    "VisceralMetastases",
]


# --- Findings of a lesion (SINS components and the epidural grade) ---------------------------


class Pain(StrEnum):
    """Pain at the lesion (SINS component; Fisher 2010).

    ``MECHANICAL``: relief with recumbency and/or pain with movement or loading
    of the spine. ``OCCASIONAL_NON_MECHANICAL``: occasional pain that is not
    mechanical. ``PAIN_FREE``: a pain-free lesion.
    """

    MECHANICAL = "mechanical"
    OCCASIONAL_NON_MECHANICAL = "occasional_non_mechanical"
    PAIN_FREE = "pain_free"


class BoneLesion(StrEnum):
    """Radiographic quality of the bone lesion (SINS component)."""

    LYTIC = "lytic"
    MIXED = "mixed"
    BLASTIC = "blastic"


class Alignment(StrEnum):
    """Radiographic spinal alignment (SINS component).

    ``DE_NOVO_DEFORMITY`` is new, tumor-related kyphosis or scoliosis; pre-existing
    degenerative deformity is ``NORMAL`` for SINS.
    """

    SUBLUXATION_TRANSLATION = "subluxation_translation"
    DE_NOVO_DEFORMITY = "de_novo_deformity"
    NORMAL = "normal"


class Collapse(StrEnum):
    """Vertebral body collapse (SINS component)."""

    AT_LEAST_50_PERCENT = "at_least_50_percent"
    LESS_THAN_50_PERCENT = "less_than_50_percent"
    NONE_WITH_OVER_50_PERCENT_BODY_INVOLVED = "none_with_over_50_percent_body_involved"
    NONE = "none"


class Posterolateral(StrEnum):
    """Posterolateral involvement of the spinal elements (SINS component).

    Facet, pedicle or costovertebral joint fracture or replacement with tumor.
    """

    BILATERAL = "bilateral"
    UNILATERAL = "unilateral"
    NONE = "none"


class ESCC(StrEnum):
    """Epidural spinal cord compression grade (Bilsky 2010), on axial T2 MRI.

    The JSON values are the grade labels. Grades are labels, not numbers: use
    :attr:`order` to compare severity.

    ``GRADE_0`` bone-only disease; ``GRADE_1A`` epidural impingement without
    deformation of the thecal sac; ``GRADE_1B`` deformation of the thecal sac
    without cord abutment; ``GRADE_1C`` deformation with cord abutment but no
    compression; ``GRADE_2`` cord compression with CSF visible around the cord;
    ``GRADE_3`` cord compression without CSF visible.
    """

    GRADE_0 = "0"
    GRADE_1A = "1a"
    GRADE_1B = "1b"
    GRADE_1C = "1c"
    GRADE_2 = "2"
    GRADE_3 = "3"

    @property
    def order(self) -> int:
        """Severity rank, 0 (grade 0) to 5 (grade 3)."""
        return _ESCC_ORDER.index(self)

    @property
    def label(self) -> str:
        """The grade as printed (``"1c"``)."""
        return self.value


_ESCC_ORDER = tuple(ESCC)


# --- Findings of a patient ------------------------------------------------------------------


class Frankel(StrEnum):
    """Frankel grade of neurological function.

    ``A`` complete; ``B`` sensory only; ``C`` motor useless; ``D`` motor useful;
    ``E`` normal motor and sensory function.
    """

    A = "a"
    B = "b"
    C = "c"
    D = "d"
    E = "e"


class VisceralMetastases(StrEnum):
    """Metastases to major internal organs.

    ``TREATABLE`` is Tokuhashi's "removable" and Tomita's "treatable";
    ``UNTREATABLE`` is "unremovable"/"untreatable".
    """

    NONE = "none"
    TREATABLE = "treatable"
    UNTREATABLE = "untreatable"


class SystemicAgent(StrEnum):
    """Class of a current systemic agent, by how it interacts with local treatment."""

    CYTOTOXIC = "cytotoxic"
    ANTI_VEGF_ANTIBODY = "anti_vegf_antibody"
    VEGF_TKI = "vegf_tki"
    EGFR_TKI = "egfr_tki"
    BRAF_INHIBITOR = "braf_inhibitor"
    MEK_INHIBITOR = "mek_inhibitor"
    CDK46_INHIBITOR = "cdk46_inhibitor"
    IMMUNE_CHECKPOINT_INHIBITOR = "immune_checkpoint_inhibitor"
    CTLA4_INHIBITOR = "ctla4_inhibitor"
    HORMONAL = "hormonal"
    BONE_MODIFYING = "bone_modifying"
    OTHER = "other"


# --- Converters (small and typed, so that mypy keeps element types) ---------------------------


def _tuple_of(value: Iterable[Any]) -> tuple[Any, ...]:
    """Copy an iterable into a tuple; leave a string or a non-iterable for the validator."""
    if isinstance(value, str):
        return value  # type: ignore[return-value]
    try:
        return tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]


def _levels(value: Iterable[VertebralLevel] | str) -> tuple[VertebralLevel, ...]:
    """Accept a tuple, any iterable of levels, or a label such as ``"T11-T12"``."""
    if isinstance(value, str):
        return parse_levels(value)
    return _tuple_of(value)


def _lesions(value: Iterable["SpinalLesion"]) -> tuple["SpinalLesion", ...]:
    return _tuple_of(value)


def _agents(value: Iterable[SystemicAgent] | None) -> tuple[SystemicAgent, ...] | None:
    return None if value is None else _tuple_of(value)


def _courses(value: Iterable["RadiationCourse"] | None) -> tuple["RadiationCourse", ...] | None:
    return None if value is None else _tuple_of(value)


# --- Cross-field validators -------------------------------------------------------------------


def _contiguous_levels(instance: Any, attribute: "Attribute[Any]", value: object) -> None:
    levels = tuple(value) if isinstance(value, tuple) else ()
    if not is_contiguous(levels):
        labels = ", ".join(level.label for level in levels)
        fail(attribute, "contiguous levels in cranio-caudal order, without repeats", labels)


# --- Radiotherapy -----------------------------------------------------------------------------


# Frozen and used in memoization keys: the hash is computed once (cache_hash).
@frozen(kw_only=True, cache_hash=True)
class Fractionation:
    """A radiotherapy schedule: a total dose given in equal fractions.

    Also used for a point dose (the cord point maximum of a course): the dose
    that point received, in the course's number of fractions.

    Attributes:
        total_dose_gy: Total dose in Gy, > 0 and <= 100.
        fractions: Number of fractions, 1 to 50.

    Examples:
        >>> Fractionation(total_dose_gy=20, fractions=5).dose_per_fraction_gy
        4.0
    """

    total_dose_gy: float = field(
        converter=as_float,
        validator=NumberRule(minimum=0, exclusive_minimum=True, maximum=100, optional=False),
    )
    fractions: int = field(validator=IntegerRule(minimum=1, maximum=50, optional=False))

    @property
    def dose_per_fraction_gy(self) -> float:
        """Dose per fraction in Gy."""
        return self.total_dose_gy / self.fractions

    def __str__(self) -> str:
        """Show ``20 Gy / 5 fractions``."""
        noun = "fraction" if self.fractions == 1 else "fractions"
        return f"{self.total_dose_gy:g} Gy / {self.fractions} {noun}"


def _same_fractions(instance: Any, attribute: "Attribute[Any]", value: object) -> None:
    if isinstance(value, Fractionation) and value.fractions != instance.fractionation.fractions:
        expectation = (
            "a point dose in the same number of fractions as 'fractionation' "
            f"({instance.fractionation.fractions})"
        )
        fail(attribute, expectation, value.fractions)


# Frozen and used in memoization keys: the hash is computed once (cache_hash).
@frozen(kw_only=True, cache_hash=True)
class RadiationCourse:
    """A completed course of radiotherapy to the spine.

    Attributes:
        levels: The treated levels (contiguous, cranio-caudal).
        fractionation: The prescription.
        cord_max_dose: The spinal cord (or thecal sac) point-maximum dose of the
            course, in the same number of fractions, when known. When unknown,
            re-irradiation checks assume the prescription and say so.
        days_since_completion: Days from the last fraction to today, or ``None``.
    """

    levels: tuple[VertebralLevel, ...] = field(
        converter=_levels,
        validator=[
            TupleRule(
                element=EnumRule(enum_type=VertebralLevel, optional=False),
                min_length=1,
                max_length=MAX_LEVELS.value,
            ),
            _contiguous_levels,
        ],
    )
    fractionation: Fractionation = field(validator=InstanceRule(cls=Fractionation, optional=False))
    cord_max_dose: Fractionation | None = field(
        default=None, validator=[InstanceRule(cls=Fractionation), _same_fractions]
    )
    days_since_completion: int | None = field(
        default=None, validator=IntegerRule(minimum=0, maximum=36_500)
    )

    def __str__(self) -> str:
        """Show ``T9–T11: 20 Gy / 5 fractions, 120 days ago``."""
        when = (
            "interval unknown"
            if self.days_since_completion is None
            else f"{self.days_since_completion} days ago"
        )
        return f"{format_levels(self.levels)}: {self.fractionation}, {when}"


# --- Lesion and patient -----------------------------------------------------------------------


# Frozen and used in memoization keys: the hash is computed once (cache_hash).
@frozen(kw_only=True, cache_hash=True)
class SpinalLesion:
    """A spinal metastasis spanning one or more contiguous levels.

    Every finding may be ``None`` (unknown).

    Attributes:
        levels: The involved levels, contiguous and cranio-caudal, at least one.
            A label such as ``"T11-T12"`` is accepted too.
        pain: Pain at the lesion (SINS).
        bone_lesion: Lytic, mixed or blastic (SINS).
        alignment: Radiographic alignment (SINS).
        collapse: Vertebral body collapse (SINS).
        posterolateral: Posterolateral involvement (SINS).
        escc: Epidural spinal cord compression grade (Bilsky).
        posterior_wall_intact: Whether the posterior cortex of the vertebral body
            is intact (safety of ablation and cement augmentation).
        worst_pain_nrs: Worst pain at the lesion on the 0–10 numeric rating scale.
        distance_to_cord_mm: Shortest distance in mm from the tumor to the spinal
            cord or cauda equina (0 when they touch).
        paraspinal_extension: Whether the tumor extends into the paraspinal soft tissue.
    """

    levels: tuple[VertebralLevel, ...] = field(
        converter=_levels,
        validator=[
            TupleRule(
                element=EnumRule(enum_type=VertebralLevel, optional=False),
                min_length=1,
                max_length=MAX_LEVELS.value,
            ),
            _contiguous_levels,
        ],
    )
    pain: Pain | None = field(default=None, validator=EnumRule(enum_type=Pain))
    bone_lesion: BoneLesion | None = field(default=None, validator=EnumRule(enum_type=BoneLesion))
    alignment: Alignment | None = field(default=None, validator=EnumRule(enum_type=Alignment))
    collapse: Collapse | None = field(default=None, validator=EnumRule(enum_type=Collapse))
    posterolateral: Posterolateral | None = field(
        default=None, validator=EnumRule(enum_type=Posterolateral)
    )
    escc: ESCC | None = field(default=None, validator=EnumRule(enum_type=ESCC))
    posterior_wall_intact: bool | None = field(default=None, validator=BoolRule())
    worst_pain_nrs: int | None = field(default=None, validator=IntegerRule(minimum=0, maximum=10))
    distance_to_cord_mm: float | None = field(
        default=None, converter=as_float, validator=NumberRule(minimum=0, maximum=500)
    )
    paraspinal_extension: bool | None = field(default=None, validator=BoolRule())

    @property
    def label(self) -> str:
        """The levels as ``"T12"`` or ``"T11–T12"``."""
        return format_levels(self.levels)

    def __str__(self) -> str:
        """Show the levels and the known findings."""
        known = [
            f"{name.replace('_', ' ')} {getattr(self, name)}"
            for name in ("pain", "bone_lesion", "alignment", "collapse", "posterolateral")
            if getattr(self, name) is not None
        ]
        if self.escc is not None:
            known.append(f"ESCC {self.escc.label}")
        return f"{self.label}: " + (", ".join(known) if known else "findings unknown")


def _no_shared_levels(instance: Any, attribute: "Attribute[Any]", value: object) -> None:
    seen: set[VertebralLevel] = set()
    for lesion in value if isinstance(value, tuple) else ():
        shared = seen.intersection(lesion.levels)
        if shared:
            labels = ", ".join(sorted(level.label for level in shared))
            fail(attribute, "lesions that do not share a level", labels)
        seen.update(lesion.levels)


def _at_least_lesion_levels(instance: Any, attribute: "Attribute[Any]", value: object) -> None:
    involved = sum(len(lesion.levels) for lesion in instance.lesions)
    if isinstance(value, int) and value < involved:
        expectation = f">= the {involved} levels involved by 'lesions'"
        fail(attribute, expectation, value)


def _count(maximum: int) -> IntegerRule:
    return IntegerRule(minimum=0, maximum=maximum)


_PERFORMANCE_KPS = IntegerRule(minimum=0, maximum=100, multiple_of=10)


@frozen(kw_only=True)
class Patient:
    """A patient with one or more spinal metastases.

    Every clinical field may be ``None`` (unknown). ``patient_id`` is an opaque
    identifier for the caller's records; it is never shown in ``repr``, ``str``,
    logs or error messages.

    Attributes:
        patient_id: The caller's identifier, hidden from every display.
        primary: The primary cancer.
        lesions: The spinal lesions; no two share a level.
        age_years: Age in years.
        kps: Karnofsky performance status, 0–100 in steps of 10.
        ecog: ECOG performance status, 0–5.
        frankel: Frankel grade of neurological function.
        ambulatory: Whether the patient walks independently.
        paraplegia_duration_hours: How long complete paraplegia (Frankel A or B) has
            lasted, in hours; ``None`` when unknown or not paraplegic.
        extraspinal_bone_metastases: Number of extraspinal bone metastasis foci.
        vertebral_metastases: Number of vertebral bodies with metastases (at least
            the number of levels of ``lesions``).
        visceral_metastases: Metastases to major internal organs.
        brain_metastases: Nodular brain (cerebral) metastases present.
        disseminated_metastases: Pleural, peritoneal or leptomeningeal dissemination.
        hormone_dependent: Breast or prostate cancer that is hormone dependent.
        molecular_targeted_therapy: Lung cancer treated with molecularly targeted drugs.
        previous_chemotherapy: Cytotoxic chemotherapy given before.
        albumin_g_per_dl: Serum albumin in g/dL.
        crp_mg_per_dl: C-reactive protein in mg/dL.
        ldh_u_per_l: Lactate dehydrogenase in U/L.
        platelets_10e9_per_l: Platelet count in 10^9/L (= 10^3/µL).
        calcium_mg_per_dl: Serum calcium in mg/dL.
        bilirubin_mg_per_dl: Total bilirubin in mg/dL.
        inr: International normalized ratio.
        systemic_therapy: Classes of the current systemic agents (``()`` for none).
        prior_radiation: Earlier radiotherapy courses to the spine (``()`` for none).
        expected_survival_years: The treating team's estimate of survival, in years
            (3 months = 0.25).
        medically_operable: Whether the patient is fit for open surgery under
            general anesthesia, as judged by the treating team.
        implanted_cardiac_device: A pacemaker or defibrillator is implanted.
        active_infection: Active infection at the site or uncontrolled systemic infection.
    """

    patient_id: str | None = field(
        default=None, repr=False, validator=StringRule(secret=True, max_length=128)
    )
    primary: PrimaryTumor | None = field(default=None, validator=EnumRule(enum_type=PrimaryTumor))
    lesions: tuple[SpinalLesion, ...] = field(
        default=(),
        converter=_lesions,
        validator=[
            TupleRule(element=SpinalLesion, max_length=MAX_LESIONS.value, optional=False),
            _no_shared_levels,
        ],
    )
    age_years: float | None = field(
        default=None, converter=as_float, validator=NumberRule(minimum=0, maximum=130)
    )
    kps: int | None = field(default=None, validator=_PERFORMANCE_KPS)
    ecog: int | None = field(default=None, validator=IntegerRule(minimum=0, maximum=5))
    frankel: Frankel | None = field(default=None, validator=EnumRule(enum_type=Frankel))
    ambulatory: bool | None = field(default=None, validator=BoolRule())
    paraplegia_duration_hours: float | None = field(
        default=None, converter=as_float, validator=NumberRule(minimum=0, maximum=1_000_000)
    )
    extraspinal_bone_metastases: int | None = field(default=None, validator=_count(1000))
    vertebral_metastases: int | None = field(
        default=None, validator=[_count(len(VertebralLevel)), _at_least_lesion_levels]
    )
    visceral_metastases: VisceralMetastases | None = field(
        default=None, validator=EnumRule(enum_type=VisceralMetastases)
    )
    brain_metastases: bool | None = field(default=None, validator=BoolRule())
    disseminated_metastases: bool | None = field(default=None, validator=BoolRule())
    hormone_dependent: bool | None = field(default=None, validator=BoolRule())
    molecular_targeted_therapy: bool | None = field(default=None, validator=BoolRule())
    previous_chemotherapy: bool | None = field(default=None, validator=BoolRule())
    albumin_g_per_dl: float | None = field(
        default=None,
        converter=as_float,
        validator=NumberRule(minimum=0, exclusive_minimum=True, maximum=15),
    )
    crp_mg_per_dl: float | None = field(
        default=None, converter=as_float, validator=NumberRule(minimum=0, maximum=100)
    )
    ldh_u_per_l: float | None = field(
        default=None, converter=as_float, validator=NumberRule(minimum=0, maximum=100_000)
    )
    platelets_10e9_per_l: float | None = field(
        default=None, converter=as_float, validator=NumberRule(minimum=0, maximum=10_000)
    )
    calcium_mg_per_dl: float | None = field(
        default=None,
        converter=as_float,
        validator=NumberRule(minimum=0, exclusive_minimum=True, maximum=30),
    )
    bilirubin_mg_per_dl: float | None = field(
        default=None, converter=as_float, validator=NumberRule(minimum=0, maximum=100)
    )
    inr: float | None = field(
        default=None,
        converter=as_float,
        validator=NumberRule(minimum=0, exclusive_minimum=True, maximum=20),
    )
    systemic_therapy: tuple[SystemicAgent, ...] | None = field(
        default=None,
        converter=_agents,
        validator=TupleRule(
            element=EnumRule(enum_type=SystemicAgent, optional=False),
            max_length=MAX_SYSTEMIC_AGENTS.value,
            unique=True,
        ),
    )
    prior_radiation: tuple[RadiationCourse, ...] | None = field(
        default=None,
        converter=_courses,
        validator=TupleRule(element=RadiationCourse, max_length=MAX_COURSES.value),
    )
    expected_survival_years: float | None = field(
        default=None, converter=as_float, validator=NumberRule(minimum=0, maximum=50)
    )
    medically_operable: bool | None = field(default=None, validator=BoolRule())
    implanted_cardiac_device: bool | None = field(default=None, validator=BoolRule())
    active_infection: bool | None = field(default=None, validator=BoolRule())

    def __str__(self) -> str:
        """Summarize the patient in one line, without the identifier."""
        primary = self.primary.label if self.primary is not None else "unknown"
        performance = ", ".join(
            text
            for text in (
                f"KPS {self.kps}" if self.kps is not None else "",
                f"ECOG {self.ecog}" if self.ecog is not None else "",
            )
            if text
        )
        lesions = "; ".join(lesion.label for lesion in self.lesions) or "none recorded"
        noun = "lesion" if len(self.lesions) == 1 else "lesions"
        return (
            f"Patient with {primary} primary"
            + (f", {performance}" if performance else ", performance status unknown")
            + f"; spinal {noun}: {lesions}"
        )
