"""The JSON Schema of the interchange format: generated from the catalog, shipped as a file."""

from __future__ import annotations

import importlib.util
import json
from typing import Any

import pytest

from cchc_model import AdminLevel, CodeError, Period, dumps, edition, example, json_schema
from cchc_model._io.schema import SCHEMA_FILE, schema_text, shipped_schema


def test_the_shipped_file_is_what_the_catalog_generates() -> None:
    # If this fails after a catalog change: .venv/bin/python tests/golden/regenerate.py
    assert shipped_schema() == schema_text()
    assert SCHEMA_FILE == "cchc-report.schema.json"


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if "$ref" in node else []
        return found + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


def test_every_reference_resolves() -> None:
    schema = json_schema()
    refs = set(_refs(schema))
    assert refs
    for ref in refs:
        assert ref.startswith("#/$defs/")
        assert ref.removeprefix("#/$defs/") in schema["$defs"]


def test_it_describes_the_catalog() -> None:
    schema = json_schema("2024")
    report = schema["$defs"]["report"]
    assert report["properties"]["level"]["enum"] == [level.value for level in AdminLevel]
    assert report["properties"]["period"]["enum"] == [period.value for period in Period]
    assert report["required"] == ["agency", "level", "period", "year"]
    for cls in edition().classes:
        values = schema["$defs"][f"2024-{cls.spec.id}"]["properties"]["values"]["properties"]
        written = {code for code in values if not code.endswith(".")}
        assert written == {row.code for row in cls.spec.value_indicators}
        for row in cls.spec.value_indicators:
            assert row.kind is not None
            expected = {"count": "count", "code": "code"}.get(str(row.kind.value), "decimal")
            assert values[row.code]["$ref"] == f"#/$defs/{expected}"
            assert values[f"{row.code}."]["$ref"] == values[row.code]["$ref"]
    assert json_schema("2024") == json_schema()


def test_unknown_edition() -> None:
    with pytest.raises(CodeError, match="unknown template edition"):
        json_schema("1999")


jsonschema_missing = importlib.util.find_spec("jsonschema") is None


@pytest.mark.skipif(jsonschema_missing, reason="jsonschema is not installed (not a dependency)")
def test_documents_validate_against_the_schema() -> None:  # pragma: no cover  # optional
    jsonschema = importlib.import_module("jsonschema")
    validator = jsonschema.Draft202012Validator(json_schema())
    validator.check_schema(json_schema())
    assert list(validator.iter_errors(json.loads(dumps(example())))) == []
    bad = json.loads(dumps(example()))
    bad["templates"]["PL2"]["values"]["3"] = 1  # a heading
    bad["report"]["level"] = "village"
    assert len(list(validator.iter_errors(bad))) == 2
