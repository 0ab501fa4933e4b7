"""Eligibility rules as declared values, the engine that evaluates them, and their registry.

:func:`rules` lists every eligibility rule of the library, or those one modality applies;
each :class:`~spinal_metastasis.rule_engine.engine.Rule` has a stable ``id``, the ``inputs``
(``Patient`` / ``SpinalLesion`` field names) whose values can change its verdict, its
``citation`` and a one-line ``description``. How rules are written and evaluated:
:mod:`spinal_metastasis.rule_engine.engine`.

This package imports nothing at import time beyond the standard library: the registry
loads the treatment modules on first use. The function is public as
``spinal_metastasis.rules``; this package has another name, so that importing it or its
modules (in any order) never rebinds that name to a module.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spinal_metastasis.rule_engine.engine import Rule
    from spinal_metastasis.treatments.context import OptionFacts
    from spinal_metastasis.treatments.option import Modality

__all__ = ["rules"]


def rules(modality: "Modality | str | None" = None) -> "tuple[Rule[OptionFacts], ...]":
    """Return every eligibility rule, or those ``modality`` applies, in the order applied.

    Shared rules (open-surgery fitness, coagulation) appear under every modality that
    applies them, and once in the full list.

    Args:
        modality: A :class:`~spinal_metastasis.treatments.option.Modality` (or its JSON
            value), or ``None`` for every rule.

    Raises:
        InvalidInputError: If ``modality`` is not a modality.

    Examples:
        >>> from spinal_metastasis import Modality, rules
        >>> [rule.id for rule in rules(Modality.SBRT)][:2]
        ['sbrt.performance_status', 'sbrt.extent']
        >>> rules(Modality.SBRT)[0].inputs
        ('ecog',)
    """
    from spinal_metastasis.treatments.catalog import rules_of  # noqa: PLC0415 - lazy on purpose

    return rules_of(modality)
