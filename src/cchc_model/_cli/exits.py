"""The exit codes of ``cchc``, and the error of a command line that cannot be carried out.

Every command exits with :data:`EXIT_OK` when it did what was asked, :data:`EXIT_FINDINGS`
when it checked reports and found errors in them, and :data:`EXIT_INPUT` when its
input could not be read or its command line cannot be carried out (``main`` prints the
:class:`~cchc_model.CchcError`).
"""

from __future__ import annotations

from typing import Final

from .._model.errors import CchcError

__all__ = ["EXIT_FINDINGS", "EXIT_INPUT", "EXIT_OK", "UsageError"]

EXIT_OK: Final = 0
"""Done; the reports checked have no error."""
EXIT_FINDINGS: Final = 1
"""A report checked (or consolidated) has errors."""
EXIT_INPUT: Final = 2
"""An input cannot be read, or the command line cannot be carried out."""


class UsageError(CchcError):
    """A command line that cannot be carried out (exit 2, with the message)."""
