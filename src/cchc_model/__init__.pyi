# Generated from the table _API in __init__.py by tests/golden/regenerate.py: do not edit.
# Type checkers read this stub; at run time each name is imported on first use.

from . import vi as vi
from ._consolidation.aggregate import Aggregation as Aggregation
from ._consolidation.aggregate import AggregationNote as AggregationNote
from ._consolidation.aggregate import RowProvenance as RowProvenance
from ._consolidation.aggregate import SourceReport as SourceReport
from ._consolidation.aggregate import aggregate as aggregate
from ._consolidation.aggregate import combine as combine
from ._consolidation.compare import Change as Change
from ._consolidation.compare import ComparedRow as ComparedRow
from ._consolidation.compare import Comparison as Comparison
from ._consolidation.compare import ComparisonFinding as ComparisonFinding
from ._consolidation.compare import compare as compare
from ._consolidation.export import to_pandas as to_pandas
from ._consolidation.export import to_parquet as to_parquet
from ._consolidation.export import to_polars as to_polars
from ._consolidation.export import to_records as to_records
from ._io.interchange import configure_converter as configure_converter
from ._io.interchange import dump as dump
from ._io.interchange import dumps as dumps
from ._io.interchange import load as load
from ._io.interchange import loads as loads
from ._io.interchange import make_converter as make_converter
from ._io.read import ReadResult as ReadResult
from ._io.read import read as read
from ._io.render import render as render
from ._io.schema import json_schema as json_schema
from ._io.table import FindingLike as FindingLike
from ._io.table import ReportTable as ReportTable
from ._io.table import TableFinding as TableFinding
from ._io.table import TableRow as TableRow
from ._io.table import TemplateTable as TemplateTable
from ._io.table import table_model as table_model
from ._model.catalog import Correction as Correction
from ._model.catalog import Edition as Edition
from ._model.catalog import catalog_data as catalog_data
from ._model.catalog import edition as edition
from ._model.catalog import editions as editions
from ._model.catalog import register_edition as register_edition
from ._model.catalog import unregister_edition as unregister_edition
from ._model.errors import CchcError as CchcError
from ._model.errors import CodeError as CodeError
from ._model.errors import ComparisonError as ComparisonError
from ._model.errors import ConsolidationError as ConsolidationError
from ._model.errors import OutputError as OutputError
from ._model.errors import ParseError as ParseError
from ._model.errors import Problem as Problem
from ._model.errors import ReportFormatError as ReportFormatError
from ._model.errors import RuleError as RuleError
from ._model.errors import ValueTypeError as ValueTypeError
from ._model.example import example as example
from ._model.extras import MissingExtraError as MissingExtraError
from ._model.frozen import FrozenMap as FrozenMap
from ._model.period import Period as Period
from ._model.report import Report as Report
from ._model.report import ReportInfo as ReportInfo
from ._model.template import Emphasis as Emphasis
from ._model.template import Indicator as Indicator
from ._model.template import Template as Template
from ._model.template import TemplateSpec as TemplateSpec
from ._model.template import normalize_code as normalize_code
from ._model.units import AdminLevel as AdminLevel
from ._model.units import Code as Code
from ._model.units import Completion as Completion
from ._model.units import Consolidation as Consolidation
from ._model.units import Kind as Kind
from ._model.units import MeetingSystem as MeetingSystem
from ._model.units import Progress as Progress
from ._model.units import SurveyMethod as SurveyMethod
from ._model.units import Unit as Unit
from ._model.units import YesNo as YesNo
from ._rules.derive import derive as derive
from ._rules.findings import Finding as Finding
from ._rules.findings import ValidationResult as ValidationResult
from ._rules.interval import Interval as Interval
from ._rules.rulesets import Rule as Rule
from ._rules.rulesets import RuleSet as RuleSet
from ._rules.rulesets import Severity as Severity
from ._rules.rulesets import Tolerance as Tolerance
from ._rules.rulesets import builtin_rules as builtin_rules
from ._rules.rulesets import load_rules as load_rules
from ._rules.rulesets import loads_rules as loads_rules
from ._rules.validate import validate as validate
from .templates import CivilService as CivilService
from .templates import DigitalGovernment as DigitalGovernment
from .templates import Direction as Direction
from .templates import Institutions as Institutions
from .templates import Organisation as Organisation
from .templates import Procedures as Procedures
from .templates import PublicFinance as PublicFinance

__version__: str
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
    "ComparisonFinding",
    "Completion",
    "Consolidation",
    "ConsolidationError",
    "Correction",
    "DigitalGovernment",
    "Direction",
    "Edition",
    "Emphasis",
    "Finding",
    "FindingLike",
    "FrozenMap",
    "Indicator",
    "Institutions",
    "Interval",
    "Kind",
    "MeetingSystem",
    "MissingExtraError",
    "Organisation",
    "OutputError",
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
    "register_edition",
    "render",
    "table_model",
    "to_pandas",
    "to_parquet",
    "to_polars",
    "to_records",
    "unregister_edition",
    "validate",
    "vi",
]
