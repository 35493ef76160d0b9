"""Emits Qt signals from Python, compensating a reference-count bug of some PySide6 builds.

PySide6 6.12.0 on CPython 3.11 returns `True` from `SignalInstance.emit()` without taking a reference to it,
so every emit drops one reference to `True`; after some thousands of emits CPython frees `True` and aborts
("bool_dealloc: deallocating True or False"). A probe at import measures whether this build does it, and
`emit()` gives the reference back only where it is taken, so a fixed PySide6 needs no change here.
"""

from __future__ import annotations

import ctypes
import gc
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_PROBES = 64


class _Probe(QObject):
    fired = Signal()


def _emit_drops_a_reference() -> bool:
    probe = _Probe()
    gc.collect()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.fired.emit()
    return before - sys.getrefcount(True) >= _PROBES


_COMPENSATE = _emit_drops_a_reference()


def emit(signal: Any, *args: Any) -> None:
    """`signal.emit(*args)`, leaving the reference counts of True and False as they were."""
    result = signal.emit(*args)
    if _COMPENSATE and isinstance(result, bool):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
