"""An old .xls written by LibreOffice (soffice --convert-to xls) imported like the .xlsx."""

import shutil
import subprocess

import pytest

from skillmatrix.demo.seed import seed_staff
from skillmatrix.domain.defaults import load_defaults
from skillmatrix.exchange.excel.importing import read_workbook
from tests.fixtures import excel_books

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CATEGORIES = load_defaults().new_categories()


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: cannot write an .xls")
@pytest.mark.parametrize("layout", ["a", "b"])
def test_xls_converted_by_libreoffice_reads_like_the_xlsx(tmp_path, layout):
    seed = seed_staff(CATEGORIES)
    source = (
        excel_books.layout_a(tmp_path, seed, CATEGORIES)
        if layout == "a"
        else excel_books.layout_b(tmp_path, seed[1], CATEGORIES)
    )
    out = tmp_path / "xls"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "xls",
            "--outdir",
            out,
            source,
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = out / (source.stem + ".xls")
    assert converted.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # really BIFF in OLE
    from_xlsx, _ = read_workbook(source, CATEGORIES)
    from_xls, _ = read_workbook(converted, CATEGORIES)
    assert len(from_xls) == len(from_xlsx)
    for a, b in zip(from_xlsx, from_xls):
        x, y = a.read.staff, b.read.staff
        assert (y.name, y.title, y.section, y.experience_override) == (
            x.name,
            x.title,
            x.section,
            x.experience_override,
        )
        assert [(r.period, r.name, r.duties) for r in y.assignments] == [
            (r.period, r.name, r.duties) for r in x.assignments
        ]
        assert [(r.period, r.name) for r in y.projects] == [(r.period, r.name) for r in x.projects]
        assert sorted((e.level, e.category_id, e.text) for e in y.entries) == sorted(
            (e.level, e.category_id, e.text) for e in x.entries
        )
        assert b.read.not_understood == []
