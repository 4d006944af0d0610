"""Phụ lục 2: direction and management of administrative reform."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from ..._model.template import Emphasis, Note, Template, coded, count, heading, percent, template
from ..._model.units import TWO_TIER_SINCE, Consolidation, SurveyMethod, YesNo, levels, units
from ._common import ATTACHED, EDITION

__all__ = ["Direction"]

_TASKS_NOTE = Note(
    "do UBND huyện chuyển xử lý theo lĩnh vực của đơn vị được giao về CCHC",
    levels=tuple(levels.COMMUNE),
    until=TWO_TIER_SINCE,
)
"""Tasks a district passes to its communes: a note for commune reports while districts exist."""


@template(
    "PL2",
    number=2,
    title="BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
    subject="direction",
    edition=EDITION,
    attached=ATTACHED,
)
@attrs.frozen(kw_only=True, repr=False, slots=False)
class Direction(Template):
    """Phụ lục 2: *công tác chỉ đạo điều hành cải cách hành chính*.

    >>> Direction(plan_tasks=19, plan_tasks_completed=15)["2.2"]
    15
    """

    directive_documents: int | None = count(
        "1",
        "Số văn bản chỉ đạo CCHC đã ban hành (Kết luận, chỉ thị, công văn chỉ đạo, quán triệt)",
        units.DOCUMENTS,
    )
    plan_completion_rate: Decimal | None = percent(
        "2",
        "Tỷ lệ hoàn thành Kế hoạch CCHC năm (Lũy kế đến thời điểm báo cáo)",
        units.PERCENT,
        consolidation=Consolidation.RATIO,
    )
    plan_tasks: int | None = count("2.1", "Số nhiệm vụ đề ra trong kế hoạch", units.TASKS)
    plan_tasks_completed: int | None = count("2.2", "Số nhiệm vụ đã hoàn thành", units.TASKS)

    _inspection: ClassVar = heading("3", "Kiểm tra CCHC")
    departments_inspected: int | None = count(
        "3.1", "Số sở, ngành đã kiểm tra", units.AGENCIES, levels=levels.PROVINCE
    )
    districts_inspected: int | None = count(
        "3.2",
        "Số UBND cấp huyện đã kiểm tra",
        units.AGENCIES,
        levels=levels.PROVINCE,
        until=TWO_TIER_SINCE,
    )
    inspection_resolution_rate: Decimal | None = percent(
        "3.3",
        "Tỷ lệ xử lý các vấn đề phát hiện qua kiểm tra",
        units.PERCENT,
        consolidation=Consolidation.RATIO,
    )
    inspection_issues_found: int | None = count(
        "3.3.1", "Số vấn đề phát hiện qua kiểm tra", units.ISSUES
    )
    inspection_issues_resolved: int | None = count(
        "3.3.2", "Số vấn đề phát hiện đã xử lý xong", units.ISSUES
    )

    _personnel_audit: ClassVar = heading(
        "4",
        "Thanh tra việc thực hiện quy định pháp luật về tuyển dụng, quản lý, sử dụng công chức,"
        " viên chức và tổ chức bộ máy (thuộc thẩm quyền của Sở Nội vụ)",
        levels=levels.DEPARTMENTS,
    )
    audited_agencies: int | None = count(
        "4.1", "Số cơ quan, đơn vị được thanh tra", units.AGENCIES, levels=levels.DEPARTMENTS
    )
    audit_conclusions_rate: Decimal | None = percent(
        "4.2",
        "Tỷ lệ cơ quan, đơn vị đã hoàn thành việc thực hiện kết luận thanh tra",
        units.PERCENT,
        levels=levels.DEPARTMENTS,
    )

    _province_tasks: ClassVar = heading("5", "Thực hiện nhiệm vụ UBND tỉnh giao", note=_TASKS_NOTE)
    province_tasks: int | None = count("5.1", "Tổng số nhiệm vụ được giao", units.TASKS)
    province_tasks_on_time: int | None = count(
        "5.2", "Số nhiệm vụ đã hoàn thành đúng hạn", units.TASKS
    )
    province_tasks_late: int | None = count(
        "5.3", "Số nhiệm vụ đã hoàn thành nhưng quá hạn", units.TASKS
    )
    province_tasks_overdue: int | None = count(
        "5.4", "Số nhiệm vụ quá hạn nhưng chưa hoàn thành", units.TASKS
    )

    _government_tasks: ClassVar = heading(
        "6", "Thực hiện nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao", note=_TASKS_NOTE
    )
    government_tasks: int | None = count("6.1", "Tổng số nhiệm vụ được giao", units.TASKS)
    government_tasks_on_time: int | None = count(
        "6.2", "Số nhiệm vụ đã hoàn thành đúng hạn", units.TASKS
    )
    government_tasks_late: int | None = count(
        "6.3", "Số nhiệm vụ đã hoàn thành nhưng quá hạn", units.TASKS
    )
    government_tasks_overdue: int | None = count(
        "6.4", "Số nhiệm vụ quá hạn nhưng chưa hoàn thành", units.TASKS
    )

    satisfaction_survey: YesNo | int | None = coded(
        "7", "Khảo sát sự hài lòng của người dân, tổ chức", YesNo, emphasis=Emphasis.GROUP
    )
    survey_forms: int | None = count(
        "7.1", "Số lượng phiếu khảo sát", units.QUANTITY, consolidation=Consolidation.OWN
    )
    survey_method: SurveyMethod | int | None = coded("7.2", "Hình thức khảo sát", SurveyMethod)

    leadership_dialogue: YesNo | int | None = coded(
        "8",
        "Tổ chức đối thoại của lãnh đạo với người dân, cộng đồng doanh nghiệp",
        YesNo,
        emphasis=Emphasis.GROUP,
        code_order=(0, 1),  # the template writes "Không = 0 Có = 1" here (7: "Có = 1; Không = 0")
    )
