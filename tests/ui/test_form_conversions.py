"""A form reads typed values by the rules every path uses, and shows each conversion beside its field before saving:
a year and month is the first of the month, 1.2亿元 is 12,000 万元, 武汉 is 武汉市, a phone loses its spaces and +86.
The note takes the line kept under the field, so no field moves; what is stored is the converted value."""

from __future__ import annotations

from datetime import date

import pytest

from alliance_app.ui.forms.record_dialog import RecordDialog
from tests.ui.test_forms import type_into


def _field_positions(dialog: RecordDialog) -> dict[str, int]:
    return {name: e.widget.mapTo(dialog, e.widget.rect().topLeft()).y() for name, e in dialog.editors.items()}


def _note(dialog: RecordDialog, name: str) -> tuple[bool, str, str]:
    label = dialog.conversion_labels[name]
    return label.isVisible(), label.full, label.toolTip()


@pytest.mark.parametrize(
    ("lang", "stored_as", "first_of_month"),
    [("zh", "记为 ", "按当月1日记为 2024-03-01"), ("en", "Stored as ", "stored as the first of the month, 2024-03-01")],
)
def test_the_project_form_shows_each_conversion_beside_its_field_and_stores_the_converted_value(
    open_window, small_alliance, lang: str, stored_as: str, first_of_month: str
) -> None:
    folder, ids = small_alliance
    page = open_window(folder, lang=lang).window.show_page("projects")
    dialog = page.new_record()
    dialog.resize(640, 620)
    before = _field_positions(dialog)
    type_into(dialog, "title", "光谷算力调度平台")
    dialog.editors["lead_member_id"].set_value(ids["hust"])
    dialog.editors["domain"].set_value("smart_city")
    type_into(dialog, "investment", "1.2亿元")
    type_into(dialog, "start_date", "2024.3")
    type_into(dialog, "end_date", "2026-12-31")

    assert _note(dialog, "investment")[:2] == (True, f"{stored_as}12,000 万元")
    assert "1.2亿元" in _note(dialog, "investment")[2]
    shown, text, reason = _note(dialog, "start_date")
    assert shown and text == f"{stored_as}2024-03-01" and first_of_month in reason
    assert not any(_note(dialog, name)[0] for name in ("title", "end_date"))  # typed as stored: no note
    assert not dialog.problem_labels["investment"].isVisible()
    assert _field_positions(dialog) == before  # the note takes the line kept under its field

    dialog.save()
    assert not dialog.isVisible()
    created = page.current_record()
    assert (created["investment"], created["start_date"]) == (12000, date(2024, 3, 1))


def test_the_member_and_contact_forms_note_the_canonical_city_and_the_normalised_phone(
    open_window, small_alliance
) -> None:
    folder, ids = small_alliance
    desk_app = open_window(folder)
    dialog = RecordDialog(desk_app.workspace, "member", ids["dfm"], parent=desk_app.window)
    dialog.open()
    type_into(dialog, "city", "武汉")
    assert _note(dialog, "city")[:2] == (True, "记为 武汉市")
    type_into(dialog, "city", "武汉市")  # typed as it is stored: the note goes
    assert not _note(dialog, "city")[0]
    type_into(dialog, "city", "恩施州")
    type_into(dialog, "joined_on", "2025年5月")
    assert _note(dialog, "joined_on")[:2] == (True, "记为 2025-05-01")
    dialog.save()
    stored = desk_app.desk.get("member", ids["dfm"])
    assert (stored["city"], stored["joined_on"]) == ("恩施土家族苗族自治州", date(2025, 5, 1))

    contact = RecordDialog(desk_app.workspace, "contact", ids["li"], parent=desk_app.window)
    contact.open()
    type_into(contact, "phone", "+86 138 7123 4568")
    shown, text, reason = _note(contact, "phone")
    assert shown and text == "记为 13871234568" and "+86 138 7123 4568" in reason
    contact.save()
    assert desk_app.desk.get("contact", ids["li"])["phone"] == "13871234568"


def test_a_value_that_cannot_be_read_shows_its_problem_and_no_note(open_window, small_alliance) -> None:
    folder, _ids = small_alliance
    dialog = open_window(folder).window.show_page("projects").new_record()
    type_into(dialog, "investment", "1.2亿元")
    assert _note(dialog, "investment")[0]
    type_into(dialog, "investment", "约300")
    assert dialog.problem_labels["investment"].isVisible() and not _note(dialog, "investment")[0]
