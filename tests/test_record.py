"""Every record clipper writes validates against the schema `clipper schema` prints."""
import json

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import FIXTURES

import clipper
from clipper.cli import cli
from clipper.record import RECORD_SCHEMA, text_id


@pytest.fixture(scope="module")
def fixture_records():
    result = CliRunner().invoke(cli, ["ingest", str(FIXTURES)])
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_schema_command_prints_the_schema():
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == RECORD_SCHEMA


def test_every_fixture_record_validates(fixture_records):
    jsonschema.Draft202012Validator.check_schema(RECORD_SCHEMA)
    validator = jsonschema.Draft202012Validator(RECORD_SCHEMA)
    assert fixture_records
    for record in fixture_records:
        validator.validate(record)


def test_error_record_validates(tmp_path):
    bad = tmp_path / "image.html"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    record = clipper.process(bad).to_dict()
    jsonschema.validate(record, RECORD_SCHEMA)
    assert record["error"]["type"] == "unsupported" and "PNG" in record["error"]["message"]


def test_id_is_a_hash_of_the_normalized_text():
    assert text_id("Region  Skåne\nväljer") == text_id("region skåne väljer")
    assert text_id("Region Skåne") != text_id("Region Halland")


def test_process_takes_paths_and_bytes_and_process_text_takes_text(fixture_records):
    path = FIXTURES / "seeds" / "001_d381fe02363b1423.txt"
    from_path = clipper.process(path)
    from_bytes = clipper.process(path.read_bytes())
    from_text = clipper.process_text(path.read_text(encoding="utf-8"), name="vgr.txt")
    assert from_path.id == from_bytes.id == from_text.id == clipper.process_path(str(path)).id
    assert from_path.source.path == str(path) and from_bytes.source.path == "<bytes>"
    assert from_text.source.path == "vgr.txt" and from_path.language == "sv"
    short = clipper.process_text("Region Skåne väljer Cerner som leverantör av journalsystem.")
    assert short.error is None and short.language == "sv"
    assert [e["name"] for e in short.entities if e["type"] == "region"] == ["Region Skåne"]
    assert clipper.process("Region Skåne väljer Cerner").error["type"] == "not_found"  # a str is a path


def test_process_loads_the_gazetteer_once_for_repeated_calls(monkeypatch, tmp_path):
    from clipper import entities

    loads = []
    real_load = entities.load_gazetteer
    monkeypatch.setattr(entities, "load_gazetteer",
                        lambda files, **options: loads.append(files) or real_load(files, **options))
    settings = clipper.pipeline.Settings(max_bytes=123_456_789)  # settings no other test has cached
    path = FIXTURES / "seeds" / "003_643a6c2293681b07.txt"
    first, second = clipper.process(path, settings=settings), clipper.process(path, settings=settings)
    assert first.id == second.id and first.entities == second.entities
    assert len(loads) == 1


def test_a_records_dict_holds_its_fields_in_order_and_changing_it_leaves_the_record_alone():
    record = clipper.process_text("Region Skåne tecknar avtal med Cerner om ett nytt journalsystem för "
                                  "1,2 miljarder kronor. Avtalet gäller i tio år.", name="avtal.txt")
    data = record.to_dict()
    assert list(data)[:4] == ["record_id", "source", "id", "title"]
    assert data["source"]["path"] == "avtal.txt" and "error" not in data
    assert data["amounts"][0]["value"] == 1_200_000_000
    data["amounts"][0]["value"] = 0
    data["source"]["path"] = "changed.txt"
    data["relevance_evidence"].setdefault("changed", []).append("x")
    assert record.amounts[0]["value"] == 1_200_000_000
    assert record.source.path == "avtal.txt"
    assert "changed" not in record.relevance_evidence
    assert record.to_dict()["amounts"][0]["value"] == 1_200_000_000
