"""cchc_model: typed model, validation and Vietnamese formatting of CCHC statistical reports.

>>> import cchc_model
>>> report = cchc_model.example()
>>> report.pl4.commune_on_time_rate
Decimal('100')
"""

from __future__ import annotations

from . import vi
from ._catalog import Correction, Edition, catalog_data, edition, editions
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
from ._frozen import FrozenMap
from ._interchange import dump, dumps, load, loads, make_converter
from ._report import Report, ReportInfo
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
    "FrozenMap",
    "Indicator",
    "Institutions",
    "Kind",
    "MeetingSystem",
    "Organisation",
    "ParseError",
    "Period",
    "Problem",
    "Procedures",
    "Progress",
    "PublicFinance",
    "Report",
    "ReportFormatError",
    "ReportInfo",
    "RuleError",
    "SurveyMethod",
    "Template",
    "TemplateSpec",
    "Unit",
    "ValueTypeError",
    "YesNo",
    "__version__",
    "catalog_data",
    "dump",
    "dumps",
    "edition",
    "editions",
    "example",
    "load",
    "loads",
    "make_converter",
    "normalize_code",
    "vi",
]
