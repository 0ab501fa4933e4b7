"""Shared test configuration: Hypothesis profiles.

``ci`` is the default: derandomised (the same examples on every run, so a run that passed
passes again), 300 examples, no deadline and no ``too_slow`` health check (timings on a
loaded two-core machine say nothing about the code). ``dev`` is quick for editing, and
``thorough`` (2,000 random examples) is for nightly runs. ``HYPOTHESIS_PROFILE`` or pytest's
``--hypothesis-profile`` chooses another.
"""

import os

from hypothesis import HealthCheck, settings

_QUIET = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

settings.register_profile("dev", _QUIET, max_examples=25)
settings.register_profile("ci", _QUIET, max_examples=300, derandomize=True, print_blob=True)
settings.register_profile("thorough", _QUIET, max_examples=2000)

# `--hypothesis-profile` has already been applied when this file is read: keep it. Hypothesis
# loads its own built-in "ci" when it detects CI, before the one registered above exists.
if settings.get_current_profile_name() in {"default", "ci"}:
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
