"""The decision-aid page: a form generated from the input schema, and the assessment per lesion.

Rendered on the server as one self-contained HTML document (inline CSS and SVG,
no script, no external asset), so that it works offline in a hospital network
and prints as it shows. A blank field is unknown: a partly known patient is
assessed, and every undetermined answer says which inputs it waits for.
Patient identifiers are not asked for and never shown.
"""

import html
import itertools
import re
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

from spinal_metastasis.anatomy import format_levels
from spinal_metastasis.assessment import Assessment, LesionAssessment, assess
from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.evidence import Citation, Finding
from spinal_metastasis.io import example_names, example_patient, json_schema, unstructure
from spinal_metastasis.model import Patient
from spinal_metastasis.references import REFERENCES
from spinal_metastasis.service.operations import NOTICE, ServiceError, library_version, patient_of
from spinal_metastasis.treatments.option import Eligibility, OptionAssessment

__all__ = ["render_blank", "render_references", "render_submitted"]

#: Fields of the patient the page does not ask for: identifiers are never shown.
_HIDDEN_FIELDS: Final = frozenset({"patient_id"})
#: The most fields a submitted form may have. An example patient's form has about 60 (one
#: lesion, one course, each with an empty slot); 2,000 leaves room for dozens of lesions
#: and courses while bounding the work of one submission.
MAX_FORM_FIELDS: Final = 2000
#: Empty slots offered after the filled ones, for lesions and radiation courses.
_EXTRA_SLOTS: Final = 1
_KNOWN: Final = "__known"

_STYLE: Final = """
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem;margin:.8rem 0 .2rem}h2{font-size:1.2rem;margin-top:1.6rem}
h3{font-size:1.05rem}.notice{border:2px solid #8a5a00;background:#fff6e0;padding:.5rem .8rem;
font-weight:600}fieldset{border:1px solid #bbb;margin:.4rem 0;padding:.3rem .6rem}
legend{font-weight:600}.fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));
gap:.3rem .8rem}label{display:flex;flex-direction:column;font-size:.85rem}
input,select{font:inherit;padding:.1rem}select[multiple]{height:6.5rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #ccc;
padding:.25rem .4rem;text-align:left;vertical-align:top}th{background:#f0f0f0}
.eligible{color:#175e17}.caution{color:#8a5a00}.contraindicated{color:#a31515}
.undetermined{color:#4a4a9a}.errors{border:2px solid #a31515;padding:.4rem .8rem}
.cite{font-size:.8rem;color:#444}button{font:inherit;padding:.2rem .8rem;margin:.4rem 0}
.lesion{border-top:3px solid #333;margin-top:1.2rem}svg{max-width:100%;height:auto;display:block}
@media print{form,.picker{display:none}body{max-width:none}.lesion{break-before:page}}
"""


# --- Schema → form ----------------------------------------------------------------------------


def _resolve(schema: Mapping[str, Any], defs: Mapping[str, Any]) -> tuple[dict[str, Any], bool]:
    """The schema without its ``null`` alternative (and ``$ref`` followed), and if it had one."""
    nullable = False
    node = dict(schema)
    if "anyOf" in node:
        options = [option for option in node["anyOf"] if option != {"type": "null"}]
        nullable = len(options) < len(node["anyOf"])
        node = dict(options[0])
    if "$ref" in node:
        node = dict(defs[node["$ref"].rsplit("/", 1)[-1]])
    return node, nullable


def _label(name: str) -> str:
    return name.replace("_", " ")


def _option(value: str, text: str, *, selected: bool) -> str:
    chosen = " selected" if selected else ""
    return f'<option value="{html.escape(value)}"{chosen}>{html.escape(text)}</option>'


def _scalar(name: str, title: str, node: Mapping[str, Any], value: object) -> str:
    field = html.escape(name)
    label = html.escape(title)
    if "enum" in node:
        options = [_option("", "unknown", selected=value is None)]
        options += [_option(str(item), str(item), selected=value == item) for item in node["enum"]]
        return f'<label>{label}<select name="{field}">{"".join(options)}</select></label>'
    if node.get("type") == "boolean":
        options = [
            _option("", "unknown", selected=value is None),
            _option("true", "yes", selected=value is True),
            _option("false", "no", selected=value is False),
        ]
        return f'<label>{label}<select name="{field}">{"".join(options)}</select></label>'
    attributes = ""
    if node.get("type") in {"integer", "number"}:
        attributes = ' type="number"'
        for key, attribute in (("minimum", "min"), ("maximum", "max")):
            if key in node:
                attributes += f' {attribute}="{node[key]}"'
        step = node.get("multipleOf", 1 if node.get("type") == "integer" else "any")
        attributes += f' step="{step}"'
    shown = "" if value is None else html.escape(str(value))
    return (
        f'<label>{label}<input name="{field}"{attributes} value="{shown}" '
        f'placeholder="unknown"></label>'
    )


def _known_select(name: str, title: str, *, known: bool) -> str:
    options = [
        _option("", "unknown", selected=not known),
        _option("yes", "known: as entered (none if empty)", selected=known),
    ]
    return (
        f'<label>{html.escape(title)} (known?)<select name="{html.escape(name + "." + _KNOWN)}">'
        f"{''.join(options)}</select></label>"
    )


def _multi(name: str, title: str, items: Iterable[object], values: object) -> str:
    chosen = set(values) if isinstance(values, list) else set()
    options = "".join(_option(str(item), str(item), selected=item in chosen) for item in items)
    return (
        f'<label>{html.escape(title)}<select name="{html.escape(name)}" multiple>'
        f"{options}</select></label>"
    )


def _object_fields(
    node: Mapping[str, Any], defs: Mapping[str, Any], prefix: str, data: Mapping[str, Any]
) -> Iterator[str]:
    """The controls of an object's properties: scalars in a grid, nested objects as fieldsets."""
    scalars: list[str] = []
    nested: list[str] = []
    required = set(node.get("required", ()))
    for name, schema in node["properties"].items():
        if not prefix and name in _HIDDEN_FIELDS:
            continue
        path = f"{prefix}{name}"
        value = data.get(name)
        inner, nullable = _resolve(schema, defs)
        nullable = nullable and name not in required
        if inner.get("type") == "array":
            items, _ = _resolve(inner["items"], defs)
            if items.get("type") == "object":
                nested.append(_array_of_objects(path, name, items, defs, value, nullable=nullable))
                continue
            if nullable:
                scalars.append(_known_select(path, _label(name), known=value is not None))
            scalars.append(_multi(path, _label(name), items.get("enum", ()), value))
        elif inner.get("type") == "object":
            filled = value if isinstance(value, dict) else {}
            body = "".join(_object_fields(inner, defs, f"{path}.", filled))
            nested.append(
                f"<fieldset><legend>{html.escape(_label(name))}</legend>{body}</fieldset>"
            )
        else:
            scalars.append(_scalar(path, _label(name), inner, value))
    if scalars:
        yield f'<div class="fields">{"".join(scalars)}</div>'
    yield from nested


def _array_of_objects(
    path: str,
    name: str,
    items: Mapping[str, Any],
    defs: Mapping[str, Any],
    value: object,
    *,
    nullable: bool,
) -> str:
    entries = value if isinstance(value, list) else []
    parts = [f"<fieldset><legend>{html.escape(_label(name))}</legend>"]
    if nullable:
        parts.append(
            f'<div class="fields">{_known_select(path, _label(name), known=value is not None)}'
            "</div>"
        )
    for index in range(len(entries) + _EXTRA_SLOTS):
        entry = entries[index] if index < len(entries) else {}
        body = "".join(_object_fields(items, defs, f"{path}.{index}.", entry))
        title = f"{items.get('title', name)} {index + 1}"
        parts.append(f"<fieldset><legend>{html.escape(title)}</legend>{body}</fieldset>")
    parts.append("</fieldset>")
    return "".join(parts)


def _form(document: Mapping[str, Any]) -> str:
    schema = json_schema(Patient)
    defs = schema.get("$defs", {})
    body = "".join(_object_fields(schema, defs, "", document))
    return (
        '<form method="post" action="/" id="patient-form">'
        "<p>Leave a field blank when it is unknown.</p>"
        f'{body}<button type="submit" id="assess">Assess</button></form>'
    )


def _picker(chosen: str | None) -> str:
    options = _option("", "choose an example", selected=chosen is None) + "".join(
        _option(name, name.replace("_", " "), selected=name == chosen) for name in example_names()
    )
    return (
        '<form method="get" action="/" class="picker" id="example-picker">'
        f'<label>Example patient<select name="example" id="example">{options}</select></label>'
        '<button type="submit" id="load-example">Load example</button></form>'
    )


# --- Form → document --------------------------------------------------------------------------

_INTEGER: Final = re.compile(r"[+-]?\d+")


def _number(text: str) -> object:
    if _INTEGER.fullmatch(text):
        return int(text)
    try:
        return float(text)
    except ValueError:
        return text  # the converter's message names the field and the value


def _scalar_value(node: Mapping[str, Any], text: str) -> object:
    if node.get("type") == "boolean":
        return {"true": True, "false": False}.get(text, text)
    if node.get("type") in {"integer", "number"}:
        return _number(text)
    return text


def _is_blank(values: Mapping[str, list[str]], prefix: str) -> bool:
    return all(
        not any(item.strip() for item in items)
        for key, items in values.items()
        if key.startswith(prefix) and not key.endswith(_KNOWN)
    )


def _read_object(
    node: Mapping[str, Any], defs: Mapping[str, Any], prefix: str, values: Mapping[str, list[str]]
) -> dict[str, Any]:
    document: dict[str, Any] = {}
    required = set(node.get("required", ()))
    for name, schema in node["properties"].items():
        path = f"{prefix}{name}"
        inner, nullable = _resolve(schema, defs)
        nullable = nullable and name not in required
        known = not nullable or bool(values.get(f"{path}.{_KNOWN}", [""])[0])
        if inner.get("type") == "array":
            items, _ = _resolve(inner["items"], defs)
            if items.get("type") == "object":
                entries: list[object] = [
                    _read_object(items, defs, f"{path}.{index}.", values)
                    for index in _slots(values, path)
                    if not _is_blank(values, f"{path}.{index}.")
                ]
            else:
                entries = [item for item in values.get(path, []) if item]
            if entries or (nullable and known):
                document[name] = entries
        elif inner.get("type") == "object":
            if not _is_blank(values, f"{path}."):
                document[name] = _read_object(inner, defs, f"{path}.", values)
        else:
            text = values.get(path, [""])[0].strip()
            if text:
                document[name] = _scalar_value(inner, text)
    return document


def _slots(values: Mapping[str, list[str]], path: str) -> Iterator[int]:
    """The indices of an array's slots in the form, up to the first absent one."""
    for index in itertools.count():
        if not any(key.startswith(f"{path}.{index}.") for key in values):
            return
        yield index


def document_of_form(form: str) -> dict[str, Any]:
    """The patient document of a submitted form (URL-encoded); blank fields are left out.

    Raises:
        ServiceError: 400 when the form has more than :data:`MAX_FORM_FIELDS` fields.

    Examples:
        >>> document_of_form("primary=breast&kps=80&lesions.0.levels=t12&lesions.0.escc=")
        {'primary': 'breast', 'lesions': [{'levels': ['t12']}], 'kps': 80}
    """
    values: dict[str, list[str]] = {}
    try:
        pairs = urllib.parse.parse_qsl(form, keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS)
    except ValueError:
        message = f"the form has more than {MAX_FORM_FIELDS} fields"
        raise ServiceError(400, "invalid_form", [{"path": "$", "message": message}]) from None
    for key, value in pairs:
        values.setdefault(key, []).append(value)
    schema = json_schema(Patient)
    return _read_object(schema, schema.get("$defs", {}), "", values)


# --- Result view ------------------------------------------------------------------------------


class _Citations:
    """Numbers the citations of a result in order of first use."""

    def __init__(self) -> None:
        self.order: dict[str, Citation] = {}

    def mark(self, citation: Citation) -> str:
        number = list(self.order).index(citation.key) + 1 if citation.key in self.order else None
        if number is None:
            self.order[citation.key] = citation
            number = len(self.order)
        title = html.escape(citation.short)
        return f'<a class="cite" href="#ref-{number}" title="{title}">[{number}]</a>'

    def statement(self, finding: Finding) -> str:
        return f"{html.escape(finding.statement)} {self.mark(finding.citation)}"

    def listing(self) -> str:
        items = "".join(
            f'<li id="ref-{index}">{html.escape(str(citation))}</li>'
            for index, citation in enumerate(self.order.values(), start=1)
        )
        return f"<h2>References</h2><ol>{items}</ol>"


def _words(value: object) -> str:
    return str(getattr(value, "value", value)).replace("_", " ")


def _categories(result: Any) -> str:  # noqa: ANN401 - every score result has these two
    if result.category is not None:
        return _words(result.category)
    possible = sorted(_words(category) for category in result.possible_categories)
    return "one of: " + ", ".join(possible)


def _prognosis(assessment: Assessment, cites: _Citations) -> str:
    prognosis = assessment.prognosis
    rows = []
    for name in ("tokuhashi_revised", "tomita", "modified_bauer", "nesms", "katagiri"):
        result = getattr(prognosis, name)
        if result is None:
            continue
        points = result.points
        waits = getattr(result, "missing", ())
        rows.append(
            f"<tr><td>{html.escape(_words(name))}</td><td>{points.low}–{points.high}</td>"
            f"<td>{html.escape(_categories(result))}</td>"
            f"<td>{html.escape(', '.join(waits)) or '—'}</td>"
            f"<td>{cites.mark(result.citation)}</td></tr>"
        )
    not_scored = "".join(f"<li>{html.escape(reason)}</li>" for reason in prognosis.not_scored)
    return (
        "<h2>Prognosis scores (patient)</h2><table><tr><th>score</th><th>points (range)</th>"
        "<th>category</th><th>waits for</th><th>source</th></tr>"
        + "".join(rows)
        + "</table>"
        + (f"<ul>{not_scored}</ul>" if not_scored else "")
    )


def _reasons(option: OptionAssessment, cites: _Citations) -> str:
    if option.eligibility is Eligibility.ELIGIBLE:
        return ""
    items = [
        f"<li>{cites.statement(outcome.finding)}"
        + (
            f" <em>waits for: {html.escape(', '.join(outcome.missing))}</em>"
            if outcome.missing
            else ""
        )
        + "</li>"
        for outcome in option.rules
        if outcome.possible != {Eligibility.ELIGIBLE}
    ]
    if option.eligibility is Eligibility.UNDETERMINED and option.missing:
        items.insert(0, f"<li>Waits for: {html.escape(', '.join(option.missing))}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _options_table(lesion: LesionAssessment, cites: _Citations) -> str:
    rows = []
    for option in lesion.options:
        relief = option.pain_relief.onset_days
        response = option.pain_relief.response
        rows.append(
            f'<tr data-modality="{option.modality.value}">'
            f"<td>{html.escape(_words(option.modality))}</td>"
            f'<td class="{option.eligibility.value}">{option.eligibility.value}</td>'
            f"<td>{_reasons(option, cites)}</td>"
            f"<td>{html.escape(str(relief)) if relief is not None else '—'}"
            + (
                f"<br>{html.escape(str(response.probability))} {cites.mark(response.citation)}"
                if response is not None
                else ""
            )
            + f"</td><td>{html.escape(str(option.toxicity.systemic_therapy_hold_days))}</td>"
            f"<td>{html.escape(str(option.collapse_risk.probability))}</td></tr>"
        )
    return (
        '<table class="options"><tr><th>option</th><th>eligibility</th>'
        "<th>reason for the verdict (and what it waits for)</th>"
        "<th>pain relief onset; response</th>"
        "<th>systemic therapy held</th><th>collapse risk</th></tr>" + "".join(rows) + "</table>"
    )


_CHART_WIDTH: Final = 640
_LEFT: Final = 210
_ROW: Final = 18
_COLORS: Final = {"eligible": "#175e17", "caution": "#8a5a00", "undetermined": "#4a4a9a"}


def _svg(label: str, width: float, height: float, parts: Iterable[str]) -> str:
    return (
        f'<svg viewBox="0 0 {width:g} {height:g}" width="{width:g}" role="img" '
        f'aria-label="{html.escape(label)}" xmlns="http://www.w3.org/2000/svg" font-size="11">'
        + "".join(parts)
        + "</svg>"
    )


def _bar(  # noqa: PLR0917 - a rectangle is its four numbers and its colour
    x: float, y: float, width: float, height: float, fill: str, title: str = ""
) -> str:
    tip = f"<title>{html.escape(title)}</title>" if title else ""
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 2):.1f}" height="{height:g}" '
        f'fill="{fill}">{tip}</rect>'
    )


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{html.escape(text)}</text>'


def _line(x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" stroke="#333"/>'


def _timeline(lesion: LesionAssessment, cites: _Citations) -> str:
    """Pain relief per option: onset (dark) and time to maximal relief (light), in days."""
    shown = [
        (option, option.pain_relief.onset_days, option.pain_relief.maximal_days)
        for option in lesion.options
        if option.pain_relief.onset_days is not None
    ]
    if not shown:
        return "<p>No option has a pain-relief figure.</p>"
    span = max(
        1.0,
        *(onset.high for _, onset, _ in shown),
        *(maximal.high for _, _, maximal in shown if maximal is not None),
    )
    scale = (_CHART_WIDTH - _LEFT - 20) / span
    parts: list[str] = []
    for row, (option, onset, maximal) in enumerate(shown):
        y = 10 + row * _ROW
        parts.append(_text(_LEFT - 6, y + 11, _words(option.modality), "end"))
        if maximal is not None:
            width = (maximal.high - maximal.low) * scale
            parts.append(_bar(_LEFT + maximal.low * scale, y + 3, width, 8, "#b9d3ee"))
        width = (onset.high - onset.low) * scale
        parts.append(_bar(_LEFT + onset.low * scale, y + 1, width, 12, "#2a5d9f", f"onset {onset}"))
    axis = 14 + len(shown) * _ROW
    parts += [
        _line(_LEFT, axis, _CHART_WIDTH - 20, axis),
        _text(_LEFT, axis + 13, "0"),
        _text(_CHART_WIDTH - 20, axis + 13, f"{span:g} days", "end"),
    ]
    sources = " ".join(
        dict.fromkeys(
            cites.mark(finding.citation)
            for option, _, _ in shown
            for finding in option.pain_relief.findings
        )
    )
    return (
        _svg("Pain-relief timeline", _CHART_WIDTH, axis + 20, parts)
        + '<p class="cite">Dark: onset of pain relief; light: time to maximal relief. '
        + f"Sources: {sources}</p>"
    )


def _tradeoffs(lesion: LesionAssessment) -> str:
    """Options not contraindicated, side by side on three trade-offs, each bar a range.

    Columns: onset of pain relief (days), systemic therapy held (days), collapse risk (%);
    each column has its own scale, from 0 to the largest upper end among the options.
    """
    shown = [
        option for option in lesion.options if option.eligibility is not Eligibility.CONTRAINDICATED
    ]
    if not shown:
        return "<p>Every option is contraindicated.</p>"

    def onset(option: OptionAssessment) -> tuple[float, float] | None:
        days = option.pain_relief.onset_days
        return None if days is None else (days.low, days.high)

    def hold(option: OptionAssessment) -> tuple[float, float] | None:
        days = option.toxicity.systemic_therapy_hold_days
        return (days.low, days.high)

    def collapse(option: OptionAssessment) -> tuple[float, float] | None:
        risk = option.collapse_risk.probability
        return (risk.low * 100, risk.high * 100)

    columns = (
        ("pain relief onset (days)", onset),
        ("systemic therapy held (days)", hold),
        ("collapse risk (%)", collapse),
    )
    width = (_CHART_WIDTH + 100 - _LEFT) / len(columns)
    parts: list[str] = []
    for number, (title, figure) in enumerate(columns):
        left = _LEFT + number * width
        values = [figure(option) for option in shown]
        span = max(1.0, *(value[1] for value in values if value is not None))
        scale = (width - 24) / span
        parts.append(_text(left, 12, title))
        parts.append(
            _text(left + width - 24, 12 + (len(shown) + 1) * _ROW + 4, f"{span:.0f}", "end")
        )
        for row, (option, value) in enumerate(zip(shown, values, strict=True)):
            y = 20 + row * _ROW
            if value is None:
                parts.append(_text(left, y + 11, "no figure", extra=' fill="#777"'))
                continue
            color = _COLORS.get(option.eligibility.value, "#333")
            tip = f"{_words(option.modality)}: {value[0]:g}–{value[1]:g}"
            parts.append(_bar(left, y + 3, max(value[1] * scale, 0), 10, "#e4e4e4"))
            low, high = value[0] * scale, value[1] * scale
            parts.append(_bar(left + low, y + 1, high - low, 14, color, tip))
    for row, option in enumerate(shown):
        y = 20 + row * _ROW
        parts.append(_text(_LEFT - 6, y + 12, _words(option.modality), "end"))
    height = 24 + (len(shown) + 1) * _ROW
    legend = ", ".join(
        f'<span style="color:{color}">{name}</span>' for name, color in _COLORS.items()
    )
    return _svg("Trade-offs of the options", _CHART_WIDTH + 100, height, parts) + (
        f'<p class="cite">Each bar spans the range of the figure (colour: {legend}); each '
        "column is scaled to its largest value. Contraindicated options are left out; the "
        "sources are those of the table above.</p>"
    )


def _lesion(lesion: LesionAssessment, cites: _Citations) -> str:
    levels = format_levels(lesion.lesion.levels)
    sins = lesion.sins
    noms = lesion.noms
    grade = lesion.escc_grade.value if lesion.escc_grade is not None else "unknown"
    noms_findings = "".join(f"<li>{cites.statement(finding)}</li>" for finding in noms.findings)
    waits = f"<p>NOMS waits for: {html.escape(', '.join(noms.missing))}</p>" if noms.missing else ""
    return (
        f'<section class="lesion" data-levels="{html.escape(levels)}">'
        f"<h2>Lesion {html.escape(levels)}</h2>"
        f'<p class="sins">{html.escape(str(sins))} {cites.mark(sins.citation)}</p>'
        f"<p>Epidural compression: {html.escape(grade)} grade.</p>"
        f'<h3>NOMS</h3><p class="noms">Pathway: '
        f"<strong>{html.escape(_words(noms.pathway))}</strong>; "
        f"stabilization: <strong>{html.escape(_words(noms.stabilization))}</strong></p>"
        f"{waits}<ul>{noms_findings}</ul>"
        f"<h3>Options</h3>{_options_table(lesion, cites)}"
        f"<h3>Pain-relief timeline</h3>{_timeline(lesion, cites)}"
        f"<h3>Trade-offs</h3>{_tradeoffs(lesion)}"
        "</section>"
    )


def _result(assessment: Assessment) -> str:
    cites = _Citations()
    body = _prognosis(assessment, cites) + "".join(
        _lesion(lesion, cites) for lesion in assessment.lesions
    )
    return f'<div id="result">{body}{cites.listing()}</div>'


def _page(content: str) -> str:
    notice = f'<p class="notice">{html.escape(NOTICE)}</p>'
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>spinal-metastasis decision aid</title><style>{_STYLE}</style></head><body>"
        f"<h1>Spinal metastasis decision aid</h1><p>spinal-metastasis {library_version()}</p>"
        f"{notice}{content}{notice}</body></html>"
    )


def render_blank(example: str | None = None) -> str:
    """The page with a blank form, or the form filled with a built-in example patient."""
    document: dict[str, Any] = {}
    note = ""
    if example:
        try:
            document = unstructure(example_patient(example))
        except InvalidInputError:
            note = '<p class="errors">No example of that name.</p>'
    return _page(_picker(example) + note + _form(document))


def render_submitted(form: str) -> str:
    """The page for a submitted form: the form as filled, then the result or the errors."""
    document = document_of_form(form)
    try:
        patient = patient_of(document)
    except ServiceError as exc:
        items = "".join(
            f"<li><code>{html.escape(entry['path'])}</code>: {html.escape(entry['message'])}</li>"
            for entry in exc.errors
        )
        errors = f'<div class="errors" id="errors"><p>Please correct:</p><ul>{items}</ul></div>'
        return _page(_picker(None) + errors + _form(document))
    return _page(_picker(None) + _form(document) + _result(assess(patient)))


def render_references() -> str:
    """Every source of the library, one anchor per key (the CDS Hooks cards link here)."""
    items = "".join(
        f'<li id="{html.escape(key)}">{html.escape(str(citation))}</li>'
        for key, citation in sorted(REFERENCES.items())
    )
    return _page(f"<h2>References</h2><ul>{items}</ul>")
