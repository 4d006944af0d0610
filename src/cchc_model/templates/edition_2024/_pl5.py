"""Phụ lục 5: reform of the organisation of the administration."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from ..._model.template import Template, count, heading, percent, template
from ..._model.units import TWO_TIER_SINCE, levels, units
from ._common import ATTACHED, EDITION

__all__ = ["Organisation"]


@template(
    "PL5",
    number=5,
    title="BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH TỔ CHỨC BỘ MÁY",
    subject="organisation",
    edition=EDITION,
    attached=ATTACHED,
)
@attrs.frozen(kw_only=True, repr=False, slots=False)
class Organisation(Template):
    """Phụ lục 5: *cải cách tổ chức bộ máy* (ĐVSNCL: public service units).

    >>> Organisation(staff_quota=18, staff_present=18)["2.2"]
    18
    """

    _restructuring: ClassVar = heading("1", "Sắp xếp, kiện toàn tổ chức bộ máy")
    departments_restructured_rate: Decimal | None = percent(
        "1.1",
        "Tỷ lệ sở, ngành đã hoàn thành việc sắp xếp các phòng chuyên môn đáp ứng các tiêu chí"
        " theo quy định của Chính phủ",
        units.PERCENT,
        levels=levels.DEPARTMENTS,
    )
    districts_restructured_rate: Decimal | None = percent(
        "1.2",
        "Tỷ lệ UBND cấp huyện đã hoàn thành việc sắp xếp các phòng chuyên môn đáp ứng các"
        " tiêu chí theo quy định của Chính phủ",
        units.PERCENT,
        levels=levels.DISTRICTS,
        until=TWO_TIER_SINCE,
    )
    management_boards: int | None = count(
        "1.3",
        "Số lượng các ban quản lý trực thuộc UBND cấp tỉnh",
        units.BOARDS,
        levels=levels.PROVINCE,
    )
    interagency_bodies: int | None = count(
        "1.4",
        "Số tổ chức liên ngành do cấp tỉnh thành lập",
        units.ORGANISATIONS,
        levels=levels.PROVINCE,
    )
    service_units: int | None = count(
        "1.5", "Tổng số đơn vị sự nghiệp công lập (ĐVSNCL) tại địa phương", units.AGENCIES
    )
    province_service_units: int | None = count(
        "1.5.1", "Số ĐVSNCL thuộc UBND tỉnh", units.AGENCIES, levels=levels.PROVINCE
    )
    department_service_units: int | None = count(
        "1.5.2",
        "Số ĐVSNCL thuộc sở, ngành và tương đương",
        units.AGENCIES,
        levels=levels.DEPARTMENTS,
    )
    district_service_units: int | None = count(
        "1.5.3",
        "Số ĐVSNCL thuộc UBND cấp huyện",
        units.AGENCIES,
        levels=levels.DISTRICTS,
        until=TWO_TIER_SINCE,
    )
    service_units_cut_rate: Decimal | None = percent(
        "1.5.4", "Tỷ lệ ĐVSNCL đã cắt giảm so với năm 2015", units.PERCENT
    )

    _civil_servants: ClassVar = heading("2", "Số liệu về biên chế công chức")
    staff_quota: int | None = count("2.1", "Tổng số biên chế được giao trong năm", units.PEOPLE)
    staff_present: int | None = count(
        "2.2", "Tổng số biên chế có mặt tại thời điểm báo cáo", units.PEOPLE
    )
    labour_contracts: int | None = count(
        "2.3",
        "Số hợp đồng lao động làm việc tại các cơ quan, tổ chức hành chính",
        units.PEOPLE,
    )
    staff_downsized: int | None = count(
        "2.4", "Số biên chế đã tinh giản trong kỳ báo cáo", units.PEOPLE
    )
    staff_downsized_rate: Decimal | None = percent(
        "2.5", "Tỷ lệ phần trăm biên chế đã tinh giản so với năm 2015", units.PERCENT
    )

    _service_staff: ClassVar = heading(
        "3", "Số người làm việc hưởng lương từ NSNN tại các đơn vị sự nghiệp công lập"
    )
    service_staff_quota: int | None = count("3.1", "Tổng số người làm việc được giao", units.PEOPLE)
    service_staff_present: int | None = count(
        "3.2", "Tổng số người làm việc có mặt tại thời điểm báo cáo", units.PEOPLE
    )
    service_staff_downsized: int | None = count(
        "3.3", "Số người đã tinh giản trong kỳ báo cáo", units.PEOPLE
    )
    service_staff_downsized_rate: Decimal | None = percent(
        "3.4", "Tỷ lệ % đã tinh giản so với năm 2015", units.PERCENT
    )
