"""Messages: reading and writing the project's `.env` files."""

MESSAGES: dict[str, dict[str, str]] = {
    "files.is_directory.what": {
        "en": "{path} is a folder, not a file.",
        "fr": "{path} est un dossier, pas un fichier.",
    },
    "files.is_directory.why": {
        "en": "The settings must go in a file of that name, but a folder already has it.",
        "fr": "Les réglages doivent aller dans un fichier portant ce nom, mais un dossier "
        "le porte déjà.",
    },
    "files.is_directory.next": {
        "en": "Rename or move that folder if it is not needed, then try again.",
        "fr": "Renommez ou déplacez ce dossier s'il ne sert à rien, puis réessayez.",
    },
    "files.not_utf8.what": {
        "en": "{path} is not a plain text file we can read safely.",
        "fr": "{path} n'est pas un simple fichier texte que nous pouvons lire sans risque.",
    },
    "files.not_utf8.why": {
        "en": "It contains characters that are not UTF-8 text: it was probably saved with "
        "another encoding, or it is not a settings file at all. Changing it could damage it.",
        "fr": "Il contient des caractères qui ne sont pas du texte UTF-8 : il a sans doute "
        "été enregistré avec un autre encodage, ou ce n'est pas du tout un fichier de "
        "réglages. Le modifier risquerait de l'abîmer.",
    },
    "files.not_utf8.next": {
        "en": "Open it in a text editor, save it as UTF-8, then try again. Nothing was changed.",
        "fr": "Ouvrez-le dans un éditeur de texte, enregistrez-le en UTF-8, puis réessayez. "
        "Rien n'a été modifié.",
    },
    "files.not_readable.what": {
        "en": "We could not read {path}.",
        "fr": "Nous n'avons pas pu lire {path}.",
    },
    "files.not_readable.why": {
        "en": "Your user account is probably not allowed to open it (it may belong to "
        "another user or to the administrator).",
        "fr": "Votre compte n'a sans doute pas le droit de l'ouvrir (il appartient peut-être "
        "à un autre utilisateur ou à l'administrateur).",
    },
    "files.not_readable.next": {
        "en": "Run this tool as the user who owns the project, or ask its owner to give "
        "you access, then try again.",
        "fr": "Lancez cet outil avec le compte à qui appartient le projet, ou demandez à son "
        "propriétaire de vous en donner l'accès, puis réessayez.",
    },
    "files.not_writable.what": {
        "en": "We could not save {path}.",
        "fr": "Nous n'avons pas pu enregistrer {path}.",
    },
    "files.not_writable.why": {
        "en": "Your user account is not allowed to change this file or its folder, or the "
        "disk is read-only.",
        "fr": "Votre compte n'a pas le droit de modifier ce fichier ou son dossier, ou le "
        "disque est en lecture seule.",
    },
    "files.not_writable.next": {
        "en": "Run this tool as the user who owns the project (or ask them to), then try "
        "again. Nothing was changed.",
        "fr": "Lancez cet outil avec le compte à qui appartient le projet (ou demandez-le à "
        "cette personne), puis réessayez. Rien n'a été modifié.",
    },
    "files.missing.what": {
        "en": "{path} does not exist.",
        "fr": "{path} n'existe pas.",
    },
    "files.missing.why": {
        "en": "We were asked to change this file only if it is already there.",
        "fr": "Il nous a été demandé de ne modifier ce fichier que s'il existe déjà.",
    },
    "files.missing.next": {
        "en": "Check that you are in the right project folder, or let the tool create the file.",
        "fr": "Vérifiez que vous êtes dans le bon dossier de projet, ou laissez l'outil "
        "créer le fichier.",
    },
    "files.disk_full.what": {
        "en": "We could not save {path}: the disk is full.",
        "fr": "Nous n'avons pas pu enregistrer {path} : le disque est plein.",
    },
    "files.disk_full.why": {
        "en": "There is no free space left (or your space quota is used up).",
        "fr": "Il ne reste plus d'espace libre (ou votre quota d'espace est atteint).",
    },
    "files.disk_full.next": {
        "en": "Free some space, then try again. The file was left as it was.",
        "fr": "Libérez de la place, puis réessayez. Le fichier est resté tel quel.",
    },
    "files.write_failed.what": {
        "en": "We could not save {path}.",
        "fr": "Nous n'avons pas pu enregistrer {path}.",
    },
    "files.write_failed.why": {
        "en": "The system refused to write it for an unusual reason (a disk or network "
        "drive problem, for example).",
        "fr": "Le système a refusé de l'écrire pour une raison inhabituelle (un problème de "
        "disque ou de lecteur réseau, par exemple).",
    },
    "files.write_failed.next": {
        "en": "Try again in a moment. If it keeps failing, check the disk. The file was "
        "left as it was.",
        "fr": "Réessayez dans un instant. Si l'erreur persiste, vérifiez le disque. Le "
        "fichier est resté tel quel.",
    },
    "files.value_not_representable.what": {
        "en": "The value for {name} cannot be saved in a .env file as it is.",
        "fr": "La valeur de {name} ne peut pas être enregistrée telle quelle dans un fichier .env.",
    },
    "files.value_not_representable.why": {
        "en": "It contains something (a line break, a ${{...}} sequence or an unusual mix of "
        "quotes) that the programs reading the file would not all read back the same way; "
        "or the file around it is written in a way that saving it would change another "
        "setting.",
        "fr": "Elle contient quelque chose (un retour à la ligne, une séquence ${{...}} ou un "
        "mélange inhabituel de guillemets) que les programmes qui lisent le fichier ne "
        "reliraient pas tous de la même façon ; ou bien le fichier autour est écrit d'une "
        "manière telle que l'enregistrer modifierait un autre réglage.",
    },
    "files.value_not_representable.next": {
        "en": "Check that you copied the whole value and only it (a key is a single line). "
        "Nothing was changed.",
        "fr": "Vérifiez que vous avez copié la valeur entière, et seulement elle (une clé "
        "tient sur une seule ligne). Rien n'a été modifié.",
    },
    "files.bad_name.what": {
        "en": "{name} cannot be used as a setting name in a .env file.",
        "fr": "{name} ne peut pas servir de nom de réglage dans un fichier .env.",
    },
    "files.bad_name.why": {
        "en": "A name may hold only letters, digits, _ . and -, and must start with a letter or _.",
        "fr": "Un nom ne peut contenir que des lettres, des chiffres, _ . et -, et doit "
        "commencer par une lettre ou par _.",
    },
    "files.bad_name.next": {
        "en": "This is a fault in the tool: please report it. Nothing was changed.",
        "fr": "C'est un défaut de l'outil : merci de le signaler. Rien n'a été modifié.",
    },
}
