"""Decision support for metastatic spinal tumors: scores, radiobiology and treatment options.

Every function is pure, every result is frozen and carries its citations, and
unknown inputs give exact ranges instead of guesses. This library supports
clinical decisions; it does not make them, and it is not a medical device.
"""

from spinal_metastasis.anatomy import Region, SinsLocation, VertebralLevel
from spinal_metastasis.errors import (
    InvalidInputError,
    OutOfValidatedRangeError,
    SerializationError,
    SpinalMetastasisError,
)
from spinal_metastasis.evidence import Citation, Finding, FindingInput
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.io import (
    example_names,
    example_patient,
    from_json,
    json_schema,
    to_json,
)
from spinal_metastasis.model import (
    ESCC,
    Alignment,
    BoneLesion,
    Collapse,
    Fractionation,
    Frankel,
    Pain,
    Patient,
    Posterolateral,
    RadiationCourse,
    SpinalLesion,
    SystemicAgent,
    VisceralMetastases,
)
from spinal_metastasis.ranges import DayRange, ProbabilityRange, ScoreRange
from spinal_metastasis.references import REFERENCES

__all__ = [
    "ESCC",
    "REFERENCES",
    "Alignment",
    "BoneLesion",
    "Citation",
    "Collapse",
    "DayRange",
    "Finding",
    "FindingInput",
    "Fractionation",
    "Frankel",
    "InvalidInputError",
    "OutOfValidatedRangeError",
    "Pain",
    "Patient",
    "Posterolateral",
    "PrimaryTumor",
    "ProbabilityRange",
    "RadiationCourse",
    "Region",
    "ScoreRange",
    "SerializationError",
    "SinsLocation",
    "SpinalLesion",
    "SpinalMetastasisError",
    "SystemicAgent",
    "VertebralLevel",
    "VisceralMetastases",
    "example_names",
    "example_patient",
    "from_json",
    "json_schema",
    "to_json",
]


def __getattr__(name: str) -> str:
    """Serve ``__version__`` lazily from the installed distribution's metadata."""
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - lazy on purpose

        return version("spinal-metastasis")
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
