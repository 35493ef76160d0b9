"""The desktop's user settings, each declared once with its type, default and Chinese/English title.

Kept as settings.json in the data folder; window state (geometry, column widths) is kept apart by the UI.
A file from an older version is upgraded step by step (`_UPGRADES`), a damaged one is set aside, not lost.
A file from a newer version is copied aside and read for what this version knows; the keys it does not know
are kept and written back as they were, so running an older Alliance Desk once never strips a newer one's
settings. For that to hold, an upgrade never changes the meaning of an existing key: it adds a new key.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

SETTINGS_FILE = "settings.json"
SETTINGS_VERSION = 1


def _title(zh: str, en: str) -> dict[str, Any]:
    return {"zh": zh, "en": en}


@dataclass(frozen=True)
class SettingsNotice:
    """Something the user should know about how the settings file was read."""

    zh: str
    en: str

    def message(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class Settings(BaseModel):
    # "allow": keys of a newer version are kept and written back untouched (see the module's docstring).
    model_config = ConfigDict(validate_assignment=True, extra="allow")
    _notice: SettingsNotice | None = PrivateAttr(default=None)

    settings_version: int = SETTINGS_VERSION
    language: Literal["auto", "zh", "en"] = Field("auto", json_schema_extra=_title("界面语言", "Language"))
    server_url: str = Field("", json_schema_extra=_title("服务器地址", "Server address"))
    username: str = Field("", json_schema_extra=_title("用户名", "User name"))
    proxy: str = Field(
        "", json_schema_extra=_title("代理服务器（留空则使用系统设置）", "Proxy (empty: use the system's)")
    )
    ca_bundle: str = Field(
        "", json_schema_extra=_title("CA 证书文件（留空则使用系统证书）", "CA bundle (empty: system store)")
    )
    # Who works on this desktop until a login says otherwise (the embedded default is the secretariat).
    account_role: Literal["liaison", "secretariat", "admin"] = Field(
        "secretariat", json_schema_extra=_title("本机角色", "Role on this desktop")
    )
    account_member_id: str = Field("", json_schema_extra=_title("本机所属成员单位", "Member of this desktop"))

    @classmethod
    def titles(cls) -> dict[str, dict[str, str]]:
        return {
            name: dict(field.json_schema_extra)  # type: ignore[arg-type]
            for name, field in cls.model_fields.items()
            if isinstance(field.json_schema_extra, dict)
        }

    @property
    def notice(self) -> SettingsNotice | None:
        """Set when the file was written by a newer version or was damaged; the caller tells the user."""
        return self._notice


# Upgrades from version N to N + 1, applied in order to the raw JSON of an older settings file.
_UPGRADES: dict[int, Any] = {}


def load_settings(folder: Path) -> Settings:
    path = folder / SETTINGS_FILE
    if not path.exists():
        return Settings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        version = int(raw.get("settings_version", 1))
        while version < SETTINGS_VERSION:
            raw = _UPGRADES[version](raw)
            version += 1
        raw["settings_version"] = version  # a newer file keeps its number: its own upgrades must not run twice
        settings = Settings.model_validate(raw)
    except (ValueError, ValidationError, AttributeError):
        damaged = path.with_suffix(".damaged.json")
        path.replace(damaged)  # keep it for the user, start from defaults
        settings = Settings()
        settings._notice = SettingsNotice(
            zh=f"设置文件已损坏，已改用默认设置；原文件保存在 {damaged.name}。",
            en=f"The settings file was damaged, so the defaults are used; the old file is kept as {damaged.name}.",
        )
        return settings
    if version > SETTINGS_VERSION:
        backup = path.with_name(f"settings.v{version}.json")
        if not backup.exists():
            shutil.copy2(path, backup)
        settings._notice = SettingsNotice(
            zh=f"设置文件来自较新版本的联盟协作台（设置版本 {version}）：本版本只读取它认识的设置，其余原样保留；"
            f"原文件另存为 {backup.name}。请更新联盟协作台。",
            en=f"The settings file was written by a newer Alliance Desk (settings version {version}): this version "
            f"reads the settings it knows and keeps the rest as they are; a copy is kept as {backup.name}. "
            "Please update Alliance Desk.",
        )
    return settings


def save_settings(folder: Path, settings: Settings) -> None:
    """Writes atomically: a crash mid-write leaves the previous file, never half a file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SETTINGS_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(settings.model_dump(), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
