"""Days and hours said the way people count them, in both languages: whole calendar days in
the reader's time zone, hours under a day, plurals without "(s)", months in French."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import keyshapes
import pytest

from wizard.core.expiry import Span, describe_expiry, span_between
from wizard.core.keys import recognise_key

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
PARIS = timezone(timedelta(hours=1), "CET")
ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def token_expiring(delta: timedelta) -> object:
    return recognise_key(keyshapes.openwebui_jwt(exp=(NOW + delta).timestamp()), now=NOW)


@pytest.mark.parametrize(
    ("delta", "en", "fr"),
    [
        (timedelta(hours=3), "3 hours left", "encore 3 heures"),
        (timedelta(hours=1, minutes=5), "1 hour left", "encore 1 heure"),
        (timedelta(minutes=20), "less than an hour left", "encore moins d'une heure"),
        (timedelta(hours=23, minutes=59), "23 hours left", "encore 23 heures"),
        (timedelta(days=1, hours=2), "1 day left", "encore 1 jour"),
        (timedelta(days=4), "4 days left", "encore 4 jours"),
        (timedelta(days=-1, hours=23), "1 hour ago", "il y a 1 heure"),
        (timedelta(hours=-5), "5 hours ago", "il y a 5 heures"),
        (timedelta(days=-1), "1 day ago", "il y a 1 jour"),
        (timedelta(days=-3), "3 days ago", "il y a 3 jours"),
    ],
)
def test_hours_under_a_day_and_exact_plurals(delta: timedelta, en: str, fr: str) -> None:
    report = token_expiring(delta)
    english = describe_expiry(report, "en", NOW, UTC)  # type: ignore[arg-type]
    french = describe_expiry(report, "fr", NOW, UTC)  # type: ignore[arg-type]
    assert en in english and fr in french
    for text in (english, french):
        assert "0 day" not in text and "0 jour" not in text and "(s)" not in text
    assert "1 days" not in english and "1 jours" not in french and "1 heures" not in french


def test_whole_calendar_days_in_the_readers_time_zone() -> None:
    # 23:00 in Paris; the token expires at 09:00 Paris time two days later: 34 hours, but
    # two calendar days for a reader in Paris.
    now = datetime(2026, 11, 24, 22, 0, tzinfo=UTC)
    expires = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
    assert span_between(now, expires, PARIS) == Span(3, "day")
    assert span_between(now, expires, UTC) == Span(3, "day")
    tokyo = timezone(timedelta(hours=9), "JST")
    assert span_between(now, expires, tokyo) == Span(2, "day")


def test_french_sentences_hold_french_dates_only() -> None:
    for month in range(1, 13):
        moment = datetime(2026, month, 15, 12, 0, tzinfo=UTC)
        report = recognise_key(keyshapes.openwebui_jwt(exp=moment.timestamp()), now=NOW)
        french = describe_expiry(report, "fr", NOW, UTC)
        assert not any(name in french for name in ENGLISH_MONTHS), french
        english = describe_expiry(report, "en", NOW, UTC)
        assert ENGLISH_MONTHS[month - 1] in english


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_status_says_hours_for_a_token_that_ends_today(tmp_path: Path, lang: str) -> None:
    (tmp_path / "backend").mkdir()
    (tmp_path / "backend/.env").write_text(
        f"OPENWEBUI_API_KEY={keyshapes.openwebui_jwt(exp=time.time() + 3 * 3600 + 600)}\n"
    )
    env = {**os.environ, "TZ": "Europe/Paris"}
    done = subprocess.run(
        [sys.executable, "-m", "wizard", "status", "--project", str(tmp_path), "--lang", lang],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    words = {"en": "in 3 hours", "fr": "dans 3\u00a0heures"}[lang].replace("\u00a0", " ")
    assert words in done.stdout
    assert "✓" not in done.stdout  # a token that dies today is no tick
    assert " 0 day" not in done.stdout and " 0 jour" not in done.stdout
    data = json.loads(
        subprocess.run(
            [sys.executable, "-m", "wizard", "status", "--project", str(tmp_path), "--json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        ).stdout
    )
    (credential,) = data["credentials"]
    assert credential["severity"] == "critical" and credential["usable"] is False
