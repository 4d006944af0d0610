"""The template editions, and the tools to declare an edition of your own.

The built-in edition is ``edition_2024/`` (Phụ lục 2–8, one typed class each). An
edition of your own is declared with the same tools, imported from here:
:func:`template` (the class decorator), :func:`count`, :func:`percent`,
:func:`money`, :func:`coded` and :func:`heading` (one per row), the units of measure
:data:`units` and the levels :data:`levels`; then an :class:`~cchc_model.Edition`
registered with :func:`~cchc_model.register_edition`. See :doc:`/catalog`.
"""

from __future__ import annotations

from .._model.public import publish
from .._model.template import coded, count, heading, money, percent, template
from .._model.units import levels, units
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
    "coded",
    "count",
    "heading",
    "levels",
    "money",
    "percent",
    "template",
    "units",
]


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
