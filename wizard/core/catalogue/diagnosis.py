"""Messages: the diagnosis of every answer a live check can get (what / why / next)."""

from __future__ import annotations


def _d(
    code: str, what: tuple[str, str], why: tuple[str, str], nxt: tuple[str, str]
) -> dict[str, dict[str, str]]:
    """One diagnosis: (English, French) for each of what happened, why, and what to do."""
    return {
        f"diag.{code}.what": {"en": what[0], "fr": what[1]},
        f"diag.{code}.why": {"en": why[0], "fr": why[1]},
        f"diag.{code}.next": {"en": nxt[0], "fr": nxt[1]},
    }


_KEYS_SCREEN = (
    "Open WebUI › Settings › Account › API keys",
    "Open WebUI › Réglages › Compte › Clés d'API",
)
_OK_NEXT = ("Nothing to do.", "Rien à faire.")

MESSAGES: dict[str, dict[str, str]] = {
    "where.voice": {
        "en": "the OpenAI key in websocket-server/.env",
        "fr": "la clé OpenAI de websocket-server/.env",
    },
    "place.voice": {"en": "websocket-server/.env", "fr": "websocket-server/.env"},
    "place.openwebui-connection": {
        "en": "Open WebUI (Admin Panel › Settings › Connections)",
        "fr": "Open WebUI (Panneau d'administration › Réglages › Connexions)",
    },
    "where.openwebui-connection": {
        "en": "the OpenAI key saved inside Open WebUI (Admin Panel › Settings › Connections)",
        "fr": "la clé OpenAI enregistrée dans Open WebUI (Panneau d'administration › Réglages "
        "› Connexions)",
    },
    "probe.openwebui": {"en": "Open WebUI key", "fr": "Clé Open WebUI"},
    "probe.chat": {"en": "Chat, end to end", "fr": "Chat, de bout en bout"},
    "probe.openai": {"en": "OpenAI key", "fr": "Clé OpenAI"},
    "probe.realtime": {"en": "Voice (Realtime)", "fr": "Voix (Realtime)"},
    # --- before anything is sent ---
    **_d(
        "no-key.OPENWEBUI_API_KEY",
        ("There is no Open WebUI key in {file}.", "Il n'y a pas de clé Open WebUI dans {file}."),
        (
            "The backend needs it to talk to Open WebUI; it has not been set up yet.",
            "Le backend en a besoin pour parler à Open WebUI ; elle n'a pas encore été réglée.",
        ),
        (
            "Run technova-setup and follow the Open WebUI key step.",
            "Lancez technova-setup et suivez l'étape « clé Open WebUI ».",
        ),
    ),
    **_d(
        "no-key.OPENAI_API_KEY",
        ("There is no OpenAI key in {file}.", "Il n'y a pas de clé OpenAI dans {file}."),
        (
            "The voice server needs it to reach OpenAI; it has not been set up yet.",
            "Le serveur vocal en a besoin pour joindre OpenAI ; elle n'a pas encore été réglée.",
        ),
        (
            "Run technova-setup and follow the OpenAI key step (keys are made at "
            "https://platform.openai.com/api-keys).",
            "Lancez technova-setup et suivez l'étape « clé OpenAI » (les clés se créent sur "
            "https://platform.openai.com/api-keys).",
        ),
    ),
    **_d(
        "wrong-place.OPENWEBUI_API_KEY",
        (
            "{file} holds an OpenAI key ({masked}) where the Open WebUI key belongs. Nothing was "
            "sent.",
            "{file} contient une clé OpenAI ({masked}) à la place de la clé Open WebUI. Rien n'a "
            "été envoyé.",
        ),
        (
            "The backend talks to Open WebUI, not to OpenAI, and Open WebUI refuses OpenAI keys. "
            "The two keys are easy to confuse: both can start with “sk-”.",
            "Le backend parle à Open WebUI, pas à OpenAI, et Open WebUI refuse les clés OpenAI. "
            "Les deux clés se confondent facilement : toutes deux peuvent commencer par « sk- ».",
        ),
        (
            "Put your Open WebUI key in {file} (" + _KEYS_SCREEN[0] + ") and move the OpenAI "
            "key to websocket-server/.env.",
            "Mettez votre clé Open WebUI dans {file} (" + _KEYS_SCREEN[1] + ") et déplacez la clé "
            "OpenAI dans websocket-server/.env.",
        ),
    ),
    **_d(
        "wrong-place.OPENAI_API_KEY",
        (
            "{file} holds an Open WebUI key ({masked}) where the OpenAI key belongs. Nothing was "
            "sent.",
            "{file} contient une clé Open WebUI ({masked}) à la place de la clé OpenAI. Rien n'a "
            "été envoyé.",
        ),
        (
            "The voice server talks to OpenAI directly, and OpenAI refuses Open WebUI keys, even "
            "though they look like old OpenAI keys.",
            "Le serveur vocal parle directement à OpenAI, qui refuse les clés Open WebUI, même si "
            "elles ressemblent aux anciennes clés OpenAI.",
        ),
        (
            "Put your OpenAI key in {file} (https://platform.openai.com/api-keys) and move the "
            "Open WebUI key to backend/.env.",
            "Mettez votre clé OpenAI dans {file} (https://platform.openai.com/api-keys) et "
            "déplacez la clé Open WebUI dans backend/.env.",
        ),
    ),
    **_d(
        "key-unusable",
        (
            "The key in {file} ({masked}) cannot work, so it was not sent.",
            "La clé de {file} ({masked}) ne peut pas fonctionner : elle n'a pas été envoyée.",
        ),
        ("{problem}", "{problem}"),
        (
            "Run technova-setup to paste the key again.",
            "Lancez technova-setup pour coller de nouveau la clé.",
        ),
    ),
    **_d(
        "key-with-extras",
        (
            "The key in {file} ({masked}) is stored with {extras}, so it was not sent.",
            "La clé de {file} ({masked}) est enregistrée avec {extras} : elle n'a pas été envoyée.",
        ),
        (
            "The server program reads them as part of the key and sends them along: the "
            "server refuses such a key.",
            "Le programme du serveur les lit comme une partie de la clé et les envoie avec "
            "elle : le serveur refuse une telle clé.",
        ),
        (
            "Run technova-setup to write the key again, clean.",
            "Lancez technova-setup pour réécrire la clé, propre.",
        ),
    ),
    # --- reaching the server ---
    **_d(
        "connection-refused",
        ("Nothing answers at {url}.", "Rien ne répond à l'adresse {url}."),
        (
            "The server is not running, or it listens on another port. Open WebUI installed with "
            "Docker is usually on port 3000; installed with pip (open-webui serve), on 8080.",
            "Le serveur n'est pas démarré, ou il écoute sur un autre port. Open WebUI installé "
            "avec Docker est en général sur le port 3000 ; installé avec pip (open-webui serve), "
            "sur le 8080.",
        ),
        (
            "Start the server, open the address in a browser to check it, then correct the "
            "address in technova-setup if needed.",
            "Démarrez le serveur, ouvrez l'adresse dans un navigateur pour vérifier, puis "
            "corrigez l'adresse dans technova-setup si besoin.",
        ),
    ),
    **_d(
        "wrong-port",
        (
            "Nothing answers at {url}, but Open WebUI answers at {other}.",
            "Rien ne répond à {url}, mais Open WebUI répond à {other}.",
        ),
        (
            "The address uses the wrong port: Docker installs publish Open WebUI on 3000, pip "
            "installs (open-webui serve) listen on 8080.",
            "L'adresse utilise le mauvais port : les installations Docker publient Open WebUI sur "
            "le 3000, les installations pip (open-webui serve) écoutent sur le 8080.",
        ),
        (
            "Use {other} as OPENWEBUI_URL in backend/.env (technova-setup can change it).",
            "Utilisez {other} comme OPENWEBUI_URL dans backend/.env (technova-setup peut le "
            "changer).",
        ),
    ),
    **_d(
        "dns-failure",
        ("The name {host} could not be found.", "Le nom {host} est introuvable."),
        (
            "The address has a typing mistake, or this computer has no network or no access to "
            "that name (a name that only exists inside Docker, for example).",
            "L'adresse contient une faute de frappe, ou cet ordinateur n'a pas de réseau ou pas "
            "accès à ce nom (un nom qui n'existe que dans Docker, par exemple).",
        ),
        (
            "Check the spelling of {url}, and that this computer is connected.",
            "Vérifiez l'orthographe de {url}, et que cet ordinateur est connecté.",
        ),
    ),
    **_d(
        "tls-error",
        ("The secure connection to {host} failed.", "La connexion sécurisée à {host} a échoué."),
        (
            "Its certificate is invalid, expired or self-signed, or the address uses https:// "
            "for a server that only speaks http://.",
            "Son certificat est invalide, expiré ou auto-signé, ou l'adresse utilise https:// "
            "pour un serveur qui ne parle que http://.",
        ),
        (
            "Check the start of the address ({url}); if it is your own server, renew its "
            "certificate.",
            "Vérifiez le début de l'adresse ({url}) ; s'il s'agit de votre serveur, renouvelez "
            "son certificat.",
        ),
    ),
    **_d(
        "timeout",
        ("The server did not answer in {seconds} s.", "Le serveur n'a pas répondu en {seconds} s."),
        (
            "It is overloaded, still starting (Open WebUI takes about 20 seconds), or a firewall "
            "silently drops the connection.",
            "Il est surchargé, encore en train de démarrer (Open WebUI met environ 20 secondes), "
            "ou un pare-feu bloque la connexion sans rien dire.",
        ),
        (
            "Wait a minute and run the check again; if it persists, check the server and the "
            "address.",
            "Attendez une minute et relancez la vérification ; si cela persiste, vérifiez le "
            "serveur et l'adresse.",
        ),
    ),
    **_d(
        "connection-failed",
        ("The connection to {url} failed.", "La connexion à {url} a échoué."),
        (
            "The network between this computer and the server is not working.",
            "Le réseau entre cet ordinateur et le serveur ne fonctionne pas.",
        ),
        (
            "Check the address and the network, then run the check again.",
            "Vérifiez l'adresse et le réseau, puis relancez la vérification.",
        ),
    ),
    **_d(
        "connection-cut",
        (
            "The server at {url} closed the connection before answering in full.",
            "Le serveur à l'adresse {url} a coupé la connexion avant de répondre entièrement.",
        ),
        (
            "It crashed or restarted, or a proxy in between cut the answer.",
            "Il a planté ou redémarré, ou un proxy intermédiaire a coupé la réponse.",
        ),
        (
            "Run the check again; if it persists, look at the server's logs.",
            "Relancez la vérification ; si cela persiste, consultez les journaux du serveur.",
        ),
    ),
    **_d(
        "answer-too-big",
        (
            "The server at {url} sent a far larger answer than expected.",
            "Le serveur à l'adresse {url} a envoyé une réponse bien plus grande que prévu.",
        ),
        (
            "This address is probably not the right server (a file or a web page).",
            "Cette adresse n'est probablement pas le bon serveur (un fichier ou une page web).",
        ),
        ("Check the address.", "Vérifiez l'adresse."),
    ),
    **_d(
        "probe-failed",
        (
            "The check stopped on an unexpected error ({error}).",
            "La vérification s'est arrêtée sur une erreur inattendue ({error}).",
        ),
        (
            "This is a fault in technova-setup, not in your settings.",
            "C'est un défaut de technova-setup, pas de vos réglages.",
        ),
        (
            "Run the check again; if it happens again, report it with this message.",
            "Relancez la vérification ; si cela se reproduit, signalez-le avec ce message.",
        ),
    ),
    # --- odd answers ---
    **_d(
        "redirect-to-login",
        (
            "{url} sends us to a sign-in page ({location}) instead of answering.",
            "{url} nous renvoie vers une page de connexion ({location}) au lieu de répondre.",
        ),
        (
            "A login portal or reverse proxy (Cloudflare Access, Authelia, oauth2-proxy…) sits "
            "in front of Open WebUI and does not let programs through.",
            "Un portail de connexion ou un proxy inverse (Cloudflare Access, Authelia, "
            "oauth2-proxy…) se trouve devant Open WebUI et ne laisse pas passer les programmes.",
        ),
        (
            "Use Open WebUI's direct address (for example http://localhost:3000), or ask whoever "
            "runs the proxy to let /api through.",
            "Utilisez l'adresse directe d'Open WebUI (par exemple http://localhost:3000), ou "
            "demandez à la personne qui gère le proxy de laisser passer /api.",
        ),
    ),
    **_d(
        "redirect",
        (
            "{url} redirects to {location} instead of answering.",
            "{url} redirige vers {location} au lieu de répondre.",
        ),
        (
            "The address has changed, or it lacks https:// or a path prefix.",
            "L'adresse a changé, ou il lui manque https:// ou un préfixe de chemin.",
        ),
        (
            "Use the final address ({location}) in the settings.",
            "Utilisez l'adresse finale ({location}) dans les réglages.",
        ),
    ),
    **_d(
        "html-instead-of-json",
        (
            "{url} answered with a web page (status {status}) where the API answers data.",
            "{url} a répondu par une page web (code {status}) là où l'API répond des données.",
        ),
        (
            "The address points to a website, a reverse proxy's page or Open WebUI's own page "
            "rather than its API: often a wrong port or path.",
            "L'adresse mène à un site web, à une page de proxy inverse ou à la page d'Open WebUI "
            "plutôt qu'à son API : souvent un mauvais port ou chemin.",
        ),
        (
            "Check the address: it is the one you open in the browser, without /api or any "
            "path after it.",
            "Vérifiez l'adresse : c'est celle que vous ouvrez dans le navigateur, sans /api ni "
            "chemin après.",
        ),
    ),
    **_d(
        "not-json",
        (
            "{url} answered something unexpected (status {status}).",
            "{url} a répondu quelque chose d'inattendu (code {status}).",
        ),
        (
            "This address is probably not the right server.",
            "Cette adresse n'est probablement pas le bon serveur.",
        ),
        ("Check the address and port.", "Vérifiez l'adresse et le port."),
    ),
    **_d(
        "server-error",
        (
            "The server at {url} failed while answering (status {status}).",
            "Le serveur à l'adresse {url} a échoué en répondant (code {status}).",
        ),
        (
            "The server itself has a problem, or a proxy in front of it cannot reach it (502, "
            "503, 504): your key is not the cause.",
            "Le serveur lui-même a un problème, ou un proxy placé devant ne l'atteint pas (502, "
            "503, 504) : votre clé n'est pas en cause.",
        ),
        (
            "Wait a moment and check again; if it persists, restart the server and look at its "
            "logs.",
            "Patientez un instant et vérifiez de nouveau ; si cela persiste, redémarrez le "
            "serveur et consultez ses journaux.",
        ),
    ),
    **_d(
        "not-openwebui",
        (
            "Something answers at {url}, but it is not Open WebUI.",
            "Quelque chose répond à {url}, mais ce n'est pas Open WebUI.",
        ),
        (
            "Another program uses that port, or the address is missing a part.",
            "Un autre programme utilise ce port, ou il manque une partie à l'adresse.",
        ),
        (
            "Use the address where you open Open WebUI in your browser.",
            "Utilisez l'adresse à laquelle vous ouvrez Open WebUI dans votre navigateur.",
        ),
    ),
    # --- Open WebUI's refusals (FACTS.md) ---
    **_d(
        "openwebui-no-credentials",
        (
            "Open WebUI received no key ({status} “Not authenticated”).",
            "Open WebUI n'a reçu aucune clé ({status} « Not authenticated »).",
        ),
        (
            "The request reached Open WebUI without its Authorization header: the key in {file} "
            "is empty, or a proxy removes the header.",
            "La requête est arrivée à Open WebUI sans son en-tête Authorization : la clé de "
            "{file} est vide, ou un proxy retire l'en-tête.",
        ),
        (
            "Put the Open WebUI key in {file} with technova-setup; if a proxy sits in front, let "
            "it pass the Authorization header.",
            "Mettez la clé Open WebUI dans {file} avec technova-setup ; si un proxy est placé "
            "devant, laissez-le transmettre l'en-tête Authorization.",
        ),
    ),
    **_d(
        "openwebui-api-key-refused",
        (
            "Open WebUI does not know the API key in {file} (401).",
            "Open WebUI ne connaît pas la clé d'API de {file} (401).",
        ),
        (
            "The key was replaced (each user has one key: making a new one cancels the old one "
            "at once), deleted, made on another Open WebUI, or copied wrong.",
            "La clé a été remplacée (chaque utilisateur a une seule clé : en créer une nouvelle "
            "annule aussitôt l'ancienne), supprimée, créée sur un autre Open WebUI, ou mal "
            "copiée.",
        ),
        (
            "Make a new key (" + _KEYS_SCREEN[0] + ", or technova-setup renew) and put it in "
            "{file}.",
            "Créez une nouvelle clé (" + _KEYS_SCREEN[1] + ", ou technova-setup renew) et "
            "mettez-la dans {file}.",
        ),
    ),
    **_d(
        "openwebui-jwt-expired",
        (
            "The session token in {file} has expired: Open WebUI refuses it (401).",
            "Le jeton de session de {file} a expiré : Open WebUI le refuse (401).",
        ),
        (
            "Session tokens last 4 weeks by default (the admin's JWT_EXPIRES_IN setting).",
            "Les jetons de session durent 4 semaines par défaut (réglage JWT_EXPIRES_IN de "
            "l'administrateur).",
        ),
        (
            "Replace it with an API key, which does not expire: technova-setup renew.",
            "Remplacez-le par une clé d'API, qui n'expire pas : technova-setup renew.",
        ),
    ),
    # 0.6.x makes session tokens that never expire (JWT_EXPIRES_IN "-1" by default).
    "diag.openwebui-jwt-expired.why.v0.6": {
        "en": "This Open WebUI (0.6) makes session tokens that never expire, unless its admin "
        "set a lifetime (JWT_EXPIRES_IN): this token was made with one.",
        "fr": "Cet Open WebUI (0.6) crée des jetons de session qui n'expirent jamais, sauf si "
        "son administrateur a fixé une durée (JWT_EXPIRES_IN) : ce jeton a été créé avec une "
        "durée.",
    },
    **_d(
        "openwebui-jwt-refused",
        (
            "Open WebUI refuses the session token in {file} although it has not expired (401).",
            "Open WebUI refuse le jeton de session de {file} bien qu'il n'ait pas expiré (401).",
        ),
        (
            "Open WebUI's secret key (WEBUI_SECRET_KEY) changed, usually because its container "
            "was recreated without its data volume: every session token made before is now "
            "invalid.",
            "La clé secrète d'Open WebUI (WEBUI_SECRET_KEY) a changé, en général parce que son "
            "conteneur a été recréé sans son volume de données : tous les jetons de session "
            "créés avant sont désormais invalides.",
        ),
        (
            "Use an API key instead: it survives a secret-key change and never expires "
            "(technova-setup renew).",
            "Utilisez plutôt une clé d'API : elle survit à un changement de clé secrète et "
            "n'expire jamais (technova-setup renew).",
        ),
    ),
    **_d(
        "openwebui-token-malformed",
        (
            "Open WebUI cannot read the key in {file} (401).",
            "Open WebUI ne peut pas lire la clé de {file} (401).",
        ),
        (
            "It is damaged: cut short, or with extra characters.",
            "Elle est abîmée : tronquée, ou avec des caractères en trop.",
        ),
        (
            "Copy the key again in full and paste it in technova-setup.",
            "Copiez de nouveau la clé en entier et collez-la dans technova-setup.",
        ),
    ),
    **_d(
        "openwebui-session-revoked",
        (
            "Open WebUI ended the session of the token in {file} (401 “Invalid token”).",
            "Open WebUI a fermé la session du jeton de {file} (401 « Invalid token »).",
        ),
        (
            "The user signed out everywhere, changed their password, or an admin ended their "
            "sessions.",
            "L'utilisateur s'est déconnecté partout, a changé son mot de passe, ou un "
            "administrateur a fermé ses sessions.",
        ),
        (
            "Use an API key instead: technova-setup renew.",
            "Utilisez plutôt une clé d'API : technova-setup renew.",
        ),
    ),
    **_d(
        "openwebui-user-deleted",
        (
            "The Open WebUI account behind the key in {file} no longer exists (401).",
            "Le compte Open WebUI derrière la clé de {file} n'existe plus (401).",
        ),
        (
            "The user was deleted, or the key comes from another Open WebUI.",
            "L'utilisateur a été supprimé, ou la clé vient d'un autre Open WebUI.",
        ),
        (
            "Sign in with an existing account and make a new key: technova-setup login.",
            "Connectez-vous avec un compte existant et créez une nouvelle clé : technova-setup "
            "login.",
        ),
    ),
    **_d(
        "openwebui-keys-disabled",
        (
            "Open WebUI refuses API keys: “Use of API key is not enabled in the environment.” "
            "(403)",
            "Open WebUI refuse les clés d'API : « Use of API key is not enabled in the "
            "environment. » (403)",
        ),
        (
            "API keys are switched off by default. An admin must switch them on, and a user "
            "who is not an admin also needs the “API Keys” permission.",
            "Les clés d'API sont désactivées par défaut. Un administrateur doit les activer, et "
            "un utilisateur non administrateur a aussi besoin de la permission « Clés d'API ».",
        ),
        (
            "An admin switches them on in Admin Panel › Settings › Authentication › API Keys; "
            "users who are not admins also need the “API Keys” permission (Admin Panel › Users "
            "› Groups). An admin can let technova-setup login do both. Then check again.",
            "Un administrateur les active dans Panneau d'administration › Réglages › "
            "Authentification › Clés d'API ; les utilisateurs non administrateurs ont aussi "
            "besoin de la permission « Clés d'API » (Panneau d'administration › Utilisateurs › "
            "Groupes). Un administrateur peut laisser technova-setup login faire les deux. Puis "
            "vérifiez de nouveau.",
        ),
    ),
    # 0.6.x: same refusal text whether keys are off or the path is not allowed for keys, and
    # nothing public said which (FACTS.md, "Open WebUI 0.6.x").
    **_d(
        "openwebui-keys-off-or-restricted",
        (
            "Open WebUI refuses this API key: “Use of API key is not enabled in the environment.” "
            "(403)",
            "Open WebUI refuse cette clé d'API : « Use of API key is not enabled in the "
            "environment. » (403)",
        ),
        (
            "On this Open WebUI (0.6) the same answer means either that an admin switched API "
            "keys off, or that the admin restricted what API keys may call; nothing tells which "
            "without an admin account.",
            "Sur cet Open WebUI (0.6), la même réponse signifie soit qu'un administrateur a "
            "désactivé les clés d'API, soit qu'il a restreint ce que les clés d'API peuvent "
            "appeler ; rien ne permet de savoir lequel sans compte administrateur.",
        ),
        (
            "Ask an admin to look at Admin Panel › Settings › General › Authentication: "
            "“Enable API Key” must be on, and if “API Key Endpoint Restrictions” is on, "
            "/api/models and /api/chat/completions must be allowed. An admin can also run "
            "technova-setup login.",
            "Demandez à un administrateur de regarder Panneau d'administration › Réglages › "
            "Général › Authentification : « Activer la clé API » doit être activé et, si les "
            "restrictions des points d'accès des clés d'API sont activées, /api/models et "
            "/api/chat/completions doivent être autorisés. Un administrateur peut aussi lancer "
            "technova-setup login.",
        ),
    ),
    # 0.6.x: keys are on by default, and any user may make and use one (no permission).
    "diag.openwebui-keys-disabled.why.v0.6": {
        "en": "An admin switched API keys off. On this Open WebUI (0.6) they are on by default, "
        "and every user may then use one.",
        "fr": "Un administrateur a désactivé les clés d'API. Sur cet Open WebUI (0.6), elles "
        "sont activées par défaut, et chaque utilisateur peut alors en utiliser une.",
    },
    "diag.openwebui-keys-disabled.next.v0.6": {
        "en": "An admin switches them back on in Admin Panel › Settings › General › "
        "Authentication › “Enable API Key” (or lets technova-setup login do it). Then check "
        "again.",
        "fr": "Un administrateur les réactive dans Panneau d'administration › Réglages › "
        "Général › Authentification › « Activer la clé API » (ou laisse technova-setup login "
        "le faire). Puis vérifiez de nouveau.",
    },
    **_d(
        "openwebui-restricted",
        (
            "Open WebUI does not let this key use this part of its API (403).",
            "Open WebUI n'autorise pas cette clé à utiliser cette partie de son API (403).",
        ),
        (
            "The admin restricted what API keys may call.",
            "L'administrateur a restreint ce que les clés d'API peuvent appeler.",
        ),
        (
            "Ask the admin to allow /api/models and /api/chat/completions for API keys.",
            "Demandez à l'administrateur d'autoriser /api/models et /api/chat/completions pour "
            "les clés d'API.",
        ),
    ),
    **_d(
        "openwebui-human-session",
        (
            "Open WebUI wants a signed-in person here, not an API key (403).",
            "Open WebUI exige ici une personne connectée, pas une clé d'API (403).",
        ),
        (
            "Some account pages refuse API keys on purpose.",
            "Certaines pages du compte refusent volontairement les clés d'API.",
        ),
        (
            "This is expected: the chat itself accepts API keys.",
            "C'est normal : le chat lui-même accepte les clés d'API.",
        ),
    ),
    **_d(
        "openwebui-refused-other",
        (
            "Open WebUI refused the request (status {status}): “{detail}”.",
            "Open WebUI a refusé la requête (code {status}) : « {detail} ».",
        ),
        (
            "This answer is not one we know; the key in {file} may still be the cause.",
            "Cette réponse ne fait pas partie de celles que nous connaissons ; la clé de {file} "
            "peut tout de même être en cause.",
        ),
        ("Check the key and Open WebUI's logs.", "Vérifiez la clé et les journaux d'Open WebUI."),
    ),
    # --- Open WebUI accepted the key, but the models are wrong ---
    **_d(
        "openwebui-no-models",
        (
            "Open WebUI accepts the key, but offers no model at all.",
            "Open WebUI accepte la clé, mais ne propose aucun modèle.",
        ),
        (
            "Open WebUI cannot reach OpenAI: the OpenAI key saved inside Open WebUI is wrong, "
            "revoked or out of credit. Your Open WebUI key is fine.",
            "Open WebUI n'arrive pas à joindre OpenAI : la clé OpenAI enregistrée dans Open "
            "WebUI est fausse, révoquée ou sans crédit. Votre clé Open WebUI est correcte.",
        ),
        (
            "As an admin, open Admin Panel › Settings › Connections, put a working OpenAI key "
            "in the OpenAI connection, save, then check again.",
            "En administrateur, ouvrez Panneau d'administration › Réglages › Connexions, mettez "
            "une clé OpenAI valide dans la connexion OpenAI, enregistrez, puis vérifiez de "
            "nouveau.",
        ),
    ),
    **_d(
        "openwebui-model-missing",
        (
            "Open WebUI accepts the key, but the model “{model}” is not in its list.",
            "Open WebUI accepte la clé, mais le modèle « {model} » n'est pas dans sa liste.",
        ),
        (
            "The model was not created, has another id, is not shared with this key's user, or "
            "vanished because the OpenAI key inside Open WebUI stopped working.",
            "Le modèle n'a pas été créé, a un autre identifiant, n'est pas partagé avec "
            "l'utilisateur de cette clé, ou a disparu parce que la clé OpenAI d'Open WebUI ne "
            "fonctionne plus.",
        ),
        (
            "In Open WebUI › Workspace › Models, create “{model}” (or share it with this user); "
            "or set OPENWEBUI_MODEL in {file} to a model of the list.",
            "Dans Open WebUI › Espace de travail › Modèles, créez « {model} » (ou partagez-le "
            "avec cet utilisateur) ; ou mettez dans OPENWEBUI_MODEL de {file} un modèle de la "
            "liste.",
        ),
    ),
    **_d(
        "openwebui-wrong-model-id",
        (
            "Open WebUI accepts the key, but has no model with the id “{model}”: the model "
            "name in {file} is wrong.",
            "Open WebUI accepte la clé, mais n'a aucun modèle d'identifiant « {model} » : le "
            "nom de modèle de {file} est faux.",
        ),
        (
            "OPENWEBUI_MODEL must be a model's id, not its display name. The models this key "
            "can use are: {models}.{closest}",
            "OPENWEBUI_MODEL doit être l'identifiant d'un modèle, pas son nom affiché. Les "
            "modèles que cette clé peut utiliser sont : {models}.{closest}",
        ),
        (
            "Set OPENWEBUI_MODEL in {file} to one of these ids (or run technova-setup, which "
            "asks for it), then restart the backend.",
            "Mettez dans OPENWEBUI_MODEL de {file} l'un de ces identifiants (ou lancez "
            "technova-setup, qui le demande), puis redémarrez le backend.",
        ),
    ),
    "diag.closest-model": {
        "en": " The closest is “{suggestion}”.",
        "fr": " Le plus proche est « {suggestion} ».",
    },
    **_d(
        "openwebui-ok",
        (
            "Open WebUI accepts the backend's key and offers the model “{model}”.",
            "Open WebUI accepte la clé du backend et propose le modèle « {model} ».",
        ),
        ("The key and the model are right.", "La clé et le modèle sont corrects."),
        _OK_NEXT,
    ),
    **_d(
        "openwebui-ok-jwt-expired",
        (
            "Open WebUI still accepts the session token, although its date has passed.",
            "Open WebUI accepte encore le jeton de session, bien que sa date soit passée.",
        ),
        (
            "The clocks of this computer and the server differ.",
            "Les horloges de cet ordinateur et du serveur diffèrent.",
        ),
        (
            "Replace it with an API key before it stops: technova-setup renew.",
            "Remplacez-le par une clé d'API avant qu'il cesse de fonctionner : technova-setup "
            "renew.",
        ),
    ),
    **_d(
        "openwebui-chat-model-not-found",
        (
            "Open WebUI answered “Model not found” for “{model}” (400).",
            "Open WebUI a répondu « Model not found » pour « {model} » (400).",
        ),
        (
            "Usually the OpenAI key saved inside Open WebUI is wrong: Open WebUI then loses its "
            "OpenAI models, and custom models built on them vanish too. Otherwise the model "
            "does not exist.",
            "En général la clé OpenAI enregistrée dans Open WebUI est fausse : Open WebUI perd "
            "alors ses modèles OpenAI, et les modèles personnalisés construits dessus "
            "disparaissent aussi. Sinon, le modèle n'existe pas.",
        ),
        (
            "As an admin, check the key in Admin Panel › Settings › Connections, then that "
            "“{model}” exists in Workspace › Models.",
            "En administrateur, vérifiez la clé dans Panneau d'administration › Réglages › "
            "Connexions, puis que « {model} » existe dans Espace de travail › Modèles.",
        ),
    ),
    **_d(
        "openwebui-chat-upstream-went-bad",
        (
            "Open WebUI lists “{model}” but cannot use it ({status} “{detail}”).",
            "Open WebUI affiche « {model} » mais ne peut pas l'utiliser ({status} « {detail} »).",
        ),
        (
            "The OpenAI key saved inside Open WebUI stopped working while Open WebUI was running.",
            "La clé OpenAI enregistrée dans Open WebUI a cessé de fonctionner pendant qu'Open "
            "WebUI tournait.",
        ),
        (
            "As an admin, put a working OpenAI key in Admin Panel › Settings › Connections.",
            "En administrateur, mettez une clé OpenAI valide dans Panneau d'administration › "
            "Réglages › Connexions.",
        ),
    ),
    **_d(
        "chat-ok",
        (
            "A test message went through Open WebUI to OpenAI and an answer came back.",
            "Un message de test est passé par Open WebUI jusqu'à OpenAI et une réponse est "
            "revenue.",
        ),
        (
            "Both keys of the chat path work: the backend's Open WebUI key and the OpenAI key "
            "inside Open WebUI.",
            "Les deux clés du chemin du chat fonctionnent : la clé Open WebUI du backend et la "
            "clé OpenAI d'Open WebUI.",
        ),
        _OK_NEXT,
    ),
    # --- OpenAI's answers (FACTS.md) ---
    **_d(
        "openai-ok",
        ("OpenAI accepts the voice server's key.", "OpenAI accepte la clé du serveur vocal."),
        (
            "The key in websocket-server/.env is valid.",
            "La clé de websocket-server/.env est valide.",
        ),
        _OK_NEXT,
    ),
    **_d(
        "openai-invalid-key",
        (
            "OpenAI refuses {where}: “Incorrect API key provided”.",
            "OpenAI refuse {where} : « Incorrect API key provided ».",
        ),
        (
            "The key was deleted or revoked on platform.openai.com, belongs to another account, "
            "or was copied wrong. OpenAI keys do not expire by themselves.",
            "La clé a été supprimée ou révoquée sur platform.openai.com, appartient à un autre "
            "compte, ou a été mal copiée. Les clés OpenAI n'expirent pas d'elles-mêmes.",
        ),
        (
            "Make a new key at https://platform.openai.com/api-keys and put it in {place}.",
            "Créez une nouvelle clé sur https://platform.openai.com/api-keys et mettez-la dans "
            "{place}.",
        ),
    ),
    **_d(
        "openai-no-key",
        ("OpenAI received no key from {where}.", "OpenAI n'a reçu aucune clé de {where}."),
        ("The key is empty where it is saved.", "La clé est vide là où elle est enregistrée."),
        (
            "Put your OpenAI key there with technova-setup.",
            "Mettez votre clé OpenAI à cet endroit avec technova-setup.",
        ),
    ),
    **_d(
        "openai-no-credit",
        (
            "OpenAI accepts {where}, but the account has no credit left (429 insufficient_quota).",
            "OpenAI accepte {where}, mais le compte n'a plus de crédit (429 insufficient_quota).",
        ),
        (
            "The prepaid balance is used up, or the monthly budget limit is reached. Waiting "
            "does not help.",
            "Le solde prépayé est épuisé, ou la limite de budget mensuelle est atteinte. "
            "Attendre ne sert à rien.",
        ),
        (
            "Add credit or raise the limit in the billing settings on platform.openai.com, then "
            "check again.",
            "Ajoutez du crédit ou relevez la limite dans les réglages de facturation de "
            "platform.openai.com, puis vérifiez de nouveau.",
        ),
    ),
    **_d(
        "openai-rate-limited",
        (
            "OpenAI accepts {where}, but asks to slow down (429 rate limit).",
            "OpenAI accepte {where}, mais demande de ralentir (429 limite de débit).",
        ),
        (
            "Too many requests in the last minute for this account's tier.",
            "Trop de requêtes dans la dernière minute pour le niveau de ce compte.",
        ),
        (
            "Wait a minute; it clears by itself. If it happens often, raise the account's "
            "usage tier.",
            "Attendez une minute ; cela passe tout seul. Si cela arrive souvent, augmentez le "
            "niveau d'usage du compte.",
        ),
    ),
    **_d(
        "openai-model-not-found",
        (
            "OpenAI says the model does not exist or this key cannot use it (404).",
            "OpenAI indique que le modèle n'existe pas ou que cette clé ne peut pas l'utiliser "
            "(404).",
        ),
        (
            "The model name is wrong, or the key's project has no access to it.",
            "Le nom du modèle est faux, ou le projet de la clé n'y a pas accès.",
        ),
        (
            "Check the model name, and the project's model access at "
            "https://platform.openai.com/settings.",
            "Vérifiez le nom du modèle, et l'accès aux modèles du projet sur "
            "https://platform.openai.com/settings.",
        ),
    ),
    **_d(
        "openai-missing-scope",
        (
            "OpenAI accepts {where}, but it lacks a permission (401 “Missing scopes”).",
            "OpenAI accepte {where}, mais il lui manque une permission (401 « Missing scopes »).",
        ),
        (
            "It is a restricted key whose permissions do not include what TechNova needs.",
            "C'est une clé restreinte dont les permissions n'incluent pas ce dont TechNova a "
            "besoin.",
        ),
        (
            "At https://platform.openai.com/api-keys, give the key the permissions it lacks, "
            "or make a key with “All” permissions.",
            "Sur https://platform.openai.com/api-keys, donnez à la clé les permissions qui lui "
            "manquent, ou créez une clé avec toutes les permissions (« All »).",
        ),
    ),
    **_d(
        "openai-deactivated",
        (
            "OpenAI says the account behind {where} is deactivated.",
            "OpenAI indique que le compte derrière {where} est désactivé.",
        ),
        (
            "The OpenAI account was closed or suspended.",
            "Le compte OpenAI a été fermé ou suspendu.",
        ),
        (
            "Contact OpenAI support, or use a key from an active account.",
            "Contactez le support d'OpenAI, ou utilisez une clé d'un compte actif.",
        ),
    ),
    **_d(
        "openai-country",
        (
            "OpenAI refuses requests from this country or region (403).",
            "OpenAI refuse les requêtes venant de ce pays ou de cette région (403).",
        ),
        (
            "OpenAI's API is not offered where this server is.",
            "L'API d'OpenAI n'est pas proposée là où se trouve ce serveur.",
        ),
        (
            "Run the servers in a supported country.",
            "Faites tourner les serveurs dans un pays pris en charge.",
        ),
    ),
    **_d(
        "openai-other",
        (
            "OpenAI refused {where} (status {status}, {error}).",
            "OpenAI a refusé {where} (code {status}, {error}).",
        ),
        (
            "This answer is not one we know.",
            "Cette réponse ne fait pas partie de celles que nous connaissons.",
        ),
        (
            "Check the key at https://platform.openai.com/api-keys and OpenAI's status page.",
            "Vérifiez la clé sur https://platform.openai.com/api-keys et la page d'état d'OpenAI.",
        ),
    ),
    **_d(
        "openwebui-address-ok",
        ("Open WebUI answers at {url}.", "Open WebUI répond à l'adresse {url}."),
        ("Its /health page says it is running.", "Sa page /health indique qu'il fonctionne."),
        _OK_NEXT,
    ),
    **_d(
        "openai-server-error",
        (
            "OpenAI failed while answering {where} (status {status}).",
            "OpenAI a échoué en répondant pour {where} (code {status}).",
        ),
        (
            "OpenAI itself is overloaded or down for a while: your key is not the cause.",
            "OpenAI lui-même est surchargé ou en panne pour un moment : votre clé n'y est pour "
            "rien.",
        ),
        (
            "Wait a few minutes and run the check again; https://status.openai.com says when "
            "OpenAI has trouble.",
            "Attendez quelques minutes et relancez la vérification ; https://status.openai.com "
            "indique quand OpenAI a des difficultés.",
        ),
    ),
    # --- Realtime (voice) ---
    **_d(
        "realtime-ok",
        (
            "The voice connection to OpenAI opens and a session starts.",
            "La connexion vocale à OpenAI s'ouvre et une session démarre.",
        ),
        (
            "The key in websocket-server/.env can use the Realtime API.",
            "La clé de websocket-server/.env peut utiliser l'API Realtime.",
        ),
        _OK_NEXT,
    ),
    **_d(
        "realtime-beta-header",
        (
            "OpenAI closed the voice connection: “The Realtime Beta API is no longer "
            "supported” (close 4000).",
            "OpenAI a fermé la connexion vocale : « The Realtime Beta API is no longer "
            "supported » (fermeture 4000).",
        ),
        (
            "The voice server still sends the old header “OpenAI-Beta: realtime=v1”, as the "
            "openai-realtime-twilio-demo code it comes from does. Your key is not the cause.",
            "Le serveur vocal envoie encore l'ancien en-tête « OpenAI-Beta: realtime=v1 », "
            "comme le code openai-realtime-twilio-demo dont il vient. Votre clé n'est pas en "
            "cause.",
        ),
        (
            "Remove the “OpenAI-Beta” header from websocket-server's connection code and use "
            "the URL wss://api.openai.com/v1/realtime?model=gpt-realtime.",
            "Retirez l'en-tête « OpenAI-Beta » du code de connexion de websocket-server et "
            "utilisez l'adresse wss://api.openai.com/v1/realtime?model=gpt-realtime.",
        ),
    ),
    **_d(
        "realtime-code-beta-header",
        (
            "The OpenAI key is fine, but the voice server's code sends the old header "
            "“OpenAI-Beta: realtime=v1” ({at}).",
            "La clé OpenAI est bonne, mais le code du serveur vocal envoie l'ancien en-tête "
            "« OpenAI-Beta: realtime=v1 » ({at}).",
        ),
        (
            "This key opens a voice session. OpenAI's Realtime API closes every connection "
            "that sends that header (code 4000, beta_api_shape_disabled): the voice fails "
            "because of the code, whatever the key.",
            "Cette clé ouvre une session vocale. L'API Realtime d'OpenAI ferme toute connexion "
            "qui envoie cet en-tête (code 4000, beta_api_shape_disabled) : la voix échoue à "
            "cause du code, quelle que soit la clé.",
        ),
        (
            "Delete the “OpenAI-Beta” header at {at}, then restart the voice server. Keep the key.",
            "Supprimez l'en-tête « OpenAI-Beta » à {at}, puis redémarrez le serveur vocal. "
            "Gardez la clé.",
        ),
    ),
    **_d(
        "realtime-invalid-model",
        (
            "OpenAI closed the voice connection: unknown model (close 4000, {reason}).",
            "OpenAI a fermé la connexion vocale : modèle inconnu (fermeture 4000, {reason}).",
        ),
        (
            "The model in the connection address does not exist or is not a Realtime model.",
            "Le modèle indiqué dans l'adresse de connexion n'existe pas ou n'est pas un modèle "
            "Realtime.",
        ),
        (
            "Use model=gpt-realtime in the voice server's connection address.",
            "Utilisez model=gpt-realtime dans l'adresse de connexion du serveur vocal.",
        ),
    ),
    **_d(
        "realtime-no-access",
        (
            "OpenAI refused to open the voice connection (403).",
            "OpenAI a refusé d'ouvrir la connexion vocale (403).",
        ),
        (
            "This key or its project has no access to the Realtime API.",
            "Cette clé ou son projet n'a pas accès à l'API Realtime.",
        ),
        (
            "Allow Realtime for the key's project at https://platform.openai.com/settings, or "
            "use another project's key.",
            "Autorisez Realtime pour le projet de la clé sur https://platform.openai.com/"
            "settings, ou utilisez la clé d'un autre projet.",
        ),
    ),
    **_d(
        "realtime-refused",
        (
            "OpenAI refused to open the voice connection (status {status}).",
            "OpenAI a refusé d'ouvrir la connexion vocale (code {status}).",
        ),
        (
            "The Realtime address or the key is not accepted.",
            "L'adresse Realtime ou la clé n'est pas acceptée.",
        ),
        ("Check the key and run the check again.", "Vérifiez la clé et relancez la vérification."),
    ),
    **_d(
        "realtime-closed",
        (
            "OpenAI closed the voice connection (code {code}, {reason}).",
            "OpenAI a fermé la connexion vocale (code {code}, {reason}).",
        ),
        (
            "This closing code is not one we know.",
            "Ce code de fermeture ne fait pas partie de ceux que nous connaissons.",
        ),
        (
            "Run the check again; if it persists, check OpenAI's status page.",
            "Relancez la vérification ; si cela persiste, consultez la page d'état d'OpenAI.",
        ),
    ),
}
