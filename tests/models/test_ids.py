"""Record ids: new ids are UUIDv7 text in the order they were made, unique across threads; a link's id is the
UUIDv5 of what it links, exactly as the standard library makes it (other desktops and the server derive it too)."""

from __future__ import annotations

import os
import threading
import time
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliance_app.models import link_id, new_id
from alliance_app.models.fields import _LINK_NAMESPACE, name_based_id


def test_a_new_id_is_a_uuid7_of_now() -> None:
    before = time.time_ns() // 1_000_000
    made = uuid.UUID(new_id())
    assert made.version == 7 and made.variant == uuid.RFC_4122
    assert made.int >> 80 >= before  # its milliseconds: now or (after a burst of ids) a little later


def test_new_ids_sort_in_the_order_they_were_made_and_never_repeat() -> None:
    ids = [new_id() for _ in range(20_000)]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 7 for i in ids[::997])


def test_ids_made_on_several_threads_never_repeat() -> None:
    made: list[list[str]] = [[] for _ in range(4)]

    def make(into: list[str]) -> None:
        into.extend(new_id() for _ in range(5_000))

    threads = [threading.Thread(target=make, args=(into,)) for into in made]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [i for ids in made for i in ids]
    assert len(set(every)) == len(every) == 20_000
    assert all(ids == sorted(ids) for ids in made)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX only")
def test_a_forked_child_never_makes_the_ids_its_parent_makes() -> None:
    """A child forked from a process that has made ids (a server worker) must draw its own random bits, or parent
    and child would make the same ids in the same millisecond."""
    new_id()  # the parent has made an id before the fork
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child's side
        os.close(read)
        os.write(write, "\n".join(new_id() for _ in range(200)).encode())
        os._exit(0)
    os.close(write)
    parents = {new_id() for _ in range(200)}
    with os.fdopen(read) as pipe:
        childs = set(pipe.read().split("\n"))
    os.waitpid(child, 0)
    assert len(childs) == 200 and not parents & childs
    assert {i[14:] for i in parents}.isdisjoint(i[14:] for i in childs)  # not even the random part


@given(st.text())
def test_a_name_based_id_is_the_standard_uuid5(key: str) -> None:
    assert name_based_id(key) == str(uuid.uuid5(_LINK_NAMESPACE, key))


def test_a_link_id_is_the_uuid5_of_its_kind_and_ends() -> None:
    project, member = new_id(), new_id()
    expected = uuid.uuid5(_LINK_NAMESPACE, f"project_partner:{project}:{member}")
    assert link_id("project_partner", {"project_id": project, "member_id": member}) == str(expected)


_ENDS = st.none() | st.just("") | st.text(max_size=8) | st.integers() | st.sampled_from([" A ", "ǅ", "ß", "İ"])


@given(st.sampled_from(["project_partner", "lab_partner", "attendance", "annual_figures", "narrative"]), st.data())
def test_a_link_id_is_the_uuid5_of_its_ends_written_out(kind: str, data: st.DataObject) -> None:
    """link_id against the rule written out with the standard library: each end stripped and casefolded, none when
    an end is empty or missing, none for a kind that is no link."""
    from alliance_app.models import RECORDS_BY_KIND

    columns = RECORDS_BY_KIND[kind].link_columns
    values = {c: data.draw(_ENDS) for c in columns if data.draw(st.booleans()) or c == columns[0]}
    if any(values.get(c) in (None, "") for c in columns):
        expected = None
    else:
        expected = str(
            uuid.uuid5(_LINK_NAMESPACE, ":".join([kind, *(str(values[c]).strip().casefold() for c in columns)]))
        )
    assert link_id(kind, values) == expected
    assert link_id("project", values) is None and link_id("member", values) is None
