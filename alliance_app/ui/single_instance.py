"""One window per data folder: a second launch asks the running window to come to the front, then quits.

The first window listens on a local socket named after its data folder; a second launch on the same folder
connects, says "raise", and exits instead of failing on the store's lock with an error."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

WAIT_MS = 1000
RAISE = b"raise\n"


def socket_name(folder: Path) -> str:
    digest = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"alliance-desk-{digest}"


def ask_running_window(folder: Path) -> bool:
    """True if a window is already open on `folder` and was asked to come to the front."""
    socket = QLocalSocket()
    socket.connectToServer(socket_name(folder))
    if not socket.waitForConnected(WAIT_MS):
        return False
    socket.write(RAISE)
    socket.flush()
    socket.waitForBytesWritten(WAIT_MS)
    socket.disconnectFromServer()
    return True


class RunningWindow(QObject):
    """Listens for later launches on the same data folder; emits `raise_requested` for each."""

    raise_requested = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.server = QLocalServer(self)
        name = socket_name(folder)
        QLocalServer.removeServer(name)  # a socket file left by a crashed window; this process holds the store
        self.listening = self.server.listen(name)
        self.server.newConnection.connect(self._connected)

    def _connected(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            # The caller writes at once and waits for it to be read: a short blocking read is simpler than
            # keeping sockets (and their signals) alive across event-loop turns.
            if socket.bytesAvailable() or socket.waitForReadyRead(WAIT_MS):
                asked = bytes(socket.readAll().data())
            else:
                asked = b""
            socket.abort()
            socket.deleteLater()
            if asked.startswith(RAISE.strip()):
                self.raise_requested.emit()
