"""The rule documentation: the generated catalog page, and the examples of the pages."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from cchc_model import builtin_rules, edition
from cchc_model._rules.doc import rules_markdown

DOCS = Path(__file__).parents[2] / "docs"


def test_the_page_lists_every_rule_and_every_row() -> None:
    page = rules_markdown()
    for rule in builtin_rules():
        assert f"`{rule.id}`" in page
    for row in edition().indicators():
        if not row.is_heading:
            assert f"| {row.code} | {row.title.replace('|', '')}" in page, row.code


def test_each_row_lists_the_rules_it_takes_part_in() -> None:
    page = rules_markdown()
    line = next(x for x in page.splitlines() if x.startswith("| 6.4.2 | Số hồ sơ TTHC"))
    for rule_id in ("PL8.ratio.6.4", "PL8.part.6.4.2", "PL8.condition.6.4.2", "PL8.domain.6.4.2"):
        assert f"`{rule_id}`" in line


@pytest.mark.parametrize("page", ["rules.md", "validation.md"])
def test_the_examples_of_the_pages_run(page: str) -> None:
    failed, attempted = doctest.testfile(
        str(DOCS / page),
        module_relative=False,
        optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS,
    )
    assert attempted > 10
    assert failed == 0
