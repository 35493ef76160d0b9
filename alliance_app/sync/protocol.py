"""The sync wire format (protocol v1): pydantic schemas the central server and the desktop client both speak.

Field values travel in wire form (`alliance_app.models.to_wire` / `from_wire`): dates as ISO text, enums as
their stable codes, domains as lists of codes. Every request to /api/v1 carries the protocol and schema
versions in the headers named below; a mismatch is answered with HTTP 426 and a message to upgrade.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema

PROTOCOL_VERSION = 2  # 2: the epoch of the server's history (restores); 1 is still served
# Bumped whenever a record kind gains, loses or retypes a field (tests/server pin the field fingerprint).
SCHEMA_VERSION = 2  # 2: the annual report's narratives (kind "narrative"); 1 is still served
PROTOCOL_HEADER = "X-Alliance-Protocol"
SCHEMA_HEADER = "X-Alliance-Schema"
# The server's history (server/epoch.py): on every answer; a desktop names the one it synced against.
EPOCH_HEADER = "X-Alliance-Epoch"
EPOCH_SINCE_HEADER = "X-Alliance-Epoch-Since"

# Bounds the server enforces (and a client should respect so it never meets them).
MAX_PUSH_BATCH = 200
MAX_PULL_PAGE = 1000
DEFAULT_PULL_PAGE = 500
# GET /conflicts answers at most this many per page; the next page starts after the last one's id.
MAX_CONFLICT_PAGE = 500
# A pull page also stops growing once its records pass this many bytes of JSON (at least one record a page).
MAX_PULL_PAGE_BYTES = 2 * 1024 * 1024
# Revisions, cursors and base revs: far above any alliance's lifetime, and exact in a JSON double.
MAX_REV = 2**53
# Any one text value on the wire. Each field has its own, smaller maximum (models' field specs); this bound
# only keeps what the server must read and answer about small.
MAX_WIRE_TEXT = 20_000
# Any one number on the wire: a signed 64-bit integer, or a finite float of that size (each field again has its
# own, smaller maximum).
MAX_WIRE_NUMBER = 2**63 - 1
MAX_WIRE_LIST = 64

RECORD_KINDS = (
    "member",
    "contact",
    "project",
    "project_partner",
    "resource_offer",
    "resource_request",
    "lab_partnership",
    "lab_partner",
    "event",
    "attendance",
    "annual_figures",
    "narrative",
)
RecordKind = Literal[
    "member",
    "contact",
    "project",
    "project_partner",
    "resource_offer",
    "resource_request",
    "lab_partnership",
    "lab_partner",
    "event",
    "attendance",
    "annual_figures",
    "narrative",
]
Op = Literal["create", "update", "delete"]
OutcomeStatus = Literal["applied", "merged", "conflict", "rejected"]
Role = Literal["liaison", "secretariat", "admin"]
_UUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


def _naive_utc(value: datetime) -> datetime:
    return value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)


def utc_text(value: datetime) -> str:
    return _naive_utc(value).isoformat() + "Z"


# Sync timestamps travel as RFC 3339 UTC ("2026-11-26T09:30:00.123456Z") and are read back as naive UTC,
# the one time convention of the stores. (Datetime *fields* of records travel as `to_wire` writes them.)
UtcTime = Annotated[
    datetime,
    AfterValidator(_naive_utc),
    PlainSerializer(utc_text, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


def _clean_text(value: str) -> str:
    # The models' one text rule, imported when first needed: importing the protocol stays free of SQLAlchemy.
    from alliance_app.models.validation import text_problem

    problem = text_problem(value)
    if problem:
        raise ValueError(f"text {problem}")
    return value


CleanText = Annotated[str, AfterValidator(_clean_text)]


def _wire_scalar(value: Any) -> None:
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, str):
        _clean_text(value)
        if len(value) > MAX_WIRE_TEXT:
            raise ValueError(f"text of {len(value)} characters is longer than {MAX_WIRE_TEXT}")
    elif isinstance(value, int):
        if not -MAX_WIRE_NUMBER <= value <= MAX_WIRE_NUMBER:
            raise ValueError("a whole number outside the 64-bit range")
    elif isinstance(value, float):
        if not math.isfinite(value) or abs(value) > MAX_WIRE_NUMBER:
            raise ValueError("a number that is not finite or outside the 64-bit range")
    else:
        raise ValueError("a field value must be text, a number, true/false, null or a list of those")


def _wire_value(value: Any) -> Any:
    """A field value as the wire may carry it: a JSON scalar, or a short list of them (domains)."""
    if isinstance(value, list | tuple):
        if len(value) > MAX_WIRE_LIST:
            raise ValueError(f"a list of {len(value)} items is longer than {MAX_WIRE_LIST}")
        for item in value:
            _wire_scalar(item)
    else:
        _wire_scalar(value)
    return value


WireValue = Annotated[Any, AfterValidator(_wire_value)]
FieldName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")]


class WireModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(WireModel):
    """Every refused request (4xx, 503) answers with this: a stable code and one sentence in each language."""

    code: str
    zh: str
    en: str


class ProblemOut(WireModel):
    field: str | None
    code: str
    zh: str
    en: str


# ---- accounts and tokens -------------------------------------------------------------------------------


class LoginRequest(WireModel):
    username: CleanText = Field(min_length=1, max_length=80)
    password: CleanText = Field(min_length=1, max_length=1024)


class RefreshRequest(WireModel):
    refresh_token: CleanText = Field(min_length=1, max_length=200)


class AccountPublic(WireModel):
    username: str
    role: Role
    member_id: str | None


class TokenPair(WireModel):
    """A short-lived access token (Authorization: Bearer) and the refresh token that rotates on every use."""

    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    access_expires_in: int = Field(description="seconds")
    refresh_expires_in: int = Field(description="seconds")
    account: AccountPublic


# ---- push ----------------------------------------------------------------------------------------------


class Mutation(WireModel):
    """One outbox entry: `changes` maps each changed field to [old, new] in wire form; `base_rev` is the
    record's server revision the edit was made against (None for a record the desktop made itself).
    A create of an id the server holds as a tombstone undeletes it with these values."""

    mutation_id: str = Field(pattern=_UUID)
    kind: RecordKind
    record_id: str = Field(pattern=_UUID)
    op: Op
    changes: dict[FieldName, tuple[WireValue, WireValue]] = Field(default_factory=dict, max_length=64)
    base_rev: int | None = Field(default=None, ge=0, le=MAX_REV)


class PushRequest(WireModel):
    mutations: list[Mutation] = Field(max_length=MAX_PUSH_BATCH)


class RecordState(WireModel):
    """A record as the account may see it now: every field it may read in `values`, the rest named in
    `hidden`. Tombstones (`deleted`) carry their last values too, so a replica can store them."""

    kind: RecordKind
    id: str
    rev: int
    deleted: bool
    updated_at: UtcTime
    updated_by: str
    owner_member_id: str | None
    values: dict[str, Any]
    hidden: list[str] = Field(default_factory=list)


class ConflictOut(WireModel):
    """Both sides changed `field` from `base`: `theirs` is the server's value, `mine` the pushing desktop's.
    `kept` says which one the record holds now (the server's, except that an edit revives a deleted record).
    For an edit-versus-delete conflict `field` is "deleted"."""

    id: str
    kind: RecordKind
    record_id: str
    field: str
    base: Any
    theirs: Any
    mine: Any
    kept: Literal["theirs", "mine"]
    owner_member_id: str | None
    mutation_id: str | None
    created_by: str
    created_at: UtcTime
    resolved: bool
    # "superseded": replaced by a newer conflict of the same account on the same field
    resolution: Literal["mine", "theirs", "superseded"] | None = None
    resolved_by: str | None = None
    resolved_at: UtcTime | None = None


class MutationOutcome(WireModel):
    """applied: every change taken, nobody else changed the record since base_rev; merged: every change
    taken alongside others' changes; conflict: some field kept the server's value (see `conflicts`);
    rejected: nothing taken (`code`, messages and `problems` say why; resending will not help)."""

    mutation_id: str
    status: OutcomeStatus
    rev: int | None = None
    code: str | None = None
    zh: str | None = None
    en: str | None = None
    problems: list[ProblemOut] = Field(default_factory=list)
    record: RecordState | None = None
    conflicts: list[ConflictOut] = Field(default_factory=list)


class PushResponse(WireModel):
    outcomes: list[MutationOutcome]


# ---- pull ----------------------------------------------------------------------------------------------


class KindChecksum(WireModel):
    count: int
    # `record_checksum` over the live records now; or, in an answer "as of" a revision (`at`), `protocol_sums`'
    # order-free sum at that revision instead.
    checksum: str | None = None
    sum: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")


class KindSums(WireModel):
    """Each kind's live-record count and `protocol_sums` sum as of revision `at` (a pull's last page, when asked)."""

    at: int
    kinds: dict[str, KindChecksum]


class PullResponse(WireModel):
    """Records changed after the request's cursor, in rev order; then any older-unseen records the page's
    records refer to (`prerequisites`, so every page satisfies foreign keys by itself). Store `cursor`
    (not the largest rev seen) with the applied page; pull again while `has_more`."""

    changes: list[RecordState]
    prerequisites: list[RecordState] = Field(default_factory=list)
    cursor: int
    has_more: bool
    server_rev: int
    # Only when asked (`conflicts_digest=true`) and only on a pull's last page (`has_more` false): the
    # `conflicts_digest` of the open conflicts the account may see, read in the page's own transaction. A desktop
    # whose own open conflicts give the same digest has nothing to ask GET /conflicts for.
    conflicts_digest: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    # Only when asked (`sums=true`), only on the last page, and only when the server's running sums reach its
    # cursor: every kind's count and sum as of the page's cursor, what GET /sync/checksums?at=<cursor> answers.
    sums: KindSums | None = None


class ChecksumsResponse(WireModel):
    """Per kind: how many live records there are and `record_checksum` over their (id, rev); or, when the desktop
    asked `at` its cursor and the server can answer as of it, the count and `protocol_sums.record_sum` as of `at`."""

    server_rev: int
    kinds: dict[str, KindChecksum]
    at: int | None = None


def record_checksum(pairs: Iterable[tuple[str, int | None]]) -> str:
    """The checksum both sides compute over a kind's live records: sha256 of sorted "id:rev" lines."""
    digest = hashlib.sha256()
    for record_id, rev in sorted(pairs):
        digest.update(f"{record_id}:{rev}\n".encode())
    return digest.hexdigest()


# ---- conflicts and history -----------------------------------------------------------------------------


def conflicts_digest(conflict_ids: Iterable[str]) -> str:
    """The digest both sides compute over a set of open conflicts: sha256 of their sorted ids, one a line. An open
    conflict never changes (it is made once, then resolved or superseded, which closes it), so equal sets of ids
    are equal lists."""
    digest = hashlib.sha256()
    for conflict_id in sorted(conflict_ids):
        digest.update(f"{conflict_id}\n".encode())
    return digest.hexdigest()


class ResolveRequest(WireModel):
    keep: Literal["mine", "theirs"]


class ResolveResponse(WireModel):
    conflict: ConflictOut
    record: RecordState


class HistoryEntry(WireModel):
    rev: int
    op: Op
    field: str
    old: Any
    new: Any
    changed_by: str
    changed_at: UtcTime
    mutation_id: str | None


class HistoryResponse(WireModel):
    kind: RecordKind
    record_id: str
    entries: list[HistoryEntry]


class Health(WireModel):
    status: Literal["ok"]
    protocol_version: int
    schema_version: int
    server_rev: int


class EpochInfo(WireModel):
    """The server's history: `epoch` changes when the database is restored; `since_rev` is the revision the
    restored history ends at (records a desktop holds at a higher revision of an older epoch were lost)."""

    epoch: str
    since_rev: int
    server_rev: int


def version_headers() -> dict[str, str]:
    """The headers a client sends on every /api/v1 request."""
    return {PROTOCOL_HEADER: str(PROTOCOL_VERSION), SCHEMA_HEADER: str(SCHEMA_VERSION)}
