"""Tomita cases: (patient, total, category), ids name the source.

No patient-level example from the 2001 paper could be read; every case is worked
from the scoring table (as reproduced in open-source calculators), and the
boundary cases sit on both sides of 3/4, 5/6 and 7/8.
"""

import pytest

from spinal_metastasis import Patient, PrimaryTumor, VisceralMetastases
from spinal_metastasis.scores.tomita import TomitaCategory


def _patient(
    primary: PrimaryTumor, visceral: VisceralMetastases, vertebral: int, extraspinal: int
) -> Patient:
    return Patient(
        primary=primary,
        visceral_metastases=visceral,
        vertebral_metastases=vertebral,
        extraspinal_bone_metastases=extraspinal,
    )


_NONE = VisceralMetastases.NONE
_TREATABLE = VisceralMetastases.TREATABLE
_UNTREATABLE = VisceralMetastases.UNTREATABLE
_LONG = TomitaCategory.LONG_TERM_LOCAL_CONTROL
_MIDDLE = TomitaCategory.MIDDLE_TERM_LOCAL_CONTROL
_SHORT = TomitaCategory.SHORT_TERM_PALLIATION
_TERMINAL = TomitaCategory.TERMINAL_CARE

TOMITA_CASES = [
    pytest.param(
        _patient(PrimaryTumor.BREAST, _NONE, 1, 0),
        2,  # slow 1 + none 0 + solitary 1
        _LONG,
        id="worked: minimum 2, breast (slow) with a solitary metastasis (Tomita 2001 table)",
    ),
    pytest.param(
        _patient(PrimaryTumor.KIDNEY, _NONE, 1, 0),
        3,  # moderate 2 + none 0 + solitary 1
        _LONG,
        id="boundary: 3 is long-term local control, kidney (Tomita 2001 bands)",
    ),
    pytest.param(
        _patient(PrimaryTumor.KIDNEY, _NONE, 2, 0),
        4,  # moderate 2 + none 0 + multiple 2
        _MIDDLE,
        id="boundary: 4 is middle-term local control (Tomita 2001 bands)",
    ),
    pytest.param(
        _patient(PrimaryTumor.THYROID, _TREATABLE, 1, 3),
        5,  # slow 1 + treatable 2 + multiple 2
        _MIDDLE,
        id="boundary: 5 is middle-term local control, extraspinal foci (Tomita 2001 bands)",
    ),
    pytest.param(
        _patient(PrimaryTumor.STOMACH, _NONE, 3, 0),
        6,  # rapid 4 + none 0 + multiple 2
        _SHORT,
        id="boundary: 6 is short-term palliation, stomach (Tomita 2001 bands)",
    ),
    pytest.param(
        _patient(PrimaryTumor.LIVER, _TREATABLE, 1, 0),
        7,  # rapid 4 + treatable 2 + solitary 1
        _SHORT,
        id="boundary: 7 is short-term palliation, liver (Tomita 2001 bands)",
    ),
    pytest.param(
        _patient(PrimaryTumor.COLON, _TREATABLE, 2, 1),
        8,  # rapid 4 + treatable 2 + multiple 2
        _TERMINAL,
        id="boundary: 8 is terminal care, colon (Tomita 2001 bands)",
    ),
    pytest.param(
        _patient(PrimaryTumor.LUNG_NON_SMALL_CELL, _UNTREATABLE, 5, 4),
        10,  # rapid 4 + untreatable 4 + multiple 2
        _TERMINAL,
        id="worked: maximum 10, lung (Tomita 2001 table)",
    ),
    pytest.param(
        _patient(PrimaryTumor.UNKNOWN_PRIMARY, _NONE, 1, 0),
        5,  # rapid 4 + none 0 + solitary 1
        _MIDDLE,
        id="worked: unknown primary counts as rapid growth (Tomita 2001 table)",
    ),
    pytest.param(
        _patient(PrimaryTumor.UTERUS, _UNTREATABLE, 1, 0),
        7,  # moderate 2 + untreatable 4 + solitary 1
        _SHORT,
        id="worked: uterus (moderate), untreatable visceral metastases (Tomita 2001 table)",
    ),
]
