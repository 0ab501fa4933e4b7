"""Evidence that travels with every result: citations and findings.

A :class:`Citation` names a published source and says whether the value that uses
it was checked against the primary text. A :class:`Finding` is one statement the
library makes about a patient, with the citation it rests on and the input values
it used, so that a clinician can check the basis of every statement without
reading code. The registry of every citation the library uses is
:data:`spinal_metastasis.references.REFERENCES`.
"""

from attrs import field, frozen

from spinal_metastasis._cache import bounded
from spinal_metastasis._validators import (
    BoolRule,
    InstanceRule,
    IntegerRule,
    StringRule,
    TupleRule,
)

__all__ = ["Citation", "Finding", "FindingInput", "finding", "finding_inputs", "input_value"]


# Frozen and used in memoization keys: the hash is computed once (cache_hash).
@frozen(kw_only=True, cache_hash=True)
class Citation:
    """A published source, in Vancouver style.

    Attributes:
        key: Stable identifier in the registry (``"fisher2010"``).
        authors: Authors as printed in Vancouver style (``"Fisher CG, DiPaola CP, et al."``).
        year: Year of publication.
        title: Title of the article, guideline or book.
        journal: Journal (abbreviated) or publisher.
        locator: Volume, issue and pages (``"35(22):E1221-E1229"``), when known.
        doi: DOI without the ``https://doi.org/`` prefix, when known.
        pmid: PubMed identifier, when known.
        verified: Whether the values the library takes from the source were read in
            the primary text (``False``: read in a secondary source or not re-read;
            see ``verification``).
        verification: What was checked and where, in one or two sentences.
        label: A short name where author and year are ambiguous (``"HyTEC 2021"``,
            ``"SC.24 2021"``); ``short`` uses it.
    """

    key: str = field(validator=StringRule(optional=False, max_length=40))
    authors: str = field(validator=StringRule(optional=False, max_length=300))
    year: int = field(validator=IntegerRule(minimum=1900, maximum=2100, optional=False))
    title: str = field(validator=StringRule(optional=False, max_length=400))
    journal: str = field(validator=StringRule(optional=False, max_length=200))
    locator: str | None = field(default=None, validator=StringRule())
    doi: str | None = field(default=None, validator=StringRule())
    pmid: str | None = field(default=None, validator=StringRule())
    verified: bool = field(default=False, validator=BoolRule(optional=False))
    verification: str | None = field(default=None, validator=StringRule(max_length=1000))
    label: str | None = field(default=None, validator=StringRule(max_length=60))

    @property
    def short(self) -> str:
        """The label, or the first author's surname and year (``"Fisher 2010"``)."""
        if self.label:
            return self.label
        first = self.authors.split(",")[0].split()[0]
        return f"{first} {self.year}"

    def __str__(self) -> str:
        """Format the citation in Vancouver style."""
        text = f"{self.authors} {self.title.rstrip('.')}. {self.journal}. {self.year}"
        text += f";{self.locator}." if self.locator else "."
        if self.doi:
            text += f" doi:{self.doi}."
        if self.pmid:
            text += f" PMID: {self.pmid}."
        if not self.verified:
            text += " [not verified against the primary text]"
        return text


# Frozen and used in memoization keys: the hash is computed once (cache_hash).
@frozen(kw_only=True, cache_hash=True)
class FindingInput:
    """One input value a finding used, by field name, in its JSON form (``"t12"``, ``"80"``)."""

    name: str = field(validator=StringRule(optional=False))
    value: str = field(validator=StringRule(optional=False))

    def __str__(self) -> str:
        """Show ``name=value``."""
        return f"{self.name}={self.value}"


# Frozen and used in memoization keys: the hash is computed once (cache_hash).
@frozen(kw_only=True, cache_hash=True)
class Finding:
    """A statement about the patient, with its source and the inputs it used.

    Attributes:
        statement: One sentence a clinician can read.
        citation: The source the statement rests on.
        inputs: The input values it used; an unknown input shows as ``"unknown"``.
        rule_id: The id of the eligibility rule that produced the finding
            (``"sbrt.sins_unstable"``; see :func:`spinal_metastasis.rules`), or ``None``
            for a finding no rule produced (a trade-off figure, a score's note).
    """

    statement: str = field(validator=StringRule(optional=False, max_length=1000))
    citation: Citation = field(validator=InstanceRule(cls=Citation, optional=False))
    inputs: tuple[FindingInput, ...] = field(
        default=(), validator=TupleRule(element=FindingInput, optional=False)
    )
    rule_id: str | None = field(default=None, validator=StringRule(max_length=80))

    def __str__(self) -> str:
        """Show the statement with its source."""
        return f"{self.statement} [{self.citation.short}]"


def input_value(value: object) -> str:
    """Render an input value for a finding: the enum value, the number, or ``"unknown"``."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "true" if value else "false"
    enum_value = getattr(value, "value", None)
    if isinstance(enum_value, str):
        return enum_value
    if isinstance(value, tuple):
        return ",".join(input_value(item) for item in value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def finding_inputs(**inputs: object) -> tuple[FindingInput, ...]:
    """Render named input values as finding inputs (``levels="T12"`` -> ``levels=T12``)."""
    return _finding_inputs(tuple((key, input_value(val)) for key, val in inputs.items()))


# Findings and their inputs are frozen, so one object can serve every result that states the
# same thing. The caches below are keyed by the exact text (the statement and the rendered
# input values), never by the raw values, so sharing cannot change an output; they are
# bounded, and functools' LRU cache is safe to use from several threads.
@bounded(4096)
def _finding_inputs(rendered: tuple[tuple[str, str], ...]) -> tuple[FindingInput, ...]:
    return tuple(FindingInput(name=key, value=value) for key, value in rendered)


@bounded(8192)
def _finding(statement: str, citation: Citation, rendered: tuple[tuple[str, str], ...]) -> Finding:
    return Finding(statement=statement, citation=citation, inputs=_finding_inputs(rendered))


def finding(statement: str, citation: Citation, **inputs: object) -> Finding:
    """Build a finding from its statement, its source and the input values it used.

    Examples:
        >>> from spinal_metastasis.sources.scores import FISHER_2010
        >>> str(finding("T12 is junctional.", FISHER_2010, levels="T12").inputs[0])
        'levels=T12'
    """
    return _finding(
        statement, citation, tuple((key, input_value(val)) for key, val in inputs.items())
    )
