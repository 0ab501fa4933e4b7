import pickle

import pytest

from spinal_metastasis import (
    InvalidInputError,
    OutOfValidatedRangeError,
    Patient,
    SerializationError,
    SpinalMetastasisError,
    from_json,
)


class TestErrors:
    def test_hierarchy(self) -> None:
        """Every error is a SpinalMetastasisError and a ValueError."""
        for error in (InvalidInputError, OutOfValidatedRangeError, SerializationError):
            assert issubclass(error, SpinalMetastasisError)
            assert issubclass(error, ValueError)

    def test_invalid_input_pickles_with_its_field(self) -> None:
        """Errors cross process boundaries (batch assessment) with their field."""
        with pytest.raises(InvalidInputError) as info:
            Patient(kps=75)
        copy = pickle.loads(pickle.dumps(info.value))  # noqa: S301 - our own object
        assert (type(info.value), str(info.value), "kps") == (type(copy), str(copy), copy.field)
        assert copy.detail.startswith("must be an integer from 0 to 100")

    def test_serialization_error_pickles_with_its_messages(self) -> None:
        """A JSON error keeps every message through pickling."""
        with pytest.raises(SerializationError) as info:
            from_json('{"kps": 75, "ecog": 9}', Patient)
        copy = pickle.loads(pickle.dumps(info.value))  # noqa: S301 - our own object
        assert info.value.messages == copy.messages
        assert len(copy.messages) == 2

    def test_detail_without_a_field(self) -> None:
        """An error about a whole document has no field, and its detail is the message."""
        error = InvalidInputError("not valid JSON")
        assert (None, "not valid JSON") == (error.field, error.detail)
