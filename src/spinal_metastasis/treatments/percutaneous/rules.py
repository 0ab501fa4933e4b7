"""The eligibility rules of the percutaneous procedures, declared once.

Ablation, LITT, focused ultrasound and vertebral augmentation share rules that differ only
in the option's name and source: ``ablation_rules`` and the factories below build one
:class:`~spinal_metastasis.rule_engine.engine.Rule` per option, each with its own id
(``radiofrequency_ablation.neurology``); the coagulation rules are shared
(``coagulation.platelets``). :func:`spinal_metastasis.rules` lists them.
"""

from typing import Final

from spinal_metastasis.evidence import Citation, input_value
from spinal_metastasis.model import Alignment, BoneLesion
from spinal_metastasis.rule_engine.engine import (
    Eligibility,
    Rule,
    Statement,
    Values,
    field_input,
    possible_values,
)
from spinal_metastasis.scores.sins import SinsCategory
from spinal_metastasis.sources.augmentation import PEREZ_2021, TSOUMAKIDOU_2017
from spinal_metastasis.sources.percutaneous import (
    CALLSTROM_2013,
    DUPUY_2010,
    GEMMETE_2017,
    GOETZ_2004,
    HURWITZ_2014,
    RYAN_2022,
    SAG_2022,
)
from spinal_metastasis.sources.scores import LAUFER_2013
from spinal_metastasis.treatments._common import coagulation_rules
from spinal_metastasis.treatments.context import OptionFacts
from spinal_metastasis.treatments.inputs import (
    BELOW_CONUS,
    DEFICIT,
    ESCC_FIELD,
    FRANKEL,
    HIGH_GRADE,
    SINS_FIELDS,
    SINS_POINTS,
    neural_structure,
)
from spinal_metastasis.treatments.option import Modality
from spinal_metastasis.treatments.percutaneous.figures import (
    MIN_DISTANCE_TO_CORD_MM,
    MIN_WORST_PAIN_NRS,
)
from spinal_metastasis.treatments.percutaneous.indications import (
    AUGMENTATION_INDICATION,
    LITT_COMPRESSION,
    LITT_HISTOLOGY,
    LITT_LEVEL,
    LITT_MOTOR,
    LITT_PROXIMITY,
    MRGFUS_SITE,
)

__all__ = [
    "AUGMENTATION_COAGULATION_NOTE",
    "AUGMENTATION_RULES",
    "COAGULATION",
    "CRYOABLATION_RULES",
    "FOCUSED_ULTRASOUND_RULES",
    "LITT_RULES",
    "MICROWAVE_RULES",
    "RADIOFREQUENCY_RULES",
]

_E = Eligibility.ELIGIBLE
_C = Eligibility.CAUTION
_X = Eligibility.CONTRAINDICATED
_ONLY_E: Final = frozenset({_E})
_ONLY_C: Final = frozenset({_C})
_ONLY_X: Final = frozenset({_X})
_E_OR_C: Final = frozenset({_E, _C})

ALIGNMENT: Final = field_input("alignment", tuple(Alignment))
POSTERIOR_WALL: Final = field_input("posterior_wall_intact", (False, True))
DISTANCE: Final = field_input("distance_to_cord_mm", None)
INFECTION: Final = field_input("active_infection", (False, True))
WORST_PAIN: Final = field_input("worst_pain_nrs", tuple(range(11)))
BONE_LESION: Final = field_input("bone_lesion", tuple(BoneLesion))
CARDIAC_DEVICE: Final = field_input("implanted_cardiac_device", (False, True))


# --- Rules shared by several options, one per option -------------------------------------------


def neurology_rule(modality: Modality) -> Rule[OptionFacts]:
    """High-grade ESCC or a deficit: contraindicated as sole therapy (NOMS; from memory)."""
    name = modality.label

    def says(possible: frozenset[Eligibility], values: Values) -> Statement:
        escc_grade, frankel = values["escc"], values["frankel"]
        escc = input_value(escc_grade)
        if possible == _ONLY_X:
            text = (
                f"High-grade compression (ESCC {escc}) or a neurological deficit (Frankel "
                f"{input_value(frankel)}): {name} as sole therapy is contraindicated; the lesion "
                "belongs to the decompression or radiotherapy pathway (NOMS; the clinical "
                "reference's reading, from memory)."
            )
        elif possible == _ONLY_E:
            text = (
                f"Low-grade compression (ESCC {escc}) and no neurological deficit (Frankel E): "
                f"no neurological contraindication to {name}."
            )
        else:
            text = (
                f"ESCC grade or neurological status unknown (ESCC {escc}, Frankel "
                f"{input_value(frankel)}): high-grade compression or a deficit would "
                f"contraindicate {name} as sole therapy."
            )
        return Statement(text=text, inputs={"escc": escc_grade, "frankel": frankel})

    return Rule(
        id=f"{modality.value}.neurology",
        description="NOMS: high-grade compression or a neurological deficit contraindicates "
        "the procedure as sole therapy.",
        citation=LAUFER_2013,
        reads=(HIGH_GRADE, DEFICIT),
        shows=(ESCC_FIELD, FRANKEL),
        decide=lambda v: _X if v["high_grade"] is True or v["deficit"] is True else _E,
        says=says,
    )


def _possible_gross_instability(facts: OptionFacts) -> frozenset[bool]:
    """Whether the lesion is grossly unstable (SINS 13-18 or subluxation): values still possible.

    A completion that is not unstable stays so with normal alignment (fewer points), so
    "not gross" is possible whenever alignment may be other than subluxation and a category
    below unstable is possible.
    """
    alignment, categories = facts.lesion.alignment, facts.context.sins.possible_categories
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


def _instability_unknown(facts: OptionFacts) -> tuple[str, ...]:
    names = ["alignment"] if facts.lesion.alignment is None else []
    names.extend(name for name in facts.context.sins.missing if name not in names)
    return tuple(names)


GROSS_INSTABILITY: Final = possible_values(
    "gross_instability",
    SINS_FIELDS,
    _possible_gross_instability,
    unknown=_instability_unknown,
    description="whether the lesion is grossly unstable (SINS 13-18 or subluxation)",
)


def mechanical_rule(modality: Modality) -> Rule[OptionFacts]:
    """Gross instability needs stabilization: the option alone is contraindicated (NOMS)."""
    name = modality.label

    def says(possible: frozenset[Eligibility], values: Values) -> Statement:
        sins, alignment = str(values["sins_points"]), values["alignment"]
        if possible == _ONLY_X:
            text = (
                f"Gross instability (SINS {sins}, alignment {input_value(alignment)}): it needs "
                f"stabilization, so {name} alone is contraindicated (NOMS; SINS 13-18 or "
                "subluxation as gross instability is the library's reading, from memory)."
            )
        elif possible == _ONLY_E:
            text = (
                f"No gross instability (SINS {sins}, no subluxation): no mechanical "
                f"contraindication to {name}; SINS 7 or more warrants a surgical opinion (SOSG, "
                "Fourney 2011)."
            )
        else:
            text = (
                f"Stability undetermined (SINS {sins}, alignment {input_value(alignment)}): "
                f"gross instability (SINS 13-18 or subluxation) would contraindicate {name} "
                "alone."
            )
        return Statement(text=text, inputs={"sins": sins, "alignment": alignment})

    return Rule(
        id=f"{modality.value}.gross_instability",
        description="NOMS: gross instability (SINS 13-18 or subluxation) needs stabilization; "
        "the procedure alone is contraindicated.",
        citation=LAUFER_2013,
        reads=(GROSS_INSTABILITY,),
        shows=(SINS_POINTS, ALIGNMENT),
        decide=lambda v: _X if v["gross_instability"] is True else _E,
        says=says,
    )


def posterior_wall_rule(modality: Modality, citation: Citation) -> Rule[OptionFacts]:
    """A breached posterior vertebral-body wall: caution (cement leakage, neural heat)."""
    name = modality.label

    def says(_possible: frozenset[Eligibility], values: Values) -> Statement:
        intact = values["posterior_wall_intact"]
        shown = {"posterior_wall_intact": intact}
        if intact is None:
            text = (
                f"Posterior vertebral-body wall unknown: a breach would call for caution with "
                f"{name}."
            )
        elif intact is False:
            text = (
                f"Posterior vertebral-body wall breached: caution with {name} (a posterior-wall "
                "disruption is 'often considered a relative or an absolute contraindication' to "
                "cement augmentation; the intact cortex is studied as a barrier to ablation "
                "heat)."
            )
        else:
            text = f"Posterior vertebral-body wall intact: no wall-related caution for {name}."
        return Statement(text=text, inputs=shown)

    return Rule(
        id=f"{modality.value}.posterior_wall",
        description="A breached posterior vertebral-body wall: caution (cement leakage, heat "
        "reaching the neural elements).",
        citation=citation,
        reads=(POSTERIOR_WALL,),
        decide=lambda v: _C if v["posterior_wall_intact"] is False else _E,
        says=says,
    )


_PROTECTION: Final = (
    "thermal protection needed: thermocouples in the epidural space or foramen, keeping "
    "the juxtaneural temperature between 10 and 45 °C"
)


def _distance(values: Values) -> float:
    distance = values["distance_to_cord_mm"]
    if not isinstance(distance, float):  # pragma: no cover - the field is a float
        raise TypeError(distance)
    return distance


def _distance_says(_possible: frozenset[Eligibility], values: Values) -> Statement:
    distance = values["distance_to_cord_mm"]
    shown = {"distance_to_cord_mm": distance}
    structure = neural_structure(values)
    if distance is None:
        return Statement(
            text=f"Distance from the tumor to the {structure} unknown: under "
            f"{MIN_DISTANCE_TO_CORD_MM:g} mm, {_PROTECTION}.",
            inputs=shown,
        )
    if _distance(values) < MIN_DISTANCE_TO_CORD_MM:
        return Statement(
            text=f"Tumor {distance:g} mm from the {structure}, under "
            f"{MIN_DISTANCE_TO_CORD_MM:g} mm (the "
            f"margin of early trials, from memory): {_PROTECTION} (Sag 2022).",
            inputs=shown,
            citation=SAG_2022,
        )
    return Statement(
        text=f"Tumor {distance:g} mm from the {structure}, at least the "
        f"{MIN_DISTANCE_TO_CORD_MM:g} mm "
        "margin of early ablation trials (from memory).",
        inputs=shown,
    )


#: Thermal ablation within 10 mm of the cord: caution, with thermal protection (shared).
DISTANCE_TO_CORD: Final[Rule[OptionFacts]] = Rule(
    id="thermal_ablation.distance_to_cord",
    description="Tumor within 10 mm of the cord: caution, with thermal protection (early "
    "ablation trials' margin; Sag 2022).",
    citation=DUPUY_2010,
    reads=(DISTANCE,),
    shows=(BELOW_CONUS,),
    decide=lambda v: _C if _distance(v) < MIN_DISTANCE_TO_CORD_MM else _E,
    says=_distance_says,
    when_unknown=_E_OR_C,
)


def infection_rule(modality: Modality, citation: Citation) -> Rule[OptionFacts]:
    """Active infection: contraindicated (clinical reference, from memory)."""
    name = modality.label

    def says(_possible: frozenset[Eligibility], values: Values) -> Statement:
        infection = values["active_infection"]
        shown = {"active_infection": infection}
        if infection is None:
            text = f"Infection status unknown: an active infection would contraindicate {name}."
        elif infection is True:
            text = (
                f"Active infection (at the site or uncontrolled systemic): {name} is "
                "contraindicated (clinical reference, from memory; the guideline's list was not "
                "read)."
            )
        else:
            text = f"No active infection: no infection-related contraindication to {name}."
        return Statement(text=text, inputs=shown)

    return Rule(
        id=f"{modality.value}.active_infection",
        description="Active infection (at the site or uncontrolled systemic): contraindicated.",
        citation=citation,
        reads=(INFECTION,),
        decide=lambda v: _X if v["active_infection"] is True else _E,
        says=says,
    )


def _nrs(values: Values) -> int:
    nrs = values["worst_pain_nrs"]
    if not isinstance(nrs, int):  # pragma: no cover - the domain is of scores
        raise TypeError(nrs)
    return nrs


def pain_rule(modality: Modality, citation: Citation) -> Rule[OptionFacts]:
    """Worst pain below 4/10: outside the trial populations (caution)."""
    name = modality.label

    def says(_possible: frozenset[Eligibility], values: Values) -> Statement:
        nrs = values["worst_pain_nrs"]
        shown = {"worst_pain_nrs": nrs}
        if nrs is None:
            text = (
                f"Worst pain unknown: the {name} trials enrolled worst pain of "
                f"{MIN_WORST_PAIN_NRS}/10 or more."
            )
        elif _nrs(values) < MIN_WORST_PAIN_NRS:
            text = (
                f"Worst pain {nrs}/10, below the {MIN_WORST_PAIN_NRS}/10 the {name} trials "
                "required: outside the studied population."
            )
        else:
            text = (
                f"Worst pain {nrs}/10, within the trial populations ({MIN_WORST_PAIN_NRS}/10 "
                "or more)."
            )
        return Statement(text=text, inputs=shown)

    return Rule(
        id=f"{modality.value}.worst_pain",
        description="Worst pain below 4/10: outside the trial populations (caution).",
        citation=citation,
        reads=(WORST_PAIN,),
        decide=lambda v: _C if _nrs(v) < MIN_WORST_PAIN_NRS else _E,
        says=says,
    )


def bone_lesion_rule(modality: Modality) -> Rule[OptionFacts]:
    """A blastic lesion: outside the trial populations (painful lytic or mixed)."""
    name = modality.label

    def says(_possible: frozenset[Eligibility], values: Values) -> Statement:
        quality = values["bone_lesion"]
        shown = {"bone_lesion": quality}
        if not isinstance(quality, BoneLesion):
            text = (
                f"Bone lesion quality unknown: the {name} trials treated painful osteolytic (or "
                "mixed) metastases; a blastic lesion is outside them."
            )
        elif quality is BoneLesion.BLASTIC:
            text = (
                f"Blastic lesion: outside the {name} trial populations (painful osteolytic or "
                "mixed metastases)."
            )
        else:
            text = f"{quality.value.capitalize()} lesion, the target of the ablation trials."
        return Statement(text=text, inputs=shown)

    return Rule(
        id=f"{modality.value}.bone_lesion",
        description="A blastic lesion is outside the trial populations (painful lytic or mixed): "
        "caution.",
        citation=GOETZ_2004,
        reads=(BONE_LESION,),
        decide=lambda v: _C if v["bone_lesion"] is BoneLesion.BLASTIC else _E,
        says=says,
    )


def _device_says(_possible: frozenset[Eligibility], values: Values) -> Statement:
    device = values["implanted_cardiac_device"]
    shown = {"implanted_cardiac_device": device}
    if device is None:
        text = (
            "Implanted cardiac device unknown: a pacemaker or defibrillator would need device "
            "management before radiofrequency ablation."
        )
    elif device is True:
        text = (
            "Implanted pacemaker or defibrillator: device management and cardiology input "
            "before radiofrequency ablation (from memory); grounding-pad burns occur with "
            "monopolar systems (Goetz 2004) and bipolar systems shorten the current path "
            "(from memory)."
        )
    else:
        text = "No implanted cardiac device: no device-related caution."
    return Statement(text=text, inputs=shown)


CARDIAC_DEVICE_RULE: Final[Rule[OptionFacts]] = Rule(
    id="radiofrequency_ablation.cardiac_device",
    description="Monopolar radiofrequency with a pacemaker or defibrillator: caution (device "
    "management).",
    citation=RYAN_2022,
    reads=(CARDIAC_DEVICE,),
    decide=lambda v: _C if v["implanted_cardiac_device"] is True else _E,
    says=_device_says,
)

COAGULATION: Final = coagulation_rules()
#: Added by vertebral augmentation to the statements of the shared coagulation rules.
AUGMENTATION_COAGULATION_NOTE: Final = (
    " Vertebral augmentation's 2019 SIR category was not confirmed; an older SIR scheme "
    "lists vertebroplasty as high risk, so the high-risk thresholds are applied."
)


def ablation_rules(modality: Modality) -> tuple[Rule[OptionFacts], ...]:
    """The rules shared by radiofrequency, cryo- and microwave ablation of a vertebra."""
    return (
        neurology_rule(modality),
        mechanical_rule(modality),
        posterior_wall_rule(modality, GEMMETE_2017),
        DISTANCE_TO_CORD,
        *COAGULATION,
        infection_rule(modality, RYAN_2022),
        pain_rule(modality, CALLSTROM_2013),
        bone_lesion_rule(modality),
    )


_RFA: Final = Modality.RADIOFREQUENCY_ABLATION
_LITT: Final = Modality.LASER_INTERSTITIAL_THERMAL_THERAPY
_MRGFUS: Final = Modality.FOCUSED_ULTRASOUND
_AUGMENTATION: Final = Modality.VERTEBRAL_AUGMENTATION

#: The rules of radiofrequency ablation, in the order applied.
RADIOFREQUENCY_RULES: Final = (*ablation_rules(_RFA), CARDIAC_DEVICE_RULE)
#: The rules of cryoablation.
CRYOABLATION_RULES: Final = ablation_rules(Modality.CRYOABLATION)
#: The rules of microwave ablation.
MICROWAVE_RULES: Final = ablation_rules(Modality.MICROWAVE_ABLATION)
#: The rules of spinal laser interstitial thermal therapy.
LITT_RULES: Final = (
    LITT_COMPRESSION,
    LITT_MOTOR,
    LITT_HISTOLOGY,
    LITT_LEVEL,
    LITT_PROXIMITY,
    mechanical_rule(_LITT),
    *COAGULATION,
    infection_rule(_LITT, RYAN_2022),
)
#: The rules of MR-guided focused ultrasound.
FOCUSED_ULTRASOUND_RULES: Final = (
    neurology_rule(_MRGFUS),
    mechanical_rule(_MRGFUS),
    MRGFUS_SITE,
    pain_rule(_MRGFUS, HURWITZ_2014),
)
#: The rules of vertebral augmentation.
AUGMENTATION_RULES: Final = (
    neurology_rule(_AUGMENTATION),
    mechanical_rule(_AUGMENTATION),
    AUGMENTATION_INDICATION,
    posterior_wall_rule(_AUGMENTATION, PEREZ_2021),
    *COAGULATION,
    infection_rule(_AUGMENTATION, TSOUMAKIDOU_2017),
)
