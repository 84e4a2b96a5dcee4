"""Bad workbooks: one clear line each, nothing written (issue 15 item 4)."""

import pytest

from tests.exchange.excel.support import seed_db
from tests.exchange.shared_support import one_clear_line, rows_hash, sm
from tests.fixtures import bad_books


@pytest.mark.parametrize(
    "make, says",
    [
        (bad_books.million_rows, "シート「Sheet」の行が多すぎます"),
        (bad_books.zip_bomb, "展開すると異常に大きくなる"),
        (bad_books.encrypted, "暗号化"),
    ],
    ids=["million-rows", "zip-bomb", "encrypted"],
)
def test_refused_in_one_line_nothing_written(tmp_path, make, says):
    db = seed_db(tmp_path / "db.sqlite")
    book = make(tmp_path / "bad.xlsx")
    before = rows_hash(db)
    for extra in ((), ("--dry-run",)):
        p = sm("import", "--db", db, book, *extra, check=1)
        assert one_clear_line(p), p.err
        assert says in p.err
    assert rows_hash(db) == before


def test_an_encrypted_xls_and_a_fake_xls(tmp_path):
    db = seed_db(tmp_path / "db.sqlite")
    fake = tmp_path / "fake.xls"
    fake.write_text("not a workbook")
    p = sm("import", "--db", db, fake, check=1)
    assert one_clear_line(p) and ".xls" in p.err
