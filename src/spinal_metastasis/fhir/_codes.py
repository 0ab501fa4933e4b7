"""The codes the FHIR mapping reads and writes, each with the source it was checked in.

Every SNOMED CT, LOINC, ICD-10-CM and ICD-O-3 code here was read in one of these sources
(the key in the comment beside each table):

- ``mcode-fsh``: the mCODE STU4 (4.0.0) implementation guide's FSH sources,
  HL7/fhir-mCODE-ig, ``input/fsh``: ``SD_*.fsh`` (profiles), ``VS_CancerCondition.fsh``
  (the ICD-10-CM codes of PrimaryMalignantNeoplasmDisorderVS and SecondaryCancerDisorderVS),
  ``VS_Radiotherapy.fsh`` and ``CM_TG263.fsh`` (the vertebral body structures of
  RadiotherapyTreatmentLocationVS and the TG263 concept map), ``VS_Genomics.fsh`` (LDH),
  ``EX_*.fsh`` (the examples).
- ``loinc-labs``: public FHIR implementation guides that bind the laboratory codes:
  HL7/Vulcan-schedule-ig (``LOINC-1751-7``, ``LOINC-17861-6`` ObservationDefinitions),
  Outburn-IL/Project-IGs (LRC referral codes: 17861-6, 1751-7, 1975-2),
  gematik/spec-ISiK-Labor (CRP: 1988-5), hl7ch/ch-epreg and nmdp-ig/cibmtr-reporting-ig
  (platelets: 777-3, 26515-7).
- ``synthea``: the Synthea oncology modules, synthetichealth/synthea
  ``src/main/resources/modules/lung_cancer.json`` and ``colorectal_cancer.json`` (SNOMED CT
  disorders of lung and colon cancer as synthetic mCODE records carry them).
- ``ohdsi``: SNOMED CT 399068003 "Malignant tumor of prostate" in an OHDSI concept set, and
  254900004 "Prostate cancer" in DICOM CID 6313 (bvdh/dicom-terminology-in-fhir).
- ``seer-mph``: the SEER multiple primary and histology rules as coded in
  imsweb/mph (lung rule M4: non-small cell carcinoma 8046, small cell carcinoma
  8041-8045; adenocarcinoma histologies of the lung rules).

Codes the standards do not define (the SINS items, the ESCC grade, the scores, the options)
come from the project's own code system, :data:`CODE_SYSTEM_URL`
(see :mod:`spinal_metastasis.fhir._codesystem`).
"""

from types import MappingProxyType
from typing import Final

from spinal_metastasis.anatomy import VertebralLevel
from spinal_metastasis.histology import PrimaryTumor

__all__: list[str] = []

# --- Code systems (mcode-fsh, AL_CodeSystems.fsh) -------------------------------------------

SNOMED: Final = "http://snomed.info/sct"
LOINC: Final = "http://loinc.org"
UCUM: Final = "http://unitsofmeasure.org"
ICD10CM: Final = "http://hl7.org/fhir/sid/icd-10-cm"
ICDO3: Final = "http://terminology.hl7.org/CodeSystem/icd-o-3"
OBSERVATION_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/condition-category"
CONDITION_CLINICAL: Final = "http://terminology.hl7.org/CodeSystem/condition-clinical"
DATA_ABSENT_REASON: Final = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
DATA_ABSENT_REASON_EXTENSION: Final = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
PROVENANCE_PARTICIPANT: Final = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"

#: The project's code system, for what the standards do not code (published by this module).
CODE_SYSTEM_URL: Final = (
    "https://spinal-metastasis.readthedocs.io/fhir/CodeSystem/spinal-metastasis"
)

# --- Profiles (mcode-fsh: the Id of each Profile, under the IG's canonical) -----------------

_MCODE: Final = "http://hl7.org/fhir/us/mcode/StructureDefinition/"
CANCER_PATIENT: Final = _MCODE + "mcode-cancer-patient"
PRIMARY_CANCER_CONDITION: Final = _MCODE + "mcode-primary-cancer-condition"
SECONDARY_CANCER_CONDITION: Final = _MCODE + "mcode-secondary-cancer-condition"
ECOG_PERFORMANCE_STATUS: Final = _MCODE + "mcode-ecog-performance-status"
KARNOFSKY_PERFORMANCE_STATUS: Final = _MCODE + "mcode-karnofsky-performance-status"
RADIOTHERAPY_COURSE_SUMMARY: Final = _MCODE + "mcode-radiotherapy-course-summary"
RADIOTHERAPY_VOLUME: Final = _MCODE + "mcode-radiotherapy-volume"
HISTOLOGIC_BEHAVIOR_AND_TYPE: Final = _MCODE + "mcode-histologic-behavior-and-type"
# Extensions (mcode-fsh: SD_Extensions.fsh, SD_Radiotherapy.fsh, SD_Condition.fsh).
HISTOLOGY_EXTENSION: Final = _MCODE + "mcode-histology-morphology-behavior"
RELATED_CONDITION_EXTENSION: Final = _MCODE + "mcode-related-condition"
CONDITION_RELATED_EXTENSION: Final = "http://hl7.org/fhir/StructureDefinition/condition-related"
SESSIONS_EXTENSION: Final = _MCODE + "mcode-radiotherapy-sessions"
DOSE_TO_VOLUME_EXTENSION: Final = _MCODE + "mcode-radiotherapy-dose-delivered-to-volume"
# US Core 6.1.0, the version mCODE STU4 depends on (sushi-config.yaml).
US_CORE_LAB: Final = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-observation-lab"

# --- LOINC (mcode-fsh: SD_PerformanceStatus.fsh, SD_Histology.fsh; loinc-labs) --------------

ECOG_LOINC: Final = "89247-1"  # ECOG Performance Status score
KARNOFSKY_LOINC: Final = "89243-0"  # Karnofsky Performance Status score
HISTOLOGIC_BEHAVIOR_LOINC: Final = "31206-6"  # Behavior ICD-O-3 Cancer

#: Laboratory LOINC codes by model field: (code, display) pairs, the first is the one written.
LAB_CODES: Final = MappingProxyType(
    {
        "albumin_g_per_dl": (("1751-7", "Albumin [Mass/volume] in Serum or Plasma"),),
        "crp_mg_per_dl": (("1988-5", "C reactive protein [Mass/volume] in Serum or Plasma"),),
        "ldh_u_per_l": (
            ("2532-0", "Lactate dehydrogenase [Enzymatic activity/volume] in Serum or Plasma"),
            (
                "14804-9",
                (
                    "Lactate dehydrogenase [Enzymatic activity/volume] in Serum or Plasma by "
                    "Lactate to pyruvate reaction"
                ),
            ),
        ),
        "platelets_10e9_per_l": (
            ("777-3", "Platelets [#/volume] in Blood by Automated count"),
            ("26515-7", "Platelets [#/volume] in Blood"),
        ),
        "calcium_mg_per_dl": (("17861-6", "Calcium [Mass/volume] in Serum or Plasma"),),
        "bilirubin_mg_per_dl": (("1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma"),),
    }
)

#: UCUM unit of each laboratory field, and the units converted at the edge: unit -> divisor.
#: Only changes of decimal prefix (g/L = 0.1 g/dL, mg/L = 0.1 mg/dL): no molar masses.
LAB_UNITS: Final = MappingProxyType(
    {
        "albumin_g_per_dl": ("g/dL", MappingProxyType({"g/dL": 1, "g/L": 10})),
        "crp_mg_per_dl": ("mg/dL", MappingProxyType({"mg/dL": 1, "mg/L": 10})),
        "ldh_u_per_l": ("U/L", MappingProxyType({"U/L": 1})),
        "platelets_10e9_per_l": ("10*9/L", MappingProxyType({"10*9/L": 1, "10*3/uL": 1})),
        "calcium_mg_per_dl": ("mg/dL", MappingProxyType({"mg/dL": 1, "mg/L": 10})),
        "bilirubin_mg_per_dl": ("mg/dL", MappingProxyType({"mg/dL": 1, "mg/L": 10})),
    }
)

# --- SNOMED CT vertebral structures (mcode-fsh: VS_Radiotherapy.fsh, CM_TG263.fsh) ------------

#: The structure of each vertebra (vertebral body from C3; the whole atlas and axis for C1-C2,
#: as the TG263 map gives them).
VERTEBRA_CODES: Final = MappingProxyType(
    {
        VertebralLevel.C1: ("14806007", "Bone structure of atlas"),
        VertebralLevel.C2: ("39976000", "Bone structure of axis"),
        VertebralLevel.C3: ("91116008", "Structure of body of third cervical vertebra"),
        VertebralLevel.C4: ("14705001", "Structure of body of fourth cervical vertebra"),
        VertebralLevel.C5: ("67479001", "Structure of body of fifth cervical vertebra"),
        VertebralLevel.C6: ("88298007", "Structure of body of sixth cervical vertebra"),
        VertebralLevel.C7: ("16126006", "Structure of body of seventh cervical vertebra"),
        VertebralLevel.T1: ("56094003", "Structure of body of first thoracic vertebra"),
        VertebralLevel.T2: ("50060007", "Structure of body of second thoracic vertebra"),
        VertebralLevel.T3: ("73138009", "Structure of body of third thoracic vertebra"),
        VertebralLevel.T4: ("86197001", "Structure of body of fourth thoracic vertebra"),
        VertebralLevel.T5: ("6105006", "Structure of body of fifth thoracic vertebra"),
        VertebralLevel.T6: ("32430008", "Structure of body of sixth thoracic vertebra"),
        VertebralLevel.T7: ("71737002", "Structure of body of seventh thoracic vertebra"),
        VertebralLevel.T8: ("77435000", "Structure of body of eighth thoracic vertebra"),
        VertebralLevel.T9: ("33766003", "Structure of body of ninth thoracic vertebra"),
        VertebralLevel.T10: ("48405002", "Structure of body of tenth thoracic vertebra"),
        VertebralLevel.T11: ("52120002", "Structure of body of eleventh thoracic vertebra"),
        VertebralLevel.T12: ("280849005", "Structure of body of twelfth thoracic vertebra"),
        VertebralLevel.L1: ("61032001", "Structure of body of first lumbar vertebra"),
        VertebralLevel.L2: ("53983007", "Structure of body of second lumbar vertebra"),
        VertebralLevel.L3: ("55492004", "Structure of body of third lumbar vertebra"),
        VertebralLevel.L4: ("71996003", "Structure of body of fourth lumbar vertebra"),
        VertebralLevel.L5: ("21799000", "Structure of body of fifth lumbar vertebra"),
        VertebralLevel.S1: ("65985001", "Structure of first sacral vertebra"),
        VertebralLevel.S2: ("11808007", "Structure of second sacral vertebra"),
        VertebralLevel.S3: ("49967005", "Structure of third sacral vertebra"),
        VertebralLevel.S4: ("69950008", "Structure of fourth sacral vertebra"),
        VertebralLevel.S5: ("21452006", "Structure of fifth sacral vertebra"),
    }
)
LEVEL_OF_CODE: Final = MappingProxyType(
    {code: level for level, (code, _) in VERTEBRA_CODES.items()}
)

#: Spinal structures that name no single level (mcode-fsh: VS_Radiotherapy.fsh, CM_TG263.fsh):
#: vertebral body, cervical/thoracic/lumbar/sacral vertebra, dens of the axis.
SPINE_WITHOUT_LEVEL: Final = frozenset(
    {"3572006", "73903008", "87141009", "35769007", "1172006", "1186895000"}
)
#: Bones outside the spine, by the TG263 map and RadiotherapyTreatmentLocationVS (CM_TG263.fsh,
#: VS_Radiotherapy.fsh): femur (whole, head, neck, shaft), humerus, rib, first rib, scapula,
#: clavicle, fibula, acetabulum, ilium, mandible, maxilla, cranium. A bone-metastasis site
#: outside this table and the vertebral codes is not placed (the pelvic-bone code 118645006
#: includes the sacrum).
EXTRASPINAL_BONE_CODES: Final = frozenset(
    {
        *("71341001", "2812003", "29627003", "41111004", "85050009", "113197003"),
        *("48535007", "79601000", "51299004", "87342007", "37783008", "22356005"),
        *("91609006", "70925003", "89546000"),
    }
)
#: Spinal cord structures (CM_TG263.fsh: SpinalCord, _Cerv, _Thor, _Lum, _Sac; CaudaEquina).
SPINAL_CORD_CODES: Final = frozenset(
    {"2748008", "54785003", "50800009", "60051002", "11478001", "7173007"}
)
SPINAL_CORD: Final = ("2748008", "Spinal cord structure")

# --- Conditions ---------------------------------------------------------------------------

#: SNOMED CT: Secondary malignant neoplastic disease (mcode-fsh: SecondaryCancerDisorderVS).
SECONDARY_DISEASE_SNOMED: Final = "128462008"
#: SNOMED CT: Malignant neoplastic disease (mcode-fsh: PrimaryMalignantNeoplasmDisorderVS root).
MALIGNANT_DISEASE_SNOMED: Final = "363346000"
#: SNOMED CT: Radiotherapy course of treatment (mcode-fsh: RadiotherapyCourseSummary.code).
RADIOTHERAPY_COURSE_SNOMED: Final = "1217123003"
#: ICD-10-CM codes of bone metastases (mcode-fsh: SecondaryCancerDisorderVS).
BONE_SECONDARY_ICD10: Final = frozenset({"C79.5", "C79.51", "C79.52", "C7B.03"})
BONE_SECONDARY_WRITTEN: Final = ("C79.51", "Secondary malignant neoplasm of bone")
#: Brain metastases: ICD-10-CM (SecondaryCancerDisorderVS) and SNOMED CT (EX_Basic.fsh).
BRAIN_SECONDARY_ICD10: Final = frozenset({"C79.31"})
BRAIN_SECONDARY_SNOMED: Final = frozenset({"94225005"})
#: ICD-10-CM secondary neoplasms that are not of bone (SecondaryCancerDisorderVS): lymph nodes,
#: respiratory and digestive organs, kidney, bladder, skin, brain, nervous system, ovary, adrenal,
#: other specified sites (C79.8x), carcinoid of nodes, liver, peritoneum and other sites, Merkel.
NOT_BONE_SECONDARY_ICD10: Final = (
    *("C77", "C78", "C79.0", "C79.1", "C79.2", "C79.3", "C79.4", "C79.6", "C79.7", "C79.8"),
    *("C7B.01", "C7B.02", "C7B.04", "C7B.09", "C7B.1"),
)
#: ICD-10-CM categories of secondary neoplasms (SecondaryCancerDisorderVS).
SECONDARY_ICD10_CATEGORIES: Final = ("C77", "C78", "C79", "C7B")

#: ICD-10-CM code prefixes of primary malignant neoplasms (PrimaryMalignantNeoplasmDisorderVS),
#: longest prefix first where a subcode is left unknown. ``None``: the code does not say which
#: of the model's primaries it is (lung without histology, bone, testis, renal pelvis, ...).
PRIMARY_ICD10: Final[tuple[tuple[str, PrimaryTumor | None], ...]] = (
    ("C22.0", PrimaryTumor.LIVER),  # liver cell carcinoma
    ("C22.8", PrimaryTumor.LIVER),  # liver, primary, unspecified as to type
    ("C22", None),  # bile duct, hepatoblastoma, sarcomas, not specified as primary
    ("C25.4", None),  # endocrine pancreas
    ("C80.1", PrimaryTumor.UNKNOWN_PRIMARY),  # malignant (primary) neoplasm, unspecified
    ("C80", None),
    ("C90.0", PrimaryTumor.MYELOMA),  # multiple myeloma
    ("C90", None),
    ("C50", PrimaryTumor.BREAST),
    ("C61", PrimaryTumor.PROSTATE),
    ("C34", None),  # lung: small-cell or not, by histology
    ("C64", PrimaryTumor.KIDNEY),  # kidney, except renal pelvis
    ("C73", PrimaryTumor.THYROID),
    ("C18", PrimaryTumor.COLON),
    ("C20", PrimaryTumor.RECTUM),
    ("C16", PrimaryTumor.STOMACH),
    ("C15", PrimaryTumor.ESOPHAGUS),
    ("C25", PrimaryTumor.PANCREAS),
    ("C23", PrimaryTumor.GALLBLADDER),
    ("C67", PrimaryTumor.BLADDER),
    ("C54", PrimaryTumor.UTERUS),
    ("C55", PrimaryTumor.UTERUS),
    ("C53", PrimaryTumor.CERVIX),
    ("C56", PrimaryTumor.OVARY),
    *((f"C{n:02d}", PrimaryTumor.HEAD_AND_NECK) for n in range(15)),  # lip, mouth, pharynx
    ("C30", PrimaryTumor.HEAD_AND_NECK),  # nasal cavity and middle ear
    ("C31", PrimaryTumor.HEAD_AND_NECK),  # accessory sinuses
    ("C32", PrimaryTumor.HEAD_AND_NECK),  # larynx
    ("C43", PrimaryTumor.MELANOMA),
    ("C49", PrimaryTumor.SARCOMA),  # connective and soft tissue
    *((f"C{n}", PrimaryTumor.LYMPHOMA) for n in range(81, 87)),  # Hodgkin, non-Hodgkin
    ("C7A", PrimaryTumor.NEUROENDOCRINE),  # malignant neuroendocrine tumors
)

#: The ICD-10-CM code written for each primary (each in PrimaryMalignantNeoplasmDisorderVS);
#: lung carries its histology too. ``None``: no code names the primary without a guess.
PRIMARY_ICD10_WRITTEN: Final = MappingProxyType(
    {
        PrimaryTumor.BREAST: (
            "C50.919",
            "Malignant neoplasm of unspecified site of unspecified female breast",
        ),
        PrimaryTumor.PROSTATE: ("C61", "Malignant neoplasm of prostate"),
        PrimaryTumor.LUNG_NON_SMALL_CELL: (
            "C34.90",
            "Malignant neoplasm of unspecified part of unspecified bronchus or lung",
        ),
        PrimaryTumor.LUNG_SMALL_CELL: (
            "C34.90",
            "Malignant neoplasm of unspecified part of unspecified bronchus or lung",
        ),
        PrimaryTumor.KIDNEY: (
            "C64.9",
            "Malignant neoplasm of unspecified kidney, except renal pelvis",
        ),
        PrimaryTumor.THYROID: ("C73", "Malignant neoplasm of thyroid gland"),
        PrimaryTumor.COLON: ("C18.9", "Malignant neoplasm of colon, unspecified"),
        PrimaryTumor.RECTUM: ("C20", "Malignant neoplasm of rectum"),
        PrimaryTumor.STOMACH: ("C16.9", "Malignant neoplasm of stomach, unspecified"),
        PrimaryTumor.ESOPHAGUS: ("C15.9", "Malignant neoplasm of esophagus, unspecified"),
        PrimaryTumor.PANCREAS: ("C25.9", "Malignant neoplasm of pancreas, unspecified"),
        PrimaryTumor.LIVER: (
            "C22.8",
            "Malignant neoplasm of liver, primary, unspecified as to type",
        ),
        PrimaryTumor.GALLBLADDER: ("C23", "Malignant neoplasm of gallbladder"),
        PrimaryTumor.BLADDER: ("C67.9", "Malignant neoplasm of bladder, unspecified"),
        PrimaryTumor.UTERUS: ("C55", "Malignant neoplasm of uterus, part unspecified"),
        PrimaryTumor.CERVIX: ("C53.9", "Malignant neoplasm of cervix uteri, unspecified"),
        PrimaryTumor.OVARY: ("C56.9", "Malignant neoplasm of unspecified ovary"),
        PrimaryTumor.HEAD_AND_NECK: ("C76.0", "Malignant neoplasm of head, face and neck"),
        PrimaryTumor.MELANOMA: ("C43.9", "Malignant melanoma of skin, unspecified"),
        PrimaryTumor.SARCOMA: (
            "C49.9",
            "Malignant neoplasm of connective and soft tissue, unspecified",
        ),
        PrimaryTumor.MYELOMA: ("C90.00", "Multiple myeloma not having achieved remission"),
        PrimaryTumor.LYMPHOMA: ("C85.90", "Non-Hodgkin lymphoma, unspecified site"),
        PrimaryTumor.NEUROENDOCRINE: ("C7A.8", "Other malignant neuroendocrine tumors"),
        PrimaryTumor.UNKNOWN_PRIMARY: ("C80.1", "Malignant (primary) neoplasm, unspecified"),
    }
)

#: SNOMED CT disorders read as a primary (mcode-fsh: EX_Basic.fsh, EX_ExtendedExample.fsh,
#: EX_TumorSize.fsh, VS_*.fsh; synthea: synthetichealth/synthea modules lung_cancer.json and
#: colorectal_cancer.json; ohdsi: the OHDSI concept set "[PIONEER] PCa" (SNOMED 399068003,
#: "Malignant tumor of prostate") and DICOM CID 6313 in bvdh/dicom-terminology-in-fhir
#: (254900004, "Prostate cancer")).
PRIMARY_SNOMED: Final = MappingProxyType(
    {
        # synthea lung_cancer.json
        "254632001": PrimaryTumor.LUNG_SMALL_CELL,  # Small cell carcinoma of lung
        "67811000119102": PrimaryTumor.LUNG_SMALL_CELL,  # Primary small cell ..., TNM stage 1
        "67821000119109": PrimaryTumor.LUNG_SMALL_CELL,  # ..., TNM stage 2
        "67831000119107": PrimaryTumor.LUNG_SMALL_CELL,  # ..., TNM stage 3
        "67841000119103": PrimaryTumor.LUNG_SMALL_CELL,  # ..., TNM stage 4
        "424132000": PrimaryTumor.LUNG_NON_SMALL_CELL,  # Non-small cell carcinoma ..., stage 1
        "425048006": PrimaryTumor.LUNG_NON_SMALL_CELL,  # ..., TNM stage 2
        "422968005": PrimaryTumor.LUNG_NON_SMALL_CELL,  # ..., TNM stage 3
        "423121009": PrimaryTumor.LUNG_NON_SMALL_CELL,  # ..., TNM stage 4
        # synthea colorectal_cancer.json
        "93761005": PrimaryTumor.COLON,  # Primary malignant neoplasm of colon
        "109838007": PrimaryTumor.COLON,  # Overlapping malignant neoplasm of colon
        "363406005": PrimaryTumor.COLON,  # Malignant tumor of colon
        # ohdsi
        "399068003": PrimaryTumor.PROSTATE,  # Malignant tumor of prostate
        "254900004": PrimaryTumor.PROSTATE,  # Prostate cancer
        "254637007": PrimaryTumor.LUNG_NON_SMALL_CELL,  # Non-small cell lung cancer
        "254837009": PrimaryTumor.BREAST,  # Malignant neoplasm of breast
        "372137005": PrimaryTumor.BREAST,  # Primary malignant neoplasm of breast
        "353431000119107": PrimaryTumor.BREAST,  # Primary malignant neoplasm of female left breast
        "363418001": PrimaryTumor.PANCREAS,  # Malignant tumor of pancreas
        "363443007": PrimaryTumor.OVARY,  # Malignant tumor of ovary
    }
)

# --- Histology (seer-mph; mcode-fsh EX_Basic.fsh, EX_GenomeX.fsh) ------------------------------

#: ICD-O-3 histologies of small cell carcinoma (SEER lung rule M4: 8041-8045).
SMALL_CELL_ICDO3: Final = frozenset({"8041", "8042", "8043", "8044", "8045"})
#: ICD-O-3 histologies of non-small cell carcinoma of the lung: 8046 (non-small cell carcinoma),
#: the adenocarcinomas and the squamous cell carcinomas of the SEER lung rules, and the
#: carcinomas of SPECIFIC_NON_SMALL_CELL_CARCINOMA in imsweb/mph ``MphConstants.java`` (commit
#: 01da335, the SEER 2007 lung rules): large cell 8012-8014, pleomorphic 8022, sarcomatoid
#: 8031-8033, papillary squamous 8052, squamous 8070-8073, 8082-8084, basaloid 8123,
#: adenocarcinomas 8140, 8230, 8250-8255 (bronchioloalveolar, mixed), 8260, 8310, 8333,
#: 8480-8481, 8490, 8550 (acinar), adenoid cystic 8200, mucoepidermoid 8430, mucinous
#: cystadenocarcinoma 8470, adenosquamous 8560. Its non-carcinomas (pulmonary blastoma 8972,
#: carcinosarcoma 8980) are left out: a lung primary with them stays unknown.
NON_SMALL_CELL_ICDO3: Final = frozenset(
    {"8046", "8140", "8201", "8260", "8230", "8500", "8572", "8574", "8480"}
    | {"8070", "8071", "8073", "8075", "8076", "8078"}
    | {"8012", "8013", "8014", "8022", "8031", "8032", "8033", "8052", "8072"}
    | {"8082", "8083", "8084", "8123", "8200", "8250", "8251", "8252", "8253"}
    | {"8254", "8255", "8310", "8333", "8430", "8470", "8481", "8490", "8550", "8560"}
)
#: SNOMED CT morphologies of non-small cell lung carcinoma: Adenocarcinoma (EX_Basic.fsh).
NON_SMALL_CELL_SNOMED_MORPHOLOGY: Final = frozenset({"1187332001"})
#: The ICD-O-3 morphology written for lung primaries.
LUNG_MORPHOLOGY_WRITTEN: Final = MappingProxyType(
    {
        PrimaryTumor.LUNG_SMALL_CELL: ("8041/3", "Small cell carcinoma, NOS"),
        PrimaryTumor.LUNG_NON_SMALL_CELL: ("8046/3", "Non-small cell carcinoma"),
    }
)
