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

__all__ = ["Citation", "Finding", "FindingInput"]


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

    @property
    def short(self) -> str:
        """First author's surname and year (``"Fisher 2010"``)."""
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
