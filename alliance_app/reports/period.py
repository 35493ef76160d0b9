"""Which days a report year covers: 1 January up to the as-of date, which is 31 December for a year that is over
and today (Beijing time) for the current one, whose figures are then provisional."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from alliance_app.models.errors import AllianceError

# The alliance works on Beijing time; China keeps no daylight saving time, so a fixed offset is exact and needs
# no time zone database (Windows has none without tzdata).
BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")


class ReportError(AllianceError):
    """A report the user asked for cannot be made (a year not begun or before the alliance, a bad language, an
    unwritable file); the sentence in both languages."""


def beijing_today(now: datetime | None = None) -> date:
    """Today's date in Beijing: a report made at 20:00 UTC on 31 December is already dated 1 January there."""
    return (now or datetime.now(UTC)).astimezone(BEIJING).date()


@dataclass(frozen=True)
class Period:
    """The days counted for `number`: from `start` to `end` (ISO text, compared as text with stored dates)."""

    number: int
    as_of: date

    @property
    def start(self) -> str:
        return f"{self.number:04d}-01-01"

    @property
    def end(self) -> str:
        return self.as_of.isoformat()

    @property
    def provisional(self) -> bool:
        """The year is not over: its figures may still change."""
        return self.as_of < date(self.number, 12, 31)


def period(year: int, today: date) -> Period:
    """The period of report year `year` as seen on `today`; a year not yet begun is refused with a sentence."""
    if year > today.year:
        raise ReportError(
            f"{year} 年尚未开始（今天是 {today.year}年{today.month}月{today.day}日），无法编制该年度报告。",
            f"The year {year} has not begun (today is {today.isoformat()}), so there is no report for it yet.",
        )
    return Period(year, min(date(year, 12, 31), today))


def refuse_before_founding(year: int, founded: date | None) -> None:
    """A year before the first member joined has nothing to report: refused, not typeset as pages of zeros."""
    if founded is not None and year < founded.year:
        raise ReportError(
            f"联盟成立于 {founded.year} 年（最早的成员单位于 {founded.isoformat()} 入盟），{year} 年尚无联盟，"
            "无法编制该年度报告。",
            f"The alliance began in {founded.year} (its first member joined on {founded.isoformat()}); there was no "
            f"alliance in {year}, so there is no report for that year.",
        )
