"""The 2024 edition: Phụ lục 2–8 as used in report 341/BC-UBND (June 2024).

The folder holds everything of the edition: one module per appendix (``_pl2.py`` …
``_pl8.py``), the corrections made to the source (below), the rules (``rules.toml``)
and the example report (``huong-son-2024-h1.json``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from ..._model.catalog import Correction, Edition, register_edition
from ._common import EDITION
from ._pl2 import Direction
from ._pl3 import Institutions
from ._pl4 import Procedures
from ._pl5 import Organisation
from ._pl6 import CivilService
from ._pl7 import PublicFinance
from ._pl8 import DigitalGovernment

__all__ = ["EDITION_2024"]

_SPELLING = "spelling slip in the source"

EDITION_2024: Final = register_edition(
    Edition(
        id=EDITION,
        title="Biểu mẫu thống kê số liệu báo cáo cải cách hành chính, Phụ lục 2–8 (2024)",
        source=(
            "Báo cáo số 341/BC-UBND ngày 10 tháng 6 năm 2024 của UBND xã Hương Sơn, Phụ lục 2–8"
        ),
        classes=(
            Direction,
            Institutions,
            Procedures,
            Organisation,
            CivilService,
            PublicFinance,
            DigitalGovernment,
        ),
        # No earlier edition is known to the library, and the forms are still in use.
        since=None,
        until=None,
        # paths, not importlib.resources, whose import would add a third to `import
        # cchc_model`; the package is installed as files (it reads its own data so)
        rules=Path(__file__).with_name("rules.toml"),
        example=Path(__file__).with_name("huong-son-2024-h1.json"),
        corrections=(
            Correction(
                "PL2",
                "4",
                "title",
                "… quy định pháp luật về tuyên dụng, quản lý …",
                "… quy định pháp luật về tuyển dụng, quản lý …",
                f"{_SPELLING}: tuyển dụng (recruitment), not tuyên dụng",
            ),
            Correction(
                "PL2",
                "4.1",
                "unit",
                "%",
                "Cơ quan, đơn vị",
                "the row counts agencies (Số cơ quan, đơn vị…); a percentage is impossible"
                " and PL2 3.1 and 3.2 count agencies in Cơ quan, đơn vị",
            ),
            Correction(
                "PL3",
                None,
                "template title",
                "BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH THẺ CHẾ",
                "BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH THỂ CHẾ",
                f"{_SPELLING}: thể chế (institutions), not thẻ chế",
            ),
            Correction(
                "PL4",
                "1",
                "title",
                "Thông kê TTHC",
                "Thống kê TTHC",
                f"{_SPELLING}: thống kê (statistics), not thông kê",
            ),
            *(
                Correction(
                    "PL4",
                    code,
                    "title",
                    "… (Bao gồm cả TTHC của cơ quan ngành đọc)",
                    "… (Bao gồm cả TTHC của cơ quan ngành dọc)",
                    f"{_SPELLING}: ngành dọc (vertical sector agencies), not ngành đọc",
                )
                for code in ("1.4.1", "1.4.2", "1.4.3")
            ),
            Correction(
                "PL7",
                None,
                "template title",
                "BIỂU MÃU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH TÀI CHÍNH CÔNG",
                "BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH TÀI CHÍNH CÔNG",
                f"{_SPELLING}: biểu mẫu (form), not biểu mãu",
            ),
        ),
    )
)
