"""Every error the app knows reaches the user as its own sentence, never as "something unexpected"."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import alliance_app
from alliance_app.demo import DemoRefused
from alliance_app.models import AllianceError, Problem, ValidationError
from alliance_app.services import PermissionRefused, RecordNotFound
from alliance_app.sync.errors import SyncError
from alliance_app.ui.error_dialog import explain

UNEXPECTED = "did not expect"  # the English source; the zh window shows its translation


# Exceptions of ours that are signals between our own functions, never shown to anyone.
SIGNALS = {
    "alliance_app.reports.layout.ReportCancelled",
    "alliance_app.server.sync_service._RunAgain",  # a push redone a savepoint per mutation
    "alliance_app.server.db.CounterPastProvisional",  # a push redone with its revisions taken under the lock
}


def _exception_classes() -> list[type[BaseException]]:
    """Every exception class defined anywhere in the package (the window's modules too)."""
    found = []
    for info in pkgutil.walk_packages(alliance_app.__path__, "alliance_app."):
        if ".migrations" in info.name or info.name.endswith(".__main__"):  # __main__ runs the command line
            continue
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseException) and cls.__module__ == info.name:
                found.append(cls)
    return found


def _subclasses(cls: type[AllianceError]) -> set[type[AllianceError]]:
    return {cls} | {sub for direct in cls.__subclasses__() for sub in _subclasses(direct)}


def test_every_error_of_the_app_derives_from_the_one_base():
    stray = [
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in _exception_classes()
        if not issubclass(cls, AllianceError) and f"{cls.__module__}.{cls.__qualname__}" not in SIGNALS
    ]
    assert stray == []


def test_no_error_class_says_its_sentence_its_own_way():
    errors = _subclasses(AllianceError)
    assert all(cls.message is AllianceError.message for cls in errors), [
        cls.__name__ for cls in errors if cls.message is not AllianceError.message
    ]


def test_every_error_class_is_shown_by_the_one_dialog_with_its_own_sentence(qapp):
    _exception_classes()  # imports every module, so every subclass is known
    errors = _subclasses(AllianceError)
    names = {cls.__name__ for cls in errors}
    assert names >= {"StoreError", "SyncError", "ValidationError", "PermissionRefused", "RecordNotFound",
                     "TransferError", "ReportError", "DemoRefused", "UserError", "Unreadable"}  # fmt: skip
    for cls in errors:
        error = cls.__new__(cls)  # each class's own constructor takes its own arguments; the sentence is the base's
        AllianceError.__init__(error, f"{cls.__name__} 的中文句子", f"{cls.__name__}'s English sentence")
        assert explain(error, "zh") == (f"{cls.__name__} 的中文句子", f"{cls.__name__}'s English sentence"), cls
        assert explain(error, "en") == (f"{cls.__name__}'s English sentence", f"{cls.__name__} 的中文句子"), cls


def test_real_refusals_reach_the_dialog_as_built(qapp):
    problem = Problem("end_date", "date_order", "结束日期早于开始日期", "The end date is before the start date")
    refusals = [
        (ValidationError([problem, Problem(None, "x", "第二个问题", "A second problem")]),
         "结束日期早于开始日期；第二个问题", "The end date is before the start date; A second problem"),
        (PermissionRefused(problem), "结束日期早于开始日期", "The end date is before the start date"),
        (RecordNotFound("project", "p1"), "找不到编号为 p1 的项目", "No project with id p1"),
        (DemoRefused(3), DemoRefused(3).zh, DemoRefused(3).en),
    ]  # fmt: skip
    for error, zh, en in refusals:
        assert explain(error, "zh") == (zh, en)
        assert explain(error, "en") == (en, zh)


def test_a_failed_conflict_resolve_says_its_own_sentence(qapp):
    error = SyncError("unknown_conflict", "没有编号为 c1 的未处理冲突", "No open conflict with id c1")
    assert explain(error, "zh")[0] == "没有编号为 c1 的未处理冲突"
    assert explain(error, "en")[0] == "No open conflict with id c1"


def test_an_export_to_a_file_open_in_excel_says_so(qapp, tmp_path):
    target = tmp_path / "项目.xlsx"
    sentence, _details = explain(PermissionError(13, "Permission denied", str(target)), "zh")
    assert str(target) in sentence and "Excel" in sentence and UNEXPECTED not in sentence


def test_a_bug_is_still_called_unexpected(qapp):
    sentence, details = explain(KeyError("x"), "zh")
    assert UNEXPECTED in sentence and "KeyError" in details
