"""Operations: work runs off the main thread and returns on it, writes are broadcast once, failures are explained."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QMessageBox, QWidget

from alliance_app.services import ChangeSet
from alliance_app.ui.runner import ThreadPoolRunner


def test_the_thread_pool_runs_work_off_the_main_thread_and_answers_on_it(open_window, small_alliance, qtbot):
    folder, _ids = small_alliance
    desk_app = open_window(folder)
    runner = ThreadPoolRunner()
    desk_app.workspace.runner = runner
    seen: dict[str, object] = {}

    def work(desk):
        seen["worker"] = threading.current_thread()
        return desk.count("member")

    def done(count):
        seen["answer"] = threading.current_thread()
        seen["count"] = count

    desk_app.workspace.read(None, work).success(done).run()
    qtbot.waitUntil(lambda: "count" in seen, timeout=60_000)
    runner.wait()
    assert seen["count"] == 4
    assert seen["worker"] is not threading.main_thread()
    assert seen["answer"] is threading.main_thread()


def test_a_write_is_broadcast_once_before_its_success_callback(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    order: list[str] = []
    broadcasts: list[ChangeSet] = []
    desk_app.workspace.hub.changed.connect(lambda changes: (broadcasts.append(changes), order.append("broadcast")))
    desk_app.workspace.write(None, lambda desk: desk.update("member", ids["dfm"], {"city": "十堰市"})).success(
        lambda _c: order.append("success")
    ).run()
    assert order == ["broadcast", "success"]
    assert broadcasts[0].ids("member") == {ids["dfm"]}


def test_a_refused_write_shows_one_sentence_with_details_behind_a_button(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    parent = QWidget(desk_app.window)
    desk_app.workspace.write(parent, lambda desk: desk.delete("member", ids["xiaomi"])).run()
    box = parent.findChild(QMessageBox, "errorDialog")
    assert "还有记录引用它" in box.text()
    assert "Other records still refer to it" in box.detailedText()


def test_a_bug_shows_a_calm_sentence_and_the_traceback_as_details(open_window, small_alliance):
    folder, _ids = small_alliance
    desk_app = open_window(folder)
    parent = QWidget(desk_app.window)

    def broken(desk):
        raise KeyError("no such thing")

    desk_app.workspace.read(parent, broken).run()
    box = parent.findChild(QMessageBox, "errorDialog")
    assert "Traceback" not in box.text()
    assert "KeyError" in box.detailedText() and "broken" in box.detailedText()


def test_store_writes_run_one_after_another_and_reads_run_beside_them(open_window, small_alliance, qtbot):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    runner = ThreadPoolRunner()
    desk_app.workspace.runner = runner
    events: list[str] = []
    second_started, read_ran = threading.Event(), threading.Event()

    def first(desk):
        with desk.store.write() as session:  # holds SQLite's write lock, as an import does for seconds
            events.append("first begins")
            read_ran.wait(10)  # a read is not queued behind the writer
            second_started.wait(2)  # set at once if the second write were let run beside this one
            desk.store.set_meta(session, "probe", 1)
            events.append("first ends")
        return ChangeSet()

    def second(desk):
        second_started.set()
        events.append("second begins")
        return desk.update("member", ids["dfm"], {"city": "十堰市"})

    def read(desk):
        events.append("read")
        read_ran.set()
        return desk.count("member")

    finished: list[str] = []
    desk_app.workspace.write(None, first).success(lambda _c: finished.append("first")).run()
    desk_app.workspace.write(None, second).success(lambda _c: finished.append("second")).run()
    desk_app.workspace.read(None, read).success(lambda _n: finished.append("read")).run()
    qtbot.waitUntil(lambda: len(finished) == 3, timeout=30_000)
    runner.wait()
    assert events.index("read") < events.index("first ends")
    assert events.index("first ends") < events.index("second begins")
    assert desk_app.desk.get("member", ids["dfm"])["city"] == "十堰市"


def test_the_delete_operation_itself_offers_the_undo_after_the_broadcast(open_window, small_alliance):
    """Whoever starts a delete (the list, the form, a future page), the operation tells the hub what Undo restores."""
    from alliance_app.ui.record_operations import delete_record, update_record

    folder, ids = small_alliance
    desk_app = open_window(folder)
    hub = desk_app.workspace.hub
    order: list[str] = []
    offered = []
    hub.changed.connect(lambda _changes: order.append("broadcast"))
    hub.undoable.connect(lambda deleted: (offered.append(deleted), order.append("undoable")))
    update_record(desk_app.workspace, None, "lab_partnership", ids["lab"], {"papers": 13}).run()
    assert offered == [] and order == ["broadcast"]  # an edit offers no undo
    order.clear()
    delete_record(desk_app.workspace, None, "lab_partnership", ids["lab"], "联合实验室").success(
        lambda _c: order.append("success")
    ).run()
    assert order == ["broadcast", "undoable", "success"]
    assert [(d.kind, d.record_id, d.title) for d in offered] == [("lab_partnership", ids["lab"], "联合实验室")]
    assert hub.last_delete == offered[0]
    assert desk_app.window.undo_action.isEnabled()  # the window heard it from the hub, not from a form
    desk_app.window.undo_action.trigger()
    assert desk_app.desk.get("lab_partnership", ids["lab"]) is not None
    assert hub.last_delete is None and not desk_app.window.undo_action.isEnabled()


def test_a_refused_delete_offers_no_undo(open_window, small_alliance):
    from alliance_app.ui.record_operations import delete_record

    folder, ids = small_alliance
    desk_app = open_window(folder)
    offered = []
    desk_app.workspace.hub.undoable.connect(offered.append)
    refused: list[BaseException] = []
    delete_record(desk_app.workspace, None, "member", ids["xiaomi"], "小米").failure(refused.append).run()
    assert len(refused) == 1 and offered == [] and desk_app.workspace.hub.last_delete is None
