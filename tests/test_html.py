import html
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given, settings

from spinal_metastasis import (
    Patient,
    SpinalLesion,
    assess,
    example_patient,
    katagiri,
    modified_bauer,
    nesms,
    sins,
    tokuhashi_revised,
    tomita,
)
from spinal_metastasis._html import ScoreResult, score_html
from spinal_metastasis.evidence import Citation
from spinal_metastasis.ranges.enumeration import ScoreComponent
from spinal_metastasis.scores.bauer import bauer
from spinal_metastasis.testing import patients

PATIENT_SCORES: list[Callable[[Patient], ScoreResult]] = [
    tokuhashi_revised,
    tomita,
    bauer,
    modified_bauer,
    nesms,
    katagiri,
]


class TestScoreHtml:
    def test_sins_known(self) -> None:
        """A known SINS shows its total and category, one table row per component, the source."""
        score = sins(example_patient().lesions[0])
        text = score_html(score)
        assert text.startswith("<div><p><strong>SINS 11 (potentially unstable)</strong></p>")
        assert text.count("<tr><td>") == 6
        assert "<td>location</td><td>junctional (T12)</td>" in text
        assert html.escape(str(score.citation)) in text
        assert "Waits for" not in text

    def test_sins_unknown(self) -> None:
        """Unknown findings show as unknown with their range of points, and what they wait for."""
        score = sins(SpinalLesion(levels="T4-T5"))
        text = score_html(score)
        assert "<td>pain</td><td>unknown</td><td style='text-align:right'>0–3</td>" in text
        assert "(stable or potentially unstable or unstable)" in text
        assert f"<p>Waits for: {', '.join(score.missing)}</p>" in text

    @pytest.mark.parametrize("score", PATIENT_SCORES, ids=lambda f: f.__name__)
    def test_every_patient_score(self, score: Callable[[Patient], ScoreResult]) -> None:
        """Every prognostic score renders with its own summary as the heading."""
        result = score(example_patient("prostate_partly_known"))
        text = score_html(result)
        heading = html.escape(str(result).partition(": ")[0])
        assert text.startswith(f"<div><p><strong>{heading}</strong></p>")
        assert len(tuple(result.components)) == text.count("<tr><td>")

    def test_escapes_text(self) -> None:
        """Findings are HTML-escaped (a ">=" in an item name is not markup)."""
        text = score_html(nesms(example_patient()))
        assert "modified Bauer &gt;= 3" in text

    def test_one_line_method(self) -> None:
        """Assigned in a class body, score_html becomes that class's notebook repr."""
        score = sins(example_patient().lesions[0])

        @attrs.frozen(kw_only=True)
        class DemoScore:
            summary: str
            components: tuple[ScoreComponent, ...]
            missing: tuple[str, ...]
            citation: Citation

            def __str__(self) -> str:
                return self.summary

            _repr_html_ = score_html

        demo = DemoScore(
            summary=str(score),
            components=score.components,
            missing=score.missing,
            citation=score.citation,
        )
        assert score_html(score) == demo._repr_html_()

    @settings(max_examples=40)
    @given(patient=patients(max_lesions=1))
    def test_never_shows_the_identifier(self, patient: Patient) -> None:
        """No score's HTML contains the patient identifier."""
        assessment = assess(attrs.evolve(patient, patient_id="ID-8d1c-HIDDEN"))
        prognosis = assessment.prognosis
        candidates: list[ScoreResult | None] = [
            prognosis.tokuhashi_revised,
            prognosis.tomita,
            prognosis.bauer,
            prognosis.modified_bauer,
            prognosis.nesms,
            prognosis.katagiri,
            *(item.sins for item in assessment.lesions),
        ]
        scores = [score for score in candidates if score is not None]
        assert all("ID-8d1c-HIDDEN" not in score_html(score) for score in scores)
