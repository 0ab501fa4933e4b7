"""Shared test configuration: Hypothesis profiles.

``dev`` is quick, ``ci`` (loaded by Hypothesis itself on CI) is derandomised with
300 examples, ``thorough`` is for nightly runs. A profile is loaded only when
``HYPOTHESIS_PROFILE`` is set, or ``ci`` when the ``CI`` variable is.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=25)
settings.register_profile(
    "ci",
    max_examples=300,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=2000, deadline=None)

if "HYPOTHESIS_PROFILE" in os.environ:
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
elif os.environ.get("CI"):
    settings.load_profile("ci")
