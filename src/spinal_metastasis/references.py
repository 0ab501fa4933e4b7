"""The registry of every source the library uses, each stored once.

The citations live in ``spinal_metastasis.sources``, one module per topic;
each is a :class:`~spinal_metastasis.evidence.Citation` whose ``verified`` says
whether the values the library takes from it were read in the primary text, and
whose ``verification`` says what was read where. :data:`REFERENCES` maps each
key to its citation; the documentation's references page is generated from it.
"""

from types import MappingProxyType
from typing import Final

from spinal_metastasis.evidence import Citation
from spinal_metastasis.sources import (
    general,
    percutaneous,
    radiobiology,
    radiotherapy,
    scores,
    surgery,
    survival,
    treatments,
)

__all__ = ["REFERENCES", "citation"]

_ALL: Final = (
    *general.ALL,
    *scores.ALL,
    *survival.ALL,
    *radiobiology.ALL,
    *treatments.ALL,
    *radiotherapy.ALL,
    *surgery.ALL,
    *percutaneous.ALL,
)

#: Every citation the library uses, by key.
REFERENCES: Final = MappingProxyType({item.key: item for item in _ALL})


def citation(key: str) -> Citation:
    """Return the citation registered under ``key``.

    Raises:
        KeyError: If no citation has that key.

    Examples:
        >>> citation("fisher2010").short
        'Fisher 2010'
    """
    return REFERENCES[key]
