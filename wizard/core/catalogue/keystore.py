"""Messages: the OS keyring (password store) and why it may not be usable."""

_ENV_ONLY_EN = (
    "You can keep the key only in the project's .env files (readable only by you) — "
    "the wizard will ask you first."
)
_ENV_ONLY_FR = (
    "Vous pouvez garder la clé uniquement dans les fichiers .env du projet (lisibles par "
    "vous seul) — l'assistant vous demandera d'abord votre accord."
)

MESSAGES: dict[str, dict[str, str]] = {
    # Errors (what / why / next). `why` is the precise reason, a `keystore.reason.*` message.
    "keystore.unavailable.what": {
        "en": "No password store (keyring) can be used on this computer.",
        "fr": "Aucun trousseau de mots de passe n'est utilisable sur cet ordinateur.",
    },
    "keystore.unavailable.why": {"en": "{reason}", "fr": "{reason}"},
    "keystore.unavailable.next": {"en": _ENV_ONLY_EN, "fr": _ENV_ONLY_FR},
    "keystore.locked.what": {
        "en": "Your password store (keyring) is locked.",
        "fr": "Votre trousseau de mots de passe est verrouillé.",
    },
    "keystore.locked.why": {"en": "{reason}", "fr": "{reason}"},
    "keystore.locked.next": {
        "en": "Unlock it by logging in to the desktop (on a server: run "
        "`gnome-keyring-daemon --unlock` and type your password), then try again. " + _ENV_ONLY_EN,
        "fr": "Déverrouillez-le en ouvrant une session sur le bureau (sur un serveur : lancez "
        "`gnome-keyring-daemon --unlock` et tapez votre mot de passe), puis réessayez. "
        + _ENV_ONLY_FR,
    },
    "keystore.failed.what": {
        "en": "The password store (keyring) could not do what we asked.",
        "fr": "Le trousseau de mots de passe n'a pas pu faire ce que nous lui demandions.",
    },
    "keystore.failed.why": {"en": "{reason}", "fr": "{reason}"},
    "keystore.failed.next": {
        "en": "Try again. If it keeps failing, log out and back in to restart the password "
        "store. " + _ENV_ONLY_EN,
        "fr": "Réessayez. Si l'erreur persiste, fermez puis rouvrez votre session pour "
        "redémarrer le trousseau. " + _ENV_ONLY_FR,
    },
    "keystore.timeout.what": {
        "en": "The password store (keyring) did not answer within {seconds} seconds.",
        "fr": "Le trousseau de mots de passe n'a pas répondu en {seconds} secondes.",
    },
    "keystore.timeout.why": {
        "en": "It is probably waiting for an unlock window that you cannot see (on another "
        "screen, or in a session without a desktop).",
        "fr": "Il attend sans doute une fenêtre de déverrouillage que vous ne voyez pas (sur un "
        "autre écran, ou dans une session sans bureau).",
    },
    "keystore.timeout.next": {
        "en": "If an unlock window is open, answer it and try again. " + _ENV_ONLY_EN,
        "fr": "Si une fenêtre de déverrouillage est ouverte, répondez-y puis réessayez. "
        + _ENV_ONLY_FR,
    },
    # Reasons: why the keyring is not usable (KeyringInfo.reason and the errors' `why`).
    "keystore.reason.no_session": {
        "en": "This computer has no desktop session (no D-Bus session bus), as is usual on "
        "servers and over SSH, so no password store can be reached.",
        "fr": "Cet ordinateur n'a pas de session de bureau (pas de bus de session D-Bus), comme "
        "c'est souvent le cas sur un serveur ou via SSH : aucun trousseau n'est joignable.",
    },
    "keystore.reason.no_service": {
        "en": "No password store program (such as GNOME Keyring or KWallet) is running or "
        "installed in this session.",
        "fr": "Aucun programme de trousseau (comme GNOME Keyring ou KWallet) n'est lancé ou "
        "installé dans cette session.",
    },
    "keystore.reason.no_backend": {
        "en": "No password store that Python's keyring library can use was found on this computer.",
        "fr": "Aucun trousseau utilisable par la bibliothèque Python keyring n'a été trouvé sur "
        "cet ordinateur.",
    },
    "keystore.reason.disabled": {
        "en": "The keyring has been turned off for your account (its “null” backend is "
        "configured).",
        "fr": "Le trousseau a été désactivé pour votre compte (son moteur « null » est configuré).",
    },
    "keystore.reason.plaintext": {
        "en": "The only keyring set up here writes passwords unencrypted to a file, which is "
        "no safer than the .env files, so we do not use it.",
        "fr": "Le seul trousseau configuré ici écrit les mots de passe en clair dans un "
        "fichier, ce qui n'est pas plus sûr que les fichiers .env : nous ne l'utilisons pas.",
    },
    "keystore.reason.unsupported": {
        "en": "The keyring set up here ({backend}) is not the system's password store and may "
        "ask for its own password in the terminal, so we do not use it.",
        "fr": "Le trousseau configuré ici ({backend}) n'est pas celui du système et peut "
        "demander son propre mot de passe dans le terminal : nous ne l'utilisons pas.",
    },
    "keystore.reason.no_collection": {
        "en": "The password store has no keyring to keep keys in yet, and the window to "
        "create one could not be shown (no desktop) or was closed.",
        "fr": "Le trousseau ne contient encore aucun porte-clés où ranger les clés, et la "
        "fenêtre pour en créer un n'a pas pu s'afficher (pas de bureau) ou a été fermée.",
    },
    "keystore.reason.locked": {
        "en": "It must be unlocked with your password before keys can be read or saved, and "
        "the unlock window was closed or could not be shown.",
        "fr": "Il doit être déverrouillé avec votre mot de passe avant de pouvoir lire ou "
        "enregistrer des clés, et la fenêtre de déverrouillage a été fermée ou n'a pas pu "
        "s'afficher.",
    },
    # `status` reads without ever asking for a password: it may run unattended (a timer).
    "keystore.reason.locked_unasked": {
        "en": "The keyring is locked, and status never asks for your password (it may run "
        "unattended), so the copies kept there were not compared. Unlock it, or run the "
        "wizard, to compare them.",
        "fr": "Le trousseau est verrouillé, et status ne demande jamais votre mot de passe (il "
        "peut tourner sans personne devant l'écran) : les copies qui y sont gardées n'ont pas "
        "été comparées. Déverrouillez-le, ou lancez l'assistant, pour les comparer.",
    },
    "keystore.reason.no_collection_yet": {
        "en": "The password store has no keyring yet, so no key is kept there. The wizard "
        "creates one when it saves the keys.",
        "fr": "Le trousseau ne contient encore aucun porte-clés : aucune clé n'y est gardée. "
        "L'assistant en crée un quand il enregistre les clés.",
    },
    "keystore.reason.init": {
        "en": "The password store could not be opened ({detail}).",
        "fr": "Le trousseau n'a pas pu être ouvert ({detail}).",
    },
    "keystore.reason.error": {
        "en": "It answered with an error we did not expect ({detail}).",
        "fr": "Il a répondu par une erreur inattendue ({detail}).",
    },
    "keystore.reason.timeout": {
        "en": "The password store did not answer within {seconds} seconds: it is probably "
        "waiting for an unlock window that nobody can see.",
        "fr": "Le trousseau n'a pas répondu en {seconds} secondes : il attend sans doute une "
        "fenêtre de déverrouillage que personne ne voit.",
    },
    "keystore.name.none": {"en": "none", "fr": "aucun"},
    "keystore.name.macos": {"en": "macOS Keychain", "fr": "Trousseau d'accès macOS"},
    "keystore.name.windows": {
        "en": "Windows Credential Manager",
        "fr": "Gestionnaire d'identification Windows",
    },
    "keystore.name.demo": {
        "en": "demo keyring (in memory, forgotten on exit)",
        "fr": "trousseau de la démo (en mémoire, oublié à la sortie)",
    },
    "keystore.name.plaintext": {
        "en": "plain-text file ({kind})",
        "fr": "fichier en clair ({kind})",
    },
    "keystore.name.as-is": {"en": "{name}", "fr": "{name}"},
}
