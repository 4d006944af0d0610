"""What the templates of the 2024 edition share: the edition id and the *Kèm theo* line."""

from __future__ import annotations

from typing import Final

__all__ = ["ATTACHED", "EDITION"]

EDITION: Final = "2024"
"""The templates in use in 2024 (the appendices of report 341/BC-UBND, June 2024)."""

ATTACHED: Final = "(Kèm theo Báo cáo số: {number} ngày {date} của {agency})"
"""The line under each appendix title, with placeholders for the report's metadata."""
