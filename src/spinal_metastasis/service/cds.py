"""CDS Hooks 2.0 services: a card per spinal lesion, and the re-irradiation check of an order.

``patient-view`` reads the patient from the request's ``prefetch`` (an mCODE
bundle, or the resources of the prefetch templates): the service makes no
outbound calls, so a request without the prefetch it needs gets HTTP 412, as
the specification provides. Each spinal lesion gets one card: a summary of
at most 140 characters, indicator ``warning`` for high-grade cord compression
or an unstable spine (SINS 13 or more), ``info`` otherwise, the library and
its version as ``source``, and a Markdown detail with the options and the
data each undetermined option waits for.

``order-select`` and ``order-sign`` look at the radiotherapy ``ServiceRequest``
resources of ``draftOrders`` (CodeX Radiation Therapy dose-prescribed-to-volume
extension, vertebral levels in ``bodySite``) and return the re-irradiation
check against the patient's imported course history. The cards are guidance
only: none carries a suggestion, so nothing writes an order.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Final

from spinal_metastasis.anatomy import VertebralLevel, format_levels
from spinal_metastasis.assessment import LesionAssessment, assess
from spinal_metastasis.errors import InvalidInputError, SerializationError
from spinal_metastasis.evidence import Citation
from spinal_metastasis.fhir import patient_from_bundle
from spinal_metastasis.model import Fractionation, Patient
from spinal_metastasis.radiobiology import (
    CordHistoryStatus,
    cord_dose_history_of,
    reirradiation_check,
    sbrt_cord_limit,
)
from spinal_metastasis.scores.escc import EsccGrade
from spinal_metastasis.scores.sins import SinsCategory
from spinal_metastasis.service.operations import NOTICE, ServiceError, library_version
from spinal_metastasis.treatments.option import Eligibility

__all__ = [
    "SERVICE_IDS",
    "SUMMARY_MAX_CHARACTERS",
    "PatientImporter",
    "call",
    "discovery",
    "import_mcode",
]

#: CDS Hooks 2.0, Card attributes: the summary "SHALL be less than 140 characters".
SUMMARY_MAX_CHARACTERS: Final = 139

PATIENT_VIEW: Final = "spinal-metastasis-assessment"
ORDER_SELECT: Final = "spinal-metastasis-reirradiation-select"
ORDER_SIGN: Final = "spinal-metastasis-reirradiation-sign"
SERVICE_IDS: Final = (PATIENT_VIEW, ORDER_SELECT, ORDER_SIGN)

#: What the services ask the EHR to send: the patient and the resources mCODE uses.
PREFETCH: Final = {
    "patient": "Patient/{{context.patientId}}",
    "conditions": "Condition?patient={{context.patientId}}",
    "observations": "Observation?patient={{context.patientId}}",
    "procedures": "Procedure?patient={{context.patientId}}",
    "medications": "MedicationRequest?patient={{context.patientId}}",
}

_HOOKS: Final = {
    PATIENT_VIEW: "patient-view",
    ORDER_SELECT: "order-select",
    ORDER_SIGN: "order-sign",
}

#: The CodeX Radiation Therapy extensions that carry a ServiceRequest's dose.
_CODEX_RT: Final = "http://hl7.org/fhir/us/codex-radiation-therapy/StructureDefinition/"
_DOSE_EXTENSIONS: Final = (
    f"{_CODEX_RT}codexrt-radiotherapy-dose-prescribed-to-volume",
    f"{_CODEX_RT}codexrt-radiotherapy-dose-planned-to-volume",
)
_RADIOTHERAPY_WORDS: Final = ("radiotherapy", "radiation", "sbrt", "stereotactic")
_LEVEL: Final = re.compile(r"\b([CTLS])\s?(\d{1,2})\b", re.IGNORECASE)


def discovery() -> dict[str, Any]:
    """The CDS Hooks discovery document (``GET /cds-services``)."""
    return {
        "services": [
            {
                "hook": "patient-view",
                "id": PATIENT_VIEW,
                "title": "Spinal metastasis assessment",
                "description": (
                    "A card per spinal lesion: SINS, ESCC, NOMS and the treatment options, "
                    "with the data each undetermined option waits for. " + NOTICE
                ),
                "prefetch": PREFETCH,
            },
            {
                "hook": "order-select",
                "id": ORDER_SELECT,
                "title": "Spinal cord re-irradiation check",
                "description": (
                    "Checks a selected radiotherapy order against the patient's earlier courses "
                    "(Sahgal 2012 / HyTEC criteria). Guidance only."
                ),
                "prefetch": PREFETCH,
            },
            {
                "hook": "order-sign",
                "id": ORDER_SIGN,
                "title": "Spinal cord re-irradiation check",
                "description": (
                    "Checks a radiotherapy order about to be signed against the patient's earlier "
                    "courses (Sahgal 2012 / HyTEC criteria). Guidance only."
                ),
                "prefetch": PREFETCH,
            },
        ]
    }


def _bad(path: str, message: str, /) -> ServiceError:
    return ServiceError(422, "invalid_input", [{"path": path, "message": message}])


def _object(value: object, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _bad(path, "must be a JSON object")
    return value


def _entries(prefetch: dict[str, Any]) -> list[dict[str, Any]]:
    """Every bundle entry of the prefetch (bundles unpacked, ``fullUrl`` kept for references)."""
    entries: list[dict[str, Any]] = []
    for key, value in prefetch.items():
        if value is None:
            continue
        item = _object(value, f"prefetch.{key}")
        if item.get("resourceType") == "Bundle":
            for index, entry in enumerate(item.get("entry") or ()):
                where = f"prefetch.{key}.entry[{index}]"
                entry_object = _object(entry, where)
                if entry_object.get("resource") is not None:
                    _object(entry_object["resource"], f"{where}.resource")
                    entries.append(entry_object)
        else:
            entries.append({"resource": item})
    return entries


def _resources(prefetch: dict[str, Any]) -> list[dict[str, Any]]:
    """Every resource of the prefetch, bundles unpacked."""
    return [entry["resource"] for entry in _entries(prefetch)]


#: Imports the patient of a FHIR bundle (a ``collection`` of the prefetched resources).
PatientImporter = Callable[[dict[str, Any]], Patient]


def _patient(request: dict[str, Any], import_patient: PatientImporter) -> Patient:
    prefetch = request.get("prefetch")
    entries = _entries(_object(prefetch, "prefetch")) if prefetch is not None else []
    if not any(entry["resource"].get("resourceType") == "Patient" for entry in entries):
        raise ServiceError(
            412,
            "prefetch_missing",
            [
                {
                    "path": "prefetch",
                    "message": (
                        "the service needs the prefetch of its discovery document "
                        "(it makes no calls to the FHIR server)"
                    ),
                }
            ],
        )
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": entries,
    }
    return import_patient(bundle)


def import_mcode(bundle: dict[str, Any]) -> Patient:
    """Import the patient of the prefetch with :func:`~spinal_metastasis.fhir.patient_from_bundle`.

    The date of the import (for ages and the latest observations) is today, in UTC.

    Raises:
        ServiceError: 422 when the import refuses a value; the message names the bundle
            entry (of the prefetched resources, in order) and never an identifier.
    """
    try:
        imported = patient_from_bundle(bundle, as_of=dt.datetime.now(dt.UTC).date())
    except InvalidInputError as exc:
        messages = exc.messages if isinstance(exc, SerializationError) else (str(exc),)
        entries = [{"path": "prefetch", "message": str(message)} for message in messages]
        raise ServiceError(422, "invalid_input", entries) from None
    return imported.patient


def _source(base: str, citation: Citation | None = None) -> dict[str, str]:
    label = f"spinal-metastasis {library_version()}"
    source = {"label": label}
    if citation is not None:
        source["label"] = f"{label} · {citation.short}"
        source["url"] = f"{base}/references#{citation.key}"
    return source


def _summary(text: str) -> str:
    if len(text) <= SUMMARY_MAX_CHARACTERS:
        return text
    return text[: SUMMARY_MAX_CHARACTERS - 1].rstrip() + "…"


def _range(low: float, high: float) -> str:
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def _lesion_card(lesion: LesionAssessment, base: str) -> dict[str, Any]:
    levels = format_levels(lesion.lesion.levels)
    score = lesion.sins
    sins_text = f"SINS {_range(score.points.low, score.points.high)}"
    if score.category is not None:
        sins_text += f" ({score.category.value.replace('_', ' ')})"
    escc = lesion.escc_grade
    escc_text = f"ESCC {escc.value}-grade" if escc is not None else "ESCC unknown"
    pathway = lesion.noms.pathway.value.replace("_", " ")
    warning = escc is EsccGrade.HIGH or score.category is SinsCategory.UNSTABLE
    summary = _summary(f"{levels}: {sins_text}, {escc_text}; NOMS {pathway}")
    return {
        "summary": summary,
        "indicator": "warning" if warning else "info",
        "source": _source(base, score.citation),
        "detail": _lesion_detail(lesion),
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _lesion_detail(lesion: LesionAssessment) -> str:
    noms = lesion.noms
    lines = [f"**{format_levels(lesion.lesion.levels)}** — {lesion.sins}", ""]
    lines.append(
        f"NOMS: {noms.pathway.value.replace('_', ' ')}; "
        f"stabilization: {noms.stabilization.value.replace('_', ' ')}"
        + (f" (waits for: {', '.join(noms.missing)})" if noms.missing else "")
    )
    lines += ["", "| option | eligibility | why / waits for |", "| --- | --- | --- |"]
    for option in lesion.options:
        if option.eligibility is Eligibility.UNDETERMINED:
            why = "waits for: " + ", ".join(option.missing)
        elif option.eligibility is Eligibility.ELIGIBLE:
            why = ""
        else:
            why = "; ".join(
                f"{finding.statement} ({finding.citation.short})"
                for outcome in option.rules
                if option.eligibility in outcome.possible
                for finding in (outcome.finding,)
            )
        lines.append(
            f"| {option.modality.value.replace('_', ' ')} | {option.eligibility.value} "
            f"| {_cell(why)} |"
        )
    lines += ["", f"_{NOTICE}_"]
    return "\n".join(lines)


def _levels_of(resource: dict[str, Any]) -> tuple[VertebralLevel, ...]:
    """The vertebral levels named in a ServiceRequest's body sites, cranial to caudal."""
    texts: list[str] = []
    for site in resource.get("bodySite") or ():
        if isinstance(site, dict):
            texts.append(str(site.get("text") or ""))
            texts += [
                f"{coding.get('display') or ''} {coding.get('code') or ''}"
                for coding in site.get("coding") or ()
                if isinstance(coding, dict)
            ]
    found: set[VertebralLevel] = set()
    for text in texts:
        for region, number in _LEVEL.findall(text):
            name = f"{region.upper()}{int(number)}"
            if name in VertebralLevel.__members__:
                found.add(VertebralLevel[name])
    return tuple(sorted(found, key=lambda level: level.position))


def _gray(quantity: object) -> float | None:
    if not isinstance(quantity, dict):
        return None
    value = quantity.get("value")
    unit = str(quantity.get("code") or quantity.get("unit") or "")
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
        return None
    scale = {"Gy": 1.0, "cGy": 0.01}.get(unit)
    return None if scale is None else float(value) * scale


def _planned(resource: dict[str, Any]) -> Fractionation | None:
    """The prescription of a ServiceRequest (total dose and fractions), if it carries one."""
    for extension in resource.get("extension") or ():
        if not isinstance(extension, dict) or extension.get("url") not in _DOSE_EXTENSIONS:
            continue
        parts = {
            part.get("url"): part
            for part in extension.get("extension") or ()
            if isinstance(part, dict)
        }
        total = _gray((parts.get("totalDose") or {}).get("valueQuantity"))
        fractions_part = parts.get("fractions") or {}
        fractions = next(
            (
                fractions_part[key]
                for key in ("valuePositiveInt", "valueUnsignedInt", "valueInteger")
                if key in fractions_part
            ),
            None,
        )
        if total is not None and isinstance(fractions, int) and fractions >= 1:
            return Fractionation(total_dose_gy=total, fractions=fractions)
    return None


def _is_radiotherapy(resource: dict[str, Any]) -> bool:
    if resource.get("resourceType") != "ServiceRequest":
        return False
    if any(
        isinstance(extension, dict) and extension.get("url") in _DOSE_EXTENSIONS
        for extension in resource.get("extension") or ()
    ):
        return True
    concepts = [resource.get("code"), *(resource.get("category") or ())]
    words = " ".join(
        " ".join(
            [str(concept.get("text") or "")]
            + [str(coding.get("display") or "") for coding in concept.get("coding") or ()]
        )
        for concept in concepts
        if isinstance(concept, dict)
    ).lower()
    return any(word in words for word in _RADIOTHERAPY_WORDS)


def _orders(request: dict[str, Any], *, selected_only: bool) -> Iterator[dict[str, Any]]:
    context = _object(request.get("context"), "context")
    draft = _object(context.get("draftOrders"), "context.draftOrders")
    selections = context.get("selections") or ()
    for resource in _resources({"draftOrders": draft}):
        reference = f"{resource.get('resourceType')}/{resource.get('id')}"
        if selected_only and reference not in selections:
            continue
        if _is_radiotherapy(resource):
            yield resource


def _order_card(patient: Patient, order: dict[str, Any], base: str) -> dict[str, Any]:
    levels = _levels_of(order)
    planned = _planned(order)
    source = _source(base)
    if not levels:
        return {
            "summary": "Re-irradiation check waits for the vertebral levels of the order",
            "indicator": "info",
            "source": source,
            "detail": "No vertebral level (C1–S5) was found in the order's `bodySite`.",
        }
    where = format_levels(levels)
    history = cord_dose_history_of(patient.prior_radiation, levels)
    source = _source(base, history.findings[0].citation if history.findings else None)
    if history.status is CordHistoryStatus.UNDETERMINED:
        return {
            "summary": _summary(f"{where}: re-irradiation check waits for the prior radiation"),
            "indicator": "warning",
            "source": source,
            "detail": "The patient's earlier radiotherapy courses are unknown "
            "(`prior_radiation`): whether this is a re-irradiation cannot be said.",
        }
    if planned is None:
        return {
            "summary": _summary(f"{where}: re-irradiation check waits for the planned dose"),
            "indicator": "info",
            "source": source,
            "detail": "The order carries no total dose and fractions "
            "(CodeX Radiation Therapy dose-prescribed-to-volume extension).",
        }
    if history.status is CordHistoryStatus.DE_NOVO:
        detail = f"No earlier course overlaps {where}: this is a first course there."
        if 1 <= planned.fractions <= len(history.de_novo_limits):
            limit = sbrt_cord_limit(planned.fractions)
            detail += f" {limit}"
        return {
            "summary": _summary(f"{where}: no earlier course overlaps; de novo cord limits apply"),
            "indicator": "info",
            "source": source,
            "detail": detail,
        }
    check = reirradiation_check(
        prior=[course.point_max for course in history.courses],
        planned=planned,
        interval_days=history.interval_days,
    )
    source = _source(base, check.citation)
    if check.within_limits:
        verdict, indicator = "meets the four re-irradiation criteria", "info"
    elif not check.determined:
        verdict = "re-irradiation check waits for " + ", ".join(check.missing)
        indicator = "warning"
    else:
        verdict, indicator = "fails a re-irradiation criterion", "warning"
    lines = [
        (
            f"**{where}**, planned {planned.total_dose_gy:g} Gy in {planned.fractions} "
            f"(prescription taken as the thecal-sac point maximum): {check}"
        ),
        "",
        *(f"- {finding.statement} ({finding.citation.short})" for finding in check.findings),
        *(
            f"- Earlier course: {finding.statement} ({finding.citation.short})"
            for finding in history.findings
        ),
        "",
        f"_{NOTICE}_",
    ]
    return {
        "summary": _summary(f"{where}: {verdict}"),
        "indicator": indicator,
        "source": source,
        "detail": "\n".join(lines),
    }


def _required(request: dict[str, Any], names: Sequence[str]) -> None:
    missing = [name for name in names if name not in request]
    if missing:
        raise ServiceError(
            422,
            "invalid_input",
            [{"path": name, "message": "required field missing"} for name in missing],
        )


def call(
    service: str,
    document: object,
    *,
    base_url: str = "",
    import_patient: PatientImporter | None = None,
) -> dict[str, Any]:
    """Answer a CDS Hooks request to one of :data:`SERVICE_IDS`.

    ``base_url`` (the service's own address) makes the cards' source links absolute;
    ``import_patient`` reads the prefetched resources (default: :func:`import_mcode`).

    Raises:
        ServiceError: 404 for an unknown service, 422 for a malformed request, 412
            when the prefetch is missing.
    """
    if service not in _HOOKS:
        message = f"no CDS service of that id (allowed: {', '.join(SERVICE_IDS)})"
        raise ServiceError(404, "not_found", [{"path": "$", "message": message}])
    request = _object(document, "$")
    _required(request, ("hook", "hookInstance", "context"))
    if request["hook"] != _HOOKS[service]:
        field, message = "hook", f"this service answers the {_HOOKS[service]} hook"
        raise _bad(field, message)
    _object(request["context"], "context")
    patient = _patient(request, import_patient or import_mcode)
    base = base_url.rstrip("/")
    if service == PATIENT_VIEW:
        assessment = assess(patient)
        return {"cards": [_lesion_card(lesion, base) for lesion in assessment.lesions]}
    orders = _orders(request, selected_only=service == ORDER_SELECT)
    return {"cards": [_order_card(patient, order, base) for order in orders]}
