"""Messages: many projects in one run, and the monitoring outputs (Nagios/Icinga, Prometheus)."""

MESSAGES: dict[str, dict[str, str]] = {
    "many.list-unreadable.what": {
        "en": "The list of projects {file} could not be read ({error}).",
        "fr": "La liste de projets {file} n'a pas pu être lue ({error}).",
    },
    "many.list-unreadable.why": {
        "en": "--projects-from needs a text file (UTF-8) with one project folder per line.",
        "fr": "--projects-from attend un fichier texte (UTF-8) avec un dossier de projet par "
        "ligne.",
    },
    "many.list-unreadable.next": {
        "en": "Check the file's path and that this user may read it; lines starting with # "
        "are comments.",
        "fr": "Vérifiez le chemin du fichier et que cet utilisateur peut le lire ; les lignes "
        "qui commencent par # sont des commentaires.",
    },
    "many.list-empty.what": {
        "en": "The list of projects {file} names no project folder.",
        "fr": "La liste de projets {file} ne nomme aucun dossier de projet.",
    },
    "many.list-empty.why": {
        "en": "Every line is empty or a comment (starting with #).",
        "fr": "Toutes ses lignes sont vides ou sont des commentaires (commençant par #).",
    },
    "many.list-empty.next": {
        "en": "Add one project folder per line, for example /srv/sites/shop.",
        "fr": "Ajoutez un dossier de projet par ligne, par exemple /srv/sites/boutique.",
    },
    "many.parallel-too-small.what": {
        "en": "--parallel {value} cannot work: at least one check must run at a time.",
        "fr": "--parallel {value} ne peut pas fonctionner : au moins une vérification doit "
        "tourner à la fois.",
    },
    "many.parallel-too-small.why": {
        "en": "--parallel is how many live checks run at once, all projects together.",
        "fr": "--parallel indique combien de vérifications en direct tournent en même temps, "
        "tous projets confondus.",
    },
    "many.parallel-too-small.next": {
        "en": "Give a whole number of 1 or more, or leave it out (16).",
        "fr": "Indiquez un nombre entier d'au moins 1, ou ne le précisez pas (16).",
    },
    "monitoring.not-prom.what": {
        "en": "The Prometheus file {file} must end in .prom.",
        "fr": "Le fichier Prometheus {file} doit se terminer par .prom.",
    },
    "monitoring.not-prom.why": {
        "en": "node_exporter's textfile collector reads only the files whose names end in "
        ".prom; any other file would be ignored without a word.",
        "fr": "Le collecteur textfile de node_exporter ne lit que les fichiers dont le nom se "
        "termine par .prom ; tout autre fichier serait ignoré sans prévenir.",
    },
    "monitoring.not-prom.next": {
        "en": "Name the file for example technova.prom, in the folder given to node_exporter "
        "with --collector.textfile.directory.",
        "fr": "Nommez le fichier par exemple technova.prom, dans le dossier donné à "
        "node_exporter avec --collector.textfile.directory.",
    },
    "monitoring.output-unwritable.what": {
        "en": "The results could not be written to {file} ({error}).",
        "fr": "Les résultats n'ont pas pu être écrits dans {file} ({error}).",
    },
    "monitoring.output-unwritable.why": {
        "en": "The folder does not exist, or this user may not write in it.",
        "fr": "Le dossier n'existe pas, ou cet utilisateur n'a pas le droit d'y écrire.",
    },
    "monitoring.output-unwritable.next": {
        "en": "Create the folder, or give --output a file in a folder this user can write.",
        "fr": "Créez le dossier, ou donnez à --output un fichier dans un dossier où cet "
        "utilisateur peut écrire.",
    },
    "many.check-failed": {
        "en": "This project could not be checked: {what}",
        "fr": "Ce projet n'a pas pu être vérifié : {what}",
    },
    "many.heading": {
        "en": "{count} projects checked.",
        "fr": "{count} projets vérifiés.",
    },
    # Nagios/Icinga: the word after TECHNOVA (OK, WARNING…) is the plugin convention, never
    # translated; the text after the dash is.
    "nagios.ok.one": {
        "en": "{project}: all checks passed",
        "fr": "{project} : toutes les vérifications sont bonnes",
    },
    "nagios.ok.many": {
        "en": "all checks passed for the {count} projects",
        "fr": "toutes les vérifications sont bonnes pour les {count} projets",
    },
    "nagios.finding": {
        "en": "{project}: {what}",
        "fr": "{project} : {what}",
    },
    "nagios.more.one": {
        "en": "(and 1 more finding below)",
        "fr": "(et 1 autre constat ci-dessous)",
    },
    "nagios.more.many": {
        "en": "(and {count} more findings below)",
        "fr": "(et {count} autres constats ci-dessous)",
    },
    "reminder.units-unwritable": {
        "en": "The timer could not be written to {folder} ({error}).",
        "fr": "Le minuteur n'a pas pu être écrit dans {folder} ({error}).",
    },
    "reminder.no-systemd": {
        "en": "This computer has no systemd for your user (a container, macOS or an old "
        "system): use the crontab line instead.",
        "fr": "Cet ordinateur n'a pas de systemd pour votre utilisateur (un conteneur, macOS "
        "ou un système ancien) : utilisez plutôt la ligne crontab.",
    },
    "reminder.timer-refused": {
        "en": "systemd did not start {timer}. See why with: systemctl --user status {timer}",
        "fr": "systemd n'a pas démarré {timer}. Voyez pourquoi avec : systemctl --user "
        "status {timer}",
    },
}
