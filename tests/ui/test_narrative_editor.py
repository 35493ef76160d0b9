"""The Reports page's editor of the written sections, in the real window offscreen: the secretariat types, the page
preview follows (its PDF parsed back), saves, and finds the text again after reopening; the English preview marks
a missing translation; a liaison reads but cannot write; clearing a section removes it from the report."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from alliance_app.models import NarrativeSection, link_id
from alliance_app.reports.preview import PREVIEW_PAGE
from alliance_app.services.writes import RecordNotFound
from tests.ui.conftest import liaison_of


def _preview_text(editor) -> str:
    return "".join(PdfReader(editor.preview_path).pages[PREVIEW_PAGE].extract_text().split())


def _type_chinese(edit, text: str) -> None:
    """Chinese arrives as committed input-method text (QTest's key clicks are ASCII only), at the cursor."""
    edit.insertPlainText(text)


def _editor(desk_app):
    page = desk_app.window.show_page("reports")
    return page, page.narratives


def _choose(editor, section: NarrativeSection) -> None:
    editor.section.setCurrentIndex(editor.section.findData(section.value))


def test_typing_updates_the_page_preview_and_save_keeps_the_text_for_the_next_session(
    open_window, small_alliance, qtbot
) -> None:
    folder, _ids = small_alliance
    first = open_window(folder, lang="zh")
    page, editor = _editor(first)
    _choose(editor, NarrativeSection.FOREWORD)
    assert editor.state.text() == "尚未撰写：除非记录中有内容，报告将略去此部分。"
    assert "本部分尚无内容" in _preview_text(editor)  # the page says the report would leave it out
    _type_chinese(editor.text_zh, "各位成员单位：")
    qtbot.keyClick(editor.text_zh, Qt.Key.Key_Return)
    qtbot.keyClick(editor.text_zh, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.text_zh, "- ")
    _type_chinese(editor.text_zh, "建成示范工程")
    assert editor.state.text() == "有未保存的修改"
    qtbot.waitUntil(lambda: "建成示范工程" in _preview_text(editor), timeout=60_000)
    preview = _preview_text(editor)
    assert "秘书长致辞" in preview and "各位成员单位：" in preview and "•建成示范工程" in preview
    assert not editor.preview.pixmap().isNull()

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.state.text() == "已保存"
    year = editor.year
    record_id = link_id("narrative", {"year": year, "section": "foreword"})
    stored = page.workspace.desk.get("narrative", record_id)
    assert (stored["text_zh"], stored["text_en"]) == ("各位成员单位：\n\n- 建成示范工程", None)

    first.window.close()
    first.close()  # the next session opens the same data folder
    _page, reopened = _editor(open_window(folder, lang="en"))
    _choose(reopened, NarrativeSection.FOREWORD)
    assert reopened.text_zh.toPlainText() == "各位成员单位：\n\n- 建成示范工程"
    assert reopened.state.text() == "Saved" and not reopened.dirty


def test_the_english_preview_marks_a_missing_translation_until_one_is_typed(open_window, small_alliance, qtbot) -> None:
    folder, _ids = small_alliance
    _page, editor = _editor(open_window(folder, lang="en"))
    _choose(editor, NarrativeSection.PLAN)
    editor.preview_lang.setCurrentIndex(editor.preview_lang.findData("en"))
    _type_chinese(editor.text_zh, "明年举办三场对接会。")
    qtbot.waitUntil(lambda: "明年举办三场对接会" in _preview_text(editor), timeout=60_000)
    assert "Notyettranslated(暂无英文)" in _preview_text(editor)
    qtbot.keyClicks(editor.text_en, "Three matchmaking sessions next year.")
    qtbot.waitUntil(lambda: "Threematchmakingsessions" in _preview_text(editor), timeout=60_000)
    assert "暂无英文" not in _preview_text(editor) and "明年" not in _preview_text(editor)


def test_the_chronicle_preview_shows_the_years_events_with_the_typed_entries(
    open_window, small_alliance, qtbot
) -> None:
    folder, _ids = small_alliance
    _page, editor = _editor(open_window(folder, lang="zh"))
    events = editor.workspace.desk.page("event").rows
    in_year = [e for e in events if e["starts_on"].year == editor.year]
    _choose(editor, NarrativeSection.CHRONICLE)
    qtbot.keyClicks(editor.text_zh, f"- {editor.year}-02-03 ")
    _type_chinese(editor.text_zh, "秘书处发布工作要点")
    qtbot.waitUntil(lambda: "秘书处发布工作要点" in _preview_text(editor), timeout=60_000)
    for event in in_year:
        assert "".join(event["title"].split()) in _preview_text(editor)


def test_a_liaison_reads_the_sections_but_cannot_write_them(open_window, small_alliance) -> None:
    folder, ids = small_alliance
    member = next(iter(ids.values()))
    _page, editor = _editor(open_window(folder, lang="en", settings=liaison_of(member)))
    assert editor.text_zh.isReadOnly() and editor.text_en.isReadOnly()
    assert not editor.save_button.isEnabled()
    assert "Only the secretariat can write" in editor.save_button.toolTip()


def test_clearing_both_texts_and_saving_removes_the_section(open_window, small_alliance, qtbot) -> None:
    folder, _ids = small_alliance
    page, editor = _editor(open_window(folder, lang="en"))
    _choose(editor, NarrativeSection.PROBLEMS)
    editor.text_zh.setPlainText("- 数据填报不及时")
    editor.save()
    record_id = link_id("narrative", {"year": editor.year, "section": "problems"})
    assert page.workspace.desk.get("narrative", record_id)["text_zh"] == "- 数据填报不及时"
    editor.text_zh.setPlainText("")
    editor.save()
    with pytest.raises(RecordNotFound):
        page.workspace.desk.get("narrative", record_id)
    assert editor.state.text().startswith("Not written yet")
