"""Minimally invasive options: thermal ablation, spinal LITT, MR-guided focused ultrasound, cement.

Six options, each assessed by :func:`assess_radiofrequency_ablation`,
:func:`assess_cryoablation`, :func:`assess_microwave_ablation`,
:func:`assess_laser_interstitial_thermal_therapy`, :func:`assess_focused_ultrasound` and
:func:`assess_vertebral_augmentation`.

The three percutaneous ablations of the vertebral body (radiofrequency, cryo-, microwave)
share one set of rules: not as sole therapy with high-grade epidural compression or a
neurological deficit, nor with gross instability; caution with a breached posterior wall,
a tumor within 10 mm of the cord, correctable coagulation values, a lesion outside the
trial populations (pain below 4/10, blastic); contraindicated with active infection.
Radiofrequency adds a caution for an implanted cardiac device.

Spinal laser interstitial thermal therapy (LITT) is the exception: it is designed for
epidural compression (ESCC 1c or higher, followed by spinal radiosurgery), so
compression is its indication, not a contraindication; a motor deficit, a radiosensitive
tumor and levels with motor roots are what call for caution.

MR-guided focused ultrasound is non-invasive; vertebral lesions are treated as not
eligible because no vertebral lesion is reported among the trial's treated sites and the
trial's eligibility text was not read. Vertebral augmentation (vertebroplasty,
kyphoplasty) is indicated by mechanical pain or a painful fracture without gross
instability (NOMS); it stabilizes but does not treat the tumor.

The eligibility rules are declared once, in
:mod:`~spinal_metastasis.treatments.percutaneous.rules`, and listed by
:func:`spinal_metastasis.rules` (``rules(Modality.CRYOABLATION)``); every figure is
typed data in :mod:`~spinal_metastasis.treatments.percutaneous.figures`, from the project's
research note or clinical reference, with its citation; a figure no source gives is
``None``. The options are in :mod:`~spinal_metastasis.treatments.percutaneous.options`.
"""

from spinal_metastasis.treatments.percutaneous.figures import (
    LITT_MIN_ESCC,
    MIN_DISTANCE_TO_CORD_MM,
    MIN_WORST_PAIN_NRS,
)
from spinal_metastasis.treatments.percutaneous.options import (
    assess_cryoablation,
    assess_focused_ultrasound,
    assess_laser_interstitial_thermal_therapy,
    assess_microwave_ablation,
    assess_radiofrequency_ablation,
    assess_vertebral_augmentation,
)

__all__ = [
    "LITT_MIN_ESCC",
    "MIN_DISTANCE_TO_CORD_MM",
    "MIN_WORST_PAIN_NRS",
    "assess_cryoablation",
    "assess_focused_ultrasound",
    "assess_laser_interstitial_thermal_therapy",
    "assess_microwave_ablation",
    "assess_radiofrequency_ablation",
    "assess_vertebral_augmentation",
]
