"""cchc_model: typed model, validation and Vietnamese formatting of CCHC statistical reports.

>>> import cchc_model
>>> report = cchc_model.example()
>>> report.pl4.commune_on_time_rate
Decimal('100')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ._io.interchange import configure_converter, dump, dumps, load, loads, make_converter
from ._model.catalog import Correction, Edition, catalog_data, edition, editions
from ._model.errors import (
    CchcError,
    CodeError,
    ComparisonError,
    ConsolidationError,
    ParseError,
    Problem,
    ReportFormatError,
    RuleError,
    ValueTypeError,
)
from ._model.example import example
from ._model.extras import MissingExtraError
from ._model.frozen import FrozenMap
from ._model.period import Period
from ._model.report import Report, ReportInfo
from ._model.template import Emphasis, Indicator, Template, TemplateSpec, normalize_code
from ._model.units import (
    AdminLevel,
    Code,
    Completion,
    Consolidation,
    Kind,
    MeetingSystem,
    Progress,
    SurveyMethod,
    Unit,
    YesNo,
)
from .templates import (
    CivilService,
    DigitalGovernment,
    Direction,
    Institutions,
    Organisation,
    Procedures,
    PublicFinance,
)

if TYPE_CHECKING:  # imported on first use, see __getattr__, so that `import cchc_model` is fast
    from . import vi
    from ._consolidation.aggregate import (
        Aggregation,
        AggregationNote,
        RowProvenance,
        SourceReport,
        aggregate,
        combine,
    )
    from ._consolidation.compare import Change, ComparedRow, Comparison, compare
    from ._consolidation.export import to_pandas, to_parquet, to_polars, to_records
    from ._io.read import ReadResult, read
    from ._io.render import render
    from ._io.schema import json_schema
    from ._io.table import ReportTable, TableFinding, TableRow, TemplateTable, table_model
    from ._rules.derive import derive
    from ._rules.findings import Finding, ValidationResult
    from ._rules.interval import Interval
    from ._rules.rulesets import (
        Rule,
        RuleSet,
        Severity,
        Tolerance,
        builtin_rules,
        load_rules,
        loads_rules,
    )
    from ._rules.validate import validate

_LAZY = {
    **dict.fromkeys(
        ("Aggregation", "AggregationNote", "RowProvenance", "SourceReport", "aggregate", "combine"),
        "._consolidation.aggregate",
    ),
    **dict.fromkeys(("Change", "ComparedRow", "Comparison", "compare"), "._consolidation.compare"),
    "derive": "._rules.derive",
    **dict.fromkeys(
        ("to_pandas", "to_parquet", "to_polars", "to_records"), "._consolidation.export"
    ),
    **dict.fromkeys(("Finding", "ValidationResult"), "._rules.findings"),
    "Interval": "._rules.interval",
    **dict.fromkeys(("ReadResult", "read"), "._io.read"),
    "render": "._io.render",
    **dict.fromkeys(
        (
            "Rule",
            "RuleSet",
            "Severity",
            "Tolerance",
            "builtin_rules",
            "load_rules",
            "loads_rules",
        ),
        "._rules.rulesets",
    ),
    "json_schema": "._io.schema",
    **dict.fromkeys(
        ("ReportTable", "TableFinding", "TableRow", "TemplateTable", "table_model"), "._io.table"
    ),
    "validate": "._rules.validate",
}
"""Names whose modules load on first use: validation, rendering, consolidation…"""


def __getattr__(name: str) -> object:
    if name == "vi":  # the formatting module itself
        return importlib.import_module(".vi", __name__)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cchc_model' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__version__ = "0.1.0"

__all__ = [
    "AdminLevel",
    "Aggregation",
    "AggregationNote",
    "CchcError",
    "Change",
    "CivilService",
    "Code",
    "CodeError",
    "ComparedRow",
    "Comparison",
    "ComparisonError",
    "Completion",
    "Consolidation",
    "ConsolidationError",
    "Correction",
    "DigitalGovernment",
    "Direction",
    "Edition",
    "Emphasis",
    "Finding",
    "FrozenMap",
    "Indicator",
    "Institutions",
    "Interval",
    "Kind",
    "MeetingSystem",
    "MissingExtraError",
    "Organisation",
    "ParseError",
    "Period",
    "Problem",
    "Procedures",
    "Progress",
    "PublicFinance",
    "ReadResult",
    "Report",
    "ReportFormatError",
    "ReportInfo",
    "ReportTable",
    "RowProvenance",
    "Rule",
    "RuleError",
    "RuleSet",
    "Severity",
    "SourceReport",
    "SurveyMethod",
    "TableFinding",
    "TableRow",
    "Template",
    "TemplateSpec",
    "TemplateTable",
    "Tolerance",
    "Unit",
    "ValidationResult",
    "ValueTypeError",
    "YesNo",
    "__version__",
    "aggregate",
    "builtin_rules",
    "catalog_data",
    "combine",
    "compare",
    "configure_converter",
    "derive",
    "dump",
    "dumps",
    "edition",
    "editions",
    "example",
    "json_schema",
    "load",
    "load_rules",
    "loads",
    "loads_rules",
    "make_converter",
    "normalize_code",
    "read",
    "render",
    "table_model",
    "to_pandas",
    "to_parquet",
    "to_polars",
    "to_records",
    "validate",
    "vi",
]
