"""Reading Conditions: the primary cancer, the metastases and the spinal lesions."""

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from spinal_metastasis.fhir import _codes as c
from spinal_metastasis.fhir._import_reader import _ReaderBase
from spinal_metastasis.fhir._import_report import MappingStatus
from spinal_metastasis.fhir._import_values import (
    _LUNG,
    _NOT_CANCER,
    _ORDER,
    _REJECTED_VERIFICATION,
    _codes,
    _date_range,
    _morphology,
    _named_secondary,
    _objects,
    _onset,
    _primary_reason,
    _profiles,
    _runs,
    _with_histology,
)
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.model import SpinalLesion

if TYPE_CHECKING:
    from spinal_metastasis.anatomy import VertebralLevel


class _ConditionReader(_ReaderBase):
    """Conditions: the primary cancer, the spinal and other metastases, and their lesions."""

    def _condition(self, index: int, resource: Mapping[str, object]) -> None:
        verification = _codes(
            resource.get("verificationStatus"),
            "http://terminology.hl7.org/CodeSystem/condition-ver-status",
        )
        if any(code in _REJECTED_VERIFICATION for code in verification):
            self.note(index, MappingStatus.IGNORED, "refuted or entered in error")
            return
        onset = _onset(resource)
        if onset is not None and onset[0] > self.as_of:
            self.note(index, MappingStatus.IGNORED, "diagnosed after as_of")
            return
        profiles = _profiles(resource)
        code = resource.get("code")
        icd = _codes(code, c.ICD10CM)
        secondary = (
            c.SECONDARY_CANCER_CONDITION in profiles
            or any(value.startswith(c.SECONDARY_ICD10_CATEGORIES) for value in icd)
            or any(
                value == c.SECONDARY_DISEASE_SNOMED or value in c.BRAIN_SECONDARY_SNOMED
                for value in _codes(code, c.SNOMED)
            )
        )
        if secondary and self._resolved_at_as_of(resource):
            if not any(value.startswith(c.NOT_BONE_SECONDARY_ICD10) for value in icd):
                self.bone_without_level = True  # was it a bone one? counts unknown
                self.extraspinal = None
            self.note(
                index,
                MappingStatus.AMBIGUOUS,
                "a resolved or inactive metastasis: not read as a current one",
            )
        elif secondary:
            self._secondary(index, resource)
        elif c.PRIMARY_CANCER_CONDITION in profiles or self._primary_code(code) is not _NOT_CANCER:
            self._primary(index, resource)
        elif _named_secondary(code):
            # Not placed by the tables, but named a secondary neoplasm (SNOMED CT's
            # "Secondary malignant neoplasm of ..."): it may be a bone or spinal one.
            self.bone_without_level = True
            self.extraspinal = None
            self.note(
                index,
                MappingStatus.AMBIGUOUS,
                "named a secondary neoplasm by a code the tables do not place: "
                "counts of sites left unknown",
            )
        else:
            self.note(index, MappingStatus.IGNORED, "not a cancer condition the model reads")

    def _primary_code(self, code: object) -> object:
        project = [
            value for value in _codes(code, c.CODE_SYSTEM_URL) if value.startswith("primary.")
        ]
        if project:
            try:
                return PrimaryTumor(project[0].removeprefix("primary."))
            except ValueError:
                return None
        for value in _codes(code, c.SNOMED):
            if value in c.PRIMARY_SNOMED:
                return c.PRIMARY_SNOMED[value]
        for value in _codes(code, c.ICD10CM):
            for prefix, primary in c.PRIMARY_ICD10:
                if value.startswith(prefix):
                    return primary
        if c.MALIGNANT_DISEASE_SNOMED in _codes(code, c.SNOMED):
            return None
        return _NOT_CANCER

    def _primary(self, index: int, resource: Mapping[str, object]) -> None:
        mapped = self._primary_code(resource.get("code"))
        primary = mapped if isinstance(mapped, PrimaryTumor) else None
        morphology = _morphology(resource)
        if morphology is not None:
            self.histology[index] = morphology
        self.primaries[index] = primary

    def _secondary(self, index: int, resource: Mapping[str, object]) -> None:
        code = resource.get("code")
        icd = _codes(code, c.ICD10CM)
        snomed = _codes(code, c.SNOMED)
        sites = [_codes(site, c.SNOMED) for site in _objects(resource.get("bodySite"))]
        site_codes = [value for codes in sites for value in codes]
        levels = sorted(
            {c.LEVEL_OF_CODE[value] for value in site_codes if value in c.LEVEL_OF_CODE},
            key=_ORDER.__getitem__,
        )
        bone_coded = any(value in c.BONE_SECONDARY_ICD10 for value in icd)
        if any(value in c.BRAIN_SECONDARY_ICD10 for value in icd) or any(
            value in c.BRAIN_SECONDARY_SNOMED for value in snomed
        ):
            self.brain.append(index)
            self.note(index, MappingStatus.MAPPED, "brain metastasis", "brain_metastases")
            return
        if levels:
            self.lesion_conditions.append((index, tuple(levels)))
            spine_only = all(any(v in c.LEVEL_OF_CODE for v in codes) for codes in sites)
            if not spine_only and bone_coded:
                self._extraspinal_sites(index, sites)
            elif not spine_only:
                self.extraspinal = None  # other sites, not coded as bone: cannot be counted
            return
        if any(value in c.SPINE_WITHOUT_LEVEL for value in site_codes):
            self.bone_without_level = True
            self.note(index, MappingStatus.AMBIGUOUS, "a spinal metastasis without its level")
            return
        if bone_coded:
            if not sites:
                self.bone_without_level = True
                self.extraspinal = None
                self.note(index, MappingStatus.AMBIGUOUS, "a bone metastasis without its site")
                return
            if self._extraspinal_sites(index, sites):
                self.note(
                    index,
                    MappingStatus.MAPPED,
                    "an extraspinal bone metastasis",
                    "extraspinal_bone_metastases",
                )
            return
        if not any(value.startswith(c.NOT_BONE_SECONDARY_ICD10) for value in icd):
            # Could be a bone metastasis, even of the spine: the counts are unknown.
            self.bone_without_level = True
            self.extraspinal = None
            self.note(
                index,
                MappingStatus.AMBIGUOUS,
                "a metastasis whose site the codes do not give: counts of sites left unknown",
            )
            return
        self.note(
            index,
            MappingStatus.AMBIGUOUS,
            "a metastasis outside the spine (whether a visceral one is treatable is not coded)",
        )

    def _extraspinal_sites(self, index: int, sites: Sequence[Sequence[str]]) -> bool:
        """Count the extraspinal sites of a bone metastasis; False when one is not placed."""
        others = [codes for codes in sites if not any(v in c.LEVEL_OF_CODE for v in codes)]
        if not all(any(v in c.EXTRASPINAL_BONE_CODES for v in codes) for codes in others):
            # Unknown, text-only or spine-without-level: it may be a spinal metastasis.
            self.bone_without_level = True
            self.extraspinal = None
            self.note(
                index,
                MappingStatus.AMBIGUOUS,
                "a bone metastasis at a site the codes do not place: counts of sites left unknown",
            )
            return False
        if self.extraspinal is not None:
            self.extraspinal += len(others)
        return True

    def _body_structure(self, index: int, resource: Mapping[str, object]) -> None:
        del resource
        self.note(index, MappingStatus.IGNORED, "read only as the volume of a radiotherapy course")

    def _split(self, index: int, primary: PrimaryTumor | None) -> tuple[PrimaryTumor | None, bool]:
        """The primary with its histology, and whether they name different lung cancers."""
        morphology = self.histology.get(index)
        if morphology is None and len(self.primaries) == 1:
            morphology = next((value for key, value in self.histology.items() if key < 0), None)
        split = _with_histology(None, morphology, lung=True)
        if primary in _LUNG and split is not None and split is not primary:
            return None, True  # the code says one lung cancer, the histology the other
        return _with_histology(primary, morphology, self._lung(index)), False

    def _resolve_primary(self) -> PrimaryTumor | None:
        if not self.primaries:
            return None
        found: dict[int, PrimaryTumor | None] = {}
        conflicting: set[int] = set()
        for index, primary in self.primaries.items():
            found[index], conflict = self._split(index, primary)
            if conflict:
                conflicting.add(index)
        current = {index: value for index, value in found.items() if not self._resolved(index)}
        if current and len(current) < len(found):
            # An earlier, resolved cancer does not compete with the current one.
            for index in found.keys() - current.keys():
                self.note(
                    index, MappingStatus.IGNORED, "a resolved cancer, not the current primary"
                )
            found = current
        distinct = {value for value in found.values() if value is not None}
        if len(distinct) == 1 and None not in found.values():
            primary = distinct.pop()
            for index in found:
                self.note(index, MappingStatus.MAPPED, "primary cancer", "primary")
            return primary
        for index, value in found.items():
            reason = _primary_reason(value, conflict=index in conflicting)
            self.note(index, MappingStatus.AMBIGUOUS, reason)
        return None

    def _resolved_at_as_of(self, resource: Mapping[str, object]) -> bool:
        """Whether a condition had resolved by as_of (abatement on or before it, or a status)."""
        abatement = _date_range(resource.get("abatementDateTime"))
        period = resource.get("abatementPeriod")
        if abatement is None and isinstance(period, Mapping):
            abatement = _date_range(period.get("end")) or _date_range(period.get("start"))
        if abatement is not None:
            return abatement[1] <= self.as_of
        status = _codes(resource.get("clinicalStatus"), c.CONDITION_CLINICAL)
        return any(value in {"resolved", "inactive", "remission"} for value in status)

    def _resolved(self, index: int) -> bool:
        status = _codes(self.by_index[index].get("clinicalStatus"), c.CONDITION_CLINICAL)
        return any(value in {"resolved", "inactive"} for value in status)

    def _lung(self, index: int) -> bool:
        resource = self.by_index[index]
        code = resource.get("code")
        return any(value.startswith("C34") for value in _codes(code, c.ICD10CM))

    def _lesions(self) -> tuple[SpinalLesion, ...]:
        lesions: list[SpinalLesion] = []
        used: set[VertebralLevel] = set()
        read: set[int] = set()
        for index, levels in self.lesion_conditions:
            runs = _runs(levels)
            if used.intersection(levels):
                self.note(
                    index,
                    MappingStatus.AMBIGUOUS,
                    "shares a level with an earlier lesion: not read",
                )
                continue
            read.add(index)
            used.update(levels)
            findings = self.lesion_values.get(index, {})
            known: dict[str, object] = {}
            if len(runs) == 1:
                for name, candidates in findings.items():
                    value = self._latest(name, candidates, f"lesions[{len(lesions)}].{name}")
                    if value is not None:
                        known[name] = value
            else:
                for candidates in findings.values():
                    for candidate in candidates:
                        self.note(
                            candidate.entry,
                            MappingStatus.AMBIGUOUS,
                            "the lesion spans non-contiguous levels: finding not read",
                        )
            names = []
            for run in runs:
                names.append(f"lesions[{len(lesions)}]")
                lesions.append(SpinalLesion(levels=run, **known))  # type: ignore[arg-type]
            reason = "spinal metastasis" + (
                " (split into contiguous lesions)" if len(runs) > 1 else ""
            )
            self.note(index, MappingStatus.MAPPED, reason, *names)
        self._unread_findings(read)
        return tuple(lesions)

    def _unread_findings(self, read: set[int]) -> None:
        """Report the findings whose focus is not a lesion read (the Patient, a dropped one)."""
        for target, findings in self.lesion_values.items():
            if target in read:
                continue
            for candidates in findings.values():
                for candidate in candidates:
                    self.note(
                        candidate.entry,
                        MappingStatus.AMBIGUOUS,
                        "a finding of a lesion that is not read (focus): not read",
                    )
