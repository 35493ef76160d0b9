"""The one error base, declared in alliance_app/errors.py (importable without the models); the models' modules
take it from here."""

from alliance_app.errors import AllianceError

__all__ = ["AllianceError"]
