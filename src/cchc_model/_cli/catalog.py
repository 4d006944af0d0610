"""The ``cchc`` commands about the templates: ``catalog`` and ``example``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Final

from .exits import EXIT_OK
from .options import add_format

__all__ = ["ARGUMENTS"]


def _cmd_example(_: argparse.Namespace) -> int:
    from .._model.example import example_json  # noqa: PLC0415

    sys.stdout.write(example_json())
    return EXIT_OK


def _cmd_catalog(args: argparse.Namespace) -> int:
    from .._model.catalog import catalog_data  # noqa: PLC0415
    from .._model.catalog import edition as get_edition  # noqa: PLC0415
    from .._model.units import ALL_LEVELS  # noqa: PLC0415
    from .checks import print_json  # noqa: PLC0415

    if args.format == "json":
        print_json(catalog_data(args.edition))
        return EXIT_OK
    ed = get_edition(args.edition)
    out = [f"{ed.title} (edition {ed.id})", f"Source: {ed.source}", ""]
    for cls in ed.classes:
        spec = cls.spec
        out.append(f"{spec.id}  {spec.title}")
        for row in spec.indicators:
            unit = row.unit_text or ""
            levels = (  # rows asked of every level say nothing
                ""
                if row.levels == ALL_LEVELS
                else f"  [{', '.join(sorted(lv.value for lv in row.levels))}]"
            )
            out.append(f"  {'  ' * row.depth}{row.code:<7} {row.title}  ({unit}){levels}".rstrip())
        out.append("")
    sys.stdout.write("\n".join(out))
    return EXIT_OK


def _example_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Print the bundled example report (report 341/BC-UBND of commune Hương Sơn, 6"
        " months 2024) as a JSON document of the interchange format."
    )
    p.set_defaults(handler=_cmd_example)


def _catalog_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "List the templates (Phụ lục 2–8) and every row: official code, title, unit or"
        " code list, and the levels a row is asked of when not all."
    )
    add_format(p, ("text", "json"), "how the catalog is printed")
    p.add_argument("--edition", default=None, help="template edition (default: the current one)")
    p.set_defaults(handler=_cmd_catalog)


ARGUMENTS: Final[dict[str, Callable[[argparse.ArgumentParser], None]]] = {
    "example": _example_arguments,
    "catalog": _catalog_arguments,
}
"""Each command's arguments, added to its parser by :func:`~cchc_model._cli.main.build_parser`."""
