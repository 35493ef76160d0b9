"""Every key of the store's metadata table (`store_meta`), declared once with what it holds. A module that reads
or writes the table names its key from here, never as a literal."""

from __future__ import annotations

# The store holds the demo alliance, and at which scale (Store.mark_demo, set by the demo loader).
DEMO = "demo"
DEMO_SCALE = "demo_scale"
# The sync server this store is tied to, and the account logged in there ({"username", "role", "member_id"}).
SERVER_URL = "server_url"
ACCOUNT = "account"
# When the last sync finished (ISO text, UTC).
LAST_SYNCED = "last_synced_at"
# The server revision pulled up to.
CURSOR = "sync_cursor"
# Kinds whose local copy is being rebuilt by a pull from cursor 0.
REPULL = "sync_repull"
# Records whose edit the server refused: to be reset to the server's state.
REFETCH = "sync_refetch"
# The cursor at which the last count/checksum check passed, and when every kind was last compared.
CHECKED_AT = "sync_checked_at"
FULL_CHECK_AT = "sync_full_check_at"
# The server history this store's records and cursor belong to (changes when the server is restored).
EPOCH = "sync_epoch"
# Records of a lost history, while the re-pull after a restore runs; lost edits waiting for the user's choice.
SET_ASIDE = "sync_restore_set_aside"
LOST = "sync_restore_lost"
# Moved on by every write transaction (store/generation.py): "has anything been written since I read?"
GENERATION = "write_generation"
