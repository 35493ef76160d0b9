"""How far a command's long work has got (demo, import, export, report), as a bar on stderr. Only on a terminal:
a script's or cron's log gets the result lines alone, not hundreds of redrawn bars."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from alliance_app.long_work import Progress


@contextmanager
def progress_bar(lang: str, zh: str, en: str) -> Iterator[Progress | None]:
    """Yields the `progress(done, total)` callback the services take, or None when stderr is not a terminal. The
    bar is cleared when the work ends, so the summary line that follows stands alone."""
    if not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm  # only a command on a terminal pays its import

    with tqdm(total=0, desc=zh if lang == "zh" else en, file=sys.stderr, leave=False, mininterval=0.1) as bar:

        def report(done: int, total: int) -> None:
            if total != bar.total:  # a new step with its own count (the check, then the write)
                bar.reset(total=total)
            bar.update(done - bar.n)

        yield report
