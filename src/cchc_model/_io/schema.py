"""The JSON Schema (draft 2020-12) of the interchange format, generated from the catalog.

The schema ships as ``cchc_model/data/cchc-report.schema.json`` (``cchc schema`` prints
it) for validators in other languages; a test checks that the shipped file is what
:func:`json_schema` generates. It describes what :func:`cchc_model.loads` accepts,
with two limits of JSON Schema: it cannot refuse a key given twice, and an
``integer`` there also matches ``1.0``, which the reader refuses.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Final

from .._model.catalog import Edition, edition, editions
from .._model.period import Period
from .._model.public import publish
from .._model.template import Indicator, TemplateSpec
from .._model.units import AdminLevel, Kind
from .interchange import FORMAT, VERSION

__all__ = ["SCHEMA_FILE", "json_schema", "schema_text", "shipped_schema"]

SCHEMA_FILE: Final = "cchc-report.schema.json"
"""The name of the shipped schema, in ``cchc_model/data``."""

_DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
_ID: Final = f"urn:cchc-model:schema:{FORMAT}:{VERSION}"

_TEXT: Final = {"type": ["string", "null"]}
_INFO_TEXT: Final = {
    "place": "The place name of the date line (Hương Sơn).",
    "number": "The document number (341/BC-UBND).",
    "recipient": "The addressee of the Kính gửi line.",
    "signer": "Who signed.",
    "signer_title": "The signer's capacity (TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH).",
    "unit_code": "The official code of the administrative unit.",
    "province": "The province the unit belongs to.",
    "district": "The district the unit belonged to (reports before 1 July 2025).",
}


def _report_schema() -> dict[str, Any]:
    properties: dict[str, Any] = {
        "agency": {
            "type": "string",
            "description": "The issuing agency, as in the của … line (UBND xã Hương Sơn).",
        },
        "level": {
            "enum": [level.value for level in AdminLevel],
            "description": "The administrative level of the agency.",
        },
        "period": {
            "enum": [period.value for period in Period],
            "description": "The reporting period: quarters, 6 months (h1, h2), 9 months, year.",
        },
        "year": {"type": "integer", "minimum": 1900, "maximum": 9999},
        "date": {
            "type": ["string", "null"],
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "The date of the report, YYYY-MM-DD.",
        },
    }
    for key, text in _INFO_TEXT.items():
        properties[key] = {**_TEXT, "description": text}
    order = ["agency", "level", "period", "year", "place", "number", "date"]
    order += [k for k in _INFO_TEXT if k not in order]
    return {
        "type": "object",
        "required": ["agency", "level", "period", "year"],
        "additionalProperties": False,
        "properties": {key: properties[key] for key in order},
    }


def _value_ref(row: Indicator) -> dict[str, Any]:
    kind = row.kind
    if kind is Kind.CODE:
        assert row.code_list is not None  # noqa: S101  # a code row has a code list
        return {
            "$ref": "#/$defs/code",
            "description": f"{row.title} ({row.code_list.text()})",
        }
    if kind is Kind.COUNT:
        return {"$ref": "#/$defs/count", "description": f"{row.title} ({row.unit_text})"}
    return {"$ref": "#/$defs/decimal", "description": f"{row.title} ({row.unit_text})"}


def _template_schema(spec: TemplateSpec) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for row in spec.value_indicators:
        values[row.code] = _value_ref(row)
    # A code may also be written with a trailing dot ("6.3."), as the forms print it.
    for row in spec.value_indicators:
        values[f"{row.code}."] = {"$ref": _value_ref(row)["$ref"]}
    codes = "|".join(code.replace(".", "\\.") for code in spec.codes)
    return {
        "type": "object",
        "title": f"Phụ lục {spec.number}: {spec.title}",
        "additionalProperties": False,
        "properties": {
            "values": {
                "type": ["object", "null"],
                "properties": values,
                "additionalProperties": False,
            },
            "notes": {
                "type": ["object", "null"],
                "propertyNames": {"pattern": f"^(?:{codes})\\.?$"},
                "additionalProperties": {"$ref": "#/$defs/note"},
            },
        },
    }


def json_schema(edition_id: str | None = None) -> dict[str, Any]:
    """The JSON Schema of the interchange format, for one edition or for all.

    Args:
        edition_id: Describe only this edition's templates; ``None`` describes the
            documents of every known edition (what is shipped).

    Returns:
        The schema, as plain data ready for :func:`json.dumps`.

    Raises:
        CodeError: No edition has that id.

    >>> schema = json_schema()
    >>> schema["$schema"], schema["properties"]["format"]
    ('https://json-schema.org/draft/2020-12/schema', {'const': 'cchc-report'})
    >>> schema["required"]
    ['format', 'version', 'report', 'templates']
    >>> schema["$defs"]["edition-2024"]["properties"]["templates"]["properties"]["PL8"]
    {'$ref': '#/$defs/2024-PL8'}
    >>> schema["$defs"]["2024-PL8"]["properties"]["values"]["properties"]["6.4"]["$ref"]
    '#/$defs/decimal'
    """
    chosen: tuple[Edition, ...] = (edition(edition_id),) if edition_id else editions()
    defs: dict[str, Any] = {
        "report": _report_schema(),
        "count": {"type": ["integer", "null"], "description": "A count (a JSON integer)."},
        "code": {
            "type": ["integer", "null"],
            "description": "A code of the row's list; a value outside it is kept for validation.",
        },
        "decimal": {
            "type": ["string", "number", "null"],
            "pattern": "^-?[0-9]+(?:\\.[0-9]+)?$",
            "maxLength": 100,
            "description": "A percentage or an amount, best as a string that keeps its "
            'written precision ("70.10"), with a decimal point.',
        },
        "note": {"type": ["string", "null"], "maxLength": 10000},
    }
    default = edition()
    branches = []
    for ed in chosen:
        defs[f"edition-{ed.id}"] = {
            "properties": {
                "templates": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        cls.spec.id: {"$ref": f"#/$defs/{ed.id}-{cls.spec.id}"}
                        for cls in ed.classes
                    },
                }
            }
        }
        for cls in ed.classes:
            defs[f"{ed.id}-{cls.spec.id}"] = _template_schema(cls.spec)
        condition: dict[str, Any] = {"properties": {"edition": {"const": ed.id}}}
        if ed.id != default.id:  # a document without "edition": checked as of the current one
            condition["required"] = ["edition"]
        branches.append({"if": condition, "then": {"$ref": f"#/$defs/edition-{ed.id}"}})
    return {
        "$schema": _DRAFT,
        "$id": _ID,
        "title": f"{FORMAT}, version {VERSION}",
        "description": "A CCHC statistical report (Phụ lục 2–8) as exchanged by cchc_model. "
        "See docs/interchange.md.",
        "type": "object",
        "required": ["format", "version", "report", "templates"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "edition": {
                "enum": [ed.id for ed in chosen],
                "description": "The template edition; when absent, the edition in force for"
                f" the report's period (today: {default.id}).",
            },
            "report": {"$ref": "#/$defs/report"},
            "templates": {"type": "object"},
        },
        "allOf": branches,
        "$defs": defs,
    }


def schema_text(edition_id: str | None = None) -> str:
    """:func:`json_schema` as the shipped file writes it (UTF-8 text, indented by 2)."""
    return json.dumps(json_schema(edition_id), ensure_ascii=False, indent=2) + "\n"


def shipped_schema() -> str:
    """The text of the schema file shipped with the package.

    >>> shipped_schema() == schema_text()
    True
    """
    return resources.files("cchc_model").joinpath("data", SCHEMA_FILE).read_text(encoding="utf-8")


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
