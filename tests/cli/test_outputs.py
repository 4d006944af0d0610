"""Outputs checked against the inputs: one ``stat`` an input, the same answers as ``same_file``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cchc_model._cli.exits import UsageError
from cchc_model._cli.outputs import check_outputs
from cchc_model._model.atomic import same_file


def _names(folder: Path) -> list[str]:
    """Spellings of files in ``folder``: existing, missing, linked, hard-linked, odd."""
    (folder / "sub").mkdir()
    (folder / "a.json").write_text("{}")
    (folder / "b.json").write_text("{}")
    os.link(folder / "a.json", folder / "hard.json")
    (folder / "link.json").symlink_to(folder / "a.json")
    (folder / "dangling.json").symlink_to(folder / "nowhere.json")
    return [
        "a.json",
        "b.json",
        "hard.json",
        "link.json",
        "dangling.json",
        "nowhere.json",
        "missing.json",
        "sub/../a.json",
        "sub/../missing.json",
        "a.json/",
        "./a.json",
        str(folder / "a.json"),
        "sub",
        "-",
    ]


def test_an_output_is_refused_exactly_when_same_file_says_it_is_an_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    names = _names(tmp_path)
    for out in names:
        for source in names:
            refused = out != "-" and any(
                name != "-" and same_file(name, out) for name in ("b.json", source)
            )
            if refused:
                with pytest.raises(UsageError, match="is the input"):
                    check_outputs(["b.json", source], [out, None])
            else:
                check_outputs(["b.json", source], [out, None])
