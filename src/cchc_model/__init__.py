"""cchc_model: typed model, validation and Vietnamese formatting of CCHC statistical reports.

>>> import cchc_model
>>> report = cchc_model.example()
>>> report.pl4.commune_on_time_rate
Decimal('100')
"""

from __future__ import annotations

from . import vi
from ._catalog import Correction, Edition, catalog_data, edition, editions
from ._derive import derive
from ._errors import (
    CchcError,
    CodeError,
    ParseError,
    Problem,
    ReportFormatError,
    RuleError,
    ValueTypeError,
)
from ._example import example
from ._extras import MissingExtraError
from ._findings import Finding, ValidationResult
from ._frozen import FrozenMap
from ._interchange import dump, dumps, load, loads, make_converter
from ._interval import Interval
from ._read import ReadResult, read
from ._render import render
from ._report import Report, ReportInfo
from ._rules import (
    Rule,
    RuleSet,
    Severity,
    Tolerance,
    builtin_rules,
    load_rules,
    loads_rules,
)
from ._schema import json_schema
from ._table import ReportTable, TableFinding, TableRow, TemplateTable, table_model
from ._template import Emphasis, Indicator, Template, TemplateSpec, normalize_code
from ._units import (
    AdminLevel,
    Code,
    Completion,
    Kind,
    MeetingSystem,
    Progress,
    SurveyMethod,
    Unit,
    YesNo,
)
from ._validate import validate
from .templates import (
    CivilService,
    DigitalGovernment,
    Direction,
    Institutions,
    Organisation,
    Procedures,
    PublicFinance,
)
from .vi import Period

__version__ = "0.1.0"

__all__ = [
    "AdminLevel",
    "CchcError",
    "CivilService",
    "Code",
    "CodeError",
    "Completion",
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
    "Rule",
    "RuleError",
    "RuleSet",
    "Severity",
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
    "builtin_rules",
    "catalog_data",
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
    "validate",
    "vi",
]
