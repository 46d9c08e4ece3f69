"""Messages: planning and applying changes to a project, and getting a new key (keyflow)."""

MESSAGES: dict[str, dict[str, str]] = {
    "common.and-list": {"en": "{head} and {last}", "fr": "{head} et {last}"},
    # --- a key that cannot go where it was put ---
    "plan.wrong-slot.OPENWEBUI_API_KEY.what": {
        "en": "The key {masked} is an OpenAI key, not an Open WebUI key.",
        "fr": "La clé {masked} est une clé OpenAI, pas une clé Open WebUI.",
    },
    "plan.wrong-slot.OPENWEBUI_API_KEY.why": {
        "en": "The chat backend talks to your Open WebUI, which only accepts keys it made "
        "itself; the OpenAI key belongs inside Open WebUI's connection and in "
        "websocket-server/.env.",
        "fr": "Le backend du chat parle à votre Open WebUI, qui n'accepte que les clés qu'il a "
        "créées lui-même ; la clé OpenAI va dans la connexion d'Open WebUI et dans "
        "websocket-server/.env.",
    },
    "plan.wrong-slot.OPENWEBUI_API_KEY.next": {
        "en": "Nothing was written. In Open WebUI, open Settings › Account › API Keys, create "
        "a key, and paste that one here.",
        "fr": "Rien n'a été écrit. Dans Open WebUI, ouvrez Paramètres › Compte › Clés API, "
        "créez une clé, et collez-la ici.",
    },
    "plan.wrong-slot.OPENAI_API_KEY.what": {
        "en": "The key {masked} is an Open WebUI key, not an OpenAI key.",
        "fr": "La clé {masked} est une clé Open WebUI, pas une clé OpenAI.",
    },
    "plan.wrong-slot.OPENAI_API_KEY.why": {
        "en": "Open WebUI keys start with sk- like OpenAI's, but only your Open WebUI "
        "accepts them; OpenAI refuses them.",
        "fr": "Les clés Open WebUI commencent par sk- comme celles d'OpenAI, mais seul votre "
        "Open WebUI les accepte ; OpenAI les refuse.",
    },
    "plan.wrong-slot.OPENAI_API_KEY.next": {
        "en": "Nothing was written. Create an OpenAI key at "
        "https://platform.openai.com/api-keys and paste that one here.",
        "fr": "Rien n'a été écrit. Créez une clé OpenAI sur "
        "https://platform.openai.com/api-keys et collez-la ici.",
    },
    "plan.unusable.what": {
        "en": "The key {masked} cannot be saved: {reason}",
        "fr": "La clé {masked} ne peut pas être enregistrée : {reason}",
    },
    "plan.unusable.why": {
        "en": "A key that would be refused would only break the chat later.",
        "fr": "Une clé qui serait refusée ne ferait que casser le chat plus tard.",
    },
    "plan.unusable.next": {
        "en": "Nothing was written. Copy the whole key again from where it was made, and "
        "paste it again.",
        "fr": "Rien n'a été écrit. Copiez à nouveau la clé entière là où elle a été créée, et "
        "collez-la de nouveau.",
    },
    # --- the changes, as both faces show them ---
    "plan.env.replace": {
        "en": "{file}: {variable} {before} → {after}",
        "fr": "{file} : {variable} {before} → {after}",
    },
    "plan.env.add": {
        "en": "{file}: add {variable} = {after}",
        "fr": "{file} : ajout de {variable} = {after}",
    },
    "plan.env.create": {
        "en": "{file} (new file, readable by you only): {variable} = {after}",
        "fr": "{file} (nouveau fichier, lisible par vous seul) : {variable} = {after}",
    },
    "plan.env.clean": {
        "en": "{file}: {variable} keeps the same key {after}, without {extras}",
        "fr": "{file} : {variable} garde la même clé {after}, sans {extras}",
    },
    "plan.env.setting": {
        "en": "{file}: {variable} {before} → {after}",
        "fr": "{file} : {variable} {before} → {after}",
    },
    "plan.env.unset": {"en": "(not set)", "fr": "(absent)"},
    "plan.keyring.store": {
        "en": "{backend}: a copy of {variable} ({masked})",
        "fr": "{backend} : une copie de {variable} ({masked})",
    },
    "plan.keyring.unusable": {
        "en": "No usable keyring here ({reason}). The keys can be kept in the .env files only, "
        "if you agree.",
        "fr": "Pas de trousseau utilisable ici ({reason}). Les clés peuvent être gardées dans "
        "les seuls fichiers .env, si vous êtes d'accord.",
    },
    "plan.keyring.no-reason": {"en": "no reason given", "fr": "sans raison donnée"},
    "plan.keyring.env-only": {
        "en": "no usable keyring: the .env files alone hold the keys",
        "fr": "pas de trousseau utilisable : seuls les fichiers .env gardent les clés",
    },
    "plan.widget.create": {
        "en": "{file} will be created (no key in it).",
        "fr": "{file} sera créé (sans aucune clé).",
    },
    "plan.widget.remove": {
        "en": "{file}, line {line}: remove {field} = {masked} (every visitor can read it)",
        "fr": "{file}, ligne {line} : retrait de {field} = {masked} (tout visiteur peut la lire)",
    },
    "plan.gitignore": {
        "en": ".gitignore: add “.env”, so that {files} can never be published by “git add .”",
        "fr": ".gitignore : ajout de « .env », pour que {files} ne soit jamais publié par "
        "« git add . »",
    },
    "plan.connection": {
        "en": "Open WebUI › Admin Panel › Settings › Connections: OpenAI key → {masked}",
        "fr": "Open WebUI › Panneau d'administration › Réglages › Connexions : clé OpenAI → "
        "{masked}",
    },
    # --- what no change fixes ---
    "plan.note.refused": {
        "en": "The live test refused the key for {variable} in {file}: {what} It is written "
        "only if you tick “write it anyway”.",
        "fr": "L'essai en direct a refusé la clé pour {variable} dans {file} : {what} Elle "
        "n'est écrite que si vous cochez « l'écrire quand même ».",
    },
    "plan.note.link-outside": {
        "en": "{file} is a link to {target}, outside the project: it is written there only if "
        "you agree.",
        "fr": "{file} est un lien vers {target}, hors du projet : il n'y est écrit que si vous "
        "êtes d'accord.",
    },
    "plan.note.readable-by-others": {
        "en": "{file} can be read by other accounts on this computer.",
        "fr": "{file} peut être lu par d'autres comptes de cet ordinateur.",
    },
    "plan.note.wrong-variable.OPENAI_API_KEY": {
        "en": "{file} holds an Open WebUI key ({masked}) in {variable}, where the OpenAI key "
        "goes: the voice server sends it to OpenAI, which refuses it. It is left as it is: "
        "put an OpenAI key there (technova-setup, OpenAI step).",
        "fr": "{file} contient une clé Open WebUI ({masked}) dans {variable}, où va la clé "
        "OpenAI : le serveur vocal l'envoie à OpenAI, qui la refuse. Elle est laissée telle "
        "quelle : mettez-y une clé OpenAI (technova-setup, étape OpenAI).",
    },
    "plan.note.wrong-variable.OPENWEBUI_API_KEY": {
        "en": "{file} holds an OpenAI key ({masked}) in {variable}, where the Open WebUI key "
        "goes: Open WebUI refuses it. It is replaced only by an Open WebUI key.",
        "fr": "{file} contient une clé OpenAI ({masked}) dans {variable}, où va la clé Open "
        "WebUI : Open WebUI la refuse. Elle n'est remplacée que par une clé Open WebUI.",
    },
    "plan.note.widget-exposed": {
        "en": "A key in {file} has been readable by every visitor: removing it is not enough. "
        "Replace that key where it was made (OpenAI: platform.openai.com › API keys, revoke "
        "it; Open WebUI: make a new one).",
        "fr": "Une clé de {file} a été lisible par tout visiteur : la retirer ne suffit pas. "
        "Remplacez cette clé là où elle a été créée (OpenAI : platform.openai.com › API keys, "
        "révoquez-la ; Open WebUI : créez-en une nouvelle).",
    },
    "plan.note.widget-exposed-replaced": {
        "en": "An OpenAI key in {file} has been readable by every visitor. This plan writes "
        "your new key in its place, but the old one keeps working for anyone who copied it "
        "until you revoke it: platform.openai.com › API keys.",
        "fr": "Une clé OpenAI de {file} a été lisible par tout visiteur. Ce plan écrit votre "
        "nouvelle clé à sa place, mais l'ancienne reste utilisable par quiconque l'a copiée "
        "tant que vous ne l'avez pas révoquée : platform.openai.com › API keys.",
    },
    # --- consent and outcome ---
    "plan.choice.env-only": {
        "en": "keeping the keys in the .env files only",
        "fr": "garder les clés dans les seuls fichiers .env",
    },
    "plan.choice.add-gitignore": {
        "en": "adding .env to .gitignore",
        "fr": "ajouter .env à .gitignore",
    },
    "plan.choice.remove-widget-secrets": {
        "en": "removing the key from the widget config",
        "fr": "retirer la clé de la configuration du widget",
    },
    "plan.choice.set-connection": {
        "en": "putting the OpenAI key in Open WebUI's connection",
        "fr": "mettre la clé OpenAI dans la connexion d'Open WebUI",
    },
    "plan.choice.write-refused-key": {
        "en": "writing a key its live test refused",
        "fr": "écrire une clé refusée par son essai",
    },
    "plan.choice.follow-outside-symlink": {
        "en": "writing through a link that leaves the project",
        "fr": "écrire à travers un lien qui sort du projet",
    },
    "plan.consent-missing.what": {
        "en": "Nothing was written: this needs your agreement to {choice}.",
        "fr": "Rien n'a été écrit : il faut votre accord pour {choice}.",
    },
    "plan.consent-missing.why": {
        "en": "No usable keyring was found, so the keys would live only in the .env files.",
        "fr": "Aucun trousseau utilisable n'a été trouvé : les clés ne seraient que dans les "
        "fichiers .env.",
    },
    "plan.consent-missing.next": {
        "en": "Tick the box that agrees to it, or run the command again with --yes.",
        "fr": "Cochez la case qui l'accepte, ou relancez la commande avec --yes.",
    },
    "plan.partly-applied.what": {
        "en": "Only part of the changes was written: {done} changed, then this failed: {error}",
        "fr": "Une partie seulement des changements a été écrite : {done} modifié, puis ceci a "
        "échoué : {error}",
    },
    "plan.partly-applied.why": {
        "en": "Each file is written whole or not at all, but one of them could not be written.",
        "fr": "Chaque fichier est écrit en entier ou pas du tout, mais l'un d'eux n'a pas pu "
        "l'être.",
    },
    "plan.partly-applied.next": {
        "en": "Fix what the error says, then run the same step again: what is already written "
        "stays.",
        "fr": "Corrigez ce que dit l'erreur, puis refaites la même étape : ce qui est déjà écrit "
        "reste.",
    },
    "plan.skipped.write-refused-key": {
        "en": "{file} not changed: its key was refused by the live test.",
        "fr": "{file} non modifié : sa clé a été refusée par l'essai en direct.",
    },
    "plan.skipped.follow-outside-symlink": {
        "en": "{file} not changed: it links outside the project.",
        "fr": "{file} non modifié : c'est un lien qui sort du projet.",
    },
    "plan.skipped.remove-widget-secrets": {
        "en": "{file} still holds a key that every visitor can read.",
        "fr": "{file} contient toujours une clé que tout visiteur peut lire.",
    },
    "plan.skipped.add-gitignore": {
        "en": ".env was not added to .gitignore.",
        "fr": ".env n'a pas été ajouté à .gitignore.",
    },
    "plan.skipped.set-connection": {
        "en": "Open WebUI's connection was not changed: that needs an admin signed in.",
        "fr": "La connexion d'Open WebUI n'a pas été modifiée : il faut un administrateur "
        "connecté.",
    },
    # --- getting a new key (keyflow) ---
    "keyflow.not-writable.what": {
        "en": "{file} cannot be written, so no new key was made and nothing was changed.",
        "fr": "{file} ne peut pas être écrit : aucune nouvelle clé n'a été créée et rien n'a "
        "été modifié.",
    },
    "keyflow.not-writable.why": {
        "en": "Making a new key stops the old one at once; without a place to save the new "
        "one, the chat would be left with no working key.",
        "fr": "Créer une nouvelle clé arrête l'ancienne aussitôt ; sans endroit où enregistrer "
        "la nouvelle, le chat resterait sans clé qui fonctionne.",
    },
    "keyflow.not-writable.next": {
        "en": "Make the file and its folder writable for your account (or run as the account "
        "that owns them), then run the same command again.",
        "fr": "Rendez le fichier et son dossier modifiables par votre compte (ou lancez en tant "
        "que le compte qui les possède), puis relancez la même commande.",
    },
    "keyflow.busy.what": {
        "en": "Another technova-setup is writing {file} right now, so no new key was made.",
        "fr": "Un autre technova-setup écrit {file} en ce moment : aucune nouvelle clé n'a été "
        "créée.",
    },
    "keyflow.busy.why": {
        "en": "Two runs replacing the key at once would each stop the other's key.",
        "fr": "Deux exécutions qui remplacent la clé en même temps arrêteraient chacune la clé "
        "de l'autre.",
    },
    "keyflow.busy.next": {
        "en": "Wait for the other run to finish, then run this command again.",
        "fr": "Attendez la fin de l'autre exécution, puis relancez cette commande.",
    },
    "keyflow.admin-only.what": {
        "en": "Only an Open WebUI admin can let users make API keys.",
        "fr": "Seul un administrateur Open WebUI peut permettre aux utilisateurs de créer des "
        "clés d'API.",
    },
    "keyflow.admin-only.why": {
        "en": "The account signed in is not an admin.",
        "fr": "Le compte connecté n'est pas administrateur.",
    },
    "keyflow.admin-only.next": {
        "en": "Sign in with the admin's account, or send the admin the message shown.",
        "fr": "Connectez-vous avec le compte de l'administrateur, ou envoyez-lui le message "
        "affiché.",
    },
    "keyflow.no-project.what": {
        "en": "There is no TechNova project in {path}.",
        "fr": "Il n'y a pas de projet TechNova dans {path}.",
    },
    "keyflow.no-project.why": {
        "en": "None of backend/.env, websocket-server/ or technova-config.js is there.",
        "fr": "Aucun de backend/.env, websocket-server/ ou technova-config.js ne s'y trouve.",
    },
    "keyflow.no-project.next": {
        "en": "Run the command from the project's folder, or give it with --project FOLDER.",
        "fr": "Lancez la commande depuis le dossier du projet, ou indiquez-le avec "
        "--project DOSSIER.",
    },
    "keyflow.rotated": {
        "en": "The current API key still works: it made its own successor (no password needed).",
        "fr": "La clé d'API actuelle fonctionne encore : elle a créé elle-même sa remplaçante "
        "(pas besoin de mot de passe).",
    },
    "keyflow.from-session": {
        "en": "The current session token still works: it made an API key (no password "
        "needed). An API key never expires.",
        "fr": "Le jeton de session actuel fonctionne encore : il a créé une clé d'API (pas "
        "besoin de mot de passe). Une clé d'API n'expire jamais.",
    },
    "keyflow.kept-safe": {
        "en": "Your new key was NOT lost: it is kept in {path} (readable by you only). Put "
        "its line in {file}, or run the same command again once the problem is fixed.",
        "fr": "Votre nouvelle clé n'est PAS perdue : elle est gardée dans {path} (lisible par "
        "vous seul). Mettez sa ligne dans {file}, ou relancez la même commande une fois le "
        "problème réglé.",
    },
    "keyflow.grant-question": {
        "en": "Let every Open WebUI user make their own API key, so that {email} can make one? "
        "An admin signs in once for this (Admin Panel › Users › Permissions › API Keys); an "
        "admin's own key never needs it.",
        "fr": "Permettre à tout utilisateur d'Open WebUI de créer sa propre clé d'API, pour "
        "que {email} puisse en créer une ? Un administrateur se connecte une fois pour cela "
        "(Panneau d'administration › Utilisateurs › Permissions › Clés d'API) ; la clé d'un "
        "administrateur n'en a jamais besoin.",
    },
    "keyflow.yes-no": {"en": "[y/N] ", "fr": "[o/N] "},
    "keyflow.admin-email-prompt": {
        "en": "The admin's Open WebUI email: ",
        "fr": "E-mail Open WebUI de l'administrateur : ",
    },
    "keyflow.granted": {
        "en": "Every user may now make an API key.",
        "fr": "Tout utilisateur peut maintenant créer une clé d'API.",
    },
    "plan.ask": {
        "en": "Also agree to {choice}? [Y/n] ",
        "fr": "Accepter aussi de {choice} ? [O/n] ",
    },
    "keyflow.pasted-key-unchecked.what": {
        "en": "The pasted key {masked} could not be checked on Open WebUI at {url}; the "
        "current key was kept.",
        "fr": "La clé collée {masked} n'a pas pu être vérifiée sur l'Open WebUI de {url} ; "
        "la clé actuelle a été gardée.",
    },
    "keyflow.pasted-key-unchecked.why": {"en": "{reason}", "fr": "{reason}"},
    "keyflow.pasted-key-unchecked.next": {
        "en": "Make sure Open WebUI is running and reachable, then run the same command "
        "again; --force writes the key without checking it.",
        "fr": "Vérifiez qu'Open WebUI tourne et répond, puis relancez la même commande ; "
        "--force écrit la clé sans la vérifier.",
    },
}
