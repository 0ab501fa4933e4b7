"""Minimally invasive options: thermal ablation, spinal LITT, MR-guided focused ultrasound, cement.

Six options, each assessed by :func:`assess_radiofrequency_ablation`,
:func:`assess_cryoablation`, :func:`assess_microwave_ablation`,
:func:`assess_laser_interstitial_thermal_therapy`, :func:`assess_focused_ultrasound` and
:func:`assess_vertebral_augmentation`.

The three percutaneous ablations of the vertebral body (radiofrequency, cryo-, microwave)
share one set of rules: not as sole therapy with high-grade epidural compression or a
neurological deficit, nor with gross instability; caution with a breached posterior wall,
a tumor within 10 mm of the cord, correctable coagulation values, a lesion outside the
trial populations (pain below 4/10, blastic); contraindicated with active infection.
Radiofrequency adds a caution for an implanted cardiac device.

Spinal laser interstitial thermal therapy (LITT) is the exception: it is designed for
epidural compression (ESCC 1c or higher, followed by spinal radiosurgery), so
compression is its indication, not a contraindication; a motor deficit, a radiosensitive
tumor and levels with motor roots are what call for caution.

MR-guided focused ultrasound is non-invasive; vertebral lesions are treated as not
eligible because no vertebral lesion is reported among the trial's treated sites and the
trial's eligibility text was not read. Vertebral augmentation (vertebroplasty,
kyphoplasty) is indicated by mechanical pain or a painful fracture without gross
instability (NOMS); it stabilizes but does not treat the tumor.

Every figure comes from the project's research note or clinical reference, with its
citation; a figure no source gives is ``None``.
"""

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from spinal_metastasis._cache import (
    RECORD_CACHE_SIZE,
    VALUE_CACHE_SIZE,
    bounded,
    has_negative_zero,
    memoized,
)
from spinal_metastasis.anatomy import Region, VertebralLevel, format_levels
from spinal_metastasis.evidence import Citation, Finding, finding, input_value
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.model import (
    ESCC,
    Alignment,
    BoneLesion,
    Collapse,
    Frankel,
    Pain,
    SystemicAgent,
)
from spinal_metastasis.ranges import (
    DayRange,
    ProbabilityRange,
    ScoreRange,
    months_to_days,
    weeks_to_days,
)
from spinal_metastasis.scores.sins import SinsCategory
from spinal_metastasis.sources.percutaneous import (
    BAAL_2021,
    BASTOS_2021,
    BERENSON_2011,
    CALLSTROM_2013,
    CARDIA_2023,
    CHEN_2017,
    CRYO_SPINE_12_YEARS_2021,
    DUPUY_2010,
    EVANS_2016,
    GEMMETE_2017,
    GOETZ_2004,
    HQO_2016,
    HURWITZ_2014,
    KASTLER_2013,
    KASTLER_2014,
    KHAN_2018,
    LEE_2017,
    LEVY_2023,
    LV_2020,
    MOTAGHI_2022,
    MURALI_2021,
    PEREZ_2021,
    RYAN_2022,
    SAG_2022,
    SAGOO_2022,
    SARAVANA_BAWAN_2019,
    TATSUI_2015,
    TATSUI_2016,
    TOMASIAN_2016,
    TSOUMAKIDOU_2017,
    VEGA_2019,
    WALLACE_2015,
    WANG_2022,
    YAO_2023,
)
from spinal_metastasis.sources.scores import LAUFER_2013
from spinal_metastasis.sources.surgery import BASTOS_2020, JCM_2023_PAINFUL_VCF
from spinal_metastasis.sources.treatments import SIR_2019
from spinal_metastasis.treatments._common import (
    HoldRecommendation,
    agent_holds,
    coagulation_rules_of,
)
from spinal_metastasis.treatments.context import LesionContext, TreatmentInputs
from spinal_metastasis.treatments.option import (
    AgentHold,
    Anesthesia,
    Burden,
    CollapseRisk,
    Eligibility,
    LocalControl,
    Modality,
    OptionAssessment,
    PainRelief,
    Rate,
    RuleOutcome,
    Toxicity,
    rule,
)

# The rules and trade-offs below are pure functions of the few values they take (enums,
# booleans, frozensets, ranges, levels) and return frozen objects, so they are memoized
# (functools.cache, see spinal_metastasis._cache): the domains are small, sharing a frozen
# result is safe, and the cache is thread-safe. Rules that compare a measured number
# (distance to the cord, platelets, INR) are not memoized.

__all__ = [
    "LITT_MIN_ESCC",
    "MIN_DISTANCE_TO_CORD_MM",
    "MIN_WORST_PAIN_NRS",
    "assess_cryoablation",
    "assess_focused_ultrasound",
    "assess_laser_interstitial_thermal_therapy",
    "assess_microwave_ablation",
    "assess_radiofrequency_ablation",
    "assess_vertebral_augmentation",
]

_ELIGIBLE: Final = Eligibility.ELIGIBLE
_CAUTION: Final = Eligibility.CAUTION
_CONTRAINDICATED: Final = Eligibility.CONTRAINDICATED

# --- Thresholds ---------------------------------------------------------------------------------

#: Tumor-to-cord distance below which thermal ablation needs thermal protection, in mm.
#: Early trials required about 1 cm (Dupuy 2010, ACRIN 6661; from memory, not verified);
#: the clinical reference cites a 2015 series requiring more than 10 mm.
MIN_DISTANCE_TO_CORD_MM: Final = 10.0

#: Worst pain (NRS 0-10) required by the ablation and focused-ultrasound trials
#: (Goetz 2004; Callstrom 2013; Hurwitz 2014).
MIN_WORST_PAIN_NRS: Final = 4

#: Lowest ESCC grade of the spinal LITT series, 1c (Bastos 2020; 92 % of Bastos 2021 had 1c
#: or higher).
LITT_MIN_ESCC: Final = ESCC.GRADE_1C

# Frankel A-D: a neurological deficit (NOMS neurologic assessment).
_DEFICIT: Final = frozenset({Frankel.A, Frankel.B, Frankel.C, Frankel.D})
# Spinal LITT (Bastos 2021: Frankel E 91.7 %, D 6.7 %, C 1.7 %; Tatsui 2016: no motor deficit).
_LITT_UNTREATED_FRANKEL: Final = frozenset({Frankel.A, Frankel.B})
_LITT_FEW_TREATED_FRANKEL: Final = frozenset({Frankel.C, Frankel.D})
# A vertebral compression fracture (SINS collapse present).
_FRACTURE: Final = frozenset({Collapse.AT_LEAST_50_PERCENT, Collapse.LESS_THAN_50_PERCENT})
# MRgFUS: sacral lesions were among the BM004 trial's treated sites (Chen 2017).
_MRGFUS_TREATED_REGIONS: Final = frozenset({Region.SACRAL})


# --- Small helpers ------------------------------------------------------------------------------


def _missing(**unknown: bool) -> tuple[str, ...]:
    """Names of the inputs flagged unknown, in the order given."""
    return tuple(name for name, is_unknown in unknown.items() if is_unknown)


# --- Rules shared by several options -----------------------------------------------------------


@memoized
def _neurology_rule(
    frankel: Frankel | None, high: frozenset[bool], escc_grade: ESCC | None, modality: Modality
) -> RuleOutcome:
    """High-grade ESCC or a deficit: contraindicated as sole therapy (NOMS; from memory)."""
    deficit = frozenset({False, True}) if frankel is None else frozenset({frankel in _DEFICIT})
    possible = frozenset(
        _CONTRAINDICATED if is_high or has_deficit else _ELIGIBLE
        for is_high in high
        for has_deficit in deficit
    )
    name = modality.label
    escc = input_value(escc_grade)
    if possible == {_CONTRAINDICATED}:
        statement = (
            f"High-grade compression (ESCC {escc}) or a neurological deficit (Frankel "
            f"{input_value(frankel)}): {name} as sole therapy is contraindicated; the lesion "
            "belongs to the decompression or radiotherapy pathway (NOMS; the clinical "
            "reference's reading, from memory)."
        )
    elif possible == {_ELIGIBLE}:
        statement = (
            f"Low-grade compression (ESCC {escc}) and no neurological deficit (Frankel E): no "
            f"neurological contraindication to {name}."
        )
    else:
        statement = (
            f"ESCC grade or neurological status unknown (ESCC {escc}, Frankel "
            f"{input_value(frankel)}): high-grade compression or a deficit would contraindicate "
            f"{name} as sole therapy."
        )
    return rule(
        possible,
        statement,
        LAUFER_2013,
        missing=_missing(escc=len(high) > 1, frankel=frankel is None),
        escc=escc_grade,
        frankel=frankel,
    )


def _possible_gross_instability(
    alignment: Alignment | None, categories: frozenset[SinsCategory]
) -> frozenset[bool]:
    """Whether the lesion is grossly unstable (SINS 13-18 or subluxation): values still possible.

    A completion that is not unstable stays so with normal alignment (fewer points),
    so "not gross" is possible whenever alignment may be other than subluxation and
    a category below unstable is possible.
    """
    can_be_gross = (
        alignment in {None, Alignment.SUBLUXATION_TRANSLATION}
        or SinsCategory.UNSTABLE in categories
    )
    can_be_stable = alignment is not Alignment.SUBLUXATION_TRANSLATION and bool(
        categories - {SinsCategory.UNSTABLE}
    )
    return frozenset(
        value for value, possible in ((True, can_be_gross), (False, can_be_stable)) if possible
    )


def _mechanical_rule(inputs: TreatmentInputs, modality: Modality) -> RuleOutcome:
    """Gross instability needs stabilization: the option alone is contraindicated (NOMS)."""
    return _mechanical_outcome(
        inputs.lesion.alignment,
        inputs.sins_points,
        inputs.sins_categories,
        inputs.sins_missing,
        modality,
    )


@memoized
def _mechanical_outcome(
    alignment: Alignment | None,
    points: ScoreRange,
    categories: frozenset[SinsCategory],
    sins_missing: tuple[str, ...],
    modality: Modality,
) -> RuleOutcome:
    gross = _possible_gross_instability(alignment, categories)
    possible = frozenset(_CONTRAINDICATED if is_gross else _ELIGIBLE for is_gross in gross)
    name = modality.label
    sins = str(points)
    if gross == {True}:
        statement = (
            f"Gross instability (SINS {sins}, alignment {input_value(alignment)}): it needs "
            f"stabilization, so {name} alone is contraindicated (NOMS; SINS 13-18 or "
            "subluxation as gross instability is the library's reading, from memory)."
        )
    elif gross == {False}:
        statement = (
            f"No gross instability (SINS {sins}, no subluxation): no mechanical "
            f"contraindication to {name}; SINS 7 or more warrants a surgical opinion (SOSG, "
            "Fourney 2011)."
        )
    else:
        statement = (
            f"Stability undetermined (SINS {sins}, alignment {input_value(alignment)}): gross "
            f"instability (SINS 13-18 or subluxation) would contraindicate {name} alone."
        )
    missing = list(_missing(alignment=alignment is None))
    if len(gross) > 1:
        missing.extend(item for item in sins_missing if item not in missing)
    return rule(
        possible,
        statement,
        LAUFER_2013,
        missing=missing,
        sins=sins,
        alignment=alignment,
    )


@memoized
def _posterior_wall_rule(
    intact: bool | None, modality: Modality, citation: Citation
) -> RuleOutcome:
    """A breached posterior vertebral-body wall: caution (cement leakage, neural heat)."""
    name = modality.label
    if intact is None:
        return rule(
            {_ELIGIBLE, _CAUTION},
            f"Posterior vertebral-body wall unknown: a breach would call for caution with {name}.",
            citation,
            missing=("posterior_wall_intact",),
            posterior_wall_intact=None,
        )
    if not intact:
        return rule(
            _CAUTION,
            f"Posterior vertebral-body wall breached: caution with {name} (a posterior-wall "
            "disruption is 'often considered a relative or an absolute contraindication' to "
            "cement augmentation; the intact cortex is studied as a barrier to ablation heat).",
            citation,
            posterior_wall_intact=intact,
        )
    return rule(
        _ELIGIBLE,
        f"Posterior vertebral-body wall intact: no wall-related caution for {name}.",
        citation,
        posterior_wall_intact=intact,
    )


def _distance_rule(distance: float | None) -> RuleOutcome:
    """Tumor within 10 mm of the cord: caution, with thermal protection."""
    # -0.0 equals 0.0 as a key but is shown as "-0": such a distance is judged afresh.
    if distance is not None and has_negative_zero((distance,)):
        return _distance_outcome(distance)
    return _memoized_distance_outcome(distance)


def _distance_outcome(distance: float | None) -> RuleOutcome:
    protection = (
        "thermal protection needed: thermocouples in the epidural space or foramen, keeping "
        "the juxtaneural temperature between 10 and 45 °C"
    )
    if distance is None:
        return rule(
            {_ELIGIBLE, _CAUTION},
            "Distance from the tumor to the cord unknown: under "
            f"{MIN_DISTANCE_TO_CORD_MM:g} mm, {protection}.",
            DUPUY_2010,
            missing=("distance_to_cord_mm",),
            distance_to_cord_mm=None,
        )
    if distance < MIN_DISTANCE_TO_CORD_MM:
        return rule(
            _CAUTION,
            f"Tumor {distance:g} mm from the cord, under {MIN_DISTANCE_TO_CORD_MM:g} mm (the "
            f"margin of early trials, from memory): {protection} (Sag 2022).",
            SAG_2022,
            distance_to_cord_mm=distance,
        )
    return rule(
        _ELIGIBLE,
        f"Tumor {distance:g} mm from the cord, at least the {MIN_DISTANCE_TO_CORD_MM:g} mm "
        "margin of early ablation trials (from memory).",
        DUPUY_2010,
        distance_to_cord_mm=distance,
    )


# Pure in the distance, with a frozen result: memoized in a bounded cache.
_memoized_distance_outcome: Final = bounded(VALUE_CACHE_SIZE)(_distance_outcome)


@memoized
def _infection_rule(infection: bool | None, modality: Modality, citation: Citation) -> RuleOutcome:
    """Active infection: contraindicated (clinical reference, from memory)."""
    name = modality.label
    if infection is None:
        return rule(
            {_ELIGIBLE, _CONTRAINDICATED},
            f"Infection status unknown: an active infection would contraindicate {name}.",
            citation,
            missing=("active_infection",),
            active_infection=None,
        )
    if infection:
        return rule(
            _CONTRAINDICATED,
            f"Active infection (at the site or uncontrolled systemic): {name} is "
            "contraindicated (clinical reference, from memory; the guideline's list was not "
            "read).",
            citation,
            active_infection=infection,
        )
    return rule(
        _ELIGIBLE,
        f"No active infection: no infection-related contraindication to {name}.",
        citation,
        active_infection=infection,
    )


@memoized
def _pain_rule(nrs: int | None, modality: Modality, citation: Citation) -> RuleOutcome:
    """Worst pain below 4/10: outside the trial populations (caution)."""
    name = modality.label
    if nrs is None:
        return rule(
            {_ELIGIBLE, _CAUTION},
            f"Worst pain unknown: the {name} trials enrolled worst pain of "
            f"{MIN_WORST_PAIN_NRS}/10 or more.",
            citation,
            missing=("worst_pain_nrs",),
            worst_pain_nrs=None,
        )
    if nrs < MIN_WORST_PAIN_NRS:
        return rule(
            _CAUTION,
            f"Worst pain {nrs}/10, below the {MIN_WORST_PAIN_NRS}/10 the {name} trials "
            "required: outside the studied population.",
            citation,
            worst_pain_nrs=nrs,
        )
    return rule(
        _ELIGIBLE,
        f"Worst pain {nrs}/10, within the trial populations ({MIN_WORST_PAIN_NRS}/10 or more).",
        citation,
        worst_pain_nrs=nrs,
    )


@memoized
def _bone_lesion_rule(quality: BoneLesion | None, modality: Modality) -> RuleOutcome:
    """A blastic lesion: outside the trial populations (painful lytic or mixed)."""
    name = modality.label
    if quality is None:
        return rule(
            {_ELIGIBLE, _CAUTION},
            f"Bone lesion quality unknown: the {name} trials treated painful osteolytic (or "
            "mixed) metastases; a blastic lesion is outside them.",
            GOETZ_2004,
            missing=("bone_lesion",),
            bone_lesion=None,
        )
    if quality is BoneLesion.BLASTIC:
        return rule(
            _CAUTION,
            f"Blastic lesion: outside the {name} trial populations (painful osteolytic or "
            "mixed metastases).",
            GOETZ_2004,
            bone_lesion=quality,
        )
    return rule(
        _ELIGIBLE,
        f"{quality.value.capitalize()} lesion, the target of the ablation trials.",
        GOETZ_2004,
        bone_lesion=quality,
    )


@memoized
def _cardiac_device_rule(device: bool | None) -> RuleOutcome:
    """Monopolar radiofrequency with a pacemaker or defibrillator: caution (from memory)."""
    if device is None:
        return rule(
            {_ELIGIBLE, _CAUTION},
            "Implanted cardiac device unknown: a pacemaker or defibrillator would need device "
            "management before radiofrequency ablation.",
            RYAN_2022,
            missing=("implanted_cardiac_device",),
            implanted_cardiac_device=None,
        )
    if device:
        return rule(
            _CAUTION,
            "Implanted pacemaker or defibrillator: device management and cardiology input "
            "before radiofrequency ablation (from memory); grounding-pad burns occur with "
            "monopolar systems (Goetz 2004) and bipolar systems shorten the current path "
            "(from memory).",
            RYAN_2022,
            implanted_cardiac_device=device,
        )
    return rule(
        _ELIGIBLE,
        "No implanted cardiac device: no device-related caution.",
        RYAN_2022,
        implanted_cardiac_device=device,
    )


def _coagulation_rules(inputs: TreatmentInputs) -> tuple[RuleOutcome, RuleOutcome]:
    return coagulation_rules_of(inputs.platelets_10e9_per_l, inputs.inr)


def _flagged_coagulation_rules(inputs: TreatmentInputs) -> tuple[RuleOutcome, ...]:
    """SIR 2019 high bleeding-risk thresholds, flagged for vertebral augmentation."""
    return tuple(_flagged(item) for item in _coagulation_rules(inputs))


@bounded(VALUE_CACHE_SIZE)  # keyed by outcomes whose statements show lab values
def _flagged(item: RuleOutcome) -> RuleOutcome:
    note = (
        " Vertebral augmentation's 2019 SIR category was not confirmed; an older SIR scheme "
        "lists vertebroplasty as high risk, so the high-risk thresholds are applied."
    )
    return attrs.evolve(
        item, finding=attrs.evolve(item.finding, statement=item.finding.statement + note)
    )


# --- Rules of one option ------------------------------------------------------------------------


@memoized
def _litt_compression_rule(escc: ESCC | None) -> RuleOutcome:
    """Spinal LITT is designed for epidural compression: ESCC 1c or higher is the indication."""
    if escc is None:
        return rule(
            {_ELIGIBLE, _CAUTION},
            f"ESCC grade unknown: spinal LITT is designed for epidural compression (ESCC "
            f"{LITT_MIN_ESCC.label} or higher, then spinal radiosurgery).",
            BASTOS_2021,
            missing=("escc",),
            escc=None,
        )
    if escc.order >= LITT_MIN_ESCC.order:
        return rule(
            _ELIGIBLE,
            f"ESCC {escc.label}: epidural compression, the indication of spinal LITT (ESCC "
            f"{LITT_MIN_ESCC.label} or higher in 92 % of the first 120 procedures), always "
            "followed by spinal radiosurgery.",
            BASTOS_2021,
            escc=escc,
        )
    return rule(
        _CAUTION,
        f"ESCC {escc.label}: below {LITT_MIN_ESCC.label}, outside the usual indication of "
        "spinal LITT (92 % of the first 120 procedures were 1c or higher); without epidural "
        "disease to separate, radiotherapy alone is the NOMS pathway.",
        BASTOS_2021,
        escc=escc,
    )


@memoized
def _litt_motor_rule(frankel: Frankel | None) -> RuleOutcome:
    """Motor deficit: LITT's series treated few (C-D) or no (A-B) such patients."""
    if frankel is None:
        return rule(
            {_ELIGIBLE, _CAUTION, _CONTRAINDICATED},
            "Frankel grade unknown: spinal LITT was studied mostly in patients without motor "
            "deficit.",
            BASTOS_2021,
            missing=("frankel",),
            frankel=None,
        )
    if frankel in _LITT_UNTREATED_FRANKEL:
        return rule(
            _CONTRAINDICATED,
            f"Frankel {frankel.value.upper()}: no such patient among the first 120 spinal LITT "
            "procedures (Frankel E 91.7 %, D 6.7 %, C 1.7 %); LITT relieves compression over "
            "weeks, so the deficit belongs to surgical decompression or radiotherapy.",
            BASTOS_2021,
            frankel=frankel,
        )
    if frankel in _LITT_FEW_TREATED_FRANKEL:
        return rule(
            _CAUTION,
            f"Frankel {frankel.value.upper()}: a motor deficit, rare in the spinal LITT series "
            "(D 6.7 %, C 1.7 % of the first 120 procedures; none in Tatsui 2016); weigh "
            "surgical decompression.",
            BASTOS_2021,
            frankel=frankel,
        )
    return rule(
        _ELIGIBLE,
        "Frankel E: no motor deficit, as in the published spinal LITT patients.",
        TATSUI_2016,
        frankel=frankel,
    )


@memoized
def _litt_histology_rule(sensitive: frozenset[bool], primary: PrimaryTumor | None) -> RuleOutcome:
    """LITT was studied as an alternative to separation surgery in radioresistant tumors."""
    possible = frozenset(_CAUTION if value else _ELIGIBLE for value in sensitive)
    if sensitive == {True}:
        statement = (
            "Radiosensitive primary: NOMS sends it to conventional radiotherapy whatever the "
            "compression; spinal LITT was studied in radioresistant tumors."
        )
    elif sensitive == {False}:
        statement = (
            "Radioresistant primary, as in the spinal LITT series (an alternative to "
            "separation surgery before radiosurgery)."
        )
    else:
        statement = (
            "Radiosensitivity unknown: spinal LITT was studied in radioresistant tumors; a "
            "radiosensitive one goes to conventional radiotherapy under NOMS."
        )
    return rule(
        possible,
        statement,
        TATSUI_2015,
        missing=_missing(primary=len(sensitive) > 1),
        primary=primary,
    )


@memoized
def _litt_level_rule(levels: tuple[VertebralLevel, ...]) -> RuleOutcome:
    """Levels with motor roots: caution (nerve-root palsies in early lumbar cases)."""
    regions = {level.region for level in levels}
    label = format_levels(levels)
    if regions <= {Region.THORACIC}:
        return rule(
            _ELIGIBLE,
            f"{label}: thoracic, where most spinal LITT was done (87 of the first 100).",
            VEGA_2019,
            levels=label,
        )
    if regions & {Region.LUMBAR, Region.SACRAL}:
        statement = (
            f"{label}: lumbar or sacral levels carry motor roots; nerve-root palsy occurred "
            "in 3 early lumbar spinal LITT cases, after which such levels were avoided."
        )
    else:
        statement = (
            f"{label}: cervical levels carry motor roots; only 5 of the first 100 spinal LITT "
            "cases were cervical, and levels with motor roots were avoided."
        )
    return rule(_CAUTION, statement, VEGA_2019, levels=label)


@bounded(VALUE_CACHE_SIZE)
def _litt_proximity_rule(distance: str) -> RuleOutcome:
    """For LITT, closeness to the cord is expected: the probe lies in the epidural space.

    ``distance`` is the distance to the cord as displayed (``input_value``).
    """
    return rule(
        _ELIGIBLE,
        "Closeness to the cord is expected in spinal LITT: the laser probe is placed about "
        "6 mm from the dura under real-time thermal MRI, so the ablation distance rule does "
        "not apply.",
        TATSUI_2015,
        distance_to_cord_mm=distance,
    )


@memoized
def _mrgfus_site_rule(levels: tuple[VertebralLevel, ...]) -> RuleOutcome:
    """MRgFUS: vertebral lesions not eligible (no vertebral site reported; eligibility unread)."""
    regions = {level.region for level in levels}
    label = format_levels(levels)
    if regions <= _MRGFUS_TREATED_REGIONS:
        return rule(
            _ELIGIBLE,
            f"{label}: sacral, among the sites treated in the phase III focused-ultrasound "
            "trial (BM004).",
            CHEN_2017,
            levels=label,
        )
    return rule(
        _CONTRAINDICATED,
        f"{label}: a mobile-spine vertebra. No vertebral body is reported among the "
        "focused-ultrasound trial's treated sites and its eligibility text was not read; "
        "facet ablation is only preclinical. Treated as research only until the eligibility "
        "is read (library decision).",
        CHEN_2017,
        levels=label,
    )


@memoized
def _augmentation_indication_rule(pain: Pain | None, collapse: Collapse | None) -> RuleOutcome:
    """Mechanical pain, or a painful fracture, indicates cement augmentation (NOMS; CAFE)."""
    pains = tuple(Pain) if pain is None else (pain,)
    collapses = tuple(Collapse) if collapse is None else (collapse,)
    possible = frozenset(
        _ELIGIBLE if _augmentation_indicated(p, c) else _CAUTION for p in pains for c in collapses
    )
    if possible == {_ELIGIBLE}:
        statement = (
            f"Pain {input_value(pain)}, collapse {input_value(collapse)}: mechanical pain or a "
            "painful fracture, the indication of cement augmentation (NOMS; CAFE)."
        )
    elif possible == {_CAUTION}:
        statement = (
            f"Pain {input_value(pain)}, collapse {input_value(collapse)}: neither mechanical "
            "pain nor a painful fracture; no source supporting prophylactic augmentation was "
            "found."
        )
    else:
        statement = (
            f"Pain {input_value(pain)}, collapse {input_value(collapse)}: mechanical pain or a "
            "painful fracture would indicate cement augmentation."
        )
    return rule(
        possible,
        statement,
        BERENSON_2011,
        missing=_missing(pain=pain is None, collapse=collapse is None),
        pain=pain,
        collapse=collapse,
    )


def _augmentation_indicated(pain: Pain, collapse: Collapse) -> bool:
    """Mechanical pain (NOMS), or a fracture that hurts (CAFE: painful fractures)."""
    return pain is Pain.MECHANICAL or (
        pain is Pain.OCCASIONAL_NON_MECHANICAL and collapse in _FRACTURE
    )


# --- Systemic-therapy holds ---------------------------------------------------------------------

# Tatsui 2016 (19 patients) and Vega (100 patients): systemic therapy was not interrupted
# to perform spinal LITT. Applied to every agent class: the sources do not list agents.
_LITT_HOLDS: Final[Mapping[SystemicAgent, HoldRecommendation]] = MappingProxyType(
    {
        agent: HoldRecommendation(
            days_before=DayRange.exact(0),
            days_after=DayRange.exact(0),
            statement=(
                "Systemic therapy was not interrupted to perform spinal LITT (Tatsui 2016, 19 "
                "patients; Vega, first 100 patients); agent classes were not listed."
            ),
            citation=TATSUI_2016,
        )
        for agent in SystemicAgent
    }
)


@bounded(VALUE_CACHE_SIZE)
def _unsourced_holds(
    agents: tuple[SystemicAgent, ...] | None, modality: Modality, citation: Citation
) -> tuple[DayRange, Finding]:
    """No sourced hold: 0 days, with a finding saying so (not a recommendation to continue)."""
    days, _, _ = agent_holds(agents, {})
    current = (
        "the current agents are unknown"
        if agents is None
        else "no current systemic therapy"
        if not agents
        else "current: " + ", ".join(agent.value.replace("_", " ") for agent in agents)
    )
    statement = (
        f"No society guidance on holding anticancer drugs around {modality.label} was found "
        f"({current}); the 0 days reported is the absence of a sourced hold, not a "
        "recommendation to continue."
    )
    if citation is SIR_2019:
        statement += " The SIR 2019 platelet and INR thresholds are the only sourced timing rule."
    recorded: object = agents if agents is None or agents else "none"
    return days, finding(statement, citation, systemic_therapy=recorded)


# --- Trade-off figures --------------------------------------------------------------------------

# Radiofrequency ablation. Onset: first assessment at 3 days in OPuS One (Levy 2023), NRS
# 8.0 -> 3.9 at 1 week (Wallace 2015). Near-maximal: 2.9 at 4 weeks (Wallace 2015), still
# falling to 1.4 at 24 weeks in Goetz 2004.
_RFA_ONSET_DAYS: Final = DayRange(low=3, high=7)
_RFA_MAXIMAL_DAYS: Final = DayRange.from_weeks(4, 24)
# Goetz 2004: 95 % had a worst-pain drop of 2 points or more.
_RFA_RESPONSE: Final = Rate(
    probability=ProbabilityRange.exact(0.95),
    description=(
        "worst pain fell by 2 points or more, 43 patients with painful osteolytic metastases "
        "of any site, follow-up to 24 weeks"
    ),
    citation=GOETZ_2004,
)
# Murali 2021: local tumour control failure 13.2 % (follow-up 2.5 months to 5 years).
_RFA_LOCAL_CONTROL: Final = ProbabilityRange.exact(round(1 - 0.132, 3))
_RFA_LOCAL_CONTROL_HORIZON_DAYS: Final = DayRange.from_months(2.5, 60)

# Cryoablation. Onset: NRS 6.2 -> 3.5 at 24 hours (12-year series); 7.1 -> 5.1 at 1 week
# (Callstrom 2013). Near-maximal: 1.9 at 1 month (12-year series), still falling to 1.4 at
# 24 weeks in Callstrom 2013.
_CRYO_ONSET_DAYS: Final = DayRange(low=1, high=7)
_CRYO_MAXIMAL_DAYS: Final = DayRange(low=months_to_days(1), high=weeks_to_days(24))
# Sagoo 2022: local tumour control 60 % to 100 % across studies.
_CRYO_LOCAL_CONTROL: Final = ProbabilityRange(low=0.60, high=1.0)

# Microwave ablation. VAS 7.4 -> 1.3 at day 0 (Kastler 2014); 8 -> 1 at 24 hours (Motaghi
# 2022); stable from 1 to 6 months.
_MWA_ONSET_DAYS: Final = DayRange(low=0, high=1)
_MWA_MAXIMAL_DAYS: Final = DayRange(low=0, high=1)
# Kastler 2013 (meeting abstract, bone tumours of any site): 19/20 immediate relief >= 50 %.
_MWA_RESPONSE: Final = Rate(
    probability=ProbabilityRange.exact(19 / 20),
    description=(
        "pain relief of 50 % or more immediately after 19 of 20 procedures, bone tumours of "
        "any site (meeting abstract read in a news report)"
    ),
    citation=KASTLER_2013,
)
# Yao 2023: local control above 80 %; Khan 2018: no locoregional progression in 59/61
# surviving patients at 20-24 weeks.
_MWA_LOCAL_CONTROL: Final = ProbabilityRange(low=0.80, high=round(59 / 61, 3))

# Spinal LITT. VAS 6.18 -> 4.27 within 30 days -> 2.8 within 60 days (Tatsui 2015).
_LITT_ONSET_DAYS: Final = DayRange(low=0, high=30)
_LITT_MAXIMAL_DAYS: Final = DayRange(low=0, high=60)
# Vega: local control in 83 of the first 100 patients (LITT then radiosurgery).
_LITT_LOCAL_CONTROL: Final = ProbabilityRange.exact(83 / 100)
# Bastos 2020: hospital stay 3.4 days (vs 9 after open surgery).
_LITT_HOSPITAL_DAYS: Final = DayRange.exact(3.4)

# MR-guided focused ultrasound. Response within days in two-thirds (Hurwitz 2014, news
# summary); 71 % at 1 week (Lee 2017). Pain reduction 3.8 points at 1 month and 4.4 at 3
# months (Baal 2021); primary endpoint at 3 months (Hurwitz 2014).
_MRGFUS_ONSET_DAYS: Final = DayRange(low=0, high=7)
_MRGFUS_MAXIMAL_DAYS: Final = DayRange.from_months(1, 3)
_MRGFUS_RESPONSE: Final = Rate(
    probability=ProbabilityRange.exact(0.643),
    description=(
        "response at 3 months (worst pain improved by 2 points or more without a "
        "morphine-equivalent increase above 25 %), phase III trial, painful bone metastases; "
        "sham arm 20.0 %"
    ),
    citation=HURWITZ_2014,
)
# Hurwitz 2014: two pathological fractures among the 112 patients treated with MRgFUS.
_MRGFUS_FRACTURES: Final = 2
_MRGFUS_TREATED_PATIENTS: Final = 112

# Vertebral augmentation. Better pain at 1 week (CAFE, manufacturer page); 3 days in an
# osteoporotic randomised trial (Evans 2016).
_AUGMENTATION_ONSET_DAYS: Final = DayRange(low=3, high=7)
# Health Quality Ontario 2016: outpatient.
_AUGMENTATION_HOSPITAL_DAYS: Final = DayRange.exact(0)

_ONE_SESSION: Final = ScoreRange.exact(1)
_NO_COLLAPSE_FIGURE: Final = ProbabilityRange(low=0, high=1)


_RFA_PAIN: Final = PainRelief(
    onset_days=_RFA_ONSET_DAYS,
    maximal_days=_RFA_MAXIMAL_DAYS,
    response=_RFA_RESPONSE,
    findings=(
        finding(
            "Pain, interference and quality of life improved from the first assessment at 3 "
            "days and stayed improved to 12 months (OPuS One, 206 patients).",
            LEVY_2023,
        ),
        finding(
            "Radiofrequency ablation with augmentation of spinal metastases: NRS 8.0 before, "
            "3.9 at 1 week, 2.9 at 4 weeks.",
            WALLACE_2015,
        ),
        finding(
            "Worst pain 7.9 before, 4.5 at 4 weeks, 3.0 at 12 weeks, 1.4 at 24 weeks "
            "(osteolytic metastases of any site).",
            GOETZ_2004,
        ),
    ),
)
_CRYO_PAIN: Final = PainRelief(
    onset_days=_CRYO_ONSET_DAYS,
    maximal_days=_CRYO_MAXIMAL_DAYS,
    findings=(
        finding(
            "Spinal cryoablation: NRS 6.2 before, 3.5 at 24 hours, 1.9 at 1 month; clinical "
            "success in 30/32 palliative sessions (93.8 %; definition not read), not used as "
            "a response rate.",
            CRYO_SPINE_12_YEARS_2021,
        ),
        finding(
            "Worst pain 7.1 before, 5.1 at 1 week, 4.0 at 4 weeks, 3.6 at 8 weeks, 1.4 at 24 "
            "weeks (bone metastases of any site).",
            CALLSTROM_2013,
        ),
        finding(
            "Pooled pain reduction 5.03 points at 1 month across 8 spinal cryoablation studies.",
            SAGOO_2022,
        ),
    ),
)
_MWA_PAIN: Final = PainRelief(
    onset_days=_MWA_ONSET_DAYS,
    maximal_days=_MWA_MAXIMAL_DAYS,
    response=_MWA_RESPONSE,
    findings=(
        finding(
            "Spinal microwave ablation: VAS 7.4 before, 1.3 at day 0, 1.6 at day 7, 1.9 at 1 "
            "month, 2.2 at 3 months, 2.3 at 6 months; relief in all but one patient.",
            KASTLER_2014,
        ),
        finding(
            "Microwave ablation with vertebroplasty: VAS 8 before, 1 at 24 hours, 2 at 4 "
            "weeks, 1 at 6 months.",
            MOTAGHI_2022,
        ),
        finding(
            "Microwave ablation with cementoplasty: median VAS 7.0 before, 2 at 2-4 weeks "
            "and 2 at 20-24 weeks.",
            KHAN_2018,
        ),
    ),
)
_LITT_PAIN: Final = PainRelief(
    onset_days=_LITT_ONSET_DAYS,
    maximal_days=_LITT_MAXIMAL_DAYS,
    findings=(
        finding(
            "Spinal LITT then radiosurgery: mean VAS 6.18 before, 4.27 within 30 days, 2.8 "
            "within 60 days (11 patients).",
            TATSUI_2015,
        ),
    ),
)
_MRGFUS_PAIN: Final = PainRelief(
    onset_days=_MRGFUS_ONSET_DAYS,
    maximal_days=_MRGFUS_MAXIMAL_DAYS,
    response=_MRGFUS_RESPONSE,
    findings=(
        finding(
            "Response within days in two-thirds of patients (news summary of the trial).",
            HURWITZ_2014,
        ),
        finding(
            "Response at 1 week 71 % after focused ultrasound vs 26 % after radiotherapy "
            "(matched pairs).",
            LEE_2017,
        ),
        finding(
            "Pooled pain response 79 % across 33 studies; pain reduction 3.8 points at 1 "
            "month and 4.4 at 3 months.",
            BAAL_2021,
        ),
    ),
)
_AUGMENTATION_PAIN: Final = PainRelief(
    onset_days=_AUGMENTATION_ONSET_DAYS,
    findings=(
        finding(
            "Kyphoplasty for painful cancer fractures: pain better than non-surgical care at "
            "1 week (manufacturer's trial page); Roland-Morris disability 17.6 to 9.1 at 1 "
            "month, the primary endpoint. Time to maximal relief not reported in the sources "
            "read.",
            BERENSON_2011,
        ),
        finding(
            "Osteoporotic (not malignant) fractures: pain 7.4 to 4.1 after kyphoplasty and 7.9 "
            "to 3.7 after vertebroplasty at 3 days.",
            EVANS_2016,
        ),
        finding("Vertebral augmentation rapidly reduces pain in cancer fractures.", HQO_2016),
    ),
)

_RFA_COMPLICATIONS: Final = (
    finding(
        "Complications in 10.9 % after radiofrequency ablation vs 27.4 % after microwave "
        "ablation (systematic review, 630 patients).",
        YAO_2023,
    ),
    finding(
        "Cement leakage 6.4 % with ablation before cement vs 20.5 % with cement alone.",
        LV_2020,
    ),
    finding("No major complications and no symptomatic cement extravasation.", WALLACE_2015),
)
_CRYO_COMPLICATIONS: Final = (
    finding("Grade I-II complications 6.1 %, grade III-V 2.0 % (148 patients).", SAGOO_2022),
    finding("Two transient radiculopathies with weakness after 31 spinal tumours.", TOMASIAN_2016),
    finding("One major complication (osteomyelitis) among 61 patients.", CALLSTROM_2013),
)
_MWA_COMPLICATIONS: Final = (
    finding(
        "Complications in 27.4 % after microwave ablation vs 10.9 % after radiofrequency "
        "ablation (systematic review, 630 patients).",
        YAO_2023,
    ),
    finding(
        "Two complications among 102 spinal metastases: an S1 thermal nerve injury and a "
        "skin burn.",
        KHAN_2018,
    ),
    finding("No complications among 20 spinal tumours.", KASTLER_2014),
    finding(
        "Cement leakage in 27.8 % of lesions (microwave ablation with cement after "
        "radiotherapy), without symptoms.",
        WANG_2022,
    ),
)
_LITT_COMPLICATIONS: Final = (
    finding(
        "Complications 12.6 %, mostly transient; revision surgery 3.4 % (206 patients).",
        CARDIA_2023,
    ),
    finding("Complications 5 % after spinal LITT vs 35 % after open surgery.", BASTOS_2020),
    finding("No permanent neurological injury among 19 patients.", TATSUI_2016),
    finding("Nerve-root palsy in 3 early lumbar cases among the first 100.", VEGA_2019),
)
_MRGFUS_COMPLICATIONS: Final = (
    finding(
        "Sonication pain in 32.1 % of treated patients; one third-degree skin burn.",
        HURWITZ_2014,
    ),
    finding("Pooled high-grade adverse events 0.9 %, low-grade 5.9 %.", BAAL_2021),
)
_AUGMENTATION_COMPLICATIONS: Final = (
    finding("Cement leakage 20.5 % with cement alone (6.4 % after ablation).", LV_2020),
    finding(
        "Asymptomatic cement leakage in 9 % of benign fractures with posterior-wall "
        "disruption; no neurological sequelae.",
        PEREZ_2021,
    ),
)

_RFA_LOCAL: Final = LocalControl(
    probability=_RFA_LOCAL_CONTROL,
    horizon_days=_RFA_LOCAL_CONTROL_HORIZON_DAYS,
    findings=(
        finding(
            "Local tumour control failed in 13.2 % (15 studies, follow-up 2.5 months to 5 "
            "years): control 86.8 %.",
            MURALI_2021,
        ),
        finding(
            "Tumour recurrence 11.4 % at 6 months with ablation and cement vs 30.8 % with "
            "cement alone.",
            LV_2020,
        ),
    ),
)
_CRYO_LOCAL: Final = LocalControl(
    probability=_CRYO_LOCAL_CONTROL,
    findings=(
        finding("Local tumour control 60 % to 100 % at varying follow-up (8 studies).", SAGOO_2022),
        finding("Local tumour control 96.7 % (30/31) at a median of 10 months.", TOMASIAN_2016),
        finding(
            "Local-control intent met in 6/10 (60 %) at a median of 25 months.",
            CRYO_SPINE_12_YEARS_2021,
        ),
    ),
)
_MWA_LOCAL: Final = LocalControl(
    probability=_MWA_LOCAL_CONTROL,
    findings=(
        finding("Local control above 80 % after microwave ablation (systematic review).", YAO_2023),
        finding(
            "No locoregional progression in 59/61 surviving patients at 20-24 weeks.",
            KHAN_2018,
        ),
    ),
)
_LITT_LOCAL: Final = LocalControl(
    probability=_LITT_LOCAL_CONTROL,
    findings=(
        finding(
            "Spinal LITT then radiosurgery: local control in 83 of the first 100 patients; 17 "
            "progressed (follow-up not stated).",
            VEGA_2019,
        ),
    ),
)
_MRGFUS_LOCAL: Final = LocalControl(
    probability=None,
    findings=(
        finding(
            "No local tumour-control figure for focused ultrasound of bone metastases in the "
            "sources read; the trials measured pain.",
            BAAL_2021,
        ),
    ),
)
_AUGMENTATION_LOCAL: Final = LocalControl(
    probability=None,
    findings=(
        finding(
            "Not a tumour treatment: vertebroplasty can mechanically stabilize the vertebral "
            "body but does not treat the local tumour; tumour control comes from ablation or "
            "radiotherapy.",
            SARAVANA_BAWAN_2019,
        ),
    ),
)


@memoized
def _no_fracture_figure(modality: Modality, citation: Citation) -> CollapseRisk:
    return CollapseRisk(
        probability=_NO_COLLAPSE_FIGURE,
        drivers=(
            finding(
                f"No published incidence of vertebral fracture after {modality.label} alone "
                "was found; most spinal series added cement augmentation.",
                citation,
            ),
        ),
    )


_MRGFUS_COLLAPSE: Final = CollapseRisk(
    probability=_NO_COLLAPSE_FIGURE,
    drivers=(
        finding(
            f"Two pathological fractures among the {_MRGFUS_TREATED_PATIENTS} patients treated "
            f"with focused ultrasound in the phase III trial "
            f"({_MRGFUS_FRACTURES}/{_MRGFUS_TREATED_PATIENTS}, "
            f"{100 * _MRGFUS_FRACTURES / _MRGFUS_TREATED_PATIENTS:.1f} %), at sites not "
            "reported; not a vertebral figure.",
            HURWITZ_2014,
        ),
    ),
)
_AUGMENTATION_COLLAPSE: Final = CollapseRisk(
    probability=_NO_COLLAPSE_FIGURE,
    drivers=(
        finding(
            "Cement augmentation stabilizes a fractured vertebral body (NOMS: mechanical pain "
            "without gross instability); no incidence of further collapse after augmentation "
            "of a metastatic vertebra was found.",
            LAUFER_2013,
        ),
        finding(
            "After spine SBRT, the share of compression fractures that were painful was 44 % "
            "in spines without fixation vs 0 % with fixation (fixation there is surgical "
            "instrumentation, not cement; 60 fractures among 779 segments).",
            JCM_2023_PAINFUL_VCF,
        ),
    ),
)


def _burden(
    anesthesia: Iterable[Anesthesia],
    *findings: Finding,
    hospital_days: DayRange | None = None,
) -> Burden:
    """One session, with the anaesthesia and hospital stay the sources report."""
    return Burden(
        sessions=_ONE_SESSION,
        anesthesia=frozenset(anesthesia),
        hospital_days=hospital_days,
        findings=findings,
    )


_RFA_BURDEN: Final = _burden(
    (),
    finding(
        "One procedure; anaesthesia and hospital stay were not stated in the sources read.",
        WALLACE_2015,
    ),
)
_CRYO_BURDEN: Final = _burden(
    (),
    finding(
        "One procedure; anaesthesia and hospital stay were not stated in the sources read.",
        TOMASIAN_2016,
    ),
)
_MWA_BURDEN: Final = _burden(
    (Anesthesia.LOCAL, Anesthesia.GENERAL),
    finding("Local anaesthesia with nitrous oxide; mean ablation time 4.4 minutes.", KASTLER_2014),
    finding("General anaesthesia.", KHAN_2018),
)
_LITT_BURDEN: Final = _burden(
    (),
    finding(
        "Hospital stay 3.4 days (vs 9 after open surgery); radiotherapy or radiosurgery "
        "started after 7.8 days and systemic therapy after 24.7 days (vs 35.9 and 59).",
        BASTOS_2020,
    ),
    finding(
        "Spinal radiosurgery follows in every case; it is assessed as its own option. "
        "Anaesthesia not stated in the sources read.",
        TATSUI_2015,
    ),
    hospital_days=_LITT_HOSPITAL_DAYS,
)
_MRGFUS_BURDEN: Final = _burden(
    (),
    finding(
        "One treatment; anaesthesia and hospital stay were not stated in the sources read.",
        HURWITZ_2014,
    ),
)
_AUGMENTATION_BURDEN: Final = _burden(
    (),
    finding(
        "Performed as an outpatient without general anaesthesia (which anaesthesia instead "
        "is not stated).",
        HQO_2016,
    ),
    hospital_days=_AUGMENTATION_HOSPITAL_DAYS,
)


@bounded(VALUE_CACHE_SIZE)
def _litt_holds(
    agents: tuple[SystemicAgent, ...] | None,
) -> tuple[DayRange, tuple[AgentHold, ...], tuple[Finding, ...]]:
    return agent_holds(agents, _LITT_HOLDS)


def _toxicity(
    days: DayRange, hold_findings: tuple[Finding, ...], complications: tuple[Finding, ...]
) -> Toxicity:
    return Toxicity(
        systemic_therapy_hold_days=days,
        cord_eqd2_added_gy=0.0,
        findings=(*hold_findings, *complications),
    )


# --- Assessments --------------------------------------------------------------------------------


def _neurology(inputs: TreatmentInputs, modality: Modality) -> RuleOutcome:
    return _neurology_rule(inputs.frankel, inputs.high_grade, inputs.lesion.escc, modality)


def _vertebral_ablation_rules(inputs: TreatmentInputs, modality: Modality) -> list[RuleOutcome]:
    """The rules shared by radiofrequency, cryo- and microwave ablation of a vertebra."""
    lesion = inputs.lesion
    return [
        _neurology(inputs, modality),
        _mechanical_rule(inputs, modality),
        _posterior_wall_rule(lesion.posterior_wall_intact, modality, GEMMETE_2017),
        _distance_rule(lesion.distance_to_cord_mm),
        *_coagulation_rules(inputs),
        _infection_rule(inputs.active_infection, modality, RYAN_2022),
        _pain_rule(lesion.worst_pain_nrs, modality, CALLSTROM_2013),
        _bone_lesion_rule(lesion.bone_lesion, modality),
    ]


def _assess_vertebral_ablation(
    inputs: TreatmentInputs,
    modality: Modality,
    *,
    extra_rules: Iterable[RuleOutcome],
    pain_relief: PainRelief,
    complications: tuple[Finding, ...],
    collapse_citation: Citation,
    local_control: LocalControl,
    burden: Burden,
) -> OptionAssessment:
    days, hold = _unsourced_holds(inputs.systemic_therapy, modality, SIR_2019)
    return OptionAssessment.from_rules(
        modality,
        [*_vertebral_ablation_rules(inputs, modality), *extra_rules],
        pain_relief=pain_relief,
        toxicity=_toxicity(days, (hold,), complications),
        collapse_risk=_no_fracture_figure(modality, collapse_citation),
        local_control=local_control,
        burden=burden,
    )


def assess_radiofrequency_ablation(context: LesionContext) -> OptionAssessment:
    """Assess percutaneous radiofrequency ablation of a spinal metastasis.

    Rules: not as sole therapy with high-grade compression or a deficit, nor with gross
    instability; caution with a breached posterior wall, a tumor within 10 mm of the
    cord, out-of-range coagulation values (SIR 2019, high bleeding risk), pain below
    4/10, a blastic lesion or an implanted cardiac device; contraindicated with active
    infection.

    Args:
        context: The lesion's context, from
            :func:`~spinal_metastasis.treatments.context.lesion_context`.

    Returns:
        The verdict, its findings and the trade-offs (onset 3-7 days, response 95 %,
        local control 86.8 %, complications 10.9 %).

    References:
        Goetz MP, Callstrom MR, Charboneau JW, et al. Percutaneous image-guided
        radiofrequency ablation of painful metastases involving bone: a multicenter
        study. J Clin Oncol. 2004;22(2):300-306.

        Wallace AN, Greenwood TJ, Jennings JW. Radiofrequency ablation and vertebral
        augmentation for palliation of painful spinal metastases. J Neurooncol.
        2015;124(1):111-118. doi:10.1007/s11060-015-1813-2.

        Murali N, Turmezei T, Bhatti S, et al. J Orthop Surg Res. 2021;16:659.
        doi:10.1186/s13018-021-02775-x.

        Patel IJ, Rahim S, Davidson JC, et al. SIR consensus guidelines, part II.
        J Vasc Interv Radiol. 2019;30(8):1168-1184.

    Note:
        The neurological, mechanical, distance, infection and device rules rest on the
        project's clinical reference (from memory) and carry unverified citations. Most
        spinal series added cement augmentation; the figures describe ablation with or
        without cement.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient()
        >>> option = assess_radiofrequency_ablation(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, str(option.pain_relief.onset_days)
        ('caution', '3–7 days')
        >>> cautions = [item for item in option.rules if item.verdict is Eligibility.CAUTION]
        >>> [item.finding.inputs[0].name for item in cautions]
        ['distance_to_cord_mm']
    """
    return _radiofrequency_ablation(context.inputs)


# An option's assessment is a pure function of the values it reads (TreatmentInputs), and is
# frozen: memoized on them, in a bounded cache (see spinal_metastasis._cache).
@bounded(RECORD_CACHE_SIZE)
def _radiofrequency_ablation(inputs: TreatmentInputs) -> OptionAssessment:
    return _assess_vertebral_ablation(
        inputs,
        Modality.RADIOFREQUENCY_ABLATION,
        extra_rules=(_cardiac_device_rule(inputs.implanted_cardiac_device),),
        pain_relief=_RFA_PAIN,
        complications=_RFA_COMPLICATIONS,
        collapse_citation=WALLACE_2015,
        local_control=_RFA_LOCAL,
        burden=_RFA_BURDEN,
    )


def assess_cryoablation(context: LesionContext) -> OptionAssessment:
    """Assess percutaneous cryoablation of a spinal metastasis.

    The rules of radiofrequency ablation without the cardiac-device caution.

    Args:
        context: The lesion's context.

    Returns:
        The verdict, its findings and the trade-offs (onset 1-7 days, local control
        60-100 %, grade III-V complications 2.0 %).

    References:
        Callstrom MR, Dupuy DE, Solomon SB, et al. Percutaneous image-guided cryoablation
        of painful metastases involving bone: multicenter trial. Cancer.
        2013;119(5):1033-1041. doi:10.1002/cncr.27793.

        Tomasian A, Wallace A, Northrup B, Hillen TJ, Jennings JW. Spine cryoablation:
        pain palliation and local tumor control for vertebral metastases. AJNR Am J
        Neuroradiol. 2016;37(1):189-195. doi:10.3174/ajnr.A4521.

    Note:
        No response rate is reported: the 93.8 % "clinical success" of a 12-year series
        has no definition in the abstract read.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient("myeloma_t9_high_grade")
        >>> assess_cryoablation(lesion_context(patient, patient.lesions[0])).eligibility.value
        'contraindicated'
    """
    return _cryoablation(context.inputs)


@bounded(RECORD_CACHE_SIZE)  # memoized as _radiofrequency_ablation is
def _cryoablation(inputs: TreatmentInputs) -> OptionAssessment:
    return _assess_vertebral_ablation(
        inputs,
        Modality.CRYOABLATION,
        extra_rules=(),
        pain_relief=_CRYO_PAIN,
        complications=_CRYO_COMPLICATIONS,
        collapse_citation=SAGOO_2022,
        local_control=_CRYO_LOCAL,
        burden=_CRYO_BURDEN,
    )


def assess_microwave_ablation(context: LesionContext) -> OptionAssessment:
    """Assess percutaneous microwave ablation of a spinal metastasis.

    The rules of radiofrequency ablation without the cardiac-device caution (no source
    for one was read).

    Args:
        context: The lesion's context.

    Returns:
        The verdict, its findings and the trade-offs (relief from day 0-1, local control
        80-97 %, complications 27.4 %).

    References:
        Kastler A, et al. Microwave thermal ablation of spinal metastatic bone tumors.
        J Vasc Interv Radiol. 2014. doi:10.1016/j.jvir.2014.06.007.

        Khan MA, et al. Efficacy and safety of percutaneous microwave ablation and
        cementoplasty in the treatment of painful spinal metastases and myeloma. AJNR Am
        J Neuroradiol. 2018;39(7):1376. doi:10.3174/ajnr.A5680.

        Yao Y, Zhu X, Zhang N, et al. Microwave ablation versus radiofrequency ablation
        for treating spinal metastases. Medicine (Baltimore). 2023;102(25):e34092.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient("lung_l2_reirradiation")
        >>> option = assess_microwave_ablation(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, sorted(a.value for a in option.burden.anesthesia)
        ('caution', ['general', 'local'])
    """
    return _microwave_ablation(context.inputs)


@bounded(RECORD_CACHE_SIZE)  # memoized as _radiofrequency_ablation is
def _microwave_ablation(inputs: TreatmentInputs) -> OptionAssessment:
    return _assess_vertebral_ablation(
        inputs,
        Modality.MICROWAVE_ABLATION,
        extra_rules=(),
        pain_relief=_MWA_PAIN,
        complications=_MWA_COMPLICATIONS,
        collapse_citation=KHAN_2018,
        local_control=_MWA_LOCAL,
        burden=_MWA_BURDEN,
    )


def assess_laser_interstitial_thermal_therapy(context: LesionContext) -> OptionAssessment:
    """Assess spinal laser interstitial thermal therapy (LITT), followed by radiosurgery.

    Epidural compression (ESCC 1c or higher) is LITT's indication. Caution below 1c,
    with a Frankel C or D deficit, a radiosensitive primary or a level outside the
    thoracic spine; contraindicated with Frankel A or B (no such patient was treated),
    gross instability or active infection; SIR 2019 coagulation thresholds apply.
    Closeness to the cord is expected and not a caution.

    Args:
        context: The lesion's context.

    Returns:
        The verdict, its findings and the trade-offs (relief within 30 days, local
        control 83 % with radiosurgery, hospital stay 3.4 days, no interruption of
        systemic therapy).

    References:
        Tatsui CE, Stafford RJ, Li J, et al. Utilization of laser interstitial
        thermotherapy guided by real-time thermal MRI as an alternative to separation
        surgery in the management of spinal metastasis. J Neurosurg Spine.
        2015;23(4):400-411.

        Tatsui CE, Lee SH, Amini B, et al. Spinal laser interstitial thermal therapy: a
        novel alternative to surgery for metastatic epidural spinal cord compression.
        Neurosurgery. 2016;79 Suppl 1:S73-S82. doi:10.1227/NEU.0000000000001444.

        Bastos DCA, Vega RA, Traylor JI, et al. Spinal laser interstitial thermal therapy:
        single-center experience and outcomes in the first 120 cases. J Neurosurg Spine.
        2021;35(3):354-363.

    Note:
        A single-centre technique (MD Anderson). Frankel A-B as a contraindication and
        C-D as a caution are the library's reading of the series' populations (Frankel E
        91.7 %, D 6.7 %, C 1.7 %; none without motor function).

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient("renal_t7_cord_compression")
        >>> option = assess_laser_interstitial_thermal_therapy(
        ...     lesion_context(patient, patient.lesions[0])
        ... )
        >>> option.eligibility.value, option.toxicity.systemic_therapy_hold_days.high
        ('caution', 0.0)
    """
    return _laser_interstitial_thermal_therapy(context.inputs)


@bounded(RECORD_CACHE_SIZE)  # memoized as _radiofrequency_ablation is
def _laser_interstitial_thermal_therapy(inputs: TreatmentInputs) -> OptionAssessment:
    lesion = inputs.lesion
    days, holds, hold_findings = _litt_holds(inputs.systemic_therapy)
    toxicity = Toxicity(
        systemic_therapy_hold_days=days,
        holds=holds,
        cord_eqd2_added_gy=0.0,
        findings=(*hold_findings, *_LITT_COMPLICATIONS),
    )
    modality = Modality.LASER_INTERSTITIAL_THERMAL_THERAPY
    rules = [
        _litt_compression_rule(lesion.escc),
        _litt_motor_rule(inputs.frankel),
        _litt_histology_rule(inputs.radiosensitive, inputs.primary),
        _litt_level_rule(lesion.levels),
        _litt_proximity_rule(input_value(lesion.distance_to_cord_mm)),
        _mechanical_rule(inputs, modality),
        *_coagulation_rules(inputs),
        _infection_rule(inputs.active_infection, modality, RYAN_2022),
    ]
    return OptionAssessment.from_rules(
        modality,
        rules,
        pain_relief=_LITT_PAIN,
        toxicity=toxicity,
        collapse_risk=_no_fracture_figure(modality, CARDIA_2023),
        local_control=_LITT_LOCAL,
        burden=_LITT_BURDEN,
    )


def assess_focused_ultrasound(context: LesionContext) -> OptionAssessment:
    """Assess MR-guided focused ultrasound (MRgFUS) of a spinal metastasis.

    Non-invasive: no coagulation or infection rule (none sourced). Not as sole therapy
    with high-grade compression or a deficit, nor with gross instability; a mobile-spine
    vertebra is contraindicated (research only); caution with pain below 4/10.

    Args:
        context: The lesion's context.

    Returns:
        The verdict, its findings and the trade-offs (response 64.3 % at 3 months vs
        20.0 % sham, sonication pain 32.1 %).

    References:
        Hurwitz MD, Ghanouni P, Kanaev SV, et al. Magnetic resonance-guided focused
        ultrasound for patients with painful bone metastases: phase III trial results.
        J Natl Cancer Inst. 2014.

        Baal JD, Chen WC, Baal U, et al. Efficacy and safety of magnetic resonance-guided
        focused ultrasound for the treatment of painful bone metastases: a systematic
        review and meta-analysis. Skeletal Radiol. 2021;50(12):2459-2469.
        doi:10.1007/s00256-021-03822-8.

        Chen L, Meyer J, Freedman G, Konski A, Ma CM. MR guided focused ultrasound for the
        palliation of bone metastases: clinical procedures and outcome. Clin Oncol.
        2017;2:1287.

    Note:
        The trial's eligibility for vertebral lesions was not read; the site rule is a
        library decision (the research note advises "not eligible until the eligibility
        text is read"). Sacral lesions were among the trial's treated sites.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient()
        >>> assess_focused_ultrasound(lesion_context(patient, patient.lesions[0])).eligibility
        <Eligibility.CONTRAINDICATED: 'contraindicated'>
    """
    return _focused_ultrasound(context.inputs)


@bounded(RECORD_CACHE_SIZE)  # memoized as _radiofrequency_ablation is
def _focused_ultrasound(inputs: TreatmentInputs) -> OptionAssessment:
    modality = Modality.FOCUSED_ULTRASOUND
    days, hold = _unsourced_holds(inputs.systemic_therapy, modality, HURWITZ_2014)
    rules = [
        _neurology(inputs, modality),
        _mechanical_rule(inputs, modality),
        _mrgfus_site_rule(inputs.lesion.levels),
        _pain_rule(inputs.lesion.worst_pain_nrs, modality, HURWITZ_2014),
    ]
    return OptionAssessment.from_rules(
        modality,
        rules,
        pain_relief=_MRGFUS_PAIN,
        toxicity=_toxicity(days, (hold,), _MRGFUS_COMPLICATIONS),
        collapse_risk=_MRGFUS_COLLAPSE,
        local_control=_MRGFUS_LOCAL,
        burden=_MRGFUS_BURDEN,
    )


def assess_vertebral_augmentation(context: LesionContext) -> OptionAssessment:
    """Assess percutaneous vertebral augmentation (vertebroplasty or kyphoplasty).

    Indicated by mechanical pain or a painful fracture without gross instability (NOMS;
    CAFE); caution without either, with a breached posterior wall or with
    out-of-range coagulation values; contraindicated as sole therapy with high-grade
    compression, a deficit or gross instability, and with active infection.

    Args:
        context: The lesion's context.

    Returns:
        The verdict, its findings and the trade-offs (relief within 3-7 days, outpatient,
        no local-control figure: it does not treat the tumor).

    References:
        Berenson J, Pflugmacher R, Jarzem P, et al. Balloon kyphoplasty versus
        non-surgical fracture management for treatment of painful vertebral body
        compression fractures in patients with cancer (CAFE). Lancet Oncol.
        2011;12(3):225-235. doi:10.1016/S1470-2045(11)70008-0.

        Laufer I, Rubin DG, Lis E, et al. The NOMS framework: approach to the treatment of
        spinal metastatic tumors. Oncologist. 2013. doi:10.1634/theoncologist.2012-0293.

        Perez JL, Ozpinar A, Agarwal N, et al. Safety and efficacy of balloon kyphoplasty
        for vertebral fractures with posterior wall disruption. Int J Spine Surg.
        2021;15(2):353.

    Note:
        SIR 2019's category for vertebroplasty was not confirmed; the high bleeding-risk
        thresholds are applied with that caveat in the finding.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient()
        >>> option = assess_vertebral_augmentation(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, option.local_control.probability is None
        ('eligible', True)
    """
    return _vertebral_augmentation(context.inputs)


@bounded(RECORD_CACHE_SIZE)  # memoized as _radiofrequency_ablation is
def _vertebral_augmentation(inputs: TreatmentInputs) -> OptionAssessment:
    modality = Modality.VERTEBRAL_AUGMENTATION
    lesion = inputs.lesion
    days, hold = _unsourced_holds(inputs.systemic_therapy, modality, SIR_2019)
    rules = [
        _neurology(inputs, modality),
        _mechanical_rule(inputs, modality),
        _augmentation_indication_rule(lesion.pain, lesion.collapse),
        _posterior_wall_rule(lesion.posterior_wall_intact, modality, PEREZ_2021),
        *_flagged_coagulation_rules(inputs),
        _infection_rule(inputs.active_infection, modality, TSOUMAKIDOU_2017),
    ]
    return OptionAssessment.from_rules(
        modality,
        rules,
        pain_relief=_AUGMENTATION_PAIN,
        toxicity=_toxicity(days, (hold,), _AUGMENTATION_COMPLICATIONS),
        collapse_risk=_AUGMENTATION_COLLAPSE,
        local_control=_AUGMENTATION_LOCAL,
        burden=_AUGMENTATION_BURDEN,
    )
