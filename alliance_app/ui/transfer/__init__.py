"""Spreadsheet import (a wizard) and export (of a list's current view) in the window."""
