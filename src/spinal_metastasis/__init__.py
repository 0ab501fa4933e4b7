"""Decision support for metastatic spinal tumors: scores, radiobiology and treatment options.

Every function is pure, every result is frozen and carries its citations, and
unknown inputs give exact ranges instead of guesses. This library supports
clinical decisions; it does not make them, and it is not a medical device.
"""

import importlib
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from spinal_metastasis.anatomy import Region, SinsLocation, VertebralLevel
    from spinal_metastasis.assessment import (
        Assessment,
        LesionAssessment,
        PlanAssessment,
        Priority,
        Prognosis,
        RankedOption,
        assess,
        rank_options,
    )
    from spinal_metastasis.errors import (
        InvalidInputError,
        OutOfValidatedRangeError,
        SerializationError,
        SpinalMetastasisError,
    )
    from spinal_metastasis.evidence import Citation, Finding, FindingInput
    from spinal_metastasis.histology import (
        NOMS_TABLE,
        SC24_TABLE,
        PrimaryTumor,
        Radiosensitivity,
        RadiosensitivityTable,
    )
    from spinal_metastasis.histology.radiosensitivity import radiosensitivity
    from spinal_metastasis.io import (
        example_names,
        example_patient,
        from_json,
        json_schema,
        to_json,
    )
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
    from spinal_metastasis.pathways import NomsPathway, NomsResult, Stabilization, noms
    from spinal_metastasis.radiobiology import (
        SCHEDULES,
        ReirradiationCheck,
        Schedule,
        bed,
        cord_dose_history,
        eqd2,
        isoeffective_dose_gy,
        max_reirradiation_dose_gy,
        nieder_check,
        reirradiation_check,
        sbrt_cord_limit,
        sbrt_cord_limit_gy,
        schedule,
        total_eqd2_gy,
    )
    from spinal_metastasis.ranges import DayRange, ProbabilityRange, ScoreRange
    from spinal_metastasis.references import REFERENCES
    from spinal_metastasis.rule_engine import rules
    from spinal_metastasis.rule_engine.engine import Rule
    from spinal_metastasis.scores.bauer import (
        BauerGroup,
        BauerScore,
        ModifiedBauerScore,
        ModifiedBauerStrategy,
        bauer,
        modified_bauer,
    )
    from spinal_metastasis.scores.escc import (
        EsccGrade,
        EsccGrading,
        EsccGrouping,
        escc_grade,
        escc_grading,
    )
    from spinal_metastasis.scores.katagiri import KatagiriGroup, KatagiriScore, katagiri
    from spinal_metastasis.scores.nesms import NesmsScore, nesms
    from spinal_metastasis.scores.sins import SinsCategory, SinsScore, sins
    from spinal_metastasis.scores.tokuhashi import (
        TokuhashiCategory,
        TokuhashiScore,
        tokuhashi_revised,
    )
    from spinal_metastasis.scores.tomita import TomitaCategory, TomitaScore, tomita
    from spinal_metastasis.treatments.context import AssessmentSettings
    from spinal_metastasis.treatments.option import (
        Anesthesia,
        Burden,
        CollapseRisk,
        Eligibility,
        LocalControl,
        Modality,
        OptionAssessment,
        PainRelief,
        Rate,
        Toxicity,
    )

    __version__: str

__all__ = [
    "ESCC",
    "NOMS_TABLE",
    "REFERENCES",
    "SC24_TABLE",
    "SCHEDULES",
    "Alignment",
    "Anesthesia",
    "Assessment",
    "AssessmentSettings",
    "BauerGroup",
    "BauerScore",
    "BoneLesion",
    "Burden",
    "Citation",
    "Collapse",
    "CollapseRisk",
    "DayRange",
    "Eligibility",
    "EsccGrade",
    "EsccGrading",
    "EsccGrouping",
    "Finding",
    "FindingInput",
    "Fractionation",
    "Frankel",
    "InvalidInputError",
    "KatagiriGroup",
    "KatagiriScore",
    "LesionAssessment",
    "LocalControl",
    "Modality",
    "ModifiedBauerScore",
    "ModifiedBauerStrategy",
    "NesmsScore",
    "NomsPathway",
    "NomsResult",
    "OptionAssessment",
    "OutOfValidatedRangeError",
    "Pain",
    "PainRelief",
    "Patient",
    "PlanAssessment",
    "Posterolateral",
    "PrimaryTumor",
    "Priority",
    "ProbabilityRange",
    "Prognosis",
    "RadiationCourse",
    "Radiosensitivity",
    "RadiosensitivityTable",
    "RankedOption",
    "Rate",
    "Region",
    "ReirradiationCheck",
    "Rule",
    "Schedule",
    "ScoreRange",
    "SerializationError",
    "SinsCategory",
    "SinsLocation",
    "SinsScore",
    "SpinalLesion",
    "SpinalMetastasisError",
    "Stabilization",
    "SystemicAgent",
    "TokuhashiCategory",
    "TokuhashiScore",
    "TomitaCategory",
    "TomitaScore",
    "Toxicity",
    "VertebralLevel",
    "VisceralMetastases",
    "assess",
    "bauer",
    "bed",
    "cord_dose_history",
    "eqd2",
    "escc_grade",
    "escc_grading",
    "example_names",
    "example_patient",
    "from_json",
    "isoeffective_dose_gy",
    "json_schema",
    "katagiri",
    "max_reirradiation_dose_gy",
    "modified_bauer",
    "nesms",
    "nieder_check",
    "noms",
    "radiosensitivity",
    "rank_options",
    "reirradiation_check",
    "rules",
    "sbrt_cord_limit",
    "sbrt_cord_limit_gy",
    "schedule",
    "sins",
    "to_json",
    "tokuhashi_revised",
    "tomita",
    "total_eqd2_gy",
]

# Where each public name is defined. The names are imported on first use (PEP 562), so that
# ``import spinal_metastasis`` loads only this file, and a program loads only the modules it
# uses. Type checkers read the imports above.
_MODULE_OF: Final = {
    **dict.fromkeys(("Region", "SinsLocation", "VertebralLevel"), "spinal_metastasis.anatomy"),
    **dict.fromkeys(
        (
            "Assessment",
            "LesionAssessment",
            "PlanAssessment",
            "Priority",
            "Prognosis",
            "RankedOption",
            "assess",
            "rank_options",
        ),
        "spinal_metastasis.assessment",
    ),
    **dict.fromkeys(
        (
            "InvalidInputError",
            "OutOfValidatedRangeError",
            "SerializationError",
            "SpinalMetastasisError",
        ),
        "spinal_metastasis.errors",
    ),
    **dict.fromkeys(("Citation", "Finding", "FindingInput"), "spinal_metastasis.evidence"),
    **dict.fromkeys(
        ("NOMS_TABLE", "SC24_TABLE", "PrimaryTumor", "Radiosensitivity", "RadiosensitivityTable"),
        "spinal_metastasis.histology",
    ),
    **dict.fromkeys(("radiosensitivity",), "spinal_metastasis.histology.radiosensitivity"),
    **dict.fromkeys(
        ("example_names", "example_patient", "from_json", "json_schema", "to_json"),
        "spinal_metastasis.io",
    ),
    **dict.fromkeys(
        (
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
        ),
        "spinal_metastasis.model",
    ),
    **dict.fromkeys(
        ("NomsPathway", "NomsResult", "Stabilization", "noms"), "spinal_metastasis.pathways"
    ),
    **dict.fromkeys(
        (
            "SCHEDULES",
            "ReirradiationCheck",
            "Schedule",
            "bed",
            "cord_dose_history",
            "eqd2",
            "isoeffective_dose_gy",
            "max_reirradiation_dose_gy",
            "nieder_check",
            "reirradiation_check",
            "sbrt_cord_limit",
            "sbrt_cord_limit_gy",
            "schedule",
            "total_eqd2_gy",
        ),
        "spinal_metastasis.radiobiology",
    ),
    **dict.fromkeys(("DayRange", "ProbabilityRange", "ScoreRange"), "spinal_metastasis.ranges"),
    **dict.fromkeys(("Rule",), "spinal_metastasis.rule_engine.engine"),
    **dict.fromkeys(("rules",), "spinal_metastasis.rule_engine"),
    **dict.fromkeys(("REFERENCES",), "spinal_metastasis.references"),
    **dict.fromkeys(
        (
            "BauerGroup",
            "BauerScore",
            "ModifiedBauerScore",
            "ModifiedBauerStrategy",
            "bauer",
            "modified_bauer",
        ),
        "spinal_metastasis.scores.bauer",
    ),
    **dict.fromkeys(
        ("EsccGrade", "EsccGrading", "EsccGrouping", "escc_grade", "escc_grading"),
        "spinal_metastasis.scores.escc",
    ),
    **dict.fromkeys(
        ("KatagiriGroup", "KatagiriScore", "katagiri"), "spinal_metastasis.scores.katagiri"
    ),
    **dict.fromkeys(("NesmsScore", "nesms"), "spinal_metastasis.scores.nesms"),
    **dict.fromkeys(("SinsCategory", "SinsScore", "sins"), "spinal_metastasis.scores.sins"),
    **dict.fromkeys(
        ("TokuhashiCategory", "TokuhashiScore", "tokuhashi_revised"),
        "spinal_metastasis.scores.tokuhashi",
    ),
    **dict.fromkeys(("TomitaCategory", "TomitaScore", "tomita"), "spinal_metastasis.scores.tomita"),
    **dict.fromkeys(("AssessmentSettings",), "spinal_metastasis.treatments.context"),
    **dict.fromkeys(
        (
            "Anesthesia",
            "Burden",
            "CollapseRisk",
            "Eligibility",
            "LocalControl",
            "Modality",
            "OptionAssessment",
            "PainRelief",
            "Rate",
            "Toxicity",
        ),
        "spinal_metastasis.treatments.option",
    ),
}


def __getattr__(name: str) -> object:
    """Import a public name on first use; serve ``__version__`` from the package metadata."""
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - lazy on purpose

        return version("spinal-metastasis")
    module = _MODULE_OF.get(name)
    if module is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    # Bind it here, so that later uses are plain attribute lookups. Rebinding the same object
    # from two threads at once is harmless.
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """List the public names with the module's own, as if they had been imported eagerly."""
    return sorted({*globals(), *__all__})
