"""The rule cache: the built-in rules kept parsed between runs, and only ever trusted safely."""

from __future__ import annotations

import os
import pickle
import stat
import sys
from pathlib import Path

import pytest

from cchc_model import builtin_rules, edition, example, validate
from cchc_model._rules import cache
from cchc_model._rules import rulesets as rulesets_module
from cchc_model._rules.rulesets import RuleSet

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="owner and mode bits")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(where))
    return where


def _fresh() -> RuleSet:
    """The built-in rules as a new process gets them: from the cache, or parsed."""
    return rulesets_module.stored_builtin_rules(edition())


def _stored(folder: Path) -> Path:
    (path,) = folder.glob("rules-*.pickle")
    return path


def test_the_rules_read_back_are_the_rules_parsed(folder: Path) -> None:
    parsed = _fresh()  # nothing stored yet: parsed, then stored
    path = _stored(folder)
    read = _fresh()  # read back from the file
    assert read is not parsed
    assert read == parsed
    assert [rule.tree for rule in read] == [rule.tree for rule in parsed]
    assert validate(example(), rules=read) == validate(example(), rules=parsed)
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0


@pytest.mark.usefixtures("folder")
def test_a_stored_set_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    _fresh()

    def fail(*_: object) -> None:
        raise AssertionError("the rules were parsed again")

    monkeypatch.setattr(rulesets_module, "_parse_rules_text", fail)
    assert len(_fresh()) == len(builtin_rules())


def test_no_cache_when_the_variable_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV, "")
    monkeypatch.chdir(tmp_path)
    assert len(_fresh()) == len(builtin_rules())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("folder")
def test_another_key_builds_again_and_replaces_it() -> None:
    assert cache.cached("x", b"one", lambda: [1], list) == [1]
    assert cache.cached("x", b"one", lambda: [2], list) == [1]  # stored under b"one"
    assert cache.cached("x", b"two", lambda: [3], list) == [3]  # a new key: built again
    assert cache.cached("x", b"two", lambda: [4], list) == [3]


def test_the_key_follows_the_package_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cache.source_key(b"rules") == cache.source_key(b"rules")
    assert cache.source_key(b"rules") != cache.source_key(b"other rules")
    package = tmp_path / "package"
    (package / "templates").mkdir(parents=True)
    module = package / "templates" / "_pl2.py"
    module.write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_PACKAGE", package)
    before = cache.source_key(b"rules")
    info = module.stat()
    os.utime(module, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    assert cache.source_key(b"rules") != before  # an edited module: a new key
    touched = cache.source_key(b"rules")
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.pyc").write_bytes(b"")
    (package / "notes.txt").write_text("", encoding="utf-8")
    assert cache.source_key(b"rules") == touched  # what is not source does not count


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-10] + b"\0" * 10,  # damaged: the checksum fails
        lambda _: b"not a cache file at all",
        lambda _: b"",
    ],
)
def test_a_damaged_file_is_ignored_and_replaced(folder: Path, damage: object) -> None:
    assert cache.cached("x", b"key", lambda: [1], list) == [1]
    path = folder / "x.pickle"
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert cache.cached("x", b"key", lambda: [2], list) == [2]
    assert cache.cached("x", b"key", lambda: [3], list) == [2]  # replaced by a good one


def test_a_file_that_unpickles_to_something_else_is_not_used(folder: Path) -> None:
    key = b"key"
    cache.cached("x", key, lambda: [1], list)
    payload = pickle.dumps({"not": "a list"})
    path = folder / "x.pickle"
    path.unlink()
    cache._write(folder, path, key, payload)
    assert cache.cached("x", key, lambda: [2], list) == [2]


@posix_only
def test_a_file_others_can_write_to_is_not_trusted(folder: Path) -> None:
    cache.cached("x", b"key", lambda: [1], list)
    path = folder / "x.pickle"
    path.chmod(0o666)
    assert cache.cached("x", b"key", lambda: [2], list) == [2]


@posix_only
def test_a_folder_others_can_write_to_is_not_trusted(folder: Path) -> None:
    cache.cached("x", b"key", lambda: [1], list)
    folder.chmod(0o777)
    try:
        assert cache.cached("x", b"key", lambda: [2], list) == [2]
        assert cache.cached("x", b"key", lambda: [3], list) == [3]  # nor written to
    finally:
        folder.chmod(0o700)


@posix_only
def test_a_link_is_not_followed(folder: Path, tmp_path: Path) -> None:
    cache.cached("x", b"key", lambda: [1], list)
    path = folder / "x.pickle"
    elsewhere = tmp_path / "elsewhere.pickle"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    assert cache.cached("x", b"key", lambda: [2], list) == [2]


def test_a_cache_that_cannot_be_written_costs_nothing_but_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_file = tmp_path / "a file"
    a_file.write_text("", encoding="utf-8")
    monkeypatch.setenv(cache.ENV, str(a_file / "cache"))  # no folder can be made there
    assert cache.cached("x", b"key", lambda: [1], list) == [1]
    assert len(_fresh()) == len(builtin_rules())


def test_the_cache_folder_by_platform(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    found = cache.cache_dir()
    assert found is not None
    if sys.platform not in ("win32", "darwin"):
        assert found == tmp_path / "cchc_model"
        monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored
        assert cache.cache_dir() == Path.home() / ".cache" / "cchc_model"
    monkeypatch.setenv(cache.ENV, str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
