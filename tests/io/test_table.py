"""The table model: the report laid out as the forms, with findings on their rows."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc_model
from cchc_model import (
    AdminLevel,
    CodeError,
    Direction,
    Emphasis,
    Kind,
    Period,
    Report,
    ReportInfo,
    ValueTypeError,
    edition,
    example,
    render,
    table_model,
)
from cchc_model._io.table import (
    CONTROL_CHARACTERS,
    FORMULA_TRIGGERS,
    SEVERITIES,
    SEVERITY_COLOURS,
    Run,
    neutralise,
    printable,
    restore,
    severity_label,
)
from golden_files import FakeFinding, docx_extract, xlsx_extract


def test_carried_templates_in_order_with_every_row() -> None:
    table = table_model(example())
    assert [t.template for t in table] == ["PL2", "PL3", "PL4", "PL5", "PL6", "PL7", "PL8"]
    for template in table:
        spec = edition().spec(template.template)
        assert [row.code for row in template] == list(spec.codes)
        assert len(template) == len(spec.indicators)
        assert template.heading == f"Phụ lục {spec.number}"
        assert template.title == spec.title
    assert len(table) == 7


def test_rows_hold_what_the_form_prints() -> None:
    pl2 = table_model(example())["PL2"]
    row = pl2.row("2")
    assert (row.number, row.unit, row.text, row.label) == ("2.", "%", "78,94", None)
    assert row.value == Decimal("78.94")
    assert (row.depth, row.emphasis, row.kind, row.is_heading) == (
        0,
        Emphasis.NORMAL,
        Kind.PERCENT,
        False,
    )
    heading = pl2.row("3")
    assert (heading.is_heading, heading.value, heading.text, heading.unit) == (True, None, "", "")
    assert heading.emphasis is Emphasis.GROUP
    survey = pl2.row("7")
    assert (survey.text, survey.label, survey.unit) == ("1", "Có", "Có = 1; Không = 0")
    assert pl2.row("7.2").label == "Kết hợp"
    assert pl2.row("5").template_note == (
        "do UBND huyện chuyển xử lý theo lĩnh vực của đơn vị được giao về CCHC"
    )
    assert pl2.row("5").note is None


def test_values_are_written_the_vietnamese_way() -> None:
    table = table_model(example())
    assert table["PL7"].row("1.1").text == "3,887"
    assert table["PL8"].row("6.4").text == "70,1"
    assert table["PL8"].row("2").text == "3"
    assert table["PL8"].row("2").label is None  # outside its list
    grouped = table_model(
        example().with_templates(
            Direction(survey_forms=2715925, plan_completion_rate=Decimal("70.10"))
        )
    )["PL2"]
    assert grouped.row("7.1").text == "2.715.925"
    assert grouped.row("2").text == "70,10"


def test_depth_and_sub_rows() -> None:
    pl4 = table_model(example())["PL4"]
    assert pl4.row("3.2.1").depth == 2
    assert pl4.row("3.2.1").emphasis is Emphasis.SUB
    assert pl4.row("3.2.1").number == "3.2.1."


def test_attached_line_from_metadata_and_blanks() -> None:
    table = table_model(example())
    assert table["PL4"].attached == (
        "(Kèm theo Báo cáo số: 341/BC-UBND ngày 10/6/2024 của UBND xã Hương Sơn)"
    )
    bare = Report(
        info=ReportInfo(
            agency="UBND xã A", level=AdminLevel.COMMUNE, period=Period.YEAR, year=2025
        ),
        templates=[Direction()],
    )
    bare_table = table_model(bare)
    assert bare_table["PL2"].attached == "(Kèm theo Báo cáo số: … ngày … của UBND xã A)"
    assert bare_table.period_label == "năm 2025"
    assert table.period_label == "6 tháng đầu năm 2024"


def test_lookup_by_code_and_template() -> None:
    table = table_model(example())
    assert table["pl8"].row("6.3.").code == "6.3"
    with pytest.raises(CodeError, match=r"PL8 has no indicator '9\.9'"):
        table["PL8"].row("9.9")
    only_pl2 = table_model(example().with_templates())
    assert only_pl2["PL2"].template == "PL2"
    empty = table_model(Report(info=example().info))
    with pytest.raises(CodeError, match=r"does not carry 'PL2'"):
        empty["PL2"]
    assert list(empty) == []


def test_findings_go_to_the_rows_they_name() -> None:
    warning = FakeFinding("PL2.ratio.2", "warning", "PL2", ("2", "2.1", "2.2."))
    error = FakeFinding("PL2.part", "error", "PL2", ("2.2",))
    template_level = FakeFinding("PL7.x", "info", "PL7", ())
    report_level = FakeFinding("level", "info", None, ())
    not_carried = FakeFinding("PL3.y", "error", "PL3", ("1",))
    report = example().with_templates()
    report = Report(
        info=report.info, templates=[t for t in report.templates.values() if t.spec.id != "PL3"]
    )
    table = table_model(report, [warning, error, template_level, report_level, not_carried])
    pl2 = table["PL2"]
    assert [f.rule for f in pl2.row("2").findings] == ["PL2.ratio.2"]
    assert [f.rule for f in pl2.row("2.2").findings] == ["PL2.part", "PL2.ratio.2"]  # errors first
    assert pl2.row("2.2").severity == "error"
    assert pl2.row("2.1").severity == "warning"
    assert pl2.row("1").severity is None
    assert pl2.row("2.2").findings[1].codes == ("2", "2.1", "2.2")
    assert [f.rule for f in table["PL7"].findings] == ["PL7.x"]
    assert [f.rule for f in table.findings] == ["PL3.y", "level"]
    assert [f.rule for f in pl2.all_findings()] == ["PL2.ratio.2", "PL2.part"]
    assert [f.rule for f in table.all_findings()] == [
        "PL3.y",
        "level",
        "PL2.ratio.2",
        "PL2.part",
        "PL7.x",
    ]
    # each finding is shown once, after the last row it touches, naming its rows
    assert [f.rule for f in pl2.row("2.2").shown] == ["PL2.part", "PL2.ratio.2"]
    assert pl2.row("2").shown == pl2.row("2.1").shown == ()
    assert pl2.row("2.2").shown[1].rows == ("2.", "2.1.", "2.2.")
    assert pl2.row("2.2").shown[1].where == "2., 2.1., 2.2."
    assert [f.rule for f in pl2.shown_findings()] == ["PL2.part", "PL2.ratio.2"]
    assert [f.rule for f in table["PL7"].shown_findings()] == ["PL7.x"]
    assert table.findings[0].rows == ()  # PL3 is not carried: no row to name


def test_findings_of_other_templates_are_shown_there_too() -> None:
    @attrs.frozen
    class Across:
        rule: str = "PL8.cross"
        severity: str = "warning"
        template: str = "PL8"
        codes: tuple[str, ...] = ("6.4.1",)
        other_codes: tuple[str, ...] = ("PL4:3.3.1", "PL4:bad", "nocolon")

        def message(self, lang: str = "vi") -> str:  # noqa: ARG002  # the protocol's signature
            return "x"

    table = table_model(example(), [Across()])
    assert table["PL8"].row("6.4.1").findings[0] is table["PL4"].row("3.3.1").findings[0]
    assert len(table.all_findings()) == 1
    (shown,) = table["PL8"].row("6.4.1").shown  # shown once, in its own appendix
    assert shown.rows == ("PL4 3.3.1.", "6.4.1.")
    assert table["PL4"].shown_findings() == ()
    assert table["PL4"].row("3.3.1").severity == "warning"  # yet its row is marked
    pl4_only = table_model(
        Report(info=example().info, templates=[example().templates["PL4"]]), [Across()]
    )
    (moved,) = pl4_only["PL4"].shown_findings()  # its appendix is not carried: shown here
    assert moved.rows == ("3.3.1.",)


_PL2_CODES = tuple(edition().spec("PL2").codes)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["error", "warning", "info"]),
            st.sampled_from([None, "PL2", "PL7"]),
            st.lists(st.sampled_from(_PL2_CODES), max_size=4),
        ),
        max_size=6,
    )
)
def test_every_finding_is_shown_exactly_once(
    drawn: list[tuple[str, str | None, list[str]]],
) -> None:
    findings = [
        FakeFinding(
            f"r{n}", severity, template, tuple(codes) if template == "PL2" else (), f"finding-{n}."
        )
        for n, (severity, template, codes) in enumerate(drawn)
    ]
    report = Report(info=example().info, templates=[example().templates["PL2"]])
    table = table_model(report, findings)
    shown = [*table.findings, *(f for t in table for f in t.shown_findings())]
    assert sorted(f.rule for f in shown) == sorted(f.rule for f in findings)
    for once in shown:
        touched = [row.number for row in table["PL2"] if once in row.findings]
        assert list(once.rows) == touched
    for to in ("text", "markdown", "html"):
        rendered = str(render(table, to))
        for finding in findings:
            assert rendered.count(finding.message("vi")) == 1, (to, finding.rule)


def test_messages_in_the_language_asked() -> None:
    finding = FakeFinding("r", "info", "PL2", ("1",), "text")
    assert table_model(example(), [finding]).lang == "vi"
    assert table_model(example(), [finding])["PL2"].row("1").findings[0].message == "text (vi)"
    english = table_model(example(), [finding], lang="en")
    assert english["PL2"].row("1").findings[0].message == "text (en)"


def test_the_result_of_validate_is_accepted() -> None:
    report = example()
    result = cchc_model.validate(report)
    table = table_model(report, result)
    row = table["PL8"].row("2")
    assert row.severity == "error"
    assert [f.rule for f in row.findings] == ["PL8.domain.2"]
    assert "3" in row.findings[0].message
    assert len(table.all_findings()) == len(result.findings)


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        ("not findings", "a validation result or an iterable of findings"),
        ([object()], "findings with rule, severity, template, codes and message"),
        ([FakeFinding("r", "fatal", "PL2", ())], "severity is 'error', 'warning' or 'info'"),
        ([FakeFinding("r", "error", "PL2", ("x.y",))], "codes are indicator codes"),
    ],
)
def test_bad_findings_are_refused(findings: object, expected: str) -> None:
    with pytest.raises(ValueTypeError, match=expected):
        table_model(example(), findings)  # type: ignore[arg-type]


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueTypeError, match="expected a Report"):
        table_model("report")  # type: ignore[arg-type]
    with pytest.raises(ValueTypeError, match="'vi' or 'en'"):
        table_model(example(), lang="fr")  # type: ignore[arg-type]


def test_the_model_is_immutable() -> None:
    table = table_model(example())
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        table.templates = ()  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        table["PL2"].rows[0].text = "x"  # type: ignore[misc]


# --- what every renderer shows the same way -------------------------------------------


def test_cells_hold_the_runs_of_the_form() -> None:
    table = table_model(example())
    hinted = table["PL8"].row("5.2")
    title = hinted.cells[1]
    assert [run.text for run in title][1:] == [" (", hinted.hint, ")"]
    assert [run.italic for run in title] == [False, False, True, False]
    assert hinted.full_title == f"{hinted.title} ({hinted.hint})"
    coded = table["PL2"].row("7")
    assert coded.cells[3] == (Run("1 (Có)", bold=True),)
    assert coded.value_text == "1 (Có)"
    assert table["PL8"].row("2").value_text == "3"  # outside its list: no label
    sub = table["PL4"].row("3.3.1")
    assert sub.cells[1] == (Run(sub.title, italic=True),)
    assert sub.cells[2] == (Run("Hồ sơ", italic=True),)
    assert sub.cells[3] == (Run("276"),)
    noted = table_model(example().with_templates(Direction(notes={"5": "x"})))["PL2"].row("5")
    assert noted.cells[4] == (Run(str(noted.template_note), bold=True), Run("\nx"))
    assert noted.note_text == f"{noted.template_note}\nx"
    assert table["PL2"].row("3.1").cells[3] == ()  # blank: no run


def test_one_severity_vocabulary() -> None:
    for severity in SEVERITIES:
        for lang in ("vi", "en"):
            word = severity_label(severity, lang)
            assert word.lower() == cchc_model.Severity(severity).label(lang).lower()
            assert word[0].isupper()


def test_every_renderer_shows_the_facts_of_the_table() -> None:
    hint = edition().indicator("PL8", "5.2").hint
    assert hint is not None
    for to in ("text", "markdown", "html", "csv"):
        shown = " ".join(str(render(example(), to)).split())
        assert "(Chỉ thống kê tỷ lệ văn bản" in shown.replace("*", "").replace("<i>", ""), to
    for to in ("text", "markdown", "html"):
        assert "2 (Kết hợp)" in str(render(example(), to)), to
    finding = FakeFinding("PL2.x", "info", "PL2", ("7.1",))
    for to in ("text", "markdown", "html"):
        shown = str(render(example(), to, findings=[finding]))
        assert severity_label("info") in shown, to
        assert "Thông tin" not in shown.replace("Thông tin báo cáo", ""), to
    page = render(example(), "html", findings=[finding])
    assert f"#{SEVERITY_COLOURS['info'].fill.lower()}" in page


@given(st.text(st.characters(max_codepoint=0xA0, exclude_categories=["Cs"]), max_size=30))
def test_no_control_character_reaches_a_document_for_people(note: str) -> None:
    report = Report(info=example().info, templates=[Direction(notes={"1": note, "2": "=x"})])
    for to in ("text", "markdown", "html"):
        shown = render(report, to)
        assert CONTROL_CHARACTERS.search(shown) is None, to
    assert printable(note) == printable(printable(note))
    assert len(printable(note.replace("\r\n", "\n"))) == len(note.replace("\r\n", "\n"))


@given(st.text(max_size=20))
def test_neutralise_is_undone_by_restore(text: str) -> None:
    safe = neutralise(text)
    assert restore(safe) == text
    assert not safe.startswith(FORMULA_TRIGGERS[:-1])


def test_word_and_excel_show_each_finding_once_with_its_rows() -> None:
    across = FakeFinding("PL2.ratio.2", "warning", "PL2", ("2", "2.1", "2.2"), "once-only")
    document = docx_extract(render(example(), "docx", findings=[across]))
    assert document.count("once-only (vi)") == 1
    assert "PL2.ratio.2 (2., 2.1., 2.2.): once-only (vi)" in document
    workbook = xlsx_extract(render(example(), "xlsx", findings=[across]))
    assert workbook.count("once-only (vi)") == 1
    assert "'2., 2.1., 2.2.'" in workbook
    assert "D30 n '0\" (Có)\"'" in xlsx_extract(render(example(), "xlsx"))  # code and label


def test_the_tasks_note_is_shown_where_it_applies() -> None:
    # PL2 5 and 6: "do UBND huyện chuyển xử lý …" is about what a district passes to its
    # communes; a province's tasks, and a commune's after 1 July 2025, are not
    import attrs  # noqa: PLC0415

    from cchc_model import AdminLevel, Period, example, table_model  # noqa: PLC0415

    def note(**info: Any) -> str | None:  # ReportInfo fields
        report = attrs.evolve(example(), info=attrs.evolve(example().info, **info))
        (row,) = [r for r in table_model(report)["PL2"].rows if r.number == "5."]
        return row.template_note

    assert note() == "do UBND huyện chuyển xử lý theo lĩnh vực của đơn vị được giao về CCHC"
    assert note(level=AdminLevel.PROVINCE, agency="UBND tỉnh Thừa Thiên Huế") is None
    assert note(period=Period.H2, year=2025) is None
