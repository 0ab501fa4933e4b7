"""NESMS cases and an independent oracle.

Cases are (patient, score, raw sum); ids name the source and whether the case is
published or worked. The NESMS papers print no worked patient that could be read,
so every case is worked from the components (Ghori 2015 as summarised; range 0-3,
Schoenfeld 2016 abstract).
"""

import pytest

from spinal_metastasis import Patient, PrimaryTumor
from tests.cases.bauer import Completion, Domains, bauer_patient, modified_domains, oracle_modified


def oracle_raw(c: Completion) -> int:
    modified = 2 if oracle_modified(c) >= 3 else 0
    albumin = c["albumin_g_per_dl"]
    assert isinstance(albumin, float)
    return modified + (c["ambulatory"] is True) + (albumin >= 3.5)


def oracle_nesms(c: Completion) -> int:
    return min(3, oracle_raw(c))


def nesms_domains(patient: Patient) -> Domains:
    """The modified Bauer inputs, ambulation, and albumin on both sides of 3.5 g/dL."""
    albumin = patient.albumin_g_per_dl
    return {
        **modified_domains(patient),
        "ambulatory": (False, True) if patient.ambulatory is None else (patient.ambulatory,),
        "albumin_g_per_dl": (3.49, 3.5) if albumin is None else (albumin,),
    }


# bauer_patient() is colon, no visceral metastases, solitary: modified Bauer 3;
# with vertebral=3 the metastases are multiple: modified Bauer 2.

NESMS_CASES = [
    pytest.param(
        bauer_patient(vertebral=3, ambulatory=False, albumin=3.49),
        0,
        0,
        id="worked: 0, modified Bauer 2, not ambulatory, albumin 3.49 (Ghori 2015 components)",
    ),
    pytest.param(
        bauer_patient(vertebral=3, ambulatory=True, albumin=3.0),
        1,
        1,
        id="worked: 1, ambulatory only (Ghori 2015 components)",
    ),
    pytest.param(
        bauer_patient(vertebral=3, ambulatory=False, albumin=3.5),
        1,
        1,
        id="boundary: albumin 3.5 g/dL scores (Ghori 2015 components)",
    ),
    pytest.param(
        bauer_patient(ambulatory=False, albumin=3.49),
        2,
        2,
        id="boundary: modified Bauer 3 scores 2 where 2 scored 0 (Ghori 2015 components)",
    ),
    pytest.param(
        bauer_patient(vertebral=3, ambulatory=True, albumin=3.5),
        2,
        2,
        id="worked: 2, ambulatory and albumin 3.5 (Ghori 2015 components)",
    ),
    pytest.param(
        bauer_patient(ambulatory=True, albumin=3.49),
        3,
        3,
        id="worked: 3 without the ceiling (Ghori 2015 components)",
    ),
    pytest.param(
        bauer_patient(primary=PrimaryTumor.BREAST, ambulatory=True, albumin=4.1),
        3,
        4,
        id="worked: raw 4 is capped at 3 (ceiling, news summary of Ghori 2015)",
    ),
]
