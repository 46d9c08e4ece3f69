"""When a key stops working, and how urgent its renewal is.

Facts (../shared/FACTS.md): Open WebUI API keys and OpenAI keys never expire; an Open WebUI
session token (JWT) expires at its `exp` claim, 4 weeks after sign-in by default.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from enum import StrEnum

from wizard.core.i18n import Lang, Msg, t
from wizard.core.keys import PROBLEM_NO_EXPIRY, KeyKind, KeyReport

RENEW_SOON_DAYS = 10
URGENT_DAYS = 5


class RenewalLevel(StrEnum):
    NEVER = "never"  # this key does not expire
    OK = "ok"
    RENEW_SOON = "renew-soon"  # at most 10 days left
    URGENT = "urgent"  # at most 5 days left
    EXPIRED = "expired"


@dataclass(frozen=True)
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
    moment = now or datetime.now(UTC)
    remaining = expires_at - moment
    days_left = math.floor(remaining / timedelta(days=1))
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
    local = moment.astimezone(zone)  # None = the computer's local time zone
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


@dataclass(frozen=True)
class LocalDateTime:
    """A moment shown in the reader's language and time zone when its message is rendered."""

    moment: datetime

    def render(self, lang: Lang) -> str:
        return format_local_datetime(self.moment, lang)


def format_utc(moment: datetime) -> str:
    """The exact instant, ISO 8601 in UTC: `2025-07-29T00:04:16Z` (for JSON and logs)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def describe_expiry(
    report: KeyReport, lang: Lang, now: datetime | None = None, zone: tzinfo | None = None
) -> str:
    """One sentence on when this key stops working, in the user's language and time zone."""
    return expiry_message(report, lang, now, zone).render(lang)


def expiry_message(
    report: KeyReport, lang: Lang, now: datetime | None = None, zone: tzinfo | None = None
) -> Msg:
    if report.kind is KeyKind.OPENWEBUI_JWT and PROBLEM_NO_EXPIRY in report.problems:
        return Msg("expiry.jwt_no_exp")
    expiry = expiry_of(report, now)
    if expiry.expires_at is None:
        return Msg("expiry.never")
    when = format_local_datetime(expiry.expires_at, lang, zone)
    days = expiry.days_left or 0
    if expiry.level is RenewalLevel.EXPIRED:
        return Msg("expiry.expired", {"when": when, "days": -days if days < 0 else 0})
    return Msg(f"expiry.{expiry.level.value}", {"when": when, "days": days})
