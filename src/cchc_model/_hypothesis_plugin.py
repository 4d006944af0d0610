"""The ``hypothesis`` entry point: registers the strategies of :mod:`cchc_model.strategies`.

Hypothesis calls :func:`_register` when it is imported (through the ``hypothesis``
entry point group declared in ``pyproject.toml``), so that ``st.from_type(Report)`` and
the other types below just work. Registration is cheap: the strategies module itself is
imported only when a registered type is first resolved, which also keeps ``import
cchc_model.strategies`` (which imports Hypothesis, which runs this hook) free of cycles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = ["_register"]


def _report(_: type) -> SearchStrategy[Any]:
    from .strategies import reports  # noqa: PLC0415  # see the module docstring

    return reports()


def _info(_: type) -> SearchStrategy[Any]:
    from .strategies import report_infos  # noqa: PLC0415

    return report_infos()


def _template(cls: type) -> SearchStrategy[Any]:
    from hypothesis import strategies as st  # noqa: PLC0415  # see the module docstring

    from ._model.catalog import edition  # noqa: PLC0415
    from ._model.template import Template  # noqa: PLC0415
    from .strategies import templates  # noqa: PLC0415

    if cls is Template:  # a template of the current edition
        return st.one_of([templates(c) for c in edition().classes])
    return templates(cls)


def _code(cls: type) -> SearchStrategy[Any]:
    from hypothesis import strategies as st  # noqa: PLC0415  # see the module docstring

    from ._model.units import Code  # noqa: PLC0415
    from .strategies import codes  # noqa: PLC0415

    if cls is Code:
        return st.one_of([codes(c) for c in _code_lists()[1:]])
    return codes(cls)


def _level(_: type) -> SearchStrategy[Any]:
    from .strategies import levels  # noqa: PLC0415

    return levels()


def _period(_: type) -> SearchStrategy[Any]:
    from .strategies import periods  # noqa: PLC0415

    return periods()


def _document_number(_: type) -> SearchStrategy[Any]:
    from .strategies import document_numbers  # noqa: PLC0415

    return document_numbers()


def _code_lists() -> tuple[type, ...]:
    from ._model.units import Code, Completion, MeetingSystem, Progress, SurveyMethod, YesNo  # noqa: PLC0415

    return (Code, YesNo, SurveyMethod, MeetingSystem, Progress, Completion)


def _register() -> None:
    """Register a strategy for each public type of cchc_model (idempotent).

    Report, ReportInfo, Template and each template class, each code list (and
    ``Code``: any of them), AdminLevel, Period and DocumentNumber.

    >>> from hypothesis import strategies as st
    >>> from cchc_model import YesNo
    >>> _register()
    >>> st.from_type(YesNo)
    sampled_from([<YesNo.NO: 0>, <YesNo.YES: 1>])
    """
    # Hypothesis is imported here, not at the top: importing this module first (pytest's
    # doctest collection does) would otherwise import Hypothesis, which runs this entry
    # point on the half-imported module.
    from hypothesis import strategies as st  # noqa: PLC0415

    from ._model.catalog import editions  # noqa: PLC0415
    from ._model.report import Report, ReportInfo  # noqa: PLC0415  # importing the package is the cost
    from ._model.template import Template  # noqa: PLC0415
    from ._model.units import AdminLevel  # noqa: PLC0415
    from .vi import DocumentNumber, Period  # noqa: PLC0415

    st.register_type_strategy(Report, _report)
    st.register_type_strategy(ReportInfo, _info)
    classes: list[type[Template]] = [Template]
    classes += (cls for ed in editions() for cls in ed.classes)  # the built-in editions
    for cls in classes:
        st.register_type_strategy(cls, _template)
    for code_list in _code_lists():
        st.register_type_strategy(code_list, _code)
    st.register_type_strategy(AdminLevel, _level)
    st.register_type_strategy(Period, _period)
    st.register_type_strategy(DocumentNumber, _document_number)
