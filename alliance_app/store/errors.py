"""Errors a user can meet when opening or writing the local store, each a sentence in Chinese and English."""

from __future__ import annotations

from alliance_app.models.errors import AllianceError


class StoreError(AllianceError):
    """A store problem with a one-line explanation and a way forward, in both languages."""


class StoreCorrupt(StoreError):
    pass


class StoreTooNew(StoreError):
    pass


class StoreInUse(StoreError):
    pass


class StoreReadOnly(StoreError):
    pass


class StoreFull(StoreError):
    pass


class StoreUpgradeFailed(StoreError):
    pass


def corrupt(path: object, detail: str) -> StoreCorrupt:
    return StoreCorrupt(
        f"数据文件 {path} 已损坏，无法打开（{detail}）。请从 backups 文件夹恢复备份，或换一个数据文件夹重新同步。",
        f"The data file {path} is damaged and cannot be opened ({detail}). "
        "Restore a copy from the backups folder, or use a new data folder and sync again.",
    )


def too_new(path: object, revision: str) -> StoreTooNew:
    return StoreTooNew(
        f"数据文件 {path} 由更新版本的联盟协作台写入（结构版本 {revision}），请升级本软件后再打开。",
        f"The data file {path} was written by a newer Alliance Desk (schema {revision}); "
        "please upgrade Alliance Desk to open it.",
    )


def in_use(path: object) -> StoreInUse:
    return StoreInUse(
        f"数据文件 {path} 正被另一个运行中的联盟协作台使用，请先关闭那个窗口或命令。",
        f"The data file {path} is open in another running Alliance Desk; close that window or command first.",
    )


def read_only(path: object) -> StoreReadOnly:
    return StoreReadOnly(
        f"无法写入数据文件夹 {path}（只读或没有权限）。请用 --data-dir 选择一个可写的文件夹。",
        f"Cannot write to the data folder {path} (read-only or no permission). "
        "Choose a writable folder with --data-dir.",
    )


def disk_full(path: object) -> StoreFull:
    return StoreFull(
        f"磁盘已满，无法保存到 {path}。您的修改没有保存；请清理磁盘空间后重试。",
        f"The disk is full, so nothing could be saved to {path}. Your change was not saved; "
        "free some disk space and try again.",
    )


def upgrade_failed(path: object, revision: str, backup: object | None, detail: str) -> StoreUpgradeFailed:
    """The schema upgrade ran into something it did not expect (SQLite may have kept part of it)."""
    kept_zh = f"升级前的副本保存在 {backup}；请用原来的版本继续工作（它打不开时从该副本恢复），" if backup else "请"
    kept_en = (
        f"A copy from before the upgrade is kept as {backup}; keep working with the previous version (restore "
        "that copy if it no longer opens the file) and "
        if backup
        else "Please "
    )
    return StoreUpgradeFailed(
        f"数据文件 {path} 无法升级到本版本的结构（{revision}：{detail}）。{kept_zh}并联系秘书处。",
        f"The data file {path} could not be upgraded to this version's schema ({revision}: {detail}). "
        f"{kept_en}contact the secretariat.",
    )
