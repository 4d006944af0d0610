"""The appendix templates (Phụ lục 2–8), one typed class each, and their edition."""

from __future__ import annotations

from ._edition import EDITION_2024
from ._pl2 import Direction
from ._pl3 import Institutions
from ._pl4 import Procedures
from ._pl5 import Organisation
from ._pl6 import CivilService
from ._pl7 import PublicFinance
from ._pl8 import DigitalGovernment

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
