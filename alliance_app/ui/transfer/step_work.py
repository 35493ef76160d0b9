"""A wizard step whose Next needs slow work first (reading a big workbook, checking its rows): the work runs on the
window's read pool and the window keeps answering meanwhile.

QWizard asks `validatePage()` for a yes or no at once. So the first Next starts the work and says no; when the
answer arrives on the main thread and is good, it presses Next again, and this time the step says yes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWizardPage

from alliance_app.ui.runner import OperationRunner

# Takes the work's result or error; True when the wizard may go on to the next step.
Accept = Callable[[Any, BaseException | None], bool]


class StepWork:
    """`busy` is the step's line that says what is being done while the work runs."""

    def __init__(self, page: QWizardPage, runner: Callable[[], OperationRunner], busy: QLabel):
        self.page, self.runner, self.busy = page, runner, busy
        busy.setObjectName("stepBusy")
        busy.hide()
        self.running = False
        self._passed = False  # the work is done and good: the next validatePage says yes once
        self._asking = False  # inside validatePage: an answer that comes at once (tests' runner) needs no Next

    def validate(self, work: Callable[[], Any], accept: Accept, doing: str) -> bool:
        """Call from validatePage: starts `work` in the background the first time (saying `doing` meanwhile),
        says yes once it passed."""
        if self._passed:
            self._passed = False
            return True
        if self.running:
            return False
        self.busy.setText(doing)
        self._busy(True)
        self._asking = True
        try:
            self.runner().submit(work, lambda result, error: self._answered(result, error, accept), writes=False)
        finally:
            self._asking = False
        if self._passed:
            self._passed = False
            return True
        return False

    def _busy(self, busy: bool) -> None:
        self.running = busy
        self.busy.setVisible(busy)
        self.page.setEnabled(not busy)  # the file and choices cannot change under the running work
        if busy:
            self.page.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.page.unsetCursor()
        self.page.completeChanged.emit()  # Next stays disabled while the work runs

    def _answered(self, result: Any, error: BaseException | None, accept: Accept) -> None:
        if not shiboken6.isValid(self.page):
            return  # the wizard is gone
        self._busy(False)
        wizard = self.page.wizard()
        if wizard is None or not wizard.isVisible() or wizard.currentPage() is not self.page:
            return  # closed, or the clerk went back meanwhile: the answer is dropped, Next starts afresh
        if not accept(result, error):
            return
        self._passed = True
        if not self._asking:
            wizard.next()
