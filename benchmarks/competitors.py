"""Models of the same JSON document in pydantic v2 and msgspec, built from the catalog.

They read exactly what ``cchc_model.loads`` reads (the ``cchc-report`` format), with the
same value types (``int`` for counts and codes, ``Decimal`` for percentages and money),
so that the benchmark compares like with like. They check less than cchc_model does
(no duplicate keys, no problems collected with paths, no code normalisation), which is
stated next to the figures.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from cchc_model import Kind, edition


def _value_type(kind: Kind | None) -> Any:  # noqa: ANN401
    if kind in (Kind.PERCENT, Kind.MONEY):
        return Decimal
    return int


def pydantic_model() -> Any:  # noqa: ANN401
    """A pydantic v2 model of a whole document."""
    import pydantic  # noqa: PLC0415

    config = pydantic.ConfigDict(extra="forbid")
    templates: dict[str, Any] = {}
    for cls in edition().classes:
        spec = cls.spec
        fields = {
            f"v_{row.code.replace('.', '_')}": (
                _value_type(row.kind) | None,
                pydantic.Field(default=None, alias=row.code),
            )
            for row in spec.value_indicators
        }
        values = pydantic.create_model(f"{spec.id}Values", __config__=config, **fields)
        body = pydantic.create_model(
            f"{spec.id}Body",
            __config__=config,
            values=(values, ...),
            notes=(dict[str, str], pydantic.Field(default_factory=dict)),
        )
        templates[spec.id] = (body | None, None)
    info = pydantic.create_model(
        "Info",
        __config__=config,
        agency=(str, ...),
        level=(Literal["province", "department", "district", "commune"], ...),
        period=(Literal["q1", "q2", "q3", "q4", "h1", "h2", "m9", "year"], ...),
        year=(int, ...),
        place=(str | None, None),
        number=(str | None, None),
        date=(dt.date | None, None),
        recipient=(str | None, None),
        signer=(str | None, None),
        signer_title=(str | None, None),
        unit_code=(str | None, None),
        province=(str | None, None),
        district=(str | None, None),
    )
    tpls = pydantic.create_model("Templates", __config__=config, **templates)
    return pydantic.create_model(
        "Document",
        __config__=config,
        format=(Literal["cchc-report"], ...),
        version=(Literal[1], ...),
        edition=(str, "2024"),
        report=(info, ...),
        templates=(tpls, ...),
    )


def msgspec_type() -> Any:  # noqa: ANN401
    """A msgspec Struct type of a whole document (plain structs)."""
    import msgspec  # noqa: PLC0415

    templates = []
    for cls in edition().classes:
        spec = cls.spec
        fields = [
            (
                f"v_{row.code.replace('.', '_')}",
                _value_type(row.kind) | None,
                msgspec.field(default=None, name=row.code),
            )
            for row in spec.value_indicators
        ]
        values = msgspec.defstruct(f"{spec.id}Values", fields, forbid_unknown_fields=True)
        body = msgspec.defstruct(
            f"{spec.id}Body",
            [("values", values), ("notes", dict[str, str], msgspec.field(default_factory=dict))],
            forbid_unknown_fields=True,
        )
        templates.append((spec.id, body | None, None))
    info = msgspec.defstruct(
        "Info",
        [
            ("agency", str),
            ("level", Literal["province", "department", "district", "commune"]),
            ("period", Literal["q1", "q2", "q3", "q4", "h1", "h2", "m9", "year"]),
            ("year", int),
            ("place", str | None, None),
            ("number", str | None, None),
            ("date", dt.date | None, None),
            ("recipient", str | None, None),
            ("signer", str | None, None),
            ("signer_title", str | None, None),
            ("unit_code", str | None, None),
            ("province", str | None, None),
            ("district", str | None, None),
        ],
        forbid_unknown_fields=True,
    )
    tpls = msgspec.defstruct("Templates", templates, forbid_unknown_fields=True)
    return msgspec.defstruct(
        "Document",
        [
            ("format", Literal["cchc-report"]),
            ("version", Literal[1]),
            ("report", info),
            ("templates", tpls),
            ("edition", str, "2024"),
        ],
        forbid_unknown_fields=True,
    )
