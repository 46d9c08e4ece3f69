"""Messages: signing in to Open WebUI, its API keys, its OpenAI connection and models."""


def _e(code: str, what: tuple[str, str], why: tuple[str, str], nxt: tuple[str, str]
       ) -> dict[str, dict[str, str]]:
    return {f"account.{code}.what": {"en": what[0], "fr": what[1]},
            f"account.{code}.why": {"en": why[0], "fr": why[1]},
            f"account.{code}.next": {"en": nxt[0], "fr": nxt[1]}}


MESSAGES: dict[str, dict[str, str]] = {
    **_e("unreachable",
         ("Open WebUI did not answer at {url}.", "Open WebUI n'a pas répondu à l'adresse {url}."),
         ("It is not running, or the address or port is wrong (Docker: 3000, pip: 8080).",
          "Il n'est pas démarré, ou l'adresse ou le port est faux (Docker : 3000, pip : 8080)."),
         ("Open the address in a browser; once Open WebUI shows, run the command again with "
          "--url ADDRESS.",
          "Ouvrez l'adresse dans un navigateur ; quand Open WebUI s'affiche, relancez la "
          "commande avec --url ADRESSE.")),
    **_e("not-openwebui",
         ("The server at {url} did not answer like Open WebUI.",
          "Le serveur à l'adresse {url} n'a pas répondu comme Open WebUI."),
         ("The address may lead to another program or a proxy page.",
          "L'adresse mène peut-être à un autre programme ou à une page de proxy."),
         ("Check the address: it is the one you open to chat in Open WebUI.",
          "Vérifiez l'adresse : c'est celle que vous ouvrez pour discuter dans Open WebUI.")),
    **_e("wrong-password",
         ("Open WebUI refused the email or password for {email}.",
          "Open WebUI a refusé l'e-mail ou le mot de passe de {email}."),
         ("A typo, or another account's password. Open WebUI allows 15 tries in 3 minutes.",
          "Une faute de frappe, ou le mot de passe d'un autre compte. Open WebUI accepte 15 "
          "essais en 3 minutes."),
         ("Check them by signing in to Open WebUI in a browser, then run the command again. We "
          "do not retry on our own.",
          "Vérifiez-les en vous connectant à Open WebUI dans un navigateur, puis relancez la "
          "commande. Nous ne réessayons jamais tout seuls.")),
    **_e("rate-limited",
         ("Open WebUI refuses new sign-ins for {email} for now (too many tries).",
          "Open WebUI refuse pour l'instant les connexions de {email} (trop d'essais)."),
         ("It allows 15 sign-in tries in 3 minutes per email address.",
          "Il accepte 15 essais de connexion en 3 minutes par adresse e-mail."),
         ("Wait 3 minutes, then try once more with the right password.",
          "Attendez 3 minutes, puis réessayez une fois avec le bon mot de passe.")),
    **_e("keys-off",
         ("Open WebUI at {url} does not allow API keys for this account.",
          "L'Open WebUI de {url} n'autorise pas les clés d'API pour ce compte."),
         ("API keys are off by default: an admin switches them on (Admin Panel › Settings › "
          "Authentication), and ordinary users also need the “API Keys” permission (Admin "
          "Panel › Users › Permissions).",
          "Les clés d'API sont désactivées par défaut : un administrateur les active (Panneau "
          "d'administration › Réglages › Authentification), et les utilisateurs ordinaires "
          "ont aussi besoin de la permission « Clés d'API » (Panneau d'administration › "
          "Utilisateurs › Permissions)."),
         ("An admin can let technova-setup switch them on (technova-setup login with an admin "
          "account); otherwise send your admin the message below.",
          "Un administrateur peut laisser technova-setup les activer (technova-setup login "
          "avec un compte administrateur) ; sinon, envoyez le message ci-dessous à votre "
          "administrateur.")),
    **_e("not-allowed",
         ("Open WebUI at {url} refused this action ({status}: {detail}).",
          "L'Open WebUI de {url} a refusé cette action ({status} : {detail})."),
         ("The account is not an admin, or its session ended.",
          "Le compte n'est pas administrateur, ou sa session est terminée."),
         ("Sign in again with an admin account: technova-setup login.",
          "Reconnectez-vous avec un compte administrateur : technova-setup login.")),
    **_e("refused",
         ("Open WebUI at {url} answered {status}: {detail}",
          "L'Open WebUI de {url} a répondu {status} : {detail}"),
         ("This answer is not one we expected.", "Cette réponse n'était pas attendue."),
         ("Check that Open WebUI works in a browser, then run the command again.",
          "Vérifiez qu'Open WebUI fonctionne dans un navigateur, puis relancez la commande.")),
    **_e("key-refused",
         ("Open WebUI at {url} no longer accepts the current key.",
          "L'Open WebUI de {url} n'accepte plus la clé actuelle."),
         ("It was replaced by a newer key, or it is not an Open WebUI key.",
          "Elle a été remplacée par une clé plus récente, ou ce n'est pas une clé Open WebUI."),
         ("Sign in instead: technova-setup renew asks for your email and password.",
          "Connectez-vous plutôt : technova-setup renew demande votre e-mail et votre mot de "
          "passe.")),
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
    "login.password-prompt": {"en": "Open WebUI password (not shown): ",
                              "fr": "Mot de passe Open WebUI (invisible) : "},
    "login.signed-in": {"en": "Signed in to {url} as {email} ({role}).",
                        "fr": "Connecté à {url} en tant que {email} ({role})."},
    "login.will-replace": {
        "en": "An Open WebUI account has one API key: making a new one replaces the old one at "
        "once, and anything still using the old one stops working. The new key will be "
        "written to: {files}.",
        "fr": "Un compte Open WebUI a une seule clé d'API : en créer une nouvelle remplace "
        "l'ancienne aussitôt, et tout ce qui utilise encore l'ancienne cesse de fonctionner. "
        "La nouvelle clé sera écrite dans : {files}.",
    },
    "login.ask-continue": {"en": "Make the new key? [y/N] ",
                           "fr": "Créer la nouvelle clé ? [o/N] "},
    "login.ask-enable": {
        "en": "API keys are off. As an admin, switch them on for everyone (Admin Panel › "
        "Settings › Authentication, and the users' “API Keys” permission)? [y/N] ",
        "fr": "Les clés d'API sont désactivées. En tant qu'administrateur, les activer pour "
        "tous (Réglages › Authentification, et la permission « Clés d'API » des "
        "utilisateurs) ? [o/N] ",
    },
    "login.enabled": {"en": "API keys are now switched on.",
                      "fr": "Les clés d'API sont maintenant activées."},
    "login.send-admin": {"en": "Message to send to your admin:",
                         "fr": "Message à envoyer à votre administrateur :"},
    "login.created": {"en": "New API key made: {masked} (it does not expire).",
                      "fr": "Nouvelle clé d'API créée : {masked} (elle n'expire pas)."},
    "login.verified": {"en": "Checked: {what}", "fr": "Vérifié : {what}"},
    "login.not-verified": {"en": "The new key was saved, but the check says: {what} {next}",
                           "fr": "La nouvelle clé est enregistrée, mais la vérification "
                           "indique : {what} {next}"},
    "login.saved": {"en": "Written to {file}{keyring}.", "fr": "Écrite dans {file}{keyring}."},
    "login.and-keyring": {"en": " and the keyring", "fr": " et le trousseau"},
    "login.keyring-skipped": {"en": "Not kept in the keyring: {reason}",
                              "fr": "Pas gardée dans le trousseau : {reason}"},
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
    "login.restarting": {"en": "Restarting the backend: {command}",
                         "fr": "Redémarrage du backend : {command}"},
    "login.restart-failed": {"en": "The restart command ended with code {code}.",
                             "fr": "La commande de redémarrage s'est terminée avec le code "
                             "{code}."},
    "login.cancelled": {"en": "Nothing was changed.", "fr": "Rien n'a été modifié."},
    "login.rotating": {
        "en": "The current API key still works: it makes its own successor (no password "
        "needed).",
        "fr": "La clé d'API actuelle fonctionne encore : elle crée elle-même sa remplaçante "
        "(pas besoin de mot de passe).",
    },
    "login.openai-connection-empty": {
        "en": "Open WebUI shows no model: the OpenAI key inside Open WebUI (Admin Panel › "
        "Settings › Connections) is wrong or missing. As an admin, paste the OpenAI key to "
        "put there (or press Enter to skip): ",
        "fr": "Open WebUI n'affiche aucun modèle : la clé OpenAI configurée dans Open WebUI "
        "(Panneau d'administration › Réglages › Connexions) est fausse ou absente. En tant "
        "qu'administrateur, collez la clé OpenAI à y mettre (ou Entrée pour passer) : ",
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
    "login.model-created": {"en": "Model “{model}” created, readable by every user.",
                            "fr": "Modèle « {model} » créé, lisible par tous les utilisateurs."},
    "login.default-system-prompt": {
        "en": "You are the assistant of the TechNova website. Answer briefly and kindly.",
        "fr": "Tu es l'assistant du site TechNova. Réponds brièvement et aimablement.",
    },
    **_e("needs-terminal",
         ("This step needs your answer, but no one can answer here (standard input is not a "
          "terminal).",
          "Cette étape a besoin de votre réponse, mais personne ne peut répondre ici (l'entrée "
          "standard n'est pas un terminal)."),
         ("In a script or cron, technova-setup never waits for an answer nobody can give.",
          "Dans un script ou cron, technova-setup n'attend jamais une réponse que personne ne "
          "peut donner."),
         ("Run it in a terminal, or add --yes to agree to every step in advance (and "
          "--password-stdin or --key-stdin to give the secret on standard input).",
          "Lancez-le dans un terminal, ou ajoutez --yes pour accepter chaque étape d'avance "
          "(et --password-stdin ou --key-stdin pour donner le secret sur l'entrée standard).")),
    **_e("no-email",
         ("No email address was given for the sign-in.",
          "Aucune adresse e-mail n'a été donnée pour la connexion."),
         ("Signing in to Open WebUI needs the account's email and password.",
          "Se connecter à Open WebUI demande l'e-mail et le mot de passe du compte."),
         ("Add --email YOUR@EMAIL.", "Ajoutez --email VOTRE@EMAIL.")),
}
