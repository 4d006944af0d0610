"""Rewrite the golden files of the renderers, the shipped JSON Schema and the package's stub.

Run after a deliberate change of a renderer's output, then read the diff::

    .venv/bin/python tests/golden/regenerate.py && git diff tests/golden
"""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))

from api_stub import STUB, stub_text  # noqa: E402  # needs the path above
from cchc_model._io.schema import SCHEMA_FILE, schema_text  # noqa: E402
from golden_files import GOLDEN, outputs  # noqa: E402  # needs the path above


def main() -> None:
    """Write every golden file (bytes as rendered: CSV keeps its CRLF and BOM)."""
    for name, make in outputs():
        (GOLDEN / name).write_bytes(make().encode("utf-8"))
        print(f"wrote tests/golden/{name}")  # noqa: T201  # a script's report
    schema = TESTS.parent / "src" / "cchc_model" / "data" / SCHEMA_FILE
    schema.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {schema.relative_to(TESTS.parent)}")  # noqa: T201
    STUB.write_text(stub_text(), encoding="utf-8")
    print(f"wrote {STUB.name}")  # noqa: T201


if __name__ == "__main__":
    main()
