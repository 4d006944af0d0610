"""Phụ lục 7: reform of public finance."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from ..._model.template import Emphasis, Template, count, heading, money, percent, template
from ..._model.units import Consolidation, units
from ._common import ATTACHED, EDITION

__all__ = ["PublicFinance"]


@template(
    "PL7",
    number=7,
    title="BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH TÀI CHÍNH CÔNG",
    subject="public_finance",
    edition=EDITION,
    attached=ATTACHED,
)
@attrs.frozen(kw_only=True, repr=False, slots=False)
class PublicFinance(Template):
    """Phụ lục 7: *cải cách tài chính công* (ĐVSN: public service units).

    >>> from decimal import Decimal
    >>> PublicFinance(investment_planned=Decimal("3.887"))["1.1"]
    Decimal('3.887')
    """

    investment_disbursement_rate: Decimal | None = percent(
        "1",
        "Tỷ lệ thực hiện Kế hoạch giải ngân vốn đầu tư công",
        units.PERCENT,
        emphasis=Emphasis.GROUP,
        consolidation=Consolidation.RATIO,
    )
    investment_planned: Decimal | None = money("1.1", "Kế hoạch được giao", units.MILLION_DONG)
    investment_disbursed: Decimal | None = money("1.2", "Đã thực hiện", units.MILLION_DONG)

    _autonomy: ClassVar = heading(
        "2",
        "Thực hiện tự chủ tài chính của đơn vị sự nghiệp (ĐVSN) tại địa phương"
        " (lũy kế đến thời điểm báo cáo)",
    )
    service_units: int | None = count("2.1", "Tổng số ĐVSN công lập tại địa phương", units.UNITS)
    self_financed_with_investment: int | None = count(
        "2.2", "Số ĐVSN tự bảo đảm chi thường xuyên và chi đầu tư", units.UNITS
    )
    self_financed: int | None = count("2.3", "Số ĐVSN tự bảo đảm chi thường xuyên", units.UNITS)
    partly_self_financed: int | None = count(
        "2.4", "Số ĐVSN tự bảo đảm một phần chi thường xuyên", units.UNITS
    )
    self_financed_70_100: int | None = count(
        "2.4.1", "Số ĐVSN tự bảo đảm từ 70% - dưới 100% chi thường xuyên", units.UNITS
    )
    self_financed_30_70: int | None = count(
        "2.4.2", "Số ĐVSN tự bảo đảm từ 30% - dưới 70% chi thường xuyên", units.UNITS
    )
    self_financed_10_30: int | None = count(
        "2.4.3", "Số ĐVSN tự bảo đảm từ 10% - dưới 30% chi thường xuyên", units.UNITS
    )
    state_financed: int | None = count(
        "2.5", "Số ĐVSN do Nhà nước bảo đảm chi thường xuyên", units.UNITS
    )
    converted_to_companies: int | None = count(
        "2.6",
        "Số lượng ĐVSN đã chuyển đổi thành công ty cổ phần (lũy kế đến thời điểm báo cáo)",
        units.UNITS,
    )
