"""Messages: hostile files and servers — odd file types, links, modes, plain http, git."""

MESSAGES: dict[str, dict[str, str]] = {
    "safety.not-regular.what": {
        "en": "{path} is {kind}, not an ordinary file: we did not open it.",
        "fr": "{path} est {kind}, pas un fichier ordinaire : nous ne l'avons pas ouvert.",
    },
    "safety.not-regular.why": {
        "en": "Settings live in ordinary text files. Reading anything else could stop the "
        "program for ever or read endless data, and writing to it could not keep your keys.",
        "fr": "Les réglages se trouvent dans des fichiers texte ordinaires. Lire autre chose "
        "pourrait bloquer le programme indéfiniment ou lire des données sans fin, et y écrire "
        "ne pourrait pas conserver vos clés.",
    },
    "safety.not-regular.next": {
        "en": "Remove or rename it (ask whoever set it up if you do not know what it is), "
        "then try again. Nothing was changed.",
        "fr": "Supprimez-le ou renommez-le (demandez à la personne qui l'a installé si vous "
        "ne savez pas ce que c'est), puis réessayez. Rien n'a été modifié.",
    },
    "safety.kind.fifo": {"en": "a named pipe (FIFO)", "fr": "un tube nommé (FIFO)"},
    "safety.kind.device": {"en": "a device", "fr": "un périphérique"},
    "safety.kind.socket": {"en": "a socket", "fr": "une socket"},
    "safety.kind.directory": {"en": "a folder", "fr": "un dossier"},
    "safety.kind.other": {"en": "a special file", "fr": "un fichier spécial"},
    "safety.too-large.what": {
        "en": "{path} is too large to be a settings file: we did not read it.",
        "fr": "{path} est trop gros pour être un fichier de réglages : nous ne l'avons pas lu.",
    },
    "safety.too-large.why": {
        "en": "It is over {megabytes} MB, when such a file holds a few lines. It is probably "
        "not the file it is named after.",
        "fr": "Il dépasse {megabytes} Mo, alors qu'un tel fichier tient en quelques lignes. "
        "Ce n'est sans doute pas le fichier dont il porte le nom.",
    },
    "safety.too-large.next": {
        "en": "Look at what it holds, move it away if it is not your settings, then try "
        "again. Nothing was changed.",
        "fr": "Regardez ce qu'il contient, déplacez-le s'il ne s'agit pas de vos réglages, "
        "puis réessayez. Rien n'a été modifié.",
    },
    "safety.symlink-outside.what": {
        "en": "{path} is a link to {target}, outside the project: we did not write there.",
        "fr": "{path} est un lien vers {target}, hors du projet : nous n'y avons rien écrit.",
    },
    "safety.symlink-outside.why": {
        "en": "Writing through the link would change a file elsewhere on this computer, "
        "which may belong to something else. We only do it when you say so.",
        "fr": "Écrire à travers ce lien modifierait un fichier ailleurs sur cet ordinateur, "
        "qui sert peut-être à autre chose. Nous ne le faisons que si vous le demandez.",
    },
    "safety.symlink-outside.next": {
        "en": "If that file is really the one to change, try again and allow it (on the "
        "command line: --follow-symlinks). Otherwise replace the link by an ordinary file.",
        "fr": "Si c'est bien ce fichier qu'il faut modifier, réessayez en l'autorisant (en "
        "ligne de commande : --follow-symlinks). Sinon, remplacez le lien par un fichier "
        "ordinaire.",
    },
    "safety.group-can-read": {
        "en": "{file} stays readable by its group, as it was: everyone in that group can "
        "read the key. If no service needs it, make it private: chmod 600 {file}.",
        "fr": "{file} reste lisible par son groupe, comme avant : tous les membres de ce "
        "groupe peuvent lire la clé. Si aucun service n'en a besoin, rendez-le privé : "
        "chmod 600 {file}.",
    },
    "safety.kept-read-only": {
        "en": "{file} was read-only and stays read-only: the new value is in it, and it is "
        "still protected against changes.",
        "fr": "{file} était en lecture seule et le reste : la nouvelle valeur y est écrite, "
        "et il reste protégé contre les modifications.",
    },
    "transport.plain-http.what": {
        "en": "{url} is not encrypted (http, not https), and it is not this computer.",
        "fr": "{url} n'est pas chiffrée (http, pas https), et ce n'est pas cet ordinateur.",
    },
    "transport.plain-http.why": {
        "en": "A key or a password sent there crosses the network in clear text: anyone on "
        "the way (the Wi-Fi, the hosting provider) can read it.",
        "fr": "Une clé ou un mot de passe envoyé à cette adresse traverse le réseau en clair : "
        "n'importe qui sur le trajet (le Wi-Fi, l'hébergeur) peut le lire.",
    },
    "transport.plain-http.next": {
        "en": "Use the https:// address of the server if it has one. If the network is "
        "yours and you accept the risk, allow it (on the command line: --allow-http).",
        "fr": "Utilisez l'adresse https:// du serveur s'il en a une. Si le réseau est le "
        "vôtre et que vous acceptez le risque, autorisez-le (en ligne de commande : "
        "--allow-http).",
    },
    "safety.check-plain-http": {
        "en": "{file} sends its key to {url} without encryption (http to another computer): "
        "anyone on the network between them can read it. Use an https:// address.",
        "fr": "{file} envoie sa clé à {url} sans chiffrement (http vers un autre ordinateur) : "
        "n'importe qui sur le réseau entre les deux peut la lire. Utilisez une adresse "
        "https://.",
    },
    "safety.git-could-not-check": {
        "en": "We could not check whether git publishes {file}: git did not answer in this "
        "folder. Run “git status --ignored” there and make sure the file is ignored.",
        "fr": "Nous n'avons pas pu vérifier si git publie {file} : git n'a pas répondu dans "
        "ce dossier. Lancez « git status --ignored » dans ce dossier et vérifiez que le "
        "fichier est ignoré.",
    },
    "safety.key-tracked-by-git": {
        "en": "{file} holds a key ({masked}) and is committed to git: the key is in the "
        "project's history. Replace the key, then run: git rm --cached {file}.",
        "fr": "{file} contient une clé ({masked}) et est enregistré dans git : la clé est "
        "dans l'historique du projet. Remplacez la clé, puis lancez : git rm --cached {file}.",
    },
    "safety.key-would-be-added": {
        "en": "{file} holds a key ({masked}) and git would add it: one “git add .” would "
        "publish it. Delete the file if it is an old copy, or list it in .gitignore.",
        "fr": "{file} contient une clé ({masked}) et git l'ajouterait : un seul « git add . » "
        "la publierait. Supprimez le fichier s'il s'agit d'une vieille copie, ou listez-le "
        "dans .gitignore.",
    },
    "safety.answer-too-deep": {
        "en": "(an answer nested too deeply to read)",
        "fr": "(une réponse trop imbriquée pour être lue)",
    },
    "safety.bad-timeout.what": {
        "en": "{seconds} is not a time limit we can use.",
        "fr": "{seconds} n'est pas une limite de temps utilisable.",
    },
    "safety.bad-timeout.why": {
        "en": "A time limit must be a number of seconds above zero and at most a day "
        "(86400): zero, a negative number, “nan” or “inf” would mean never waiting or "
        "waiting for ever.",
        "fr": "Une limite de temps doit être un nombre de secondes supérieur à zéro et d'au "
        "plus un jour (86400) : zéro, un nombre négatif, « nan » ou « inf » voudraient dire "
        "ne jamais attendre ou attendre indéfiniment.",
    },
    "safety.bad-timeout.next": {
        "en": "Give a number of seconds such as 10, then try again.",
        "fr": "Indiquez un nombre de secondes, par exemple 10, puis réessayez.",
    },
    "diag.bad-address.what": {
        "en": "{url} is not an address we can connect to.",
        "fr": "{url} n'est pas une adresse à laquelle nous pouvons nous connecter.",
    },
    "diag.bad-address.why": {
        "en": "It holds characters no web address may hold (spaces, control characters), "
        "or its form is wrong: a typing or copying mistake in the settings, most likely.",
        "fr": "Elle contient des caractères interdits dans une adresse web (espaces, "
        "caractères de contrôle), ou sa forme est fausse : sans doute une erreur de frappe "
        "ou de copie dans les réglages.",
    },
    "diag.bad-address.next": {
        "en": "Correct the address in the settings file (it looks like "
        "http://localhost:3000 or https://chat.example.com), then check again.",
        "fr": "Corrigez l'adresse dans le fichier de réglages (elle ressemble à "
        "http://localhost:3000 ou https://chat.example.com), puis vérifiez de nouveau.",
    },
}
