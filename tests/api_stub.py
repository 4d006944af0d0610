"""The type stub of the package, generated from its table of public names.

``cchc_model/__init__.py`` lists the public API once, in ``_API`` (name → module), and
imports each name on first use. Type checkers cannot follow that, so they read
``cchc_model/__init__.pyi``, which :func:`stub_text` writes from the same table:
``tests/golden/regenerate.py`` rewrites it, ``tests/test_package.py`` checks it.
"""

from __future__ import annotations

from pathlib import Path

import cchc_model

STUB = Path(cchc_model.__file__).with_suffix(".pyi")

_HEAD = """\
# Generated from the table _API in __init__.py by tests/golden/regenerate.py: do not edit.
# Type checkers read this stub; at run time each name is imported on first use.
"""


def stub_text() -> str:
    """The text of ``__init__.pyi`` for the current table."""
    table: dict[str, str] = vars(cchc_model)["_API"]  # the table is the source
    imports = sorted(
        (".", name) if module == f".{name}" else (module, name) for name, module in table.items()
    )  # in the order ruff's isort wants
    lines = [_HEAD]
    lines.extend(f"from {module} import {name} as {name}" for module, name in imports)
    lines.append("")
    lines.append("__version__: str")
    lines.append("__all__ = [")
    lines.extend(f'    "{name}",' for name in cchc_model.__all__)
    lines.append("]")
    return "\n".join(lines) + "\n"
