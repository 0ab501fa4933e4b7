"""The state of reading one bundle: its resources, references, report and collected values."""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from spinal_metastasis.anatomy import VertebralLevel
from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.fhir._import_report import MappingStatus, ReportEntry
from spinal_metastasis.fhir._import_values import (
    _Candidate,
    _reference_key,
    _subject,
    _text,
)
from spinal_metastasis.limits import MAX_ECHO_CHARACTERS, echo
from spinal_metastasis.model import (
    Patient,
    SpinalLesion,
)

if TYPE_CHECKING:
    from spinal_metastasis.histology import PrimaryTumor


class _ReaderBase:
    """The bundle's resources, their references, the report, and the values collected."""

    def __init__(self, bundle: object, as_of: date) -> None:
        self.as_of = as_of
        self.full_urls: dict[int, str] = {}
        self.resources = self._resources(bundle)
        self.by_index = dict(self.resources)
        self.report: dict[int, ReportEntry] = {}
        self.by_reference: dict[str, int] = {}
        for index, resource in self.resources:
            self._index(index, resource)
        self.values: dict[str, list[_Candidate]] = {}
        self.lesion_values: dict[int, dict[str, list[_Candidate]]] = {}
        self.primaries: dict[int, PrimaryTumor | None] = {}
        self.histology: dict[int, str] = {}
        self.lesion_conditions: list[tuple[int, tuple[VertebralLevel, ...]]] = []
        self.courses: list[tuple[int, Mapping[str, object]]] = []
        self.cord_doses: dict[int, tuple[int, Mapping[str, object]]] = {}
        self.bone_without_level = False
        self.extraspinal: int | None = 0
        self.brain: list[int] = []
        self.unknown: set[str] = set()  # fields a bundle records as unknown (not to be counted)
        self.subject: int | None = None  # the entry of the bundle's Patient
        self.subject_key: str | None = None  # without a Patient: the first subject named

    # --- bundle structure

    def _resources(self, bundle: object) -> list[tuple[int, Mapping[str, object]]]:
        if not isinstance(bundle, Mapping) or bundle.get("resourceType") != "Bundle":
            msg = "the bundle must be a FHIR Bundle (an object with resourceType 'Bundle')"
            raise InvalidInputError(msg, field="bundle")
        entries = bundle.get("entry", [])
        if not isinstance(entries, list):
            msg = f"'entry' must be a list (got {type(entries).__name__})"
            raise InvalidInputError(msg, field="entry")
        found = []
        for index, entry in enumerate(entries):
            resource = entry.get("resource") if isinstance(entry, Mapping) else None
            if not isinstance(resource, Mapping) or not isinstance(
                resource.get("resourceType"), str
            ):
                msg = f"'entry[{index}].resource' must be a FHIR resource (with a resourceType)"
                raise InvalidInputError(msg, field="entry")
            full_url = entry.get("fullUrl") if isinstance(entry, Mapping) else None
            if isinstance(full_url, str):
                self.full_urls[index] = full_url
            found.append((index, resource))
        return found

    def _index(self, index: int, resource: Mapping[str, object]) -> None:
        kind = str(resource["resourceType"])
        full_url = self.full_urls.get(index)
        if full_url:
            self.by_reference[full_url] = index
        ident = _text(resource.get("id"))
        if ident:
            self.by_reference[f"{kind}/{ident}"] = index

    def resolve(self, reference: object) -> int | None:
        """The entry a Reference points to, if it is in the bundle."""
        if not isinstance(reference, Mapping):
            return None
        target = _text(reference.get("reference"))
        if not target:
            return None
        if target in self.by_reference:
            return self.by_reference[target]
        parts = target.rstrip("/").split("/")
        if len(parts) >= 2:  # noqa: PLR2004 - a relative reference is Type/id
            return self.by_reference.get(f"{parts[-2]}/{parts[-1]}")
        return None

    def kind(self, index: int) -> str:
        """The resource type as shown in the report and in errors (bounded by ``echo``)."""
        kind = str(self.by_index[index]["resourceType"])
        if len(kind) <= MAX_ECHO_CHARACTERS.value and kind.isascii() and kind.isalnum():
            return kind
        return echo(kind)

    def note(self, index: int, status: MappingStatus, reason: str, *fields: str) -> None:
        previous = self.report.get(index)
        if previous is not None and previous.status is MappingStatus.MAPPED:
            if status is MappingStatus.MAPPED:
                merged = tuple(dict.fromkeys((*previous.fields, *fields)))
                self.report[index] = ReportEntry(
                    entry=index,
                    resource_type=previous.resource_type,
                    status=MappingStatus.MAPPED,
                    fields=merged,
                    reason=previous.reason,
                )
            return
        if (
            previous is not None
            and previous.status is MappingStatus.AMBIGUOUS
            and status is MappingStatus.MAPPED
        ):
            reason = f"{reason}; {previous.reason}"  # mapped, but part of it left unknown
        self.report[index] = ReportEntry(
            entry=index,
            resource_type=self.kind(index),
            status=status,
            fields=tuple(fields),
            reason=reason,
        )

    def error(
        self, index: int, where: str, problem: str, *, model_field: str | None
    ) -> InvalidInputError:
        msg = f"entry[{index}] {self.kind(index)}.{where}: {problem}"
        return InvalidInputError(msg, field=model_field)

    # --- model checks: a value the model rejects names the resource and the field

    def check_patient_field(self, name: str, value: object, index: int, where: str) -> None:
        try:
            Patient(**{name: value})  # type: ignore[arg-type]
        except InvalidInputError as error:
            raise self.error(index, where, str(error), model_field=name) from None

    def check_lesion_field(self, name: str, value: object, index: int, where: str) -> None:
        try:
            SpinalLesion(levels=(VertebralLevel.T1,), **{name: value})  # type: ignore[arg-type]
        except InvalidInputError as error:
            raise self.error(index, where, str(error), model_field=name) from None

    def _other_patient(self, resource: Mapping[str, object]) -> bool:
        """Whether the resource's subject is a patient other than the bundle's Patient."""
        if resource["resourceType"] == "Patient":
            return False
        reference = _subject(resource)
        if self.subject is None:
            key = _reference_key(reference)
            return key is not None and self.subject_key is not None and key != self.subject_key
        if not isinstance(reference, Mapping) or not _text(reference.get("reference")):
            return False  # no reference (or an identifier only): cannot tell
        return self.resolve(reference) != self.subject

    # --- collecting

    def _add(
        self, name: str, value: object, when: date, index: int, where: str, *, weak: bool = False
    ) -> None:
        candidates = self.values.setdefault(name, [])
        # A weak value (age from birthDate) yields to an explicit one.
        candidates.append(_Candidate(value, date.min if weak else when, index, where))

    def _latest(self, name: str, candidates: Sequence[_Candidate], fields: str) -> object:
        if not candidates:
            return None
        latest = max(candidate.latest for candidate in candidates)
        chosen = [candidate for candidate in candidates if candidate.latest == latest]
        values = {repr(candidate.value) for candidate in chosen}
        for candidate in candidates:
            if candidate.latest != latest:
                self.note(
                    candidate.entry, MappingStatus.IGNORED, f"a later value of '{name}' was used"
                )
        if len(values) > 1:
            for candidate in chosen:
                self.note(
                    candidate.entry,
                    MappingStatus.AMBIGUOUS,
                    f"values of '{name}' on the same day disagree: left unknown",
                )
            return None
        for candidate in chosen:
            self.note(
                candidate.entry, MappingStatus.MAPPED, f"latest '{name}' on or before as_of", fields
            )
        return chosen[0].value
