"""Messages: an unexpected fault, and where its details were written (--debug)."""

MESSAGES: dict[str, dict[str, str]] = {
    "faults.log-written": {
        "en": "The details of this fault (keys masked) are in {path}, readable by you only: "
        "send that file to whoever maintains your TechNova setup.",
        "fr": "Les détails de ce défaut (clés masquées) sont dans {path}, lisible par vous "
        "seul : envoyez ce fichier à la personne qui s'occupe de votre installation "
        "TechNova.",
    },
    "faults.log-hint": {
        "en": "To write its details to a private file, run the same command again with --debug.",
        "fr": "Pour en écrire les détails dans un fichier privé, relancez la même commande "
        "avec --debug.",
    },
    "faults.log-failed": {
        "en": "Its details could not be written either ({error}).",
        "fr": "Ses détails n'ont pas pu être écrits non plus ({error}).",
    },
}
