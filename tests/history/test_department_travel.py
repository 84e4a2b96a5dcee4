"""The department's tables travel: ticks, plan lines, a profile and a course made on one
database arrive on another through the shared file and through JSON; a tick changed on
both sides is a conflict, shown and settled by --prefer."""

import pytest

from skillmatrix.demo.generated import SEED_VETERAN_ID, seed_staff
from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.department import Course, PlanItem, TargetProfile
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.repository import Store
from tests.exchange.shared_support import sm

TEXT = None  # the statement ticked: the first of セキュリティ


def statement(store, text=None):
    sec = next(c.id for c in store.categories() if c.name == "セキュリティ")
    found = [s for s in DepartmentStore(store).can_do() if s.category_id == sec]
    return next(s for s in found if text is None or s.text == text)


def tick_of(store, text):
    s = statement(store, text)
    return DepartmentStore(store).ticks(SEED_VETERAN_ID).get(SEED_VETERAN_ID, {}).get(s.id, "absent")


@pytest.fixture
def chief(tmp_path):
    """Database A: the seed's two people and the department's own changes."""
    path = tmp_path / "a.sqlite"
    with Store.create(path) as s:
        s.add_many(seed_staff(s.categories()), "demo")
        d = DepartmentStore(s)
        st = statement(s)
        d.set_tick(SEED_VETERAN_ID, st.id, True, PartialDate(2026, 5))
        net = next(c.id for c in s.categories() if c.name == "ネットワーク")
        d.save_course(Course(name="新人向けネットワーク研修", provider="庁内", category_id=net, level=1))
        course = next(c for c in d.courses() if c.name == "新人向けネットワーク研修")
        d.save_plan(2027, [PlanItem(staff_id=SEED_VETERAN_ID, title=course.name, course_id=course.id)])
        d.save_profile(
            TargetProfile("ネットワーク担当", {net: 4}, titles=["技師"], can_do=[st.id], position=9)
        )
    return path, st.text


def check_arrived(path, text):
    with Store.open(path, readonly=True) as s:
        d = DepartmentStore(s)
        assert tick_of(s, text) == PartialDate(2026, 5)
        course = next(c for c in d.courses() if c.name == "新人向けネットワーク研修")
        assert course.level == 1 and course.provider == "庁内"
        (line,) = d.plan(2027)
        assert line.staff_id == SEED_VETERAN_ID and line.course_id == course.id
        profile = next(p for p in d.profiles() if p.name == "ネットワーク担当")
        net = next(c.id for c in s.categories() if c.name == "ネットワーク")
        assert profile.targets == {net: 4} and profile.titles == ["技師"]
        assert profile.can_do == [statement(s, text).id]  # this file's own statement id


def test_through_the_shared_file(chief, tmp_path):
    a, text = chief
    b = tmp_path / "b.sqlite"
    Store.create(b).close()  # seeded apart: its statements and courses have other ids
    shared = tmp_path / "shared.sqlite"
    sm("export", "--db", a, "--out", shared, check=0)
    dry = sm("import", "--db", b, shared, "--dry-run", check=0)
    assert "部門: できること 追加 1・更新 0・競合 0、研修計画 追加 1" in dry.out
    assert "求める人材像 追加 1" in dry.out and "研修カタログ 追加 1" in dry.out
    with Store.open(b, readonly=True) as s:
        assert DepartmentStore(s).plan(2027) == []  # --dry-run changed nothing
    sm("import", "--db", b, shared, check=0)
    check_arrived(b, text)
    again = sm("import", "--db", b, shared, check=0)
    assert "変更はありません" in again.out


def test_through_json(chief, tmp_path):
    a, text = chief
    c = tmp_path / "c.sqlite"
    Store.create(c).close()
    dump = tmp_path / "a.json"
    sm("dump", "--db", a, "--out", dump, check=0)
    assert '"department"' in dump.read_text(encoding="utf-8")
    p = sm("import", "--db", c, dump, check=0)
    assert "できること 追加 1" in p.out
    check_arrived(c, text)


def test_a_tick_changed_on_both_sides_is_a_conflict(chief, tmp_path):
    a, text = chief
    b = tmp_path / "b.sqlite"
    Store.create(b).close()
    shared = tmp_path / "s1.sqlite"
    sm("export", "--db", a, "--out", shared, check=0)
    sm("import", "--db", b, shared, check=0)
    for path, day in ((a, PartialDate(2026, 7)), (b, PartialDate(2026, 9))):
        with Store.open(path) as s:
            DepartmentStore(s).set_tick(SEED_VETERAN_ID, statement(s, text).id, True, day)
    # B also edits a course A has not touched since: B is ahead there, no conflict.
    with Store.open(b) as s:
        d = DepartmentStore(s)
        course = next(c for c in d.courses() if c.name == "新人向けネットワーク研修")
        course.note = "Bで追記"
        d.save_course(course)
    shared2 = tmp_path / "s2.sqlite"
    sm("export", "--db", a, "--out", shared2, check=0)
    p = sm("import", "--db", b, shared2, check=1)
    assert "できること 追加 0・更新 0・競合 1" in p.out and "研修カタログ 追加 0・更新 0・競合 0" in p.out
    assert f"競合（できること）: 湘南 太郎「{text}」　こちら '2026-09' ／ ファイル '2026-07'" in p.out
    assert "--prefer" in p.err
    with Store.open(b, readonly=True) as s:
        assert tick_of(s, text) == PartialDate(2026, 9)
    sm("import", "--db", b, shared2, "--prefer", "theirs", check=0)
    with Store.open(b, readonly=True) as s:
        assert tick_of(s, text) == PartialDate(2026, 7)
        assert (
            next(c for c in DepartmentStore(s).courses() if c.name == "新人向けネットワーク研修").note
            == "Bで追記"
        )
    # Now B has seen A's version: a later import of the same file changes nothing.
    assert "変更はありません" in sm("import", "--db", b, shared2, check=0).out


def test_keeping_mine_is_remembered(chief, tmp_path):
    a, text = chief
    b = tmp_path / "b.sqlite"
    Store.create(b).close()
    shared = tmp_path / "s1.sqlite"
    sm("export", "--db", a, "--out", shared, check=0)
    sm("import", "--db", b, shared, check=0)
    for path, day in ((a, PartialDate(2026, 7)), (b, PartialDate(2026, 9))):
        with Store.open(path) as s:
            DepartmentStore(s).set_tick(SEED_VETERAN_ID, statement(s, text).id, True, day)
    shared2 = tmp_path / "s2.sqlite"
    sm("export", "--db", a, "--out", shared2, check=0)
    sm("import", "--db", b, shared2, "--prefer", "mine", check=0)
    with Store.open(b, readonly=True) as s:
        assert tick_of(s, text) == PartialDate(2026, 9)
    # The file's version is known now: not asked about again.
    assert "できること 追加 0・更新 0・競合 0" in sm("import", "--db", b, shared2, check=0).out


def test_the_window_import_shows_and_takes_the_department_rows(qtbot, chief, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog, QLabel

    from skillmatrix.app import create_window
    from tests.ui.file_support import Answers

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "userdata"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "userdata"))
    a, text = chief
    b = tmp_path / "b.sqlite"
    Store.create(b).close()
    shared = tmp_path / "shared.sqlite"
    sm("export", "--db", a, "--out", shared, check=0)
    answers = Answers(monkeypatch)
    window = create_window(b)
    qtbot.addWidget(window)
    window.show()
    answers.files.append(shared)
    window.action("actionImport").trigger()
    dialog = [d for d in window.findChildren(QDialog, "importDialog") if d.isVisible()][-1]
    qtbot.waitUntil(lambda: dialog.state != "checking", timeout=20000)
    summary = dialog.findChild(QLabel, "importSummary").text()
    assert "部門: できること 追加 1・更新 0・競合 0、研修計画 追加 1" in summary
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.state == "done", timeout=20000)
    qtbot.waitUntil(lambda: not window.file_guard.workers.running, timeout=20000)
    window.close()
    check_arrived(b, text)
