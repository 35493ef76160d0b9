"""The desktop's user settings, each declared once with its type, default and Chinese/English title.

Kept as settings.json in the data folder; window state (geometry, column widths) is kept apart by the UI.
A file from an older version is upgraded step by step (`_UPGRADES`), a damaged one is set aside, not lost.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

SETTINGS_FILE = "settings.json"
SETTINGS_VERSION = 1


def _title(zh: str, en: str) -> dict[str, Any]:
    return {"zh": zh, "en": en}


class Settings(BaseModel):
    model_config = ConfigDict(validate_assignment=True, extra="ignore")

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
        raw["settings_version"] = SETTINGS_VERSION
        return Settings.model_validate(raw)
    except (ValueError, ValidationError, AttributeError):
        path.replace(path.with_suffix(".damaged.json"))  # keep it for the user, start from defaults
        return Settings()


def save_settings(folder: Path, settings: Settings) -> None:
    """Writes atomically: a crash mid-write leaves the previous file, never half a file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SETTINGS_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(settings.model_dump(), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
