"""Phụ lục 6: reform of the civil service."""

from __future__ import annotations

from typing import ClassVar

import attrs

from ..._model.template import Emphasis, Template, count, heading, template
from ..._model.units import TWO_TIER_SINCE, levels, units
from ._common import ATTACHED, EDITION

__all__ = ["CivilService"]


@template(
    "PL6",
    number=6,
    title="BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
    subject="civil_service",
    edition=EDITION,
    attached=ATTACHED,
)
@attrs.frozen(kw_only=True, repr=False, slots=False)
class CivilService(Template):
    """Phụ lục 6: *cải cách chế độ công vụ*.

    >>> CivilService(agencies_with_positions=1)
    CivilService(agencies_with_positions=1)
    """

    _job_positions: ClassVar = heading("1", "Vị trí việc làm của công chức, viên chức")
    agencies_with_positions: int | None = count(
        "1.1",
        "Số cơ quan, tổ chức hành chính đã được phê duyệt vị trí việc làm theo quy định",
        units.AGENCIES,
    )
    service_units_with_positions: int | None = count(
        "1.2",
        "Số đơn vị sự nghiệp đã được phê duyệt vị trí việc làm theo quy định",
        units.AGENCIES,
    )
    position_violations: int | None = count(
        "1.3",
        "Số cơ quan, tổ chức có vi phạm trong thực hiện vị trí việc làm phát hiện qua thanh tra",
        units.AGENCIES,
    )

    _recruitment: ClassVar = heading("2", "Tuyển dụng công chức, viên chức")
    civil_servants_recruited: int | None = count(
        "2.1", "Số công chức được tuyển dụng (thi tuyển, xét tuyển)", units.PEOPLE
    )
    civil_servants_special: int | None = count(
        "2.2", "Số công chức được tuyển dụng theo trường hợp đặc biệt", units.PEOPLE
    )
    commune_staff_promoted: int | None = count(
        "2.3",
        "Số cán bộ, công chức cấp xã được xét chuyển thành công chức cấp huyện trở lên",
        units.PEOPLE,
        levels=levels.DISTRICTS,
        until=TWO_TIER_SINCE,
    )
    public_employees_recruited: int | None = count(
        "2.4", "Số viên chức được tuyển dụng (thi tuyển, xét tuyển)", units.PEOPLE
    )
    public_employees_special: int | None = count(
        "2.5", "Số viên chức được tuyển dụng theo trường hợp đặc biệt", units.PEOPLE
    )

    leaders_by_exam: int | None = count(
        "3",
        "Số lượng lãnh đạo quản lý được tuyển chọn, bổ nhiệm thông qua thi tuyển"
        " (Lũy kế từ đầu năm)",
        units.PEOPLE,
        emphasis=Emphasis.GROUP,
    )

    _discipline: ClassVar = heading(
        "4", "Số lượng cán bộ, công chức, viên chức bị kỷ luật (cả về Đảng và chính quyền)"
    )
    province_leaders_disciplined: int | None = count(
        "4.1", "Số lãnh đạo cấp tỉnh bị kỷ luật", units.PEOPLE, levels=levels.PROVINCE
    )
    department_leaders_disciplined: int | None = count(
        "4.2",
        "Số lãnh đạo cấp sở, ngành và UBND cấp huyện bị kỷ luật",
        units.PEOPLE,
        levels=levels.DEPARTMENTS_AND_DISTRICTS,
    )
    division_leaders_disciplined: int | None = count(
        "4.3",
        "Số lãnh đạo cấp phòng thuộc sở, ngành và UBND cấp huyện bị kỷ luật",
        units.PEOPLE,
        levels=levels.DEPARTMENTS_AND_DISTRICTS,
    )
    service_staff_disciplined: int | None = count(
        "4.4", "Số người làm việc hưởng lương từ NSNN tại các đơn vị SNCL bị kỷ luật", units.PEOPLE
    )
