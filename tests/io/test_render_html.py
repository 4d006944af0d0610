"""HTML: a standalone printable page, escaping everything, findings on their rows."""

from __future__ import annotations

from html.parser import HTMLParser

from cchc_model import Direction, ReportInfo, example, render
from golden_files import FINDINGS, GOLDEN

VOID = {"meta", "br", "col", "link"}


class _Checker(HTMLParser):
    """Counts tags and keeps the text, to check the page is well formed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.seen: dict[str, int] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002  # the parser's signature
        self.seen[tag] = self.seen.get(tag, 0) + 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _check(page: str) -> _Checker:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.errors == []
    assert checker.stack == []
    return checker


def test_golden() -> None:
    assert render(example(), "html") == (GOLDEN / "example.html").read_text(encoding="utf-8")
    assert render(example(), "html", findings=FINDINGS) == (GOLDEN / "findings.html").read_text(
        encoding="utf-8"
    )


def test_a_standalone_printable_page() -> None:
    page = render(example(), "html")
    checker = _check(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert "@page { size: A4; margin: 20mm 15mm 20mm 30mm; }" in page
    assert '"Times New Roman"' in page
    assert checker.seen.get("script", 0) == 0
    assert checker.seen.get("link", 0) == 0
    assert "src=" not in page
    assert checker.seen["section"] == 7
    assert checker.seen["table"] == 7
    rows = sum(len(t.spec.indicators) for t in example().templates.values())
    assert checker.seen["tr"] == rows + 2 * 7  # two header rows a table


def test_rows_carry_their_layout_and_findings() -> None:
    page = render(example(), "html", findings=FINDINGS)
    _check(page)
    assert '<tr id="PL2-3" class="depth-0 group heading">' in page
    assert '<tr id="PL8-2" class="depth-0 error">' in page
    assert "3 &lt;không&gt; thuộc &amp; danh mục (vi)" in page
    assert '<td class="value"><b>1 (Có)</b></td>' in page  # a group row's code, its label
    assert '<td class="value">2 (Kết hợp)</td>' in page


def test_everything_is_escaped() -> None:
    nasty = "<script>alert(\"x\")</script> & 'q' \x00\x1b"
    info = ReportInfo(
        agency=f"UBND xã {nasty}",
        level=example().info.level,
        period=example().info.period,
        year=2024,
    )
    report = example().with_templates(Direction(notes={"1": nasty, "3": "x\r\ny"}))
    report = type(report)(info=info, templates=report.templates)
    page = render(report, "html", findings=FINDINGS)
    checker = _check(page)
    assert "<script" not in page
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27; \ufffd\ufffd" in page
    )
    assert "x<br>y" in page
    assert "\x00" not in page
    text = "".join(checker.text)
    assert '<script>alert("x")</script>' in text  # shown as text, never as markup
