"""Response of each primary tumor to conventional external beam radiotherapy (cEBRT).

Radiosensitivity here means the response of the histology to *conventionally
fractionated* external beam radiotherapy, the "O" (oncologic) assessment of the
NOMS framework: radiosensitive tumors go to conventional radiotherapy whatever
the epidural compression, radioresistant ones to stereotactic radiotherapy
(SBRT), after separation surgery when the compression is high grade. It is not
the response to stereotactic radiotherapy, whose local control is largely
histology-independent, nor to radio-*iodine* (a systemic treatment of
differentiated thyroid cancer).

Sources disagree, so the classification is a named, swappable table
(:class:`RadiosensitivityTable`):

- ``NOMS_TABLE`` (default), the spine-oncology grouping used with NOMS.
  Renal cell and thyroid carcinoma are **resistant**, unlike the project's seed
  text (which calls kidney and thyroid primaries "often sensitive"). Several
  memberships could not be read in any source and are listed in
  :attr:`RadiosensitivityTable.unverified`; primaries no source classifies
  (head and neck, small-cell lung, bladder, uterus, cervix, unknown primary,
  other) are ``None``: undetermined, never guessed.
- :data:`SC24_TABLE`, the stratification of the CCTG SC.24 trial:
  gastrointestinal, sarcoma, melanoma and renal cell are resistant, every other
  histology sensitive.

References:
    Laufer I, Rubin DG, Lis E, et al. The NOMS framework: approach to the
    treatment of spinal metastatic tumors. Oncologist. 2013.
    doi:10.1634/theoncologist.2012-0293 (histology lists not read).

    AO Foundation. Classification of tumor radiosensitivity. AO Surgery
    Reference (radiosensitive: lymphoma, myeloma, seminoma; radioresistant:
    renal cell, melanoma, thyroid, colorectal).

    Maranzano E, Latini P. Int J Radiat Oncol Biol Phys. 1995. PMID 7607970
    (favorable histologies: myeloma, breast and prostate carcinoma).

    Sahgal A, Myrehaug SD, Siva S, et al. Lancet Oncol. 2021.
    doi:10.1016/S1470-2045(21)00196-0 (SC.24 strata).
"""

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any, Final

from attrs import Attribute, field, frozen

from spinal_metastasis._validators import StringRule, TupleRule, fail
from spinal_metastasis.evidence import Citation, Finding, FindingInput
from spinal_metastasis.histology._tables import every_primary as _every_primary
from spinal_metastasis.histology._tables import primaries as _primaries
from spinal_metastasis.histology._tables import read_only as _read_only
from spinal_metastasis.histology.primary import PrimaryTumor
from spinal_metastasis.sources.radiobiology import SAHGAL_2021_SC24
from spinal_metastasis.sources.scores import AO_RADIOSENSITIVITY, LAUFER_2013, MARANZANO_1995

__all__ = [
    "NOMS_TABLE",
    "SC24_TABLE",
    "Radiosensitivity",
    "RadiosensitivityTable",
    "is_radiosensitive",
    "radiosensitivity",
    "radiosensitivity_finding",
]


class Radiosensitivity(StrEnum):
    """Response of a histology to conventionally fractionated external beam radiotherapy.

    ``HIGHLY_SENSITIVE`` is the group the AO Foundation calls radiosensitive
    (lymphoma, myeloma, seminoma), set apart from tumors of intermediate
    sensitivity; ``SENSITIVE`` the "favorable" solid tumors (breast, prostate);
    ``RESISTANT`` the tumors that need SBRT for durable control.
    """

    HIGHLY_SENSITIVE = "highly_sensitive"
    SENSITIVE = "sensitive"
    RESISTANT = "resistant"

    @property
    def is_radiosensitive(self) -> bool:
        """Whether NOMS treats the histology as radiosensitive (any but ``RESISTANT``)."""
        return self is not Radiosensitivity.RESISTANT

    @property
    def label(self) -> str:
        """A readable name (``"highly sensitive"``)."""
        return self.value.replace("_", " ")


def _classified_only(instance: object, attribute: "Attribute[Any]", value: object) -> None:
    classes: Mapping[PrimaryTumor, object] = getattr(instance, "classes", {})
    undetermined = {p for p, klass in classes.items() if klass is None}
    wrong = (
        sorted(p.value for p in value if p in undetermined) if isinstance(value, Iterable) else []
    )
    if wrong:
        fail(attribute, "primaries that 'classes' classifies (not None)", ", ".join(wrong))


def _sources(instance: object, attribute: "Attribute[Any]", value: object) -> None:
    items = value.items() if isinstance(value, Mapping) else ()
    if any(not isinstance(k, PrimaryTumor) or not isinstance(v, Citation) for k, v in items):
        fail(attribute, "a mapping of PrimaryTumor to Citation", value, echo=False)


@frozen(kw_only=True, repr=False)
class RadiosensitivityTable:
    """A classification of every primary tumor by its response to conventional EBRT.

    Attributes:
        name: Short name of the classification.
        classes: For every :class:`~spinal_metastasis.histology.PrimaryTumor`, its
            class, or ``None`` when the classification does not determine it.
        basis: For every primary, where its entry comes from, in one sentence.
        unverified: Classified primaries whose membership no source read confirms.
        citations: The sources of the classification.
        notes: What the classification is and how it was checked.
        sources: For each primary, the citation its entry rests on (defaults to
            the first of ``citations``).
        version: Version of the table's content, raised whenever an entry changes
            (:func:`spinal_metastasis.provenance.table_digest` detects any change).
    """

    name: str = field(validator=StringRule(optional=False))
    classes: Mapping[PrimaryTumor, Radiosensitivity | None] = field(
        converter=_read_only, validator=_every_primary, hash=False
    )
    basis: Mapping[PrimaryTumor, str] = field(
        converter=_read_only, validator=_every_primary, hash=False
    )
    unverified: frozenset[PrimaryTumor] = field(converter=_primaries, validator=_classified_only)
    citations: tuple[Citation, ...] = field(
        validator=TupleRule(element=Citation, optional=False, min_length=1)
    )
    notes: str = field(validator=StringRule(optional=False, max_length=2000))
    sources: Mapping[PrimaryTumor, Citation] = field(
        factory=dict, converter=_read_only, validator=_sources, hash=False
    )
    version: str = field(default="1", validator=StringRule(optional=False, max_length=40))

    def source(self, primary: PrimaryTumor) -> Citation:
        """Return the citation the entry of ``primary`` rests on (the first citation if unset)."""
        return self.sources.get(primary, self.citations[0])

    def __repr__(self) -> str:
        """Show the name only (the table itself is long)."""
        return f"RadiosensitivityTable(name={self.name!r})"

    def of(self, primary: PrimaryTumor) -> Radiosensitivity | None:
        """Return the class of ``primary``, or ``None`` when undetermined."""
        return self.classes[primary]

    @property
    def undetermined(self) -> frozenset[PrimaryTumor]:
        """The primaries the classification leaves undetermined."""
        return frozenset(p for p, klass in self.classes.items() if klass is None)

    def members(self, klass: Radiosensitivity) -> frozenset[PrimaryTumor]:
        """Return the primaries in one class."""
        return frozenset(p for p, value in self.classes.items() if value is klass)


_P = PrimaryTumor
_HIGH = Radiosensitivity.HIGHLY_SENSITIVE
_SENSITIVE = Radiosensitivity.SENSITIVE
_RESISTANT = Radiosensitivity.RESISTANT

_AO = "AO Foundation classification"
_SC24_GI = "SC.24 'gastrointestinal' radioresistant stratum"
_FROM_MEMORY = "NOMS (Laufer 2013) as recalled by the clinical reference; the list was not read"
_NONE = "no source read classifies it"

# Spine-oncology grouping used with NOMS. Membership sources:
# AO Foundation "Classification of tumor radiosensitivity" (read): radiosensitive lymphoma,
#   myeloma, seminoma; radioresistant renal cell, melanoma, thyroid, colorectal.
# Maranzano 1995 abstract (read): favorable histologies myeloma, breast, prostate.
# SC.24 strata (conference abstract, secondary): GI, sarcoma, melanoma, renal cell resistant.
# NOMS 2013 lists (ovarian and neuroendocrine sensitive; HCC and NSCLC resistant): not read.
_NOMS_ENTRIES: Final[dict[PrimaryTumor, tuple[Radiosensitivity | None, str]]] = {
    _P.LYMPHOMA: (_HIGH, f"{_AO}: radiosensitive"),
    _P.MYELOMA: (_HIGH, f"{_AO}: radiosensitive; Maranzano 1995: favorable histology"),
    _P.GERM_CELL: (
        _HIGH,
        (
            f"{_AO}: seminoma radiosensitive; germ-cell tumors were excluded from Patchell 2005 "
            "as radiosensitive (secondary); non-seminomatous tumors are not classified apart"
        ),
    ),
    _P.BREAST: (_SENSITIVE, "Maranzano 1995: favorable histology"),
    _P.PROSTATE: (_SENSITIVE, "Maranzano 1995: favorable histology"),
    _P.OVARY: (_SENSITIVE, _FROM_MEMORY),
    _P.NEUROENDOCRINE: (_SENSITIVE, _FROM_MEMORY),
    _P.KIDNEY: (_RESISTANT, f"{_AO}: renal cell radioresistant; SC.24 radioresistant stratum"),
    _P.THYROID: (_RESISTANT, f"{_AO}: radioresistant (external beam; not radio-iodine)"),
    _P.MELANOMA: (_RESISTANT, f"{_AO}: radioresistant; SC.24 radioresistant stratum"),
    _P.COLON: (_RESISTANT, f"{_AO}: colorectal radioresistant; {_SC24_GI}"),
    _P.RECTUM: (_RESISTANT, f"{_AO}: colorectal radioresistant; {_SC24_GI}"),
    _P.STOMACH: (_RESISTANT, _SC24_GI),
    _P.ESOPHAGUS: (_RESISTANT, _SC24_GI),
    _P.PANCREAS: (
        _RESISTANT,
        f"{_FROM_MEMORY}; whether SC.24's 'gastrointestinal' includes pancreas is not stated",
    ),
    _P.LIVER: (
        _RESISTANT,
        (
            f"{_FROM_MEMORY} (hepatocellular); whether SC.24's 'gastrointestinal' includes "
            "liver is not stated"
        ),
    ),
    _P.GALLBLADDER: (
        _RESISTANT,
        f"{_FROM_MEMORY}; whether SC.24's 'gastrointestinal' includes gallbladder is not stated",
    ),
    _P.SARCOMA: (_RESISTANT, "SC.24 radioresistant stratum (sarcoma)"),
    _P.OSTEOSARCOMA: (_RESISTANT, "SC.24 radioresistant stratum (sarcoma)"),
    _P.LUNG_NON_SMALL_CELL: (
        _RESISTANT,
        f"{_FROM_MEMORY}; SC.24 counted it radiosensitive (by exclusion)",
    ),
    _P.LUNG_SMALL_CELL: (None, _NONE),
    _P.BLADDER: (None, _NONE),
    _P.UTERUS: (None, _NONE),
    _P.CERVIX: (None, _NONE),
    _P.HEAD_AND_NECK: (None, _NONE),
    _P.UNKNOWN_PRIMARY: (None, f"{_NONE}: the histology, not the site, decides"),
    _P.OTHER: (None, f"{_NONE}: not one of the listed primaries"),
}

#: The default, the spine-oncology (NOMS) grouping; renal cell and thyroid resistant.
NOMS_TABLE: Final = RadiosensitivityTable(
    name="NOMS spine oncology",
    classes={primary: entry[0] for primary, entry in _NOMS_ENTRIES.items()},
    basis={primary: entry[1] for primary, entry in _NOMS_ENTRIES.items()},
    unverified=(
        _P.OVARY,
        _P.NEUROENDOCRINE,
        _P.PANCREAS,
        _P.LIVER,
        _P.GALLBLADDER,
        _P.LUNG_NON_SMALL_CELL,
    ),
    citations=(LAUFER_2013, AO_RADIOSENSITIVITY, MARANZANO_1995, SAHGAL_2021_SC24),
    sources={
        **dict.fromkeys(
            (_P.LYMPHOMA, _P.MYELOMA, _P.GERM_CELL, _P.KIDNEY, _P.THYROID, _P.MELANOMA),
            AO_RADIOSENSITIVITY,
        ),
        **dict.fromkeys((_P.COLON, _P.RECTUM), AO_RADIOSENSITIVITY),
        **dict.fromkeys((_P.BREAST, _P.PROSTATE), MARANZANO_1995),
        **dict.fromkeys((_P.STOMACH, _P.ESOPHAGUS, _P.SARCOMA, _P.OSTEOSARCOMA), SAHGAL_2021_SC24),
    },
    notes=(
        "Response to conventionally fractionated EBRT as grouped for the NOMS oncologic "
        "assessment. Verified memberships rest on the AO Foundation classification (read), "
        "the Maranzano 1995 abstract (read) and the SC.24 strata (secondary); the NOMS 2013 "
        "histology lists could not be read, so ovary, neuroendocrine, pancreas, liver, "
        "gallbladder and non-small-cell lung are unverified. Primaries no source classifies "
        "are undetermined (None)."
    ),
)

_SC24_RESISTANT: Final = frozenset(
    {
        _P.COLON,
        _P.RECTUM,
        _P.STOMACH,
        _P.ESOPHAGUS,
        _P.PANCREAS,
        _P.LIVER,
        _P.GALLBLADDER,
        _P.SARCOMA,
        _P.OSTEOSARCOMA,
        _P.MELANOMA,
        _P.KIDNEY,
    }
)
_SC24_DIGESTIVE_GLANDS: Final = frozenset({_P.PANCREAS, _P.LIVER, _P.GALLBLADDER})


def _sc24_entry(primary: PrimaryTumor) -> tuple[Radiosensitivity | None, str]:
    if primary is _P.OTHER:
        return None, "may be a gastrointestinal site or a sarcoma: undetermined"
    if primary in _SC24_DIGESTIVE_GLANDS:
        return _RESISTANT, "gastrointestinal by the broad (digestive system) reading; inferred"
    if primary in _SC24_RESISTANT:
        return _RESISTANT, "radioresistant stratum (gastrointestinal, sarcoma, melanoma, renal)"
    return _SENSITIVE, "radiosensitive stratum: every histology outside the resistant one"


#: The SC.24 trial's strata (gastrointestinal, sarcoma, melanoma, renal resistant).
SC24_TABLE: Final = RadiosensitivityTable(
    name="SC.24 stratification",
    classes={primary: _sc24_entry(primary)[0] for primary in PrimaryTumor},
    basis={primary: _sc24_entry(primary)[1] for primary in PrimaryTumor},
    unverified=_SC24_DIGESTIVE_GLANDS,
    citations=(SAHGAL_2021_SC24,),
    notes=(
        "Stratification factor of the CCTG SC.24 randomised trial (24 Gy / 2 SBRT vs "
        "20 Gy / 5 cEBRT): 'radioresistant (gastrointestinal, sarcoma, melanoma and renal cell "
        "cancer metastases) vs. radiosensitive (all other histologies)', read in a conference "
        "abstract of the trial (secondary). Whether pancreas, liver and gallbladder counted as "
        "gastrointestinal is not stated (inferred: yes). 'Other' primaries are undetermined."
    ),
)


def radiosensitivity(
    primary: PrimaryTumor | None, *, table: RadiosensitivityTable = NOMS_TABLE
) -> Radiosensitivity | None:
    """Return the response of a primary to conventional EBRT under a classification.

    Args:
        primary: The primary tumor, or ``None`` when unknown.
        table: The classification; ``NOMS_TABLE`` by default.

    Returns:
        The class, or ``None`` when the primary is unknown or the table leaves
        it undetermined.

    References:
        AO Foundation. Classification of tumor radiosensitivity. AO Surgery Reference.
        Laufer I, et al. Oncologist. 2013. doi:10.1634/theoncologist.2012-0293.
        Sahgal A, et al. Lancet Oncol. 2021. doi:10.1016/S1470-2045(21)00196-0.

    Note:
        The class describes the response to *conventional* fractionation only.
        Renal cell and thyroid carcinoma are resistant in both tables, unlike
        patient-education texts that call kidney and thyroid "often sensitive".

    Examples:
        >>> radiosensitivity(PrimaryTumor.KIDNEY).value
        'resistant'
        >>> radiosensitivity(PrimaryTumor.LUNG_NON_SMALL_CELL, table=SC24_TABLE).value
        'sensitive'
        >>> radiosensitivity(PrimaryTumor.HEAD_AND_NECK) is None
        True
    """
    return None if primary is None else table.of(primary)


def is_radiosensitive(
    primary: PrimaryTumor | None, *, table: RadiosensitivityTable = NOMS_TABLE
) -> bool | None:
    """Return whether NOMS would treat the primary as radiosensitive; ``None`` if undetermined.

    Examples:
        >>> is_radiosensitive(PrimaryTumor.MYELOMA), is_radiosensitive(PrimaryTumor.THYROID)
        (True, False)
        >>> is_radiosensitive(None) is None
        True
    """
    klass = radiosensitivity(primary, table=table)
    return None if klass is None else klass.is_radiosensitive


def radiosensitivity_finding(
    primary: PrimaryTumor | None, *, table: RadiosensitivityTable = NOMS_TABLE
) -> Finding:
    """State the primary's class under a classification, with its basis and source.

    Examples:
        >>> finding = radiosensitivity_finding(PrimaryTumor.THYROID)
        >>> finding.statement.split(" (")[0], finding.inputs[0].value
        ('Thyroid: resistant to conventional EBRT', 'thyroid')
    """
    inputs = (FindingInput(name="primary", value="unknown" if primary is None else primary.value),)
    if primary is None:
        statement = f"Primary unknown: response to conventional EBRT undetermined ({table.name})."
        return Finding(statement=statement, citation=table.citations[0], inputs=inputs)
    klass = table.of(primary)
    name = primary.label[:1].upper() + primary.label[1:]
    basis = table.basis[primary] + ("; unverified" if primary in table.unverified else "")
    if klass is None:
        statement = f"{name}: response to conventional EBRT undetermined ({table.name}; {basis})."
    else:
        statement = f"{name}: {klass.label} to conventional EBRT ({table.name}; {basis})."
    return Finding(statement=statement, citation=table.source(primary), inputs=inputs)
