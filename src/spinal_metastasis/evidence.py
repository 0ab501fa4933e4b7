"""Evidence that travels with every result: citations and findings.

A :class:`Citation` names a published source and says whether the value that uses
it was checked against the primary text. A :class:`Finding` is one statement the
library makes about a patient, with the citation it rests on and the input values
it used, so that a clinician can check the basis of every statement without
reading code. The registry of every citation the library uses is
:data:`spinal_metastasis.references.REFERENCES`.
"""

from attrs import field, frozen

from spinal_metastasis._validators import (
    BoolRule,
    InstanceRule,
    IntegerRule,
    StringRule,
    TupleRule,
)

__all__ = ["Citation", "Finding", "FindingInput", "finding", "input_value"]


@frozen(kw_only=True)
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


@frozen(kw_only=True)
class FindingInput:
    """One input value a finding used, by field name, in its JSON form (``"t12"``, ``"80"``)."""

    name: str = field(validator=StringRule(optional=False))
    value: str = field(validator=StringRule(optional=False))

    def __str__(self) -> str:
        """Show ``name=value``."""
        return f"{self.name}={self.value}"


@frozen(kw_only=True)
class Finding:
    """A statement about the patient, with its source and the inputs it used.

    Attributes:
        statement: One sentence a clinician can read.
        citation: The source the statement rests on.
        inputs: The input values it used; an unknown input shows as ``"unknown"``.
    """

    statement: str = field(validator=StringRule(optional=False, max_length=1000))
    citation: Citation = field(validator=InstanceRule(cls=Citation, optional=False))
    inputs: tuple[FindingInput, ...] = field(
        default=(), validator=TupleRule(element=FindingInput, optional=False)
    )

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


def finding(statement: str, citation: Citation, **inputs: object) -> Finding:
    """Build a finding from its statement, its source and the input values it used.

    Examples:
        >>> from spinal_metastasis.sources.scores import FISHER_2010
        >>> str(finding("T12 is junctional.", FISHER_2010, levels="T12").inputs[0])
        'levels=T12'
    """
    return Finding(
        statement=statement,
        citation=citation,
        inputs=tuple(FindingInput(name=key, value=input_value(val)) for key, val in inputs.items()),
    )
