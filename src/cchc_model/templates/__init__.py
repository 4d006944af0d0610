"""The appendix templates (Phụ lục 2–8), one typed class each, and their edition."""

from __future__ import annotations

from .edition_2024 import EDITION_2024
from .edition_2024._pl2 import Direction
from .edition_2024._pl3 import Institutions
from .edition_2024._pl4 import Procedures
from .edition_2024._pl5 import Organisation
from .edition_2024._pl6 import CivilService
from .edition_2024._pl7 import PublicFinance
from .edition_2024._pl8 import DigitalGovernment

__all__ = [
    "EDITION_2024",
    "CivilService",
    "DigitalGovernment",
    "Direction",
    "Institutions",
    "Organisation",
    "Procedures",
    "PublicFinance",
]
