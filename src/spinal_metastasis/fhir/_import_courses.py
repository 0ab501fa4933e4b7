"""Reading radiotherapy courses: Procedures, their dose extensions and the cord's dose."""

from collections.abc import Mapping

from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.fhir import _codes as c
from spinal_metastasis.fhir._import_reader import _ReaderBase
from spinal_metastasis.fhir._import_report import MappingStatus
from spinal_metastasis.fhir._import_values import (
    _NOT_DELIVERED,
    _ORDER,
    _codes,
    _date_range,
    _divide,
    _number,
    _objects,
    _profiles,
    _runs,
    _text,
)
from spinal_metastasis.limits import echo
from spinal_metastasis.model import (
    Fractionation,
    RadiationCourse,
)


class _CourseReader(_ReaderBase):
    """Procedures: the radiotherapy courses, their doses and the cord's dose."""

    def _procedure(self, index: int, resource: Mapping[str, object]) -> None:
        profiles = _profiles(resource)
        if (
            c.RADIOTHERAPY_COURSE_SUMMARY not in profiles
            and c.RADIOTHERAPY_COURSE_SNOMED not in _codes(resource.get("code"), c.SNOMED)
        ):
            self.note(index, MappingStatus.IGNORED, "not a radiotherapy course summary")
            return
        self.courses.append((index, resource))

    def _radiation(self) -> tuple[RadiationCourse, ...] | None:
        """The spine courses of the bundle (``()`` for none), or None when one is unclear."""
        courses: list[RadiationCourse] = []
        unclear = False
        for index, resource in self.courses:
            read = self._course(index, resource)
            if read is None:
                unclear = True
            else:
                courses.extend(read)
        return None if unclear else tuple(courses)

    def _course(  # noqa: C901, PLR0911 - one return per reason a course is not read
        self, index: int, resource: Mapping[str, object]
    ) -> list[RadiationCourse] | None:
        """The spine courses of a RadiotherapyCourseSummary; None when it leaves them unknown."""
        status = _text(resource.get("status"))
        if status in _NOT_DELIVERED:
            self.note(
                index, MappingStatus.IGNORED, f"status {echo(status)}: not a delivered course"
            )
            return []
        sites = [
            value for site in _objects(resource.get("bodySite")) for value in _codes(site, c.SNOMED)
        ] or self._volume_sites(resource)
        levels = sorted(
            {c.LEVEL_OF_CODE[v] for v in sites if v in c.LEVEL_OF_CODE}, key=_ORDER.__getitem__
        )
        if not sites:
            self.note(
                index,
                MappingStatus.AMBIGUOUS,
                "treated site not coded: prior radiation left unknown",
            )
            return None
        if not levels:
            if any(value in c.SPINE_WITHOUT_LEVEL for value in sites):
                self.note(
                    index,
                    MappingStatus.AMBIGUOUS,
                    "spine treated, level not coded: prior radiation left unknown",
                )
                return None
            self.note(index, MappingStatus.IGNORED, "a course outside the spine")
            return []
        period = resource.get("performedPeriod")
        start = _date_range(period.get("start")) if isinstance(period, Mapping) else None
        end = _date_range(period.get("end")) if isinstance(period, Mapping) else None
        if start is not None and start[0] > self.as_of:
            self.note(index, MappingStatus.IGNORED, "started after as_of")
            return []
        if status not in {"completed", "stopped"}:
            # In progress, on hold or unknown: some dose may have been delivered.
            self.note(
                index,
                MappingStatus.AMBIGUOUS,
                f"status {echo(status)}: a course to the spine not known to be completed, "
                "prior radiation left unknown",
            )
            return None
        days = None
        if end is not None:
            if end[1] > self.as_of:
                self.note(
                    index,
                    MappingStatus.AMBIGUOUS,
                    "in progress at as_of (ends after it): prior radiation left unknown",
                )
                return None
            days = (self.as_of - end[1]).days
        dose = self._dose(index, resource)
        if dose is None:
            return None
        fractionation = dose
        cord = None
        if index in self.cord_doses:
            cord_index, cord_resource = self.cord_doses.pop(index)
            cord = self._cord(cord_index, cord_resource)
        courses = []
        for run in _runs(tuple(levels)):
            try:
                courses.append(
                    RadiationCourse(
                        levels=run,
                        fractionation=fractionation,
                        cord_max_dose=cord,
                        days_since_completion=days,
                    )
                )
            except InvalidInputError as error:
                raise self.error(
                    index, "performedPeriod", str(error), model_field="prior_radiation"
                ) from None
        self.note(
            index, MappingStatus.MAPPED, "radiotherapy course to the spine", "prior_radiation"
        )
        return courses

    def _dose(  # noqa: C901, PLR0912 - one check per element of the dose extension
        self, index: int, resource: Mapping[str, object]
    ) -> Fractionation | None:
        doses = []
        sessions = None
        sessions_where = ""
        for position, extension in enumerate(_objects(resource.get("extension"))):
            url = extension.get("url")
            if url == c.SESSIONS_EXTENSION:
                sessions = extension.get("valueUnsignedInt")
                sessions_where = f"extension[{position}].valueUnsignedInt"
            if url != c.DOSE_TO_VOLUME_EXTENSION:
                continue
            parts = {_text(part.get("url")): part for part in _objects(extension.get("extension"))}
            volume = parts.get("volume")
            target = self.resolve(volume.get("valueReference")) if volume else None
            if target is not None and self._is_cord(target):
                continue
            total = parts.get("totalDoseDelivered")
            if total is None:
                continue
            quantity = total.get("valueQuantity")
            where = f"extension[{position}].extension[totalDoseDelivered].valueQuantity"
            if not isinstance(quantity, Mapping):
                continue
            unit = _text(quantity.get("code")) or _text(quantity.get("unit"))
            divisor = {"cGy": 100, "Gy": 1}.get(unit or "")
            if divisor is None:
                self.note(
                    index,
                    MappingStatus.AMBIGUOUS,
                    f"dose unit {echo(unit)} is not converted (cGy or Gy): "
                    "prior radiation left unknown",
                )
                return None
            try:
                gy = _divide(quantity.get("value"), divisor, "total_dose_gy")
            except InvalidInputError as error:
                raise self.error(
                    index, where + ".value", str(error), model_field="prior_radiation"
                ) from None
            fractions = parts.get("fractionsDelivered", {}).get("valueUnsignedInt")
            fractions_where = (
                f"extension[{position}].extension[fractionsDelivered].valueUnsignedInt"
            )
            given = f" (in Gy; {echo(quantity.get('value'))} {unit} in the bundle)"
            doses.append((gy, fractions, where, fractions_where, given if divisor != 1 else ""))
        if len({(dose[0], dose[1]) for dose in doses}) != 1:
            reason = "no dose delivered" if not doses else "several doses to different volumes"
            self.note(index, MappingStatus.AMBIGUOUS, reason + ": prior radiation left unknown")
            return None
        gy, fractions, where, fractions_where, given = doses[0]
        if fractions is None:
            fractions, fractions_where = sessions, sessions_where
        if fractions is None:
            self.note(
                index,
                MappingStatus.AMBIGUOUS,
                "number of fractions not given: prior radiation left unknown",
            )
            return None
        try:
            return Fractionation(total_dose_gy=gy, fractions=fractions)  # type: ignore[arg-type]
        except InvalidInputError as error:
            if error.field == "fractions":
                element, problem = fractions_where, str(error)
            else:
                element, problem = where + ".value", f"{error}{given}"
            raise self.error(index, element, problem, model_field="prior_radiation") from None

    def _volume_sites(self, resource: Mapping[str, object]) -> list[str]:
        """The locations of the course's target volumes, when the course codes no bodySite."""
        found = []
        for extension in _objects(resource.get("extension")):
            if extension.get("url") != c.DOSE_TO_VOLUME_EXTENSION:
                continue
            for part in _objects(extension.get("extension")):
                if part.get("url") != "volume":
                    continue
                target = self.resolve(part.get("valueReference"))
                if (
                    target is not None
                    and not self._is_cord(target)
                    and not self._other_patient(self.by_index[target])
                ):
                    found.extend(_codes(self.by_index[target].get("location"), c.SNOMED))
        return found

    def _is_cord(self, index: int) -> bool:
        resource = self.by_index[index]
        return any(
            value in c.SPINAL_CORD_CODES for value in _codes(resource.get("location"), c.SNOMED)
        )

    def _cord(self, index: int, resource: Mapping[str, object]) -> Fractionation:
        quantity = resource.get("valueQuantity")
        where = "valueQuantity.value"
        fractions = None
        for component in _objects(resource.get("component")):
            if "fractions" in _codes(component.get("code"), c.CODE_SYSTEM_URL):
                fractions = component.get("valueInteger")
        try:
            value = quantity.get("value") if isinstance(quantity, Mapping) else None
            gy = _number(value, "total_dose_gy")
            dose = Fractionation(total_dose_gy=gy, fractions=fractions)  # type: ignore[arg-type]
        except InvalidInputError as error:
            raise self.error(index, where, str(error), model_field="prior_radiation") from None
        self.note(
            index, MappingStatus.MAPPED, "cord point-maximum dose of a course", "prior_radiation"
        )
        return dose
