import sys
from pathlib import Path

import pytest

pytest.importorskip("matplotlib")

import matplotlib as mpl
from matplotlib.figure import Figure

from spinal_metastasis import Modality, Patient, SpinalLesion, assess, example_patient
from spinal_metastasis.assessment import LesionAssessment
from spinal_metastasis.plotting import (
    NO_FIGURE,
    plot_pain_relief_timeline,
    plot_sins_components,
    plot_tradeoffs,
)

mpl.use("Agg")


def _lesion(name: str = "breast_t12_mechanical") -> LesionAssessment:
    return assess(example_patient(name)).lesions[0]


def _texts(figure: Figure) -> list[str]:
    return [text.get_text() for ax in figure.axes for text in ax.texts]


class TestPainReliefTimeline:
    def test_one_row_per_option(self) -> None:
        """Every option has a labelled row, coloured by eligibility, and the figure a title."""
        lesion = _lesion()
        figure = plot_pain_relief_timeline(lesion)
        [ax] = figure.axes
        labels = [label.get_text() for label in ax.get_yticklabels()]
        assert [f"{o.modality.label} ({o.eligibility.value})" for o in lesion.options] == labels
        assert ax.get_title().startswith("Pain relief, lesion T12")
        assert ax.get_xlabel() == "days from treatment"

    def test_bars_and_marks_follow_the_figures(self) -> None:
        """A range of onset is a light bar, an exact onset a diamond, maximal effect a dark bar."""
        lesion = _lesion()
        options = lesion.options
        onset_ranges = sum(
            1
            for o in options
            if o.pain_relief.onset_days is not None
            and o.pain_relief.onset_days.low < o.pain_relief.onset_days.high
        )
        exact = sum(
            1
            for o in options
            if o.pain_relief.onset_days is not None
            and o.pain_relief.onset_days.low == o.pain_relief.onset_days.high
        )
        to_maximal = sum(
            1
            for o in options
            if o.pain_relief.onset_days is not None
            and o.pain_relief.maximal_days is not None
            and o.pain_relief.maximal_days.high > o.pain_relief.onset_days.high
        )
        [ax] = plot_pain_relief_timeline(lesion).axes
        assert onset_ranges + to_maximal == len(ax.patches)
        assert exact == len(ax.lines)

    def test_unknown_figures_are_written_not_zero(self) -> None:
        """An option without onset is written "no figure"; a missing response is said so."""
        lesion = _lesion()
        texts = _texts(plot_pain_relief_timeline(lesion))
        without_onset = sum(1 for o in lesion.options if o.pain_relief.onset_days is None)
        assert without_onset == texts.count(NO_FIGURE)
        sbrt = lesion.option(Modality.SBRT).pain_relief
        assert sbrt.response is not None
        assert sbrt.maximal_days is None
        assert any(text.endswith("; maximal effect: no figure") for text in texts)
        assert any(text.startswith("response: no figure") for text in texts)

    def test_response_rate_annotated(self) -> None:
        """The response rate is written beside the bar, as a percentage."""
        texts = _texts(plot_pain_relief_timeline(_lesion()))
        assert "response 61–67 %" in texts

    def test_draws_into_a_given_figure(self) -> None:
        """With figure=..., the plot is drawn into it, and it is returned."""
        figure = Figure()
        assert plot_pain_relief_timeline(_lesion(), figure=figure) is figure

    def test_draws_into_a_subfigure(self) -> None:
        """A subfigure is drawn into, and its root figure is returned."""
        figure = Figure()
        grid = figure.add_gridspec(1, 2)
        left, right = figure.add_subfigure(grid[0]), figure.add_subfigure(grid[1])
        assert plot_sins_components(_lesion().sins, figure=left) is figure
        assert plot_tradeoffs(_lesion(), figure=right) is figure
        assert len(figure.axes) == 1 + 5


class TestTradeoffs:
    def test_one_panel_per_dimension(self) -> None:
        """Five panels, titled by dimension, sharing the option labels."""
        figure = plot_tradeoffs(_lesion())
        titles = [ax.get_title().split("\n")[0] for ax in figure.axes]
        assert titles == [
            "pain relief onset",
            "systemic therapy hold",
            "collapse risk",
            "local control",
            "sessions",
        ]
        labels = [label.get_text() for label in figure.axes[0].get_yticklabels()]
        assert len(labels) == len(Modality)
        suptitle = figure.get_suptitle()
        assert suptitle.startswith("Trade-offs of the options, lesion T12")

    def test_one_mark_per_known_figure(self) -> None:
        """Each panel has one mark per option with a figure and "no figure" for the others."""
        lesion = _lesion()
        figure = plot_tradeoffs(lesion)
        onset_ax, _hold, _collapse, control_ax, sessions_ax = figure.axes
        with_onset = sum(1 for o in lesion.options if o.pain_relief.onset_days is not None)
        with_control = sum(1 for o in lesion.options if o.local_control.probability is not None)
        assert with_onset == len(onset_ax.lines)
        assert len(lesion.options) - with_onset == [t.get_text() for t in onset_ax.texts].count(
            NO_FIGURE
        )
        assert with_control == len(control_ax.lines)
        assert len(Modality) == len(sessions_ax.lines)

    def test_collapse_without_source_is_no_figure(self) -> None:
        """A collapse risk of 0–100 % (no source) is a dotted line marked "no figure"."""
        lesion = _lesion()
        collapse_ax = plot_tradeoffs(lesion).axes[2]
        unsourced = sum(
            1
            for o in lesion.options
            if (o.collapse_risk.probability.low, o.collapse_risk.probability.high) == (0, 1)
        )
        dotted = [line for line in collapse_ax.lines if line.get_linestyle() == ":"]
        assert unsourced == len(dotted)
        assert unsourced == [t.get_text() for t in collapse_ax.texts].count(NO_FIGURE)

    def test_legend_names_the_verdicts_shown(self) -> None:
        """The legend lists the eligibility verdicts present, in their order."""
        lesion = _lesion()
        [legend] = plot_tradeoffs(lesion).legends
        shown = {o.eligibility.value for o in lesion.options}
        assert sorted(shown) == sorted(text.get_text() for text in legend.get_texts())


class TestSinsComponents:
    def test_known_components(self) -> None:
        """Six rows; a bar per component with points; the title gives total and category."""
        score = _lesion().sins
        [ax] = plot_sins_components(score).axes
        labels = [label.get_text() for label in ax.get_yticklabels()]
        assert labels[0] == "location: junctional (T12)"
        assert len(labels) == 6
        assert sum(1 for item in score.components if item.points.low > 0) == len(ax.patches)
        assert ax.get_title() == "SINS 11 (potentially unstable)"

    def test_unknown_components_are_ranges(self) -> None:
        """An unknown component is a hatched range labelled unknown, never zero."""
        lesion = SpinalLesion(levels="T4-T5")
        score = assess(Patient(lesions=[lesion])).lesions[0].sins
        [ax] = plot_sins_components(score).axes
        hatched = [patch for patch in ax.patches if patch.get_hatch()]
        assert len(hatched) == 5
        assert "pain: unknown" in [label.get_text() for label in ax.get_yticklabels()]
        assert "0–3 points" in [text.get_text() for text in ax.texts]
        assert ax.get_title() == "SINS 1–16 (stable or potentially unstable or unstable)"

    def test_renders_to_png(self, tmp_path: Path) -> None:
        """The figure renders on the Agg backend."""
        path = tmp_path / "sins.png"
        plot_sins_components(_lesion().sins).savefig(path)
        assert path.read_bytes()[:4] == b"\x89PNG"


class TestWithoutMatplotlib:
    def test_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without matplotlib, the error names the plot extra."""
        monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
        with pytest.raises(ImportError, match=r"spinal-metastasis\[plot\]"):
            plot_sins_components(_lesion().sins)
