"""The public home of the public names: ``cchc_model.Report``, not its private module.

The public API is the table ``_API`` of ``cchc_model/__init__.py``; each name lives in a
private module. :func:`publish`, called at the end of each module the table names, sets
``__module__ = "cchc_model"`` on the public classes and functions that module defines,
so that reprs (``<class 'cchc_model.Report'>``), tracebacks, the documentation and
pickles name ``cchc_model.Report``; a pickle finds the class there (on first use, like
every public name) and, for pickles written before, still in the private module.

A new ``__module__`` changes where ``typing.get_type_hints`` (and through it
``attrs.resolve_types``, cattrs and Hypothesis) looks up the names of a class's string
annotations (``from __future__ import annotations``): in the module named by
``__module__``. So each string annotation of a published class is bound to the module
it was written in: a name or a union of names (``int | None``, most of them) is looked
up there at once, which is what evaluating it gives; anything else becomes a
``typing.ForwardRef`` that names that module, as the standard library does for the
annotations of ``TypedDict``, evaluated there when asked. Nothing is imported ahead of
time, and nothing is compiled but those references (about 1 ms at import in all).

The doctests of a published object are found through its module's ``__test__``: the
doctest finder takes a class or function to be another module's when ``__module__``
names another module.
"""

from __future__ import annotations

import builtins
import functools
import operator
import re
import sys
from typing import Any, Final, ForwardRef

__all__ = ["PACKAGE", "is_own", "publish"]

PACKAGE: Final = __name__.partition(".")[0]
"""The public home of every name of the table: ``cchc_model``."""

_BOUND: dict[tuple[str, str, bool, bool], object] = {}
"""Each annotation text, bound once per module (the templates repeat ``int | None``)."""


def publish(namespace: dict[str, Any]) -> None:
    """Make ``cchc_model`` the module of the public names listed for this module.

    ``namespace`` is the calling module's ``globals()``, at its end; the names are those
    the table ``_API`` lists for that module (``._model.report``: ``Report``,
    ``ReportInfo``), whether the module defines them or imports them (``.templates``
    re-exports the classes of the edition's modules).

    >>> from cchc_model._model.report import Report
    >>> Report.__module__, Report.__qualname__
    ('cchc_model', 'Report')
    >>> import typing
    >>> typing.get_type_hints(Report)["info"]
    <class 'cchc_model.ReportInfo'>
    """
    module = namespace["__name__"]
    table: dict[str, str] = vars(sys.modules[PACKAGE])["_API"]
    for name, where in table.items():
        if PACKAGE + where != module or module == f"{PACKAGE}.{name}":
            continue  # another module's name, or a public module (vi)
        obj = namespace[name]
        home = obj.__module__
        if home == PACKAGE:
            continue  # published already
        if isinstance(obj, type):
            _bind_annotations(obj, home)
        obj.__module__ = PACKAGE
        tests = vars(sys.modules[home]).setdefault("__test__", {})
        tests[name] = obj


def _bind_annotations(cls: type, home: str) -> None:
    # A NamedTuple (Interval, ReadResult) holds its string annotations as references
    # that name no module: those are bound too.
    own = cls.__dict__.get("__annotations__")  # noqa: RUF063  # as written; inspect's: 5 µs
    if not own:
        return
    bound = {key: _bound(value, home) for key, value in own.items()}
    if any(bound[key] is not value for key, value in own.items()):
        cls.__annotations__ = bound


def _bound(value: object, home: str) -> object:
    if isinstance(value, str):
        text, is_argument, is_class = value, False, True  # as get_type_hints reads it
    elif isinstance(value, ForwardRef) and value.__forward_module__ is None:
        text = value.__forward_arg__
        is_argument, is_class = value.__forward_is_argument__, value.__forward_is_class__
    else:
        return value
    key = (text, home, is_argument, is_class)
    bound = _BOUND.get(key, _NOT_SIMPLE)
    if bound is _NOT_SIMPLE:
        bound = _looked_up(text, home)
        if bound is _NOT_SIMPLE:
            bound = ForwardRef(text, is_argument=is_argument, module=home, is_class=is_class)
        _BOUND[key] = bound
    return bound


_NAMES: Final = re.compile(r"[A-Za-z_]\w*(?:\s*\|\s*[A-Za-z_]\w*)*")
_NOT_SIMPLE: Final = object()


def _looked_up(text: str, home: str) -> object:
    """A name or a union of names (``int | None``), looked up where ``text`` was written.

    That is what evaluating it there gives, without compiling it (a reference compiles
    its text when made: most of the cost of publishing, at import). Anything else, or a
    name not defined yet, is :data:`_NOT_SIMPLE`: a reference, evaluated when asked.
    """
    if not _NAMES.fullmatch(text):
        return _NOT_SIMPLE
    namespace = vars(sys.modules[home])
    found: list[object] = []
    for name in (part.strip() for part in text.split("|")):
        if name == "None":
            found.append(None)
        elif name in namespace:
            found.append(namespace[name])
        elif hasattr(builtins, name):
            found.append(getattr(builtins, name))
        else:
            return _NOT_SIMPLE  # defined later, or for type checkers only
    if len(found) == 1:
        return type(None) if found[0] is None else found[0]
    return functools.reduce(operator.or_, found)


def is_own(module: str) -> bool:
    """Whether ``module`` (a ``__module__``) is the library's own.

    >>> is_own("cchc_model"), is_own("cchc_model._model.report"), is_own("my_edition")
    (True, True, False)
    """
    return module == PACKAGE or module.startswith(f"{PACKAGE}.")
