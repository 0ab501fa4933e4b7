"""Poor fitness for open surgery: performance status and the survival scores.

One reading, shared by the open-surgery options, NOMS (the systemic assessment) and
the plans: fitness is *poor* when the Karnofsky performance status is 40 or less, or
when every survival score that can be computed is in its poor band (revised Tokuhashi
0-8, Tomita 8-10, modified Bauer 0-1, Katagiri 7-10, NESMS 0).

Under unknown inputs each part is the set of values still possible: the KPS from the
recorded KPS, or the values the recorded ECOG grade pairs with; a score in its poor band
when every band it can still take is the poor one, not in it when the poor band is no
longer possible, and either otherwise. The scores are treated separately (the
possible values of "every score poor" are a superset of the joint ones: sound).

Sources: KPS 10-40 is Tokuhashi's "poor" general condition (0 points); no published
KPS cut-off for open surgery was read, so KPS <= 40 is the library's reading. Katagiri
2014 (abstract): a score of 7 or more, 27 % alive at 6 months, 6 % at 1 year.
"""

from collections.abc import Callable
from typing import Final

from attrs import frozen

from spinal_metastasis._cache import RECORD_CACHE_SIZE, bounded
from spinal_metastasis.errors import OutOfValidatedRangeError
from spinal_metastasis.model import Patient
from spinal_metastasis.performance import possible_kps
from spinal_metastasis.scores.bauer import modified_bauer
from spinal_metastasis.scores.bauer_bands import ModifiedBauerStrategy
from spinal_metastasis.scores.katagiri import KatagiriGroup, katagiri
from spinal_metastasis.scores.nesms import nesms
from spinal_metastasis.scores.tokuhashi import KPS_POOR_MAX, TokuhashiCategory, tokuhashi_revised
from spinal_metastasis.scores.tomita import TomitaCategory, tomita

__all__ = [
    "POOR_BANDS",
    "POOR_KPS_MAX",
    "FitnessReading",
    "PoorBand",
    "fitness_reading",
    "possible_fit",
]

#: Highest KPS read as poor fitness for open surgery: Tokuhashi's "poor" band (10-40 %).
#: No published open-surgery cut-off was read; this is the library's reading.
POOR_KPS_MAX: Final = KPS_POOR_MAX

_EITHER: Final = frozenset({False, True})
_YES: Final = frozenset({True})
_NO: Final = frozenset({False})


@frozen(kw_only=True)
class PoorBand:
    """The poor band of one survival score.

    Attributes:
        name: The score's name (``"Tokuhashi"``).
        label: The band as printed (``"0-8, < 6 months"``).
        score: Scores a patient (raises ``OutOfValidatedRangeError`` when it does not apply).
        poor: The band's value among the score's ``possible_categories``.
    """

    name: str
    label: str
    score: Callable[[Patient], object]
    poor: object


#: The poor band of each survival score, in the order shown.
POOR_BANDS: Final = (
    PoorBand(
        name="Tokuhashi",
        label="0-8, < 6 months",
        score=tokuhashi_revised,
        poor=TokuhashiCategory.LESS_THAN_6_MONTHS,
    ),
    PoorBand(
        name="Tomita", label="8-10, terminal care", score=tomita, poor=TomitaCategory.TERMINAL_CARE
    ),
    PoorBand(
        name="Modified Bauer",
        label="0-1, supportive care",
        score=modified_bauer,
        poor=ModifiedBauerStrategy.SUPPORTIVE_CARE,
    ),
    PoorBand(
        name="Katagiri",
        label="7-10, high risk (poor prognosis)",
        score=katagiri,
        poor=KatagiriGroup.HIGH,
    ),
    PoorBand(name="NESMS", label="0", score=nesms, poor=0),
)


@frozen(kw_only=True)
class FitnessReading:
    """What performance status and the survival scores say about fitness for open surgery.

    Attributes:
        kps_poor: Whether the KPS is 40 or less: the values still possible.
        scores_poor: Whether every computed survival score is in its poor band: the
            values still possible (no score computed: ``{False}``).
        poor: Whether fitness is poor (either of the above): the values still possible.
        scores: Each computed score with its total and whether it is in its poor band
            (``"Tokuhashi 5 (poor band 0-8, < 6 months)"``).
        missing: The unknown model fields that could change ``poor``.
        kps: The KPS as read (``"KPS 30"``, ``"KPS 30-40 (from ECOG 3)"``, ``"KPS unknown"``).
    """

    kps_poor: frozenset[bool]
    scores_poor: frozenset[bool]
    poor: frozenset[bool]
    scores: tuple[str, ...]
    missing: tuple[str, ...]
    kps: str

    @property
    def summary(self) -> str:
        """One line: the KPS and every computed score with its band."""
        return "; ".join((self.kps, *self.scores))


def _kps_text(patient: Patient, values: frozenset[int]) -> str:
    if patient.kps is not None:
        return f"KPS {patient.kps}"
    if patient.ecog is not None:
        return f"KPS {min(values)}-{max(values)} (from ECOG {patient.ecog})"
    return "KPS unknown"


_WHERE: Final = {_YES: "in its poor band", _NO: "not in its poor band"}


def _scores(patient: Patient) -> tuple[list[frozenset[bool]], list[str], list[str]]:
    """Each computed score's poor-band state, its text, and the fields of the open ones."""
    states: list[frozenset[bool]] = []
    texts: list[str] = []
    missing: list[str] = []
    for band in POOR_BANDS:
        try:
            result = band.score(patient)
        except OutOfValidatedRangeError:
            continue
        possible = frozenset(getattr(result, "possible_categories", frozenset()))
        state = frozenset(category == band.poor for category in possible)
        states.append(state)
        where = _WHERE.get(state, "possibly in its poor band")
        texts.append(f"{band.name} {getattr(result, 'points', '?')} ({where} {band.label})")
        if len(state) > 1:
            missing.extend(name for name in getattr(result, "missing", ()) if name not in missing)
    return states, texts, missing


def _all_poor(states: list[frozenset[bool]]) -> frozenset[bool]:
    if not states or any(state == _NO for state in states):
        return _NO
    return _YES if all(state == _YES for state in states) else _EITHER


@bounded(RECORD_CACHE_SIZE)
def fitness_reading(patient: Patient) -> FitnessReading:
    """Read the patient's performance status and survival scores for open-surgery fitness.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> reading = fitness_reading(example_patient())
        >>> sorted(reading.poor), reading.scores[0]
        ([False], 'Tokuhashi 14 (not in its poor band 0-8, < 6 months)')
    """
    kps_values = possible_kps(patient.kps, patient.ecog)
    kps_poor = frozenset(value <= POOR_KPS_MAX for value in kps_values)
    states, texts, score_missing = _scores(patient)
    scores_poor = _all_poor(states)
    poor = frozenset(a or b for a in kps_poor for b in scores_poor)
    missing: list[str] = []
    if len(poor) > 1:
        if len(kps_poor) > 1:
            missing.append("kps")
        if len(scores_poor) > 1:
            missing.extend(name for name in score_missing if name not in missing)
    return FitnessReading(
        kps_poor=kps_poor,
        scores_poor=scores_poor,
        poor=poor,
        scores=tuple(texts),
        missing=tuple(missing),
        kps=_kps_text(patient, kps_values),
    )


def possible_fit(patient: Patient, operable: frozenset[bool]) -> frozenset[bool]:
    """Whether open surgery is not excluded on fitness: operable and fitness not poor.

    ``operable`` is what :func:`~spinal_metastasis.pathways.possible_operable` gives
    (medically operable, expected survival of at least 3 months).
    """
    poor = fitness_reading(patient).poor
    return frozenset(fit and not bad for fit in operable for bad in poor)
