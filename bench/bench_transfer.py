"""Benchmark: import and export of 10,000 projects (.xlsx and .csv) through the transfer services; prints seconds,
wall and CPU (other processes share the machine's 2 cores: CPU time is the fairer figure on a busy machine).

Goals (issue 12): import ≤ 2 s, export ≤ 1.5 s on a quiet machine.
Run: PYTHONPATH=. python bench/bench_transfer.py [ROWS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from alliance_app.models import Actor, Role, credit_code_check_char
from alliance_app.services import Desk
from alliance_app.services.transfer import apply_plan, export_records, plan_file
from alliance_app.store.engine import open_store


def _members(desk: Desk, n: int) -> list[str]:
    names = []
    for i in range(n):
        first17 = f"91420100{i:09d}"
        name = f"湖北测试科技有限公司{i:02d}"
        desk.create("member", {"name_zh": name, "credit_code": first17 + credit_code_check_char(first17)})
        names.append(name)
    return names


def _write_source(path: Path, names: list[str], rows: int) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("项目")
    sheet.append(["牵头单位", "项目名称", "重点领域", "项目类型", "状态", "开始日期", "结束日期", "投资额（万元）",
                  "资金来源", "项目简介", "合作单位"])  # fmt: skip
    domains = ["智能制造", "智慧城市", "智慧医疗", "区块链"]
    for i in range(rows):
        sheet.append([names[i % len(names)], f"人工智能应用示范项目 {i:05d}", domains[i % 4], "示范工程", "进行中",
                      "2024-03-01", "2026-12-31", 100 + i * 0.5, "企业自筹", "面向制造业的视觉质检与预测性维护。",
                      names[(i + 1) % len(names)] if i % 3 == 0 else ""])  # fmt: skip
    book.save(path)


_SPENT: dict[str, tuple[float, float]] = {}  # label → (wall, CPU) seconds


def _timed(label: str, work):  # type: ignore[no-untyped-def]
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    _SPENT[label] = (time.perf_counter() - start, time.process_time() - cpu)
    _print(label, *_SPENT[label])
    return result


def _print(label: str, wall: float, cpu: float) -> None:
    print(f"{label:<44}{wall:8.2f} s wall {cpu:8.2f} s CPU")


def main(rows: int = 10_000) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-transfer-"))
    desk = Desk(open_store(folder / "data"), Actor("秘书处", Role.SECRETARIAT))
    names = _members(desk, 73)
    source = folder / "projects.xlsx"
    _write_source(source, names, rows)
    print(f"{rows} projects, 73 members")
    _table, plan = _timed("import .xlsx: read + check", lambda: plan_file(desk, "project", source))
    result = _timed("import .xlsx: write (one transaction)", lambda: apply_plan(desk, plan))
    assert result.created == rows, result
    check, write = _SPENT["import .xlsx: read + check"], _SPENT["import .xlsx: write (one transaction)"]
    _print("import .xlsx in all (goal ≤ 2 s)", check[0] + write[0], check[1] + write[1])
    _timed("export .xlsx (goal ≤ 1.5 s)", lambda: export_records(desk, "project", folder / "out.xlsx"))
    _timed("export .csv", lambda: export_records(desk, "project", folder / "out.csv"))
    _table, again = _timed(
        "re-import exported .xlsx: read + check", lambda: plan_file(desk, "project", folder / "out.xlsx")
    )
    assert again.count("unchanged") == rows and again.ok, (again.count("unchanged"), again.problems[:3])
    _table, again = _timed(
        "re-import exported .csv: read + check", lambda: plan_file(desk, "project", folder / "out.csv")
    )
    assert again.count("unchanged") == rows and again.ok
    desk.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
