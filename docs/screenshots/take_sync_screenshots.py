"""Takes screenshots of the Sync page with a conflict shown and of the login dialog, in Chinese and English.

Run from the repository root:  python docs/screenshots/take_sync_screenshots.py
A real alliance-server runs on 127.0.0.1 for the duration; two desktops edit the same member's city so the
second one's sync meets a conflict. Logins are kept in memory (no keyring of this machine is touched).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
SCRATCH = Path(tempfile.mkdtemp(prefix="alliance-sync-shots-"))
(SCRATCH / "fonts.conf").write_text(
    f'<?xml version="1.0"?><fontconfig><cachedir>{SCRATCH}/cache</cachedir></fontconfig>', encoding="utf-8"
)
# A 1366×768 laptop screen, as take_screenshots.py: the window sizes itself from it, as on the user's machine.
(SCRATCH / "screen.json").write_text(
    '{"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, '
    '"logicalBaseDpi": 96, "dpr": 1}]}',
    encoding="utf-8",
)
os.environ.update(
    QT_QPA_PLATFORM=f"offscreen:configfile={SCRATCH / 'screen.json'}", FONTCONFIG_FILE=str(SCRATCH / "fonts.conf")
)
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402

from alliance_app.services import Desk  # noqa: E402
from alliance_app.settings import Settings  # noqa: E402
from alliance_app.sync.desk_sync import DeskSync  # noqa: E402
from alliance_app.ui.app import DeskApplication, _qt_app  # noqa: E402
from alliance_app.ui.runner import ImmediateRunner  # noqa: E402
from tests.sync.conftest import PASSWORD, MemoryKeyring, _run_server, member_values  # noqa: E402


def desktop_with_conflict(server, lang: str) -> DeskApplication:
    """Desktop B creates 小米(武汉)-like member and changes its city; this desktop changed it too, offline."""
    other_user = server.add_account(f"secretariat-b-{lang}")
    user = server.add_account(f"secretariat-a-{lang}")
    with Desk.open(SCRATCH / f"b_{lang}") as other:
        other_sync = DeskSync(other.store, Settings())
        other_sync.login(server.url, other_user, PASSWORD)
        names = {
            "zh": ("武汉示例智能科技有限公司", "Wuhan Example AI Co."),
            "en": ("襄阳示例数据有限公司", "Xiangyang Example Data Co."),
        }
        values = member_values(names[lang][0]) | {"name_en": names[lang][1]}
        member_id = other.create("member", values).record_id
        other_sync.sync()
        desk_app = DeskApplication(Desk.open(SCRATCH / f"a_{lang}"), lang, ImmediateRunner())
        desk_app.build_window(first_run=False)
        desk_app.desk_sync().login(server.url, user, PASSWORD)
        desk_app.desk_sync().sync()
        other.update("member", member_id, {"city": "襄阳"})
        other_sync.sync()
        other_sync.close()
    desk_app.desk.update("member", member_id, {"city": "宜昌"})
    desk_app.desk_sync().sync()
    return desk_app


def shoot(server, lang: str) -> list[Path]:
    app = _qt_app()
    desk_app = desktop_with_conflict(server, lang)
    window = desk_app.rebuild(page="sync")
    window.workspace.sync.refresh()
    app.processEvents()
    saved = [OUT / f"{lang}_12_sync_conflict.png"]
    window.grab().save(str(saved[-1]))
    dialog = window.open_login()
    dialog.password.setText("wrong password")
    dialog.log_in()
    app.processEvents()
    saved.append(OUT / f"{lang}_13_login.png")
    dialog.grab().save(str(saved[-1]))
    dialog.close()
    window.close()
    desk_app.close()
    return saved


def main() -> None:
    keyring.set_keyring(MemoryKeyring())
    for lang in ("zh", "en"):  # a server each: a secretariat sees every open conflict on its server
        (SCRATCH / f"server_{lang}").mkdir()
        running = _run_server(SCRATCH / f"server_{lang}")
        server = next(running)
        try:
            for path in shoot(server, lang):
                print(path.relative_to(ROOT))
        finally:
            next(running, None)


if __name__ == "__main__":
    main()
