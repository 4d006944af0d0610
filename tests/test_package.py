"""The package as a whole: public API, import cost, metadata."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys

import cchc_model
from api_stub import STUB, stub_text

OPTIONAL = ("hypothesis", "openpyxl", "docx", "pandas", "pyarrow", "polars", "msgspec", "pydantic")


def test_all_is_sorted_and_complete() -> None:
    names = cchc_model.__all__
    assert list(names) == sorted(names)
    for name in names:
        assert hasattr(cchc_model, name), name


def test_the_type_stub_is_generated_from_the_table_of_public_names() -> None:
    # regenerate with tests/golden/regenerate.py
    assert STUB.read_text(encoding="utf-8") == stub_text()


def test_dir_shows_the_public_names_and_no_machinery() -> None:
    names = dir(cchc_model)
    assert set(cchc_model.__all__) <= set(names)
    for machinery in ("TYPE_CHECKING", "annotations", "importlib", "_importlib", "_API"):
        assert machinery not in names


def test_import_loads_nothing_but_the_table() -> None:
    code = "import sys, cchc_model; print(sorted(m for m in sys.modules if m.startswith('cchc')))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, text=True
    ).stdout
    assert out.strip() == "['cchc_model']"


def test_version_matches_the_distribution() -> None:
    assert cchc_model.__version__ == importlib.metadata.version("cchc-model")


def test_import_pulls_in_no_optional_extra() -> None:
    code = (
        "import sys, cchc_model; cchc_model.example();"
        f"print(sorted(m for m in {OPTIONAL!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, text=True
    ).stdout
    assert out.strip() == "[]"


def test_public_modules_are_few_and_private_ones_start_with_underscore() -> None:
    import pkgutil  # noqa: PLC0415

    public = {
        m.name for m in pkgutil.iter_modules(cchc_model.__path__) if not m.name.startswith("_")
    }
    assert public <= {"templates", "vi", "strategies"}, public
