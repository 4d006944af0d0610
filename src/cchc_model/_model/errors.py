"""The exceptions of cchc_model: one root, specific subclasses, structured arguments.

Every exception carries its message in English (``str(error)``) and in Vietnamese
(``error.message("vi")``), plus the structured facts a program needs (template, code,
value, path) as attributes, in the way attrs' validators pass ``(msg, attribute,
expected, value)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from .public import publish

Lang = Literal["vi", "en"]

__all__ = [
    "CchcError",
    "CodeError",
    "ComparisonError",
    "ConsolidationError",
    "Lang",
    "OutputError",
    "ParseError",
    "Problem",
    "ReportFormatError",
    "RuleError",
    "ValueTypeError",
    "short_repr",
]


def short_repr(value: object, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, safe for huge and deeply nested values.

    >>> short_repr("x" * 100, 10), short_repr([[[]]])
    ("'xxxxxxxx…", '[[[]]]')
    """
    try:
        text = repr(value)
    except RecursionError:  # a value nested deeper than repr() goes
        return f"<{type(value).__name__} nested too deeply>"
    except Exception:  # noqa: BLE001  # a broken __repr__ must not hide the real error
        return f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


class CchcError(Exception):
    """Root of every error that cchc_model raises on purpose.

    Args:
        en: The message in English; it is also ``str(error)``.
        vi: The same message in Vietnamese; defaults to the English one.

    >>> error = CchcError("bad input", "dữ liệu không hợp lệ")
    >>> str(error), error.message("vi")
    ('bad input', 'dữ liệu không hợp lệ')
    """

    def __init__(self, en: str, vi: str | None = None) -> None:
        super().__init__(en)
        self.en = en
        self.vi = vi if vi is not None else en

    def message(self, lang: Lang = "en") -> str:
        """Return the message in ``lang`` (``"vi"`` or ``"en"``)."""
        return self.vi if lang == "vi" else self.en


class ValueTypeError(CchcError, TypeError):
    """A value of the wrong type was given for an indicator (or another field).

    Raised at once when a template or report is built in code.

    Attributes:
        template: The template id, such as ``"PL2"``, or ``None`` outside a template.
        code: The official code of the indicator, such as ``"2.1"``.
        attribute: The Python attribute name.
        expected: What the field takes, in words (English; ``expected_vi`` in Vietnamese).
        value: The value that was given, as given.
    """

    def __init__(
        self,
        *,
        template: str | None,
        code: str | None,
        attribute: str,
        expected: str,
        value: object,
        hint: str = "",
        expected_vi: str | None = None,
        hint_vi: str | None = None,
    ) -> None:
        where = f"{template} {code} ({attribute})" if template else attribute
        shown = short_repr(value, 80)
        en = f"{where}: expected {expected}, got {shown}"
        vi = (
            f"{where}: giá trị phải là {expected_vi}, nhận được {shown}"
            if expected_vi
            else f"{where}: giá trị không đúng kiểu, nhận được {shown}"
        )
        if hint:
            en += f"; {hint}"
        if hint_vi:
            vi += f"; {hint_vi}"
        super().__init__(en, vi)
        self.template = template
        self.code = code
        self.attribute = attribute
        self.expected = expected
        self.value = value


class CodeError(CchcError, LookupError):
    """An unknown template id or indicator code, or a code that takes no value.

    Attributes:
        template: The template id asked for (or in which the code was looked up).
        code: The code asked for, or ``None`` when the template itself is unknown.
    """

    def __init__(self, en: str, vi: str, *, template: str | None, code: str | None) -> None:
        super().__init__(en, vi)
        self.template = template
        self.code = code

    def __str__(self) -> str:
        # KeyError would quote the message; we are a LookupError, not a KeyError.
        return self.en


@attrs.frozen
class Problem:
    """One problem found in a document, with where it is.

    Attributes:
        path: Where the problem is, as a JSON path (``$.templates.PL2.values["2.1"]``)
            or a cell reference, depending on the reader.
        en: What is wrong, in English.
        vi: What is wrong, in Vietnamese.
        value: The offending value, as read (``None`` when there is none).
        template: The template id, when the problem is inside a template.
        code: The indicator code, when the problem is about an indicator.

    >>> problem = Problem("$.report.year", "expected an integer", "phải là số nguyên", value="x")
    >>> problem.message("vi")
    '$.report.year: phải là số nguyên'
    """

    path: str
    en: str
    vi: str
    value: object = attrs.field(default=None, kw_only=True)
    template: str | None = attrs.field(default=None, kw_only=True)
    code: str | None = attrs.field(default=None, kw_only=True)

    def message(self, lang: Lang = "en") -> str:
        """Return ``path: message`` in ``lang``."""
        return f"{self.path}: {self.vi if lang == 'vi' else self.en}"


class ReportFormatError(CchcError, ValueError):
    """A document could not be read; lists every problem found, each with its path.

    Attributes:
        problems: The problems, in document order.
        source: The file name or other description of the input, when known.
    """

    def __init__(self, problems: Iterable[Problem], *, source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        head_en = f"cannot read {source}" if source else "cannot read the report"
        head_vi = f"không đọc được {source}" if source else "không đọc được báo cáo"
        count = len(self.problems)
        en = f"{head_en}: {count} problem{'s' if count != 1 else ''}"
        vi = f"{head_vi}: {count} lỗi"
        super().__init__(
            "\n  ".join([en, *(p.message("en") for p in self.problems)]),
            "\n  ".join([vi, *(p.message("vi") for p in self.problems)]),
        )


class ParseError(CchcError, ValueError):
    """A text could not be read as the value it should be (a number, a date, a code…).

    Attributes:
        text: The text that was given.
        expected: What was expected, in words.
        suggestions: What the text probably meant, best first (may be empty).
    """

    def __init__(
        self,
        en: str,
        vi: str | None = None,
        *,
        text: str,
        expected: str = "",
        suggestions: Sequence[str] = (),
    ) -> None:
        super().__init__(en, vi)
        self.text = text
        self.expected = expected
        self.suggestions: tuple[str, ...] = tuple(suggestions)


class RuleError(CchcError, ValueError):
    """A rule expression or a rule file is malformed.

    Attributes:
        rule: The rule id, when known.
        expression: The expression text, when the problem is in one.
        position: The character offset of the problem in the expression, when known.
    """

    def __init__(
        self,
        en: str,
        vi: str | None = None,
        *,
        rule: str | None = None,
        expression: str | None = None,
        position: int | None = None,
    ) -> None:
        super().__init__(en, vi)
        self.rule = rule
        self.expression = expression
        self.position = position


# --- consolidation ---


class ConsolidationError(CchcError, ValueError):
    """Reports that cannot be consolidated together; lists every problem, naming the files.

    :func:`~cchc_model.aggregate` and :func:`~cchc_model.combine` check everything before
    adding anything up (one period and edition, no unit twice, levels that fit the
    consolidated report) and raise this error with every problem found, rather than
    return a sum that means nothing.

    Attributes:
        problems: Every problem; each one's ``path`` is the file (or, for a report not
            read from a file, the unit) it is about.

    >>> error = ConsolidationError(
    ...     [Problem("xa-a.json", "period q1 2024, not h1 2024", "kỳ q1 2024, không phải h1 2024")]
    ... )
    >>> print(error)
    cannot consolidate the reports: 1 problem
      xa-a.json: period q1 2024, not h1 2024
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        en = f"cannot consolidate the reports: {count} problem{'s' if count != 1 else ''}"
        vi = f"không tổng hợp được các báo cáo: {count} lỗi"
        super().__init__(
            "\n  ".join([en, *(p.message("en") for p in self.problems)]),
            "\n  ".join([vi, *(p.message("vi") for p in self.problems)]),
        )


class ComparisonError(CchcError, ValueError):
    """Two reports that cannot be compared row by row.

    :func:`~cchc_model.compare` compares two periods of one unit, two units of one
    period, or two versions of one report; two reports of different units *and*
    periods, or of different template editions, are refused.

    Attributes:
        before: The first report's unit and period, in words.
        after: The second report's unit and period, in words.

    >>> error = ComparisonError(
    ...     "different units and periods", "khác đơn vị và kỳ", before="xã A (2023)", after="xã B"
    ... )
    >>> error.before, error.message("vi")
    ('xã A (2023)', 'khác đơn vị và kỳ')
    """

    def __init__(self, en: str, vi: str, *, before: str, after: str) -> None:
        super().__init__(en, vi)
        self.before = before
        self.after = after


class OutputError(CchcError, OSError):
    """An output could not be made: the system refused a file it needed.

    Raised where a library that the output is made with writes files of its own before
    the output is written (openpyxl writes each sheet of a workbook to a temporary file)
    and the system refuses them: a full disk, a file-size limit, a folder that cannot
    be written. It is an :class:`OSError` too, with the system's ``errno`` and
    ``strerror``.

    Attributes:
        output: What was being made, in English (``"the Excel workbook"``, or a file's
            path and what it is).
        reason: The system's reason, in English (``"File too large"``).

    >>> error = OutputError(
    ...     ("the Excel workbook", "tệp Excel"), ("File too large", "tệp quá lớn"), errno=27
    ... )
    >>> print(error)
    cannot make the Excel workbook: File too large
    >>> print(error.naming("bao-cao.xlsx").message("vi"))
    không tạo được 'bao-cao.xlsx' (tệp Excel): tệp quá lớn
    >>> isinstance(error, OSError), error.errno
    (True, 27)
    """

    def __init__(
        self, output: tuple[str, str], reason: tuple[str, str], *, errno: int | None = None
    ) -> None:
        super().__init__(
            f"cannot make {output[0]}: {reason[0]}", f"không tạo được {output[1]}: {reason[1]}"
        )
        self._output, self._reason = output, reason
        self.output, self.reason = output[0], reason[0]
        self.errno, self.strerror = errno, reason[0]

    def __str__(self) -> str:
        return self.en

    def __reduce__(self) -> tuple[object, ...]:
        return (_output_error, (self._output, self._reason, self.errno))

    def naming(self, path: str) -> OutputError:
        """The same error, naming the file ``path`` that was to be written."""
        output = (f"{path!r} ({self._output[0]})", f"{path!r} ({self._output[1]})")
        return OutputError(output, self._reason, errno=self.errno)


def _output_error(
    output: tuple[str, str], reason: tuple[str, str], errno: int | None
) -> OutputError:
    return OutputError(output, reason, errno=errno)


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
