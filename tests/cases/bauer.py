"""Bauer and modified Bauer cases, an independent oracle, and brute-force completion helpers.

Cases are (patient, total, category); ids name the source and whether the case is
published or worked. No paper's own worked example was reachable, so every case is
worked from the item tables (Bauer 1995 abstract; Leithner 2008 as reproduced).

The helpers at the end enumerate every completion of a patient's unknown inputs;
the NESMS and Katagiri tests use them too.
"""

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import Any

import attrs
import pytest
from hypothesis import strategies as st

from spinal_metastasis import (
    Collapse,
    Patient,
    PrimaryTumor,
    SpinalLesion,
    VertebralLevel,
    VisceralMetastases,
)
from spinal_metastasis.scores.bauer import BauerGroup, ModifiedBauerStrategy

# --- Oracle, written from the item lists (Bauer 1995 abstract; Leithner 2008 as reproduced) ---

FAVORABLE = {"breast", "kidney", "lymphoma", "myeloma"}
LUNG = {"lung_non_small_cell", "lung_small_cell"}
FRACTURED = {"at_least_50_percent", "less_than_50_percent"}

Completion = Mapping[str, object]


def _value(item: object) -> object:
    return getattr(item, "value", item)


def oracle_modified(c: Completion) -> int:
    primary = _value(c["primary"])
    bones = c["vertebral_metastases"] + c["extraspinal_bone_metastases"]  # type: ignore[operator]
    return int(
        (_value(c["visceral_metastases"]) == "none")
        + (primary not in LUNG)
        + (primary in FAVORABLE)
        + (bones == 1)
    )


def oracle_fracture(c: Completion) -> bool:
    if "pathological_fracture" in c:
        return bool(c["pathological_fracture"])
    return any(_value(v) in FRACTURED for k, v in c.items() if k.startswith("lesions["))


def oracle_original(c: Completion) -> int:
    primary = _value(c["primary"])
    bones = c["vertebral_metastases"] + c["extraspinal_bone_metastases"]  # type: ignore[operator]
    no_visceral_or_brain = _value(c["visceral_metastases"]) == "none" and not c["brain_metastases"]
    return int(
        (not oracle_fracture(c))
        + no_visceral_or_brain
        + (primary not in LUNG)
        + (bones == 1)
        + (primary in FAVORABLE)
    )


def oracle_strategy(total: int) -> ModifiedBauerStrategy:
    if total <= 1:
        return ModifiedBauerStrategy.SUPPORTIVE_CARE
    if total == 2:
        return ModifiedBauerStrategy.SHORT_TERM_PALLIATION
    return ModifiedBauerStrategy.MIDDLE_TERM_LOCAL_CONTROL


def oracle_group(total: int) -> BauerGroup:
    if total <= 1:
        return BauerGroup.POOR
    return BauerGroup.INTERMEDIATE if total <= 3 else BauerGroup.GOOD


def oracle_rank_disagree(c: Completion) -> bool:
    ranks = {"poor": 0, "intermediate": 1, "good": 2}
    strategy_ranks = {"supportive_care": 0, "short_term_palliation": 1}
    original = ranks[oracle_group(oracle_original(c)).value]
    modified = strategy_ranks.get(oracle_strategy(oracle_modified(c)).value, 2)
    return original != modified


# --- Domains of a patient's inputs: one value when known, every value (or class) when not ---

Domains = dict[str, tuple[object, ...]]


def _known(value: object, every: tuple[object, ...]) -> tuple[object, ...]:
    return every if value is None else (value,)


def count_domains(patient: Patient) -> Domains:
    """Bone metastasis counts: 0, 1 and 2 stand for every count (only 0, 1 and > 1 matter)."""
    floor = sum(len(lesion.levels) for lesion in patient.lesions)
    return {
        "vertebral_metastases": _known(patient.vertebral_metastases, (floor, floor + 1, floor + 2)),
        "extraspinal_bone_metastases": _known(patient.extraspinal_bone_metastases, (0, 1, 2)),
    }


def modified_domains(patient: Patient) -> Domains:
    return {
        "primary": _known(patient.primary, tuple(PrimaryTumor)),
        "visceral_metastases": _known(patient.visceral_metastases, tuple(VisceralMetastases)),
        **count_domains(patient),
    }


def original_domains(patient: Patient, override: bool | None = None) -> Domains:
    domains = {
        **modified_domains(patient),
        "brain_metastases": _known(patient.brain_metastases, (False, True)),
    }
    for index, lesion in enumerate(patient.lesions):
        domains[f"lesions[{index}].collapse"] = _known(lesion.collapse, tuple(Collapse))
    if override is not None:
        domains["pathological_fracture"] = (override,)
    elif not patient.lesions:
        domains["pathological_fracture"] = (False, True)
    return domains


# --- Brute force over completions -----------------------------------------------------------


def completions(domains: Domains) -> Iterator[dict[str, object]]:
    names = list(domains)
    for values in itertools.product(*(domains[name] for name in names)):
        yield dict(zip(names, values, strict=True))


def set_field(patient: Patient, name: str, value: object) -> Patient:
    """Record a value for a patient field, or for ``lesions[i].collapse``."""
    match = re.fullmatch(r"lesions\[(\d+)\]\.collapse", name)
    changes: dict[str, Any] = {name: value}
    if match is None:
        return attrs.evolve(patient, **changes)
    index = int(match.group(1))
    lesions = list(patient.lesions)
    lesions[index] = attrs.evolve(lesions[index], collapse=changes[name])
    return attrs.evolve(patient, lesions=tuple(lesions))


def reveal(
    patient: Patient,
    data: st.DataObject,
    domains_of: Callable[[Patient], Domains],
    *,
    limit: int = 2000,
) -> Patient:
    """Record drawn values for unknown fields until the completions number at most ``limit``."""
    domains = domains_of(patient)
    while math.prod(len(domain) for domain in domains.values()) > limit:
        unknown = sorted(
            name
            for name, domain in domains.items()
            if len(domain) > 1 and name != "pathological_fracture"
        )
        name = data.draw(st.sampled_from(unknown))
        patient = set_field(patient, name, data.draw(st.sampled_from(domains[name])))
        domains = domains_of(patient)
    return patient


@attrs.frozen
class BruteForce:
    """Every total, every category and the deciding inputs, by enumeration."""

    totals: frozenset[int]
    categories: frozenset[Hashable]
    deciding: frozenset[str]


def brute_force(
    domains: Domains,
    total: Callable[[Completion], int],
    categorize: Callable[[int], Hashable],
) -> BruteForce:
    """Enumerate completions; an input decides when changing it alone changes the category."""
    rows = [(c, total(c)) for c in completions(domains)]
    deciding = set()
    for name, domain in domains.items():
        if len(domain) < 2:
            continue
        groups: dict[tuple[object, ...], set[Hashable]] = defaultdict(set)
        for c, value in rows:
            groups[tuple(c[other] for other in domains if other != name)].add(categorize(value))
        if any(len(group) > 1 for group in groups.values()):
            deciding.add(name)
    return BruteForce(
        totals=frozenset(value for _, value in rows),
        categories=frozenset(categorize(value) for _, value in rows),
        deciding=frozenset(deciding),
    )


# --- Cases ------------------------------------------------------------------------------------


def bauer_patient(
    *,
    primary: PrimaryTumor = PrimaryTumor.COLON,
    visceral: VisceralMetastases = VisceralMetastases.NONE,
    brain: bool = False,
    vertebral: int = 1,
    extraspinal: int = 0,
    collapse: Collapse = Collapse.NONE,
    ambulatory: bool | None = None,
    albumin: float | None = None,
) -> Patient:
    """A patient with one T10 lesion and every Bauer input known."""
    return Patient(
        primary=primary,
        lesions=(SpinalLesion(levels=(VertebralLevel.T10,), collapse=collapse),),
        visceral_metastases=visceral,
        brain_metastases=brain,
        vertebral_metastases=vertebral,
        extraspinal_bone_metastases=extraspinal,
        ambulatory=ambulatory,
        albumin_g_per_dl=albumin,
    )


_LUNG = PrimaryTumor.LUNG_NON_SMALL_CELL

MODIFIED_BAUER_CASES = [
    pytest.param(
        bauer_patient(
            primary=_LUNG, visceral=VisceralMetastases.TREATABLE, vertebral=3, extraspinal=2
        ),
        0,
        ModifiedBauerStrategy.SUPPORTIVE_CARE,
        id="worked: minimum 0, lung, visceral, multiple (Leithner 2008 items)",
    ),
    pytest.param(
        bauer_patient(primary=_LUNG, vertebral=3, extraspinal=2),
        1,
        ModifiedBauerStrategy.SUPPORTIVE_CARE,
        id="boundary: 1 is supportive care (Leithner 2008 bands)",
    ),
    pytest.param(
        bauer_patient(vertebral=3, extraspinal=2),
        2,
        ModifiedBauerStrategy.SHORT_TERM_PALLIATION,
        id="boundary: 2 is short-term palliation (Leithner 2008 bands)",
    ),
    pytest.param(
        bauer_patient(),
        3,
        ModifiedBauerStrategy.MIDDLE_TERM_LOCAL_CONTROL,
        id="boundary: 3 is middle-term local control, colon solitary (Leithner 2008 bands)",
    ),
    pytest.param(
        bauer_patient(primary=PrimaryTumor.BREAST, visceral=VisceralMetastases.UNTREATABLE),
        3,
        ModifiedBauerStrategy.MIDDLE_TERM_LOCAL_CONTROL,
        id="worked: breast with visceral metastases, solitary (Leithner 2008 items)",
    ),
    pytest.param(
        bauer_patient(primary=PrimaryTumor.KIDNEY),
        4,
        ModifiedBauerStrategy.MIDDLE_TERM_LOCAL_CONTROL,
        id="worked: maximum 4, kidney solitary (Leithner 2008 items)",
    ),
    pytest.param(
        bauer_patient(primary=PrimaryTumor.MYELOMA, brain=True),
        4,
        ModifiedBauerStrategy.MIDDLE_TERM_LOCAL_CONTROL,
        id="worked: brain metastases are not scored (Leithner 2008 as reproduced)",
    ),
    pytest.param(
        bauer_patient(vertebral=2, primary=PrimaryTumor.LYMPHOMA),
        3,
        ModifiedBauerStrategy.MIDDLE_TERM_LOCAL_CONTROL,
        id="worked: two vertebral metastases are not solitary (Leithner 2008 items)",
    ),
]

BAUER_CASES = [
    pytest.param(
        bauer_patient(
            primary=_LUNG,
            visceral=VisceralMetastases.TREATABLE,
            collapse=Collapse.AT_LEAST_50_PERCENT,
            vertebral=3,
            extraspinal=2,
        ),
        0,
        BauerGroup.POOR,
        id="worked: minimum 0 (Bauer 1995 variables)",
    ),
    pytest.param(
        bauer_patient(
            primary=_LUNG, visceral=VisceralMetastases.TREATABLE, vertebral=3, extraspinal=2
        ),
        1,
        BauerGroup.POOR,
        id="boundary: 1 is poor (cut-points unverified)",
    ),
    pytest.param(
        bauer_patient(visceral=VisceralMetastases.TREATABLE, vertebral=3, extraspinal=2),
        2,
        BauerGroup.INTERMEDIATE,
        id="boundary: 2 is intermediate (cut-points unverified)",
    ),
    pytest.param(
        bauer_patient(vertebral=3, extraspinal=2),
        3,
        BauerGroup.INTERMEDIATE,
        id="boundary: 3 is intermediate (cut-points unverified)",
    ),
    pytest.param(
        bauer_patient(),
        4,
        BauerGroup.GOOD,
        id="boundary: 4 is good, colon solitary (cut-points unverified)",
    ),
    pytest.param(
        bauer_patient(primary=PrimaryTumor.KIDNEY),
        5,
        BauerGroup.GOOD,
        id="worked: maximum 5, kidney solitary (Bauer 1995 variables)",
    ),
    pytest.param(
        bauer_patient(primary=PrimaryTumor.BREAST, brain=True),
        4,
        BauerGroup.GOOD,
        id="worked: brain metastases score like visceral ones (Bauer 1995 abstract)",
    ),
    pytest.param(
        bauer_patient(primary=PrimaryTumor.BREAST, collapse=Collapse.LESS_THAN_50_PERCENT),
        4,
        BauerGroup.GOOD,
        id="worked: collapse under 50 % is a pathological fracture (library rule)",
    ),
]

# (patient, original band rank differs from the modified band rank)
DISAGREEMENT_CASES = [
    pytest.param(
        bauer_patient(primary=_LUNG, vertebral=3, extraspinal=2),
        True,
        id="worked: modified 1 (supportive care) vs original 2 (intermediate)",
    ),
    pytest.param(
        bauer_patient(
            primary=PrimaryTumor.BREAST,
            visceral=VisceralMetastases.TREATABLE,
            collapse=Collapse.LESS_THAN_50_PERCENT,
        ),
        True,
        id="worked: modified 3 (middle-term) vs original 3 with fracture (intermediate)",
    ),
    pytest.param(
        bauer_patient(primary=PrimaryTumor.KIDNEY),
        False,
        id="worked: modified 4 and original 5 agree (best rank)",
    ),
    pytest.param(
        bauer_patient(vertebral=3, extraspinal=2),
        False,
        id="worked: modified 2 and original 3 agree (middle rank)",
    ),
]
