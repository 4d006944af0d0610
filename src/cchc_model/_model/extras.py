"""The optional extras: Excel (``openpyxl``) and Word (``python-docx``), imported on demand.

``import cchc_model`` never imports them; the Excel and Word functions call
:func:`require` when they run, which raises :class:`MissingExtraError` with the
``pip install`` line when the extra is not installed.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Final

from .errors import CchcError
from .public import publish

__all__ = ["MissingExtraError", "require"]

_EXTRAS: Final = {
    "openpyxl": "xlsx",
    "docx": "docx",
    "pandas": "analytics",
    "pyarrow": "analytics",
    "polars": "analytics",
}
_DISTRIBUTIONS: Final = {"docx": "python-docx"}
_WHAT: Final = {
    "xlsx": ("Excel files", "Tệp Excel"),
    "docx": ("Word files", "Tệp Word"),
    "analytics": ("Tidy exports", "Xuất bảng dữ liệu"),
}


class MissingExtraError(CchcError, ImportError):
    """An optional extra that a function needs is not installed.

    Attributes:
        module: The module that could not be imported (``"openpyxl"``).
        extra: The extra of ``cchc-model`` that installs it (``"xlsx"``).

    >>> error = MissingExtraError("openpyxl")
    >>> print(error)
    Excel files need openpyxl: pip install 'cchc-model[xlsx]'
    >>> error.extra
    'xlsx'
    """

    def __init__(self, module: str) -> None:
        extra = _EXTRAS.get(module, module)
        what, what_vi = _WHAT.get(extra, (extra, extra))
        dist = _DISTRIBUTIONS.get(module, module)
        line = f"pip install 'cchc-model[{extra}]'"
        super().__init__(f"{what} need {dist}: {line}", f"{what_vi} cần gói {dist}: {line}")
        self.name = module  # ImportError's own attribute
        self.module = module
        self.extra = extra

    def __str__(self) -> str:
        return self.en


def require(module: str) -> ModuleType:
    """Import the optional ``module`` (``"openpyxl"``, ``"docx"``, ``"pandas"``…) or say how.

    Raises:
        MissingExtraError: The module is not installed.

    >>> require("openpyxl").__name__
    'openpyxl'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(module) from None


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
