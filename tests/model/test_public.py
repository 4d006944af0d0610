"""The public names live in ``cchc_model``: reprs, pickles, type hints, cattrs, doctests."""

from __future__ import annotations

import ast
import doctest
import enum
import importlib
import inspect
import pickle
import re
import subprocess
import sys
import types
import typing
from decimal import Decimal
from importlib.resources.abc import Traversable

import attrs
import pytest

import cchc_model
from cchc_model._model.public import is_own

PUBLIC = {
    name: getattr(cchc_model, name)
    for name in cchc_model.__all__
    if inspect.isclass(getattr(cchc_model, name)) or inspect.isfunction(getattr(cchc_model, name))
}
CLASSES = {name: obj for name, obj in PUBLIC.items() if inspect.isclass(obj)}
# Edition's resources are importlib.resources files, which only type checkers import
# (importing them costs a third of `import cchc_model`): name the type to resolve them.
LOCALNS = {"Traversable": Traversable}


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_every_public_name_names_the_package(name: str) -> None:
    obj = PUBLIC[name]
    assert obj.__module__ == "cchc_model"
    assert obj.__qualname__ == name
    assert pickle.loads(pickle.dumps(obj)) is obj  # noqa: S301  # our own bytes
    if inspect.isclass(obj) and not issubclass(obj, enum.Enum):  # <enum 'AdminLevel'>
        assert repr(obj) == f"<class 'cchc_model.{name}'>"


def test_the_classes_name_the_package_before_their_names_are_used() -> None:
    code = (
        "import pickle, cchc_model\n"
        "report = cchc_model.example()\n"
        "result = cchc_model.validate(report)\n"
        "print(type(report).__module__, type(report.pl2).__module__,"
        " type(result.findings[0]).__module__, b'cchc_model._' in pickle.dumps(report))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, text=True
    ).stdout
    assert out.split() == ["cchc_model", "cchc_model", "cchc_model", "False"]


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_type_hints_resolve_in_the_module_that_wrote_them(name: str) -> None:
    cls = CLASSES[name]
    hints = typing.get_type_hints(cls, localns=LOCALNS, include_extras=True)
    # the same as read in the private modules alone, whatever cchc_model has loaded
    for other in cchc_model.__all__:
        getattr(cchc_model, other)
    assert typing.get_type_hints(cls, localns=LOCALNS, include_extras=True) == hints
    assert typing.get_type_hints(cls, globalns={}, localns=LOCALNS, include_extras=True) == hints
    if name != "Edition":
        assert typing.get_type_hints(cls) == typing.get_type_hints(cls, include_extras=False)
    if attrs.has(cls):
        attrs.resolve_types(cls, localns=LOCALNS)
        assert all(not isinstance(field.type, str) for field in attrs.fields(cls))


def test_type_hints_of_a_template_of_your_own() -> None:
    from custom_edition import Dossiers  # noqa: PLC0415  # an edition declared as a user would

    hints = typing.get_type_hints(Dossiers)
    assert hints["received"] == int | None
    assert hints["on_time_rate"] == Decimal | None


def test_pickles_and_cattrs_round_trip() -> None:
    report = cchc_model.example()
    result = cchc_model.validate(report)
    for value in (
        report,
        result,
        cchc_model.table_model(report, result),
        cchc_model.compare(report, report),
        cchc_model.aggregate(
            [report], into=attrs.evolve(report.info, level=cchc_model.AdminLevel.DISTRICT)
        ),
    ):
        assert pickle.loads(pickle.dumps(value)) == value  # noqa: S301  # our own bytes
    converter = cchc_model.make_converter()
    assert converter.structure(converter.unstructure(report), cchc_model.Report) == report


def test_doctests_of_published_classes_are_still_found_once() -> None:
    finder = doctest.DocTestFinder()
    report_module = importlib.import_module("cchc_model._model.report")
    found = {test.name for test in finder.find(report_module)}
    assert "cchc_model._model.report.__test__.Report" in found
    assert "cchc_model._model.report.__test__.Report.get" in found
    # the package's own docstring only: no class found twice, whatever has been used
    assert {test.name for test in finder.find(cchc_model)} == {"cchc_model"}


def test_is_own() -> None:
    assert is_own(cchc_model.Direction.__module__)
    assert not is_own("cchc_model_extra.mine")


_REFERENCE = re.compile(r":(?:func|class|data|mod|meth|attr|exc):`~?(?P<target>[\w.]+)`")


def _documented() -> list[tuple[str, str, object]]:
    import cchc_model.strategies  # noqa: PLC0415
    import cchc_model.templates  # noqa: PLC0415
    import cchc_model.vi  # noqa: PLC0415

    out: list[tuple[str, str, object]] = []
    for module in (cchc_model, cchc_model.vi, cchc_model.templates, cchc_model.strategies):
        out.append((module.__name__, module.__name__, module))
        for name in module.__all__:
            obj = getattr(module, name)
            out.append((module.__name__, name, obj))
            if inspect.isclass(obj):
                out.extend(
                    (module.__name__, f"{name}.{member}", value)
                    for member, value in vars(obj).items()
                    if not member.startswith("_")
                )
    return out


def test_docstrings_shown_to_users_name_only_public_things() -> None:
    for module, name, obj in _documented():
        doc = inspect.getdoc(obj) or ""
        for found in _REFERENCE.finditer(doc):
            target = found["target"]
            assert "._" not in f".{target}", f"{module}.{name} refers to {target}"
            if "." not in target and found.group().startswith(":data:"):
                public = importlib.import_module(module)
                assert target in public.__all__, f"{module}.{name} refers to {target}"


def test_the_formats_of_render_are_listed_in_its_docstring() -> None:
    from cchc_model._io.render import FORMATS  # noqa: PLC0415

    for fmt in FORMATS:
        assert f'``"{fmt}"``' in (cchc_model.render.__doc__ or "")


def _types_in(hint: object) -> typing.Iterator[object]:
    yield hint
    for arg in typing.get_args(hint):
        yield from _types_in(arg)


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_public_attributes_are_of_public_types(name: str) -> None:
    hints = typing.get_type_hints(CLASSES[name], localns=LOCALNS)
    for attribute, hint in hints.items():
        if attribute.startswith("_") or (name, attribute) == ("Rule", "tree"):
            continue  # Rule.tree: the parsed expression, the rule engine's own
        for found in _types_in(hint):
            module = getattr(found, "__module__", None) or ""
            assert not module.startswith("cchc_model."), f"{name}.{attribute}: {found}"


def _home(obj: object) -> types.ModuleType:
    """The module that defines a published object: it lists it in its ``__test__``."""
    (home,) = (
        module
        for name, module in list(sys.modules.items())
        if name.startswith("cchc_model.") and obj in vars(module).get("__test__", {}).values()
    )
    return home


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_type_hints_are_those_written_in_the_source(name: str) -> None:
    # each annotation as written in the class body, evaluated by typing in its module
    cls = CLASSES[name]
    home = _home(cls)
    tree = ast.parse(inspect.getsource(home))
    (body,) = (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == name)
    written = {
        statement.target.id: ast.unparse(statement.annotation)
        for statement in body.body
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
    }
    probe = type("Probe", (), {"__annotations__": written, "__module__": home.__name__})
    expected = typing.get_type_hints(probe, localns=LOCALNS, include_extras=True)
    actual = typing.get_type_hints(cls, localns=LOCALNS, include_extras=True)
    assert {key: actual[key] for key in written} == expected
