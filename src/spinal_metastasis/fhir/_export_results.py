"""Writing the results: scores, options, risks and the Provenance."""

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from spinal_metastasis.assessment import Assessment, LesionAssessment
from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.evidence import Citation, Finding
from spinal_metastasis.fhir import _codes as c
from spinal_metastasis.fhir._codesystem import (
    PROGNOSTIC_SCORES,
    coding,
    slug,
)
from spinal_metastasis.fhir._export_inputs import _InputExport
from spinal_metastasis.fhir._export_values import (
    Resource,
    _absent,
    _category_value,
    _citation_text,
    _codeable,
    _finding_note,
    _finding_parameter,
    _levels_site,
    _project,
    _quantity,
    _range_or_integer,
    _requirement,
)
from spinal_metastasis.ranges import DayRange, ProbabilityRange, ScoreRange
from spinal_metastasis.treatments.option import Eligibility, OptionAssessment


class _Item(Protocol):
    """One item of a score (``ScoreComponent``)."""

    @property
    def name(self) -> str: ...
    @property
    def finding(self) -> str: ...
    @property
    def points(self) -> ScoreRange: ...


class _ScoreResult(Protocol):
    """What every score result has (DESIGN: points, category, possible categories, items)."""

    @property
    def points(self) -> ScoreRange: ...
    @property
    def category(self) -> object: ...
    @property
    def possible_categories(self) -> frozenset[Any]: ...
    @property
    def components(self) -> tuple[_Item, ...]: ...
    @property
    def citation(self) -> Citation: ...


class _ResultExport(_InputExport):
    """The results: scores, options, risks and the Provenance."""

    def _results(self, assessment: Assessment) -> None:
        prognosis = assessment.prognosis
        for name in PROGNOSTIC_SCORES:
            score = getattr(prognosis, name)
            if score is not None:
                self.outputs.append(self.builder.add(self._score(name, score, lesion=None)))
        for index, lesion in enumerate(assessment.lesions):
            self._lesion_results(index, lesion)

    def _score(self, name: str, score: _ScoreResult, *, lesion: int | None) -> Resource:
        points = score.points
        category = _category_value(score.category)
        citation = score.citation
        components: list[Resource] = [
            {"code": _project("total_points"), **_range_or_integer(points)}
        ]
        if category is None:
            components.append({"code": _project("category"), "dataAbsentReason": _absent()})
        else:
            components.append(
                {
                    "code": _project("category"),
                    "valueCodeableConcept": _project(f"{name}.{category}"),
                }
            )
        components.extend(
            {
                "code": _codeable(
                    coding(f"{name}.item.{slug(item.name)}", display=item.name),
                    text=f"{item.name}: {item.finding}",
                ),
                **_range_or_integer(item.points),
            }
            for item in score.components
        )
        possible = sorted(str(_category_value(value)) for value in score.possible_categories)
        resource: Resource = {
            "resourceType": "Observation",
            "status": "final",
            "category": [{"coding": [{"system": c.OBSERVATION_CATEGORY, "code": "survey"}]}],
            "code": _project(name, text=str(score)),
            "subject": {"reference": self.subject},
            "effectiveDateTime": self.as_of,
            "method": {"text": _citation_text(citation)},
            "note": [{"text": "Possible categories: " + ", ".join(possible)}],
            "component": components,
        }
        if name in PROGNOSTIC_SCORES:
            # mCODE CancerRiskAssessment: the value is the category (a CodeableConcept), the
            # focus the primary cancer, the prognostic factors are the members.
            if category is None:
                resource["dataAbsentReason"] = _absent()
            else:
                resource["valueCodeableConcept"] = _project(f"{name}.{category}")
            if self.primary:
                resource["focus"] = [{"reference": self.primary}]
            if self.factors:
                resource["hasMember"] = [{"reference": ref} for ref in self.factors]
        else:
            resource.update(_range_or_integer(points))
            assert lesion is not None  # noqa: S101 - SINS is scored per lesion
            resource["focus"] = [{"reference": self.lesion_refs[lesion]}]
            assessed = self.patient.lesions[lesion]
            resource["bodySite"] = _levels_site(assessed.levels, assessed.label)
        if category is not None:
            resource["interpretation"] = [_project(f"{name}.{category}")]
        return resource

    def _lesion_results(self, index: int, lesion: LesionAssessment) -> None:
        reference = self.lesion_refs[index]
        site = _levels_site(lesion.lesion.levels, lesion.lesion.label)
        self.outputs.append(self.builder.add(self._score("sins", lesion.sins, lesion=index)))
        base = {
            "resourceType": "Observation",
            "status": "final",
            "subject": {"reference": self.subject},
            "effectiveDateTime": self.as_of,
            "focus": [{"reference": reference}],
            "bodySite": site,
        }
        if lesion.escc_grade is not None:
            grade: Resource = {
                **base,
                "code": _project("escc_grade"),
                "valueCodeableConcept": _project(f"escc_grade.{lesion.escc_grade.value}"),
            }
            self.outputs.append(self.builder.add(grade))
        noms = lesion.noms
        noms_resource: Resource = {
            **base,
            "code": _project("noms", text=str(noms.pathway.value)),
            "valueCodeableConcept": _project(f"noms.{noms.pathway.value}"),
            "component": [
                {
                    "code": _project("noms.stabilization"),
                    "valueCodeableConcept": _project(
                        f"noms.stabilization.{noms.stabilization.value}"
                    ),
                }
            ],
            "note": [_finding_note(finding) for finding in noms.findings] or None,
        }
        if not noms_resource["note"]:
            del noms_resource["note"]
        self.outputs.append(self.builder.add(noms_resource))
        for option in lesion.options:
            self._option(option, reference)

    def _option(self, option: OptionAssessment, lesion_ref: str) -> None:
        modality = f"modality.{option.modality.value}"
        parameters: list[Resource] = [
            {
                "name": "eligibility",
                "valueCoding": coding(f"eligibility.{option.eligibility.value}"),
            }
        ]
        parameters.extend(
            {"name": "possible_eligibility", "valueCoding": coding(f"eligibility.{value.value}")}
            for value in sorted(option.possible_eligibility, key=list(Eligibility).index)
        )
        parameters.extend({"name": "missing", "valueString": name} for name in option.missing)
        parameters.extend(_finding_parameter(finding) for finding in option.findings)
        output = self.builder.add({"resourceType": "Parameters", "parameter": parameters})
        undetermined = option.eligibility is Eligibility.UNDETERMINED
        guidance: Resource = {
            "resourceType": "GuidanceResponse",
            "moduleCodeableConcept": _project(modality),
            "status": "data-required" if undetermined and option.missing else "success",
            "subject": {"reference": self.subject},
            "occurrenceDateTime": self.recorded,
            "performer": {"reference": self.device},
            "reasonReference": [{"reference": lesion_ref}],
            "outputParameters": {"reference": output},
            # The findings, with their citations, are in outputParameters (not repeated here).
            "note": [{"text": f"{option.modality.value}: {option.eligibility.value}"}],
        }
        if undetermined and option.missing:
            guidance["dataRequirement"] = [_requirement(name) for name in option.missing]
        guidance_ref = self.builder.add(guidance)
        self.outputs.extend((output, guidance_ref))
        risks = (
            ("collapse_risk", option.collapse_risk.probability, None, option.collapse_risk.drivers),
            (
                "local_control",
                option.local_control.probability,
                option.local_control.horizon_days,
                option.local_control.findings,
            ),
        )
        for code, probability, horizon, findings in risks:
            if probability is None:
                continue
            self.outputs.append(
                self.builder.add(
                    self._risk(
                        code, probability, horizon, findings, guidance_ref, lesion_ref, modality
                    )
                )
            )

    def _risk(  # noqa: PLR0917 - private, called once
        self,
        code: str,
        probability: ProbabilityRange,
        horizon: DayRange | None,
        findings: Iterable[Finding],
        guidance: str,
        lesion_ref: str,
        modality: str,
    ) -> Resource:
        prediction: Resource = {
            "outcome": _project(code),
            "probabilityRange": {
                "low": {"value": probability.low, "unit": "1", "system": c.UCUM, "code": "1"},
                "high": {"value": probability.high, "unit": "1", "system": c.UCUM, "code": "1"},
            },
        }
        if horizon is not None:
            prediction["whenRange"] = {
                "low": _quantity(horizon.low, "d", "day"),
                "high": _quantity(horizon.high, "d", "day"),
            }
        resource: Resource = {
            "resourceType": "RiskAssessment",
            "status": "final",
            "code": _project(code),
            "method": _project(modality),
            "subject": {"reference": self.subject},
            "occurrenceDateTime": self.recorded,
            "condition": {"reference": lesion_ref},
            "performer": {"reference": self.device},
            "basis": [{"reference": guidance}],
            "prediction": [prediction],
        }
        notes = [_finding_note(finding) for finding in findings]
        if notes:
            resource["note"] = notes
        return resource

    def _provenance(self, assessment: Assessment) -> None:
        provenance: Resource = {
            "resourceType": "Provenance",
            "target": [{"reference": ref} for ref in self.outputs],
            "recorded": self.recorded,
            "agent": [
                {
                    "type": _codeable(
                        {
                            "system": c.PROVENANCE_PARTICIPANT,
                            "code": "assembler",
                            "display": "Assembler",
                        }
                    ),
                    "who": {
                        "reference": self.device,
                        "display": f"spinal_metastasis {self.version}",
                    },
                }
            ],
            "entity": [
                *({"role": "source", "what": {"reference": ref}} for ref in self.inputs),
                *(
                    {
                        "role": "source",
                        "what": {
                            "display": (
                                f"{role}: {table['name']} (version {table['version']}, "
                                f"sha256 {table['sha256']})"
                            )
                        },
                    }
                    for role, table in self.provenance["settings"].items()
                ),
            ],
        }
        _check_names(assessment, self.provenance["settings"])
        self.builder.add(provenance)


def _check_names(assessment: Assessment, tables: Mapping[str, Mapping[str, object]]) -> None:
    """Refuse settings that contradict the tables the assessment records it used."""
    recorded = {
        "escc_grouping": assessment.escc_grouping,
        "radiosensitivity_table": assessment.radiosensitivity_table,
    }
    for role, name in recorded.items():
        given = tables.get(role, {}).get("name")
        if given is not None and given != name:
            msg = f"'settings' must be those of the assessment ({role} {name!r}, got {given!r})"
            raise InvalidInputError(msg, field="settings")
