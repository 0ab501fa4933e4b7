"""Revised Tokuhashi cases: (patient, total, category), ids name the source.

No patient-level example from the 2005 paper could be read; every case is worked
from the paper's point table (as reproduced in NICE CG75, appendix 3) and its
survival bands, and the boundary cases sit on both sides of 8/9 and 11/12.
"""

import pytest

from spinal_metastasis import Frankel, Patient, PrimaryTumor, VisceralMetastases
from spinal_metastasis.scores.tokuhashi import TokuhashiCategory


def _patient(
    *,
    kps: int,
    extraspinal: int,
    vertebral: int,
    visceral: VisceralMetastases,
    primary: PrimaryTumor,
    frankel: Frankel,
) -> Patient:
    return Patient(
        primary=primary,
        kps=kps,
        extraspinal_bone_metastases=extraspinal,
        vertebral_metastases=vertebral,
        visceral_metastases=visceral,
        frankel=frankel,
    )


_NONE = VisceralMetastases.NONE
_TREATABLE = VisceralMetastases.TREATABLE
_UNTREATABLE = VisceralMetastases.UNTREATABLE
_SHORT = TokuhashiCategory.LESS_THAN_6_MONTHS
_MIDDLE = TokuhashiCategory.AT_LEAST_6_MONTHS
_LONG = TokuhashiCategory.AT_LEAST_1_YEAR

TOKUHASHI_CASES = [
    pytest.param(
        _patient(
            kps=80,
            extraspinal=2,
            vertebral=1,
            visceral=_NONE,
            primary=PrimaryTumor.BREAST,
            frankel=Frankel.E,
        ),
        14,  # 2 + 1 + 2 + 2 + 5 + 2
        _LONG,
        id="worked: breast, KPS 80, 2 foci, 1 vertebra, no palsy = 14 (Tokuhashi 2005 table)",
    ),
    pytest.param(
        _patient(
            kps=30,
            extraspinal=5,
            vertebral=4,
            visceral=_UNTREATABLE,
            primary=PrimaryTumor.LUNG_SMALL_CELL,
            frankel=Frankel.A,
        ),
        0,
        _SHORT,
        id="worked: minimum 0, small-cell lung is 'lung' (Tokuhashi 2005 table)",
    ),
    pytest.param(
        _patient(
            kps=100,
            extraspinal=0,
            vertebral=1,
            visceral=_NONE,
            primary=PrimaryTumor.PROSTATE,
            frankel=Frankel.E,
        ),
        15,
        _LONG,
        id="worked: maximum 15, prostate (Tokuhashi 2005 table)",
    ),
    pytest.param(
        _patient(
            kps=60,
            extraspinal=1,
            vertebral=2,
            visceral=_TREATABLE,
            primary=PrimaryTumor.KIDNEY,
            frankel=Frankel.D,
        ),
        8,  # 1 + 1 + 1 + 1 + 3 + 1
        _SHORT,
        id="boundary: 8 is < 6 months (Tokuhashi 2005 bands, NICE CG75)",
    ),
    pytest.param(
        _patient(
            kps=60,
            extraspinal=1,
            vertebral=2,
            visceral=_TREATABLE,
            primary=PrimaryTumor.KIDNEY,
            frankel=Frankel.E,
        ),
        9,  # 1 + 1 + 1 + 1 + 3 + 2
        _MIDDLE,
        id="boundary: 9 is >= 6 months (Tokuhashi 2005 bands, NICE CG75)",
    ),
    pytest.param(
        _patient(
            kps=80,
            extraspinal=1,
            vertebral=2,
            visceral=_TREATABLE,
            primary=PrimaryTumor.RECTUM,
            frankel=Frankel.E,
        ),
        11,  # 2 + 1 + 1 + 1 + 4 + 2
        _MIDDLE,
        id="boundary: 11 is >= 6 months, rectum 4 (Tokuhashi 2005 bands, NICE CG75)",
    ),
    pytest.param(
        _patient(
            kps=80,
            extraspinal=0,
            vertebral=2,
            visceral=_TREATABLE,
            primary=PrimaryTumor.RECTUM,
            frankel=Frankel.E,
        ),
        12,  # 2 + 2 + 1 + 1 + 4 + 2
        _LONG,
        id="boundary: 12 is >= 1 year (Tokuhashi 2005 bands, NICE CG75)",
    ),
    pytest.param(
        _patient(
            kps=70,
            extraspinal=3,
            vertebral=3,
            visceral=_UNTREATABLE,
            primary=PrimaryTumor.UNKNOWN_PRIMARY,
            frankel=Frankel.C,
        ),
        3,  # 1 + 0 + 0 + 0 + 1 + 1
        _SHORT,
        id="worked: unidentified primary scores 1 (Tokuhashi 2005 table)",
    ),
    pytest.param(
        _patient(
            kps=90,
            extraspinal=0,
            vertebral=1,
            visceral=_NONE,
            primary=PrimaryTumor.LYMPHOMA,
            frankel=Frankel.E,
        ),
        12,  # 2 + 2 + 2 + 2 + 2 + 2
        _LONG,
        id="worked: lymphoma scores 'others' 2 by inference (Tokuhashi 2005 table)",
    ),
]
