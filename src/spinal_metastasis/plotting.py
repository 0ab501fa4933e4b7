"""Pictures of an assessment, for notebooks and reports (extra ``plot``: matplotlib).

- :func:`plot_pain_relief_timeline`: per option, from the onset of pain relief to
  its maximal effect, with the response rate;
- :func:`plot_tradeoffs`: the options across onset, systemic-therapy hold,
  collapse risk, local control and sessions;
- :func:`plot_sins_components`: the six SINS components and the total.

Each function returns a :class:`matplotlib.figure.Figure` built without
:mod:`matplotlib.pyplot` (no global state; nothing is shown or kept open), or
draws into the figure you pass (``figure=plt.figure()`` to let pyplot manage it;
an empty figure is resized to fit, with the constrained layout).
A range is drawn as a range; a figure no source gives is written "no figure",
never drawn as zero. matplotlib is imported inside the functions, so importing
this module costs nothing without the extra.

Presentation only: every value comes from the assessment's own results.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final, NamedTuple

from spinal_metastasis._format import percent_range
from spinal_metastasis.ranges import DayRange, ProbabilityRange, ScoreRange
from spinal_metastasis.treatments.option import Eligibility

if TYPE_CHECKING:  # pragma: no cover - annotations only; matplotlib loads lazily
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure

    from spinal_metastasis.assessment import LesionAssessment
    from spinal_metastasis.scores.sins import SinsScore
    from spinal_metastasis.treatments.option import OptionAssessment

__all__ = [
    "ELIGIBILITY_COLORS",
    "NO_FIGURE",
    "plot_pain_relief_timeline",
    "plot_sins_components",
    "plot_tradeoffs",
]

#: The text written where a source gives no figure.
NO_FIGURE: Final = "no figure"

#: Colours of the eligibility verdicts (colour-blind safe, Okabe-Ito).
ELIGIBILITY_COLORS: Final = {
    Eligibility.ELIGIBLE: "#009E73",
    Eligibility.CAUTION: "#E69F00",
    Eligibility.CONTRAINDICATED: "#D55E00",
    Eligibility.UNDETERMINED: "#999999",
}
_UNKNOWN_COLOR: Final = "#BBBBBB"


def _figure(
    figure: "Figure | SubFigure | None", width: float, height: float
) -> "Figure | SubFigure":
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415 - the optional ``plot`` extra
    except ImportError:
        msg = 'matplotlib is needed for plots: pip install "spinal-metastasis[plot]"'
        raise ImportError(msg) from None
    if figure is None:
        return Figure(figsize=(width, height), layout="constrained")
    if isinstance(figure, Figure) and not figure.axes:  # an empty figure: sized to fit
        figure.set_size_inches(width, height)
        figure.set_layout_engine("constrained")
    return figure


def _root(figure: "Figure | SubFigure") -> "Figure":
    from matplotlib.figure import Figure  # noqa: PLC0415 - the optional ``plot`` extra

    return figure if isinstance(figure, Figure) else figure.get_figure(root=True)


def _eligibility_legend(
    figure: "Figure | SubFigure", options: Sequence["OptionAssessment"]
) -> None:
    from matplotlib.lines import Line2D  # noqa: PLC0415 - the optional ``plot`` extra

    shown = [verdict for verdict in Eligibility if any(o.eligibility is verdict for o in options)]
    handles = [
        Line2D([], [], color=ELIGIBILITY_COLORS[verdict], linewidth=6, label=verdict.value)
        for verdict in shown
    ]
    figure.legend(
        handles=handles, loc="outside lower center", ncols=len(handles), fontsize=8, frameon=False
    )


def _option_labels(options: Sequence["OptionAssessment"]) -> list[str]:
    return [f"{option.modality.label} ({option.eligibility.value})" for option in options]


def _color_labels(ax: "Axes", options: Sequence["OptionAssessment"]) -> None:
    for label, option in zip(ax.get_yticklabels(), options, strict=True):
        label.set_color(ELIGIBILITY_COLORS[option.eligibility])


# --- Pain relief timeline -----------------------------------------------------------------------


def plot_pain_relief_timeline(
    lesion_assessment: "LesionAssessment", *, figure: "Figure | SubFigure | None" = None
) -> "Figure":
    """Draw, per option, pain relief from its onset to its maximal effect.

    Each option with a published onset has a bar: a light part over the onset's
    range (relief may begin anywhere in it) and a dark part from the end of the
    onset to the end of the time to maximal effect. The response rate (overall
    pain response) is written beside the bar. An option whose onset no source
    gives is written "no figure"; a missing time to maximal effect or response is
    said so, never drawn as zero. Labels are coloured by eligibility.

    Args:
        lesion_assessment: One lesion of :func:`~spinal_metastasis.assess`.
        figure: A figure (or subfigure) to draw into; a new one by default.

    Returns:
        The figure (the root figure when a subfigure was given).

    Raises:
        ImportError: Without the ``plot`` extra.
    """
    options = lesion_assessment.options
    target = _figure(figure, 9.0, 0.45 * len(options) + 1.6)
    ax = target.subplots()
    positions = list(range(len(options)))
    latest = max(
        (
            max(
                relief.onset_days.high,
                relief.maximal_days.high if relief.maximal_days is not None else 0.0,
            )
            for relief in (option.pain_relief for option in options)
            if relief.onset_days is not None
        ),
        default=1.0,
    )
    pad = latest * 0.01
    for position, option in zip(positions, options, strict=True):
        relief = option.pain_relief
        onset = relief.onset_days
        color = ELIGIBILITY_COLORS[option.eligibility]
        if onset is None:
            ax.text(pad, position, NO_FIGURE, va="center", fontsize=8, style="italic")
            continue
        if onset.low == onset.high:  # an exact onset: a mark, not a bar of zero width
            ax.plot([onset.low], [position], "D", color=color, markersize=6)
        else:
            ax.barh(
                position,
                onset.high - onset.low,
                left=onset.low,
                height=0.6,
                color=color,
                alpha=0.35,
            )
        maximal = relief.maximal_days
        end = onset.high
        if maximal is not None and maximal.high > onset.high:
            ax.barh(position, maximal.high - onset.high, left=onset.high, height=0.6, color=color)
            end = maximal.high
        response = relief.response
        note = (
            f"response {percent_range(response.probability.low, response.probability.high)}"
            if response is not None
            else "response: no figure"
        )
        if maximal is None:
            note += "; maximal effect: no figure"
        ax.text(end + pad, position, note, va="center", fontsize=8)
    ax.set_yticks(positions, _option_labels(options))
    _color_labels(ax, options)
    ax.invert_yaxis()
    ax.set_xlim(0, latest * 1.45)
    ax.set_xlabel("days from treatment")
    ax.set_title(
        f"Pain relief, lesion {lesion_assessment.lesion.label}\n"
        "onset (light; a diamond when exact) to maximal effect (dark)",
        fontsize=10,
    )
    ax.grid(axis="x", alpha=0.3)
    _eligibility_legend(target, options)
    return _root(target)


# --- Trade-offs -----------------------------------------------------------------------------------


class _Dimension(NamedTuple):
    title: str
    unit: str
    lower_is_better: bool
    no_source_range: tuple[float, float] | None = None
    """The range that says no source gives a figure (collapse risk 0–100 %)."""


_DIMENSIONS: Final = (
    _Dimension("pain relief onset", "days", lower_is_better=True),
    _Dimension("systemic therapy hold", "days", lower_is_better=True),
    _Dimension("collapse risk", "%", lower_is_better=True, no_source_range=(0.0, 100.0)),
    _Dimension("local control", "%", lower_is_better=False),
    _Dimension("sessions", "sessions", lower_is_better=True),
)


def _tradeoff_values(
    option: "OptionAssessment",
) -> tuple[tuple[float, float] | None, ...]:
    def days(value: DayRange | None) -> tuple[float, float] | None:
        return None if value is None else (value.low, value.high)

    def percent(value: ProbabilityRange | None) -> tuple[float, float] | None:
        return None if value is None else (100 * value.low, 100 * value.high)

    def count(value: ScoreRange) -> tuple[float, float]:
        return (float(value.low), float(value.high))

    return (
        days(option.pain_relief.onset_days),
        days(option.toxicity.systemic_therapy_hold_days),
        percent(option.collapse_risk.probability),
        percent(option.local_control.probability),
        count(option.burden.sessions),
    )


def plot_tradeoffs(
    lesion_assessment: "LesionAssessment", *, figure: "Figure | SubFigure | None" = None
) -> "Figure":
    """Draw the options side by side across the trade-off dimensions.

    One panel per dimension (pain relief onset, systemic therapy hold, collapse
    risk, local control, sessions), one row per option. A value is a dot; a
    range a line from its low to its high end; a figure no source gives is
    written "no figure". A collapse risk of 0–100 % is the library's way of
    saying no source gives one, and is drawn as such, across the whole panel.
    Labels are coloured by eligibility.

    Args:
        lesion_assessment: One lesion of :func:`~spinal_metastasis.assess`.
        figure: A figure (or subfigure) to draw into; a new one by default.

    Returns:
        The figure (the root figure when a subfigure was given).

    Raises:
        ImportError: Without the ``plot`` extra.
    """
    options = lesion_assessment.options
    target = _figure(figure, 13.0, 0.42 * len(options) + 1.8)
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415 - the optional ``plot`` extra

    axes = target.subplots(1, len(_DIMENSIONS), sharey=True)
    values = [_tradeoff_values(option) for option in options]
    positions = list(range(len(options)))
    for column, (ax, dimension) in enumerate(zip(axes, _DIMENSIONS, strict=True)):
        known = [value for row in values if (value := row[column]) is not None]
        top = max((high for _low, high in known), default=1.0) or 1.0
        for position, option, row in zip(positions, options, values, strict=True):
            value = row[column]
            color = ELIGIBILITY_COLORS[option.eligibility]
            if value is None:
                ax.text(top * 0.02, position, NO_FIGURE, va="center", fontsize=7, style="italic")
                continue
            low, high = value
            if dimension.no_source_range == (low, high):
                ax.plot([low, high], [position, position], ":", color=_UNKNOWN_COLOR, linewidth=2)
                ax.text(top * 0.02, position - 0.3, NO_FIGURE, fontsize=7, style="italic")
            elif low == high:
                ax.plot([low], [position], "o", color=color, markersize=5)
            else:
                ax.plot(
                    [low, high],
                    [position, position],
                    "-",
                    color=color,
                    linewidth=4,
                    solid_capstyle="butt",
                    alpha=0.8,
                )
        ax.set_xlim(0, top * 1.08)
        arrow = "lower is better" if dimension.lower_is_better else "higher is better"
        ax.set_title(f"{dimension.title}\n({dimension.unit}; {arrow})", fontsize=9)
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(axis="x", labelsize=8)
        if dimension.unit == "sessions":
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes[0].set_yticks(positions, _option_labels(options))
    _color_labels(axes[0], options)
    axes[0].invert_yaxis()
    target.suptitle(
        f"Trade-offs of the options, lesion {lesion_assessment.lesion.label} "
        "(dot: a value; bar: a range)"
    )
    _eligibility_legend(target, options)
    return _root(target)


# --- SINS components ------------------------------------------------------------------------------


def plot_sins_components(
    sins_score: "SinsScore", *, figure: "Figure | SubFigure | None" = None
) -> "Figure":
    """Draw the SINS components: the points each gives, and the range when it is unknown.

    A known component is a solid bar of its points (a zero shows as an empty
    row with its "0 points" label). An unknown one is a hatched bar over the
    points still possible, labelled with its finding ("unknown"). The title
    gives the total (or its range) and the category (or the categories still
    possible).

    Args:
        sins_score: The result of :func:`~spinal_metastasis.sins`.
        figure: A figure (or subfigure) to draw into; a new one by default.

    Returns:
        The figure (the root figure when a subfigure was given).

    Raises:
        ImportError: Without the ``plot`` extra.
    """
    components = sins_score.components
    target = _figure(figure, 7.5, 0.5 * len(components) + 1.4)
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415 - the optional ``plot`` extra

    ax = target.subplots()
    positions = list(range(len(components)))
    top = max((item.points.high for item in components), default=1) or 1
    for position, item in zip(positions, components, strict=True):
        points = item.points
        if points.low:
            ax.barh(position, points.low, height=0.6, color="#0072B2")
        if not points.is_exact:
            ax.barh(
                position,
                points.high - points.low,
                left=points.low,
                height=0.6,
                color="white",
                edgecolor=_UNKNOWN_COLOR,
                hatch="///",
            )
        noun = "point" if points.high == 1 else "points"
        ax.text(points.high + top * 0.02, position, f"{points} {noun}", va="center", fontsize=9)
    ax.set_yticks(positions, [f"{item.name}: {item.finding}" for item in components])
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.35)
    ax.set_xlabel("points")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", alpha=0.3)
    if sins_score.category is not None:
        category = sins_score.category.value.replace("_", " ")
    else:
        category = " or ".join(
            item.value.replace("_", " ")
            for item in type(next(iter(sins_score.possible_categories)))
            if item in sins_score.possible_categories
        )
    ax.set_title(f"SINS {sins_score.points} ({category})")
    return _root(target)
