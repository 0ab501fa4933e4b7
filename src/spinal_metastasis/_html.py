"""HTML for notebooks: one renderer shared by every score result.

A score result class gets its notebook display with one line in its body::

    _repr_html_ = score_html

Every score result has a one-line ``str()`` (name, points or their range, category
or the categories still possible, then the components), ``components`` (each with
a name, a finding and points), ``missing`` and ``citation``; this renderer reads
only those, with the standard library's :mod:`html` escaping, so the core stays
free of extras. Patient identifiers are never part of a score result,
so they never appear here.
"""

import html
from collections.abc import Iterable
from typing import Protocol

from spinal_metastasis.evidence import Citation
from spinal_metastasis.ranges import ScoreRange

__all__ = ["ScoreResult", "score_html"]


class _Component(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def finding(self) -> str: ...
    @property
    def points(self) -> ScoreRange: ...


class ScoreResult(Protocol):
    """What :func:`score_html` reads from a score result."""

    def __str__(self) -> str:
        """The one-line summary: ``<name> <points> (<category>): <components>``."""

    @property
    def components(self) -> Iterable[_Component]:
        """The items of the score."""

    @property
    def missing(self) -> Iterable[str]:
        """The unknown inputs that could change the category."""

    @property
    def citation(self) -> Citation:
        """The source of the score."""


def score_html(score: ScoreResult) -> str:
    """Render a score result as HTML: total, category, components table and citation.

    The heading is the score's own summary (``SINS 11 (potentially unstable)``;
    under unknowns the range and the categories still possible). An unknown
    component shows its finding as ``unknown`` and its points as the range still
    possible, never as zero; the inputs that would decide the category follow.

    Examples:
        >>> from spinal_metastasis import example_patient, sins
        >>> text = score_html(sins(example_patient().lesions[0]))
        >>> "<td>location</td>" in text, "potentially unstable" in text
        (True, True)
    """
    esc = html.escape
    # The score's own one-line summary up to its components: name, points and category
    # (or the categories still possible), as in ``str()``.
    heading = str(score).partition(": ")[0]
    rows = "".join(
        f"<tr><td>{esc(item.name)}</td><td>{esc(item.finding)}</td>"
        f"<td style='text-align:right'>{esc(str(item.points))}</td></tr>"
        for item in score.components
    )
    parts = [
        f"<div><p><strong>{esc(heading)}</strong></p>",
        "<table><thead><tr><th>item</th><th>finding</th><th>points</th></tr></thead>",
        f"<tbody>{rows}</tbody></table>",
    ]
    missing = tuple(score.missing)
    if missing:
        parts.append(f"<p>Waits for: {esc(', '.join(missing))}</p>")
    parts.append(f"<p><small>{esc(str(score.citation))}</small></p></div>")
    return "".join(parts)
