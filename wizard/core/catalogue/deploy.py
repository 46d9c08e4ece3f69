"""Messages: the last mile — the new key reaches the running backend (technova-setup.toml, a
restart command and its logs, Coolify, Docker Compose) and the running site is proven."""

from __future__ import annotations


def _error(
    code: str, what: tuple[str, str], why: tuple[str, str], nxt: tuple[str, str]
) -> dict[str, dict[str, str]]:
    return {
        f"{code}.what": {"en": what[0], "fr": what[1]},
        f"{code}.why": {"en": why[0], "fr": why[1]},
        f"{code}.next": {"en": nxt[0], "fr": nxt[1]},
    }


_RUN_AGAIN = (
    "Then run technova-setup restart.",
    "Puis lancez technova-setup restart.",
)

MESSAGES: dict[str, dict[str, str]] = {
    # --- technova-setup.toml ------------------------------------------------------------------
    **_error(
        "deploy.config.unreadable",
        ("{file} cannot be read ({detail}).", "{file} ne peut pas être lu ({detail})."),
        (
            "It must be TOML, like the example in the README.",
            "Il doit être écrit en TOML, comme l'exemple du README.",
        ),
        (
            "Fix the line it names, or delete the file and let the wizard write it again.",
            "Corrigez la ligne indiquée, ou supprimez le fichier et laissez l'assistant le "
            "réécrire.",
        ),
    ),
    **_error(
        "deploy.config.bad-value",
        (
            "In {file}, the setting {name} is missing or wrong.",
            "Dans {file}, le réglage {name} manque ou est faux.",
        ),
        (
            "Each way of restarting needs its own settings: a command for [restart], an "
            "address and an application uuid for [coolify], a file and a service for [compose].",
            "Chaque façon de redémarrer a ses propres réglages : une commande pour [restart], "
            "une adresse et l'uuid d'une application pour [coolify], un fichier et un service "
            "pour [compose].",
        ),
        (
            "Fix {name} in {file} (the README shows an example).",
            "Corrigez {name} dans {file} (le README montre un exemple).",
        ),
    ),
    **_error(
        "deploy.config.missing-table",
        (
            "{file} names a way of restarting without its [{table}] section.",
            "{file} indique une façon de redémarrer sans sa section [{table}].",
        ),
        (
            "The way says what to do; the section says with what.",
            "La façon dit quoi faire ; la section dit avec quoi.",
        ),
        ("Add the [{table}] section to {file}.", "Ajoutez la section [{table}] à {file}."),
    ),
    **_error(
        "deploy.config.secret-refused",
        (
            "Nothing was written to {file}: a key was in it.",
            "Rien n'a été écrit dans {file} : une clé s'y trouvait.",
        ),
        (
            "This file is meant to be read and committed by anyone; a key never goes in it.",
            "Ce fichier est fait pour être lu et versionné par tous : une clé n'y va jamais.",
        ),
        (
            "Give the application's uuid (from its Coolify page), not a key or a token.",
            "Indiquez l'uuid de l'application (sur sa page Coolify), pas une clé ni un jeton.",
        ),
    ),
    **_error(
        "deploy.config.not-written",
        ("{file} could not be written ({detail}).", "{file} n'a pas pu être écrit ({detail})."),
        (
            "The project folder may be read-only for this user.",
            "Le dossier du projet est peut-être en lecture seule pour cet utilisateur.",
        ),
        (
            "Run the command as the project's owner, or write the file by hand from the README.",
            "Lancez la commande en tant que propriétaire du projet, ou écrivez le fichier à la "
            "main d'après le README.",
        ),
    ),
    # --- a restart command --------------------------------------------------------------------
    **_error(
        "deploy.restart.empty",
        ("The restart command is empty.", "La commande de redémarrage est vide."),
        (
            "technova-setup.toml has no command to run in [restart].",
            "technova-setup.toml n'a aucune commande à lancer dans [restart].",
        ),
        (
            "Write the command in [restart] command, e.g. ./restart-with-logs.sh.",
            "Écrivez la commande dans [restart] command, par exemple ./restart-with-logs.sh.",
        ),
    ),
    **_error(
        "deploy.restart.not-found",
        ("{command} was not found in {root}.", "{command} est introuvable dans {root}."),
        (
            "The restart command runs from the project folder, whatever folder you are in, "
            "so its path is read from there.",
            "La commande de redémarrage est lancée depuis le dossier du projet, quel que soit "
            "votre dossier, donc son chemin se lit depuis celui-ci.",
        ),
        (
            "Check the script's name and place, and fix command in technova-setup.toml.",
            "Vérifiez le nom et l'emplacement du script, et corrigez command dans "
            "technova-setup.toml.",
        ),
    ),
    **_error(
        "deploy.restart.not-executable",
        ("{command} cannot be run.", "{command} ne peut pas être lancé."),
        (
            "The file has no permission to run (its execute bit is not set), or it is a folder.",
            "Le fichier n'a pas le droit d'être exécuté (son bit d'exécution n'est pas "
            "positionné), ou c'est un dossier.",
        ),
        (
            "In {root}, run chmod +x {command} once, or write the command as bash {command}.",
            "Dans {root}, lancez une fois chmod +x {command}, ou écrivez la commande "
            "bash {command}.",
        ),
    ),
    **_error(
        "deploy.restart.not-on-path",
        ("The program {command} was not found.", "Le programme {command} est introuvable."),
        (
            "It is not installed, or not in the folders of PATH.",
            "Il n'est pas installé, ou pas dans les dossiers du PATH.",
        ),
        (
            "Install it, or write its full path in technova-setup.toml.",
            "Installez-le, ou écrivez son chemin complet dans technova-setup.toml.",
        ),
    ),
    **_error(
        "deploy.restart.cannot-start",
        ("{command} could not start ({detail}).", "{command} n'a pas pu démarrer ({detail})."),
        (
            "The program named on the script's first line (#!) is often missing.",
            "Souvent, le programme nommé à la première ligne du script (#!) manque.",
        ),
        (
            "Check the script's first line, or write the command as bash ./script.sh.",
            "Vérifiez la première ligne du script, ou écrivez la commande bash ./script.sh.",
        ),
    ),
    **_error(
        "deploy.restart.timed-out",
        (
            "{command} was still running after {seconds} s; it was stopped.",
            "{command} tournait encore après {seconds} s : il a été arrêté.",
        ),
        (
            "A restart script that ends by following its logs (tail -f) never ends by itself.",
            "Un script de redémarrage qui finit en suivant ses journaux (tail -f) ne s'arrête "
            "jamais de lui-même.",
        ),
        (
            "Remove the final tail -f from the script, or raise timeout in [restart]. "
            + _RUN_AGAIN[0],
            "Retirez le tail -f final du script, ou augmentez timeout dans [restart]. "
            + _RUN_AGAIN[1],
        ),
    ),
    **_error(
        "deploy.restart.exit-code",
        (
            "{command} failed (exit code {status}).",
            "{command} a échoué (code de sortie {status}).",
        ),
        (
            "The command said why in its output, shown above.",
            "La commande a dit pourquoi dans sa sortie, affichée plus haut.",
        ),
        (
            "Fix what its output says, then run technova-setup restart.",
            "Corrigez ce que dit sa sortie, puis lancez technova-setup restart.",
        ),
    ),
    "deploy.restart.running": {
        "en": "Running {command} in {root}…",
        "fr": "Lancement de {command} dans {root}…",
    },
    "deploy.restart.done": {
        "en": "{command} ended without error ({seconds} s).",
        "fr": "{command} s'est terminé sans erreur ({seconds} s).",
    },
    "deploy.restart.not-run": {
        "en": "Not run (you did not agree). To restart the backend, run in the project "
        "folder: {command}",
        "fr": "Non lancé (vous n'avez pas accepté). Pour redémarrer le backend, lancez dans le "
        "dossier du projet : {command}",
    },
    # --- the logs ---------------------------------------------------------------------------
    "deploy.log.success": {
        "en": "{file} says it works: {line}",
        "fr": "{file} indique que cela fonctionne : {line}",
    },
    **_error(
        "deploy.log.invalid-api-key",
        (
            "{file} says the key is refused: {line}",
            "{file} indique que la clé est refusée : {line}",
        ),
        (
            "invalid_api_key comes from OpenAI: the OpenAI key is wrong, deleted or revoked "
            "(in websocket-server/.env for the voice, or inside Open WebUI for the chat).",
            "invalid_api_key vient d'OpenAI : la clé OpenAI est fausse, supprimée ou révoquée "
            "(dans websocket-server/.env pour la voix, ou dans Open WebUI pour le chat).",
        ),
        (
            "Create a key at https://platform.openai.com/api-keys, give it to technova-setup, "
            "then run technova-setup restart.",
            "Créez une clé sur https://platform.openai.com/api-keys, donnez-la à "
            "technova-setup, puis lancez technova-setup restart.",
        ),
    ),
    **_error(
        "deploy.log.key-expired",
        (
            "{file} says the key expired: {line}",
            "{file} indique que la clé a expiré : {line}",
        ),
        (
            "This warning comes from the backend's own code, which reads the key as a session "
            "token; an Open WebUI API key never expires, so the alarm is false for it.",
            "Cet avertissement vient du code du backend lui-même, qui lit la clé comme un jeton "
            "de session ; une clé API Open WebUI n'expire jamais, donc l'alerte est fausse "
            "pour elle.",
        ),
        (
            "Run technova-setup check: if the key works, remove the expiry check from the "
            "backend's code (technova-setup restart names the line).",
            "Lancez technova-setup check : si la clé fonctionne, retirez la vérification "
            "d'expiration du code du backend (technova-setup restart indique la ligne).",
        ),
    ),
    **_error(
        "deploy.log.refused-401",
        ("{file} shows a refusal (401): {line}", "{file} montre un refus (401) : {line}"),
        (
            "A server refused the key the backend sent: usually Open WebUI, with an expired "
            "or replaced key, or a backend still running with the old key.",
            "Un serveur a refusé la clé envoyée par le backend : le plus souvent Open WebUI, "
            "avec une clé expirée ou remplacée, ou un backend qui tourne encore avec "
            "l'ancienne clé.",
        ),
        (
            "Run technova-setup check to see which key is refused, then technova-setup renew.",
            "Lancez technova-setup check pour voir quelle clé est refusée, puis "
            "technova-setup renew.",
        ),
    ),
    # --- Coolify ------------------------------------------------------------------------------
    **_error(
        "deploy.coolify.no-token",
        (
            "No Coolify API token is known for {url}.",
            "Aucun jeton d'API Coolify n'est connu pour {url}.",
        ),
        (
            "Coolify keeps the backend's variables; changing them needs a token, which is kept "
            "in your keyring or read from COOLIFY_TOKEN, never in technova-setup.toml.",
            "Coolify garde les variables du backend ; les changer demande un jeton, gardé dans "
            "votre trousseau ou lu dans COOLIFY_TOKEN, jamais dans technova-setup.toml.",
        ),
        (
            "In Coolify, open Keys & Tokens › API tokens and create one with read, write and "
            "deploy; "
            "then run technova-setup restart in a terminal (it asks for it), or set "
            "COOLIFY_TOKEN.",
            "Dans Coolify, ouvrez Keys & Tokens › API tokens et créez-en un avec read, write "
            "et deploy ; puis lancez technova-setup restart dans un terminal (il le demande), ou "
            "définissez COOLIFY_TOKEN.",
        ),
    ),
    **_error(
        "deploy.coolify.unreachable",
        (
            "Coolify at {url} cannot be reached ({detail}).",
            "Coolify à l'adresse {url} est injoignable ({detail}).",
        ),
        (
            "The address may be wrong, or this computer has no route to it.",
            "L'adresse est peut-être fausse, ou cet ordinateur n'y a pas accès.",
        ),
        (
            "Open {url} in a browser; fix url in [coolify] of technova-setup.toml if needed.",
            "Ouvrez {url} dans un navigateur ; corrigez url dans [coolify] de "
            "technova-setup.toml si besoin.",
        ),
    ),
    **_error(
        "deploy.coolify.timeout",
        (
            "Coolify at {url} did not answer in time.",
            "Coolify à l'adresse {url} n'a pas répondu à temps.",
        ),
        ("The server may be busy or stopped.", "Le serveur est peut-être occupé ou arrêté."),
        ("Try again in a minute.", "Réessayez dans une minute."),
    ),
    **_error(
        "deploy.coolify.unauthenticated",
        (
            "Coolify at {url} refused the API token (401).",
            "Coolify à l'adresse {url} a refusé le jeton d'API (401).",
        ),
        (
            "The token is wrong, was deleted, or belongs to another Coolify.",
            "Le jeton est faux, a été supprimé, ou appartient à un autre Coolify.",
        ),
        (
            "Create a token in Coolify › Keys & Tokens › API tokens, then run "
            "technova-setup restart to give it.",
            "Créez un jeton dans Coolify › Keys & Tokens › API tokens, puis lancez "
            "technova-setup restart pour le donner.",
        ),
    ),
    **_error(
        "deploy.coolify.api-disabled",
        (
            "Coolify at {url} answered: API is disabled (403).",
            "Coolify à l'adresse {url} a répondu : API is disabled (403).",
        ),
        (
            "The Coolify administrator has switched the API off.",
            "L'administrateur de Coolify a désactivé l'API.",
        ),
        (
            "In Coolify, Settings › Advanced › API access: switch it on (or ask the admin).",
            "Dans Coolify, Settings › Advanced › API access : activez-la (ou demandez-le à "
            "l'administrateur).",
        ),
    ),
    **_error(
        "deploy.coolify.ip-not-allowed",
        (
            "Coolify at {url} answered: You are not allowed to access the API (403).",
            "Coolify à l'adresse {url} a répondu : You are not allowed to access the API (403).",
        ),
        (
            "This computer's address is not in Coolify's list of addresses allowed to use the API.",
            "L'adresse de cet ordinateur n'est pas dans la liste des adresses autorisées à "
            "utiliser l'API de Coolify.",
        ),
        (
            "In Coolify, Settings › Advanced, add this computer's address to the API allowlist.",
            "Dans Coolify, Settings › Advanced, ajoutez l'adresse de cet ordinateur à la liste "
            "autorisée de l'API.",
        ),
    ),
    **_error(
        "deploy.coolify.missing-permissions",
        (
            "The Coolify token lacks a permission: {abilities} (403).",
            "Il manque une permission au jeton Coolify : {abilities} (403).",
        ),
        (
            "Setting a variable needs write, restarting needs deploy, following the restart "
            "needs read.",
            "Changer une variable demande write, redémarrer demande deploy, suivre le "
            "redémarrage demande read.",
        ),
        (
            "Create a token with read, write and deploy in Coolify › Keys & Tokens › API tokens, "
            "then run technova-setup restart to give it.",
            "Créez un jeton avec read, write et deploy dans Coolify › Keys & Tokens › API tokens, "
            "puis lancez technova-setup restart pour le donner.",
        ),
    ),
    **_error(
        "deploy.coolify.role",
        (
            "Coolify refused the token (403): {message}",
            "Coolify a refusé le jeton (403) : {message}",
        ),
        (
            "A mere team member cannot use a token with write or deploy.",
            "Un simple membre de l'équipe ne peut pas utiliser un jeton avec write ou deploy.",
        ),
        (
            "Ask a Coolify admin or owner of the team to raise your role, or to make the token.",
            "Demandez à un admin ou au propriétaire de l'équipe Coolify d'élever votre rôle, "
            "ou de créer le jeton.",
        ),
    ),
    **_error(
        "deploy.coolify.forbidden",
        (
            "Coolify refused the request (403): {message}",
            "Coolify a refusé la demande (403) : {message}",
        ),
        (
            "Coolify's own message says why.",
            "Le message de Coolify lui-même dit pourquoi.",
        ),
        (
            "Fix what it says in Coolify, then run technova-setup restart.",
            "Corrigez ce qu'il dit dans Coolify, puis lancez technova-setup restart.",
        ),
    ),
    **_error(
        "deploy.coolify.app-not-found",
        (
            "Coolify at {url} has no application {app} (404).",
            "Coolify à l'adresse {url} n'a pas d'application {app} (404).",
        ),
        (
            "The uuid in technova-setup.toml is wrong, or the application was deleted, or the "
            "token belongs to another team.",
            "L'uuid de technova-setup.toml est faux, ou l'application a été supprimée, ou le "
            "jeton appartient à une autre équipe.",
        ),
        (
            "Copy the uuid from the application's page in Coolify into [coolify] of "
            "technova-setup.toml.",
            "Copiez l'uuid depuis la page de l'application dans Coolify, dans [coolify] de "
            "technova-setup.toml.",
        ),
    ),
    **_error(
        "deploy.coolify.not-found",
        (
            "{url} does not know Coolify's API (404).",
            "{url} ne connaît pas l'API de Coolify (404).",
        ),
        (
            "The address is probably not Coolify's, or it is too old a version.",
            "L'adresse n'est probablement pas celle de Coolify, ou la version est trop ancienne.",
        ),
        (
            "Put the address of Coolify's dashboard in url of [coolify].",
            "Mettez l'adresse du tableau de bord de Coolify dans url de [coolify].",
        ),
    ),
    **_error(
        "deploy.coolify.method",
        (
            "Coolify at {url} refused the request's method (405).",
            "Coolify à l'adresse {url} a refusé la méthode de la demande (405).",
        ),
        (
            "This Coolify is older than the API we use: older v4 betas restarted with GET, "
            "current ones with POST.",
            "Ce Coolify est plus ancien que l'API utilisée : les anciennes bêtas de la v4 "
            "redémarraient avec GET, les actuelles avec POST.",
        ),
        (
            "Update Coolify, or restart the application from its page in Coolify.",
            "Mettez Coolify à jour, ou redémarrez l'application depuis sa page dans Coolify.",
        ),
    ),
    **_error(
        "deploy.coolify.invalid",
        (
            "Coolify refused the variable (422): {detail}",
            "Coolify a refusé la variable (422) : {detail}",
        ),
        (
            "Coolify checks a variable's name and value before keeping it.",
            "Coolify vérifie le nom et la valeur d'une variable avant de la garder.",
        ),
        (
            "Set the variable on the application's Environment Variables page in Coolify.",
            "Définissez la variable sur la page Environment Variables de l'application dans "
            "Coolify.",
        ),
    ),
    **_error(
        "deploy.coolify.unexpected",
        (
            "Coolify gave an unexpected answer ({status}): {message}",
            "Coolify a donné une réponse inattendue ({status}) : {message}",
        ),
        (
            "This answer is not one the Coolify API documents.",
            "Cette réponse n'est pas de celles que documente l'API de Coolify.",
        ),
        (
            "Check the application in Coolify's dashboard, then run technova-setup restart.",
            "Vérifiez l'application dans le tableau de bord de Coolify, puis lancez "
            "technova-setup restart.",
        ),
    ),
    **_error(
        "deploy.coolify.deployment-failed",
        (
            "Coolify's restart failed. The end of its log:\n{lines}",
            "Le redémarrage dans Coolify a échoué. La fin de son journal :\n{lines}",
        ),
        (
            "The application did not start again; its log says why.",
            "L'application n'a pas redémarré ; son journal dit pourquoi.",
        ),
        (
            "Open the deployment in Coolify ({url}), fix what the log says, then run "
            "technova-setup restart.",
            "Ouvrez le déploiement dans Coolify ({url}), corrigez ce que dit le journal, puis "
            "lancez technova-setup restart.",
        ),
    ),
    **_error(
        "deploy.coolify.deployment-cancelled",
        ("The restart was cancelled in Coolify.", "Le redémarrage a été annulé dans Coolify."),
        (
            "Someone stopped it from Coolify's dashboard ({url}).",
            "Quelqu'un l'a arrêté depuis le tableau de bord de Coolify ({url}).",
        ),
        _RUN_AGAIN,
    ),
    **_error(
        "deploy.coolify.deployment-timeout",
        (
            "Coolify's restart was still {status} after {seconds} s.",
            "Le redémarrage dans Coolify était encore {status} après {seconds} s.",
        ),
        (
            "Coolify may be building the application, or waiting for another deployment.",
            "Coolify construit peut-être l'application, ou attend un autre déploiement.",
        ),
        (
            "Follow it in Coolify's dashboard; when it has finished, run technova-setup restart.",
            "Suivez-le dans le tableau de bord de Coolify ; une fois terminé, lancez "
            "technova-setup restart.",
        ),
    ),
    "deploy.coolify.updated": {
        "en": "Coolify: {key} of application {app} set to {masked}.",
        "fr": "Coolify : {key} de l'application {app} vaut maintenant {masked}.",
    },
    "deploy.coolify.created": {
        "en": "Coolify: {key} created in application {app} ({masked}).",
        "fr": "Coolify : {key} créée dans l'application {app} ({masked}).",
    },
    "deploy.coolify.not-set": {
        "en": "Coolify: {key} of application {app} left as it was (you did not agree).",
        "fr": "Coolify : {key} de l'application {app} laissée telle quelle (vous n'avez pas "
        "accepté).",
    },
    "deploy.coolify.no-app": {
        "en": "Coolify: no application is named for {key} in technova-setup.toml; set it in "
        "Coolify yourself.",
        "fr": "Coolify : aucune application n'est indiquée pour {key} dans technova-setup.toml ; "
        "définissez-la vous-même dans Coolify.",
    },
    "deploy.coolify.not-restarted": {
        "en": "Coolify: application {app} not restarted (you did not agree). A changed "
        "variable reaches it only after a restart.",
        "fr": "Coolify : application {app} non redémarrée (vous n'avez pas accepté). Une "
        "variable changée ne l'atteint qu'après un redémarrage.",
    },
    "deploy.coolify.restart-queued": {
        "en": "Coolify: restart of {app} queued (deployment {uuid}).",
        "fr": "Coolify : redémarrage de {app} en file d'attente (déploiement {uuid}).",
    },
    "deploy.coolify.status": {
        "en": "Coolify: deployment status {status}.",
        "fr": "Coolify : état du déploiement {status}.",
    },
    "deploy.coolify.finished": {
        "en": "Coolify: {app} restarted.",
        "fr": "Coolify : {app} redémarrée.",
    },
    # --- Docker Compose -----------------------------------------------------------------------
    "deploy.compose.no-docker": {
        "en": "docker is not on this computer's PATH. Run this where the containers run, in "
        "the project folder: {command}",
        "fr": "docker n'est pas dans le PATH de cet ordinateur. Lancez ceci là où tournent les "
        "conteneurs, dans le dossier du projet : {command}",
    },
    "deploy.compose.not-agreed": {
        "en": "Not run (you did not agree). To give the backend its new key, run in the "
        "project folder: {command} (docker compose restart would keep the old one).",
        "fr": "Non lancé (vous n'avez pas accepté). Pour donner sa nouvelle clé au backend, "
        "lancez dans le dossier du projet : {command} (docker compose restart garderait "
        "l'ancienne).",
    },
    # --- the running site ---------------------------------------------------------------------
    **_error(
        "deploy.site.answers",
        (
            "The site answers: {url} replied to a test message.",
            "Le site répond : {url} a répondu à un message de test.",
        ),
        (
            "The message went the widget's way: backend, Open WebUI, OpenAI, and back.",
            "Le message a suivi le chemin du widget : backend, Open WebUI, OpenAI, et retour.",
        ),
        ("Nothing to do.", "Rien à faire."),
    ),
    **_error(
        "deploy.site.no-address",
        ("The backend's address is not known.", "L'adresse du backend n'est pas connue."),
        (
            "Neither technova-config.js (backendUrl) nor technova-setup.toml (backend_url) "
            "gives it, so the running site could not be asked.",
            "Ni technova-config.js (backendUrl) ni technova-setup.toml (backend_url) ne la "
            "donnent : le site en marche n'a donc pas pu être interrogé.",
        ),
        (
            "Add backend_url to [deploy] in technova-setup.toml. " + _RUN_AGAIN[0],
            "Ajoutez backend_url à [deploy] dans technova-setup.toml. " + _RUN_AGAIN[1],
        ),
    ),
    **_error(
        "deploy.site.unreachable",
        (
            "The backend at {url} does not answer ({detail}).",
            "Le backend à l'adresse {url} ne répond pas ({detail}).",
        ),
        (
            "It is not running, did not start again after the restart, or listens elsewhere.",
            "Il ne tourne pas, n'a pas redémarré, ou écoute ailleurs.",
        ),
        (
            "Look at the backend's log for why it stopped. " + _RUN_AGAIN[0],
            "Regardez dans le journal du backend pourquoi il s'est arrêté. " + _RUN_AGAIN[1],
        ),
    ),
    **_error(
        "deploy.site.timeout",
        (
            "The backend at {url} did not answer within {seconds} s.",
            "Le backend à l'adresse {url} n'a pas répondu en {seconds} s.",
        ),
        (
            "It accepted the message but Open WebUI or OpenAI did not answer it in time.",
            "Il a accepté le message mais Open WebUI ou OpenAI n'y a pas répondu à temps.",
        ),
        (
            "Run technova-setup check to see which server is slow.",
            "Lancez technova-setup check pour voir quel serveur est lent.",
        ),
    ),
    **_error(
        "deploy.site.refused",
        (
            "The backend at {url} answered {status}: {error}",
            "Le backend à l'adresse {url} a répondu {status} : {error}",
        ),
        (
            "The backend runs, but the chat fails behind it; its answer says where.",
            "Le backend tourne, mais le chat échoue derrière lui ; sa réponse dit où.",
        ),
        (
            "If the checks above pass, the backend still runs with the old key: restart it, "
            "then run technova-setup restart.",
            "Si les vérifications ci-dessus passent, le backend tourne encore avec l'ancienne "
            "clé : redémarrez-le, puis lancez technova-setup restart.",
        ),
    ),
    **_error(
        "deploy.site.no-reply",
        (
            "The backend at {url} answered without a reply.",
            "Le backend à l'adresse {url} a répondu sans réponse de chat.",
        ),
        (
            "Its answer had no reply field, as the widget expects.",
            "Sa réponse n'avait pas de champ reply, comme l'attend le widget.",
        ),
        (
            "Check that backendUrl in technova-config.js is the TechNova backend's address.",
            "Vérifiez que backendUrl dans technova-config.js est l'adresse du backend TechNova.",
        ),
    ),
    **_error(
        "deploy.verdict.unproven",
        ("The running site was not tested.", "Le site en marche n'a pas été testé."),
        ("The checks were not run.", "Les vérifications n'ont pas été lancées."),
        (
            "Run technova-setup restart to restart and test it.",
            "Lancez technova-setup restart pour le redémarrer et le tester.",
        ),
    ),
    # --- the steps, as they happen ------------------------------------------------------------
    "deploy.step.failed": {"en": "✗ {what}", "fr": "✗ {what}"},
    "deploy.step.manual": {
        "en": "You restart the backend yourself: do it now, so it reads its new key.",
        "fr": "Vous redémarrez le backend vous-même : faites-le maintenant, pour qu'il lise "
        "sa nouvelle clé.",
    },
    "deploy.step.checking": {
        "en": "Testing the keys live…",
        "fr": "Test des clés en direct…",
    },
    "deploy.step.checked": {
        "en": "The keys work live.",
        "fr": "Les clés fonctionnent en direct.",
    },
    "deploy.step.check-failed": {
        "en": "✗ {probe}: {what}",
        "fr": "✗ {probe} : {what}",
    },
    "deploy.step.site": {
        "en": "Asking the running backend ({url}) for an answer…",
        "fr": "Demande d'une réponse au backend en marche ({url})…",
    },
    # --- the project's own code ---------------------------------------------------------------
    **_error(
        "deploy.code.jwt-decode",
        (
            "{file}, line {line}, decodes OPENWEBUI_API_KEY as a session token: {excerpt}",
            "{file}, ligne {line}, décode OPENWEBUI_API_KEY comme un jeton de session : {excerpt}",
        ),
        (
            "An Open WebUI API key (sk- and 32 characters) is not a token and never expires: "
            "this code will log errors or false expiry alarms.",
            "Une clé API Open WebUI (sk- et 32 caractères) n'est pas un jeton et n'expire "
            "jamais : ce code affichera des erreurs ou de fausses alertes d'expiration.",
        ),
        (
            "Remove that expiry check (or skip it when the key starts with sk-); to know "
            "whether the key works, run technova-setup check.",
            "Retirez cette vérification d'expiration (ou sautez-la quand la clé commence par "
            "sk-) ; pour savoir si la clé fonctionne, lancez technova-setup check.",
        ),
    ),
    # --- technova-setup restart, and the end of login / renew --------------------------------
    **_error(
        "deploy.cli.needs-terminal",
        (
            "This step needs your agreement, and nobody can be asked here.",
            "Cette étape demande votre accord, et personne ne peut répondre ici.",
        ),
        (
            "Without a terminal (a script, cron), nothing is restarted without consent.",
            "Sans terminal (un script, cron), rien n'est redémarré sans accord.",
        ),
        (
            "Run the command in a terminal, or add --yes to agree in advance.",
            "Lancez la commande dans un terminal, ou ajoutez --yes pour accepter d'avance.",
        ),
    ),
    **_error(
        "deploy.cli.no-project",
        ("No TechNova project in {path}.", "Aucun projet TechNova dans {path}."),
        (
            "A project has a backend/ or websocket-server/ folder, or "
            "chat-widget/technova-config.js.",
            "Un projet a un dossier backend/ ou websocket-server/, ou "
            "chat-widget/technova-config.js.",
        ),
        (
            "Run the command in the project folder, or give it with --project DIR.",
            "Lancez la commande dans le dossier du projet, ou indiquez-le avec --project DIR.",
        ),
    ),
    **_error(
        "deploy.cli.no-config",
        (
            "The project does not say how its backend restarts.",
            "Le projet n'indique pas comment son backend redémarre.",
        ),
        (
            "There is no {file}, and no restart script or Docker Compose service was found.",
            "Il n'y a pas de {file}, et aucun script de redémarrage ni service Docker Compose "
            "n'a été trouvé.",
        ),
        (
            "Run technova-setup restart once in a terminal (it asks), or write {file} as the "
            "README shows.",
            "Lancez une fois technova-setup restart dans un terminal (il pose la question), ou "
            "écrivez {file} comme le montre le README.",
        ),
    ),
    "deploy.cli.ask-way": {
        "en": "Where does the backend run?\n"
        "  1) on this computer, restarted by a command (like ./restart-with-logs.sh)\n"
        "  2) on Coolify\n"
        "  3) with Docker Compose\n"
        "  4) I restart it myself\n"
        "Your choice [{default}]: ",
        "fr": "Où tourne le backend ?\n"
        "  1) sur cet ordinateur, redémarré par une commande (comme ./restart-with-logs.sh)\n"
        "  2) sur Coolify\n"
        "  3) avec Docker Compose\n"
        "  4) je le redémarre moi-même\n"
        "Votre choix [{default}] : ",
    },
    "deploy.cli.ask-command": {
        "en": "The command that restarts it, run from the project folder [{default}]: ",
        "fr": "La commande qui le redémarre, lancée depuis le dossier du projet [{default}] : ",
    },
    "deploy.cli.ask-coolify-url": {
        "en": "Coolify's address (https://…): ",
        "fr": "L'adresse de Coolify (https://…) : ",
    },
    "deploy.cli.ask-coolify-backend": {
        "en": "The uuid of the backend's application (on its page in Coolify): ",
        "fr": "L'uuid de l'application du backend (sur sa page dans Coolify) : ",
    },
    "deploy.cli.ask-coolify-voice": {
        "en": "The uuid of the voice server's application (Enter if none): ",
        "fr": "L'uuid de l'application du serveur vocal (Entrée s'il n'y en a pas) : ",
    },
    "deploy.cli.ask-compose-service": {
        "en": "The Compose service of the backend [{default}]: ",
        "fr": "Le service Compose du backend [{default}] : ",
    },
    "deploy.cli.ask-coolify-token": {
        "en": "Coolify API token (Keys & Tokens › API tokens; hidden as you type): ",
        "fr": "Jeton d'API Coolify (Keys & Tokens › API tokens ; masqué à la saisie) : ",
    },
    "deploy.cli.ask-save-token": {
        "en": "Keep this token in your keyring for next time? [y/N] ",
        "fr": "Garder ce jeton dans votre trousseau pour la prochaine fois ? [o/N] ",
    },
    "deploy.cli.token-saved": {
        "en": "Coolify token kept in your keyring (never in technova-setup.toml).",
        "fr": "Jeton Coolify gardé dans votre trousseau (jamais dans technova-setup.toml).",
    },
    "deploy.cli.restart-yourself": {
        "en": "Restart the backend now, the way you usually do: until then it keeps the old key. "
        "Then run technova-setup restart: it tests the running site.",
        "fr": "Redémarrez maintenant le backend comme d'habitude : d'ici là, il garde l'ancienne "
        "clé. Puis lancez technova-setup restart : il teste le site en marche.",
    },
    "deploy.cli.found": {"en": "Backend: {how}", "fr": "Backend : {how}"},
    "deploy.cli.ask-use-detected": {
        "en": "Use this? [y/N] ",
        "fr": "Utiliser ceci ? [o/N] ",
    },
    "deploy.cli.ask-write": {
        "en": "Write this to {file} (no secret goes in it)? [y/N] ",
        "fr": "L'écrire dans {file} (aucun secret n'y va) ? [o/N] ",
    },
    "deploy.cli.written": {
        "en": "{file} written: commit it, so the next person knows too.",
        "fr": "{file} écrit : versionnez-le, pour que la personne suivante le sache aussi.",
    },
    "deploy.cli.ask-restart": {
        "en": "Restart the backend now ({how})? [y/N] ",
        "fr": "Redémarrer le backend maintenant ({how}) ? [o/N] ",
    },
    # --- the wizard's step -------------------------------------------------------------------
    "tui.stepname.deploy": {"en": "Restart", "fr": "Relance"},
    "tui.help.deploy": {
        "en": "The backend reads its key when it starts: until it restarts, it keeps the old "
        "one. Say where it runs; the wizard restarts it (or gives Coolify the key and restarts "
        "the application), then sends a test message the way the widget does. Nothing is "
        "restarted before you press the button.",
        "fr": "Le backend lit sa clé au démarrage : tant qu'il n'a pas redémarré, il garde "
        "l'ancienne. Dites où il tourne ; l'assistant le redémarre (ou donne la clé à Coolify "
        "et redémarre l'application), puis envoie un message de test comme le fait le widget. "
        "Rien n'est redémarré avant que vous appuyiez sur le bouton.",
    },
    "tui.deploy.heading": {
        "en": "Bring the new key to the running site",
        "fr": "Amener la nouvelle clé jusqu'au site en marche",
    },
    "tui.deploy.ask": {"en": "Where does the backend run?", "fr": "Où tourne le backend ?"},
    "tui.deploy.way.command": {
        "en": "On this computer, restarted by a command",
        "fr": "Sur cet ordinateur, redémarré par une commande",
    },
    "tui.deploy.way.coolify": {"en": "On Coolify", "fr": "Sur Coolify"},
    "tui.deploy.way.compose": {"en": "With Docker Compose", "fr": "Avec Docker Compose"},
    "tui.deploy.way.manual": {"en": "I restart it myself", "fr": "Je le redémarre moi-même"},
    "tui.deploy.field.command": {
        "en": "Command, run from the project folder:",
        "fr": "Commande, lancée depuis le dossier du projet :",
    },
    "tui.deploy.field.url": {"en": "Coolify's address:", "fr": "Adresse de Coolify :"},
    "tui.deploy.field.app": {
        "en": "The backend application's uuid (on its Coolify page):",
        "fr": "Uuid de l'application du backend (sur sa page Coolify) :",
    },
    "tui.deploy.field.token": {
        "en": "Coolify API token (empty: COOLIFY_TOKEN or the keyring):",
        "fr": "Jeton d'API Coolify (vide : COOLIFY_TOKEN ou le trousseau) :",
    },
    "tui.deploy.field.service": {
        "en": "The backend's Compose service:",
        "fr": "Service Compose du backend :",
    },
    "tui.deploy.write": {
        "en": "Write this in {file} (no secret in it; commit it)",
        "fr": "L'écrire dans {file} (sans secret ; à versionner)",
    },
    "tui.deploy.keep-token": {
        "en": "Keep the token in my keyring",
        "fr": "Garder le jeton dans mon trousseau",
    },
    "tui.deploy.from-file": {"en": "{file}: backend {how}.", "fr": "{file} : backend {how}."},
    "tui.deploy.detected": {
        "en": "Found in the project: backend probably {how}.",
        "fr": "Trouvé dans le projet : backend probablement {how}.",
    },
    "tui.deploy.nothing-detected": {
        "en": "Nothing in the project says how the backend restarts.",
        "fr": "Rien dans le projet n'indique comment le backend redémarre.",
    },
    "tui.deploy.run": {"en": "Restart and test", "fr": "Redémarrer et tester"},
    "tui.deploy.again": {"en": "Again", "fr": "Recommencer"},
    "tui.deploy.skip": {"en": "Skip", "fr": "Passer"},
    "tui.deploy.continue": {"en": "Continue", "fr": "Continuer"},
    "tui.deploy.running": {
        "en": "Restarting and testing…",
        "fr": "Redémarrage et test en cours…",
    },
}
