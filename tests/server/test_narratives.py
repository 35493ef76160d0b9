"""The annual report's narratives on the server: the secretariat writes them, every account reads them, a liaison
is refused on every write path (push create/update/delete, conflict resolve), and their history is kept."""

from __future__ import annotations

import itertools

from tests.server.conftest import Alliance, create, mutation

_years = itertools.count(2040)  # the server lives for the session: each test writes its own year


def _narrative(alliance: Alliance, text: str = "秘书长致辞第一稿") -> dict:
    values = {"year": next(_years), "section": "foreword", "text_zh": text}
    outcome = alliance.secretariat.push_one(create("narrative", values))
    assert outcome["status"] == "applied", outcome
    return outcome


def test_the_secretariat_writes_a_narrative_and_every_account_reads_it(alliance: Alliance) -> None:
    written = _narrative(alliance)
    record_id = written["record"]["id"]
    for reader in (alliance.liaison_a, alliance.liaison_b, alliance.secretariat):
        assert reader.record("narrative", record_id)["values"]["text_zh"] == "秘书长致辞第一稿"
        pulled, _ = reader.pull_all(written["rev"] - 1)
        assert pulled[("narrative", record_id)]["values"]["text_zh"] == "秘书长致辞第一稿"
    assert alliance.anonymous.get(f"/api/v1/records/narrative/{record_id}").status_code == 401


def test_a_liaison_is_refused_every_write_of_a_narrative(alliance: Alliance) -> None:
    written = _narrative(alliance)
    record_id, rev = written["record"]["id"], written["rev"]
    attempts = [
        create("narrative", {"year": next(_years), "section": "plan", "text_zh": "联络人写的计划"}),
        mutation("narrative", record_id, "update", {"text_zh": "联络人改写"}, rev),
        mutation("narrative", record_id, "update", {"text_en": "A liaison's translation"}, rev),
        mutation("narrative", record_id, "delete", {}, rev),
    ]
    for liaison in (alliance.liaison_a, alliance.liaison_b):
        for attempt in attempts:
            outcome = liaison.push_one(dict(attempt, mutation_id=create("narrative", {})["mutation_id"]))
            assert (outcome["status"], outcome["code"]) == ("rejected", "secretariat_writes"), outcome
            assert "秘书处" in outcome["zh"] and "secretariat" in outcome["en"]
    after = alliance.secretariat.record("narrative", record_id)
    assert (after["rev"], after["values"]["text_zh"], after["deleted"]) == (rev, "秘书长致辞第一稿", False)
    assert alliance.admin.push_one(attempts[1])["code"] == "forbidden_role"


def test_a_narratives_history_keeps_every_change_and_is_the_secretariats(alliance: Alliance) -> None:
    written = _narrative(alliance)
    record_id, rev = written["record"]["id"], written["rev"]
    old = {"text_zh": "秘书长致辞第一稿", "text_en": None}
    second = mutation("narrative", record_id, "update", {"text_zh": "第二稿", "text_en": "Second draft"}, rev, old=old)
    assert alliance.secretariat.push_one(second)["status"] == "applied"
    history = alliance.secretariat.get(f"/api/v1/records/narrative/{record_id}/history")
    assert history.status_code == 200
    changes = [(e["field"], e["new"]) for e in history.json()["entries"]]
    assert ("text_zh", "秘书长致辞第一稿") in changes and ("text_zh", "第二稿") in changes
    assert ("text_en", "Second draft") in changes
    assert alliance.liaison_a.get(f"/api/v1/records/narrative/{record_id}/history").status_code == 403


def test_a_narrative_conflict_is_resolved_by_the_secretariat_and_never_by_a_liaison(alliance: Alliance) -> None:
    written = _narrative(alliance)
    record_id, base = written["record"]["id"], written["rev"]
    old = {"text_zh": "秘书长致辞第一稿"}
    assert alliance.secretariat.push_one(mutation("narrative", record_id, "update", {"text_zh": "甲稿"}, base, old=old))
    outcome = alliance.secretariat.push_one(
        mutation("narrative", record_id, "update", {"text_zh": "乙稿"}, base, old=old)
    )
    assert outcome["status"] == "conflict", outcome
    conflict = outcome["conflicts"][0]
    refused = alliance.liaison_a.post(f"/api/v1/conflicts/{conflict['id']}/resolve", json={"keep": "mine"})
    assert refused.status_code == 404  # not its conflict: a liaison is not told it exists
    resolved = alliance.secretariat.post(f"/api/v1/conflicts/{conflict['id']}/resolve", json={"keep": "mine"})
    assert resolved.status_code == 200, resolved.text
    assert alliance.liaison_b.record("narrative", record_id)["values"]["text_zh"] == "乙稿"


def test_one_narrative_per_year_and_section(alliance: Alliance) -> None:
    values = {"year": next(_years), "section": "finance", "text_zh": "会费收支"}
    assert alliance.secretariat.push_one(create("narrative", values))["status"] == "applied"
    again = alliance.secretariat.push_one(create("narrative", dict(values, text_zh="另一份")))
    # The same year and section is the same record: a second draft written elsewhere is a conflict on the text.
    assert again["status"] == "conflict" and [c["field"] for c in again["conflicts"]] == ["text_zh"], again
    assert alliance.liaison_a.record("narrative", again["record"]["id"])["values"]["text_zh"] == "会费收支"
    outcome = alliance.secretariat.push_one(create("narrative", {**values, "year": 1999}))
    assert (outcome["status"], outcome["code"]) == ("rejected", "year_range")
