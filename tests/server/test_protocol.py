"""The wire schemas stay in step with the record tables and stay import-light."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import typing

from alliance_app.models import RECORD_TYPES, Role, field_specs
from alliance_app.settings import Settings
from alliance_app.sync import protocol

# The record fields each protocol SCHEMA_VERSION describes. A change here means: bump SCHEMA_VERSION (and
# write the server migration), then record the new fingerprint. 2 added the report's narratives.
FINGERPRINTS = {
    1: "4a2f1368f8b1733ee6ab53061066d66ff72fe4aec1138516b6099e3dc0221f22",
    2: "59b4859eb5815fca10f6c111dccb360e9e39265294935d911604d58e253f4c0c",
}


def _fingerprint() -> str:
    text = "\n".join(
        f"{t.kind}.{s.name}:{s.type}:{s.required}:{s.enum and sorted(m.value for m in s.enum)}"
        for t in RECORD_TYPES
        for s in field_specs(t.kind)
    )
    return hashlib.sha256(text.encode()).hexdigest()


def test_the_record_fields_match_the_schema_version_the_protocol_declares() -> None:
    assert FINGERPRINTS.get(protocol.SCHEMA_VERSION) == _fingerprint()


def test_the_protocol_knows_every_record_kind() -> None:
    assert set(protocol.RECORD_KINDS) == {t.kind for t in RECORD_TYPES}


def test_the_wire_and_the_settings_name_exactly_the_roles_of_the_role_enum() -> None:
    # Both stay free of the models (the protocol import-light, the settings below every layer), so they spell the
    # codes out; this is what keeps those copies equal to the one declaration.
    codes = tuple(role.value for role in Role)
    assert typing.get_args(protocol.Role) == codes
    assert typing.get_args(Settings.model_fields["account_role"].annotation) == codes


def test_importing_the_protocol_pulls_in_neither_the_server_nor_sqlalchemy_nor_httpx() -> None:
    heavy = "('fastapi', 'sqlalchemy', 'httpx', 'alliance_app.server')"
    code = f"import sys, alliance_app.sync.protocol; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_served_schema_has_its_kinds_and_fields_frozen_for_the_compatibility_window() -> None:
    from alliance_app.sync import protocol_window as versions

    current = {t.kind: frozenset(s.name for s in field_specs(t.kind)) for t in RECORD_TYPES}
    assert versions.KNOWN.get(protocol.SCHEMA_VERSION) == current, "freeze the new schema's fields in versions.KNOWN"
    for schema in range(versions.OLDEST_SCHEMA, protocol.SCHEMA_VERSION + 1):
        assert schema in versions.KNOWN, f"schema {schema} is served but what it knows is not frozen"
