"""A member typed into a form is read by the one rule the import and the command line use (services/member_names):
what one path takes, every path takes, and what none can take is refused in the same words."""

from __future__ import annotations

import pytest

from alliance_app.services import Desk
from alliance_app.services.member_names import MemberDirectory
from tests.ui.small_alliance import credit_code
from tests.ui.test_forms import type_into

TYPED = [
    "小米(武汉)",
    "小米（武汉）",  # full-width brackets, as a Chinese keyboard types them
    " xiaomi (wuhan) ",
    "ＸＩＡＯＭＩ (WUHAN)",  # full-width letters
    credit_code("91420100MA4KX8N35"),
    "小米",
    "Wuhan University",
    "武汉大学 ",
    "小米科技",  # no such member; 小米(武汉) contains none of it, 小米 is in it
    "华中",
    "不存在的单位",
    "小",
]


@pytest.mark.parametrize("text", TYPED)
def test_a_form_reads_a_typed_member_as_the_import_reads_it(open_window, small_alliance, text):
    folder, _ids = small_alliance
    desk_app = open_window(folder)
    with desk_app.desk.store.read() as session:
        expected, problem = MemberDirectory.load(session).resolve("lead_member_id", text)
    dialog = desk_app.window.show_page("projects").new_record()
    type_into(dialog, "lead_member_id", text)
    picker = dialog.editors["lead_member_id"].widget
    assert picker.picked_id() == expected
    shown = dialog.problem_labels["lead_member_id"].text()
    if problem is None:
        assert shown == ""
    else:  # the import's very sentence, suggestions and candidates included
        assert problem.message("zh") in shown


def test_an_ambiguous_short_name_lists_the_members_it_could_mean(open_window, small_alliance):
    folder, ids = small_alliance
    with Desk.open(folder) as desk:
        desk.create("member", {"name_zh": "小米智能(襄阳)", "short_name": "小米"})
    dialog = open_window(folder, lang="en").window.show_page("projects").new_record()
    type_into(dialog, "lead_member_id", "小米")
    shown = dialog.problem_labels["lead_member_id"].text()
    assert "could mean several members" in shown and "小米(武汉)" in shown and "小米智能(襄阳)" in shown
    assert dialog.editors["lead_member_id"].widget.picked_id() is None
    type_into(dialog, "lead_member_id", "Xiaomi (Wuhan)")
    assert dialog.editors["lead_member_id"].widget.picked_id() == ids["xiaomi"]


def test_a_project_saved_with_a_lead_typed_by_credit_code_and_a_partner_in_full_width_brackets(
    open_window, small_alliance
):
    folder, ids = small_alliance
    with Desk.open(folder) as desk:
        desk.create("member", {"name_zh": "光谷(襄阳)研究院"})
    desk_app = open_window(folder)
    dialog = desk_app.window.show_page("projects").new_record()
    type_into(dialog, "lead_member_id", credit_code("91420100MA4KX8N35"))
    type_into(dialog, "title", "全角括号合作项目")
    dialog.editors["domain"].set_value("smart_city")
    dialog.partners.picker.lineEdit().insert("光谷（襄阳）研究院")
    assert dialog.partners.add(), dialog.partners.problem.text()
    dialog.save()
    assert not dialog.isVisible()
    [project] = [r for r in desk_app.desk.page("project").rows if r["title"] == "全角括号合作项目"]
    assert project["lead_member_id"] == ids["xiaomi"]
    partners = [r["member_id"] for r in desk_app.desk.page("project_partner").rows if r["project_id"] == project["id"]]
    assert [desk_app.workspace.members.name(i) for i in partners] == ["光谷(襄阳)研究院"]


def test_the_lead_typed_as_a_partner_is_told_why_it_cannot_be(open_window, small_alliance):
    folder, ids = small_alliance
    dialog = open_window(folder).window.show_page("projects").open_record(ids["p_factory"])
    dialog.partners.picker.lineEdit().insert("xiaomi (wuhan)")
    assert not dialog.partners.add()
    assert "小米(武汉) 是牵头单位，不能同时作为合作单位" in dialog.partners.problem.text()
    dialog.partners.picker.lineEdit().clear()
    dialog.partners.picker.lineEdit().insert("小米科技")
    assert not dialog.partners.add()
    assert "找不到成员单位“小米科技”" in dialog.partners.problem.text()


def test_the_settings_member_is_read_by_the_same_rule(open_window, small_alliance):
    folder, ids = small_alliance
    dialog = open_window(folder).window.open_settings()
    dialog.member.lineEdit().clear()
    dialog.member.lineEdit().insert(credit_code("91420100MA4KX8N35"))
    assert dialog.member.picked_id() == ids["xiaomi"] and dialog.problem.text() == ""
    dialog.member.lineEdit().clear()
    dialog.member.lineEdit().insert("武汉大")
    assert "是否指 武汉大学？" in dialog.problem.text()
