"""Citations of the survival scores (Bauer, modified Bauer, NESMS, Katagiri).

Each constant is a :class:`~spinal_metastasis.evidence.Citation`, stored once;
the registry :data:`spinal_metastasis.references.REFERENCES` collects them all.
"""

from typing import Final

ALL: Final = ()
