"""cchc_model: typed model, validation and Vietnamese formatting of CCHC statistical reports.

>>> import cchc_model
>>> report = cchc_model.example()
>>> report.pl4.commune_on_time_rate
Decimal('100')
"""

import importlib as _importlib

__version__ = "0.1.0"

_API: dict[str, str] = {
    **dict.fromkeys(
        (
            "CchcError",
            "CodeError",
            "ComparisonError",
            "ConsolidationError",
            "OutputError",
            "ParseError",
            "Problem",
            "ReportFormatError",
            "RuleError",
            "ValueTypeError",
        ),
        "._model.errors",
    ),
    **dict.fromkeys(
        (
            "AdminLevel",
            "Code",
            "Completion",
            "Consolidation",
            "Kind",
            "MeetingSystem",
            "Progress",
            "SurveyMethod",
            "Unit",
            "YesNo",
        ),
        "._model.units",
    ),
    "Period": "._model.period",
    "FrozenMap": "._model.frozen",
    **dict.fromkeys(
        ("Emphasis", "Indicator", "normalize_code", "Template", "TemplateSpec"), "._model.template"
    ),
    **dict.fromkeys(
        (
            "catalog_data",
            "Correction",
            "Edition",
            "edition",
            "editions",
            "register_edition",
            "unregister_edition",
        ),
        "._model.catalog",
    ),
    **dict.fromkeys(("Report", "ReportInfo"), "._model.report"),
    "example": "._model.example",
    "MissingExtraError": "._model.extras",
    **dict.fromkeys(
        (
            "CivilService",
            "DigitalGovernment",
            "Direction",
            "Institutions",
            "Organisation",
            "Procedures",
            "PublicFinance",
        ),
        ".templates",
    ),
    **dict.fromkeys(
        ("configure_converter", "dump", "dumps", "load", "loads", "make_converter"),
        "._io.interchange",
    ),
    "json_schema": "._io.schema",
    **dict.fromkeys(
        ("FindingLike", "ReportTable", "table_model", "TableFinding", "TableRow", "TemplateTable"),
        "._io.table",
    ),
    "render": "._io.render",
    **dict.fromkeys(("read", "ReadResult"), "._io.read"),
    "Interval": "._rules.interval",
    **dict.fromkeys(
        ("builtin_rules", "load_rules", "loads_rules", "Rule", "RuleSet", "Severity", "Tolerance"),
        "._rules.rulesets",
    ),
    **dict.fromkeys(("Finding", "ValidationResult"), "._rules.findings"),
    "validate": "._rules.validate",
    "derive": "._rules.derive",
    **dict.fromkeys(
        ("aggregate", "Aggregation", "AggregationNote", "combine", "RowProvenance", "SourceReport"),
        "._consolidation.aggregate",
    ),
    **dict.fromkeys(
        ("Change", "compare", "ComparedRow", "Comparison", "ComparisonFinding"),
        "._consolidation.compare",
    ),
    **dict.fromkeys(
        ("to_pandas", "to_parquet", "to_polars", "to_records"), "._consolidation.export"
    ),
    "vi": ".vi",
}
"""The public API: each name, and the private module that defines it (``.vi``: the module).

This table is the one list of public names: ``__all__`` is made from it, each name is
imported from its module on first use (so that ``import cchc_model`` is fast), and the
type stub ``__init__.pyi`` that type checkers read is generated from it
(``tests/golden/regenerate.py``; ``tests/test_package.py`` checks that it is current).
"""

# made from the table; the generated stub spells it out for static tools
__all__ = sorted([*_API, "__version__"])  # noqa: PLE0605


_loaded: dict[str, object] = {}
"""The public names used so far. They are kept here rather than in the module's namespace:
the classes and functions name ``cchc_model`` as their module (``_model/public.py``), so
the doctest finder would take every one already used for this module's own, and
``typing.get_type_hints`` would look names of the private modules' annotations up here."""


def __getattr__(name: str) -> object:
    value = _loaded.get(name)
    if value is not None:
        return value
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'cchc_model' has no attribute {name!r}")
    loaded = _importlib.import_module(module, __name__)
    value = loaded if module == f".{name}" else getattr(loaded, name)
    _loaded[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*__all__, *(name for name in globals() if name.startswith("__"))})
