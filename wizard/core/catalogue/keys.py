"""Messages: what a pasted key is, what we cleaned, what is wrong with it."""

MESSAGES: dict[str, dict[str, str]] = {
    # Kinds, in plain words.
    "kind.openai-project": {
        "en": "an OpenAI project key (paid, from platform.openai.com)",
        "fr": "une clé de projet OpenAI (payante, créée sur platform.openai.com)",
    },
    "kind.openai-service-account": {
        "en": "an OpenAI service-account key (paid, from platform.openai.com)",
        "fr": "une clé de compte de service OpenAI (payante, créée sur platform.openai.com)",
    },
    "kind.openai-admin": {
        "en": "an OpenAI admin key (it manages an organisation; it cannot chat or list models)",
        "fr": "une clé d'administration OpenAI (elle gère une organisation ; elle ne peut ni "
        "discuter ni lister les modèles)",
    },
    "kind.openai-legacy": {
        "en": "an OpenAI key of the older kind (paid, from platform.openai.com)",
        "fr": "une clé OpenAI de l'ancien format (payante, créée sur platform.openai.com)",
    },
    "kind.openwebui-api-key": {
        "en": "an Open WebUI API key (free, made by your own Open WebUI; it does not expire)",
        "fr": "une clé d'API Open WebUI (gratuite, créée par votre propre Open WebUI ; elle "
        "n'expire pas)",
    },
    "kind.openwebui-jwt": {
        "en": "an Open WebUI session token (made when you sign in; it expires)",
        "fr": "un jeton de session Open WebUI (créé quand vous vous connectez ; il expire)",
    },
    "kind.unknown": {
        "en": "not a key we recognise",
        "fr": "pas une clé que nous reconnaissons",
    },
    "identify.unknown": {
        "en": "This is not a key we recognise: {masked}.",
        "fr": "Ce n'est pas une clé que nous reconnaissons : {masked}.",
    },
    "identify.is": {"en": "This is {kind}: {masked}.", "fr": "C'est {kind} : {masked}."},
    "identify.belongs_in": {
        "en": "It goes in {place}.",
        "fr": "Elle se place dans {place}.",
    },
    "identify.belongs_nowhere": {
        "en": "It has no place in a TechNova project.",
        "fr": "Elle n'a pas sa place dans un projet TechNova.",
    },
    "identify.openai_also_in_openwebui": {
        "en": "The same key is also entered in Open WebUI (Admin Panel › Settings › "
        "Connections), so that Open WebUI can reach OpenAI.",
        "fr": "La même clé se saisit aussi dans Open WebUI (Panneau d'administration › "
        "Réglages › Connexions), pour qu'Open WebUI puisse joindre OpenAI.",
    },
    "identify.usable": {"en": "It can be used.", "fr": "Elle est utilisable."},
    "identify.unusable": {
        "en": "It cannot be used as it is.",
        "fr": "Cette clé n'est pas utilisable telle quelle.",
    },
    # What we cleaned.
    "fix.whitespace": {
        "en": "Removed spaces or line breaks copied around or inside the key.",
        "fr": "Espaces ou retours à la ligne copiés autour ou dans la clé : retirés.",
    },
    "fix.quotes": {
        "en": "Removed the quotation marks around the key.",
        "fr": "Guillemets autour de la clé : retirés.",
    },
    "fix.invisible": {
        "en": "Removed invisible characters (zero-width or no-break spaces) that came with "
        "the copy.",
        "fr": "Caractères invisibles (espaces de largeur nulle ou insécables) venus avec la "
        "copie : retirés.",
    },
    "fix.variable-name": {
        "en": "Removed the variable name in front of the key (a whole .env line was copied).",
        "fr": "Nom de variable devant la clé (une ligne entière de .env a été copiée) : retiré.",
    },
    "fix.bearer": {
        "en": "Removed the word “Bearer” in front of the key (it belongs to the request, not "
        "to the key).",
        "fr": "Mot « Bearer » devant la clé (il fait partie de la requête, pas de la clé) : "
        "retiré.",
    },
    # What we cannot fix.
    "problem.empty": {
        "en": "Nothing was pasted. Copy the key again, then paste it.",
        "fr": "Rien n'a été collé. Copiez de nouveau la clé, puis collez-la.",
    },
    "problem.not-a-key": {
        "en": "This does not look like a key: OpenAI keys start with “sk-”, Open WebUI keys "
        "with “sk-” or “eyJ”. Check that you copied the key itself, not a page address or "
        "a name.",
        "fr": "Cela ne ressemble pas à une clé : les clés OpenAI commencent par « sk- », "
        "celles d'Open WebUI par « sk- » ou « eyJ ». Vérifiez que vous avez copié la clé "
        "elle-même, pas une adresse de page ni un nom.",
    },
    "problem.truncated": {
        "en": "The key is cut short: its beginning is right but the end is missing. Copy it "
        "again in full (the copy button next to the key avoids this).",
        "fr": "La clé est tronquée : son début est correct mais la fin manque. Copiez-la de "
        "nouveau en entier (le bouton copier à côté de la clé évite ce problème).",
    },
    "problem.made-up-prefix": {
        "en": "No real key starts like this. Open WebUI keys never start with “owui-”: an "
        "Open WebUI API key is “sk-” followed by 32 characters from 0-9 and a-f, and a session "
        "token starts with “eyJ”. Get the key from Open WebUI: Settings › Account › API keys.",
        "fr": "Aucune vraie clé ne commence ainsi. Les clés Open WebUI ne commencent jamais "
        "par « owui- » : une clé d'API Open WebUI est « sk- » suivi de 32 caractères parmi 0-9 et "
        "a-f, et un jeton de session commence par « eyJ ». Prenez la clé dans Open WebUI : "
        "Réglages › Compte › Clés d'API.",
    },
    "problem.other-service": {
        "en": "This is a key from {service}, not from OpenAI or Open WebUI. TechNova needs an "
        "OpenAI key and an Open WebUI key.",
        "fr": "C'est une clé de {service}, pas d'OpenAI ni d'Open WebUI. TechNova a besoin "
        "d'une clé OpenAI et d'une clé Open WebUI.",
    },
    "problem.expired": {
        "en": "This session token expired on {when}. Open WebUI refuses it. Make an API key "
        "instead (it does not expire): Open WebUI › Settings › Account › API keys.",
        "fr": "Ce jeton de session a expiré le {when}. Open WebUI le refuse. Créez plutôt une "
        "clé d'API (elle n'expire pas) : Open WebUI › Réglages › Compte › Clés d'API.",
    },
    "problem.no-expiry": {
        "en": "This session token has no expiry date: it never expires, but it still stops "
        "working if Open WebUI's secret key changes. An API key is safer.",
        "fr": "Ce jeton de session n'a pas de date d'expiration : il n'expire jamais, mais il "
        "cesse de fonctionner si la clé secrète d'Open WebUI change. Une clé d'API est plus "
        "sûre.",
    },
    "problem.wrong-place.openwebui": {
        "en": "This is an OpenAI key, but this place needs the Open WebUI key. The OpenAI key "
        "goes in websocket-server/.env and in Open WebUI's connection settings; the backend "
        "needs the free key made by your Open WebUI (Settings › Account › API keys).",
        "fr": "C'est une clé OpenAI, mais cet endroit attend la clé Open WebUI. La clé OpenAI "
        "va dans websocket-server/.env et dans les réglages de connexion d'Open WebUI ; le "
        "backend a besoin de la clé gratuite créée par votre Open WebUI (Réglages › Compte › "
        "Clés d'API).",
    },
    "problem.wrong-place.openai": {
        "en": "This is an Open WebUI key, but this place needs the OpenAI key. Open WebUI keys "
        "look like old OpenAI keys (“sk-”), but OpenAI refuses them. Get the OpenAI key at "
        "https://platform.openai.com/api-keys.",
        "fr": "C'est une clé Open WebUI, mais cet endroit attend la clé OpenAI. Les clés Open "
        "WebUI ressemblent aux anciennes clés OpenAI (« sk- »), mais OpenAI les refuse. "
        "Prenez la clé OpenAI sur https://platform.openai.com/api-keys.",
    },
    "problem.admin-key": {
        "en": "OpenAI admin keys cannot chat or list models. Make a project key instead at "
        "https://platform.openai.com/api-keys.",
        "fr": "Les clés d'administration OpenAI ne peuvent ni discuter ni lister les modèles. "
        "Créez plutôt une clé de projet sur https://platform.openai.com/api-keys.",
    },
    "problem.damaged": {
        "en": "This starts like a key (“sk-” or “eyJ”), but the rest is not one: characters "
        "were changed, added or cut when it was copied (an e-mail, a word processor, a chat). "
        "Copy it again from where it was made, with its copy button.",
        "fr": "Cela commence comme une clé (« sk- » ou « eyJ »), mais la suite n'en est pas "
        "une : des caractères ont été changés, ajoutés ou coupés lors de la copie (un e-mail, "
        "un traitement de texte, une messagerie). Copiez-la de nouveau là où elle a été créée, "
        "avec son bouton copier.",
    },
    "problem.masked": {
        "en": "This is the shortened form of a key that dashboards and logs show (the middle "
        "is replaced by “…” or “*”), not the key itself. The full key is shown only once, "
        "when it is made: make a new one and copy it at that moment.",
        "fr": "C'est la forme abrégée d'une clé, celle qu'affichent les tableaux de bord et les "
        "journaux (le milieu est remplacé par « … » ou « * »), pas la clé elle-même. La clé "
        "complète ne s'affiche qu'une fois, à sa création : créez-en une nouvelle et "
        "copiez-la à ce moment-là.",
    },
    "problem.look-alike": {
        "en": "This text only looks like a key: its first characters are letters from another "
        "alphabet (Cyrillic or Greek) or another kind of dash that look like “sk-” or “eyJ”. "
        "The server sees different characters and refuses it. Copy the key again from where "
        "it was made, not from a document or a message that changed it.",
        "fr": "Ce texte ne fait que ressembler à une clé : ses premiers caractères sont des "
        "lettres d'un autre alphabet (cyrillique ou grec) ou un autre tiret, qui ressemblent à "
        "« sk- » ou « eyJ ». Le serveur voit d'autres caractères et la refuse. Copiez de "
        "nouveau la clé là où elle a été créée, pas depuis un document ou un message qui l'a "
        "modifiée.",
    },
    "problem.too-long": {
        "en": "This is far longer than any key: a whole file or page was probably copied. "
        "Copy only the key.",
        "fr": "C'est bien plus long que n'importe quelle clé : un fichier ou une page entière a "
        "sans doute été copié. Copiez seulement la clé.",
    },
    "problem.bad-expiry": {
        "en": "This session token's expiry date (its “exp” field) is not a date: Open WebUI "
        "cannot read it and may refuse the token. Make an API key instead (it does not "
        "expire): Open WebUI › Settings › Account › API keys.",
        "fr": "La date d'expiration de ce jeton de session (son champ « exp ») n'est pas une "
        "date : Open WebUI ne peut pas la lire et risque de refuser le jeton. Créez plutôt une "
        "clé d'API (elle n'expire pas) : Open WebUI › Réglages › Compte › Clés d'API.",
    },
    "problem.far-expiry": {
        "en": "This session token's expiry date lies after the year 9999: in practice it never "
        "expires, but it still stops working if Open WebUI's secret key changes. An API key "
        "is safer.",
        "fr": "La date d'expiration de ce jeton de session tombe après l'an 9999 : en pratique, "
        "il n'expire jamais, mais il cesse de fonctionner si la clé secrète d'Open WebUI "
        "change. Une clé d'API est plus sûre.",
    },
}
