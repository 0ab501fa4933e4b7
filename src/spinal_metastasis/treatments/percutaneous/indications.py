"""The eligibility rules of one percutaneous option each.

Spinal LITT, focused ultrasound and vertebral augmentation: their indications and the limits
of their series.

Listed with the shared rules by :func:`spinal_metastasis.rules`.
"""

from typing import Final

from spinal_metastasis.anatomy import Region, VertebralLevel, format_levels
from spinal_metastasis.evidence import input_value
from spinal_metastasis.model import ESCC, Collapse, Frankel, Pain
from spinal_metastasis.rule_engine.engine import (
    Eligibility,
    Rule,
    Statement,
    Values,
    field_input,
)
from spinal_metastasis.sources.augmentation import BERENSON_2011
from spinal_metastasis.sources.percutaneous import (
    BASTOS_2021,
    CHEN_2017,
    TATSUI_2015,
    TATSUI_2016,
    VEGA_2019,
)
from spinal_metastasis.treatments.context import OptionFacts
from spinal_metastasis.treatments.inputs import (
    BELOW_CONUS,
    ESCC_FIELD,
    FRANKEL,
    LEVELS,
    PRIMARY,
    RADIOSENSITIVE,
    neural_structure,
)
from spinal_metastasis.treatments.percutaneous.figures import (
    FRACTURE,
    LITT_FEW_TREATED_FRANKEL,
    LITT_MIN_ESCC,
    LITT_UNTREATED_FRANKEL,
    MRGFUS_TREATED_REGIONS,
)

__all__ = [
    "AUGMENTATION_INDICATION",
    "LITT_COMPRESSION",
    "LITT_HISTOLOGY",
    "LITT_LEVEL",
    "LITT_MOTOR",
    "LITT_PROXIMITY",
    "MRGFUS_SITE",
    "augmentation_indicated",
]

_E = Eligibility.ELIGIBLE
_C = Eligibility.CAUTION
_X = Eligibility.CONTRAINDICATED
_ONLY_E: Final = frozenset({_E})
_ONLY_C: Final = frozenset({_C})

PAIN: Final = field_input("pain", tuple(Pain))
COLLAPSE: Final = field_input("collapse", tuple(Collapse))
DISTANCE: Final = field_input("distance_to_cord_mm", None)


# --- LITT ---------------------------------------------------------------------------------------


def _escc(values: Values) -> ESCC:
    escc = values["escc"]
    if not isinstance(escc, ESCC):  # pragma: no cover - the domain is of grades
        raise TypeError(escc)
    return escc


def _litt_compression_says(_possible: frozenset[Eligibility], values: Values) -> Statement:
    escc = values["escc"]
    shown = {"escc": escc}
    if not isinstance(escc, ESCC):
        text = (
            f"ESCC grade unknown: spinal LITT is designed for epidural compression (ESCC "
            f"{LITT_MIN_ESCC.label} or higher, then spinal radiosurgery)."
        )
    elif escc.order >= LITT_MIN_ESCC.order:
        text = (
            f"ESCC {escc.label}: epidural compression, the indication of spinal LITT (ESCC "
            f"{LITT_MIN_ESCC.label} or higher in 92 % of the first 120 procedures), always "
            "followed by spinal radiosurgery."
        )
    else:
        text = (
            f"ESCC {escc.label}: below {LITT_MIN_ESCC.label}, outside the usual indication of "
            "spinal LITT (92 % of the first 120 procedures were 1c or higher); without epidural "
            "disease to separate, radiotherapy alone is the NOMS pathway."
        )
    return Statement(text=text, inputs=shown)


LITT_COMPRESSION: Final[Rule[OptionFacts]] = Rule(
    id="laser_interstitial_thermal_therapy.epidural_compression",
    description="Spinal LITT is designed for epidural compression: below ESCC 1c, caution.",
    citation=BASTOS_2021,
    reads=(ESCC_FIELD,),
    decide=lambda v: _E if _escc(v).order >= LITT_MIN_ESCC.order else _C,
    says=_litt_compression_says,
)


def _frankel(values: Values) -> Frankel:
    frankel = values["frankel"]
    if not isinstance(frankel, Frankel):  # pragma: no cover - the domain is of grades
        raise TypeError(frankel)
    return frankel


def _litt_motor_verdict(values: Values) -> Eligibility:
    frankel = _frankel(values)
    if frankel in LITT_UNTREATED_FRANKEL:
        return _X
    return _C if frankel in LITT_FEW_TREATED_FRANKEL else _E


def _litt_motor_says(_possible: frozenset[Eligibility], values: Values) -> Statement:
    frankel = values["frankel"]
    shown = {"frankel": frankel}
    if not isinstance(frankel, Frankel):
        return Statement(
            text="Frankel grade unknown: spinal LITT was studied mostly in patients without "
            "motor deficit.",
            inputs=shown,
        )
    if frankel in LITT_UNTREATED_FRANKEL:
        return Statement(
            text=f"Frankel {frankel.value.upper()}: no such patient among the first 120 spinal "
            "LITT procedures (Frankel E 91.7 %, D 6.7 %, C 1.7 %); LITT relieves compression "
            "over weeks, so the deficit belongs to surgical decompression or radiotherapy.",
            inputs=shown,
        )
    if frankel in LITT_FEW_TREATED_FRANKEL:
        return Statement(
            text=f"Frankel {frankel.value.upper()}: a motor deficit, rare in the spinal LITT "
            "series (D 6.7 %, C 1.7 % of the first 120 procedures; none in Tatsui 2016); weigh "
            "surgical decompression.",
            inputs=shown,
        )
    return Statement(
        text="Frankel E: no motor deficit, as in the published spinal LITT patients.",
        inputs=shown,
        citation=TATSUI_2016,
    )


LITT_MOTOR: Final[Rule[OptionFacts]] = Rule(
    id="laser_interstitial_thermal_therapy.motor_deficit",
    description="Spinal LITT series: Frankel A-B untreated (contraindicated), C-D rare (caution).",
    citation=BASTOS_2021,
    reads=(FRANKEL,),
    decide=_litt_motor_verdict,
    says=_litt_motor_says,
)


def _litt_histology_says(possible: frozenset[Eligibility], values: Values) -> Statement:
    if possible == _ONLY_C:
        text = (
            "Radiosensitive primary: NOMS sends it to conventional radiotherapy whatever the "
            "compression; spinal LITT was studied in radioresistant tumors."
        )
    elif possible == _ONLY_E:
        text = (
            "Radioresistant primary, as in the spinal LITT series (an alternative to "
            "separation surgery before radiosurgery)."
        )
    else:
        text = (
            "Radiosensitivity unknown: spinal LITT was studied in radioresistant tumors; a "
            "radiosensitive one goes to conventional radiotherapy under NOMS."
        )
    return Statement(text=text, inputs={"primary": values["primary"]})


LITT_HISTOLOGY: Final[Rule[OptionFacts]] = Rule(
    id="laser_interstitial_thermal_therapy.radiosensitive_histology",
    description="Spinal LITT was studied in radioresistant tumors; a radiosensitive primary "
    "goes to conventional radiotherapy (caution).",
    citation=TATSUI_2015,
    reads=(RADIOSENSITIVE,),
    shows=(PRIMARY,),
    decide=lambda v: _C if v["radiosensitive"] is True else _E,
    says=_litt_histology_says,
)


def _levels(values: Values) -> tuple[VertebralLevel, ...]:
    levels = values["levels"]
    if not isinstance(levels, tuple):  # pragma: no cover - levels are always known
        raise TypeError(levels)
    return levels


def _regions(values: Values) -> set[Region]:
    return {level.region for level in _levels(values)}


def _litt_level_says(_possible: frozenset[Eligibility], values: Values) -> Statement:
    regions, label = _regions(values), format_levels(_levels(values))
    shown = {"levels": label}
    if regions <= {Region.THORACIC}:
        text = f"{label}: thoracic, where most spinal LITT was done (87 of the first 100)."
    elif regions & {Region.LUMBAR, Region.SACRAL}:
        text = (
            f"{label}: lumbar or sacral levels carry motor roots; nerve-root palsy occurred "
            "in 3 early lumbar spinal LITT cases, after which such levels were avoided."
        )
    else:
        text = (
            f"{label}: cervical levels carry motor roots; only 5 of the first 100 spinal LITT "
            "cases were cervical, and levels with motor roots were avoided."
        )
    return Statement(text=text, inputs=shown)


LITT_LEVEL: Final[Rule[OptionFacts]] = Rule(
    id="laser_interstitial_thermal_therapy.motor_root_levels",
    description="Levels with motor roots (cervical, lumbar, sacral): caution (nerve-root "
    "palsies in early lumbar cases).",
    citation=VEGA_2019,
    reads=(LEVELS,),
    decide=lambda v: _E if _regions(v) <= {Region.THORACIC} else _C,
    says=_litt_level_says,
)

LITT_PROXIMITY: Final[Rule[OptionFacts]] = Rule(
    id="laser_interstitial_thermal_therapy.cord_proximity",
    description="For LITT, closeness to the cord is expected (probe in the epidural space): "
    "the ablation distance rule does not apply.",
    citation=TATSUI_2015,
    reads=(),
    shows=(DISTANCE, BELOW_CONUS),
    decide=lambda _v: _E,
    says=lambda _possible, values: Statement(
        text=f"Closeness to the {neural_structure(values)} is expected in spinal LITT: the laser "
        "probe is placed about "
        "6 mm from the dura under real-time thermal MRI, so the ablation distance rule does "
        "not apply.",
        inputs={"distance_to_cord_mm": values["distance_to_cord_mm"]},
    ),
)


# --- Focused ultrasound and vertebral augmentation ----------------------------------------------


def _mrgfus_says(_possible: frozenset[Eligibility], values: Values) -> Statement:
    regions, label = _regions(values), format_levels(_levels(values))
    shown = {"levels": label}
    if regions <= MRGFUS_TREATED_REGIONS:
        return Statement(
            text=f"{label}: sacral, among the sites treated in the phase III focused-ultrasound "
            "trial (BM004).",
            inputs=shown,
        )
    return Statement(
        text=f"{label}: a mobile-spine vertebra. No vertebral body is reported among the "
        "focused-ultrasound trial's treated sites and its eligibility text was not read; "
        "facet ablation is only preclinical. Treated as research only until the eligibility "
        "is read (library decision).",
        inputs=shown,
    )


MRGFUS_SITE: Final[Rule[OptionFacts]] = Rule(
    id="focused_ultrasound.site",
    description="MRgFUS: mobile-spine vertebrae are research only (no vertebral site in the "
    "BM004 trial; library decision); sacral lesions eligible.",
    citation=CHEN_2017,
    reads=(LEVELS,),
    decide=lambda v: _E if _regions(v) <= MRGFUS_TREATED_REGIONS else _X,
    says=_mrgfus_says,
)


def augmentation_indicated(pain: object, collapse: object) -> bool:
    """Mechanical pain (NOMS), or a fracture that hurts (CAFE: painful fractures)."""
    return pain is Pain.MECHANICAL or (
        pain is Pain.OCCASIONAL_NON_MECHANICAL and collapse in FRACTURE
    )


def _augmentation_says(possible: frozenset[Eligibility], values: Values) -> Statement:
    pain, collapse = values["pain"], values["collapse"]
    found = f"Pain {input_value(pain)}, collapse {input_value(collapse)}"
    if possible == _ONLY_E:
        text = (
            f"{found}: mechanical pain or a painful fracture, the indication of cement "
            "augmentation (NOMS; CAFE)."
        )
    elif possible == _ONLY_C:
        text = (
            f"{found}: neither mechanical pain nor a painful fracture; no source supporting "
            "prophylactic augmentation was found."
        )
    else:
        text = f"{found}: mechanical pain or a painful fracture would indicate cement augmentation."
    return Statement(text=text, inputs={"pain": pain, "collapse": collapse})


AUGMENTATION_INDICATION: Final[Rule[OptionFacts]] = Rule(
    id="vertebral_augmentation.indication",
    description="NOMS, CAFE: mechanical pain or a painful fracture indicates cement "
    "augmentation; otherwise caution.",
    citation=BERENSON_2011,
    reads=(PAIN, COLLAPSE),
    decide=lambda v: _E if augmentation_indicated(v["pain"], v["collapse"]) else _C,
    says=_augmentation_says,
)
