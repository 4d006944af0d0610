"""Phụ lục 8: e-government and digital government."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from ..._model.template import Emphasis, Template, coded, count, heading, percent, template
from ..._model.units import (
    TWO_TIER_SINCE,
    Completion,
    Consolidation,
    MeetingSystem,
    Progress,
    levels,
    units,
)
from ._common import ATTACHED, EDITION

__all__ = ["DigitalGovernment"]


@template(
    "PL8",
    number=8,
    title=(
        "BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ,"
        " CHÍNH QUYỀN SỐ"
    ),
    subject="digital_government",
    edition=EDITION,
    attached=ATTACHED,
)
@attrs.frozen(kw_only=True, repr=False, slots=False)
class DigitalGovernment(Template):
    """Phụ lục 8: *xây dựng và phát triển chính quyền điện tử, chính quyền số*.

    Online public services are counted by level: *mức độ 3* (submitted online) and
    *mức độ 4* (submitted, paid and returned online).

    >>> DigitalGovernment(received_dossiers=281, received_online=197)["6.4.2"]
    197
    """

    architecture_updated: Completion | int | None = coded(
        "1", "Cập nhật Kiến trúc chính quyền điện tử phiên bản mới nhất", Completion
    )
    meeting_system: MeetingSystem | int | None = coded(
        "2",
        "Xây dựng và vận hành Hệ thống họp trực tuyến",
        MeetingSystem,
        hint=(
            "Liên thông 2 cấp: Từ UBND tỉnh - 100% UBND các huyện. Liên thông 3 cấp: Từ UBND"
            " tỉnh - 100% UBND cấp huyện, cấp xã."
        ),
    )
    national_reporting_rate: Decimal | None = percent(
        "3",
        "Tỷ lệ báo cáo định kỳ được gửi, nhận qua Hệ thống thông tin báo cáo quốc gia",
        units.PERCENT,
    )
    lgsp_platform: Progress | int | None = coded(
        "4", "Triển khai xây dựng nền tảng chia sẻ, tích hợp dùng chung (LGSP).", Progress
    )

    _e_documents: ClassVar = heading(
        "5", "Số liệu về trao đổi văn bản điện tử", emphasis=Emphasis.NORMAL
    )
    _document_systems: ClassVar = heading(
        "5.1",
        "Thực hiện kết nối, liên thông các Hệ thống quản lý văn bản điều hành từ cấp tỉnh đến"
        " cấp xã",
        emphasis=Emphasis.NORMAL,
    )
    departments_connected_rate: Decimal | None = percent(
        "5.1.1",
        "Tỷ lệ sở, ngành đã kết nối, liên thông với UBND tỉnh",
        units.PERCENT,
        levels=levels.DEPARTMENTS,
    )
    districts_connected_rate: Decimal | None = percent(
        "5.1.2",
        "Tỷ lệ UBND cấp huyện đã kết nối, liên thông với UBND tỉnh",
        units.PERCENT,
        levels=levels.DISTRICTS,
        until=TWO_TIER_SINCE,
    )
    communes_connected_rate: Decimal | None = percent(
        "5.1.3",
        "Tỷ lệ UBND cấp xã đã kết nối, liên thông với UBND huyện.",
        units.PERCENT,
        levels=levels.COMMUNES,
    )
    e_documents_rate: Decimal | None = percent(
        "5.2",
        "Tỷ lệ sử dụng văn bản điện tử của địa phương",
        units.PERCENT,
        hint=(
            "Chỉ thống kê tỷ lệ văn bản được gửi hoàn toàn dưới dạng điện tử; sử dụng chữ ký"
            " số, chứng thư số và gửi trên môi trường điện tử."
        ),
    )
    department_e_documents_rate: Decimal | None = percent(
        "5.2.1",
        "Tỷ lệ sử dụng văn bản điện tử của các sở, ban, ngành cấp tỉnh",
        units.PERCENT,
        levels=levels.DEPARTMENTS,
    )
    district_e_documents_rate: Decimal | None = percent(
        "5.2.2",
        "Tỷ lệ sử dụng văn bản điện tử của UBND cấp huyện",
        units.PERCENT,
        levels=levels.DISTRICTS,
        until=TWO_TIER_SINCE,
    )
    commune_e_documents_rate: Decimal | None = percent(
        "5.2.3",
        "Tỷ lệ sử dụng văn bản điện tử của UBND cấp xã",
        units.PERCENT,
        levels=levels.COMMUNES,
    )
    _one_stop_system: ClassVar = heading(
        "5.3",
        "Xây dựng, vận hành Hệ thống thông tin một cửa điện tử tập trung của tỉnh",
        emphasis=Emphasis.NORMAL,
    )
    departments_one_stop_rate: Decimal | None = percent(
        "5.3.1",
        "Tỷ lệ sở, ngành đã kết nối liên thông với Hệ thống",
        units.PERCENT,
        levels=levels.DEPARTMENTS,
    )
    districts_one_stop_rate: Decimal | None = percent(
        "5.3.2",
        "Tỷ lệ đơn vị cấp huyện đã kết nối liên thông với Hệ thống",
        units.PERCENT,
        levels=levels.DISTRICTS,
        until=TWO_TIER_SINCE,
    )
    communes_one_stop_rate: Decimal | None = percent(
        "5.3.3",
        "Tỷ lệ đơn vị cấp xã đã kết nối liên thông với Hệ thống",
        units.PERCENT,
        levels=levels.COMMUNES,
    )

    _online_services: ClassVar = heading("6", "Cung cấp dịch vụ công trực tuyến")
    level3_rate: Decimal | None = percent(
        "6.1",
        "Tỷ lệ TTHC đủ điều kiện được cung cấp trực tuyến mức độ 3",
        units.PERCENT,
        consolidation=Consolidation.OWN,
    )
    level3_eligible: int | None = count(
        "6.1.1",
        "Tổng số TTHC đủ điều kiện cung cấp trực tuyến mức độ 3",
        units.PROCEDURES,
        consolidation=Consolidation.OWN,
    )
    level3_online: int | None = count(
        "6.1.2",
        "Số TTHC đang cung cấp trực tuyến mức độ 3",
        units.PROCEDURES,
        consolidation=Consolidation.OWN,
    )
    level3_with_dossiers: int | None = count(
        "6.1.3",
        "Số TTHC đang cung cấp trực tuyến mức độ 3 có phát sinh hồ sơ nộp trực tuyến",
        units.PROCEDURES,
        consolidation=Consolidation.OWN,
    )
    level4_rate: Decimal | None = percent(
        "6.2",
        "Tỷ lệ TTHC đủ điều kiện được cung cấp trực tuyến mức độ 4",
        units.PERCENT,
        consolidation=Consolidation.OWN,
    )
    level4_eligible: int | None = count(
        "6.2.1",
        "Tổng số TTHC đủ điều kiện cung cấp trực tuyến mức độ 4",
        units.PROCEDURES,
        consolidation=Consolidation.OWN,
    )
    level4_online: int | None = count(
        "6.2.2",
        "Số TTHC đang cung cấp trực tuyến mức độ 4",
        units.PROCEDURES,
        consolidation=Consolidation.OWN,
    )
    level4_with_dossiers: int | None = count(
        "6.2.3",
        "Số TTHC đang cung cấp trực tuyến mức độ 4 có phát sinh hồ sơ nộp trực tuyến",
        units.PROCEDURES,
        consolidation=Consolidation.OWN,
    )
    national_portal_rate: Decimal | None = percent(
        "6.3",
        "Tỷ lệ TTHC cung cấp trực tuyến mức độ 3 và 4 đã tích hợp, công khai trên Cổng DVC"
        " quốc gia",
        units.PERCENT,
        consolidation=Consolidation.OWN,
    )
    online_procedures: int | None = count(
        "6.3.1",
        "Tổng số TTHC đang cung cấp trực tuyến mức độ 3 và 4 của địa phương",
        units.PROCEDURES,
        consolidation=Consolidation.OWN,
    )
    national_portal_procedures: int | None = count(
        "6.3.2",
        "Số TTHC cung cấp trực tuyến mức độ 3 và 4 đã tích hợp, công khai trên Cổng DVC quốc gia",
        units.PROCEDURES,
        consolidation=Consolidation.OWN,
    )
    online_dossiers_rate: Decimal | None = percent(
        "6.4",
        "Tỷ lệ hồ sơ TTHC được tiếp nhận trực tuyến mức độ 3 và 4 (Chỉ thống kê đối với các"
        " TTHC mức độ 3 và 4 có phát sinh hồ sơ)",
        units.PERCENT,
        consolidation=Consolidation.RATIO,
    )
    received_dossiers: int | None = count(
        "6.4.1", "Tổng số hồ sơ TTHC đã tiếp nhận (cả trực tiếp và trực tuyến)", units.DOSSIERS
    )
    received_online: int | None = count(
        "6.4.2", "Số hồ sơ TTHC đã tiếp nhận trực tuyến", units.DOSSIERS
    )
    online_payment_rate: Decimal | None = percent(
        "6.5",
        "Tỷ lệ TTHC được tích hợp, triển khai thanh toán trực tuyến",
        units.PERCENT,
        consolidation=Consolidation.OWN,
    )
    procedures_with_fees: int | None = count(
        "6.5.1",
        "Tổng số TTHC có yêu cầu nghĩa vụ tài chính (tất cả các TTHC có phát sinh phí, lệ phí,...)",
        units.PROCEDURES,
        consolidation=Consolidation.OWN,
    )
    online_payment_procedures: int | None = count(
        "6.5.2",
        "Số TTHC đã được tích hợp, triển khai thanh toán trực tuyến trên Cổng DVC quốc gia"
        " hoặc trên Cổng DVC của tỉnh.",
        units.PROCEDURES,
        consolidation=Consolidation.OWN,
    )
