"""Sphinx configuration of the cchc_model documentation."""

from __future__ import annotations

import sys
from pathlib import Path

from sphinx.application import Sphinx

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

project = "cchc_model"
author = "cchc_model developers"
copyright = "2026, cchc_model developers"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}
html_theme = "alabaster"
html_title = "cchc_model"
language = "en"
nitpicky = False
suppress_warnings = ["myst.xref_missing"]


def _generate(app: Sphinx) -> None:
    import gen_pages  # noqa: PLC0415  # beside this file

    gen_pages.write_all(Path(app.srcdir) / "_generated")


def setup(app: Sphinx) -> None:
    """Generate the pages that are made from the code before reading the sources."""
    app.connect("builder-inited", _generate)
