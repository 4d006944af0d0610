"""A synthetic national data set: 3,321 commune reports in 34 provinces, fixed seed.

Each report is a commune's report on the second half of 2025 (the 34 provinces and 3,321
communes exist from 1 July 2025; there were 63 provinces before) with all seven
appendices, the rows a commune is asked filled the way real reports fill them (the
reference report of commune Hương Sơn is the model: many rows blank, counts of the sizes
communes report), ratios and totals derived from their parts by ``cchc_model.derive``,
so that every report validates without error.

    python benchmarks/national.py            # prints a summary of the set
    python benchmarks/national.py OUT_DIR    # also writes one JSON file per report
"""

from __future__ import annotations

import random
import sys
from decimal import Decimal
from pathlib import Path

from cchc_model import (
    AdminLevel,
    CivilService,
    DigitalGovernment,
    Direction,
    Institutions,
    Organisation,
    Period,
    Procedures,
    PublicFinance,
    Report,
    ReportInfo,
    derive,
    dump,
)

SEED = 2025
COMMUNES = 3321
PROVINCES = (
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh",
    "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên",
    "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng",
    "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Thành phố Hồ Chí Minh",
    "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip


def _maybe(rng: random.Random, value: int, blank: float) -> int | None:
    """``value``, or a blank cell with probability ``blank``."""
    return None if rng.random() < blank else value


def _part(rng: random.Random, whole: int | None) -> int | None:
    return None if whole is None else rng.randint(max(0, whole - max(1, whole // 5)), whole)


def _commune(rng: random.Random, province: str, index: int) -> Report:
    tasks = rng.randint(10, 30)
    issues = _maybe(rng, rng.randint(0, 6), 0.6)
    assigned = rng.randint(0, 4)
    on_time = rng.randint(0, assigned)
    gov = rng.randint(0, 2)
    survey = rng.random() < 0.8
    pl2 = Direction(
        directive_documents=rng.randint(0, 30),
        plan_tasks=tasks,
        plan_tasks_completed=rng.randint(tasks // 2, tasks),
        inspection_issues_found=issues,
        inspection_issues_resolved=_part(rng, issues),
        province_tasks=assigned,
        province_tasks_on_time=on_time,
        province_tasks_late=assigned - on_time,
        province_tasks_overdue=0,
        government_tasks=gov,
        government_tasks_on_time=gov,
        government_tasks_late=0,
        government_tasks_overdue=0,
        satisfaction_survey=1 if survey else 0,
        survey_forms=rng.randint(20, 400) if survey else None,
        survey_method=rng.randint(0, 2) if survey else None,
        leadership_dialogue=rng.randint(0, 1),
    )
    to_handle = _maybe(rng, rng.randint(0, 3), 0.7)
    pl3 = Institutions(
        commune_documents=rng.randint(0, 2),
        checked_to_handle=to_handle,
        checked_handled=_part(rng, to_handle),
    )
    procedures = rng.randint(120, 150)
    resolved = rng.randint(80, 1200)
    feedback = rng.randint(0, 4)
    pl4 = Procedures(
        simplification_approved=rng.randint(0, 3),
        newly_announced=rng.randint(0, 6),
        abolished_or_replaced=rng.randint(0, 6),
        commune_procedures=procedures,
        same_level_linked=rng.randint(0, 3),
        cross_level_linked=rng.randint(40, 100),
        location_independent=_maybe(rng, rng.randint(0, 30), 0.5),
        commune_resolved=resolved,
        commune_on_time=_part(rng, resolved),
        feedback_received=feedback,
        feedback_resolved=_part(rng, feedback),
    )
    quota = rng.randint(15, 25)
    pl5 = Organisation(
        staff_quota=quota,
        staff_present=rng.randint(quota - 3, quota),
        labour_contracts=rng.randint(0, 4),
        staff_downsized=rng.randint(0, 1),
    )
    pl6 = CivilService(
        agencies_with_positions=rng.randint(0, 1),
        civil_servants_recruited=_maybe(rng, rng.randint(0, 2), 0.5),
        leaders_by_exam=_maybe(rng, 0, 0.7),
    )
    planned = Decimal(rng.randint(500, 90_000)).scaleb(-rng.choice((0, 1, 2)))
    disbursed = (planned * Decimal(rng.randint(40, 100)) / 100).quantize(
        Decimal(1).scaleb(planned.as_tuple().exponent)  # type: ignore[arg-type]
    )
    pl7 = PublicFinance(investment_planned=planned, investment_disbursed=disbursed)
    l3 = rng.randint(60, 90)
    l4 = rng.randint(20, min(60, procedures - l3))  # online procedures are procedures
    l3_online, l4_online = _part(rng, l3), _part(rng, l4)
    assert l3_online is not None
    assert l4_online is not None
    l3_used, l4_used = rng.randint(1, min(10, l3_online)), rng.randint(0, min(5, l4_online))
    received = rng.randint(100, 1500)
    fees = rng.randint(10, 40)
    rate = Decimal(rng.randint(80, 100))
    pl8 = DigitalGovernment(
        architecture_updated=rng.randint(0, 1),
        meeting_system=rng.randint(0, 2),
        lgsp_platform=rng.randint(0, 2),
        communes_connected_rate=Decimal(100),
        e_documents_rate=rate,
        commune_e_documents_rate=rate,
        communes_one_stop_rate=Decimal(100),
        level3_eligible=l3,
        level3_online=l3_online,
        level3_with_dossiers=l3_used,
        level4_eligible=l4,
        level4_online=l4_online,
        level4_with_dossiers=l4_used,
        online_procedures=l3_online + l4_online,
        national_portal_procedures=_part(rng, l3_online + l4_online),
        received_dossiers=received,
        received_online=rng.randint(l3_used + l4_used, received),
        procedures_with_fees=fees,
        online_payment_procedures=_part(rng, fees),
    )
    info = ReportInfo(
        agency=f"UBND xã Số {index + 1}",
        level=AdminLevel.COMMUNE,
        period=Period.H2,
        year=2025,
        place=f"Xã Số {index + 1}",
        number=f"{rng.randint(1, 400)}/BC-UBND",
        unit_code=f"{index + 1:05d}",
        province=province,
    )
    return derive(Report(info=info, templates=[pl2, pl3, pl4, pl5, pl6, pl7, pl8]))


def generate(seed: int = SEED, communes: int = COMMUNES) -> list[Report]:
    """The national set: ``communes`` commune reports spread over the 34 provinces."""
    rng = random.Random(seed)
    weights = [rng.uniform(0.5, 1.5) for _ in PROVINCES]
    counts = [int(communes * w / sum(weights)) for w in weights]
    for i in range(communes - sum(counts)):
        counts[i % len(counts)] += 1
    reports: list[Report] = []
    for province, count in zip(PROVINCES, counts, strict=True):
        reports.extend(_commune(rng, province, len(reports)) for _ in range(count))
    return reports


def main(argv: list[str]) -> None:
    """Print a summary; with a folder argument, write the reports there as JSON."""
    reports = generate()
    cells = sum(len(t.filled()) for r in reports for t in r.templates.values())
    print(f"{len(reports)} commune reports, {len({r.info.province for r in reports})} provinces,")
    print(f"{cells} filled cells ({cells / len(reports):.0f} per report), seed {SEED}")
    if argv:
        out = Path(argv[0])
        out.mkdir(parents=True, exist_ok=True)
        for report in reports:
            dump(report, out / f"{report.info.unit_code}.json")
        print(f"written to {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
