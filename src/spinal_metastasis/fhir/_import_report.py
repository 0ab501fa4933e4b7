"""The report of :func:`~spinal_metastasis.fhir.patient_from_bundle`: one entry per resource."""

from enum import StrEnum

from attrs import field, frozen

from spinal_metastasis.model import Patient

__all__ = ["FhirImport", "MappingStatus", "ReportEntry"]


class MappingStatus(StrEnum):
    """What the import did with a resource."""

    MAPPED = "mapped"
    IGNORED = "ignored"
    AMBIGUOUS = "ambiguous"


@frozen(kw_only=True)
class ReportEntry:
    """What the import did with one resource of the bundle, and why.

    Attributes:
        entry: The resource's position in ``Bundle.entry``.
        resource_type: Its ``resourceType``.
        status: Mapped, ignored or ambiguous.
        fields: The model fields it set (``"kps"``, ``"lesions[0].collapse"``).
        reason: Why, in one sentence.
    """

    entry: int
    resource_type: str
    status: MappingStatus
    fields: tuple[str, ...] = ()
    reason: str = ""

    def __str__(self) -> str:
        """Show ``entry[3] Observation: mapped (kps): ...``."""
        fields = f" ({', '.join(self.fields)})" if self.fields else ""
        return (
            f"entry[{self.entry}] {self.resource_type}: {self.status.value}{fields}: {self.reason}"
        )


@frozen(kw_only=True)
class FhirImport:
    """The patient read from a bundle, with the report of every resource.

    Attributes:
        patient: The patient (identifiers are never read).
        report: One entry per resource of the bundle, in bundle order.
    """

    patient: Patient
    report: tuple[ReportEntry, ...] = field(repr=False)

    def __str__(self) -> str:
        """The patient's summary and the report, one resource per line."""
        return "\n".join([str(self.patient), *(str(entry) for entry in self.report)])
