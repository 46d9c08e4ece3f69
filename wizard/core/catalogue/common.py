"""Messages shared by every part: dates, expiry, generic words."""

MESSAGES: dict[str, dict[str, str]] = {
    "date.months": {
        "en": "January,February,March,April,May,June,July,August,September,October,"
        "November,December",
        "fr": "janvier,février,mars,avril,mai,juin,juillet,août,septembre,octobre,"
        "novembre,décembre",
    },
    "date.format": {
        "en": "{day} {month} {year}, {time} {zone}",
        "fr": "{day} {month} {year} à {time} ({zone})",
    },
    "expiry.never": {
        "en": "This key does not expire. It stops working only if it is deleted or replaced.",
        "fr": "Cette clé n'expire pas. Elle ne cesse de fonctionner que si elle est supprimée "
        "ou remplacée.",
    },
    "expiry.jwt.no-expiry": {
        "en": "This session token has no expiry date, so it never expires. It still stops "
        "working if Open WebUI's secret key changes or the session is ended.",
        "fr": "Ce jeton de session n'a pas de date d'expiration : il n'expire donc jamais. "
        "Il cesse pourtant de fonctionner si la clé secrète d'Open WebUI change ou si la "
        "session est fermée.",
    },
    "expiry.jwt.far-expiry": {
        "en": "This session token's expiry date lies after the year 9999: in practice it never "
        "expires. It still stops working if Open WebUI's secret key changes or the session "
        "is ended.",
        "fr": "La date d'expiration de ce jeton de session tombe après l'an 9999 : en pratique, "
        "il n'expire jamais. Il cesse pourtant de fonctionner si la clé secrète d'Open WebUI "
        "change ou si la session est fermée.",
    },
    "expiry.jwt.bad-expiry": {
        "en": "This session token's expiry date (its “exp” field) is not a date that can be "
        "read, so when it stops working cannot be known.",
        "fr": "La date d'expiration de ce jeton de session (son champ « exp ») n'est pas une "
        "date lisible : on ne peut pas savoir quand il cessera de fonctionner.",
    },
    "expiry.ok": {
        "en": "Expires on {when} ({left} left).",
        "fr": "Expire le {when} (encore {left}).",
    },
    "expiry.renew-soon": {
        "en": "Expires on {when}: only {left} left. Renew it soon.",
        "fr": "Expire le {when} : plus que {left}. Renouvelez-le bientôt.",
    },
    "expiry.urgent": {
        "en": "Expires on {when}: {left} left. Renew it now.",
        "fr": "Expire le {when} : encore {left}. Renouvelez-le maintenant.",
    },
    "expiry.expired": {
        "en": "Expired on {when} ({left} ago). It no longer works: renew it.",
        "fr": "A expiré le {when} (il y a {left}). Ce jeton ne fonctionne plus : renouvelez-le.",
    },
    # Lengths of time, with their plurals ({count} is a whole number).
    "span.day.one": {"en": "{count} day", "fr": "{count} jour"},
    "span.day.other": {"en": "{count} days", "fr": "{count} jours"},
    "span.hour.one": {"en": "{count} hour", "fr": "{count} heure"},
    "span.hour.other": {"en": "{count} hours", "fr": "{count} heures"},
    "span.under-an-hour": {"en": "less than an hour", "fr": "moins d'une heure"},
}
