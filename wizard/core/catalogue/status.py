"""Messages: the offline `status` report and the command line."""

MESSAGES: dict[str, dict[str, str]] = {
    "status.heading": {
        "en": "TechNova project: {root}",
        "fr": "Projet TechNova : {root}",
    },
    "status.credentials": {"en": "Keys found:", "fr": "Clés trouvées :"},
    "status.no-credentials": {"en": "No key found.", "fr": "Aucune clé trouvée."},
    "status.credential": {
        "en": "{file} ({variable}): {kind}, {masked}. {expiry}{keyring}",
        "fr": "{file} ({variable}) : {kind}, {masked}. {expiry}{keyring}",
    },
    "status.credential.in-keyring": {
        "en": " Also in the keyring.",
        "fr": " Aussi dans le trousseau.",
    },
    "status.problems": {"en": "To look at:", "fr": "À examiner :"},
    "status.all-good": {
        "en": "Everything we can check without the network looks right. To test the keys "
        "against the servers, run: technova-setup check",
        "fr": "Tout ce qui se vérifie sans le réseau semble correct. Pour essayer les clés "
        "auprès des serveurs, lancez : technova-setup check",
    },
    "severity.info": {"en": "note", "fr": "note"},
    "severity.warning": {"en": "warning", "fr": "attention"},
    "severity.critical": {"en": "PROBLEM", "fr": "PROBLÈME"},
    "severity.unknown": {"en": "unknown", "fr": "inconnu"},
    "status.project-not-found": {
        "en": "No TechNova project was found in {path} (no backend/.env, "
        "websocket-server/.env or technova-config.js). Run the command from your project "
        "folder, or give it with --project FOLDER.",
        "fr": "Aucun projet TechNova trouvé dans {path} (ni backend/.env, ni "
        "websocket-server/.env, ni technova-config.js). Lancez la commande depuis le dossier "
        "du projet, ou indiquez-le avec --project DOSSIER.",
    },
    "status.missing-file.OPENWEBUI_API_KEY": {
        "en": "{file} does not exist, so the chat backend has no Open WebUI key. Run "
        "technova-setup to create it.",
        "fr": "{file} n'existe pas : le backend du chat n'a donc pas de clé Open WebUI. "
        "Lancez technova-setup pour le créer.",
    },
    "status.missing-file.OPENAI_API_KEY": {
        "en": "{file} does not exist, so the voice server has no OpenAI key. Run "
        "technova-setup to create it if you use voice.",
        "fr": "{file} n'existe pas : le serveur vocal n'a donc pas de clé OpenAI. Lancez "
        "technova-setup pour le créer si vous utilisez la voix.",
    },
    "status.missing-key.OPENWEBUI_API_KEY": {
        "en": "{file} has no OPENWEBUI_API_KEY: the chat backend cannot talk to Open WebUI. "
        "Run technova-setup to add it.",
        "fr": "{file} n'a pas d'OPENWEBUI_API_KEY : le backend du chat ne peut pas parler à "
        "Open WebUI. Lancez technova-setup pour l'ajouter.",
    },
    "status.missing-key.OPENAI_API_KEY": {
        "en": "{file} has no OPENAI_API_KEY: the voice server cannot reach OpenAI. Run "
        "technova-setup to add it.",
        "fr": "{file} n'a pas d'OPENAI_API_KEY : le serveur vocal ne peut pas joindre OpenAI. "
        "Lancez technova-setup pour l'ajouter.",
    },
    "status.env-readable-by-others": {
        "en": "{file} can be read by other users of this computer. Make it private with: "
        "chmod 600 {file}",
        "fr": "{file} est lisible par les autres utilisateurs de cet ordinateur. Rendez-le "
        "privé avec : chmod 600 {file}",
    },
    "status.env-tracked-by-git": {
        "en": "{file} is committed to git: its keys are in the project's history and reach "
        "everyone who gets a copy. Replace the keys (make new ones), then run: "
        "git rm --cached {file}, and add it to .gitignore.",
        "fr": "{file} est enregistré dans git : ses clés sont dans l'historique du projet et "
        "parviennent à quiconque en obtient une copie. Remplacez les clés (créez-en de "
        "nouvelles), puis lancez : git rm --cached {file}, et ajoutez-le à .gitignore.",
    },
    "status.env-not-gitignored": {
        "en": "{file} is not listed in .gitignore: one “git add .” would publish its keys. "
        "Add the line .env to .gitignore.",
        "fr": "{file} n'est pas listé dans .gitignore : un seul « git add . » publierait ses "
        "clés. Ajoutez la ligne .env à .gitignore.",
    },
    "status.keyring-missing": {
        "en": "The key in {file} is not saved in this computer's keyring. Run technova-setup "
        "to keep a copy there.",
        "fr": "La clé de {file} n'est pas enregistrée dans le trousseau de cet ordinateur. "
        "Lancez technova-setup pour y garder une copie.",
    },
    "status.keyring-env-mismatch": {
        "en": "The key in {file} ({env}) is not the one saved in the keyring ({keyring}). "
        "The running server uses the one in {file}. Run technova-setup check to see which "
        "one works.",
        "fr": "La clé de {file} ({env}) n'est pas celle du trousseau ({keyring}). Le serveur "
        "utilise celle de {file}. Lancez technova-setup check pour voir laquelle fonctionne.",
    },
    "status.keyring-unavailable": {
        "en": "No keyring is available: the keys live only in the .env files.",
        "fr": "Aucun trousseau n'est disponible : les clés ne sont que dans les fichiers .env.",
    },
    "status.key-in-wrong-file.OPENWEBUI_API_KEY": {
        "en": "{file} holds an OpenAI key ({masked}) where the Open WebUI key belongs. The "
        "backend talks to Open WebUI, which refuses OpenAI keys. Put the Open WebUI key here "
        "(Open WebUI › Settings › Account › API keys) and the OpenAI key in "
        "websocket-server/.env.",
        "fr": "{file} contient une clé OpenAI ({masked}) à la place de la clé Open WebUI. Le "
        "backend parle à Open WebUI, qui refuse les clés OpenAI. Mettez ici la clé Open WebUI "
        "(Open WebUI › Réglages › Compte › Clés d'API) et la clé OpenAI dans "
        "websocket-server/.env.",
    },
    "status.key-in-wrong-file.OPENAI_API_KEY": {
        "en": "{file} holds an Open WebUI key ({masked}) where the OpenAI key belongs. The "
        "voice server sends it to OpenAI, which refuses it: voice does not work (the chat is "
        "not affected). Put the OpenAI key here (https://platform.openai.com/api-keys) and "
        "the Open WebUI key in backend/.env.",
        "fr": "{file} contient une clé Open WebUI ({masked}) à la place de la clé OpenAI. Le "
        "serveur vocal l'envoie à OpenAI, qui la refuse : la voix ne fonctionne pas (le chat "
        "n'est pas concerné). Mettez ici la clé OpenAI (https://platform.openai.com/api-keys) "
        "et la clé Open WebUI dans backend/.env.",
    },
    "status.key-unusable": {
        "en": "The key in {file} ({masked}) cannot work: {reason}",
        "fr": "La clé de {file} ({masked}) ne peut pas fonctionner : {reason}",
    },
    "status.jwt-expired": {
        "en": "The session token in {file} ({masked}) expired on {when}, {left} ago: "
        "the chat no longer works. Run technova-setup renew to replace it with an API key, "
        "which does not expire.",
        "fr": "Le jeton de session de {file} ({masked}) a expiré le {when}, il y a {left} : "
        "le chat ne fonctionne plus. Lancez technova-setup renew pour le remplacer "
        "par une clé d'API, qui n'expire pas.",
    },
    "status.jwt-urgent": {
        "en": "The session token in {file} ({masked}) expires on {when}, in {left}. Run "
        "technova-setup renew now.",
        "fr": "Le jeton de session de {file} ({masked}) expire le {when}, dans {left}. "
        "Lancez technova-setup renew maintenant.",
    },
    "status.jwt-renew-soon": {
        "en": "The session token in {file} ({masked}) expires on {when}, in {left}. Plan "
        "to run technova-setup renew.",
        "fr": "Le jeton de session de {file} ({masked}) expire le {when}, dans {left}. "
        "Prévoyez de lancer technova-setup renew.",
    },
    "status.jwt-instead-of-api-key": {
        "en": "{file} uses a session token: it may expire (by default after 4 weeks on Open "
        "WebUI 0.12, never on 0.6) and dies if Open WebUI's secret key changes. An API key "
        "does neither: run technova-setup renew.",
        "fr": "{file} utilise un jeton de session : il peut expirer (par défaut après 4 semaines "
        "sur Open WebUI 0.12, jamais sur 0.6) et cesse de fonctionner si la clé secrète d'Open "
        "WebUI change. Une clé d'API n'a aucun de ces défauts : lancez technova-setup renew.",
    },
    "status.widget.key": {
        "en": "{file}, line {line} ({field}): a key ({masked}) sits in the widget's settings, "
        "which every visitor of the website can read. Remove it (technova-setup does it for "
        "you) and replace that key, since it may already have been copied.",
        "fr": "{file}, ligne {line} ({field}) : une clé ({masked}) se trouve dans les réglages "
        "du widget, que tout visiteur du site peut lire. Retirez-la (technova-setup le fait "
        "pour vous) et remplacez cette clé, car elle a pu être copiée.",
    },
    "status.widget.made-up-prefix": {
        "en": "{file}, line {line} ({field}): “{masked}” starts with a prefix that does not "
        "exist: Open WebUI keys never start with “owui-” (an API key is “sk-” followed by "
        "32 characters from 0-9 and a-f). And no key belongs in the widget: every visitor of the "
        "website can read this file. Remove the line (technova-setup does it for you); the "
        "key goes in backend/.env.",
        "fr": "{file}, ligne {line} ({field}) : « {masked} » commence par un préfixe qui "
        "n'existe pas : les clés Open WebUI ne commencent jamais par « owui- » (une clé d'API "
        "est « sk- » suivi de 32 caractères parmi 0-9 et a-f). Et aucune clé n'a sa place dans le "
        "widget : tout visiteur du site peut lire ce fichier. Retirez la ligne "
        "(technova-setup le fait pour vous) ; la clé va dans backend/.env.",
    },
    "status.widget.placeholder": {
        "en": "{file}, line {line} ({field}): “{masked}” stands where a key would go. No key "
        "belongs in the widget: every visitor of the website can read this file. Remove the "
        "line (technova-setup does it for you); the keys go in backend/.env.",
        "fr": "{file}, ligne {line} ({field}) : « {masked} » occupe la place d'une clé. Aucune "
        "clé n'a sa place dans le widget : tout visiteur du site peut lire ce fichier. "
        "Retirez la ligne (technova-setup le fait pour vous) ; les clés vont dans "
        "backend/.env.",
    },
    "status.widget.masked": {
        "en": "{file}, line {line} ({field}): “{masked}” is the shortened form of a key, as "
        "dashboards show it. No key belongs in the widget: every visitor of the website can "
        "read this file. Remove the line (technova-setup does it for you); the keys go in "
        "backend/.env.",
        "fr": "{file}, ligne {line} ({field}) : « {masked} » est la forme abrégée d'une clé, "
        "telle que l'affichent les tableaux de bord. Aucune clé n'a sa place dans le widget : "
        "tout visiteur du site peut lire ce fichier. Retirez la ligne (technova-setup le fait "
        "pour vous) ; les clés vont dans backend/.env.",
    },
    "status.widget.secret-field": {
        "en": "{file}, line {line}: the setting “{field}” holds a value ({masked}) in the "
        "widget's settings, which every visitor of the website can read. No key, token or "
        "password belongs there. Remove the line (technova-setup does it for you), and "
        "replace that secret if it was a real one.",
        "fr": "{file}, ligne {line} : le réglage « {field} » contient une valeur ({masked}) "
        "dans les réglages du widget, que tout visiteur du site peut lire. Aucune clé, aucun "
        "jeton ni mot de passe n'y a sa place. Retirez la ligne (technova-setup le fait pour "
        "vous), et remplacez ce secret si c'en était un vrai.",
    },
    "status.voice-not-set-up": {
        "en": "Voice is not set up (no websocket-server/.env with an OPENAI_API_KEY): this "
        "site has the chat only. Nothing to do unless you want voice.",
        "fr": "La voix n'est pas installée (pas de websocket-server/.env avec une "
        "OPENAI_API_KEY) : ce site n'a que le chat. Rien à faire, sauf si vous voulez la voix.",
    },
    "status.voice-beta-header": {
        "en": "{file}, line {line}: the voice server's code sends the header "
        "“OpenAI-Beta: realtime=v1”. OpenAI's Realtime API now closes every such connection "
        "(code 4000, beta_api_shape_disabled), whatever the key. Delete that header from the "
        "code, then restart the voice server.",
        "fr": "{file}, ligne {line} : le code du serveur vocal envoie l'en-tête "
        "« OpenAI-Beta: realtime=v1 ». L'API Realtime d'OpenAI ferme désormais toute connexion "
        "de ce genre (code 4000, beta_api_shape_disabled), quelle que soit la clé. Supprimez "
        "cet en-tête du code, puis redémarrez le serveur vocal.",
    },
    "status.key-with-extras": {
        "en": "{file}: the key {masked} is stored with {extras}. The program reads them as part "
        "of the key and the server refuses it. Run technova-setup to clean it.",
        "fr": "{file} : la clé {masked} est enregistrée avec {extras}. Le programme les lit "
        "comme une partie de la clé et le serveur la refuse. Lancez technova-setup pour la "
        "nettoyer.",
    },
    "status.extras.whitespace": {
        "en": "spaces or line breaks",
        "fr": "des espaces ou des retours à la ligne",
    },
    "status.extras.quotes": {"en": "extra quotation marks", "fr": "des guillemets en trop"},
    "status.extras.invisible": {"en": "invisible characters", "fr": "des caractères invisibles"},
    "status.extras.variable-name": {
        "en": "a variable name in front of it",
        "fr": "un nom de variable devant elle",
    },
    "status.extras.bearer": {
        "en": "the word “Bearer” in front of it",
        "fr": "le mot « Bearer » devant elle",
    },
    "demo.starting": {
        "en": "Starting the demo: stand-in OpenAI and Open WebUI servers and a made-up TechNova "
        "project, on this computer only. No real key is used.",
        "fr": "Démarrage de la démo : des serveurs OpenAI et Open WebUI de démonstration et un "
        "projet TechNova fictif, sur cet ordinateur seulement. Aucune vraie clé n'est utilisée.",
    },
    "demo.finished": {
        "en": "Demo finished: its servers are stopped and its temporary files ({project}) are "
        "removed. Your own keyring and files were not touched.",
        "fr": "Démo terminée : ses serveurs sont arrêtés et ses fichiers temporaires ({project}) "
        "sont supprimés. Votre trousseau et vos fichiers n'ont pas été touchés.",
    },
    "check.all-good.chat-only": {
        "en": "The chat works (backend → Open WebUI → OpenAI). Voice is not set up on this site.",
        "fr": "Le chat fonctionne (backend → Open WebUI → OpenAI). La voix n'est pas installée "
        "sur ce site.",
    },
    "check.all-good.voice-only": {
        "en": "The voice works (voice server → OpenAI Realtime). The chat backend is not set "
        "up in this folder.",
        "fr": "La voix fonctionne (serveur vocal → OpenAI Realtime). Le backend du chat n'est "
        "pas installé dans ce dossier.",
    },
    "check.result-line": {"en": "{name} ({ms} ms): {what}", "fr": "{name} ({ms} ms) : {what}"},
    "status.problem-line": {"en": "{label}: {message}", "fr": "{label} : {message}"},
    "status.folder-not-found": {
        "en": "The folder {path} does not exist. Check the path given with --project, or run "
        "the command from your project folder.",
        "fr": "Le dossier {path} n'existe pas. Vérifiez le chemin donné avec --project, ou "
        "lancez la commande depuis le dossier du projet.",
    },
    "check.label.heading": {"en": "Live checks:", "fr": "Vérifications en direct :"},
    "check.label.because": {"en": "Why:", "fr": "Pourquoi :"},
    "check.label.todo": {"en": "Next:", "fr": "À faire :"},
    "check.all-good": {
        "en": "Both paths work: the chat (backend → Open WebUI → OpenAI) and the voice "
        "(voice server → OpenAI Realtime).",
        "fr": "Les deux chemins fonctionnent : le chat (backend → Open WebUI → OpenAI) et la "
        "voix (serveur vocal → OpenAI Realtime).",
    },
    # Command line.
    "cli.key_on_command_line.what": {
        "en": "Keys are not accepted on the command line.",
        "fr": "Les clés ne sont pas acceptées sur la ligne de commande.",
    },
    "cli.key_on_command_line.why": {
        "en": "A key typed in a command stays in the shell history and is visible to other "
        "programs while it runs.",
        "fr": "Une clé tapée dans une commande reste dans l'historique du terminal et est "
        "visible par les autres programmes pendant son exécution.",
    },
    "cli.key_on_command_line.next": {
        "en": "Give it on standard input instead, for example: technova-setup identify < "
        "key.txt (or run technova-setup identify and paste it).",
        "fr": "Donnez-la plutôt sur l'entrée standard, par exemple : technova-setup identify "
        "< cle.txt (ou lancez technova-setup identify et collez-la).",
    },
    "cli.paste_prompt": {
        "en": "Paste the key, then press Enter (it will not be shown): ",
        "fr": "Collez la clé, puis appuyez sur Entrée (elle ne s'affichera pas) : ",
    },
    "cli.internal_error.what": {
        "en": "technova-setup stopped because of an unexpected error ({error}).",
        "fr": "technova-setup s'est arrêté à cause d'une erreur inattendue ({error}).",
    },
    "cli.internal_error.why": {
        "en": "This is a fault in technova-setup, not something you did. Nothing was changed "
        "after the error.",
        "fr": "C'est un défaut de technova-setup, pas une erreur de votre part. Rien n'a été "
        "modifié après l'erreur.",
    },
    "cli.internal_error.next": {
        "en": "Run the same command again; if it happens again, send this message to whoever "
        "maintains your TechNova setup.",
        "fr": "Relancez la même commande ; si cela se reproduit, envoyez ce message à la "
        "personne qui s'occupe de votre installation TechNova.",
    },
    "cli.interrupted": {"en": "Stopped.", "fr": "Arrêté."},
    # How the backend is restarted (technova-setup.toml, or what the project suggests).
    "status.deployment.command": {
        "en": "restarted on this computer by {command}",
        "fr": "redémarré sur cet ordinateur par {command}",
    },
    "status.deployment.coolify": {
        "en": "on Coolify ({url}), application {app}",
        "fr": "sur Coolify ({url}), application {app}",
    },
    "status.deployment.compose": {
        "en": "Docker Compose, recreated by {command}",
        "fr": "Docker Compose, recréé par {command}",
    },
    "status.deployment.manual": {
        "en": "restarted by you",
        "fr": "redémarré par vous",
    },
    "status.deployment.found": {
        "en": "Backend {how} ({file}).",
        "fr": "Backend {how} ({file}).",
    },
    "status.deployment.detected": {
        "en": "Backend probably {how}; technova-setup restart can write it in {file}.",
        "fr": "Backend probablement {how} ; technova-setup restart peut l'écrire dans {file}.",
    },
    "status.deployment.jwt-code": {
        "en": "{file}, line {line}, decodes OPENWEBUI_API_KEY as a session token ({excerpt}); "
        "an API key never expires, so this code will give errors or false alarms: remove "
        "that expiry check.",
        "fr": "{file}, ligne {line}, décode OPENWEBUI_API_KEY comme un jeton de session "
        "({excerpt}) ; une clé API n'expire jamais, donc ce code donnera des erreurs ou de "
        "fausses alertes : retirez cette vérification d'expiration.",
    },
}
