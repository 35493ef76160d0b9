"""The collector held back during long work: what the work made is kept unscanned, and garbage is still collected."""

from __future__ import annotations

import gc
import weakref

import pytest

from alliance_app.long_work import no_gc_pauses


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


@pytest.fixture(autouse=True)
def _collector_as_found():  # type: ignore[no-untyped-def]
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    gc.unfreeze()
    gc.enable() if was_enabled else gc.disable()


def _in_generation(thing: object, generation: int) -> bool:
    return any(found is thing for found in gc.get_objects(generation=generation))


def test_what_the_work_made_goes_to_the_oldest_generation_unscanned() -> None:
    with no_gc_pauses():
        assert not gc.isenabled()
        kept = [[n] for n in range(5000)]  # far past the youngest generation's threshold (700)
    assert gc.isenabled()
    # Left in the youngest, the first collection would scan all 5,000 and move them only one generation on.
    assert _in_generation(kept, 2) and _in_generation(kept[-1], 2)
    assert gc.get_count()[0] < 100
    assert gc.get_freeze_count() == 0  # nothing stays out of the collector's reach


def test_cyclic_garbage_made_during_the_work_is_still_collected() -> None:
    with no_gc_pauses():
        first, second = _Node(), _Node()
        first.other, second.other = second, first
        alive = weakref.ref(first)
    del first, second
    gc.collect()
    assert alive() is None


def test_objects_frozen_on_purpose_stay_frozen() -> None:
    gc.freeze()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    with no_gc_pauses():
        made = [[n] for n in range(1000)]
    assert gc.get_freeze_count() == frozen
    assert made


def test_a_collector_disabled_before_stays_disabled() -> None:
    gc.disable()
    with no_gc_pauses():
        pass
    assert not gc.isenabled()
