"""The ``cchc`` commands about the rules: ``validate``, ``rules`` and ``derive``.

``validate`` checks reports against the built-in rules (and the ``--rules`` files) and
exits with 1 when one has errors; ``rules`` lists the rules; ``derive`` fills what the
rules can compute, writes the reports as JSON (one document, JSON Lines for several, or
one file each in a folder) and says on standard error which cells it filled.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from .._model.collector import paused
from .._model.errors import CchcError, Lang
from .exits import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, UsageError
from .inputs import add_input_options, read_args
from .options import add_format, add_lang, add_rules, reads
from .outputs import STANDARD, check_outputs, write_outputs

if TYPE_CHECKING:
    from .._model.report import Report
    from .._rules.rulesets import RuleSet

__all__ = ["ARGUMENTS"]

_TEXT: Final = {
    "filled": {"vi": "đã điền", "en": "filled"},
    "replaced": {"vi": "đã thay", "en": "replaced"},
    "nothing": {
        "vi": "không có ô trống nào tính được",
        "en": "no blank cell can be computed",
    },
    "empty": {
        "vi": "{name}: không có số liệu nào để kiểm tra (mọi ô của các phụ lục đều trống):"
        " không kết luận được là hợp lệ",
        "en": "{name}: no value to check (every cell of every appendix is blank):"
        " it cannot be said to be valid",
    },
    "same_stem": {
        "vi": "hai tệp cùng tên sẽ ghi đè nhau trong {folder}: {names}",
        "en": "two inputs would be written to the same file in {folder}: {names}",
    },
}


def print_json(data: Any) -> None:  # noqa: ANN401  # any JSON-ready data
    """Write ``data`` to standard output as indented JSON, Vietnamese kept as is."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def rule_set(args: argparse.Namespace) -> RuleSet:
    """The built-in rules (of ``--edition``), with the rules of the ``--rules`` files."""
    from .._rules.rulesets import builtin_rules, load_rules  # noqa: PLC0415

    rules = builtin_rules(getattr(args, "edition", None))
    for path in args.rules or ():
        rules = rules + load_rules(path)
    return rules


def _reports(args: argparse.Namespace) -> tuple[list[tuple[str, Report]], bool]:
    """The reports named on the command line, and whether one could not be read."""
    lang: Lang = args.lang
    reports: list[tuple[str, Report]] = []
    unreadable = False
    if args.example:
        from .._model.example import example  # noqa: PLC0415

        reports.append(("example", example()))
    for name in args.files:
        try:
            report = read_args(args, name).report  # any format read
        except CchcError as exc:
            from .._io.table import printable  # noqa: PLC0415  # on error only: a fast start

            sys.stderr.write(f"cchc: {printable(exc.message(lang))}\n")
            unreadable = True
            continue
        reports.append((name, report))
    if not args.files and not args.example:
        from .._rules.messages import TEXT  # noqa: PLC0415

        sys.stderr.write(f"cchc: {TEXT['no_files'][lang]}\n")
        unreadable = True
    return reports, unreadable


def _has_values(report: Report) -> bool:
    return any(template.filled() for template in report.templates.values())


def _cmd_validate(args: argparse.Namespace) -> int:
    from .._rules.validate import validate  # noqa: PLC0415

    lang: Lang = args.lang
    rules = rule_set(args)
    with paused():  # many reports, kept to the end (see _model/collector.py)
        reports, unreadable = _reports(args)
        # Zero values read is an error, never a report called valid after checking nothing.
        for name, report in reports:
            if not _has_values(report):
                sys.stderr.write(f"cchc: {_TEXT['empty'][lang].format(name=name)}\n")
                unreadable = True
        reports = [(name, report) for name, report in reports if _has_values(report)]
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
        print_json({"valid": valid, "findings": findings, "summary": summary})
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
    rules = rule_set(args)
    if args.format == "json":
        print_json([rule.to_data() for rule in rules])
        return EXIT_OK
    out: list[str] = []
    current = None
    for rule in rules:
        if rule.template != current:
            current = rule.template
            out.append(current or "")
        out.append(f"  {rule.id:<22} {rule.severity.value:<8} {rule.expression}")
    sys.stdout.write("\n".join(out) + "\n")
    return EXIT_OK


def _changes(before: Report, after: Report, lang: Lang) -> str:
    """The cells ``derive`` filled or replaced, in words (``PL2 2 = 78,95; …``)."""
    from .._rules.messages import format_number  # noqa: PLC0415

    filled: list[str] = []
    replaced: list[str] = []
    for tid, tpl in after.templates.items():
        old = before.templates[tid]
        for row, value in tpl:
            was = old[row.code]
            if value is None or (type(was) is type(value) and str(was) == str(value)):
                continue
            shown = format_number(value, lang)
            if was is None:
                filled.append(f"{tid} {row.code} = {shown}")
            else:
                replaced.append(f"{tid} {row.code}: {format_number(was, lang)} → {shown}")
    parts = []
    if filled:
        parts.append(f"{_TEXT['filled'][lang]} {'; '.join(filled)}")
    if replaced:
        parts.append(f"{_TEXT['replaced'][lang]} {'; '.join(replaced)}")
    return ", ".join(parts) if parts else _TEXT["nothing"][lang]


def _outputs(args: argparse.Namespace, names: list[str]) -> list[str]:
    """Where each input's derived report goes (``-``: standard output)."""
    if args.output is None or args.output == STANDARD:
        return [STANDARD] * len(names)
    target = Path(args.output)
    if len(names) == 1 and not target.is_dir() and not args.output.endswith(("/", "\\")):
        return [args.output]
    outputs = [str(target / f"{'stdin' if n == STANDARD else Path(n).stem}.json") for n in names]
    twice = [out for out, count in Counter(outputs).items() if count > 1]
    if twice:
        lang: Lang = args.lang
        given = "; ".join(
            " ".join(n for n, out in zip(names, outputs, strict=True) if out == o) for o in twice
        )
        raise UsageError(
            _TEXT["same_stem"]["en"].format(folder=target, names=given),
            _TEXT["same_stem"][lang].format(folder=target, names=given),
        )
    return outputs


def _cmd_derive(args: argparse.Namespace) -> int:
    from .._io.interchange import dumps  # noqa: PLC0415
    from .._rules.derive import derive  # noqa: PLC0415

    lang: Lang = args.lang
    rules = rule_set(args)
    reports, unreadable = _reports(args)
    if unreadable:
        return EXIT_INPUT
    names = [name for name, _ in reports]
    outputs = _outputs(args, names)
    check_outputs(args.files, outputs)  # never over an input, nor two reports in one file
    lines = outputs.count(STANDARD) > 1  # several reports on standard output: JSON Lines
    written: list[tuple[str, bytes]] = []
    for (name, report), out in zip(reports, outputs, strict=True):
        derived = derive(report, overwrite=args.overwrite, rules=rules)
        sys.stderr.write(f"cchc: {name}: {_changes(report, derived, lang)}\n")
        text = dumps(derived, indent=None) if out == STANDARD and lines else dumps(derived)
        written.append((out, text.encode("utf-8")))
    if len(outputs) > 1 and outputs[0] != STANDARD:  # one file each in a folder: make it
        Path(outputs[0]).parent.mkdir(parents=True, exist_ok=True)
    write_outputs(written)  # the files all or none, then standard output
    return EXIT_OK


def _validate_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Check reports against the built-in rules (and the --rules files) and print the"
        f" findings; exit 0 when no report has errors, 1 when one has, 2 when a file cannot"
        f" be read. {reads()} To check many files, give them all to one command: the rules"
        " are read once."
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="a report to check")
    p.add_argument("--example", action="store_true", help="also check the bundled example")
    add_format(p, ("text", "json"), "how the findings are printed")
    add_rules(p)
    add_input_options(p)
    add_lang(p)
    p.set_defaults(handler=_cmd_validate)


def _rules_arguments(p: argparse.ArgumentParser) -> None:
    p.description = "List the rules: the built-in ones and those of the --rules files."
    add_format(p, ("text", "json"), "how the rules are printed")
    p.add_argument("--edition", default=None, help="template edition (default: the current one)")
    add_rules(p)
    p.set_defaults(handler=_cmd_rules)


def _derive_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Fill every blank cell that a rule computes (ratios, totals) and write the reports"
        " as JSON: one document for one report, JSON Lines (one document per line) for"
        " several, or one file per report with -o FOLDER. Standard error says which cells"
        f" were filled. {reads()}"
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="a report to complete")
    p.add_argument("--example", action="store_true", help="also derive the bundled example")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to OUT: a file for one report, else a folder, one NAME.json per input"
        " (default: standard output)",
    )
    p.add_argument(
        "--overwrite",
        action="store_true",
        help="also recompute reported values; a value that already agrees with its rule at"
        " the precision it was written with is kept as written",
    )
    add_rules(p)
    add_input_options(p)
    add_lang(p)
    p.set_defaults(handler=_cmd_derive)


ARGUMENTS: Final[dict[str, Callable[[argparse.ArgumentParser], None]]] = {
    "validate": _validate_arguments,
    "rules": _rules_arguments,
    "derive": _derive_arguments,
}
"""Each command's arguments, added to its parser by :func:`~cchc_model._cli.main.build_parser`."""
