"""The registry of eligibility rules: which rules each modality applies, in order.

:func:`spinal_metastasis.rules` serves it. Shared rules (open-surgery fitness,
coagulation) appear under every modality that applies them.
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.rule_engine.engine import Rule
from spinal_metastasis.treatments.context import OptionFacts
from spinal_metastasis.treatments.option import Modality
from spinal_metastasis.treatments.percutaneous.rules import (
    AUGMENTATION_RULES,
    CRYOABLATION_RULES,
    FOCUSED_ULTRASOUND_RULES,
    LITT_RULES,
    MICROWAVE_RULES,
    RADIOFREQUENCY_RULES,
)
from spinal_metastasis.treatments.radiotherapy.rules import CEBRT_RULES, SBRT_RULES
from spinal_metastasis.treatments.supportive import SUPPORTIVE_RULES
from spinal_metastasis.treatments.surgery.rules import (
    CORPECTOMY_RULES,
    DECOMPRESSION_RULES,
    STABILIZATION_RULES,
)

__all__ = ["RULES", "rules_of"]

#: The rules of each modality, in the order applied.
RULES: Final[Mapping[Modality, tuple[Rule[OptionFacts], ...]]] = MappingProxyType(
    {
        Modality.CONVENTIONAL_EBRT: CEBRT_RULES,
        Modality.SBRT: SBRT_RULES,
        Modality.DECOMPRESSIVE_LAMINECTOMY: DECOMPRESSION_RULES,
        Modality.CORPECTOMY_RECONSTRUCTION: CORPECTOMY_RULES,
        Modality.POSTERIOR_STABILIZATION: STABILIZATION_RULES,
        Modality.SEPARATION_SURGERY: DECOMPRESSION_RULES,
        Modality.RADIOFREQUENCY_ABLATION: RADIOFREQUENCY_RULES,
        Modality.CRYOABLATION: CRYOABLATION_RULES,
        Modality.MICROWAVE_ABLATION: MICROWAVE_RULES,
        Modality.LASER_INTERSTITIAL_THERMAL_THERAPY: LITT_RULES,
        Modality.FOCUSED_ULTRASOUND: FOCUSED_ULTRASOUND_RULES,
        Modality.VERTEBRAL_AUGMENTATION: AUGMENTATION_RULES,
        Modality.BEST_SUPPORTIVE_CARE: SUPPORTIVE_RULES,
    }
)


def rules_of(modality: Modality | str | None) -> tuple[Rule[OptionFacts], ...]:
    """The rules of one modality, or every rule once (see :func:`spinal_metastasis.rules`)."""
    if modality is None:
        return tuple(dict.fromkeys(rule for group in RULES.values() for rule in group))
    try:
        chosen = Modality(modality)
    except ValueError:
        msg = f"'modality' must be one of {', '.join(m.value for m in Modality)} (got {modality!r})"
        raise InvalidInputError(msg, field="modality") from None
    return RULES.get(chosen, ())
