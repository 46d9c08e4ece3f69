"""Messages: signing in to Open WebUI, its API keys, its OpenAI connection and models."""


def _e(
    code: str, what: tuple[str, str], why: tuple[str, str], nxt: tuple[str, str]
) -> dict[str, dict[str, str]]:
    return {
        f"account.{code}.what": {"en": what[0], "fr": what[1]},
        f"account.{code}.why": {"en": why[0], "fr": why[1]},
        f"account.{code}.next": {"en": nxt[0], "fr": nxt[1]},
    }


MESSAGES: dict[str, dict[str, str]] = {
    **_e(
        "unreachable",
        ("Open WebUI did not answer at {url}.", "Open WebUI n'a pas répondu à l'adresse {url}."),
        (
            "It is not running, or the address or port is wrong (Docker: 3000, pip: 8080).",
            "Il n'est pas démarré, ou l'adresse ou le port est faux (Docker : 3000, pip : 8080).",
        ),
        (
            "Open the address in a browser; once Open WebUI shows, run the command again, with "
            "the right address: login takes --url ADDRESS, renew reads OPENWEBUI_URL in "
            "backend/.env.",
            "Ouvrez l'adresse dans un navigateur ; quand Open WebUI s'affiche, relancez la "
            "commande avec la bonne adresse : login la prend avec --url ADRESSE, renew la lit "
            "dans OPENWEBUI_URL de backend/.env.",
        ),
    ),
    **_e(
        "not-openwebui",
        (
            "The server at {url} did not answer like Open WebUI.",
            "Le serveur à l'adresse {url} n'a pas répondu comme Open WebUI.",
        ),
        (
            "The address may lead to another program or a proxy page.",
            "L'adresse mène peut-être à un autre programme ou à une page de proxy.",
        ),
        (
            "Check the address: it is the one you open to chat in Open WebUI.",
            "Vérifiez l'adresse : c'est celle que vous ouvrez pour discuter dans Open WebUI.",
        ),
    ),
    **_e(
        "wrong-password",
        (
            "Open WebUI refused the email or password for {email}.",
            "Open WebUI a refusé l'e-mail ou le mot de passe de {email}.",
        ),
        (
            "A typo, or another account's password. {limit}",
            "Une faute de frappe, ou le mot de passe d'un autre compte. {limit}",
        ),
        (
            "Check them by signing in to Open WebUI in a browser, then run the command again. We "
            "do not retry on our own.",
            "Vérifiez-les en vous connectant à Open WebUI dans un navigateur, puis relancez la "
            "commande. Nous ne réessayons jamais tout seuls.",
        ),
    ),
    **_e(
        "rate-limited",
        (
            "Open WebUI refuses new sign-ins for {email} for now (too many tries).",
            "Open WebUI refuse pour l'instant les connexions de {email} (trop d'essais).",
        ),
        (
            "It allows 15 sign-in tries in 3 minutes per email address.",
            "Il accepte 15 essais de connexion en 3 minutes par adresse e-mail.",
        ),
        (
            "Wait 3 minutes, then try once more with the right password.",
            "Attendez 3 minutes, puis réessayez une fois avec le bon mot de passe.",
        ),
    ),
    **_e(
        "keys-off",
        (
            "Open WebUI at {url} does not allow API keys for this account.",
            "L'Open WebUI de {url} n'autorise pas les clés d'API pour ce compte.",
        ),
        ("{reason}", "{reason}"),
        (
            "An admin can let technova-setup switch them on (technova-setup login with an admin "
            "account); otherwise send your admin the message below.",
            "Un administrateur peut laisser technova-setup les activer (technova-setup login "
            "avec un compte administrateur) ; sinon, envoyez le message ci-dessous à votre "
            "administrateur.",
        ),
    ),
    **_e(
        "not-allowed",
        (
            "Open WebUI at {url} refused this action ({status}: {detail}).",
            "L'Open WebUI de {url} a refusé cette action ({status} : {detail}).",
        ),
        (
            "The account is not an admin, or its session ended.",
            "Le compte n'est pas administrateur, ou sa session est terminée.",
        ),
        (
            "Sign in again with an admin account: technova-setup login.",
            "Reconnectez-vous avec un compte administrateur : technova-setup login.",
        ),
    ),
    **_e(
        "refused",
        (
            "Open WebUI at {url} answered {status}: {detail}",
            "L'Open WebUI de {url} a répondu {status} : {detail}",
        ),
        ("This answer is not one we expected.", "Cette réponse n'était pas attendue."),
        (
            "Check that Open WebUI works in a browser, then run the command again.",
            "Vérifiez qu'Open WebUI fonctionne dans un navigateur, puis relancez la commande.",
        ),
    ),
    **_e(
        "key-refused",
        (
            "Open WebUI at {url} no longer accepts the current key.",
            "L'Open WebUI de {url} n'accepte plus la clé actuelle.",
        ),
        (
            "It was replaced by a newer key, or it is not an Open WebUI key.",
            "Elle a été remplacée par une clé plus récente, ou ce n'est pas une clé Open WebUI.",
        ),
        (
            "Sign in instead: technova-setup renew asks for your email and password.",
            "Connectez-vous plutôt : technova-setup renew demande votre e-mail et votre mot de "
            "passe.",
        ),
    ),
    # Sentences whose truth depends on the server's version: "<key>" holds 0.12's, and
    # "<key>.v0.6" 0.6's (FACTS.md, "Open WebUI 0.6.x"); `OpenWebUIVersion.msg` picks one.
    "account.keys-off-reason": {
        "en": "API keys are off by default: an admin switches them on (Admin Panel › Settings › "
        "Authentication), and ordinary users also need the “API Keys” permission (Admin Panel "
        "› Users › Permissions).",
        "fr": "Les clés d'API sont désactivées par défaut : un administrateur les active "
        "(Panneau d'administration › Réglages › Authentification), et les utilisateurs "
        "ordinaires ont aussi besoin de la permission « Clés d'API » (Panneau "
        "d'administration › Utilisateurs › Permissions).",
    },
    "account.keys-off-reason.v0.6": {
        "en": "An admin switched API keys off (on this Open WebUI, 0.6, they are on by default "
        "and every user may make one): Admin Panel › Settings › General › Authentication › "
        "“Enable API Key”.",
        "fr": "Un administrateur a désactivé les clés d'API (sur cet Open WebUI, 0.6, elles "
        "sont activées par défaut et chaque utilisateur peut en créer une) : Panneau "
        "d'administration › Réglages › Général › Authentification › « Activer la clé API ».",
    },
    "account.signin-limit": {
        "en": "Open WebUI allows 15 tries in 3 minutes.",
        "fr": "Open WebUI accepte 15 essais en 3 minutes.",
    },
    "account.signin-limit.v0.6": {
        "en": "This Open WebUI (0.6) does not limit the number of tries.",
        "fr": "Cet Open WebUI (0.6) ne limite pas le nombre d'essais.",
    },
    **_e(
        "keys-not-switched-on",
        (
            "Open WebUI at {url} did not switch API keys on.",
            "L'Open WebUI de {url} n'a pas activé les clés d'API.",
        ),
        (
            "It accepted the change, but read back afterwards it still reports {field} = "
            "{answered}.",
            "Il a accepté la modification, mais relu ensuite il indique toujours {field} = "
            "{answered}.",
        ),
        (
            "Switch them on in a browser, in the Admin Panel's settings (“API Keys” or “Enable "
            "API Key”), then run the command again.",
            "Activez-les dans un navigateur, dans les réglages du Panneau d'administration "
            "(« Clés d'API » ou « Activer la clé API »), puis relancez la commande.",
        ),
    ),
    **_e(
        "permission-not-granted",
        (
            "Open WebUI at {url} did not give users the “API Keys” permission.",
            "L'Open WebUI de {url} n'a pas donné aux utilisateurs la permission « Clés d'API ».",
        ),
        (
            "It accepted the change, but read back afterwards the permission is still off.",
            "Il a accepté la modification, mais relue ensuite la permission est toujours "
            "désactivée.",
        ),
        (
            "Grant it in a browser: Admin Panel › Users › Permissions › “API Keys”, then run "
            "the command again.",
            "Accordez-la dans un navigateur : Panneau d'administration › Utilisateurs › "
            "Permissions › « Clés d'API », puis relancez la commande.",
        ),
    ),
    "account.ask-admin.v0.6": {
        "en": "Hello, could you switch on API keys in our Open WebUI at {url}, so that my account "
        "({email}) can make one? Admin Panel › Settings › General › Authentication › “Enable "
        "API Key”, then Save. It is needed by our website's chat (TechNova). Thank you!",
        "fr": "Bonjour, pourriez-vous activer les clés d'API dans notre Open WebUI à l'adresse "
        "{url}, pour que mon compte ({email}) puisse en créer une ? Panneau d'administration › "
        "Réglages › Général › Authentification › « Activer la clé API », puis Enregistrer. Le "
        "chat de notre site (TechNova) en a besoin. Merci !",
    },
    "login.ask-enable.v0.6": {
        "en": "API keys are off on this Open WebUI. As an admin, switch them on (Admin Panel › "
        "Settings › General › Authentication › Enable API Key)? On this version (0.6) every "
        "user may then make a key: there is no separate permission. [y/N] ",
        "fr": "Les clés d'API sont désactivées sur cet Open WebUI. En tant qu'administrateur, "
        "les activer (Panneau d'administration › Réglages › Général › Authentification › "
        "Activer la clé API) ? Sur cette version (0.6), chaque utilisateur pourra alors créer "
        "une clé : il n'y a pas de permission séparée. [o/N] ",
    },
    "login.jwt-note.v0.6": {
        "en": "backend/.env holds a session token, not an API key. {expiry} A session token "
        "also stops working when Open WebUI's secret key changes (a container recreated "
        "without its volume). An API key never expires and survives that: it will take its "
        "place.",
        "fr": "backend/.env contient un jeton de session, pas une clé d'API. {expiry} Un jeton "
        "de session cesse aussi de fonctionner quand la clé secrète d'Open WebUI change (un "
        "conteneur recréé sans son volume). Une clé d'API n'expire jamais et y résiste : elle "
        "va le remplacer.",
    },
    "account.ask-admin": {
        "en": "Hello, could you let my account ({email}) make an Open WebUI API key? In Open "
        "WebUI at {url}: Admin Panel › Settings › Authentication › switch on “API keys”, then "
        "Admin Panel › Users › Permissions › switch on “API Keys” for users. It is needed by "
        "our website's chat (TechNova). Thank you!",
        "fr": "Bonjour, pourriez-vous permettre à mon compte ({email}) de créer une clé d'API "
        "Open WebUI ? Dans Open WebUI à l'adresse {url} : Panneau d'administration › Réglages "
        "› Authentification › activer « Clés d'API », puis Panneau d'administration › "
        "Utilisateurs › Permissions › activer « Clés d'API » pour les utilisateurs. Le chat de "
        "notre site (TechNova) en a besoin. Merci !",
    },
    # --- the login and renew commands ---
    "login.email-prompt": {"en": "Open WebUI email: ", "fr": "E-mail Open WebUI : "},
    "login.password-prompt": {
        "en": "Open WebUI password (not shown): ",
        "fr": "Mot de passe Open WebUI (invisible) : ",
    },
    "login.signed-in": {
        "en": "Signed in to {url} as {email} ({role}).",
        "fr": "Connecté à {url} en tant que {email} ({role}).",
    },
    "login.will-replace": {
        "en": "An Open WebUI account has one API key: making a new one replaces the old one at "
        "once, and anything still using the old one stops working. The new key will be "
        "written to: {files}.",
        "fr": "Un compte Open WebUI a une seule clé d'API : en créer une nouvelle remplace "
        "l'ancienne aussitôt, et tout ce qui utilise encore l'ancienne cesse de fonctionner. "
        "La nouvelle clé sera écrite dans : {files}.",
    },
    "login.ask-continue": {
        "en": "Make the new key? [y/N] ",
        "fr": "Créer la nouvelle clé ? [o/N] ",
    },
    "login.ask-enable": {
        "en": "API keys are off on this Open WebUI. As an admin, switch them on (Admin Panel › "
        "Settings › Authentication › API keys)? Admins can then make keys; other users still "
        "need the “API Keys” permission, which stays as it is. [y/N] ",
        "fr": "Les clés d'API sont désactivées sur cet Open WebUI. En tant qu'administrateur, "
        "les activer (Panneau d'administration › Réglages › Authentification › Clés d'API) ? "
        "Les administrateurs pourront alors créer des clés ; les autres utilisateurs auront "
        "toujours besoin de la permission « Clés d'API », qui reste inchangée. [o/N] ",
    },
    "login.enabled": {
        "en": "API keys are now switched on.",
        "fr": "Les clés d'API sont maintenant activées.",
    },
    "login.send-admin": {
        "en": "Message to send to your admin:",
        "fr": "Message à envoyer à votre administrateur :",
    },
    "login.created": {
        "en": "New API key made: {masked} (it does not expire).",
        "fr": "Nouvelle clé d'API créée : {masked} (elle n'expire pas).",
    },
    "login.verified": {"en": "Checked: {what}", "fr": "Vérifié : {what}"},
    "login.not-verified": {
        "en": "The new key was saved, but the check says: {what} {next}",
        "fr": "La nouvelle clé est enregistrée, mais la vérification indique : {what} {next}",
    },
    "login.saved": {"en": "Written to {file}{keyring}.", "fr": "Écrite dans {file}{keyring}."},
    "login.and-keyring": {"en": " and the keyring", "fr": " et le trousseau"},
    "login.keyring-skipped": {
        "en": "Not kept in the keyring: {reason}",
        "fr": "Pas gardée dans le trousseau : {reason}",
    },
    "login.waiting": {
        "en": "Another technova-setup is changing {file} right now; waiting for it to finish…",
        "fr": "Un autre technova-setup modifie {file} en ce moment ; attente de la fin…",
    },
    "login.restart": {
        "en": "Now restart the backend so it reads the new key (it reads backend/.env only when "
        "it starts).",
        "fr": "Redémarrez maintenant le backend pour qu'il lise la nouvelle clé (il ne lit "
        "backend/.env qu'au démarrage).",
    },
    "login.restarting": {
        "en": "Restarting the backend: {command}",
        "fr": "Redémarrage du backend : {command}",
    },
    "login.restart-failed": {
        "en": "The restart command ended with code {code}.",
        "fr": "La commande de redémarrage s'est terminée avec le code {code}.",
    },
    "login.cancelled": {"en": "Nothing was changed.", "fr": "Rien n'a été modifié."},
    "login.rotating": {
        "en": "The current API key still works: it makes its own successor (no password needed).",
        "fr": "La clé d'API actuelle fonctionne encore : elle crée elle-même sa remplaçante "
        "(pas besoin de mot de passe).",
    },
    "login.openai-connection-empty": {
        "en": "As an admin, paste the OpenAI key to put there (not shown; press Enter to skip): ",
        "fr": "En tant qu'administrateur, collez la clé OpenAI à y mettre (invisible ; Entrée "
        "pour passer) : ",
    },
    "login.model-missing": {
        "en": "The model “{model}” does not exist in Open WebUI. Create it over which base "
        "model? (Enter for {base}, or “skip”): ",
        "fr": "Le modèle « {model} » n'existe pas dans Open WebUI. Le créer sur quel modèle de "
        "base ? (Entrée pour {base}, ou « passer ») : ",
    },
    "login.system-prompt": {
        "en": "Its instructions (system prompt; Enter for a default): ",
        "fr": "Ses instructions (prompt système ; Entrée pour un texte par défaut) : ",
    },
    "login.model-created": {
        "en": "Model “{model}” created over {base}, readable by every user.",
        "fr": "Modèle « {model} » créé sur {base}, lisible par tous les utilisateurs.",
    },
    "login.default-system-prompt": {
        "en": "You are the assistant of the TechNova website. Answer briefly and kindly.",
        "fr": "Tu es l'assistant du site TechNova. Réponds brièvement et aimablement.",
    },
    **_e(
        "needs-terminal",
        (
            "This step needs your answer, but no one can answer here (standard input is not a "
            "terminal).",
            "Cette étape a besoin de votre réponse, mais personne ne peut répondre ici (l'entrée "
            "standard n'est pas un terminal).",
        ),
        (
            "In a script or cron, technova-setup never waits for an answer nobody can give.",
            "Dans un script ou cron, technova-setup n'attend jamais une réponse que personne ne "
            "peut donner.",
        ),
        (
            "Run it in a terminal, or add --yes to agree to every step in advance (and "
            "--password-stdin or --key-stdin to give the secret on standard input).",
            "Lancez-le dans un terminal, ou ajoutez --yes pour accepter chaque étape d'avance "
            "(et --password-stdin ou --key-stdin pour donner le secret sur l'entrée standard).",
        ),
    ),
    **_e(
        "no-email",
        (
            "No email address was given for the sign-in.",
            "Aucune adresse e-mail n'a été donnée pour la connexion.",
        ),
        (
            "Signing in to Open WebUI needs the account's email and password.",
            "Se connecter à Open WebUI demande l'e-mail et le mot de passe du compte.",
        ),
        ("Add --email YOUR@EMAIL.", "Ajoutez --email VOTRE@EMAIL."),
    ),
    # --- added with the engine's own API (issue 5) ---
    **_e(
        "timeout",
        (
            "Open WebUI at {url} did not finish answering within {seconds} s.",
            "L'Open WebUI de {url} n'a pas fini de répondre en {seconds} s.",
        ),
        (
            "It is overloaded, starting up (about 20 s), or a proxy holds the connection.",
            "Il est surchargé, en train de démarrer (environ 20 s), ou un proxy retient la "
            "connexion.",
        ),
        (
            "Wait a minute, check the address opens in a browser, then run the command again.",
            "Attendez une minute, vérifiez que l'adresse s'ouvre dans un navigateur, puis "
            "relancez la commande.",
        ),
    ),
    **_e(
        "password-sign-in-off",
        (
            "Open WebUI at {url} does not accept sign-in with a password.",
            "L'Open WebUI de {url} n'accepte pas la connexion par mot de passe.",
        ),
        (
            "Its admin switched password sign-in off (ENABLE_PASSWORD_AUTH), for example to use "
            "your organisation's login page instead.",
            "Son administrateur a désactivé la connexion par mot de passe (ENABLE_PASSWORD_AUTH), "
            "par exemple pour utiliser la page de connexion de votre organisation.",
        ),
        (
            "Sign in in a browser, make the key in Settings › Account › API keys, then give it "
            "with: technova-setup renew --key-stdin.",
            "Connectez-vous dans un navigateur, créez la clé dans Réglages › Compte › Clés d'API, "
            "puis donnez-la avec : technova-setup renew --key-stdin.",
        ),
    ),
    **_e(
        "rotation-restricted",
        (
            "The current API key may not make its successor on {url}.",
            "La clé d'API actuelle ne peut pas créer sa remplaçante sur {url}.",
        ),
        (
            "The admin limited which addresses API keys may call (API key endpoint restrictions).",
            "L'administrateur a limité les adresses que les clés d'API peuvent appeler "
            "(restrictions des points d'accès des clés d'API).",
        ),
        (
            "Sign in with your email and password instead: technova-setup renew asks for them.",
            "Connectez-vous plutôt avec votre e-mail et votre mot de passe : technova-setup renew "
            "les demande.",
        ),
    ),
    **_e(
        "base-model-unknown",
        (
            "The base model “{model}” is not in Open WebUI's model list.",
            "Le modèle de base « {model} » n'est pas dans la liste des modèles d'Open WebUI.",
        ),
        (
            "Open WebUI hides a custom model whose base model it cannot reach. Available now: "
            "{available}.",
            "Open WebUI masque un modèle personnalisé dont il ne trouve pas le modèle de base. "
            "Disponibles maintenant : {available}.",
        ),
        (
            "Choose one of the available models as the base.",
            "Choisissez l'un des modèles disponibles comme base.",
        ),
    ),
    **_e(
        "model-exists",
        (
            "A model “{model}” already exists in Open WebUI at {url}, but this account does not "
            "see it.",
            "Un modèle « {model} » existe déjà dans l'Open WebUI de {url}, mais ce compte ne le "
            "voit pas.",
        ),
        (
            "Its base model is not available any more, or it is not shared with this account.",
            "Son modèle de base n'est plus disponible, ou il n'est pas partagé avec ce compte.",
        ),
        (
            "In Open WebUI, open Workspace › Models › “{model}”: choose an available base model "
            "and give every user read access.",
            "Dans Open WebUI, ouvrez Espace de travail › Modèles › « {model} » : choisissez un "
            "modèle de base disponible et donnez l'accès en lecture à tous les utilisateurs.",
        ),
    ),
    **_e(
        "pasted-key-refused",
        (
            "Open WebUI at {url} refused the pasted key {masked}; nothing was changed.",
            "L'Open WebUI de {url} a refusé la clé collée {masked} ; rien n'a été modifié.",
        ),
        ("{reason}", "{reason}"),
        (
            "Copy the key again from Settings › Account › API keys, or run technova-setup renew "
            "without --key-stdin to make one.",
            "Copiez de nouveau la clé depuis Réglages › Compte › Clés d'API, ou lancez "
            "technova-setup renew sans --key-stdin pour en créer une.",
        ),
    ),
    "login.jwt-note": {
        "en": "backend/.env holds a session token, not an API key. {expiry} A session token "
        "also stops working when Open WebUI's secret key changes (a container recreated "
        "without its volume) or the session is revoked. An API key never expires and survives "
        "both: it will take its place.",
        "fr": "backend/.env contient un jeton de session, pas une clé d'API. {expiry} Un jeton "
        "de session cesse aussi de fonctionner quand la clé secrète d'Open WebUI change (un "
        "conteneur recréé sans son volume) ou quand la session est révoquée. Une clé d'API "
        "n'expire jamais et résiste aux deux : elle va le remplacer.",
    },
    "login.connection": {
        "en": "Open WebUI shows no model: the OpenAI key inside Open WebUI (Admin Panel › "
        "Settings › Connections) is wrong or missing. Connection: {urls}; key: {keys}.",
        "fr": "Open WebUI n'affiche aucun modèle : la clé OpenAI configurée dans Open WebUI "
        "(Panneau d'administration › Réglages › Connexions) est fausse ou absente. Connexion : "
        "{urls} ; clé : {keys}.",
    },
    "login.connection-left": {
        "en": "The connection was left as it is: put a working OpenAI key in Admin Panel › "
        "Settings › Connections, or run technova-setup login again in a terminal.",
        "fr": "La connexion est restée telle quelle : mettez une clé OpenAI valide dans Panneau "
        "d'administration › Réglages › Connexions, ou relancez technova-setup login dans un "
        "terminal.",
    },
    "login.connection-fixed": {
        "en": "The OpenAI key is now in Open WebUI's connection: {count} models are listed.",
        "fr": "La clé OpenAI est maintenant dans la connexion d'Open WebUI : {count} modèles "
        "sont listés.",
    },
    "login.connection-still-empty": {
        "en": "The key was saved in Open WebUI's connection, but it still lists no model: "
        "OpenAI refuses this key too. Check it at https://platform.openai.com/api-keys.",
        "fr": "La clé est enregistrée dans la connexion d'Open WebUI, mais aucun modèle n'est "
        "listé : OpenAI refuse aussi cette clé. Vérifiez-la sur "
        "https://platform.openai.com/api-keys.",
    },
    "login.model-left": {
        "en": "The model “{model}” was not created: create it in Workspace › Models, or run "
        "technova-setup login again in a terminal.",
        "fr": "Le modèle « {model} » n'a pas été créé : créez-le dans Espace de travail › "
        "Modèles, ou relancez technova-setup login dans un terminal.",
    },
    "login.model-invisible": {
        "en": "The model “{model}” exists, but the new key's account does not see it yet: "
        "share it with every user in Workspace › Models › “{model}” › Access.",
        "fr": "Le modèle « {model} » existe, mais le compte de la nouvelle clé ne le voit pas "
        "encore : partagez-le avec tous les utilisateurs dans Espace de travail › Modèles › "
        "« {model} » › Accès.",
    },
    "login.from-session": {
        "en": "The session token in backend/.env still works: it makes the API key (no "
        "password needed).",
        "fr": "Le jeton de session de backend/.env fonctionne encore : il crée la clé d'API "
        "(pas besoin de mot de passe).",
    },
    "login.sign-in-instead": {
        "en": "The current key cannot make a new one ({why}); signing in instead.",
        "fr": "La clé actuelle ne peut pas en créer une nouvelle ({why}) ; connexion à la place.",
    },
    # --- which Open WebUI answered (GET /api/version) ---
    "openwebui.version": {"en": "Open WebUI {version}", "fr": "Open WebUI {version}"},
    "openwebui.version-unknown": {
        "en": "Open WebUI did not say its version: treated as the newest known ({assumed}.x).",
        "fr": "Open WebUI n'a pas indiqué sa version : traité comme la plus récente connue "
        "({assumed}.x).",
    },
    "openwebui.version-unrecognised": {
        "en": "Open WebUI gives its version as “{version}”, which we cannot read: treated as the "
        "newest known ({assumed}.x).",
        "fr": "Open WebUI indique la version « {version} », que nous ne savons pas lire : "
        "traité comme la plus récente connue ({assumed}.x).",
    },
    "check.debug-version": {
        "en": "[debug] Server: {version}",
        "fr": "[débogage] Serveur : {version}",
    },
    "tui.tests.openwebui-version": {"en": "Server: {version}", "fr": "Serveur : {version}"},
    "renew.paste-prompt": {
        "en": "Paste the new Open WebUI API key (not shown): ",
        "fr": "Collez la nouvelle clé d'API Open WebUI (invisible) : ",
    },
}
