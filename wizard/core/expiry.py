"""When a key stops working, and how urgent its renewal is.

Facts (../shared/FACTS.md): Open WebUI API keys and OpenAI keys never expire; an Open WebUI
session token (JWT) expires at its `exp` claim, 4 weeks after sign-in by default.

`datetime` is imported where a date is handled: a key that never expires (an API key, the
usual case) is reported without it, hourly from cron.
"""

from __future__ import annotations

from enum import StrEnum

from wizard.core.i18n import Lang, Msg, Renderable, t
from wizard.core.keys import (
    PROBLEM_BAD_EXPIRY,
    PROBLEM_FAR_EXPIRY,
    PROBLEM_NO_EXPIRY,
    KeyKind,
    KeyReport,
)
from wizard.core.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: see record.py
if TYPE_CHECKING:
    from datetime import datetime, tzinfo

RENEW_SOON_DAYS = 10
URGENT_DAYS = 5


class RenewalLevel(StrEnum):
    NEVER = "never"  # this key does not expire
    OK = "ok"
    RENEW_SOON = "renew-soon"  # at most 10 days left
    URGENT = "urgent"  # at most 5 days left
    EXPIRED = "expired"


@record
class Span(Renderable):
    """A length of time as people say it: whole calendar days, or hours under a day.

    Renders with the right plural in each language ("1 day", "3 days", "1 jour", "3 heures",
    "less than an hour").
    """

    count: int
    unit: str  # "day" | "hour" | "under-an-hour"

    def render(self, lang: Lang) -> str:
        if self.unit == "under-an-hour":
            return t("span.under-an-hour", lang)
        # French uses the singular for 0 and 1, English for 1 only.
        singular = self.count in (0, 1) if lang == "fr" else self.count == 1
        return t(f"span.{self.unit}.{'one' if singular else 'other'}", lang, count=self.count)


def span_between(earlier: datetime, later: datetime, zone: tzinfo | None = None) -> Span:
    """How long from `earlier` to `later`: hours under a day, else calendar days in `zone`.

    Calendar days: a token expiring tomorrow morning expires "in 1 day" tonight, whatever the
    hour. `zone` None is the reader's local time zone.
    """
    from datetime import timedelta

    gap = later - earlier
    if gap < timedelta(hours=1):
        return Span(0, "under-an-hour")
    if gap < timedelta(days=1):
        return Span(int(gap / timedelta(hours=1)), "hour")
    days = (_local(later, zone).date() - _local(earlier, zone).date()).days
    return Span(max(days, 1), "day")


def _local(moment: datetime, zone: tzinfo | None) -> datetime:
    """`moment` in `zone` (None: local time); in UTC when the shift leaves the calendar."""
    from datetime import UTC

    try:
        return moment.astimezone(zone)
    except (OverflowError, ValueError, OSError):
        return moment.astimezone(UTC)


@record
class Expiry:
    expires_at: datetime | None  # UTC
    days_left: int | None  # whole days left, rounded down; negative once expired
    level: RenewalLevel


def expiry_of(report: KeyReport, now: datetime | None = None) -> Expiry:
    """The expiry of a recognised key (`never` for keys that do not expire)."""
    if report.kind is not KeyKind.OPENWEBUI_JWT or report.expires_at is None:
        # Includes a session token without `exp` (PROBLEM_NO_EXPIRY): it never expires either.
        return Expiry(None, None, RenewalLevel.NEVER)
    return expiry_at(report.expires_at, now)


def expiry_at(expires_at: datetime, now: datetime | None = None) -> Expiry:
    from datetime import UTC, datetime, timedelta

    moment = now or datetime.now(UTC)
    remaining = expires_at - moment
    days_left = remaining // timedelta(days=1)  # whole days, rounded down (as math.floor)
    if remaining <= timedelta(0):
        level = RenewalLevel.EXPIRED
    elif remaining <= timedelta(days=URGENT_DAYS):
        level = RenewalLevel.URGENT
    elif remaining <= timedelta(days=RENEW_SOON_DAYS):
        level = RenewalLevel.RENEW_SOON
    else:
        level = RenewalLevel.OK
    return Expiry(expires_at, days_left, level)


def format_local_datetime(moment: datetime, lang: Lang, zone: tzinfo | None = None) -> str:
    """A date and time in the user's time zone and language: "29 July 2025, 02:04 CEST"."""
    local = _local(moment, zone)  # None = the computer's local time zone
    months = t("date.months", lang).split(",")
    return t(
        "date.format",
        lang,
        day=local.day,
        month=months[local.month - 1],
        year=local.year,
        time=local.strftime("%H:%M"),
        zone=local.tzname() or local.strftime("%z"),
    )


@record
class LocalDateTime(Renderable):
    """A moment shown in the reader's language and time zone when its message is rendered."""

    moment: datetime

    def render(self, lang: Lang) -> str:
        return format_local_datetime(self.moment, lang)


def format_utc(moment: datetime) -> str:
    """The exact instant, ISO 8601 in UTC: `2025-07-29T00:04:16Z` (for JSON and logs)."""
    from datetime import UTC

    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def describe_expiry(
    report: KeyReport, lang: Lang, now: datetime | None = None, zone: tzinfo | None = None
) -> str:
    """One sentence on when this key stops working, in the user's language and time zone."""
    return expiry_message(report, lang, now, zone).render(lang)


def expiry_message(
    report: KeyReport, lang: Lang, now: datetime | None = None, zone: tzinfo | None = None
) -> Msg:
    if report.kind is KeyKind.OPENWEBUI_JWT:
        for problem in (PROBLEM_NO_EXPIRY, PROBLEM_FAR_EXPIRY, PROBLEM_BAD_EXPIRY):
            if problem in report.problems:
                return Msg(f"expiry.jwt.{problem}")
    expiry = expiry_of(report, now)
    if expiry.expires_at is None:
        return Msg("expiry.never")
    from datetime import UTC, datetime

    moment = now or datetime.now(UTC)
    when = format_local_datetime(expiry.expires_at, lang, zone)
    if expiry.level is RenewalLevel.EXPIRED:
        return Msg(
            "expiry.expired", {"when": when, "left": span_between(expiry.expires_at, moment, zone)}
        )
    left = span_between(moment, expiry.expires_at, zone)
    return Msg(f"expiry.{expiry.level.value}", {"when": when, "left": left})
