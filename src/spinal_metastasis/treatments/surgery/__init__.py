"""Open surgery for a spinal metastasis: eligibility rules and trade-offs.

Four options share the rules of open surgery and differ in their indication:

- **Decompressive laminectomy** (posterior decompression, with or without
  fixation; the "direct decompressive surgery" of Patchell 2005): high-grade
  epidural compression with a neurological deficit (Patchell 2005) or from a
  radioresistant primary (NOMS).
- **Separation surgery** (circumferential decompression and posterior
  instrumentation, then stereotactic radiosurgery): the same indication; NOMS
  sends high-grade compression from a radioresistant primary in an operable
  patient to separation surgery, then SBRT.
- **Corpectomy with reconstruction** (anterior column resection and
  reconstruction): vertebral body collapse with gross instability or high-grade
  compression. No source read gives corpectomy criteria; this is the library's
  conservative reading (see the Note of :func:`assess_corpectomy_reconstruction`).
- **Posterior stabilization** (open or percutaneous pedicle-screw fixation):
  gross instability, SINS 13-18 (NOMS: surgical stabilization); SINS 7-12 asks
  for a surgical consultation, not an operation.

The eligibility rules are declared once, in :mod:`~spinal_metastasis.treatments.surgery.rules`,
and listed by :func:`spinal_metastasis.rules` (``rules(Modality.SEPARATION_SURGERY)``):
the rules common to open surgery (``open_surgery.fitness``, the Patchell 2005 paraplegia
exclusion, radiosensitive histology, radiotherapy within 7 days) appear under each option that
applies them. *Paraplegia* is read as no motor function below the lesion, Frankel A (complete)
**or B** (sensory only). The figures are typed data in
:mod:`~spinal_metastasis.treatments.surgery.figures`; the options are in
:mod:`~spinal_metastasis.treatments.surgery.options`.

Not modelled, and said so: compression of the cauda equina or roots only (a
Patchell exclusion; the model has no field for it); Patchell's single area of
compression; earlier radiotherapy precluding 30 Gy in 10 fractions (the
re-irradiation check of the radiotherapy options); the SIR 2019 coagulation
thresholds, which are written for percutaneous image-guided procedures (no
source read applies them to open surgery); destabilization by laminectomy alone
(no source in the project's notes).
"""

from spinal_metastasis.treatments.surgery.figures import (
    GUIDELINE_HOLDS,
    LABEL_HOLDS,
    OPEN_SURGERY_HOSPITAL_DAYS,
    PARAPLEGIA_MAX_HOURS,
    PARAPLEGIC_FRANKEL,
    PATCHELL_AMBULATORY,
    PATCHELL_REGAINED_WALKING,
    PREFERRED_INTERVAL_DAYS,
    RADIOTHERAPY_AFTER_SURGERY_MIN_DAYS,
    SEPARATION_HOSPITAL_DAYS,
    SEPARATION_LOCAL_CONTROL,
    SEPARATION_LOCAL_CONTROL_HORIZON_DAYS,
    SEPARATION_SESSIONS,
    SURGERY_AFTER_RADIOTHERAPY_MIN_DAYS,
    SURGERY_HOLDS,
)
from spinal_metastasis.treatments.surgery.options import (
    assess_corpectomy_reconstruction,
    assess_decompressive_laminectomy,
    assess_posterior_stabilization,
    assess_separation_surgery,
)

__all__ = [
    "GUIDELINE_HOLDS",
    "LABEL_HOLDS",
    "OPEN_SURGERY_HOSPITAL_DAYS",
    "PARAPLEGIA_MAX_HOURS",
    "PARAPLEGIC_FRANKEL",
    "PATCHELL_AMBULATORY",
    "PATCHELL_REGAINED_WALKING",
    "PREFERRED_INTERVAL_DAYS",
    "RADIOTHERAPY_AFTER_SURGERY_MIN_DAYS",
    "SEPARATION_HOSPITAL_DAYS",
    "SEPARATION_LOCAL_CONTROL",
    "SEPARATION_LOCAL_CONTROL_HORIZON_DAYS",
    "SEPARATION_SESSIONS",
    "SURGERY_AFTER_RADIOTHERAPY_MIN_DAYS",
    "SURGERY_HOLDS",
    "assess_corpectomy_reconstruction",
    "assess_decompressive_laminectomy",
    "assess_posterior_stabilization",
    "assess_separation_surgery",
]
