"""The central server: accounts, push and pull of the alliance records, conflicts and history (FastAPI)."""
