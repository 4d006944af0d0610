"""The ``cchc`` command line (stdlib argparse).

Each subcommand is a function ``_cmd_NAME(args) -> int`` registered in
:func:`build_parser`; its exit code is one of :mod:`~cchc_model._cli.exits` (0 for
success, 1 when the command found errors in the reports it checked, 2 when its input
could not be read). Every command that reads reports reads them with
:mod:`~cchc_model._cli.inputs`, in any format.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from .._model.catalog import catalog_data
from .._model.catalog import edition as get_edition
from .._model.errors import CchcError, Lang
from .._model.units import ALL_LEVELS
from .aggregate import add_aggregate_commands
from .exits import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from .inputs import add_input_options, read_args
from .render import add_render_commands

__all__ = ["build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]


def _print_json(data: Any) -> None:  # noqa: ANN401  # any JSON-ready data
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _cmd_example(_: argparse.Namespace) -> int:
    from .._model.example import example_json  # noqa: PLC0415  # keep `cchc --version` fast

    sys.stdout.write(example_json())
    return EXIT_OK


def _cmd_catalog(args: argparse.Namespace) -> int:
    if args.format == "json":
        _print_json(catalog_data(args.edition))
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


def _rule_set(args: argparse.Namespace) -> Any:  # noqa: ANN401  # a RuleSet, imported lazily
    from .._rules.rulesets import builtin_rules, load_rules  # noqa: PLC0415

    rules = builtin_rules(getattr(args, "edition", None))
    for path in args.rules or ():
        rules = rules + load_rules(path)
    return rules


def _reports(args: argparse.Namespace) -> tuple[list[tuple[str, Any]], bool]:
    """The reports named on the command line, and whether one could not be read."""
    from .._model.example import example  # noqa: PLC0415

    lang: Lang = args.lang
    reports: list[tuple[str, Any]] = []
    unreadable = False
    if args.example:
        reports.append(("example", example()))
    for name in args.files:
        try:
            report = read_args(args, name).report  # any format read
        except CchcError as exc:
            sys.stderr.write(f"cchc: {exc.message(lang)}\n")
            unreadable = True
            continue
        reports.append((name, report))
    if not args.files and not args.example:
        from .._rules.messages import TEXT  # noqa: PLC0415

        sys.stderr.write(f"cchc: {TEXT['no_files'][lang]}\n")
        unreadable = True
    return reports, unreadable


def _cmd_validate(args: argparse.Namespace) -> int:
    from .._rules.validate import validate  # noqa: PLC0415

    lang: Lang = args.lang
    rules = _rule_set(args)
    reports, unreadable = _reports(args)
    results = [(name, validate(report, rules=rules)) for name, report in reports]
    if args.format == "json":
        findings = [
            {"file": name, **finding.to_data(lang)}
            for name, result in results
            for finding in result.findings
        ]
        summary = {"files": len(results), "rules": len(rules)}
        for key in ("evaluated", "skipped", "errors", "warnings", "infos"):
            summary[key] = sum(result.summary()[key] for _, result in results)
        valid = not unreadable and all(result.valid for _, result in results)
        _print_json({"valid": valid, "findings": findings, "summary": summary})
    else:
        from .._rules.messages import TEXT  # noqa: PLC0415

        blocks = [
            f"{name}: {TEXT['valid' if result.valid else 'invalid'][lang]}\n{result.format(lang)}\n"
            for name, result in results
        ]
        sys.stdout.write("\n".join(blocks))
    if unreadable:
        return EXIT_INPUT
    return EXIT_OK if all(result.valid for _, result in results) else EXIT_FINDINGS


def _cmd_rules(args: argparse.Namespace) -> int:
    rules = _rule_set(args)
    if args.format == "json":
        _print_json([rule.to_data() for rule in rules])
        return EXIT_OK
    out: list[str] = []
    current = None
    for rule in rules:
        if rule.template != current:
            current = rule.template
            out.append(current)
        out.append(f"  {rule.id:<22} {rule.severity.value:<8} {rule.expression}")
    sys.stdout.write("\n".join(out) + "\n")
    return EXIT_OK


def _cmd_derive(args: argparse.Namespace) -> int:
    from .._io.interchange import dumps  # noqa: PLC0415
    from .._rules.derive import derive  # noqa: PLC0415

    rules = _rule_set(args)
    reports, unreadable = _reports(args)
    if unreadable:
        return EXIT_INPUT
    for _, report in reports:
        sys.stdout.write(dumps(derive(report, overwrite=args.overwrite, rules=rules)))
    return EXIT_OK


def _add_rule_commands(sub: Any) -> None:  # noqa: ANN401  # argparse's subparsers action
    lang = {"choices": ("vi", "en"), "default": argparse.SUPPRESS, "help": "as cchc --lang"}
    rules = {
        "action": "append",
        "metavar": "RULES.toml",
        "help": "add the rules of this file to the built-in ones (repeatable)",
    }

    p = sub.add_parser("validate", help="check reports against the rules; exit 1 on errors")
    p.add_argument("files", nargs="*", metavar="FILE", help="report (JSON); - reads stdin")
    p.add_argument("--example", action="store_true", help="check the bundled example")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", **lang)
    p.add_argument("--rules", **rules)
    add_input_options(p)
    p.set_defaults(handler=_cmd_validate)

    p = sub.add_parser("rules", help="list the rule catalog")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--edition", default=None, help="template edition (default: current)")
    p.add_argument("--rules", **rules)
    p.set_defaults(handler=_cmd_rules)

    p = sub.add_parser("derive", help="print a report with every computable blank filled")
    p.add_argument("files", nargs="*", metavar="FILE", help="report (JSON); - reads stdin")
    p.add_argument("--example", action="store_true", help="derive the bundled example")
    p.add_argument("--overwrite", action="store_true", help="also replace reported values")
    p.add_argument("--lang", **lang)
    p.add_argument("--rules", **rules)
    add_input_options(p)
    p.set_defaults(handler=_cmd_derive)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``cchc``, with every subcommand."""
    from .. import __version__  # noqa: PLC0415  # the package imports this module lazily

    parser = argparse.ArgumentParser(
        prog="cchc",
        description="Administrative-reform (CCHC) statistical reports: catalog, example, "
        "validation and more.",
    )
    parser.add_argument("--version", action="version", version=f"cchc {__version__}")
    parser.add_argument(
        "--lang",
        choices=("vi", "en"),
        default="vi",
        help="language of messages (default: vi)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("example", help="print the bundled example report as JSON")
    p.set_defaults(handler=_cmd_example)

    p = sub.add_parser("catalog", help="list the templates and their indicators")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--edition", default=None, help="template edition (default: current)")
    p.set_defaults(handler=_cmd_catalog)

    _add_rule_commands(sub)
    add_render_commands(sub)
    add_aggregate_commands(sub)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``cchc`` with ``argv`` (default: the process arguments); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    lang: Lang = args.lang
    try:
        return handler(args)
    except CchcError as exc:
        sys.stderr.write(f"cchc: {exc.message(lang)}\n")
        return EXIT_INPUT
    except BrokenPipeError:  # `cchc catalog | head` is fine
        return EXIT_OK
    except OSError as exc:  # a full disk, an unwritable output: say so, no traceback
        where = f" {exc.filename}" if exc.filename else ""
        text = (
            f"không ghi hoặc đọc được{where}: lỗi hệ thống {exc.errno}"
            if lang == "vi"
            else f"cannot write or read{where}: {exc.strerror}"
        )
        sys.stderr.write(f"cchc: {text}\n")
        return EXIT_INPUT


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
