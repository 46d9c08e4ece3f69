"""Recognise what a pasted text is: which kind of key, what we cleaned, what is wrong with it.

Pure: no I/O, no clock other than the `now` it is given. Every shape below comes from
../shared/FACTS.md (Open WebUI's `'sk-' + uuid4().hex`, OpenAI's layouts from gitleaks' rule).
"""

from __future__ import annotations

import json
import re
from enum import StrEnum

from wizard.core.record import field, record
from wizard.core.secret import Secret

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: see record.py
if TYPE_CHECKING:
    from datetime import datetime


class KeyKind(StrEnum):
    OPENAI_PROJECT = "openai-project"
    OPENAI_SERVICE_ACCOUNT = "openai-service-account"
    OPENAI_ADMIN = "openai-admin"
    OPENAI_LEGACY = "openai-legacy"
    OPENWEBUI_API_KEY = "openwebui-api-key"
    OPENWEBUI_JWT = "openwebui-jwt"
    UNKNOWN = "unknown"

    @property
    def is_openai(self) -> bool:
        return self.value.startswith("openai-")

    @property
    def is_openwebui(self) -> bool:
        return self.value.startswith("openwebui-")


class Slot(StrEnum):
    """Where a key is meant to go: the variable that holds it."""

    OPENWEBUI = "OPENWEBUI_API_KEY"  # backend/.env: the backend's key to Open WebUI
    OPENAI = "OPENAI_API_KEY"  # websocket-server/.env and Open WebUI's connection


# Fix codes (what we cleaned) and problem codes (what we cannot fix), as in `identify --json`.
FIX_WHITESPACE = "whitespace"
FIX_QUOTES = "quotes"
FIX_INVISIBLE = "invisible"
FIX_VARIABLE_NAME = "variable-name"
FIX_BEARER = "bearer"

PROBLEM_EMPTY = "empty"
PROBLEM_NOT_A_KEY = "not-a-key"
PROBLEM_TRUNCATED = "truncated"
PROBLEM_MADE_UP_PREFIX = "made-up-prefix"
PROBLEM_OTHER_SERVICE = "other-service"
PROBLEM_EXPIRED = "expired"
PROBLEM_NO_EXPIRY = "no-expiry"  # a session token without `exp`: it never expires (a warning only)
PROBLEM_WRONG_PLACE = "wrong-place"  # an Open WebUI key where the OpenAI key goes, or the reverse
PROBLEM_ADMIN_KEY = "admin-key"  # an OpenAI admin key cannot call the models or chat endpoints
PROBLEM_DAMAGED = "damaged"  # starts like a key (`sk-`, `eyJ`), but the rest is not one
PROBLEM_MASKED = "masked"  # the shortened form dashboards and logs show: `sk-proj-…sQoA`
PROBLEM_LOOK_ALIKE = "look-alike"  # `ѕk-` with a Cyrillic ѕ: looks like a key prefix, is not one
PROBLEM_TOO_LONG = "too-long"  # far longer than any key: a whole file or page was pasted
PROBLEM_BAD_EXPIRY = "bad-expiry"  # a session token whose `exp` is not a readable date
PROBLEM_FAR_EXPIRY = "far-expiry"  # a session token whose `exp` lies past the year 9999

# Problems that leave a key usable: everything else stops it.
HARMLESS_PROBLEMS = frozenset({PROBLEM_NO_EXPIRY, PROBLEM_FAR_EXPIRY})

# Longer than any key or session token (a JWT with Open WebUI's claims is ~300 characters).
MAX_KEY_LENGTH = 8192

# `T3BlbkFJ` is base64 of "OpenAI": it sits between two equal halves in OpenAI's keys.
OPENAI_MARKER = "T3BlbkFJ"
_OPENAI_CHARSET = re.compile(r"[A-Za-z0-9_-]+")
_OPENWEBUI_API_KEY = re.compile(r"sk-[0-9a-f]{32}")
_HEX = re.compile(r"[0-9a-f]*")
_JWT_PART = re.compile(r"[A-Za-z0-9_-]*")
_LEGACY_BODY_LENGTH = 48  # sk- + 20 + T3BlbkFJ + 20
_HALVES = (58, 74)  # the two half lengths seen in project, service-account and admin keys
_HS256_SIGNATURE_LENGTH = 43  # 32 bytes, base64url without padding

_PREFIXED_KINDS = (  # longest prefixes first
    ("sk-svcacct-", KeyKind.OPENAI_SERVICE_ACCOUNT),
    ("sk-admin-", KeyKind.OPENAI_ADMIN),
    ("sk-proj-", KeyKind.OPENAI_PROJECT),
)

# Prefixes invented by folk guides: Open WebUI keys never start like this (FACTS.md, "Myths").
MADE_UP_PREFIXES = ("owui-", "openwebui-", "open-webui-", "webui-", "owu-")

# Other services' keys people paste by mistake, and the service's name to tell them.
OTHER_SERVICES = (
    ("sk-ant-", "Anthropic (Claude)"),
    ("AIza", "Google"),
    ("ghp_", "GitHub"),
    ("github_pat_", "GitHub"),
    ("hf_", "Hugging Face"),
    ("gsk_", "Groq"),
    ("xai-", "xAI (Grok)"),
    ("AKIA", "Amazon Web Services"),
    ("sk_live_", "Stripe"),
    ("sk_test_", "Stripe"),
    ("xoxb-", "Slack"),
    ("xoxp-", "Slack"),
)

_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00a0\u202f\u2007\u00ad\u180e\u2028\u2029"), None
)
_QUOTES = "\"'`“”‘’«»„"
# What a dashboard or a log puts in place of a key's middle: `...`, `…`, `****`, `••••`.
_MASK_MARKS = r"\.{3}|…|[*•●]{2,}|\*"  # compiled by `re` when first needed: 0.3 ms
_MASK_CHARACTERS = ("...", "…", "*", "•", "●")  # in every text _MASK_MARKS finds anything in
# Letters from other scripts that look like the Latin ones of `sk-` and `eyJ`, and dashes that
# look like `-`. NFKC already folds full-width forms (`ｓｋ－`).
_LOOK_ALIKES = str.maketrans(
    {
        "\u0455": "s",  # Cyrillic dze
        "\u03c2": "s",  # Greek final sigma
        "\u043a": "k",  # Cyrillic ka
        "\u03ba": "k",  # Greek kappa
        "\u049b": "k",
        "\u0435": "e",  # Cyrillic ie
        "\u03b5": "e",  # Greek epsilon
        "\u0443": "y",  # Cyrillic u
        "\u04af": "y",
        "\u03b3": "y",  # Greek gamma
        "\u0408": "J",  # Cyrillic je
        "\u037f": "J",  # Greek yot
        "\u0458": "j",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\ufe63": "-",
        "\u00ad": "-",
    }
)
_VARIABLE_PREFIX = re.compile(r"^(?:export\s+)?[A-Za-z_][A-Za-z0-9_.]*(?:\s*=\s*|\s*:\s+)")
_BEARER_PREFIX = re.compile(r"^(?:authorization\s*:\s*)?bearer\s+", re.IGNORECASE)


@record
class KeyReport:
    """What a pasted text turned out to be. Holds the cleaned key as a `Secret`."""

    kind: KeyKind
    secret: Secret = field(repr=True)
    fixes: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    expires_at: datetime | None = None  # UTC; only session tokens carry one
    other_service: str | None = None  # the service's name when `other-service`
    claims: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @property
    def masked(self) -> str:
        return self.secret.masked

    @property
    def usable(self) -> bool:
        """True when nothing stops this key from being used where it was meant to go."""
        return self.kind is not KeyKind.UNKNOWN and not (set(self.problems) - HARMLESS_PROBLEMS)

    @property
    def looks_like_secret(self) -> bool:
        """True for anything that is, or was, a key: worth hiding even when it is unusable."""
        # A look-alike (`ѕk-proj-…` with a Cyrillic ѕ) is a real key behind one wrong letter.
        secretive = {PROBLEM_OTHER_SERVICE, PROBLEM_LOOK_ALIKE}
        return self.kind is not KeyKind.UNKNOWN or bool(secretive & set(self.problems))

    @property
    def belongs_in(self) -> str | None:
        """The place this key goes in a TechNova project, or None when it goes nowhere."""
        if not self.usable:
            return None
        return belongs_in(self.kind)


def belongs_in(kind: KeyKind) -> str | None:
    if kind.is_openwebui:
        return "backend/.env"
    if kind in (KeyKind.OPENAI_PROJECT, KeyKind.OPENAI_SERVICE_ACCOUNT, KeyKind.OPENAI_LEGACY):
        return "websocket-server/.env"
    return None


def clean_pasted_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove what people paste by accident around a key; return the text and what was removed."""
    fixes: list[str] = []

    def note(code: str) -> None:
        if code not in fixes:
            fixes.append(code)

    current = text
    while True:
        before = current
        without_invisible = current.translate(_INVISIBLE)
        if without_invisible != current:
            note(FIX_INVISIBLE)
            current = without_invisible
        stripped = current.strip()
        if stripped != current:
            note(FIX_WHITESPACE)
            current = stripped
        match = _BEARER_PREFIX.match(current)
        if match:
            note(FIX_BEARER)
            current = current[match.end() :]
            continue
        match = _VARIABLE_PREFIX.match(current)
        # Only a name followed by something: a bare "NAME=" is left to be reported as not a key.
        if match and match.end() < len(current):
            note(FIX_VARIABLE_NAME)
            current = current[match.end() :]
            continue
        # Keys never hold quotes: any at either end (paired or not) were copied around it.
        unquoted = current.strip(_QUOTES)
        if unquoted != current:
            note(FIX_QUOTES)
            current = unquoted
            continue
        if current == before:
            break
    # A key copied across a line break (an e-mail, a narrow terminal) comes back in pieces.
    if any(ch.isspace() for ch in current):
        joined = "".join(current.split())
        if _looks_like_one_token(joined):
            note(FIX_WHITESPACE)
            current = joined
    return current, tuple(fixes)


def _looks_like_one_token(text: str) -> bool:
    return bool(re.fullmatch(r"(sk-|eyJ)[A-Za-z0-9_.\-]+", text))


def recognise_key(text: str, *, slot: Slot | None = None, now: datetime | None = None) -> KeyReport:
    """Say what kind of key `text` is once cleaned, what was cleaned, and what is wrong.

    `slot` is where the user is putting it (so an Open WebUI key pasted for OpenAI, or the
    reverse, is caught before anything is sent). A session token's expiry is judged against
    `now`, by default the moment it is read.
    """
    if len(text) > 4 * MAX_KEY_LENGTH:
        # Not worth cleaning: nothing that long is a key (and cleaning it would take time).
        return KeyReport(KeyKind.UNKNOWN, Secret(text), (), (PROBLEM_TOO_LONG,))
    cleaned, fixes = clean_pasted_text(text)
    secret = Secret(cleaned)

    if not cleaned:
        return KeyReport(KeyKind.UNKNOWN, secret, fixes, (PROBLEM_EMPTY,))
    if len(cleaned) > MAX_KEY_LENGTH:
        return KeyReport(KeyKind.UNKNOWN, secret, fixes, (PROBLEM_TOO_LONG,))
    if _looks_like_a_prefix(cleaned):
        return KeyReport(KeyKind.UNKNOWN, secret, fixes, (PROBLEM_LOOK_ALIKE,))
    if is_masked_copy(cleaned):
        return KeyReport(KeyKind.UNKNOWN, secret, fixes, (PROBLEM_MASKED,))

    for prefix, service in OTHER_SERVICES:
        if cleaned.startswith(prefix):
            return KeyReport(
                KeyKind.UNKNOWN, secret, fixes, (PROBLEM_OTHER_SERVICE,), other_service=service
            )
    if cleaned.lower().startswith(MADE_UP_PREFIXES):
        return KeyReport(KeyKind.UNKNOWN, secret, fixes, (PROBLEM_MADE_UP_PREFIX,))

    if cleaned.startswith("eyJ"):
        report = _recognise_jwt(secret, fixes, now)
    elif cleaned.startswith("sk-"):
        report = _recognise_sk(secret, fixes)
    else:
        return KeyReport(KeyKind.UNKNOWN, secret, fixes, (PROBLEM_NOT_A_KEY,))
    if report.problems == (PROBLEM_NOT_A_KEY,) and len(cleaned) > 3:
        # It does start like a key: say that the rest was damaged, not "keys start with sk-".
        report = KeyReport(KeyKind.UNKNOWN, secret, fixes, (PROBLEM_DAMAGED,))

    if slot is not None and report.kind is not KeyKind.UNKNOWN:
        wanted_openai = slot is Slot.OPENAI
        if (wanted_openai and report.kind.is_openwebui) or (
            not wanted_openai and report.kind.is_openai
        ):
            report = _with_problem(report, PROBLEM_WRONG_PLACE)
    return report


def is_masked_copy(text: str) -> bool:
    """`sk-proj-...sQoA`, `sk-…abcd`, `sk-proj-****MxYA`: a key as dashboards and logs show it."""
    if not text.startswith(("sk-", "eyJ")) or not any(c in text for c in _MASK_CHARACTERS):
        return False  # the usual case, a whole key: decided without the pattern
    if not re.search(_MASK_MARKS, text):
        return False
    # Around the marks, only what keys are made of.
    return bool(_OPENAI_CHARSET.fullmatch(re.sub(_MASK_MARKS, "-", text.replace(".", "-"))))


def _looks_like_a_prefix(text: str) -> bool:
    """True when the text starts like `sk-` or `eyJ` only to the eye (other scripts, dashes)."""
    head = text[:12]
    if head.isascii():
        return False
    import unicodedata  # a C module with Unicode's tables: loaded only for such a text

    folded = unicodedata.normalize("NFKC", head).translate(_LOOK_ALIKES)
    return folded.startswith(("sk-", "eyJ")) and not text.startswith(("sk-", "eyJ"))


def _with_problem(report: KeyReport, problem: str) -> KeyReport:
    return KeyReport(
        report.kind,
        report.secret,
        report.fixes,
        (*report.problems, problem),
        report.expires_at,
        report.other_service,
        report.claims,
    )


def _recognise_sk(secret: Secret, fixes: tuple[str, ...]) -> KeyReport:
    value = secret.reveal()
    body = value[3:]

    if _OPENWEBUI_API_KEY.fullmatch(value):
        return KeyReport(KeyKind.OPENWEBUI_API_KEY, secret, fixes)
    if _HEX.fullmatch(body) and len(body) < 32:
        # Lowercase hex cut short. Past 20 characters it can only be Open WebUI's (an OpenAI
        # legacy key has `T3BlbkFJ` there); before that it could be either.
        kind = KeyKind.OPENWEBUI_API_KEY if len(body) > 20 else KeyKind.UNKNOWN
        return KeyReport(kind, secret, fixes, (PROBLEM_TRUNCATED,))

    for prefix, kind in _PREFIXED_KINDS:
        if value.startswith(prefix):
            rest = value[len(prefix) :]
            if not _OPENAI_CHARSET.fullmatch(rest or "-"):
                return KeyReport(KeyKind.UNKNOWN, secret, fixes, (PROBLEM_NOT_A_KEY,))
            problems = () if _halves_complete(rest) else (PROBLEM_TRUNCATED,)
            if kind is KeyKind.OPENAI_ADMIN:
                problems = (*problems, PROBLEM_ADMIN_KEY)
            return KeyReport(kind, secret, fixes, problems)

    if not _OPENAI_CHARSET.fullmatch(body or "-"):
        return KeyReport(KeyKind.UNKNOWN, secret, fixes, (PROBLEM_NOT_A_KEY,))
    # Other `sk-…` keys: legacy user keys (sk- + 48), `sk-None-…` and other OpenAI layouts.
    if OPENAI_MARKER in body:
        head, _, tail = body.partition(OPENAI_MARKER)
        head = head.removeprefix("None-")
        truncated = len(tail) < len(head)
    else:
        truncated = len(body) < _LEGACY_BODY_LENGTH
    problems = (PROBLEM_TRUNCATED,) if truncated else ()
    return KeyReport(KeyKind.OPENAI_LEGACY, secret, fixes, problems)


def _halves_complete(rest: str) -> bool:
    """Project, service-account and admin keys are `half + T3BlbkFJ + half`: short tail = cut."""
    if OPENAI_MARKER in rest:
        head, _, tail = rest.partition(OPENAI_MARKER)
        return len(tail) >= len(head) and len(head) >= min(_HALVES)
    # No marker: a newer layout we do not know yet; only an obviously short one is cut.
    return len(rest) >= 2 * min(_HALVES) + len(OPENAI_MARKER)


def _recognise_jwt(secret: Secret, fixes: tuple[str, ...], now: datetime | None) -> KeyReport:
    # Dates only here: an API key's status never imports datetime.
    from datetime import UTC, datetime

    value = secret.reveal()
    parts = value.split(".")
    if not all(_JWT_PART.fullmatch(part) for part in parts):
        return KeyReport(KeyKind.UNKNOWN, secret, fixes, (PROBLEM_NOT_A_KEY,))
    if len(parts) < 3 or len(parts[2]) < _HS256_SIGNATURE_LENGTH:
        # A readable header (`{"alg": …}`) says it was a token before it was cut.
        kind = KeyKind.OPENWEBUI_JWT if _is_jwt_header(parts[0]) else KeyKind.UNKNOWN
        return KeyReport(kind, secret, fixes, (PROBLEM_TRUNCATED,))
    if len(parts) > 3:
        return KeyReport(KeyKind.UNKNOWN, secret, fixes, (PROBLEM_NOT_A_KEY,))
    # Without the server's secret we cannot verify the signature; we only read the claims.
    header, claims = _json_part(parts[0]), _json_part(parts[1])
    if not isinstance(header, dict) or not isinstance(claims, dict) or not _b64(parts[2]):
        return KeyReport(KeyKind.UNKNOWN, secret, fixes, (PROBLEM_NOT_A_KEY,))

    if "exp" not in claims or claims["exp"] is None:
        return KeyReport(KeyKind.OPENWEBUI_JWT, secret, fixes, (PROBLEM_NO_EXPIRY,), claims=claims)
    exp = claims["exp"]
    if not isinstance(exp, int | float) or isinstance(exp, bool) or exp != exp:  # NaN too
        return KeyReport(KeyKind.OPENWEBUI_JWT, secret, fixes, (PROBLEM_BAD_EXPIRY,), claims=claims)
    try:
        expires_at = datetime.fromtimestamp(exp, UTC)
    except (OverflowError, OSError, ValueError):
        # Past the calendar (year 9999): it never expires in practice. Before year 1: unreadable.
        problem = PROBLEM_FAR_EXPIRY if exp > 0 else PROBLEM_BAD_EXPIRY
        return KeyReport(KeyKind.OPENWEBUI_JWT, secret, fixes, (problem,), claims=claims)
    problems = (PROBLEM_EXPIRED,) if expires_at <= (now or datetime.now(UTC)) else ()
    return KeyReport(KeyKind.OPENWEBUI_JWT, secret, fixes, problems, expires_at, claims=claims)


_FROM_URLSAFE = str.maketrans("-_", "+/")


def _b64(part: str) -> bytes | None:
    """A base64url part decoded (padding optional), or None when it is not base64url: what
    `base64.urlsafe_b64decode` does, without `base64`, which also loads the C module `struct`
    (each costs ~0.8 ms to load, at every hourly start of `status` on a session token)."""
    import binascii  # only for session tokens: an API key's status never decodes anything

    try:
        return binascii.a2b_base64(part.translate(_FROM_URLSAFE) + "=" * (-len(part) % 4))
    except ValueError:  # binascii.Error is one; so is a character beyond ASCII
        return None


def _json_part(part: str) -> object:
    """A JWT part as JSON (header or claims), read with the standard library only.

    pyjwt would load `cryptography` (~44 ms) for a signature we cannot check anyway. The
    length is bounded by MAX_KEY_LENGTH; deep nesting or bad bytes read as None.
    """
    data = _b64(part)
    if data is None:
        return None
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None


def _is_jwt_header(part: str) -> bool:
    header = _json_part(part)
    return isinstance(header, dict) and "alg" in header


# --- a key that may be written ------------------------------------------------------------------

_CHECKED = object()  # only `check_key` holds it: no other code can make a CheckedKey


class CheckedKey:
    """A key recognised as usable for its own slot, and only that slot.

    Made only by `check_key`: writing an Open WebUI key into `OPENAI_API_KEY` (or the reverse)
    cannot be expressed, because every writer takes a `CheckedKey` and writes it at `.slot`.
    """

    __slots__ = ("report", "slot")

    def __init__(self, report: KeyReport, slot: Slot, token: object) -> None:
        if token is not _CHECKED:
            raise TypeError("a CheckedKey is made by check_key(), which recognises it first")
        self.report = report
        self.slot = slot

    @property
    def secret(self) -> Secret:
        return self.report.secret

    @property
    def masked(self) -> str:
        return self.report.masked

    @property
    def kind(self) -> KeyKind:
        return self.report.kind

    def __repr__(self) -> str:
        return f"CheckedKey({self.slot.value}, {self.masked!r})"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, CheckedKey)
            and other.slot is self.slot
            and other.secret == self.secret
        )

    def __hash__(self) -> int:
        return hash((self.slot, self.secret))


def check_key(value: str | Secret, slot: Slot) -> CheckedKey:
    """The key cleaned, recognised and bound to `slot`; a `WizardError` when it cannot go there.

    Refused: a key of the other kind (`plan.wrong-slot.<SLOT>`), and anything the recogniser
    finds unusable — cut short, not a key, expired… (`plan.unusable`, with the reason).
    """
    from wizard.core.errors import WizardError
    from wizard.core.i18n import Msg

    text = value.reveal() if isinstance(value, Secret) else value
    report = recognise_key(text, slot=slot)
    if PROBLEM_WRONG_PLACE in report.problems:
        raise WizardError(f"plan.wrong-slot.{slot.value}", masked=report.masked)
    if not report.usable:
        code = next(iter(report.problems), PROBLEM_NOT_A_KEY)
        params: dict[str, object] = {"service": report.other_service or ""}
        if report.expires_at is not None:
            from wizard.core.expiry import LocalDateTime

            params["when"] = LocalDateTime(report.expires_at)
        raise WizardError(
            "plan.unusable", masked=report.masked or "—", reason=Msg(f"problem.{code}", params)
        )
    return CheckedKey(report, slot, _CHECKED)
