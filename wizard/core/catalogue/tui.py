"""Messages: the Textual wizard's screens."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- common ---
    "tui.title": {"en": "TechNova setup", "fr": "Installation TechNova"},
    "tui.button.forward": {"en": "Next", "fr": "Suivant"},
    "tui.button.back": {"en": "Back", "fr": "Retour"},
    "tui.key.back": {"en": "Back", "fr": "Retour"},
    "tui.key.help": {"en": "Help", "fr": "Aide"},
    "tui.key.quit": {"en": "Quit", "fr": "Quitter"},
    "tui.key.show": {"en": "Show/hide key", "fr": "Afficher/masquer la clé"},
    "tui.working": {"en": "Working…", "fr": "En cours…"},
    "tui.unexpected": {
        "en": "Something unexpected went wrong ({error}). Nothing was lost: try again, and if "
        "it happens again, run technova-setup check in a terminal to see more.",
        "fr": "Un problème inattendu est survenu ({error}). Rien n'est perdu : réessayez, et si "
        "cela se reproduit, lancez technova-setup check dans un terminal pour en savoir plus.",
    },
    # --- quit ---
    "tui.quit.question": {
        "en": "Quit now? What you typed is not saved yet: no file was changed.",
        "fr": "Quitter maintenant ? Ce que vous avez saisi n'est pas encore enregistré : aucun "
        "fichier n'a été modifié.",
    },
    "tui.quit.yes": {"en": "Quit without saving", "fr": "Quitter sans enregistrer"},
    "tui.quit.no": {"en": "Stay", "fr": "Rester"},
    # --- help ---
    "tui.help.title": {"en": "Help", "fr": "Aide"},
    "tui.help.close": {"en": "Close", "fr": "Fermer"},
    "tui.help.welcome": {
        "en": "This wizard sets up the two keys of your TechNova chat: it checks them, then "
        "writes them in the right files. Choose your language and your project folder.",
        "fr": "Cet assistant installe les deux clés de votre chat TechNova : il les vérifie, "
        "puis les écrit dans les bons fichiers. Choisissez votre langue et le dossier du projet.",
    },
    "tui.help.explain": {
        "en": "Two different keys, two different places. The OpenAI key is paid; the Open "
        "WebUI key is free and made by your own Open WebUI.",
        "fr": "Deux clés différentes, deux endroits différents. La clé OpenAI est payante ; la "
        "clé Open WebUI est gratuite et créée par votre propre Open WebUI.",
    },
    "tui.help.openwebui": {
        "en": "In Open WebUI: your name (bottom left) › Settings › Account › API keys › Create. "
        "No “API keys” there? An admin must switch them on first: Admin Panel › Settings › "
        "Authentication › API keys (Open WebUI 0.6: Settings › General › Enable API Key). "
        "Paste with Ctrl+V or your terminal's paste.",
        "fr": "Dans Open WebUI : votre nom (en bas à gauche) › Réglages › Compte › Clés d'API › "
        "Créer. Pas de « Clés d'API » ? Un administrateur doit d'abord les activer : Panneau "
        "d'administration › Réglages › Authentification › Clés d'API (Open WebUI 0.6 : "
        "Réglages › Général › Activer la clé API). Collez avec Ctrl+V ou le collage de "
        "votre terminal.",
    },
    "tui.help.openai": {
        "en": "At https://platform.openai.com/api-keys: Create new secret key, then copy it "
        "whole (OpenAI shows it only once).",
        "fr": "Sur https://platform.openai.com/api-keys : Create new secret key, puis copiez-la "
        "en entier (OpenAI ne la montre qu'une fois).",
    },
    "tui.help.tests": {
        "en": "Each path is tried for real. A failure says what happened, why, and what to "
        "do; the Fix button takes you to the right step.",
        "fr": "Chaque chemin est essayé pour de vrai. Un échec dit ce qui s'est passé, pourquoi "
        "et que faire ; le bouton Corriger vous emmène à la bonne étape.",
    },
    "tui.help.done": {
        "en": "Restart the programs named here so they read their new keys.",
        "fr": "Redémarrez les programmes indiqués ici pour qu'ils lisent leurs nouvelles clés.",
    },
    # --- welcome ---
    "tui.welcome.heading": {
        "en": "Let's get your TechNova chat working",
        "fr": "Faisons fonctionner votre chat TechNova",
    },
    "tui.welcome.intro": {
        "en": "In about 5 minutes: we explain the two keys, you paste each one, we test them "
        "live, then we write them in the right files (with backups). Nothing is changed "
        "before you say so.",
        "fr": "En 5 minutes environ : nous expliquons les deux clés, vous collez chacune, nous "
        "les essayons en direct, puis nous les écrivons dans les bons fichiers (avec des "
        "sauvegardes). Rien n'est modifié sans votre accord.",
    },
    "tui.welcome.language": {"en": "Language", "fr": "Langue"},
    "tui.welcome.folder": {"en": "Project folder", "fr": "Dossier du projet"},
    "tui.welcome.use-folder": {"en": "Use this folder", "fr": "Utiliser ce dossier"},
    "tui.welcome.reading": {"en": "Reading the project…", "fr": "Lecture du projet…"},
    "tui.welcome.found": {"en": "Found: {files}", "fr": "Trouvé : {files}"},
    "tui.welcome.new-project": {
        "en": "No TechNova files here yet: they will be created.",
        "fr": "Pas encore de fichiers TechNova ici : ils seront créés.",
    },
    "tui.welcome.problems.one": {
        "en": "1 thing to fix:",
        "fr": "1 chose à corriger :",
    },
    "tui.welcome.problems.many": {
        "en": "{count} things to fix, the most urgent first:",
        "fr": "{count} choses à corriger, la plus urgente d'abord :",
    },
    "tui.welcome.start": {"en": "Start", "fr": "Commencer"},
    "tui.welcome.renew": {"en": "Renew the failing key", "fr": "Renouveler la clé en échec"},
    # --- explain ---
    "tui.explain.heading": {"en": "Two keys, two jobs", "fr": "Deux clés, deux rôles"},
    "tui.explain.chain": {
        "en": "website visitor → chat widget → your backend ──[Open WebUI key]──▶ Open WebUI "
        "──[OpenAI key]──▶ OpenAI\nvoice server ──[OpenAI key]──▶ OpenAI Realtime (voice)",
        "fr": "visiteur du site → widget de chat → votre backend ──[clé Open WebUI]──▶ Open WebUI "
        "──[clé OpenAI]──▶ OpenAI\nserveur vocal ──[clé OpenAI]──▶ OpenAI Realtime (voix)",
    },
    "tui.explain.openai": {
        "en": "OpenAI key — PAID. Made at platform.openai.com/api-keys. Looks like "
        "sk-proj-… (long). Goes in Open WebUI's connection settings and in "
        "websocket-server/.env. Never expires until deleted.",
        "fr": "Clé OpenAI — PAYANTE. Créée sur platform.openai.com/api-keys. Ressemble à "
        "sk-proj-… (longue). Va dans les réglages de connexion d'Open WebUI et dans "
        "websocket-server/.env. N'expire jamais tant qu'elle n'est pas supprimée.",
    },
    "tui.explain.openwebui": {
        "en": "Open WebUI key — FREE. Made by your own Open WebUI (Settings › Account › API "
        "keys). An API key is sk- followed by 32 characters from 0-9 and a-f (it looks like an "
        "OpenAI key!) and never expires; a session token starts with eyJ and lasts 4 weeks by "
        "default (never expires on Open WebUI 0.6). Goes in backend/.env.",
        "fr": "Clé Open WebUI — GRATUITE. Créée par votre propre Open WebUI (Réglages › Compte "
        "› Clés d'API). Une clé d'API est sk- suivi de 32 caractères parmi 0-9 et a-f (elle "
        "ressemble à une clé OpenAI !) et n'expire jamais ; un jeton de session commence par "
        "eyJ et dure "
        "4 semaines par défaut (sans fin sur Open WebUI 0.6). Va dans backend/.env.",
    },
    "tui.explain.rule": {
        "en": "⚠ The one rule: no key ever goes in technova-config.js. Every visitor of your "
        "website downloads that file and can read it.",
        "fr": "⚠ La seule règle : aucune clé ne va jamais dans technova-config.js. Chaque "
        "visiteur de votre site télécharge ce fichier et peut le lire.",
    },
    # --- key screens ---
    "tui.openwebui.heading": {
        "en": "The Open WebUI key (free)",
        "fr": "La clé Open WebUI (gratuite)",
    },
    "tui.openai.heading": {"en": "The OpenAI key (paid)", "fr": "La clé OpenAI (payante)"},
    "tui.openwebui.where": {
        "en": "The chat backend uses it to talk to your Open WebUI. It goes in backend/.env.",
        "fr": "Le backend du chat l'utilise pour parler à votre Open WebUI. Elle va dans "
        "backend/.env.",
    },
    "tui.openai.where": {
        "en": "The voice server uses it to reach OpenAI; Open WebUI's connection uses it too. "
        "Get one at https://platform.openai.com/api-keys. It goes in websocket-server/.env.",
        "fr": "Le serveur vocal l'utilise pour joindre OpenAI ; la connexion d'Open WebUI aussi. "
        "Créez-en une sur https://platform.openai.com/api-keys. Elle va dans "
        "websocket-server/.env.",
    },
    "tui.address": {"en": "Open WebUI address", "fr": "Adresse d'Open WebUI"},
    "tui.address.test": {"en": "Test the address", "fr": "Tester l'adresse"},
    "tui.address.testing": {"en": "Is Open WebUI there?…", "fr": "Open WebUI est-il là ?…"},
    "tui.field.label": {"en": "Paste the key here", "fr": "Collez la clé ici"},
    "tui.field.placeholder": {"en": "paste the key (Ctrl+V)", "fr": "collez la clé (Ctrl+V)"},
    "tui.field.empty": {"en": "Waiting for a key.", "fr": "En attente d'une clé."},
    "tui.field.is": {"en": "✓ {kind}: {masked}", "fr": "✓ {kind} : {masked}"},
    "tui.field.is-not-usable": {"en": "✗ {kind}: {masked}", "fr": "✗ {kind} : {masked}"},
    "tui.field.current": {
        "en": "Now in {file}: {kind}, {masked}. {expiry}",
        "fr": "Actuellement dans {file} : {kind}, {masked}. {expiry}",
    },
    "tui.field.none-current": {
        "en": "{file} has no key yet.",
        "fr": "{file} n'a pas encore de clé.",
    },
    "tui.openai.connection": {
        "en": "Also put this key in Open WebUI's connection (Admin Panel › Settings › "
        "Connections): you are an admin",
        "fr": "Mettre aussi cette clé dans la connexion d'Open WebUI (Panneau d'administration "
        "› Réglages › Connexions) : vous êtes administrateur",
    },
    "tui.skip-voice": {"en": "I don't use voice: skip", "fr": "Je n'utilise pas la voix : passer"},
    # --- sign in ("make the key for me") ---
    "tui.signin.button": {"en": "Make the key for me", "fr": "Créer la clé pour moi"},
    "tui.signin.heading": {
        "en": "Sign in to Open WebUI at {url}",
        "fr": "Connexion à Open WebUI à l'adresse {url}",
    },
    "tui.signin.warning": {
        "en": "We sign in once with your Open WebUI account and make an API key for the "
        "backend. An account has one API key: a new one replaces the old one at once, so "
        "anything still using the old one stops. Your password is used for this sign-in only "
        "and never saved.",
        "fr": "Nous nous connectons une fois avec votre compte Open WebUI et créons une clé "
        "d'API pour le backend. Un compte a une seule clé d'API : une nouvelle remplace "
        "l'ancienne aussitôt, et ce qui utilise encore l'ancienne s'arrête. Votre mot de passe "
        "ne sert qu'à cette connexion et n'est jamais enregistré.",
    },
    "tui.signin.email": {"en": "email", "fr": "e-mail"},
    "tui.signin.password": {"en": "password (hidden)", "fr": "mot de passe (masqué)"},
    "tui.signin.enable": {
        "en": "If API keys are off and I am an admin, switch them on for everyone",
        "fr": "Si les clés d'API sont désactivées et que je suis administrateur, les activer "
        "pour tous",
    },
    "tui.signin.admin-email": {
        "en": "the admin's Open WebUI email",
        "fr": "e-mail Open WebUI de l'administrateur",
    },
    "tui.signin.admin-password": {
        "en": "the admin's password (hidden, never saved)",
        "fr": "mot de passe de l'administrateur (masqué, jamais enregistré)",
    },
    "tui.signin.grant-go": {
        "en": "Allow it and make my key",
        "fr": "L'autoriser et créer ma clé",
    },
    "tui.signin.go": {"en": "Sign in and make the key", "fr": "Se connecter et créer la clé"},
    # --- tests ---
    "tui.tests.heading": {
        "en": "Testing both paths, for real",
        "fr": "Essai des deux chemins, pour de vrai",
    },
    "tui.tests.skipped": {"en": "skipped (no key)", "fr": "passé (pas de clé)"},
    "tui.tests.again": {"en": "Test again", "fr": "Réessayer"},
    "tui.tests.cancelled": {"en": "cancelled", "fr": "annulé"},
    "tui.tests.fix": {"en": "Fix this", "fr": "Corriger"},
    "tui.tests.because": {"en": "Why: {text}", "fr": "Pourquoi : {text}"},
    "tui.tests.todo": {"en": "Next: {text}", "fr": "À faire : {text}"},
    "tui.tests.continue": {"en": "Continue", "fr": "Continuer"},
    "tui.tests.continue-anyway": {"en": "Continue anyway", "fr": "Continuer quand même"},
    # --- review ---
    "tui.review.heading": {"en": "What will be written", "fr": "Ce qui sera écrit"},
    "tui.review.reading": {"en": "Preparing the changes…", "fr": "Préparation des changements…"},
    "tui.review.no-change": {
        "en": "No change to the .env files.",
        "fr": "Aucun changement dans les fichiers .env.",
    },
    "tui.review.write": {"en": "Write", "fr": "Écrire"},
    "tui.review.writing": {"en": "Writing…", "fr": "Écriture…"},
    # --- done ---
    "tui.done.heading": {"en": "Done", "fr": "Terminé"},
    "tui.done.works": {"en": "✓ {name}: works", "fr": "✓ {name} : fonctionne"},
    "tui.done.fails": {"en": "✗ {name}: {what}", "fr": "✗ {name} : {what}"},
    "tui.done.untested": {"en": "· {name}: not tested", "fr": "· {name} : non testé"},
    "tui.done.where": {
        "en": "{kind} {masked} → {file}{keyring}",
        "fr": "{kind} {masked} → {file}{keyring}",
    },
    "tui.done.and-keyring": {"en": " and the keyring", "fr": " et le trousseau"},
    "tui.done.renewal": {"en": "Renewal: {text}", "fr": "Renouvellement : {text}"},
    "tui.done.reminder": {
        "en": "To be told when a key stops working or is about to expire, add this line with "
        "crontab -e (a check every day at 9:00; it prints something only when a key needs "
        "you):",
        "fr": "Pour être prévenu quand une clé cesse de fonctionner ou va expirer, ajoutez cette "
        "ligne avec crontab -e (une vérification chaque jour à 9 h ; elle n'affiche quelque "
        "chose que si une clé a besoin de vous) :",
    },
    "tui.done.restart": {
        "en": "The backend and the voice server read their .env files only when they start: "
        "if the Restart step did not restart them, restart them now.",
        "fr": "Le backend et le serveur vocal ne lisent leurs fichiers .env qu'au démarrage : "
        "si l'étape Redémarrage ne l'a pas fait, redémarrez-les maintenant.",
    },
    "tui.done.backups": {
        "en": "The old files are kept in {folder} (readable by you only, never in the "
        "project, so git and the web server never pick them up).",
        "fr": "Les anciens fichiers sont gardés dans {folder} (lisibles par vous seul, jamais "
        "dans le projet : ni git ni le serveur web ne les voient).",
    },
    "tui.done.demo-page": {
        "en": "Demo: open {page} in your browser and type a message: the answer comes back "
        "through backend → Open WebUI → OpenAI (stand-ins).",
        "fr": "Démo : ouvrez {page} dans votre navigateur et écrivez un message : la réponse "
        "revient par backend → Open WebUI → OpenAI (serveurs de démonstration).",
    },
    "tui.done.quit": {"en": "Finish", "fr": "Terminer"},
    # --- stepper, help, exposed keys, plain http, review choices, done ---
    "tui.stepname.welcome": {"en": "Start", "fr": "Début"},
    "tui.stepname.explain": {"en": "Keys", "fr": "Clés"},
    "tui.stepname.openwebui": {"en": "Open WebUI", "fr": "Open WebUI"},
    "tui.stepname.openai": {"en": "OpenAI", "fr": "OpenAI"},
    "tui.stepname.tests": {"en": "Tests", "fr": "Essais"},
    "tui.stepname.review": {"en": "Review", "fr": "Relire"},
    "tui.stepname.done": {"en": "Done", "fr": "Fin"},
    "tui.help.button": {"en": "F1 Help", "fr": "F1 Aide"},
    "tui.help.keys": {
        "en": "F1 (or ? in an empty key field) opens this help. Tab / Shift+Tab move between "
        "fields; Enter presses the highlighted button; Escape goes back (what you typed is "
        "kept); Ctrl+Q quits.",
        "fr": "F1 (ou ? dans un champ de clé vide) ouvre cette aide. Tab / Maj+Tab passent d'un "
        "champ à l'autre ; Entrée appuie sur le bouton en surbrillance ; Échap revient en "
        "arrière (ce que vous avez saisi est gardé) ; Ctrl+Q quitte.",
    },
    "tui.help.review": {
        "en": "Nothing is written before you press Write, and only what is ticked. Every "
        "file gets a backup first. A key that failed its test is written only if you tick "
        "“Write the refused key anyway”.",
        "fr": "Rien n'est écrit avant que vous appuyiez sur Écrire, et seulement ce qui est "
        "coché. Chaque fichier est d'abord sauvegardé. Une clé refusée par son essai n'est "
        "écrite que si vous cochez « Écrire la clé refusée quand même ».",
    },
    "tui.help.demo-intro": {
        "en": "Demo: these made-up keys work only with the demo's own servers.",
        "fr": "Démo : ces clés inventées ne marchent qu'avec les serveurs de la démo.",
    },
    "tui.help.demo-openwebui": {
        "en": "Open WebUI key (for the Open WebUI step; on that step, 1 pastes it):",
        "fr": "Clé Open WebUI (pour l'étape Open WebUI ; à cette étape, 1 la colle) :",
    },
    "tui.help.demo-openai": {
        "en": "OpenAI key (for the OpenAI step; on that step, 2 pastes it):",
        "fr": "Clé OpenAI (pour l'étape OpenAI ; à cette étape, 2 la colle) :",
    },
    "tui.help.demo-more": {
        "en": "Open WebUI admin: {email} / {password}. Chat page: {page}",
        "fr": "Administrateur Open WebUI : {email} / {password}. Page de chat : {page}",
    },
    "tui.help.paste-openwebui": {
        "en": "1 Paste the Open WebUI key",
        "fr": "1 Coller la clé Open WebUI",
    },
    "tui.help.paste-openai": {"en": "2 Paste the OpenAI key", "fr": "2 Coller la clé OpenAI"},
    "tui.http.send": {"en": "Send it anyway", "fr": "L'envoyer quand même"},
    "tui.http.back": {"en": "Go back", "fr": "Revenir"},
    "tui.field.pasted-exposed": {
        "en": "✗ This is the key found in technova-config.js: every visitor could read it. "
        "Paste a new one (the old one stays usable by anyone who copied it until it is "
        "revoked).",
        "fr": "✗ C'est la clé trouvée dans technova-config.js : tout visiteur pouvait la lire. "
        "Collez-en une nouvelle (l'ancienne reste utilisable par qui l'a copiée tant qu'elle "
        "n'est pas révoquée).",
    },
    "tui.keep-current": {"en": "Keep the current key", "fr": "Garder la clé actuelle"},
    "tui.use-key": {"en": "Use this key", "fr": "Utiliser cette clé"},
    "tui.field.exposed.openai": {
        "en": "✗ This key is also in technova-config.js, which every visitor of the website "
        "can read: treat it as public. Revoke it at https://platform.openai.com/api-keys, make "
        "a new one and paste it here.",
        "fr": "✗ Cette clé est aussi dans technova-config.js, que tout visiteur du site peut "
        "lire : considérez-la comme publique. Révoquez-la sur "
        "https://platform.openai.com/api-keys, créez-en une nouvelle et collez-la ici.",
    },
    "tui.field.exposed.openwebui": {
        "en": "✗ This key is also in technova-config.js, which every visitor of the website "
        "can read: treat it as public. Make a new one in Open WebUI (it replaces this one) "
        "and paste it here.",
        "fr": "✗ Cette clé est aussi dans technova-config.js, que tout visiteur du site peut "
        "lire : considérez-la comme publique. Créez-en une nouvelle dans Open WebUI (elle "
        "remplace celle-ci) et collez-la ici.",
    },
    "tui.tests.cancel": {"en": "Cancel", "fr": "Annuler"},
    "tui.tests.not-sent": {
        "en": "not tested: the key was not sent over plain http",
        "fr": "non testé : la clé n'a pas été envoyée en http non chiffré",
    },
    "tui.tests.fix-first": {"en": "Back to fix it", "fr": "Revenir corriger"},
    "tui.review.waiting": {
        "en": "Another technova-setup is writing these files: waiting for it to finish…",
        "fr": "Un autre technova-setup écrit ces fichiers : attente de la fin…",
    },
    "tui.review.choice.remove-widget-secrets": {
        "en": "Remove the key from the widget config (recommended)",
        "fr": "Retirer la clé de la configuration du widget (conseillé)",
    },
    "tui.review.choice.add-gitignore": {
        "en": "Add .env to .gitignore (recommended)",
        "fr": "Ajouter .env à .gitignore (conseillé)",
    },
    "tui.review.choice.env-only": {
        "en": "I agree: keep the keys in the .env files only",
        "fr": "D'accord : garder les clés dans les seuls fichiers .env",
    },
    "tui.review.choice.set-connection": {
        "en": "Put the OpenAI key in Open WebUI's connection",
        "fr": "Mettre la clé OpenAI dans la connexion d'Open WebUI",
    },
    "tui.review.choice.write-refused-key": {
        "en": "Write the refused key anyway",
        "fr": "Écrire la clé refusée quand même",
    },
    "tui.review.choice.follow-outside-symlink": {
        "en": "Write through the link, outside the project",
        "fr": "Écrire à travers le lien, hors du projet",
    },
    "tui.done.checking": {
        "en": "Reading the project again…",
        "fr": "Nouvelle lecture du projet…",
    },
    "tui.done.passed-but": {
        "en": "! {name}: the test passed, but {file} still has a problem (below)",
        "fr": "! {name} : l'essai a réussi, mais {file} a encore un problème (ci-dessous)",
    },
    "tui.done.exposed.OPENAI_API_KEY": {
        "en": "✗ This OpenAI key was readable in technova-config.js: revoke it at "
        "https://platform.openai.com/api-keys and set up a new one (technova-setup, OpenAI "
        "step).",
        "fr": "✗ Cette clé OpenAI était lisible dans technova-config.js : révoquez-la sur "
        "https://platform.openai.com/api-keys et installez-en une nouvelle (technova-setup, "
        "étape OpenAI).",
    },
    "tui.done.exposed.OPENWEBUI_API_KEY": {
        "en": "✗ This Open WebUI key was readable in technova-config.js: make a new one in Open "
        "WebUI and set it up (technova-setup, Open WebUI step).",
        "fr": "✗ Cette clé Open WebUI était lisible dans technova-config.js : créez-en une "
        "nouvelle dans Open WebUI et installez-la (technova-setup, étape Open WebUI).",
    },
    "tui.done.reminder-demo": {
        "en": "On your own project, a daily check tells you when a key stops working. An "
        "example cron line (crontab -e) for a project in another folder:",
        "fr": "Sur votre propre projet, une vérification quotidienne vous prévient quand une clé "
        "cesse de fonctionner. Un exemple de ligne cron (crontab -e) pour un projet ailleurs :",
    },
    "tui.done.example-folder": {
        "en": "/path/to/your/technova",
        "fr": "/chemin/vers/votre/technova",
    },
    "tui.done.install": {"en": "Install the reminder", "fr": "Installer le rappel"},
    "tui.done.install-question": {
        "en": "Install a daily check (a systemd user timer, every day at 9:00)? This writes "
        "technova-check.service and technova-check.timer in ~/.config/systemd/user and starts "
        "the timer (systemctl --user enable --now technova-check.timer). Its messages go to "
        "journalctl --user -u technova-check. You can remove it with systemctl --user disable "
        "--now technova-check.timer.",
        "fr": "Installer une vérification quotidienne (un minuteur utilisateur systemd, chaque "
        "jour à 9 h) ? Cela écrit technova-check.service et technova-check.timer dans "
        "~/.config/systemd/user et démarre le minuteur (systemctl --user enable --now "
        "technova-check.timer). Ses messages vont dans journalctl --user -u technova-check. "
        "Vous pouvez le retirer avec systemctl --user disable --now technova-check.timer.",
    },
    "tui.done.install-yes": {"en": "Install it", "fr": "L'installer"},
    "tui.done.installed": {
        "en": "✓ The daily check is installed: systemctl --user list-timers shows it.",
        "fr": "✓ La vérification quotidienne est installée : systemctl --user list-timers "
        "l'affiche.",
    },
    "tui.done.install-failed": {
        "en": "! Not installed: {problem}",
        "fr": "! Non installée : {problem}",
    },
    "tui.done.copy": {"en": "Copy the reminder line", "fr": "Copier la ligne de rappel"},
    "tui.done.copied": {
        "en": "Copied: paste it with crontab -e.",
        "fr": "Copiée : collez-la avec crontab -e.",
    },
}
