"""The safety rules every open operation applies: fitness, coagulation and infection.

Every rule is a :class:`~spinal_metastasis.rule_engine.engine.Rule`, listed by
:func:`spinal_metastasis.rules` under each open-surgery option;
:mod:`spinal_metastasis.treatments.surgery.rules` re-exports them with the family's other
rules.
"""

from typing import Final

from spinal_metastasis.evidence import input_value
from spinal_metastasis.pathways import SURGICAL_SURVIVAL_FLOOR_YEARS
from spinal_metastasis.rule_engine.engine import (
    Eligibility,
    Input,
    Rule,
    Statement,
    Values,
    field_input,
)
from spinal_metastasis.sources.surgery import MANGRAM_1999, NICE_NG24
from spinal_metastasis.sources.survival import KATAGIRI_2014
from spinal_metastasis.sources.treatments import PATCHELL_2005, SIR_2019
from spinal_metastasis.treatments._common import INR_HIGH_RISK_MAX
from spinal_metastasis.treatments.context import OptionFacts, SurgeryPlatelets
from spinal_metastasis.treatments.inputs import (
    EXPECTED_SURVIVAL,
    FITNESS_SUMMARY,
    KPS,
    MEDICALLY_OPERABLE,
    OPERABLE,
    POOR_FITNESS,
)
from spinal_metastasis.treatments.surgery.figures import (
    OPEN_SURGERY_PLATELETS_MIN_10E9_PER_L,
)

__all__ = [
    "FITNESS",
    "OPEN_INFECTION",
    "OPEN_INR",
    "OPEN_PLATELETS",
    "OPEN_SURGERY_SAFETY",
]

_E = Eligibility.ELIGIBLE
_C = Eligibility.CAUTION
_X = Eligibility.CONTRAINDICATED
_ONLY_E: Final = frozenset({_E})
_ONLY_C: Final = frozenset({_C})
_ONLY_X: Final = frozenset({_X})


# --- Fitness (every open-surgery option) --------------------------------------------------------

_ONLY_C_OR_X: Final = frozenset({_C, _X})
_POOR_FIGURES: Final = (
    "Katagiri 2014: a score of 7 or more, 27 % alive at 6 months and 6 % at 1 year; KPS 40 or "
    "less is Tokuhashi's poor general condition (no published open-surgery cut-off was read)"
)


def _fitness_says(possible: frozenset[Eligibility], values: Values) -> Statement:
    operable, survival = values["medically_operable"], values["expected_survival_years"]
    summary = values["fitness_summary"]
    shown = {
        "medically_operable": operable,
        "expected_survival_years": survival,
        "kps": values["kps"],
    }
    poor = values["poor_fitness"]
    if possible == _ONLY_E:
        return Statement(
            text=f"Medically operable, expected survival {input_value(survival)} years (at "
            "least 3 months), fitness not poor: within the Patchell 2005 inclusion criteria.",
            inputs=shown,
        )
    if possible == _ONLY_X:
        reasons: list[str] = []
        if isinstance(survival, float) and survival < SURGICAL_SURVIVAL_FLOOR_YEARS:
            reasons.append(f"expected survival {input_value(survival)} years, under 3 months")
        if operable is False:
            reasons.append("judged not medically operable")
        if poor == frozenset({True}):
            reasons.append(f"poor fitness ({summary})")
        return Statement(
            text="Open surgery is not tolerated: "
            + ("; ".join(reasons) or "judged unable to tolerate it")
            + " (Patchell 2005 required medical operability and at least 3 months' survival).",
            inputs=shown,
        )
    if possible == _ONLY_C:
        return Statement(
            text=f"Poor fitness ({summary}), although the team judged the patient medically "
            f"operable with an expected survival of {input_value(survival)} years: at most "
            f"caution, for the team's final word ({_POOR_FIGURES}).",
            inputs=shown,
            citation=KATAGIRI_2014,
        )
    if possible == _ONLY_C_OR_X:
        return Statement(
            text=f"Poor fitness ({summary}): open surgery is not advised. Contraindicated "
            "unless the team judges the patient medically operable with at least 3 months' "
            f"expected survival, and then at most caution ({_POOR_FIGURES}).",
            inputs=shown,
            citation=KATAGIRI_2014,
        )
    return Statement(
        text="Fitness for open surgery undetermined: Patchell 2005 required medical operability "
        "and an expected survival of at least 3 months; a KPS of 40 or less, or every survival "
        f"score in its poor band, makes it at most caution ({summary}).",
        inputs=shown,
    )


def _fitness_verdict(values: Values) -> Eligibility:
    if values["operable"] is not True:
        return _X
    return _C if values["poor_fitness"] is True else _E


FITNESS: Final[Rule[OptionFacts]] = Rule(
    id="open_surgery.fitness",
    description="Patchell 2005 inclusion: medically operable and expected survival of at "
    "least 3 months (known not to hold: contraindicated); a KPS of 40 or less, or every "
    "computed survival score in its poor band, makes it at most caution.",
    citation=PATCHELL_2005,
    reads=(OPERABLE, POOR_FITNESS),
    shows=(MEDICALLY_OPERABLE, EXPECTED_SURVIVAL, KPS, FITNESS_SUMMARY),
    decide=_fitness_verdict,
    says=_fitness_says,
)


# --- Coagulation and infection (every open-surgery option) ----------------------------------------

PLATELET_SETTING: Final[Input[OptionFacts]] = Input(
    name="surgery_platelets",
    fields=(),
    read=lambda facts: facts.context.settings.surgery_platelets,
    domain=lambda setting: (setting,),
    description="which NICE NG24 platelet threshold open spine surgery is held to",
)
_PLATELETS: Final = field_input("platelets_10e9_per_l", None)
_INR: Final = field_input("inr", None)
_E_OR_C: Final = frozenset({_E, _C})
_CORRECT_FIRST: Final = (
    "correct it first; emergency surgery (decompression for a progressing deficit) may still "
    "be needed, so this is a caution, not a contraindication"
)


def _number(values: Values, name: str) -> float:
    value = values[name]
    if not isinstance(value, float):  # pragma: no cover - the fields are floats
        raise TypeError(value)
    return value


def _platelet_minimum(values: Values) -> float:
    setting = values["surgery_platelets"]
    if not isinstance(setting, SurgeryPlatelets):  # pragma: no cover - read by the input
        raise TypeError(setting)
    return OPEN_SURGERY_PLATELETS_MIN_10E9_PER_L[setting]


def _setting_text(minimum: float) -> str:
    place = "surgery in a critical site such as the CNS" if minimum > 50 else "surgery"  # noqa: PLR2004
    return f"NICE NG24: above {minimum:g} x 10^9/L for {place}"


def _open_platelets_says(_possible: frozenset[Eligibility], values: Values) -> Statement:
    platelets = values["platelets_10e9_per_l"]
    minimum = _platelet_minimum(values)
    shown = {"platelets_10e9_per_l": platelets, "surgery_platelets": values["surgery_platelets"]}
    if platelets is None:
        text = f"Platelet count unknown ({_setting_text(minimum)})."
    elif _number(values, "platelets_10e9_per_l") <= minimum:
        text = (
            f"Platelets {platelets:g} x 10^9/L, not above {minimum:g} ({_setting_text(minimum)}): "
            f"{_CORRECT_FIRST}."
        )
    else:
        text = f"Platelets {platelets:g} x 10^9/L, above {minimum:g} ({_setting_text(minimum)})."
    return Statement(text=text, inputs=shown)


OPEN_PLATELETS: Final[Rule[OptionFacts]] = Rule(
    id="open_surgery.platelets",
    description="NICE NG24: platelets above 50 x 10^9/L for surgery (above 100 for CNS "
    "surgery, a named setting); otherwise caution (correct first).",
    citation=NICE_NG24,
    reads=(_PLATELETS, PLATELET_SETTING),
    decide=lambda v: _C if _number(v, "platelets_10e9_per_l") <= _platelet_minimum(v) else _E,
    says=_open_platelets_says,
    when_unknown=_E_OR_C,
)

_ANALOGY: Final = (
    "SIR 2019's percutaneous high bleeding-risk threshold (1.5-1.8 or less; 1.5 used), used by "
    "analogy: no open-surgery INR threshold was read"
)


def _open_inr_says(_possible: frozenset[Eligibility], values: Values) -> Statement:
    inr = values["inr"]
    shown = {"inr": inr}
    if inr is None:
        text = f"INR unknown ({_ANALOGY})."
    elif _number(values, "inr") > INR_HIGH_RISK_MAX:
        text = f"INR {inr:g}, above 1.5 ({_ANALOGY}): {_CORRECT_FIRST}."
    else:
        text = f"INR {inr:g}, 1.5 or less ({_ANALOGY})."
    return Statement(text=text, inputs=shown)


OPEN_INR: Final[Rule[OptionFacts]] = Rule(
    id="open_surgery.inr",
    description="INR above 1.5: caution (correct first); SIR 2019's percutaneous threshold "
    "used by analogy, no open-surgery threshold having been read.",
    citation=SIR_2019,
    reads=(_INR,),
    decide=lambda v: _C if _number(v, "inr") > INR_HIGH_RISK_MAX else _E,
    says=_open_inr_says,
    when_unknown=_E_OR_C,
)

_INFECTION: Final = field_input("active_infection", (False, True))


def _open_infection_says(_possible: frozenset[Eligibility], values: Values) -> Statement:
    infection = values["active_infection"]
    shown = {"active_infection": infection}
    if infection is True:
        text = (
            "Active infection: treat it first and postpone elective surgery (CDC/HICPAC, "
            "recalled, not read); emergency decompression may still be needed, so this is a "
            "caution, not a contraindication."
        )
    elif infection is False:
        text = "No active infection: no infection-related reason to postpone surgery."
    else:
        text = (
            "Infection status unknown: an active infection would be treated first, elective "
            "surgery postponed (emergency decompression may still be needed)."
        )
    return Statement(text=text, inputs=shown)


OPEN_INFECTION: Final[Rule[OptionFacts]] = Rule(
    id="open_surgery.active_infection",
    description="Active infection: caution (treat first, postpone elective surgery; "
    "emergency decompression may still be needed).",
    citation=MANGRAM_1999,
    reads=(_INFECTION,),
    decide=lambda v: _C if v["active_infection"] is True else _E,
    says=_open_infection_says,
)

#: The coagulation and infection rules every open operation applies (after fitness and the
#: indication, so that the first deciding rule of an unfit patient stays fitness).
OPEN_SURGERY_SAFETY: Final = (OPEN_PLATELETS, OPEN_INR, OPEN_INFECTION)
