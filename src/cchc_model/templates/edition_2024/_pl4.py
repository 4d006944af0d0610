"""Phụ lục 4: reform of administrative procedures (TTHC)."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from ..._model.template import Emphasis, Template, count, heading, percent, template
from ..._model.units import TWO_TIER_SINCE, Consolidation, levels, units
from ._common import ATTACHED, EDITION

__all__ = ["Procedures"]


@template(
    "PL4",
    number=4,
    title="BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
    subject="procedures",
    edition=EDITION,
    attached=ATTACHED,
)
@attrs.frozen(kw_only=True, repr=False, slots=False)
class Procedures(Template):
    """Phụ lục 4: *cải cách thủ tục hành chính* (TTHC: administrative procedures).

    >>> Procedures(commune_resolved=276, commune_on_time=276).get("3.3.2")
    276
    """

    _statistics: ClassVar = heading("1", "Thống kê TTHC")
    simplification_approved: int | None = count(
        "1.1",
        "Số TTHC đã được phê duyệt phương án đơn giản hóa",
        units.PROCEDURES,
        consolidation=Consolidation.OWN,
    )
    newly_announced: int | None = count(
        "1.2", "Số TTHC công bố mới", units.PROCEDURES, consolidation=Consolidation.OWN
    )
    abolished_or_replaced: int | None = count(
        "1.3", "Số TTHC bãi bỏ, thay thế", units.PROCEDURES, consolidation=Consolidation.OWN
    )
    procedures_total: int | None = count(
        "1.4",
        "Tổng số TTHC thuộc thẩm quyền giải quyết tại địa phương",
        units.PROCEDURES,
        consolidation=Consolidation.OWN,
    )
    province_procedures: int | None = count(
        "1.4.1",
        "Số TTHC cấp tỉnh (Bao gồm cả TTHC của cơ quan ngành dọc)",
        units.PROCEDURES,
        levels=levels.DEPARTMENTS,
        consolidation=Consolidation.OWN,
    )
    district_procedures: int | None = count(
        "1.4.2",
        "Số TTHC cấp huyện (Bao gồm cả TTHC của cơ quan ngành dọc)",
        units.PROCEDURES,
        levels=levels.DISTRICTS,
        consolidation=Consolidation.OWN,
        until=TWO_TIER_SINCE,
    )
    commune_procedures: int | None = count(
        "1.4.3",
        "Số TTHC cấp xã (Bao gồm cả TTHC của cơ quan ngành dọc)",
        units.PROCEDURES,
        levels=levels.COMMUNES,
        consolidation=Consolidation.OWN,
    )

    _one_stop: ClassVar = heading("2", "Thực hiện cơ chế một cửa, một cửa liên thông")
    same_level_linked: int | None = count(
        "2.1", "Số TTHC liên thông cùng cấp", units.PROCEDURES, consolidation=Consolidation.OWN
    )
    cross_level_linked: int | None = count(
        "2.2",
        "Số TTHC liên thông giữa các cấp chính quyền",
        units.PROCEDURES,
        consolidation=Consolidation.OWN,
    )
    location_independent: int | None = count(
        "2.3",
        "Số TTHC đã thực hiện tiếp nhận và giải quyết hồ sơ không phụ thuộc vào địa giới"
        " hành chính.",
        units.PROCEDURES,
        consolidation=Consolidation.OWN,
    )

    _results: ClassVar = heading("3", "Kết quả giải quyết TTHC")
    department_on_time_rate: Decimal | None = percent(
        "3.1",
        "Tỷ lệ hồ sơ TTHC do các sở, ngành tiếp nhận được giải quyết đúng hạn",
        units.PERCENT,
        levels=levels.DEPARTMENTS,
        consolidation=Consolidation.RATIO,
    )
    department_resolved: int | None = count(
        "3.1.1", "Tổng số hồ sơ TTHC đã giải quyết xong", units.DOSSIERS, levels=levels.DEPARTMENTS
    )
    department_on_time: int | None = count(
        "3.1.2", "Số hồ sơ TTHC giải quyết đúng hạn", units.DOSSIERS, levels=levels.DEPARTMENTS
    )
    district_on_time_rate: Decimal | None = percent(
        "3.2",
        "Tỷ lệ hồ sơ TTHC do UBND cấp huyện tiếp nhận được giải quyết đúng hạn",
        units.PERCENT,
        levels=levels.DISTRICTS,
        consolidation=Consolidation.RATIO,
        until=TWO_TIER_SINCE,
    )
    district_resolved: int | None = count(
        "3.2.1",
        "Tổng số hồ sơ TTHC đã giải quyết xong",
        units.DOSSIERS,
        emphasis=Emphasis.SUB,
        levels=levels.DISTRICTS,
        until=TWO_TIER_SINCE,
    )
    district_on_time: int | None = count(
        "3.2.2",
        "Số hồ sơ TTHC giải quyết đúng hạn",
        units.DOSSIERS,
        emphasis=Emphasis.SUB,
        levels=levels.DISTRICTS,
        until=TWO_TIER_SINCE,
    )
    commune_on_time_rate: Decimal | None = percent(
        "3.3",
        "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn",
        units.PERCENT,
        levels=levels.COMMUNES,
        consolidation=Consolidation.RATIO,
    )
    commune_resolved: int | None = count(
        "3.3.1",
        "Tổng số hồ sơ TTHC đã giải quyết xong",
        units.DOSSIERS,
        emphasis=Emphasis.SUB,
        levels=levels.COMMUNES,
    )
    commune_on_time: int | None = count(
        "3.3.2",
        "Số hồ sơ TTHC giải quyết đúng hạn",
        units.DOSSIERS,
        emphasis=Emphasis.SUB,
        levels=levels.COMMUNES,
    )
    feedback_resolution_rate: Decimal | None = percent(
        "3.4",
        "Tỷ lệ giải quyết phản ánh, kiến nghị (PAKN) về quy định TTHC",
        units.PERCENT,
        consolidation=Consolidation.RATIO,
    )
    feedback_received: int | None = count(
        "3.4.1",
        "Tổng số PAKN đã tiếp nhận (trực tiếp hoặc do cơ quan có thẩm quyền chuyển đến)",
        units.FEEDBACK,
        emphasis=Emphasis.SUB,
    )
    feedback_resolved: int | None = count(
        "3.4.2", "Số PAKN đã giải quyết xong", units.FEEDBACK, emphasis=Emphasis.SUB
    )
