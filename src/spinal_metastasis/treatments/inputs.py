"""The inputs the treatment rules read: model fields and quantities derived from them.

Each is an :class:`~spinal_metastasis.rule_engine.engine.Input`: it declares the ``Patient`` /
``SpinalLesion`` fields it depends on and the values a completion of the unknowns can
give it, so that the rules engine can enumerate it and name, in ``missing``, the fields
a user can supply.
"""

from typing import TYPE_CHECKING, Final

from spinal_metastasis.anatomy import VertebralLevel
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.model import ESCC, Frankel
from spinal_metastasis.performance import ECOG_VALUES
from spinal_metastasis.rule_engine.engine import MODEL_FIELDS, Input, field_input, possible_values
from spinal_metastasis.treatments.context import OptionFacts

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "BELOW_CONUS",
    "DEFICIT",
    "ECOG",
    "ESCC_FIELD",
    "ESCC_GROUPING",
    "EXPECTED_SURVIVAL",
    "FITNESS_SUMMARY",
    "FRANKEL",
    "HIGH_GRADE",
    "KPS",
    "LEVELS",
    "MEDICALLY_OPERABLE",
    "OPERABLE",
    "POOR_FITNESS",
    "POSSIBLE_ECOG",
    "PRIMARY",
    "RADIOSENSITIVE",
    "SINS_FIELDS",
    "SINS_POINTS",
    "neural_structure",
]

#: The lesion fields the SINS reads.
SINS_FIELDS: Final = ("levels", "pain", "bone_lesion", "alignment", "collapse", "posterolateral")

PRIMARY: Final = field_input("primary", tuple(PrimaryTumor))
ESCC_FIELD: Final = field_input("escc", tuple(ESCC))
FRANKEL: Final = field_input("frankel", tuple(Frankel))
KPS: Final = field_input("kps", None)
ECOG: Final = field_input("ecog", None)
LEVELS: Final = field_input("levels", None)
MEDICALLY_OPERABLE: Final = field_input("medically_operable", (False, True))
EXPECTED_SURVIVAL: Final = field_input("expected_survival_years", None)

SINS_POINTS: Final[Input[OptionFacts]] = Input(
    name="sins_points",
    fields=SINS_FIELDS,
    read=lambda facts: facts.context.sins.points,
    domain=lambda points: tuple(range(points.low, points.high + 1)),  # type: ignore[attr-defined]
    description="the SINS total: every total between the lowest and highest still possible",
)
HIGH_GRADE: Final = possible_values(
    "high_grade",
    ("escc",),
    lambda facts: facts.context.high_grade,
    description="whether the epidural compression is high grade (by the ESCC grouping used)",
)
RADIOSENSITIVE: Final = possible_values(
    "radiosensitive",
    ("primary",),
    lambda facts: facts.context.radiosensitive,
    description="whether the primary responds to conventional radiotherapy (by the table used)",
)
OPERABLE: Final = possible_values(
    "operable",
    ("medically_operable", "expected_survival_years"),
    lambda facts: facts.context.operable,
    description="whether the patient can tolerate open surgery (operable, survival >= 3 months)",
)
#: The patient fields the survival scores read (with the KPS, the poor-fitness reading's).
_SCORE_FIELDS: Final = (
    "kps",
    "ecog",
    "primary",
    "age_years",
    "frankel",
    "ambulatory",
    "extraspinal_bone_metastases",
    "vertebral_metastases",
    "visceral_metastases",
    "brain_metastases",
    "disseminated_metastases",
    "hormone_dependent",
    "molecular_targeted_therapy",
    "previous_chemotherapy",
    "albumin_g_per_dl",
    "crp_mg_per_dl",
    "ldh_u_per_l",
    "platelets_10e9_per_l",
    "calcium_mg_per_dl",
    "bilirubin_mg_per_dl",
)
POOR_FITNESS: Final = possible_values(
    "poor_fitness",
    _SCORE_FIELDS,
    lambda facts: facts.context.fitness.poor,
    unknown=lambda facts: tuple(
        name for name in facts.context.fitness.missing if name in MODEL_FIELDS
    ),
    description="whether fitness for open surgery is poor (KPS <= 40, or every computed "
    "survival score in its poor band)",
)
FITNESS_SUMMARY: Final[Input[OptionFacts]] = Input(
    name="fitness_summary",
    fields=(),
    read=lambda facts: facts.context.fitness.summary,
    domain=lambda text: (text,),
    description="the KPS and the computed survival scores with their bands, as shown",
)
DEFICIT: Final = possible_values(
    "deficit",
    ("frankel",),
    lambda facts: _deficits(facts.patient.frankel),
    description="whether the patient has a neurological deficit (Frankel A-D)",
)
POSSIBLE_ECOG: Final = possible_values(
    "ecog_grade",
    ("ecog",),
    # The model accepts every ECOG grade with any recorded KPS, so a recorded KPS does not
    # narrow an unknown grade: every completion's verdict stays possible.
    lambda facts: (
        frozenset(ECOG_VALUES) if facts.patient.ecog is None else frozenset({facts.patient.ecog})
    ),
    unknown=lambda _facts: ("ecog",),
    description="the ECOG grades still possible (recorded, or any grade)",
)
ESCC_GROUPING: Final[Input[OptionFacts]] = Input(
    name="escc_grouping",
    fields=(),
    read=lambda facts: facts.context.settings.escc_grouping.name,
    domain=lambda name: (name,),
    description="the name of the ESCC grouping used",
)

_DEFICIT_FRANKEL: Final = frozenset({Frankel.A, Frankel.B, Frankel.C, Frankel.D})
_EITHER: Final = frozenset({False, True})
_YES: Final = frozenset({True})
_NO: Final = frozenset({False})


def _deficits(frankel: Frankel | None) -> frozenset[bool]:
    if frankel is None:
        return _EITHER
    return _YES if frankel in _DEFICIT_FRANKEL else _NO


#: The levels wholly below the conus medullaris: in 226 adult MRIs the cord ended between the
#: mid-portion of T12 and the L1-L2 disc (CONUS_MRI_1998), so from L2 down the lesion faces the
#: cauda equina, not the cord.
_BELOW_CONUS_LEVELS: Final = frozenset(
    tuple(VertebralLevel)[tuple(VertebralLevel).index(VertebralLevel.L2) :]
)

BELOW_CONUS: Final[Input[OptionFacts]] = Input(
    name="below_conus",
    fields=(),
    read=lambda facts: all(level in _BELOW_CONUS_LEVELS for level in facts.lesion.levels),
    domain=lambda value: (value,),
    description="whether every level of the lesion is L2 or below (cauda equina, not cord)",
)


def neural_structure(values: "Mapping[str, object]") -> str:
    """``"cauda equina"`` below the conus (L2 and below), else ``"cord"``, for a rule text."""
    return "cauda equina" if values.get("below_conus") is True else "cord"
