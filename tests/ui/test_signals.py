"""Emitting signals from Python leaves the reference count of True as it was (PySide6 6.12 drops one per emit)."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal

from alliance_app.ui.signals import emit


class Sender(QObject):
    fired = Signal(int)


def test_thousands_of_emits_do_not_wear_down_the_reference_count_of_true(qapp):
    sender = Sender()
    received: list[int] = []
    sender.fired.connect(received.append)
    gc.collect()
    before = sys.getrefcount(True)
    for number in range(5000):
        emit(sender.fired, number)
    gc.collect()
    assert len(received) == 5000
    assert sys.getrefcount(True) - before >= 0
