"""Messages: the chat widget's settings file (`technova-config.js`) and keys found in it."""

MESSAGES: dict[str, dict[str, str]] = {
    # A key found in the file (status, the wizard's check of the widget).
    "widget.secret_found.what": {
        "en": "A key ({masked}) is written in {path}, line {line}.",
        "fr": "Une clé ({masked}) est écrite dans {path}, ligne {line}.",
    },
    "widget.secret_found.why": {
        "en": "Every visitor of your website downloads this file and can read it, so anyone "
        "may already have seen and copied this key.",
        "fr": "Chaque visiteur de votre site télécharge ce fichier et peut le lire : "
        "n'importe qui a donc pu voir et copier cette clé.",
    },
    "widget.secret_found.next": {
        "en": "Remove the key from this file (technova-setup can do it for you), then replace "
        "it: delete (revoke) it where it was created and make a new one. Removing it is not "
        "enough, because a copy may already be out there. The new key goes in the backend's "
        ".env file, never in this file.",
        "fr": "Retirez la clé de ce fichier (technova-setup peut le faire pour vous), puis "
        "remplacez-la : supprimez-la (révoquez-la) là où elle a été créée et créez-en une "
        "nouvelle. La retirer ne suffit pas, car quelqu'un en a peut-être déjà une copie. La "
        "nouvelle clé va dans le fichier .env du serveur (backend), jamais dans ce fichier.",
    },
    "widget.secrets_removed": {
        "en": "Keys removed from {path}: {count}. The rest of the file is unchanged.",
        "fr": "Clés retirées de {path} : {count}. Le reste du fichier n'a pas changé.",
    },
    "widget.secrets_removed_replace": {
        "en": "These keys were public while they were in the file: replace each of them now "
        "(revoke the old one, make a new one).",
        "fr": "Ces clés étaient publiques tant qu'elles étaient dans le fichier : remplacez "
        "chacune d'elles maintenant (révoquez l'ancienne, créez-en une nouvelle).",
    },
    "widget.no_secret": {
        "en": "No key in {path}: good, this file holds nothing secret.",
        "fr": "Aucune clé dans {path} : très bien, ce fichier ne contient rien de secret.",
    },
    "widget.written": {
        "en": "The chat widget's settings are saved in {path}.",
        "fr": "Les réglages du widget de discussion sont enregistrés dans {path}.",
    },
    "widget.backup_kept": {
        "en": "The previous version of the file is kept as {backup}.",
        "fr": "L'ancienne version du fichier est conservée sous le nom {backup}.",
    },
    # Errors.
    "widget.secret_refused.what": {
        "en": "The value for {field} looks like a key ({masked}), so it was not written to "
        "the widget's settings file.",
        "fr": "La valeur de {field} ressemble à une clé ({masked}) : elle n'a donc pas été "
        "écrite dans le fichier de réglages du widget.",
    },
    "widget.secret_refused.why": {
        "en": "Every visitor of your website can read that file, so a key written there "
        "would be public.",
        "fr": "Chaque visiteur de votre site peut lire ce fichier : une clé écrite là "
        "deviendrait publique.",
    },
    "widget.secret_refused.next": {
        "en": "Give the address of your backend (for example http://localhost:3001) instead. "
        "Keys go in the backend's .env file, which technova-setup fills in for you.",
        "fr": "Donnez plutôt l'adresse de votre serveur (backend), par exemple "
        "http://localhost:3001. Les clés vont dans le fichier .env du serveur, que "
        "technova-setup remplit pour vous.",
    },
    "widget.unrecognised.what": {
        "en": "The widget's settings could not be found in {path}.",
        "fr": "Les réglages du widget sont introuvables dans {path}.",
    },
    "widget.unrecognised.why": {
        "en": "The file does not contain the usual block starting with "
        '"window.TechNovaConfig = {{", nor any of its settings (backendUrl, language…). '
        "It may have been rewritten by hand or replaced by another file.",
        "fr": "Le fichier ne contient pas le bloc habituel qui commence par "
        "« window.TechNovaConfig = {{ », ni aucun de ses réglages (backendUrl, language…). "
        "Il a peut-être été réécrit à la main ou remplacé par un autre fichier.",
    },
    "widget.unrecognised.next": {
        "en": "Nothing was changed. Check that {path} is the chat widget's settings file, or "
        "rename it and let technova-setup write a new one.",
        "fr": "Rien n'a été modifié. Vérifiez que {path} est bien le fichier de réglages du "
        "widget, ou renommez-le et laissez technova-setup en écrire un nouveau.",
    },
    "widget.field_computed.what": {
        "en": "The setting {field} in {path} is calculated by code, so it was not changed.",
        "fr": "Le réglage {field} dans {path} est calculé par du code : il n'a donc pas été "
        "modifié.",
    },
    "widget.field_computed.why": {
        "en": "technova-setup only changes settings written as plain text between quotes, "
        "so that it never breaks code someone wrote on purpose.",
        "fr": "technova-setup ne modifie que les réglages écrits en texte simple entre "
        "guillemets, pour ne jamais casser du code écrit volontairement.",
    },
    "widget.field_computed.next": {
        "en": "Nothing was changed. Ask the person who wrote this file to set {field} there, "
        "or replace that line by a value between quotes and run technova-setup again.",
        "fr": "Rien n'a été modifié. Demandez à la personne qui a écrit ce fichier d'y régler "
        "{field}, ou remplacez cette ligne par une valeur entre guillemets et relancez "
        "technova-setup.",
    },
    "widget.not_found.what": {
        "en": "The file {path} does not exist.",
        "fr": "Le fichier {path} n'existe pas.",
    },
    "widget.not_found.why": {
        "en": "It may have been moved, renamed or deleted, or the project is in another folder.",
        "fr": "Il a peut-être été déplacé, renommé ou supprimé, ou le projet se trouve dans "
        "un autre dossier.",
    },
    "widget.not_found.next": {
        "en": "Check the project folder, or let technova-setup write a new settings file.",
        "fr": "Vérifiez le dossier du projet, ou laissez technova-setup écrire un nouveau "
        "fichier de réglages.",
    },
    "widget.is_directory.what": {
        "en": "{path} is a folder, not the widget's settings file.",
        "fr": "{path} est un dossier, pas le fichier de réglages du widget.",
    },
    "widget.is_directory.why": {
        "en": "A folder was created with the name the settings file should have.",
        "fr": "Un dossier porte le nom que devrait avoir le fichier de réglages.",
    },
    "widget.is_directory.next": {
        "en": "Nothing was changed. Rename or remove that folder, then run technova-setup again.",
        "fr": "Rien n'a été modifié. Renommez ou supprimez ce dossier, puis relancez "
        "technova-setup.",
    },
    "widget.not_readable.what": {
        "en": "The file {path} could not be read ({reason}).",
        "fr": "Le fichier {path} n'a pas pu être lu ({reason}).",
    },
    "widget.not_readable.why": {
        "en": "Your user account is probably not allowed to open it.",
        "fr": "Votre compte n'a probablement pas le droit de l'ouvrir.",
    },
    "widget.not_readable.next": {
        "en": "Run technova-setup as the user who owns the website's files, or ask the person "
        "who manages this computer to let you read {path}.",
        "fr": "Lancez technova-setup avec le compte à qui appartiennent les fichiers du site, "
        "ou demandez à la personne qui gère cet ordinateur de vous donner accès à {path}.",
    },
    "widget.not_utf8.what": {
        "en": "The file {path} contains characters that could not be read (line {line}).",
        "fr": "Le fichier {path} contient des caractères illisibles (ligne {line}).",
    },
    "widget.not_utf8.why": {
        "en": "It was probably saved with an old text encoding instead of UTF-8, or it is not "
        "a text file.",
        "fr": "Il a probablement été enregistré avec un ancien encodage au lieu de l'UTF-8, "
        "ou ce n'est pas un fichier texte.",
    },
    "widget.not_utf8.next": {
        "en": "Nothing was changed. Open {path} in a text editor and save it as UTF-8, then "
        "run technova-setup again.",
        "fr": "Rien n'a été modifié. Ouvrez {path} dans un éditeur de texte, enregistrez-le "
        "en UTF-8, puis relancez technova-setup.",
    },
    "widget.not_writable.what": {
        "en": "The file {path} could not be saved ({reason}).",
        "fr": "Le fichier {path} n'a pas pu être enregistré ({reason}).",
    },
    "widget.not_writable.why": {
        "en": "Your user account is probably not allowed to change this folder, or the disk "
        "is full.",
        "fr": "Votre compte n'a probablement pas le droit de modifier ce dossier, ou le "
        "disque est plein.",
    },
    "widget.not_writable.next": {
        "en": "The old file is unchanged. Run technova-setup as the user who owns the "
        "website's files, or free some disk space, then try again.",
        "fr": "L'ancien fichier n'a pas changé. Lancez technova-setup avec le compte à qui "
        "appartiennent les fichiers du site, ou libérez de la place sur le disque, puis "
        "réessayez.",
    },
}
