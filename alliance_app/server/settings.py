"""The server's settings, declared once; each can be set by an ALLIANCE_SERVER_* environment variable."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from alliance_app.sync.protocol import MAX_PULL_PAGE_BYTES

DB_FILE = "alliance-server.sqlite"


class ServerSettings(BaseSettings):
    """Everything the server can be told. The CLI passes its flags on as these variables, so every uvicorn
    worker reads the same settings."""

    model_config = SettingsConfigDict(env_prefix="ALLIANCE_SERVER_", extra="ignore")

    data_dir: Path = Field(
        default_factory=lambda: Path(user_data_dir("alliance-server", appauthor=False)),
        title="数据目录 / Data folder (the embedded SQLite database lives here)",
    )
    database_url: str | None = Field(
        default=None, title="数据库地址 / Database URL (postgresql+psycopg://…); empty: SQLite in the data folder"
    )
    host: str = Field(default="127.0.0.1", title="监听地址 / Listen address")
    port: int = Field(default=8765, title="端口 / Port")
    workers: int = Field(default=1, ge=1, title="工作进程数 / Worker processes")
    access_token_seconds: int = Field(default=15 * 60, ge=1, title="访问令牌有效期 / Access token lifetime (s)")
    refresh_token_seconds: int = Field(
        default=30 * 24 * 3600, ge=1, title="刷新令牌有效期 / Refresh token lifetime (s)"
    )
    refresh_grace_seconds: int = Field(default=30, ge=0, title="刷新重试宽限 / Grace for a retried refresh (s)")
    login_window_seconds: int = Field(default=300, ge=1, title="登录限流窗口 / Login rate-limit window (s)")
    login_failures_per_user: int = Field(default=5, ge=1, title="每用户失败上限 / Failed logins per user")
    login_failures_per_address: int = Field(default=20, ge=1, title="每地址失败上限 / Failed logins per address")
    max_body_bytes: int = Field(default=4 * 1024 * 1024, ge=1024, title="请求体上限 / Request body limit (bytes)")
    max_open_conflicts: int = Field(
        default=200, ge=1, title="每账号未处理冲突上限 / Open conflicts one account's pushes may hold"
    )
    max_pull_page_bytes: int = Field(
        default=MAX_PULL_PAGE_BYTES, ge=1024, title="下载页大小上限 / Pull page limit (bytes of records)"
    )
    tombstone_retention_days: int = Field(default=180, ge=1, title="删除记录保留天数 / Tombstone retention (days)")
    sqlite_busy_timeout_ms: int = Field(default=10_000, ge=0, title="SQLite 等待锁 / SQLite busy timeout (ms)")
    pool_size: int = Field(default=10, ge=1, title="连接池大小 / Connection pool size (PostgreSQL)")
    argon2_time_cost: int = Field(default=3, ge=1, title="密码哈希轮数 / Argon2id time cost")
    argon2_memory_kib: int = Field(default=65536, ge=1024, title="密码哈希内存 / Argon2id memory (KiB)")
    log_level: str = Field(default="info", title="日志级别 / Log level")
    log_format: Literal["json", "plain"] = Field(
        default="json", title="日志格式 / Log format: json (one JSON object a line) or plain"
    )
    log_file: str = Field(default="", title="日志文件 / Log file; empty: stderr, -: stdout")
    metrics_token: str = Field(default="", title="监控令牌 / Bearer token of GET /metrics; empty: no metrics")
    desktop_download_url: str = Field(
        default="", title="桌面端下载地址 / Where desktops of the previous release are told to get the new one"
    )
    # For the crash tests only: a push pauses at this point (after reading its body, or after its commit and
    # before its answer), touching `crash_test_mark` first, so a test kills the server inside a push by
    # construction rather than by guessing a moment. Unset in production.
    crash_test_pause: Literal["received", "committed"] | None = Field(
        default=None, title="仅供测试：推送暂停点 / Testing only: where a push pauses"
    )
    crash_test_mark: Path | None = Field(default=None, title="仅供测试：暂停标记文件 / Testing only: pause mark file")

    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / DB_FILE}"

    @property
    def is_sqlite(self) -> bool:
        return self.url().startswith("sqlite")
