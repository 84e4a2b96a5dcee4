"""The radar chart section of the résumé: the veteran's polygon read back from the PDF."""

import math

import pdfplumber
import pytest

from skillmatrix.demo.generated import SEED_VETERAN_ID
from skillmatrix.report.options import DEFAULT_SECTIONS, SECTIONS, PrintOptions, parse_sections
from skillmatrix.report.resume import build_resume
from tests.report.conftest import PRINT_DAY

VETERAN = [None, 6, 5, 1, 6, 5, 6, 6]  # 行政職員一般 … ストラテジ, the categories' order


def chart_pdf(tmp_path, definitions, person, targets=None, sections=("chart",)):
    out = tmp_path / "chart.pdf"
    options = PrintOptions(
        sections=frozenset(sections), print_date=PRINT_DAY, targets={person.id: targets or {}}
    )
    build_resume(person, definitions[0], definitions[1], out, options)
    return out


def polygons(page):
    filled = [c for c in page.curves if c.get("fill") and len(c["pts"]) == 9]
    dashed = [c for c in page.curves if c.get("dash") and c["dash"][0] and len(c["pts"]) == 9]
    rings = [c for c in page.curves if not c.get("fill") and not (c.get("dash") and c["dash"][0])]
    return filled, dashed, rings


def levels_read_back(points, centre, radius):
    """Level and angle (degrees, 0 = right, counter-clockwise; y up) of each corner."""
    cx, cy = centre
    out = []
    for x, y in points[:-1]:  # closed path: the last point repeats the first
        dx, dy = x - cx, cy - y  # pdfplumber's y grows downward
        out.append((round(math.hypot(dx, dy) / radius * 7, 2), math.degrees(math.atan2(dy, dx)) % 360))
    return out


def test_veteran_polygon_in_the_pdf(tmp_path, definitions, seed):
    veteran = next(s for s in seed if s.id == SEED_VETERAN_ID)
    cats = definitions[1]
    targets = {cats[1].id: 4, cats[6].id: 5, cats[0].id: 3}
    with pdfplumber.open(chart_pdf(tmp_path, definitions, veteran, targets)) as pdf:
        (page,) = pdf.pages
        text = page.extract_text()
        filled, dashed, rings = polygons(page)
    assert "レベルのレーダーチャート" in text
    (values,) = filled
    outer = max(rings, key=lambda c: max(p[1] for p in c["pts"]) - min(p[1] for p in c["pts"]))
    top = min(outer["pts"], key=lambda p: p[1])
    centre = (top[0], sum(p[1] for p in outer["pts"][:-1]) / 8)
    radius = centre[1] - top[1]
    read = levels_read_back(values["pts"], centre, radius)
    assert [lv for lv, _ in read] == [v or 0 for v in VETERAN]
    # The axes: the first up, then clockwise every 45 degrees (the none at the centre has no angle).
    for i, (level, angle) in enumerate(read):
        if level:
            assert angle == pytest.approx((90 - 45 * i) % 360, abs=0.5)
    (target,) = dashed
    assert [lv for lv, _ in levels_read_back(target["pts"], centre, radius)] == [3, 4, 0, 0, 0, 0, 5, 0]
    # Labels in the categories' order with the value and target.
    flat = text.replace(" ", "")
    assert all(c.name in flat for c in cats)
    assert "ITスキル一般6/4" in text.replace(" ", "")
    assert "行政職員一般－/3" in text.replace(" ", "")


def test_chart_is_optional(tmp_path, definitions, seed):
    assert "chart" in SECTIONS and "chart" not in DEFAULT_SECTIONS
    assert "chart" not in PrintOptions().sections
    assert parse_sections(["レーダーチャート"]) == {"chart"}
    out = chart_pdf(tmp_path, definitions, seed[0], sections=("grid",))
    with pdfplumber.open(out) as pdf:
        assert all("レーダーチャート" not in (p.extract_text() or "") for p in pdf.pages)
