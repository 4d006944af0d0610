"""The ``cchc`` commands that work on several reports: ``aggregate`` and ``compare``.

``cchc aggregate FILE… -o OUT`` consolidates the units' reports into one (see
:func:`~cchc_model.aggregate`), writes it as JSON, and prints what could not be done
and the consolidated report's findings; ``cchc compare A B`` prints two reports side by
side (see :func:`~cchc_model.compare`). Reports are read with
:func:`~cchc_model.read` (JSON, CSV, Excel, text tables). Exit codes as ``cchc
validate``: 0, 1 when the consolidated report has errors, 2 when an input cannot be
read or the reports cannot be consolidated together.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import IO, Any, Final, cast

from .._io.reading import fold
from .._model.collector import paused
from .._model.errors import CchcError, Lang
from .._model.report import Report, ReportInfo
from .._model.units import AdminLevel
from .exits import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, UsageError
from .inputs import add_input_options, input_info, read_input, write_warnings
from .options import add_format, add_jobs, add_lang, add_rules, reads
from .outputs import STANDARD, check_outputs, write_outputs
from .workers import Shared, usable_cores

__all__ = ["ARGUMENTS"]

PROGRESS_MIN: Final = 50
"""From how many files on, ``cchc aggregate`` shows its progress (when stderr is a terminal)."""
_PROGRESS_EVERY: Final = 0.1
"""Seconds between two updates of the progress line."""

_NATIONAL_AGENCY: Final = "Bộ Nội vụ"
_TEXT: Final = {
    "reading": {"vi": "đang đọc {done}/{total} tệp", "en": "reading {done}/{total} files"},
    "unreadable": {
        "vi": "{count} tệp không đọc được: không tổng hợp",
        "en": "{count} file(s) could not be read: nothing consolidated",
    },
    "agency": {
        "vi": "không suy ra được cơ quan tổng hợp: hãy cho --into-agency",
        "en": "cannot tell the consolidating agency: give --into-agency",
    },
    "done": {
        "vi": "Tổng hợp {count} báo cáo vào {agency} ({level}, {period}): {verdict}",
        "en": "Consolidated {count} reports into {agency} ({level}, {period}): {verdict}",
    },
    "valid": {"vi": "hợp lệ", "en": "valid"},
    "invalid": {"vi": "có lỗi", "en": "has errors"},
    "inputs": {
        "vi": "{count} báo cáo đầu vào có lỗi (đã được tổng hợp như đã nộp):",
        "en": "{count} input report(s) have errors (consolidated as filed):",
    },
    "input": {
        "vi": "  {name}: {errors} lỗi ({rules})",
        "en": "  {name}: {errors} error(s) ({rules})",
    },
    "valid_but": {
        "vi": "hợp lệ, nhưng tổng hợp từ báo cáo có lỗi",
        "en": "valid, but made of reports with errors",
    },
    "notes": {"vi": "Ghi chú tổng hợp:", "en": "Notes:"},
    "written": {"vi": "Đã ghi {path}", "en": "Written: {path}"},
}


class _Progress:
    """A progress line on standard error, shown only for a terminal and many files."""

    def __init__(self, total: int, lang: Lang, stream: IO[str]) -> None:
        self.total = total
        self.lang = lang
        self.stream = stream
        self.shown = total >= PROGRESS_MIN and stream.isatty()
        self.last = 0.0

    def update(self, done: int) -> None:
        if not self.shown:
            return
        now = time.monotonic()
        if done < self.total and now - self.last < _PROGRESS_EVERY:
            return
        self.last = now
        text = _TEXT["reading"][self.lang].format(done=done, total=self.total)
        self.stream.write(f"\rcchc: {text}")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _read_all(args: argparse.Namespace, names: Sequence[str]) -> tuple[dict[str, Report], int]:
    """The reports of ``names`` by file name, and how many could not be read."""
    lang: Lang = args.lang
    reports: dict[str, Report] = {}
    failed = 0
    progress = _Progress(len(names), lang, sys.stderr)
    form = getattr(args, "source_format", None)
    info = input_info(getattr(args, "info", None))
    try:
        for done, name in enumerate(names, 1):
            try:
                report, warnings = read_input(name, lang, form=form, info=info, warn=False)
            except CchcError as exc:
                progress.close()
                from .._io.table import printable  # noqa: PLC0415  # on error only: a fast start

                sys.stderr.write(f"cchc: {printable(exc.message(lang))}\n")
                failed += 1
                continue
            if warnings:
                progress.close()
                write_warnings(name, warnings, lang)
            reports[name] = report
            _settle(name)
            progress.update(done)
    finally:
        gc.unfreeze()
    progress.close()
    return reports, failed


def _settle(name: str) -> None:
    """Keep the garbage collector from scanning the reports read so far again and again.

    The reports are kept to the end of the command, and hold no cycles. ``cchc
    aggregate`` runs with the collector off (:func:`paused`); a reader other than
    JSON's may leave cycles behind (openpyxl's workbooks), which are collected at once,
    while they are the only young objects: the reports read before have been moved out
    of the collector's generations (``gc.freeze``).
    """
    if not name.lower().endswith(".json"):
        gc.collect(1)
    gc.freeze()


def _shared(values: Sequence[str | None]) -> str | None:
    found = set(values)
    return found.pop() if len(found) == 1 else None


_PLACES: Final = {
    "province": ("provinces", "tỉnh", "--province"),
    "district": ("districts", "huyện", "--district"),
}


def _place(
    given: str | None, agency: str | None, values: Sequence[str | None], kind: str
) -> str | None:
    """The consolidated report's province or district (``kind``), from the units' ``values``.

    The one given (``--province``, ``--district``) wins; else the units' own when they
    all name one; else, when the units name several, the one the consolidating agency
    named on the command line ends with (``UBND huyện Nam Đông``: the units of another
    district are then refused by the consolidation); else none, and when no agency was
    given either, the units' places are listed, so that the user can say which one.
    """
    if given is not None:
        return given
    shared = _shared(values)
    if shared is not None:
        return shared
    counts = Counter(value for value in values if value is not None)
    if agency is not None:
        named = [place for place in counts if fold(agency).endswith(" " + fold(place))]
        return named[0] if len(named) == 1 else None
    if len(counts) > 1:
        listed = ", ".join(f"{place} ({count})" for place, count in sorted(counts.items()))
        en_kind, vi_kind, option = _PLACES[kind]
        raise UsageError(
            f"the reports come from {len(counts)} {en_kind}: {listed}; give {option} to"
            f" consolidate one of them (the reports of the others are refused), or"
            f" --into-agency to consolidate them all into one report",
            f"các báo cáo thuộc {len(counts)} {vi_kind}: {listed}; hãy cho {option} để tổng"
            f" hợp một {vi_kind} (báo cáo của {vi_kind} khác bị từ chối), hoặc --into-agency"
            f" để tổng hợp tất cả vào một báo cáo",
        )
    return None


def _into(args: argparse.Namespace, reports: Sequence[Report], own: Report | None) -> ReportInfo:
    lang: Lang = args.lang
    level = AdminLevel(args.level)
    if own is not None and args.agency is None:
        return own.info
    first = reports[0].info
    units = [r.info for r in reports]
    national = level is AdminLevel.PROVINCE and all(u.level is level for u in units)
    agency = args.agency
    province = (
        args.province
        if national
        else _place(args.province, agency, [u.province for u in units], "province")
    )
    district = (
        _place(args.district, agency, [u.district for u in units], "district")
        if level is AdminLevel.DISTRICT
        else args.district
    )
    if agency is None:
        if national:
            agency = _NATIONAL_AGENCY
        elif level is AdminLevel.PROVINCE and province is not None:
            agency = f"UBND tỉnh {province}"
        elif level is AdminLevel.DISTRICT and district is not None:
            agency = f"UBND huyện {district}"
        else:
            raise UsageError(_TEXT["agency"]["en"], _TEXT["agency"][lang])
    return ReportInfo(
        agency=agency,
        level=level,
        period=first.period,
        year=first.year,
        unit_code=args.unit_code,
        province=province,
        district=district,
    )


def _cmd_aggregate(args: argparse.Namespace) -> int:
    names = [*args.files, *([args.own] if args.own else [])]
    check_outputs([*names, *(args.rules or ())], [args.output, args.provenance])
    twice = sorted(name for name, count in Counter(names).items() if count > 1)
    if twice:
        raise UsageError(
            f"given twice: {', '.join(twice)} (a unit counts once)",
            f"tệp được cho hai lần: {', '.join(twice)} (mỗi đơn vị chỉ tính một lần)",
        )
    with paused():  # many reports, kept to the end: see _settle
        return _consolidate(args, names)


def _consolidate(args: argparse.Namespace, names: list[str]) -> int:
    """Read ``names``, consolidate them, write the result and print the summary."""
    from .._consolidation.aggregate import aggregate  # noqa: PLC0415
    from .._io.interchange import dumps  # noqa: PLC0415
    from .._rules.rulesets import builtin_rules, load_rules  # noqa: PLC0415

    lang: Lang = args.lang
    reports, failed = _read_all(args, names)
    if failed:
        sys.stderr.write(f"cchc: {_TEXT['unreadable'][lang].format(count=failed)}\n")
        return EXIT_INPUT
    own = reports.pop(args.own) if args.own else None
    rules = builtin_rules()
    for path in args.rules or ():
        rules = rules + load_rules(path)
    given = [*reports.items(), *([(args.own, own)] if own is not None else [])]
    # the inputs are checked by other processes (where there are cores for them) while
    # this one consolidates them: see workers.Shared
    jobs = args.jobs or usable_cores()
    with Shared(
        _error_rules(rules), [r for _, r in given], jobs=jobs, own_cost=_OWN_COST
    ) as checks:
        into = _into(args, list(reports.values()), own)
        result = aggregate(reports, into=into, own=own, rules=rules)
        outputs = [(args.output, dumps(result.report).encode("utf-8"))]
        if args.provenance:
            rows = [p.to_data() for p in result.provenances()]
            text = json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
            outputs.append((args.provenance, text.encode("utf-8")))
        broken = checks.results()
    inputs = [
        (name, cast("list[str]", found))
        for (name, _), found in zip(given, broken, strict=True)
        if found
    ]
    write_outputs(outputs)  # the report and its provenance, all or none
    out: IO[str] = sys.stderr if args.output == STANDARD else sys.stdout
    if args.format == "json":
        data = {
            "output": args.output,
            "inputs_with_errors": [{"file": name, "errors": found} for name, found in inputs],
            **result.to_data(lang),
        }
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(_summary(result, args.output, lang, inputs))
    # the exit status is the consolidated report's; the inputs' errors are said first
    return EXIT_OK if result.validation.valid else EXIT_FINDINGS


_OWN_COST: Final = 0.4
"""What consolidating and writing cost, as a part of validating every input (10,000 files).

This process keeps the share of the validations that makes it finish with the others
(:class:`~cchc_model._cli.workers.Shared`).
"""


def _error_rules(rules: Any) -> Callable[[Sequence[Report]], list[object]]:  # noqa: ANN401  # a RuleSet
    """The work of checking the inputs: the rules each report breaks as errors, in order."""
    from .._rules.validate import validate  # noqa: PLC0415

    def work(reports: Sequence[Report]) -> list[object]:
        return [[f.rule for f in validate(report, rules=rules).errors] for report in reports]

    return work


def _summary(
    result: Any,  # noqa: ANN401  # an Aggregation
    output: str,
    lang: Lang,
    inputs: list[tuple[str, list[str]]],
) -> str:
    info = result.report.info
    lines = []
    if inputs:  # said first: a valid consolidation of wrong reports is not a valid one
        lines.append(_TEXT["inputs"][lang].format(count=len(inputs)))
        for name, errors in inputs:
            shown = sorted(set(errors))
            rules = ", ".join(shown[:_SHOWN_RULES]) + (", …" if len(shown) > _SHOWN_RULES else "")
            lines.append(_TEXT["input"][lang].format(name=name, errors=len(errors), rules=rules))
    if not result.validation.valid:
        verdict = _TEXT["invalid"][lang]
    else:
        verdict = _TEXT["valid_but" if inputs else "valid"][lang]
    lines += [
        _TEXT["done"][lang].format(
            count=f"{len(result.units):,}".replace(",", "." if lang == "vi" else ","),
            agency=info.agency,
            level=info.level.label,
            period=info.period.label(info.year),
            verdict=verdict,
        )
    ]
    if output != "-":
        lines.append(_TEXT["written"][lang].format(path=output))
    if result.validation.findings:
        lines.append(result.validation.format(lang))
    if result.notes:
        lines.append(_TEXT["notes"][lang])
        lines += [f"  - {note.message(lang)}" for note in result.notes]
    return "\n".join(lines) + "\n"


_SHOWN_RULES: Final = 5


def _cmd_compare(args: argparse.Namespace) -> int:
    from .._consolidation.compare import compare  # noqa: PLC0415

    lang: Lang = args.lang
    reports, failed = _read_all(args, [args.before, args.after])
    if failed:
        return EXIT_INPUT
    before, after = reports[args.before], reports.get(args.after, reports[args.before])
    comparison = compare(before, after, blanks=args.all)
    if args.format == "json":
        sys.stdout.write(json.dumps(comparison.to_data(lang), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(comparison.format(lang) + "\n")
    return EXIT_OK


def _aggregate_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Consolidate the units' reports into one report (a province's, a district's, the"
        " nation's), row by row as the catalog declares; write it as JSON and print what"
        f" could not be done and its findings. {reads()}"
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="a unit's report")
    p.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="the JSON file written; - for stdout"
    )
    p.add_argument(
        "--level",
        choices=("province", "district"),
        default="province",
        help="level of the consolidated report (the national one is province-level)",
    )
    p.add_argument(
        "--into-agency",
        "--agency",
        dest="agency",
        metavar="NAME",
        help="consolidating agency (default: UBND tỉnh <province>, or Bộ Nội vụ for provinces)",
    )
    p.add_argument("--province", help="the consolidated report's province (default: the units')")
    p.add_argument("--district", help="the consolidated report's district (--level district)")
    p.add_argument("--unit-code", help="the consolidating unit's official code")
    p.add_argument(
        "--own",
        metavar="FILE",
        help="the consolidating unit's own figures (a report of its level); its metadata"
        " is the consolidated report's unless --into-agency is given",
    )
    p.add_argument("--provenance", metavar="FILE", help="also write every row's provenance (JSON)")
    add_format(p, ("text", "json"), "how the summary is printed")
    add_jobs(p, "the others validate the input reports, to name those with errors")
    add_rules(p)
    add_input_options(p)
    add_lang(p)
    p.set_defaults(handler=_cmd_aggregate)


def _compare_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Print two reports side by side (two periods, or two units), with the change in"
        f" each row. {reads()}"
    )
    p.add_argument("before", metavar="A", help="the earlier period, or the first unit")
    p.add_argument("after", metavar="B", help="the other report")
    add_format(p, ("text", "json"), "how the comparison is printed")
    p.add_argument("--all", action="store_true", help="also list rows blank in both")
    add_input_options(p)
    add_lang(p)
    p.set_defaults(handler=_cmd_compare)


ARGUMENTS: Final[dict[str, Callable[[argparse.ArgumentParser], None]]] = {
    "aggregate": _aggregate_arguments,
    "compare": _compare_arguments,
}
"""Each command's arguments, added to its parser by :func:`~cchc_model._cli.main.build_parser`."""
