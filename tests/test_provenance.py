import json
import os
import subprocess
import sys
from pathlib import Path
from types import MappingProxyType

import attrs
import pytest

from spinal_metastasis import (
    Assessment,
    AssessmentSettings,
    Fractionation,
    InvalidInputError,
    PrimaryTumor,
    assess,
    example_patient,
    from_json,
)
from spinal_metastasis.cohort.batch import assessment_rows, to_table, write_table
from spinal_metastasis.histology import NOMS_TABLE, SC24_TABLE, Radiosensitivity
from spinal_metastasis.histology.bauer import BAUER_1995_PRIMARY_GROUPS
from spinal_metastasis.provenance import (
    METADATA_KEYS,
    envelope,
    envelope_json,
    library_version,
    provenance,
    provenance_metadata,
    settings_tables,
    table_digest,
)
from spinal_metastasis.scores.escc import BILSKY_NOMS, ESCC_1C_HIGH

ROLES = [
    "bauer_primary_groups",
    "escc_grouping",
    "katagiri_primary_groups",
    "radiosensitivity_table",
    "tokuhashi_primary_table",
    "tomita_growth_table",
]


class TestTableDigest:
    def test_is_sha256_hex(self) -> None:
        """The digest is 64 lowercase hexadecimal characters."""
        digest = table_digest(NOMS_TABLE)
        assert 64 == len(digest)
        assert set(digest) <= set("0123456789abcdef")

    def test_differs_between_tables(self) -> None:
        """Different classifications give different digests."""
        assert table_digest(NOMS_TABLE) != table_digest(SC24_TABLE)
        assert table_digest(BILSKY_NOMS) != table_digest(ESCC_1C_HIGH)

    def test_changes_with_one_entry(self) -> None:
        """Changing the class of one primary changes the digest, whatever the name."""
        classes = dict(NOMS_TABLE.classes)
        classes[PrimaryTumor.BREAST] = Radiosensitivity.RESISTANT
        changed = attrs.evolve(NOMS_TABLE, classes=classes)
        assert table_digest(NOMS_TABLE) != table_digest(changed)

    def test_ignores_the_version_and_the_declaration_order(self) -> None:
        """The digest is of the content: a new version or reordered entries keep it."""
        reordered = attrs.evolve(
            BAUER_1995_PRIMARY_GROUPS,
            groups=MappingProxyType(dict(reversed(list(BAUER_1995_PRIMARY_GROUPS.groups.items())))),
            version="2",
        )
        assert table_digest(BAUER_1995_PRIMARY_GROUPS) == table_digest(reordered)

    def test_is_the_same_in_another_process(self) -> None:
        """The digest does not depend on the process (hash seed, set order)."""
        code = (
            "from spinal_metastasis.histology import NOMS_TABLE;"
            "from spinal_metastasis.provenance import table_digest;"
            "print(table_digest(NOMS_TABLE))"
        )
        env = {**os.environ, "PYTHONHASHSEED": "12345"}
        completed = subprocess.run(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        assert table_digest(NOMS_TABLE) == completed.stdout.strip()


class TestProvenance:
    def test_names_versions_and_every_table(self) -> None:
        """Provenance carries the schema and library versions and every table by its role."""
        document = provenance()
        assert ["library_version", "schema_version", "settings"] == sorted(document)
        assert ("1", library_version()) == (
            document["schema_version"],
            document["library_version"],
        )
        assert ROLES == sorted(document["settings"])

    def test_describes_the_settings_given(self) -> None:
        """Swapped tables appear with their own name, version and digest."""
        settings = AssessmentSettings(radiosensitivity_table=SC24_TABLE)
        entry = provenance(settings)["settings"]["radiosensitivity_table"]
        expected = {"name": SC24_TABLE.name, "version": "1", "sha256": table_digest(SC24_TABLE)}
        assert expected == entry

    def test_tables_by_role(self) -> None:
        """settings_tables returns the settings' own tables under their field names."""
        settings = AssessmentSettings(escc_grouping=ESCC_1C_HIGH)
        assert ESCC_1C_HIGH is settings_tables(settings)["escc_grouping"]

    def test_metadata_is_flat_strings(self) -> None:
        """File metadata holds the same provenance as strings, settings as JSON."""
        metadata = provenance_metadata()
        assert list(METADATA_KEYS) == list(metadata)
        assert provenance()["settings"] == json.loads(metadata["settings"])


class TestEnvelope:
    def test_wraps_the_result_unchanged(self) -> None:
        """The envelope's result reads back to the same assessment."""
        assessment = assess(example_patient())
        document = json.loads(envelope_json(assessment))
        assert "Assessment" == document["kind"]
        assert assessment == from_json(json.dumps(document["result"]), Assessment)

    def test_carries_the_provenance(self) -> None:
        """The envelope holds every key of the provenance of its settings."""
        settings = AssessmentSettings(radiosensitivity_table=SC24_TABLE)
        document = envelope(assess(example_patient(), settings=settings), settings=settings)
        assert provenance(settings).items() <= document.items()

    def test_refuses_settings_the_assessment_did_not_use(self) -> None:
        """An assessment computed with other tables than the envelope's is an error."""
        settings = AssessmentSettings(radiosensitivity_table=SC24_TABLE)
        assessment = assess(example_patient(), settings=settings)
        with pytest.raises(InvalidInputError, match="radiosensitivity_table"):
            envelope(assessment)

    def test_wraps_any_model_object(self) -> None:
        """Objects without settings of their own are wrapped with the default provenance."""
        document = envelope(Fractionation(total_dose_gy=20, fractions=5))
        assert ("Fractionation", {"total_dose_gy": 20.0, "fractions": 5}) == (
            document["kind"],
            document["result"],
        )


class TestTablesCarryProvenance:
    def test_pandas_attrs(self) -> None:
        """A pandas table of batch rows carries the provenance in DataFrame.attrs."""
        pytest.importorskip("pandas")
        frame = to_table(assessment_rows(assess(example_patient())), kind="pandas")
        assert provenance() == frame.attrs

    def test_arrow_metadata(self) -> None:
        """An Arrow table of batch rows carries the provenance in its schema metadata."""
        pytest.importorskip("pyarrow")
        table = to_table(assessment_rows(assess(example_patient())), kind="arrow")
        metadata = {key.decode(): value.decode() for key, value in table.schema.metadata.items()}
        assert provenance_metadata() == metadata

    @pytest.mark.parametrize("writer", ["pyarrow", "polars"])
    def test_parquet_key_value_metadata(
        self, writer: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Parquet files carry the provenance as key-value metadata, whichever library writes."""
        pq = pytest.importorskip("pyarrow.parquet")
        pytest.importorskip(writer)
        path = tmp_path / "rows.parquet"
        with monkeypatch.context() as patch:
            if writer == "polars":
                patch.setitem(sys.modules, "pyarrow.parquet", None)
            write_table(assessment_rows(assess(example_patient())), path)
        stored = pq.read_metadata(path).metadata
        metadata = {key: stored[key.encode()].decode() for key in METADATA_KEYS}
        assert provenance_metadata() == metadata


class TestTableVersion:
    @pytest.mark.parametrize("role", ROLES)
    def test_built_in_tables_are_version_1(self, role: str) -> None:
        """Every built-in table an assessment uses starts at version "1"."""
        assert "1" == settings_tables()[role].version

    def test_version_must_be_a_non_empty_string(self) -> None:
        """A table's version is validated like its name."""
        with pytest.raises(InvalidInputError, match="'version' must be a non-empty string"):
            attrs.evolve(NOMS_TABLE, version="")
