"""Expiry: the exact date, days left, the renewal level, and dates in the user's language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import keyshapes
import pytest

from wizard.core.expiry import (
    RenewalLevel,
    describe_expiry,
    expiry_at,
    expiry_of,
    format_local_datetime,
    format_utc,
)
from wizard.core.keys import recognise_key

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("left", "level"),
    [
        (timedelta(days=28), RenewalLevel.OK),
        (timedelta(days=10, seconds=1), RenewalLevel.OK),
        (timedelta(days=10), RenewalLevel.RENEW_SOON),
        (timedelta(days=6), RenewalLevel.RENEW_SOON),
        (timedelta(days=5), RenewalLevel.URGENT),
        (timedelta(seconds=1), RenewalLevel.URGENT),
        (timedelta(0), RenewalLevel.EXPIRED),
        (timedelta(days=-3), RenewalLevel.EXPIRED),
    ],
)
def test_levels(left: timedelta, level: RenewalLevel) -> None:
    assert expiry_at(NOW + left, NOW).level is level


def test_days_left_round_down_and_go_negative() -> None:
    assert expiry_at(NOW + timedelta(days=3, hours=23), NOW).days_left == 3
    assert expiry_at(NOW - timedelta(days=2, hours=1), NOW).days_left == -3


def test_api_keys_never_expire() -> None:
    for key in (keyshapes.openwebui_api_key(), keyshapes.openai_project()):
        expiry = expiry_of(recognise_key(key), NOW)
        assert (expiry.level, expiry.expires_at) == (RenewalLevel.NEVER, None)


def test_the_myth_date_is_decoded_right_in_utc() -> None:
    report = recognise_key(keyshapes.openwebui_jwt(exp=1753747456))
    assert format_utc(report.expires_at) == "2025-07-29T00:04:16Z"


def test_dates_in_local_time_and_language() -> None:
    moment = datetime(2025, 7, 29, 0, 4, 16, tzinfo=UTC)
    paris_summer = timezone(timedelta(hours=2), "CEST")
    assert format_local_datetime(moment, "en", paris_summer) == "29 July 2025, 02:04 CEST"
    assert format_local_datetime(moment, "fr", paris_summer) == "29 juillet 2025 à 02:04 (CEST)"
    new_york = timezone(timedelta(hours=-4), "EDT")
    assert format_local_datetime(moment, "en", new_york) == "28 July 2025, 20:04 EDT"


def test_descriptions_in_both_languages() -> None:
    token = recognise_key(
        keyshapes.openwebui_jwt(exp=(NOW + timedelta(days=4)).timestamp()), now=NOW
    )
    utc = UTC
    assert "4 days left" in describe_expiry(token, "en", NOW, utc)
    assert "encore 4 jours" in describe_expiry(token, "fr", NOW, utc)
    assert "does not expire" in describe_expiry(recognise_key(keyshapes.openwebui_api_key()), "en")
    assert "n'expire pas" in describe_expiry(recognise_key(keyshapes.openwebui_api_key()), "fr")
    no_exp = recognise_key(keyshapes.openwebui_jwt())
    assert "never expires" in describe_expiry(no_exp, "en")
