"""Phụ lục 3: institutional reform (legal documents)."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from ..._model.template import Emphasis, Template, count, heading, percent, template
from ..._model.units import TWO_TIER_SINCE, Consolidation, levels, units
from ._common import ATTACHED, EDITION

__all__ = ["Institutions"]


@template(
    "PL3",
    number=3,
    title="BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH THỂ CHẾ",
    subject="institutions",
    edition=EDITION,
    attached=ATTACHED,
)
@attrs.frozen(kw_only=True, repr=False, slots=False)
class Institutions(Template):
    """Phụ lục 3: *cải cách thể chế* (VBQPPL: legal normative documents).

    >>> Institutions(commune_documents=0).filled()
    {'1.3': 0}
    """

    local_documents: int | None = count(
        "1",
        "Tổng số VBQPPL do địa phương ban hành",
        units.DOCUMENTS,
        emphasis=Emphasis.GROUP,
        levels=levels.LOCAL_GOVERNMENT,
    )
    province_documents: int | None = count(
        "1.1", "Số VBQPPL do cấp tỉnh ban hành", units.DOCUMENTS, levels=levels.PROVINCE
    )
    district_documents: int | None = count(
        "1.2",
        "Số VBQPPL do cấp huyện ban hành",
        units.DOCUMENTS,
        levels=levels.DISTRICTS,
        until=TWO_TIER_SINCE,
    )
    commune_documents: int | None = count(
        "1.3", "Số VBQPPL do cấp xã ban hành", units.DOCUMENTS, levels=levels.COMMUNES
    )

    _checking: ClassVar = heading("2", "Kiểm tra, xử lý VBQPPL")
    documents_checked: int | None = count(
        "2.1",
        "Số VBQPPL đã kiểm tra theo thẩm quyền của cấp huyện",
        units.DOCUMENTS,
        levels=levels.DISTRICTS,
        until=TWO_TIER_SINCE,
    )
    checked_handling_rate: Decimal | None = percent(
        "2.2",
        "Tỷ lệ xử lý VBQPPL sau kiểm tra",
        units.PERCENT,
        consolidation=Consolidation.RATIO,
    )
    checked_to_handle: int | None = count(
        "2.2.1",
        "Tổng số VBQPPL cần phải xử lý sau kiểm tra",
        units.DOCUMENTS,
        emphasis=Emphasis.SUB,
    )
    checked_handled: int | None = count(
        "2.2.2",
        "Số VBQPPL có kiến nghị xử lý đã được xử lý xong",
        units.DOCUMENTS,
        emphasis=Emphasis.SUB,
    )

    _review: ClassVar = heading("3", "Rà soát VBQPPL")
    documents_reviewed: int | None = count(
        "3.1",
        "Số VBQPPL đã rà soát thuộc thẩm quyền của cấp huyện",
        units.DOCUMENTS,
        levels=levels.DISTRICTS,
        until=TWO_TIER_SINCE,
    )
    reviewed_handling_rate: Decimal | None = percent(
        "3.2",
        "Tỷ lệ xử lý VBQPPL sau rà soát",
        units.PERCENT,
        consolidation=Consolidation.RATIO,
    )
    reviewed_to_handle: int | None = count(
        "3.2.1",
        "Tổng số VBQPPL cần phải xử lý sau rà soát",
        units.DOCUMENTS,
        emphasis=Emphasis.SUB,
    )
    reviewed_handled: int | None = count(
        "3.2.2",
        "Số VBQPPL có kiến nghị xử lý đã được xử lý xong",
        units.DOCUMENTS,
        emphasis=Emphasis.SUB,
    )
