"""Languages: every visible string is translated, the catalogues are complete and compiled, switching works,
Chinese is the default on a Chinese system, and the bundled font renders Chinese on a machine without one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QLineEdit, QMenu, QTabWidget, QWidget

from alliance_app.resources import resource_path
from alliance_app.settings import load_settings
from alliance_app.ui.settings_dialog import SettingsDialog

ROOT = Path(__file__).resolve().parents[2]
TS = resource_path("translations", "alliance_zh_CN.ts")
# Words that stay as they are in the Chinese window: keys, formats, protocols, and the name of English itself.
KEPT_WORDS = {"ctrl", "del", "enter", "alt", "pdf", "ca", "https", "http", "www", "example", "alliance", "cn",
              "english", "pem", "crt", "cer", "gpu", "excel", "csv", "opendocument", "xlsx", "xls", "ods",
              "utf"}  # fmt: skip


def sources() -> set[str]:
    return {m.findtext("source") or "" for m in ET.parse(TS).iter("message")}


def visible_texts(root: QWidget) -> list[str]:
    """What the user can read on the window and its open dialogs: labels, buttons, placeholders, tooltips,
    tabs, menus and window titles (record values in tables are data, not the window's words)."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.objectName() == "recordValue":
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
            texts += [widget.tabToolTip(i) for i in range(widget.count())]
        if isinstance(widget, QMenu):
            texts += [a.text() for a in widget.actions()] + [a.toolTip() for a in widget.actions()]
        if widget.isWindow():
            texts.append(widget.windowTitle())
        texts.append(widget.toolTip())
    return [t for t in texts if t]


def english_words(text: str) -> set[str]:
    text = re.sub(r"<[^>]+>", " ", text)  # rich-text tags
    text = re.sub(r"\S*[/\\]\S*", " ", text)  # file paths and addresses
    return {w for w in re.findall(r"[A-Za-z]{2,}", text) if w.casefold() not in KEPT_WORDS}


def open_everything(desk_app, ids) -> list[QWidget]:
    window = desk_app.window
    for key in window.page_keys:
        window.show_page(key)
    opened: list[QWidget] = [window]
    opened.append(window.pages["members"].open_record(ids["xiaomi"]))
    for key, record in (("projects", "p_home"), ("resources", "o_gpu"), ("labs", "lab"), ("events", "event")):
        page = window.pages[key]
        page.table.select_id(ids[record])
        opened.append(page.open_record(ids[record]))
        opened.append(page.new_record())
    opened.append(window.open_settings())
    opened.append(window.open_login())
    opened.append(window.pages["members"].import_records())  # the import wizard's first step
    return opened


def test_every_visible_string_of_the_chinese_window_is_translated(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder, lang="zh")
    catalogue = sources()
    untranslated = set()
    for root in open_everything(desk_app, ids):
        for text in visible_texts(root):
            if text in catalogue or english_words(text):
                untranslated.add(text)
    assert not untranslated, f"shown in English in the Chinese window: {sorted(untranslated)}"


def test_the_english_window_shows_no_chinese_of_its_own(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder, lang="en")
    stray = set()
    for root in open_everything(desk_app, ids):
        if isinstance(root, QDialog) and root.objectName().startswith(("recordDialog", "memberDetail")):
            continue  # record titles and values are the alliance's own (Chinese) data
        for text in visible_texts(root):
            own_words = re.sub(r"“[^”]*”| — .*$", "", text)  # quoted record names, record titles after a dash
            if re.search(r"[\u4e00-\u9fff]", own_words) and text not in ("中文",):
                stray.add(text)
    assert not stray, f"Chinese in the English window: {sorted(stray)}"


def test_the_catalogues_cover_every_string_in_the_code_and_are_compiled(tmp_path):
    fresh = tmp_path / "fresh.ts"
    files = sorted(str(p) for p in (ROOT / "alliance_app" / "ui").rglob("*.py"))
    subprocess.run(["pyside6-lupdate", *files, "-ts", str(fresh), "-no-obsolete"], check=True, capture_output=True)
    in_code = {m.findtext("source") for m in ET.parse(fresh).iter("message")}
    shipped = ET.parse(TS)
    missing = in_code - sources()
    unfinished = [m.findtext("source") for m in shipped.iter("message") if m.find("translation").get("type")]
    assert not missing, f"strings not in alliance_zh_CN.ts (run pyside6-lupdate): {sorted(missing)}"
    assert not unfinished, f"strings without a Chinese translation: {unfinished}"
    for name in ("alliance_zh_CN", "alliance_en"):
        compiled = tmp_path / f"{name}.qm"
        source = resource_path("translations", f"{name}.ts")
        subprocess.run(["pyside6-lrelease", str(source), "-qm", str(compiled)], check=True, capture_output=True)
        shipped_qm = resource_path("translations", f"{name}.qm")
        assert compiled.read_bytes() == shipped_qm.read_bytes(), f"{name}.qm is stale: run pyside6-lrelease"


def test_choosing_english_in_settings_rebuilds_the_window_in_english(open_window, small_alliance):
    folder, _ids = small_alliance
    desk_app = open_window(folder, lang="zh")
    assert desk_app.window.page_names()[0] == "总览"
    dialog = desk_app.window.open_settings()
    assert isinstance(dialog, SettingsDialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.save()
    assert desk_app.window.page_names()[0] == "Dashboard"
    assert desk_app.window.pages[desk_app.window.current_key()].isVisible()
    assert load_settings(folder).language == "en"


def _run(code: str, **env: str) -> str:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", **env}
    done = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_chinese_is_the_default_where_the_system_locale_is_chinese():
    code = "from alliance_app.ui.language import resolve_language as r; print(r('auto', None), r('en', 'zh'))"
    assert _run(code, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8") == "zh en"
    assert _run(code, LANG="en_US.UTF-8", LC_ALL="en_US.UTF-8") == "en en"


def test_the_bundled_font_renders_chinese_on_a_machine_without_cjk_fonts(tmp_path):
    (tmp_path / "fonts.conf").write_text(  # a fontconfig that knows no system fonts at all
        f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path}/cache</cachedir></fontconfig>', encoding="utf-8"
    )
    code = (
        "from PySide6.QtWidgets import QApplication\nfrom PySide6.QtGui import QFontMetrics\n"
        "app = QApplication([])\nfrom alliance_app.ui.fonts import register_ui_fonts\n"
        "family = register_ui_fonts(app)\nmetrics = QFontMetrics(app.font())\n"
        "print(family, all(metrics.inFontUcs4(ord(c)) for c in '湖北省人工智能产业创新联盟，协作台（演示数据）'))"
    )
    assert _run(code, FONTCONFIG_FILE=str(tmp_path / "fonts.conf")) == "Alliance Sans CJK SC True"


def test_every_character_the_window_writes_is_in_the_bundled_font():
    from alliance_app.fonts import missing_characters

    texts = [" ".join(m.itertext()) for f in ("alliance_zh_CN", "alliance_en")
             for m in ET.parse(resource_path("translations", f"{f}.ts")).iter("message")]  # fmt: skip
    for path in (ROOT / "alliance_app" / "ui").rglob("*.py"):
        texts += re.findall(r'"([^"\n]*)"', path.read_text(encoding="utf-8"))
    assert not missing_characters("\n".join(texts))


def test_the_file_dialog_is_chinese_in_the_chinese_window(open_window, small_alliance):
    from PySide6.QtWidgets import QFileDialog, QLabel

    folder, _ids = small_alliance
    window = open_window(folder, lang="zh").window
    dialog = QFileDialog(window)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels, labels
    assert not any("Look in" in text or "Files of" in text for text in labels)
    dialog.deleteLater()


def test_a_date_field_shows_a_pattern_not_a_date_that_looks_filled_in(open_window, small_alliance):
    folder, _ids = small_alliance
    dialog = open_window(folder, lang="zh").window.show_page("projects").new_record()
    assert dialog.editors["start_date"].line.placeholderText() == "年-月-日"
    dialog.reject()


def test_a_settings_file_from_a_newer_version_is_said_over_the_window_in_the_users_language(
    open_window, small_alliance
) -> None:
    import json

    from alliance_app.settings import SETTINGS_FILE, SETTINGS_VERSION

    folder, _ = small_alliance
    newer = {"settings_version": SETTINGS_VERSION + 1, "language": "en", "theme": "dark"}
    (folder / SETTINGS_FILE).write_text(json.dumps(newer), encoding="utf-8")
    desk_app = open_window(folder, lang=None)
    box = desk_app.tell_settings_notice()
    assert box is not None and box.isVisible()
    assert "written by a newer Alliance Desk" in box.text()
    assert desk_app.tell_settings_notice() is None  # said once
    box.close()
