"""Spreadsheet import and export of alliance records (.xlsx, .xls, .ods, .csv): check all, then write all or nothing.

An import is four steps, each a function a wizard page can call (in a worker thread; the long ones take
`progress(done, total)` and `cancelled() -> bool`):

1. `read_table(path, is_header=is_known_header(kind)) -> RawTable` — the sheet as text: `headers`, `rows`
   (each a `RawRow` with the `number` the spreadsheet shows and its `cells`), `header_rows` (title rows and
   merged group headers above the data are set aside). Raises `TransferError` with one sentence for a file
   that cannot be read (junk, damaged or cut short, password-protected, empty).
2. `match_headers(kind, headers) -> HeaderMatch` — `mapping` {file column index: column name}, `unknown`
   [(index, header)] for the wizard to map by hand (choices: `columns(kind)`, each with `label(lang)`), and
   `problems` (a column named twice). A wizard may pass its own {index: name} mapping to the next step.
3. `check_rows(desk, kind, table, mapping) -> ImportPlan` — writes nothing. `plan.rows` says per row
   create / update / unchanged / invalid; `plan.problems` lists every problem as a `RowProblem` (row, column,
   cell `value`, `column_index` to highlight, `message(lang)`, `line(lang)` such as
   `行 12 · 电话 · "123" · 电话号码格式不正确…`).
4. `apply_plan(desk, plan, valid_only=False) -> ImportResult` — refuses a plan with problems unless
   `valid_only` (then the invalid rows are `skipped`); backs the store up (`store.backup("before-import")`),
   then creates and updates through the services' writes in one transaction, so every change has its sync
   outbox entry and a cancel or a failure leaves the store as it was. `result.changes` is the ChangeSet.

Rows are matched to stored records by the ID column, else (members) the credit code, else the natural key
(`columns.NATURAL_KEYS`: a member's name, a contact's member and name, a project's lead member and title,
...), so re-importing a file changes nothing. A column in the file is the truth for its field: an empty cell
clears an optional field (fields that cannot be empty keep their value); columns not in the file are left
alone. Members are named by full, short or English name, credit code or id.

Export: `export_records(desk, kind, path, lang=, query= or ids=) -> ExportResult` writes what a list page
shows (the query's filter, all rows) as the account may see it.
"""

from alliance_app.services.transfer.apply import apply_plan
from alliance_app.services.transfer.check import check_rows, plan_file
from alliance_app.services.transfer.columns import EXPORT_KINDS, IMPORT_KINDS, KIND_LABELS, Column, columns
from alliance_app.services.transfer.export import ExportResult, export_records
from alliance_app.services.transfer.headers import HeaderMatch, is_known_header, match_headers
from alliance_app.services.transfer.plan import ImportPlan, ImportResult, PlannedRow
from alliance_app.services.transfer.problems import ImportCancelled, RowProblem, TransferError
from alliance_app.services.transfer.read import RawRow, RawTable, read_table

__all__ = [
    "EXPORT_KINDS",
    "IMPORT_KINDS",
    "KIND_LABELS",
    "Column",
    "ExportResult",
    "HeaderMatch",
    "ImportCancelled",
    "ImportPlan",
    "ImportResult",
    "PlannedRow",
    "RawRow",
    "RawTable",
    "RowProblem",
    "TransferError",
    "apply_plan",
    "check_rows",
    "columns",
    "export_records",
    "is_known_header",
    "match_headers",
    "plan_file",
    "read_table",
]
