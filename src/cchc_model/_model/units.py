"""Units of measure, code lists and administrative levels used by the templates.

Each unit and code list is declared once here; the template modules refer to them.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import ClassVar, Final

import attrs

from .period import When, days
from .public import publish

__all__ = [
    "ALL_LEVELS",
    "TWO_TIER_SINCE",
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
    "levels",
    "units",
]


class Kind(enum.Enum):
    """What kind of value an indicator holds, and so its Python type.

    ``COUNT`` is an ``int``; ``PERCENT`` and ``MONEY`` are ``Decimal``; ``CODE`` is a
    member of the indicator's code list (or, when the filed value is outside the
    list, the ``int`` as written).
    """

    COUNT = "count"
    PERCENT = "percent"
    MONEY = "money"
    CODE = "code"


class Consolidation(enum.Enum):
    """How the values that several units report in a row make the row's consolidated value.

    A province (or a district, before 1 July 2025) files one report for itself and the
    units below it, and the ministry one for the provinces; each row says here how
    (:func:`cchc_model.aggregate`). It is declared in the catalog next to the row (the
    ``consolidation`` keyword of the field factories); without it, counts and money add
    up (``SUM``), percentages cannot be consolidated (``NONE``) and codes are the
    consolidating unit's own (``OWN``). Headings have none.

    >>> from cchc_model import edition
    >>> [edition().indicator("PL4", code).consolidation.value for code in ("1.4", "3.3", "3.3.1")]
    ['own', 'ratio', 'sum']
    """

    SUM = "sum"
    """Add up: the units' values, and the consolidating unit's own figure when given."""
    RATIO = "ratio"
    """Recompute from the consolidated rows it is the ratio of, by the row's ``derive``
    rule (``PL4:3.3 = PL4:3.3.2 / PL4:3.3.1 * 100``): a ratio of sums, never an average."""
    OWN = "own"
    """The consolidating unit's own figure: a fact about that unit which the units'
    values do not make (the procedures it applies, its own survey, its systems); the
    units' values are kept as provenance (for a code, how many units gave each code)."""
    NONE = "none"
    """Cannot be consolidated: a percentage over the whole locality whose parts the
    template does not carry, so that only an average of the units' rates could be
    computed, and that would be wrong. Left blank unless the consolidating unit gives
    its own figure; the units' values are kept as provenance."""


@attrs.frozen
class Unit:
    """A unit of measure as the templates write it (*Đơn vị tính*).

    Attributes:
        label: The official text, exactly (``"Văn bản"``, ``"%"``, ``"Triệu đồng"``).
        kind: The kind of value measured in this unit.
        scale: For money, how many đồng one unit is (``1_000_000`` for *Triệu đồng*).
    """

    label: str
    kind: Kind
    scale: int = 1


class Code(enum.IntEnum):
    """Base of the code lists (*Có = 1; Không = 0* and the like).

    A code list member is an ``int`` with an official Vietnamese ``label``.

    >>> YesNo(1), YesNo(1).label, YesNo.text()
    (<YesNo.YES: 1>, 'Có', 'Có = 1; Không = 0')
    """

    __labels__: ClassVar[dict[int, str]]
    __written__: ClassVar[tuple[int, ...]]

    @property
    def label(self) -> str:
        """The official Vietnamese label of this code."""
        return type(self).__labels__[int(self)]

    @classmethod
    def text(cls, order: tuple[int, ...] | None = None) -> str:
        """The code list as a template writes it, such as ``"Có = 1; Không = 0"``.

        In the order most rows write it, or in ``order`` (a row that writes it otherwise
        says so: :attr:`~cchc_model.Indicator.unit_text`); the line breaks of the
        template's cells are written as semicolons.

        >>> YesNo.text((0, 1))
        'Không = 0; Có = 1'
        """
        return "; ".join(f"{cls.__labels__[v]} = {v}" for v in order or cls.__written__)


class YesNo(Code):
    """*Có = 1; Không = 0* (PL2 8 writes *Không = 0 Có = 1*: see its row's ``code_order``)."""

    NO = 0
    YES = 1
    __labels__ = {0: "Không", 1: "Có"}  # noqa: RUF012  # read-only class data
    __written__ = (1, 0)


class SurveyMethod(Code):
    """*Trực tuyến = 0, Phát phiếu = 1, Kết hợp = 2* (how a satisfaction survey was run)."""

    ONLINE = 0
    PAPER = 1
    COMBINED = 2
    __labels__ = {0: "Trực tuyến", 1: "Phát phiếu", 2: "Kết hợp"}  # noqa: RUF012
    __written__ = (0, 1, 2)


class MeetingSystem(Code):
    """*Chưa có = 0, 2 cấp = 1, 3 cấp = 2* (the online meeting system's reach)."""

    NONE = 0
    TWO_TIER = 1
    THREE_TIER = 2
    __labels__ = {0: "Chưa có", 1: "2 cấp", 2: "3 cấp"}  # noqa: RUF012
    __written__ = (0, 1, 2)


class Progress(Code):
    """*Chưa = 0, Đang làm = 1, Hoàn thành = 2*."""

    NOT_STARTED = 0
    IN_PROGRESS = 1
    DONE = 2
    __labels__ = {0: "Chưa", 1: "Đang làm", 2: "Hoàn thành"}  # noqa: RUF012
    __written__ = (0, 1, 2)


class Completion(Code):
    """*Chưa = 0, Hoàn thành = 1*."""

    NOT_DONE = 0
    DONE = 1
    __labels__ = {0: "Chưa", 1: "Hoàn thành"}  # noqa: RUF012
    __written__ = (0, 1)


class AdminLevel(enum.Enum):
    """The administrative level of the unit that files a report.

    Since 1 July 2025 local government has two tiers (province and commune);
    ``DISTRICT`` remains for reports on periods that end before then (:attr:`until`): a
    district could not report on a period it did not live to the end of (the year 2025,
    its first nine months), whose end its province reports on.
    Commune-level units are *xã*, *phường* and, since the reform, *đặc khu*; provinces
    are *tỉnh* and *thành phố* (trực thuộc trung ương).

    >>> AdminLevel("commune").label, AdminLevel.DISTRICT.until
    ('cấp xã', datetime.date(2025, 7, 1))
    """

    PROVINCE = "province"
    DEPARTMENT = "department"
    DISTRICT = "district"
    COMMUNE = "commune"

    @property
    def label(self) -> str:
        """The Vietnamese name of the level."""
        return _LEVEL_LABELS[self]

    @property
    def until(self) -> dt.date | None:
        """The level files reports only on periods that end before this day (``None``: any)."""
        return _LEVEL_UNTIL.get(self)

    def files_for(self, when: When) -> bool:
        """Whether a unit of this level files a report on the period ``when``.

        ``when``: the period's first and last day (:meth:`~cchc_model.Period.span`), or
        its last day. A unit files for a period that ends while it exists.

        >>> AdminLevel.DISTRICT.files_for(dt.date(2025, 6, 14))
        True
        >>> AdminLevel.DISTRICT.files_for((dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
        False
        """
        until = self.until
        return until is None or days(when)[1] < until


_LEVEL_LABELS: Final = {
    AdminLevel.PROVINCE: "cấp tỉnh",
    AdminLevel.DEPARTMENT: "sở, ngành",
    AdminLevel.DISTRICT: "cấp huyện",
    AdminLevel.COMMUNE: "cấp xã",
}

ALL_LEVELS: Final = frozenset(AdminLevel)

TWO_TIER_SINCE: Final = dt.date(2025, 7, 1)
"""The first day of two-tier local government (provinces and communes, no districts),
under the Luật Tổ chức chính quyền địa phương of 2025. A report on a period that starts on
or after this day (*quý III năm 2025* and later) is asked no row about districts; one that
starts before and ends after it (the year 2025, its first nine months) is asked them, for
the months before; no district reports on a period that ends after it."""

_LEVEL_UNTIL: Final = {AdminLevel.DISTRICT: TWO_TIER_SINCE}


class units:  # noqa: N801  # a namespace of constants, read as units.DOCUMENTS
    """The units of measure written in the 2024 templates, each declared once."""

    DOCUMENTS: Final = Unit("Văn bản", Kind.COUNT)
    TASKS: Final = Unit("Nhiệm vụ", Kind.COUNT)
    AGENCIES: Final = Unit("Cơ quan, đơn vị", Kind.COUNT)
    ISSUES: Final = Unit("Vấn đề", Kind.COUNT)
    PROCEDURES: Final = Unit("Thủ tục", Kind.COUNT)
    DOSSIERS: Final = Unit("Hồ sơ", Kind.COUNT)
    FEEDBACK: Final = Unit("PAKN", Kind.COUNT)
    PEOPLE: Final = Unit("Người", Kind.COUNT)
    BOARDS: Final = Unit("Ban", Kind.COUNT)
    ORGANISATIONS: Final = Unit("Tổ chức", Kind.COUNT)
    UNITS: Final = Unit("Đơn vị", Kind.COUNT)
    QUANTITY: Final = Unit("Số lượng", Kind.COUNT)
    PERCENT: Final = Unit("%", Kind.PERCENT)
    MILLION_DONG: Final = Unit("Triệu đồng", Kind.MONEY, 1_000_000)


class levels:  # noqa: N801  # a namespace of constants, read as levels.COMMUNES
    """Who is asked for a row, by what its title names.

    A row about a level is asked of that level and of the levels that oversee it: a
    row about communes (*Tỷ lệ UBND cấp xã …*) is asked of communes, districts and
    provinces; a row about the province (*Số TTHC cấp tỉnh*) only of provinces.
    """

    ALL: Final = ALL_LEVELS
    PROVINCE: Final = frozenset({AdminLevel.PROVINCE})
    DEPARTMENTS: Final = frozenset({AdminLevel.PROVINCE, AdminLevel.DEPARTMENT})
    DISTRICTS: Final = frozenset({AdminLevel.PROVINCE, AdminLevel.DISTRICT})
    DEPARTMENTS_AND_DISTRICTS: Final = frozenset(
        {AdminLevel.PROVINCE, AdminLevel.DEPARTMENT, AdminLevel.DISTRICT}
    )
    COMMUNES: Final = frozenset({AdminLevel.PROVINCE, AdminLevel.DISTRICT, AdminLevel.COMMUNE})
    COMMUNE: Final = frozenset({AdminLevel.COMMUNE})
    """The communes only: a note about what a district passes down to its communes."""
    LOCAL_GOVERNMENT: Final = COMMUNES
    """Rows about the legal documents a local council issues: not asked of departments."""


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
