"""Katagiri 2014 cases and an independent oracle.

Cases are (patient, total, group); ids name the source and whether the case is
published or worked. The paper's own patients were not readable, so every case is
worked from the point table (Katagiri 2014 as reproduced) and its cut-offs.
"""

from typing import Any

import pytest

from spinal_metastasis import Patient, PrimaryTumor, SpinalLesion, VertebralLevel
from spinal_metastasis import VisceralMetastases as V
from spinal_metastasis.scores.katagiri import KatagiriGroup
from tests.cases.bauer import Completion, Domains, count_domains

# --- Oracle, written from the Katagiri 2014 table (as reproduced) ------------------------------

SLOW, MODERATE, RAPID = 0, 2, 3
ORACLE_PRIMARY = {
    "thyroid": SLOW,
    "myeloma": SLOW,
    "lymphoma": SLOW,
    "kidney": MODERATE,
    "sarcoma": MODERATE,
    "osteosarcoma": MODERATE,
    "uterus": MODERATE,
    "ovary": MODERATE,
    "germ_cell": MODERATE,
    "neuroendocrine": MODERATE,
    "other": MODERATE,
    "colon": RAPID,
    "rectum": RAPID,
    "stomach": RAPID,
    "pancreas": RAPID,
    "head_and_neck": RAPID,
    "esophagus": RAPID,
    "liver": RAPID,
    "melanoma": RAPID,
    "unknown_primary": RAPID,
    "bladder": RAPID,
    "gallbladder": RAPID,
    "cervix": RAPID,
}
# KPS -> ECOG grades paired by Ma 2010 or Prasad 2018 (abstracts).
ORACLE_ECOG = {100: {0}, 90: {1}, 80: {1}, 70: {2}, 60: {2, 3}, 50: {3}, 40: {3, 4}}
ORACLE_ECOG |= {30: {4}, 20: {4}, 10: {4}, 0: {5}}
# Each unknown laboratory value is completed on both sides of its cut-off.
LAB_SIDES = {
    "crp_mg_per_dl": (0.39, 0.4),
    "ldh_u_per_l": (249.0, 250.0),
    "albumin_g_per_dl": (3.69, 3.7),
    "platelets_10e9_per_l": (99.9, 100.0),
    "calcium_mg_per_dl": (10.29, 10.3),
    "bilirubin_mg_per_dl": (1.39, 1.4),
}


def _v(item: object) -> object:
    return getattr(item, "value", item)


def oracle_primary(c: Completion) -> int:
    primary = _v(c["primary"])
    if primary in {"breast", "prostate"}:
        return SLOW if c["hormone_dependent"] else MODERATE
    if primary in {"lung_non_small_cell", "lung_small_cell"}:
        return MODERATE if c["molecular_targeted_therapy"] else RAPID
    return ORACLE_PRIMARY[str(primary)]


def oracle_labs(c: Completion) -> int:
    f: Any = c
    critical = (
        f["platelets_10e9_per_l"] < 100
        or f["calcium_mg_per_dl"] >= 10.3
        or f["bilirubin_mg_per_dl"] >= 1.4
    )
    abnormal = f["crp_mg_per_dl"] >= 0.4 or f["ldh_u_per_l"] >= 250 or f["albumin_g_per_dl"] < 3.7
    return 2 if critical else int(abnormal)


def oracle_katagiri(c: Completion) -> int:
    f: Any = c
    if f["disseminated_metastases"]:
        visceral = 2
    else:
        visceral = int(_v(f["visceral_metastases"]) != "none" or f["brain_metastases"])
    return int(
        oracle_primary(c)
        + visceral
        + oracle_labs(c)
        + (f["ecog"] in (3, 4))
        + bool(f["previous_chemotherapy"])
        + (f["vertebral_metastases"] + f["extraspinal_bone_metastases"] > 1)
    )


def oracle_group(total: int) -> KatagiriGroup:
    if total <= 3:
        return KatagiriGroup.LOW
    return KatagiriGroup.INTERMEDIATE if total <= 6 else KatagiriGroup.HIGH


def _both(value: object) -> tuple[object, ...]:
    return (False, True) if value is None else (value,)


def katagiri_domains(patient: Patient) -> Domains:
    """Every Katagiri input: one value when known; every value, class or side when not."""
    if patient.ecog is not None:
        ecog: tuple[object, ...] = (patient.ecog,)
    elif patient.kps is not None:
        ecog = tuple(sorted(ORACLE_ECOG[patient.kps] - {5}))
    else:
        ecog = (0, 1, 2, 3, 4)
    domains: Domains = {
        "primary": (patient.primary,) if patient.primary else tuple(PrimaryTumor),
        "hormone_dependent": _both(patient.hormone_dependent),
        "molecular_targeted_therapy": _both(patient.molecular_targeted_therapy),
        "visceral_metastases": (patient.visceral_metastases,)
        if patient.visceral_metastases
        else tuple(V),
        "brain_metastases": _both(patient.brain_metastases),
        "disseminated_metastases": _both(patient.disseminated_metastases),
        "ecog": ecog,
        "previous_chemotherapy": _both(patient.previous_chemotherapy),
        **count_domains(patient),
    }
    for name, sides in LAB_SIDES.items():
        value = getattr(patient, name)
        domains[name] = sides if value is None else (value,)
    return domains


# --- Cases ------------------------------------------------------------------------------------

NORMAL_LABS = {
    "albumin_g_per_dl": 4.0,
    "crp_mg_per_dl": 0.1,
    "ldh_u_per_l": 200.0,
    "platelets_10e9_per_l": 250.0,
    "calcium_mg_per_dl": 9.5,
    "bilirubin_mg_per_dl": 0.5,
}


def katagiri_patient(**changes: Any) -> Patient:
    """A patient scoring 0 (thyroid, no visceral disease, normal labs, ECOG 0), changed."""
    fields: dict[str, Any] = {
        "primary": PrimaryTumor.THYROID,
        "lesions": (SpinalLesion(levels=(VertebralLevel.L2,)),),
        "visceral_metastases": V.NONE,
        "brain_metastases": False,
        "disseminated_metastases": False,
        "hormone_dependent": None,
        "molecular_targeted_therapy": None,
        "ecog": 0,
        "previous_chemotherapy": False,
        "vertebral_metastases": 1,
        "extraspinal_bone_metastases": 0,
        **NORMAL_LABS,
    }
    fields.update(changes)
    return Patient(**fields)


_L, _I, _H = KatagiriGroup.LOW, KatagiriGroup.INTERMEDIATE, KatagiriGroup.HIGH
_COLON = {"primary": PrimaryTumor.COLON}

KATAGIRI_CASES = [
    pytest.param(katagiri_patient(), 0, _L, id="worked: minimum 0 (Katagiri 2014 table)"),
    pytest.param(
        katagiri_patient(
            primary=PrimaryTumor.LUNG_NON_SMALL_CELL,
            molecular_targeted_therapy=False,
            disseminated_metastases=True,
            platelets_10e9_per_l=50.0,
            albumin_g_per_dl=3.0,
            ecog=4,
            previous_chemotherapy=True,
            extraspinal_bone_metastases=5,
        ),
        10,
        _H,
        id="worked: maximum 10 (Katagiri 2014 table)",
    ),
    pytest.param(katagiri_patient(**_COLON), 3, _L, id="boundary: 3 is low risk (abstract <=3)"),
    pytest.param(
        katagiri_patient(**_COLON, brain_metastases=True),
        4,
        _I,
        id="boundary: 4 is intermediate (Katagiri 2014 groups)",
    ),
    pytest.param(
        katagiri_patient(**_COLON, brain_metastases=True, crp_mg_per_dl=1.0, ecog=3),
        6,
        _I,
        id="boundary: 6 is intermediate (Katagiri 2014 groups)",
    ),
    pytest.param(
        katagiri_patient(
            **_COLON, brain_metastases=True, crp_mg_per_dl=1.0, ecog=3, vertebral_metastases=2
        ),
        7,
        _H,
        id="boundary: 7 is high risk (abstract >=7)",
    ),
    # Primary groups.
    pytest.param(
        katagiri_patient(primary=PrimaryTumor.BREAST, hormone_dependent=True),
        0,
        _L,
        id="worked: hormone-dependent breast is slow growth (Katagiri 2014 table)",
    ),
    pytest.param(
        katagiri_patient(primary=PrimaryTumor.PROSTATE, hormone_dependent=False),
        2,
        _L,
        id="worked: hormone-independent prostate is moderate growth (Katagiri 2014 table)",
    ),
    pytest.param(
        katagiri_patient(primary=PrimaryTumor.LUNG_NON_SMALL_CELL, molecular_targeted_therapy=True),
        2,
        _L,
        id="worked: lung with targeted therapy is moderate growth (Katagiri 2014 table)",
    ),
    pytest.param(
        katagiri_patient(primary=PrimaryTumor.KIDNEY),
        2,
        _L,
        id="worked: renal cell is moderate growth (Katagiri 2014 table)",
    ),
    pytest.param(
        katagiri_patient(primary=PrimaryTumor.LIVER, visceral_metastases=V.UNTREATABLE),
        4,
        _I,
        id="worked: hepatocellular rapid, nodular visceral (Katagiri 2014 table)",
    ),
    # Laboratory cut-offs at the value and just beside it.
    *(
        pytest.param(
            katagiri_patient(**{name: value}),
            points,
            _L,
            id=f"boundary: {name} {value:g} scores {points} (Katagiri 2014 cut-offs)",
        )
        for name, value, points in [
            ("albumin_g_per_dl", 3.7, 0),
            ("albumin_g_per_dl", 3.69, 1),
            ("crp_mg_per_dl", 0.4, 1),
            ("crp_mg_per_dl", 0.39, 0),
            ("ldh_u_per_l", 250.0, 1),
            ("ldh_u_per_l", 249.9, 0),
            ("platelets_10e9_per_l", 100.0, 0),
            ("platelets_10e9_per_l", 99.9, 2),
            ("calcium_mg_per_dl", 10.3, 2),
            ("calcium_mg_per_dl", 10.29, 0),
            ("bilirubin_mg_per_dl", 1.4, 2),
            ("bilirubin_mg_per_dl", 1.39, 0),
        ]
    ),
    pytest.param(
        katagiri_patient(albumin_g_per_dl=3.0, crp_mg_per_dl=2.0, calcium_mg_per_dl=11.0),
        2,
        _L,
        id="worked: critical takes precedence over abnormal (Katagiri 2014 table)",
    ),
    # Performance status.
    pytest.param(katagiri_patient(ecog=2), 0, _L, id="boundary: ECOG 2 scores 0 (table)"),
    pytest.param(katagiri_patient(ecog=3), 1, _L, id="boundary: ECOG 3 scores 1 (table)"),
    pytest.param(
        katagiri_patient(ecog=None, kps=50),
        1,
        _L,
        id="worked: KPS 50 without ECOG is ECOG 3 (Ma 2010, Prasad 2018)",
    ),
    pytest.param(
        katagiri_patient(ecog=None, kps=70),
        0,
        _L,
        id="worked: KPS 70 without ECOG is ECOG 2 (Ma 2010, Prasad 2018)",
    ),
]
