"""Reading Observations: performance status, laboratory values, the project's own codes."""

from collections.abc import Mapping
from datetime import date

from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.fhir import _codes as c
from spinal_metastasis.fhir._codesystem import (
    ENUM_FIELDS,
    LESION_FIELDS,
    PATIENT_FIELDS,
    QUANTITY_UNITS,
)
from spinal_metastasis.fhir._import_reader import _ReaderBase
from spinal_metastasis.fhir._import_report import MappingStatus
from spinal_metastasis.fhir._import_values import (
    _ACCEPTED_STATUS,
    _Candidate,
    _codes,
    _divide,
    _effective,
    _morphology_code,
    _number,
    _objects,
    _score_value,
    _text,
)
from spinal_metastasis.limits import echo
from spinal_metastasis.model import (
    Patient,
    SystemicAgent,
)


class _ObservationReader(_ReaderBase):
    """Observations: performance status, laboratory values, the project's codes, histology."""

    def _observation(  # noqa: C901, PLR0911 - one return per kind of observation
        self, index: int, resource: Mapping[str, object]
    ) -> None:
        code = resource.get("code")
        loinc = _codes(code, c.LOINC)
        project = _codes(code, c.CODE_SYSTEM_URL)
        status = _text(resource.get("status"))
        if status not in _ACCEPTED_STATUS:
            self.note(index, MappingStatus.IGNORED, f"status {echo(status)}: not a final result")
            return
        when = _effective(resource)
        if c.HISTOLOGIC_BEHAVIOR_LOINC in loinc:
            if when is not None and when[1] > self.as_of:
                self.note(index, MappingStatus.IGNORED, "observed after as_of")
                return
            self._histology_observation(index, resource)
            return
        if when is None:
            self.note(index, MappingStatus.IGNORED, "no effective date: cannot tell the latest")
            return
        if when[1] > self.as_of:
            self.note(index, MappingStatus.IGNORED, "observed after as_of")
            return
        if c.ECOG_LOINC in loinc or c.KARNOFSKY_LOINC in loinc:
            name = "ecog" if c.ECOG_LOINC in loinc else "kps"
            value, where = _score_value(resource)
            if where is None:
                self.note(index, MappingStatus.AMBIGUOUS, "no valueInteger")
                return
            self.check_patient_field(name, value, index, where)
            self._add(name, value, when[1], index, where)
            return
        for name, codes in c.LAB_CODES.items():
            if any(code_ in loinc for code_, _ in codes):
                self._laboratory(index, resource, name, when[1])
                return
        if project:
            self._project_observation(index, resource, project[0], when[1])
            return
        self.note(index, MappingStatus.IGNORED, "an observation the model does not read")

    def _laboratory(
        self, index: int, resource: Mapping[str, object], name: str, when: date
    ) -> None:
        quantity = resource.get("valueQuantity")
        if not isinstance(quantity, Mapping) or "value" not in quantity:
            self.note(index, MappingStatus.AMBIGUOUS, "no valueQuantity")
            return
        unit = _text(quantity.get("code")) or _text(quantity.get("unit"))
        divisors = c.LAB_UNITS[name][1]
        if unit is None or unit not in divisors:
            self.note(
                index, MappingStatus.AMBIGUOUS, f"unit {echo(unit)} is not converted: left unknown"
            )
            return
        where = "valueQuantity.value"
        try:
            value = _divide(quantity["value"], divisors[unit], name)
        except InvalidInputError as error:
            raise self.error(index, where, str(error), model_field=name) from None
        try:
            Patient(**{name: value})  # type: ignore[arg-type]
        except InvalidInputError as error:
            if divisors[unit] != 1:  # the message shows the model's unit: say so
                given = f"{echo(quantity['value'])} {unit} in the bundle"
                problem = f"{error} (the model's unit; {given})"
            else:
                problem = str(error)
            raise self.error(index, where, problem, model_field=name) from None
        self._add(name, value, when, index, where)

    def _project_observation(
        self, index: int, resource: Mapping[str, object], code: str, when: date
    ) -> None:
        if code in LESION_FIELDS:
            target = None
            for focus in _objects(resource.get("focus")):
                target = self.resolve(focus)
            if target is None:
                self.note(
                    index, MappingStatus.AMBIGUOUS, "a lesion finding without the lesion (focus)"
                )
                return
            value, where = self._project_value(index, resource, code)
            self.check_lesion_field(code, value, index, where)
            self.lesion_values.setdefault(target, {}).setdefault(code, []).append(
                _Candidate(value, when, index, where)
            )
            return
        if code == "cord_max_dose":
            self._cord_observation(index, resource)
            return
        if code in PATIENT_FIELDS and "dataAbsentReason" in resource:
            self.unknown.add(code)
            self.note(index, MappingStatus.MAPPED, f"'{code}' recorded as unknown", code)
            return
        if code in PATIENT_FIELDS:
            value, where = self._project_value(index, resource, code)
            if code != "prior_radiation":
                self.check_patient_field(code, value, index, where)
            self._add(code, value, when, index, where)
            return
        self.note(index, MappingStatus.IGNORED, "an output of an assessment, not an input")

    def _cord_observation(self, index: int, resource: Mapping[str, object]) -> None:
        for part in _objects(resource.get("partOf")):
            target = self.resolve(part)
            if target is not None and target in self.cord_doses:
                self.note(
                    index,
                    MappingStatus.AMBIGUOUS,
                    "a second cord dose of the same course: not read",
                )
                return
            if target is not None:
                self.cord_doses[target] = (index, resource)
                return
        self.note(index, MappingStatus.AMBIGUOUS, "a cord dose without its course (partOf)")

    def _project_value(  # noqa: C901, PLR0912 - one branch per value[x] type
        self, index: int, resource: Mapping[str, object], name: str
    ) -> tuple[object, str]:
        if name == "systemic_therapy":
            agents = []
            for position, component in enumerate(_objects(resource.get("component"))):
                values = _codes(component.get("valueCodeableConcept"), c.CODE_SYSTEM_URL)
                for value in values:
                    try:
                        agents.append(SystemicAgent(value.removeprefix("systemic_therapy.")))
                    except ValueError:
                        where = f"component[{position}].valueCodeableConcept"
                        raise self.error(
                            index, where, f"unknown systemic agent {echo(value)}", model_field=name
                        ) from None
            return tuple(agents), "component"
        if "valueBoolean" in resource:
            return resource["valueBoolean"], "valueBoolean"
        if "valueInteger" in resource:
            return resource["valueInteger"], "valueInteger"
        if "valueQuantity" in resource:
            quantity = resource["valueQuantity"]
            where = "valueQuantity.value"
            unit = _text(quantity.get("code")) if isinstance(quantity, Mapping) else None
            expected = QUANTITY_UNITS.get(name, ("", ""))[0]
            if unit != expected:
                raise self.error(
                    index,
                    "valueQuantity.code",
                    f"unit must be {expected!r} (got {echo(unit)})",
                    model_field=name,
                )
            number = quantity.get("value") if isinstance(quantity, Mapping) else None
            try:
                return _number(number, name), where
            except InvalidInputError as error:
                raise self.error(index, where, str(error), model_field=name) from None
        if "valueCodeableConcept" in resource:
            where = "valueCodeableConcept"
            enum = ENUM_FIELDS.get(name)
            for value in _codes(resource["valueCodeableConcept"], c.CODE_SYSTEM_URL):
                if name == "systemic_therapy" or enum is None:
                    break
                try:
                    return enum(value.removeprefix(f"{name}.")), where
                except ValueError:
                    raise self.error(
                        index, where, f"{echo(value)} is not a value of '{name}'", model_field=name
                    ) from None
        raise self.error(index, "value[x]", f"no value for '{name}'", model_field=name)

    def _histology_observation(self, index: int, resource: Mapping[str, object]) -> None:
        morphology = _morphology_code(resource.get("valueCodeableConcept"))
        target = None
        for extension in _objects(resource.get("extension")):
            if extension.get("url") == c.RELATED_CONDITION_EXTENSION:
                target = self.resolve(extension.get("valueReference"))
        if morphology is None:
            self.note(index, MappingStatus.IGNORED, "a histology the model does not split on")
            return
        self.histology[-1 - index if target is None else target] = morphology
        self.note(index, MappingStatus.MAPPED, "histology of the primary", "primary")
