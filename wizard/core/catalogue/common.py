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
    "expiry.jwt_no_exp": {
        "en": "This session token has no expiry date, so it never expires. It still stops "
        "working if Open WebUI's secret key changes or the session is ended.",
        "fr": "Ce jeton de session n'a pas de date d'expiration : il n'expire donc jamais. "
        "Il cesse pourtant de fonctionner si la clé secrète d'Open WebUI change ou si la "
        "session est fermée.",
    },
    "expiry.ok": {
        "en": "Expires on {when} ({days} days left).",
        "fr": "Expire le {when} (encore {days} jours).",
    },
    "expiry.renew-soon": {
        "en": "Expires on {when}: only {days} days left. Renew it soon.",
        "fr": "Expire le {when} : plus que {days} jours. Renouvelez-la bientôt.",
    },
    "expiry.urgent": {
        "en": "Expires on {when}: {days} days left. Renew it now.",
        "fr": "Expire le {when} : encore {days} jours. Renouvelez-la maintenant.",
    },
    "expiry.expired": {
        "en": "Expired on {when} ({days} days ago). It no longer works: renew it.",
        "fr": "A expiré le {when} (il y a {days} jours). Cette clé ne fonctionne plus : "
        "renouvelez-la.",
    },
}
