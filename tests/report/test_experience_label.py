"""経験年数 as the office writes it (「20年以上」): through model, store, JSON, shared file and
the printed résumé, while the number keeps sorting the list."""

import json

import pytest

from skillmatrix.domain.model import validate_staff
from skillmatrix.domain.serialize import staff_from_dict, staff_to_dict
from skillmatrix.store.repository import Store
from tests.report.conftest import ReadPdf, squash
from tests.report.test_cli_print import sm


@pytest.fixture
def labelled(tmp_path):
    db = tmp_path / "mine.sqlite"
    assert sm("demo", "--db", db).returncode == 0
    with Store.open(db) as store:
        veteran = next(s for s in store.iter_staff(store.staff_ids()) if s.name == "湘南 太郎")
        veteran.experience_label = "20年以上"
        store.save_staff(veteran)
    return db


def test_validation_caps_the_label_at_20_characters(seed, definitions):
    veteran = seed[1]
    ids = {c.id for c in definitions[1]}
    veteran.experience_label = "約" + "1" * 19
    assert validate_staff(veteran, ids) == []
    veteran.experience_label = "約" + "1" * 20
    assert any("経験年数の表記" in p and "20文字" in p for p in validate_staff(veteran, ids))
    veteran.experience_label = "20年\n以上"
    assert validate_staff(veteran, ids)
    veteran.experience_label = ""


def test_the_store_keeps_the_label_and_the_list_keeps_the_number(labelled):
    with Store.open(labelled, readonly=True) as store:
        veteran = next(s for s in store.iter_staff(store.staff_ids()) if s.name == "湘南 太郎")
        assert veteran.experience_label == "20年以上"
        summary = next(s for s in store.staff_summaries() if s.name == "湘南 太郎")
        assert summary.experience_years == veteran.experience_years() and summary.experience_years > 20


def test_the_resume_prints_the_label_instead_of_the_number(labelled, tmp_path):
    out = tmp_path / "veteran.pdf"
    assert sm("print", "--db", labelled, "--staff", "湘南太郎", "--out", out).returncode == 0
    text = squash(ReadPdf(out).text)
    assert "経験年数20年以上" in text


def test_json_reads_and_writes_the_label_and_old_files_stay_valid(labelled, tmp_path, definitions):
    dumped = tmp_path / "dump.json"
    assert sm("dump", "--db", labelled, "--out", dumped).returncode == 0
    people = {p["name"]: p for p in json.loads(dumped.read_text(encoding="utf-8"))["staff"]}
    assert people["湘南 太郎"]["experience_label"] == "20年以上"
    assert "experience_label" not in people["藤沢 花子"]  # optional: written only when set
    # Into a fresh database through import, and back.
    fresh = tmp_path / "fresh.sqlite"
    Store.create(fresh).close()
    p = sm("import", "--db", fresh, dumped)
    assert p.returncode == 0, p.err
    with Store.open(fresh, readonly=True) as store:
        labels = {s.name: s.experience_label for s in store.iter_staff(store.staff_ids())}
    assert labels == {"湘南 太郎": "20年以上", "藤沢 花子": ""}
    # A file without the field (an older one) reads as no label; a wrong type is named.
    categories = {c.name: c.id for c in definitions[1]}
    old = {k: v for k, v in people["湘南 太郎"].items() if k != "experience_label"}
    problems = []
    assert staff_from_dict(old, categories, 1, problems).experience_label == "" and problems == []
    staff_from_dict({**old, "experience_label": 20}, categories, 1, problems)
    assert problems and "experience_label" in problems[0]
    names = {v: k for k, v in categories.items()}
    person = staff_from_dict(people["湘南 太郎"], categories, 1, [])
    assert staff_to_dict(person, names)["experience_label"] == "20年以上"


def test_the_shared_file_carries_the_label(labelled, tmp_path):
    shared = tmp_path / "shared.sqlite"
    assert sm("export", "--db", labelled, "--out", shared).returncode == 0
    other = tmp_path / "other.sqlite"
    Store.create(other).close()
    p = sm("import", "--db", other, shared)
    assert p.returncode == 0, p.err
    with Store.open(other, readonly=True) as store:
        labels = {s.name: s.experience_label for s in store.iter_staff(store.staff_ids())}
    assert labels["湘南 太郎"] == "20年以上"
