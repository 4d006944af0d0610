"""A small edition of our own, declared as a user would, with no change to the library.

One folder, like ``cchc_model/templates/edition_2024/``: two templates (this module),
their rules (``rules.toml``) and an example report (``example.json``). Its periods start
in 2090, so that it is the default edition of no report the rest of the suite builds;
``tests/test_custom_edition.py`` registers it for its own tests only.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

import attrs

from cchc_model import Edition, Template, YesNo
from cchc_model.templates import coded, count, heading, levels, money, percent, template, units

EDITION_ID = "thu-nghiem"
HERE = Path(__file__).parent
ATTACHED = "(Kèm theo Báo cáo số: {number} ngày {date} của {agency})"


@template(
    "PL1",
    number=1,
    title="BIỂU MẪU THỐNG KÊ HỒ SƠ THỦ TỤC HÀNH CHÍNH",
    subject="dossiers",
    edition=EDITION_ID,
    attached=ATTACHED,
)
@attrs.frozen(kw_only=True, repr=False, slots=False)
class Dossiers(Template):
    """Phụ lục 1 of the test edition: dossiers received and resolved."""

    received: int | None = count("1", "Tổng số hồ sơ tiếp nhận", units.DOSSIERS)
    received_online: int | None = count("1.1", "Số hồ sơ tiếp nhận trực tuyến", units.DOSSIERS)
    received_direct: int | None = count("1.2", "Số hồ sơ tiếp nhận trực tiếp", units.DOSSIERS)
    on_time_rate: Decimal | None = percent("2", "Tỷ lệ hồ sơ giải quyết đúng hạn", units.PERCENT)
    resolved: int | None = count("2.1", "Số hồ sơ đã giải quyết", units.DOSSIERS)
    resolved_on_time: int | None = count("2.2", "Số hồ sơ giải quyết đúng hạn", units.DOSSIERS)
    _other: ClassVar = heading("3", "Đối thoại")
    dialogue: int | None = coded("3.1", "Có tổ chức đối thoại với người dân", YesNo)


@template(
    "PL2",
    number=2,
    title="BIỂU MẪU THỐNG KÊ KINH PHÍ",
    subject="funds",
    edition=EDITION_ID,
    attached=ATTACHED,
)
@attrs.frozen(kw_only=True, repr=False, slots=False)
class Funds(Template):
    """Phụ lục 2 of the test edition: funds planned and spent."""

    planned: Decimal | None = money("1", "Kinh phí được giao", units.MILLION_DONG)
    spent: Decimal | None = money("2", "Kinh phí đã sử dụng", units.MILLION_DONG)
    departments: int | None = count(
        "3", "Số sở, ngành có kế hoạch", units.AGENCIES, levels=levels.DEPARTMENTS
    )
    staff: int | None = count("4", "Số công chức phụ trách", units.PEOPLE)


EDITION = Edition(
    id=EDITION_ID,
    title="Biểu mẫu thử nghiệm (hai phụ lục)",
    source="tests/custom_edition",
    classes=(Dossiers, Funds),
    since=dt.date(2090, 1, 1),
    rules=HERE / "rules.toml",
    example=HERE / "example.json",
)
"""The edition: registered by the tests that use it (``register_edition(EDITION)``)."""
