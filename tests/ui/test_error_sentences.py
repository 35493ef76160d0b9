"""Every error the app knows reaches the user as its own sentence, never as "something unexpected"."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import alliance_app
from alliance_app.sync.errors import SyncError
from alliance_app.ui.error_dialog import explain

UNEXPECTED = "did not expect"  # the English source; the zh window shows its translation


def _error_classes_with_a_sentence() -> list[type[BaseException]]:
    found = []
    for info in pkgutil.walk_packages(alliance_app.__path__, "alliance_app."):
        if (
            ".migrations" in info.name
            or info.name.endswith(".__main__")  # runs the command line when imported
            or info.name.startswith(("alliance_app.ui", "alliance_app.server.app"))
        ):
            continue
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, BaseException)
                and cls.__module__ == info.name
                and callable(getattr(cls, "message", None))
            ):
                found.append(cls)
    return found


def test_every_error_class_with_a_sentence_is_shown_by_it(qapp):
    classes = _error_classes_with_a_sentence()
    assert {c.__name__ for c in classes} >= {"StoreError", "SyncError", "ValidationError", "PermissionRefused"}
    for cls in classes:
        error = cls.__new__(cls)
        error.message = lambda lang, c=cls: f"{c.__name__} in {lang}"  # type: ignore[method-assign]
        sentence, details = explain(error, "zh")
        assert sentence == f"{cls.__name__} in zh" and details == f"{cls.__name__} in en", cls


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
