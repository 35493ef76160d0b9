"""The Qt binding keeps Python's reference counts: PySide6 6.12.0 on CPython 3.11 drops a reference to None on
every void call (and to True on every emit), so a window aborts after minutes of use ("none_dealloc").
pyproject.toml excludes it; this test tells whoever tries a newer PySide6 whether it is safe."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit

CALLS = 500


class Sender(QObject):
    fired = Signal(int)


def test_void_qt_calls_and_signal_emits_keep_the_reference_counts_of_none_and_true(qapp):
    line, sender = QLineEdit(), Sender()
    sender.fired.connect(lambda _n: None)
    gc.collect()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for number in range(CALLS):
        line.setText(str(number))  # returns None
        sender.fired.emit(number)  # returns True
    gc.collect()
    assert sys.getrefcount(None) - none_before > -CALLS // 2, "this PySide6 drops references to None"
    assert sys.getrefcount(True) - true_before > -CALLS // 2, "this PySide6 drops references to True"
