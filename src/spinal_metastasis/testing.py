"""Hypothesis strategies for every model class, for this library's tests and yours.

Requires the ``hypothesis`` package (``pip install "spinal-metastasis[test]"``);
the core never imports this module. Bounds are copied from the validators, so
every generated object is valid. Clinical fields are ``None`` (unknown) with
some probability unless ``unknowns=False``.

Examples:
    >>> from hypothesis import given
    >>> @given(patients())
    ... def test_round_trip(patient): ...
"""

import enum
import json
from typing import TypeVar

from hypothesis import strategies as st

from spinal_metastasis._mutations import MUTATIONS, mutate
from spinal_metastasis.anatomy import VertebralLevel
from spinal_metastasis.evidence import finding
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.model import (
    ESCC,
    Alignment,
    BoneLesion,
    Collapse,
    Fractionation,
    Frankel,
    Pain,
    Patient,
    Posterolateral,
    RadiationCourse,
    SpinalLesion,
    SystemicAgent,
    VisceralMetastases,
)
from spinal_metastasis.ranges import DayRange, ProbabilityRange, ScoreRange
from spinal_metastasis.sources.general import FRANKEL_1969
from spinal_metastasis.treatments.option import (
    AgentHold,
    Burden,
    CollapseRisk,
    Eligibility,
    LocalControl,
    Modality,
    OptionAssessment,
    PainRelief,
    Toxicity,
)

__all__ = [
    "fractionations",
    "hostile_documents",
    "level_spans",
    "option_assessments",
    "option_sets",
    "patients",
    "radiation_courses",
    "spinal_lesions",
    "vertebral_levels",
]

E = TypeVar("E", bound=enum.Enum)
V = TypeVar("V")

_LEVELS = tuple(VertebralLevel)
_DETERMINED = (Eligibility.ELIGIBLE, Eligibility.CAUTION, Eligibility.CONTRAINDICATED)


def _maybe(strategy: st.SearchStrategy[V], *, unknowns: bool) -> st.SearchStrategy[V | None]:
    return st.none() | strategy if unknowns else strategy


def _members(enum_type: type[E], *, unknowns: bool) -> st.SearchStrategy[E | None]:
    return _maybe(st.sampled_from(enum_type), unknowns=unknowns)


def _numbers(
    min_value: float, max_value: float, *, unknowns: bool
) -> st.SearchStrategy[float | None]:
    finite = st.floats(min_value=min_value, max_value=max_value, allow_nan=False)
    return _maybe(finite, unknowns=unknowns)


def vertebral_levels() -> st.SearchStrategy[VertebralLevel]:
    """Generate one vertebral level, C1 to S5."""
    return st.sampled_from(VertebralLevel)


@st.composite
def level_spans(
    draw: st.DrawFn, *, min_size: int = 1, max_size: int = 4
) -> tuple[VertebralLevel, ...]:
    """Generate contiguous, cranio-caudal runs of levels (``(T11, T12)``)."""
    size = draw(st.integers(min_value=min_size, max_value=max_size))
    start = draw(st.integers(min_value=0, max_value=len(_LEVELS) - size))
    return _LEVELS[start : start + size]


def fractionations(
    *, min_fractions: int = 1, max_fractions: int = 50, max_total_dose_gy: float = 100.0
) -> st.SearchStrategy[Fractionation]:
    """Generate valid schedules (total dose in (0, max] Gy, fractions in range)."""
    return st.builds(
        Fractionation,
        total_dose_gy=st.floats(
            min_value=0.1, max_value=max_total_dose_gy, allow_nan=False, allow_infinity=False
        ),
        fractions=st.integers(min_value=min_fractions, max_value=max_fractions),
    )


@st.composite
def radiation_courses(draw: st.DrawFn, *, unknowns: bool = True) -> RadiationCourse:
    """Generate completed radiotherapy courses, with the cord dose known or not."""
    fractionation = draw(fractionations(max_fractions=30))
    cord_total = draw(
        _maybe(
            st.floats(min_value=0.1, max_value=fractionation.total_dose_gy * 1.1, allow_nan=False),
            unknowns=True,
        )
    )
    cord = (
        None
        if cord_total is None
        else Fractionation(total_dose_gy=min(cord_total, 100.0), fractions=fractionation.fractions)
    )
    return RadiationCourse(
        levels=draw(level_spans(max_size=5)),
        fractionation=fractionation,
        cord_max_dose=cord,
        days_since_completion=draw(
            _maybe(st.integers(min_value=0, max_value=36_500), unknowns=unknowns)
        ),
    )


@st.composite
def spinal_lesions(
    draw: st.DrawFn,
    *,
    levels: tuple[VertebralLevel, ...] | None = None,
    unknowns: bool = True,
) -> SpinalLesion:
    """Generate lesions with any mix of known and unknown findings."""
    return SpinalLesion(
        levels=levels if levels is not None else draw(level_spans()),
        pain=draw(_members(Pain, unknowns=unknowns)),
        bone_lesion=draw(_members(BoneLesion, unknowns=unknowns)),
        alignment=draw(_members(Alignment, unknowns=unknowns)),
        collapse=draw(_members(Collapse, unknowns=unknowns)),
        posterolateral=draw(_members(Posterolateral, unknowns=unknowns)),
        escc=draw(_members(ESCC, unknowns=unknowns)),
        posterior_wall_intact=draw(_maybe(st.booleans(), unknowns=unknowns)),
        worst_pain_nrs=draw(_maybe(st.integers(min_value=0, max_value=10), unknowns=unknowns)),
        distance_to_cord_mm=draw(_numbers(0, 100, unknowns=unknowns)),
        paraspinal_extension=draw(_maybe(st.booleans(), unknowns=unknowns)),
    )


@st.composite
def _disjoint_spans(draw: st.DrawFn, *, max_lesions: int) -> list[tuple[VertebralLevel, ...]]:
    count = draw(st.integers(min_value=0, max_value=max_lesions))
    starts = sorted(draw(st.sets(st.integers(0, len(_LEVELS) - 1), min_size=count, max_size=count)))
    spans = []
    followers = [*starts[1:], len(_LEVELS)] if starts else []
    for start, following in zip(starts, followers, strict=True):
        size = draw(st.integers(min_value=1, max_value=min(3, following - start)))
        spans.append(_LEVELS[start : start + size])
    return spans


@st.composite
def patients(draw: st.DrawFn, *, max_lesions: int = 3, unknowns: bool = True) -> Patient:
    """Generate patients with up to ``max_lesions`` non-overlapping lesions."""
    spans = draw(_disjoint_spans(max_lesions=max_lesions))
    lesions = tuple(draw(spinal_lesions(levels=span, unknowns=unknowns)) for span in spans)
    involved = sum(len(span) for span in spans)
    agents = st.lists(st.sampled_from(SystemicAgent), unique=True, max_size=3).map(tuple)
    courses = st.lists(radiation_courses(unknowns=unknowns), max_size=2).map(tuple)
    return Patient(
        patient_id=draw(st.none() | st.text(min_size=1, max_size=20).filter(str.strip)),
        primary=draw(_members(PrimaryTumor, unknowns=unknowns)),
        lesions=lesions,
        age_years=draw(_numbers(18, 100, unknowns=unknowns)),
        kps=draw(
            _maybe(st.integers(min_value=0, max_value=10).map(lambda k: 10 * k), unknowns=unknowns)
        ),
        ecog=draw(_maybe(st.integers(min_value=0, max_value=5), unknowns=unknowns)),
        frankel=draw(_members(Frankel, unknowns=unknowns)),
        ambulatory=draw(_maybe(st.booleans(), unknowns=unknowns)),
        paraplegia_duration_hours=draw(_numbers(0, 500, unknowns=unknowns)),
        extraspinal_bone_metastases=draw(
            _maybe(st.integers(min_value=0, max_value=20), unknowns=unknowns)
        ),
        vertebral_metastases=draw(
            _maybe(st.integers(min_value=involved, max_value=len(_LEVELS)), unknowns=unknowns)
        ),
        visceral_metastases=draw(_members(VisceralMetastases, unknowns=unknowns)),
        brain_metastases=draw(_maybe(st.booleans(), unknowns=unknowns)),
        disseminated_metastases=draw(_maybe(st.booleans(), unknowns=unknowns)),
        hormone_dependent=draw(_maybe(st.booleans(), unknowns=unknowns)),
        molecular_targeted_therapy=draw(_maybe(st.booleans(), unknowns=unknowns)),
        previous_chemotherapy=draw(_maybe(st.booleans(), unknowns=unknowns)),
        albumin_g_per_dl=draw(_numbers(1.0, 6.0, unknowns=unknowns)),
        crp_mg_per_dl=draw(_numbers(0.0, 30.0, unknowns=unknowns)),
        ldh_u_per_l=draw(_numbers(50.0, 2000.0, unknowns=unknowns)),
        platelets_10e9_per_l=draw(_numbers(5.0, 800.0, unknowns=unknowns)),
        calcium_mg_per_dl=draw(_numbers(6.0, 16.0, unknowns=unknowns)),
        bilirubin_mg_per_dl=draw(_numbers(0.1, 10.0, unknowns=unknowns)),
        inr=draw(_numbers(0.8, 5.0, unknowns=unknowns)),
        systemic_therapy=draw(_maybe(agents, unknowns=unknowns)),
        prior_radiation=draw(_maybe(courses, unknowns=unknowns)),
        expected_survival_years=draw(_numbers(0, 10, unknowns=unknowns)),
        medically_operable=draw(_maybe(st.booleans(), unknowns=unknowns)),
        implanted_cardiac_device=draw(_maybe(st.booleans(), unknowns=unknowns)),
        active_infection=draw(_maybe(st.booleans(), unknowns=unknowns)),
    )


def _day_ranges() -> st.SearchStrategy[DayRange]:
    bounds = st.lists(st.integers(min_value=0, max_value=60), min_size=2, max_size=2)
    return bounds.map(sorted).map(lambda pair: DayRange(low=pair[0], high=pair[1]))


def _probability_ranges() -> st.SearchStrategy[ProbabilityRange]:
    bounds = st.lists(st.integers(min_value=0, max_value=20), min_size=2, max_size=2)
    return bounds.map(sorted).map(
        lambda pair: ProbabilityRange(low=pair[0] / 20, high=pair[1] / 20)
    )


_HOLD_FINDING = finding("Generated hold (test data).", FRANKEL_1969)


@st.composite
def option_assessments(draw: st.DrawFn, modality: Modality) -> OptionAssessment:
    """Generate an option's assessment with arbitrary trade-offs, for testing rankings.

    Every figure may be missing (``None``, the 0-100 % collapse placeholder, a 0-day hold
    without a hold recommendation); the verdict is arbitrary. Findings and rules are empty:
    the trade-offs are test data, not clinical figures.
    """
    eligibility = draw(st.sampled_from(Eligibility))
    if eligibility is Eligibility.UNDETERMINED:
        possible = frozenset(draw(st.sets(st.sampled_from(_DETERMINED), min_size=2)))
    else:
        possible = frozenset({eligibility})
    hold = draw(_day_ranges())
    sourced = draw(st.booleans())
    holds = (
        (
            AgentHold(
                agent=SystemicAgent.CYTOTOXIC,
                days_before=hold,
                days_after=DayRange.exact(0),
                finding=_HOLD_FINDING,
            ),
        )
        if sourced or hold.high > 0
        else ()
    )
    collapse = draw(st.just(ProbabilityRange(low=0, high=1)) | _probability_ranges())
    return OptionAssessment(
        modality=modality,
        eligibility=eligibility,
        possible_eligibility=possible,
        findings=(),
        rules=(),
        missing=(),
        pain_relief=PainRelief(onset_days=draw(st.none() | _day_ranges())),
        toxicity=Toxicity(systemic_therapy_hold_days=hold, holds=holds),
        collapse_risk=CollapseRisk(probability=collapse),
        local_control=LocalControl(probability=draw(st.none() | _probability_ranges())),
        burden=Burden(sessions=ScoreRange.exact(1)),
    )


@st.composite
def option_sets(draw: st.DrawFn, *, min_size: int = 2) -> tuple[OptionAssessment, ...]:
    """Generate the options of one lesion (distinct modalities), for testing rankings."""
    modalities = draw(st.lists(st.sampled_from(Modality), unique=True, min_size=min_size))
    return tuple(draw(option_assessments(modality)) for modality in modalities)


@st.composite
def hostile_documents(draw: st.DrawFn, *, kinds: tuple[str, ...] | None = None) -> bytes:
    """Generate patient documents as bytes, mutated the ways broken and hostile clients do.

    A valid document (a generated patient, in JSON) is mutated by one class of
    mutation: wrong types, missing and extra keys, huge and non-finite numbers, deep
    nesting, long strings and lists, unicode and lone surrogates, repeated keys,
    truncated text, noise, or a plausible change (which may leave it valid). Sizes
    stay small enough for a test suite (at most 20,000 digits, levels, characters or
    items), yet past every limit of :mod:`spinal_metastasis.limits`.
    ``benchmarks/fuzz.py`` runs the same mutations at full size.

    Args:
        draw: Hypothesis's draw function (supplied by ``st.composite``).
        kinds: The classes of mutation to draw from (the names of
            ``spinal_metastasis._mutations.MUTATIONS``); all by default.
    """
    from spinal_metastasis.io import unstructure  # noqa: PLC0415 - io loads cattrs

    kind = draw(st.sampled_from(kinds or tuple(MUTATIONS)))
    document = json.loads(json.dumps(unstructure(draw(patients()))))
    rng = draw(st.randoms(use_true_random=False))
    return mutate(rng, document, kind=kind, small=True)[1]
