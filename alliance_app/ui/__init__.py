"""The desktop window of Alliance Desk (PySide6): pages, table models, forms and the operations they run."""
