"""`technova-config.js`: written, updated and cleaned of keys, and read back by real Node."""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import keyshapes
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wizard.core.errors import WizardError
from wizard.core.files.widget_config import (
    REMOVED_MARKER,
    SecretFinding,
    WidgetSettings,
    find_secrets,
    read_widget_config,
    remove_secrets,
    render_widget_config,
    write_widget_config,
)
from wizard.core.i18n import LANGS
from wizard.core.secret import mask

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")

# Compiles and runs each source in its own context with a fake `window`, and reports what the
# browser would see: syntax errors, run errors, and `window.TechNovaConfig`.
_EVALUATE = r"""
const vm = require('vm');
const sources = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const results = sources.map((source, i) => {
  let script;
  try { script = new vm.Script(source, { filename: `input-${i}.js` }); }
  catch (error) { return { syntax: false, error: String(error) }; }
  const window = {};
  const context = vm.createContext({ window });
  try { script.runInContext(context, { timeout: 2000 }); }
  catch (error) { return { syntax: true, ran: false, error: String(error) }; }
  const config = window.TechNovaConfig !== undefined ? window.TechNovaConfig
    : vm.runInContext('typeof TechNovaConfig === "undefined" ? null : TechNovaConfig', context);
  return { syntax: true, ran: true, config };
});
process.stdout.write(JSON.stringify(results));
"""


def evaluate(sources: list[str]) -> list[dict[str, object]]:
    """Run every source in one Node process (one start-up for a whole batch)."""
    assert NODE is not None
    done = subprocess.run(
        [NODE, "-e", _EVALUATE],
        input=json.dumps(sources),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=60,
    )
    results = json.loads(done.stdout)
    assert len(results) == len(sources)
    return results


def configs(sources: list[str]) -> list[dict[str, object]]:
    """`window.TechNovaConfig` of each source; every one must compile and run."""
    results = evaluate(sources)
    for source, result in zip(sources, results, strict=True):
        assert result.get("ran"), (result, source)
    return [result["config"] for result in results]  # type: ignore[misc]


def node_check(path: Path) -> None:
    assert NODE is not None
    done = subprocess.run([NODE, "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def expected_config(settings: WidgetSettings) -> dict[str, object]:
    return {
        "backendUrl": settings.backend_url,
        "voiceUrl": settings.voice_url,
        "language": settings.language,
        "assistantName": settings.assistant_name,
    }


def only_lines_changed(before: str, after: str, allowed: set[int]) -> bool:
    """True when every difference touches only the 1-based lines of `before` in `allowed`."""
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        if tag in ("replace", "delete") and not set(range(i1 + 1, i2 + 1)) <= allowed:
            return False
    return True


def inserted_lines(before: str, after: str) -> list[str]:
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    inserted: list[str] = []
    for tag, _i1, _i2, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        assert tag in ("equal", "insert"), (before, after)
        if tag == "insert":
            inserted.extend(new[j1:j2])
    return inserted


KEYS = keyshapes.every_kind()
TRICKY = [
    "http://example.com/a?q=\"quoted\"&r='single'",
    "C:\\path\\with\\backslashes\\",
    "https://exemple.fr/été/café/日本語/😀",
    "line\nbreak\tand\rreturn",
    "separators\u2028and\u2029here",
    "`backtick` and ${notATemplate}",
    "</script><script>alert(1)</script>",
    "",
]


# ------------------------------------------------------------------------------------------
# render_widget_config
# ------------------------------------------------------------------------------------------


@pytest.mark.node
@needs_node
def test_render_reads_back_exactly_in_node(tmp_path: Path) -> None:
    settings = [
        WidgetSettings("http://localhost:3001"),
        WidgetSettings("https://chat.example.com", "ws://localhost:8081", "fr", "Léa"),
        *(WidgetSettings(value, value, "fr", value) for value in TRICKY),
    ]
    rendered = [render_widget_config(s) for s in settings]
    assert configs(rendered) == [expected_config(s) for s in settings]
    for i, text in enumerate(rendered[:3]):
        path = tmp_path / f"technova-config-{i}.js"
        path.write_text(text, encoding="utf-8")
        node_check(path)


def test_render_says_no_key_belongs_here() -> None:
    text = render_widget_config(WidgetSettings("http://localhost:3001", "ws://localhost:8081"))
    header = text.split("window.TechNovaConfig", 1)[0]
    assert all(line.startswith("//") for line in header.splitlines() if line)
    assert "Every visitor's browser" in header and "no key" in header
    assert 'backendUrl: "http://localhost:3001",' in text
    assert 'voiceUrl: "ws://localhost:8081",' in text
    assert "voiceUrl: null," in render_widget_config(WidgetSettings("http://x"))
    assert find_secrets(text) == []


@pytest.mark.parametrize(("kind", "key"), sorted(KEYS.items()))
def test_render_refuses_a_key_as_any_value(kind: str, key: str) -> None:
    cases = [
        WidgetSettings(key),
        WidgetSettings("http://localhost:3001", voice_url=key),
        WidgetSettings("http://localhost:3001", assistant_name=f"Bearer {key}"),
        WidgetSettings(f"http://localhost:3001/chat?key={key}"),
    ]
    for settings in cases:
        with pytest.raises(WizardError) as caught:
            render_widget_config(settings)
        error = caught.value
        assert error.code == "widget.secret_refused"
        assert error.params["kind"] == kind
        assert error.params["masked"] == mask(key)
        for lang in LANGS:
            assert key not in error.render(lang)
        assert key not in str(error) and key not in repr(error.params)


# ------------------------------------------------------------------------------------------
# find_secrets
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("quote", ["'", '"', "`"])
@pytest.mark.parametrize(("kind", "key"), sorted(KEYS.items()))
def test_finds_every_kind_in_every_quote(kind: str, key: str, quote: str) -> None:
    text = (
        "window.TechNovaConfig = {\n"
        '  backendUrl: "http://localhost:3001",\n'
        f"  apiKey: {quote}{key}{quote},\n"
        "};\n"
    )
    findings = find_secrets(text)
    assert findings == [SecretFinding(line=3, field="apiKey", kind=kind, masked=mask(key))]
    assert key not in repr(findings)


def test_finds_keys_wherever_they_are() -> None:
    project, legacy = KEYS["openai-project"], KEYS["openai-legacy"]
    webui, token = KEYS["openwebui-api-key"], KEYS["openwebui-jwt"]
    service, admin = KEYS["openai-service-account"], KEYS["openai-admin"]
    text = "\n".join(
        [
            f"// my key: {legacy}",  # 1
            "/* the old one was",  # 2
            f"   {webui} */",  # 3
            f'const API_KEY = "{project}";',  # 4
            "window.TechNovaConfig = {",  # 5
            "  backendUrl: 'http://localhost:3001',",  # 6
            "  auth: { headers: { Authorization: `Bearer " + token + "` } },",  # 7
            f'  "openaiKey": "{service}",',  # 8
            f"  keys: ['not a key', '{admin}'],",  # 9
            "  url: `${API_KEY}?key=" + webui + "`,",  # 10
            f'  voiceUrl: "wss://example.com/?token={token}",',  # 11
            "};",  # 12
            f"window.TechNovaConfig.extra = '{legacy}'; // {project}",  # 13
        ]
    )
    found = [(f.line, f.field, f.kind) for f in find_secrets(text)]
    assert found == [
        (1, "key", "openai-legacy"),
        (3, None, "openwebui-api-key"),
        (4, "API_KEY", "openai-project"),
        (7, "Authorization", "openwebui-jwt"),
        (8, "openaiKey", "openai-service-account"),
        (9, None, "openai-admin"),
        (10, "key", "openwebui-api-key"),
        (11, "voiceUrl", "openwebui-jwt"),
        (13, "extra", "openai-legacy"),
        (13, None, "openai-project"),
    ]
    for finding in find_secrets(text):
        assert "…" in finding.masked
    everything = repr(find_secrets(text))
    assert not any(key in everything for key in KEYS.values())


def test_a_token_glued_to_a_word_in_a_comment() -> None:
    token = KEYS["openwebui-jwt"]
    text = f"// copied from localStorage.{token}.\nwindow.TechNovaConfig = {{}};\n"
    assert [(f.line, f.kind) for f in find_secrets(text)] == [(1, "openwebui-jwt")]
    assert remove_secrets(text)[0] == (
        f"// copied from localStorage.{REMOVED_MARKER}.\nwindow.TechNovaConfig = {{}};\n"
    )


def test_a_cut_key_is_still_found() -> None:
    cut = KEYS["openai-project"][:60]
    findings = find_secrets(f"window.TechNovaConfig = {{ apiKey: '{cut}' }};")
    assert [(f.kind, f.masked) for f in findings] == [("openai-project", mask(cut))]


def test_tokenises_javascript_properly() -> None:
    key = KEYS["openwebui-api-key"]
    text = "\n".join(
        [
            "const re = /[\"'`]/g; const half = 10 / 2 / 1;",  # 1: a regex holding quotes
            "const s = 'it\\'s \"fine\" // not a comment';",  # 2: escapes, // inside a string
            'const t = "a /* not a comment */ b";',  # 3
            "const u = `multi",  # 4
            "line ${ {a: '}'}.a } template`;",  # 5: braces inside a substitution
            f"const k = '{key}';",  # 6
            "const x = '\\x73k-escaped';",  # 7
        ]
    )
    assert [(f.line, f.field) for f in find_secrets(text)] == [(6, "k")]
    escaped = "".join(f"\\x{ord(ch):02x}" for ch in key)
    assert [f.masked for f in find_secrets(f'const k = "{escaped}";')] == [mask(key)]


def test_broken_javascript_is_still_searched() -> None:
    key = KEYS["openai-legacy"]
    for text in [
        f"const a = 'unterminated\nconst k = '{key}';",
        f"const t = `never closed ${{x}} {key}",
        f"/* never closed {key}",
        f"const r = /[/; const k = '{key}';",
        "}}}{{{ ' \" ` /",
    ]:
        findings = find_secrets(text)
        assert [f.masked for f in findings] == ([mask(key)] if key in text else [])
        cleaned, _ = remove_secrets(text)
        assert key not in cleaned


NOT_KEYS = """\
// TechNova widget: see https://github.com/technova/widget#configuration for the settings.
/* Colours follow the brand guide (2024-05-01). */
window.TechNovaConfig = {
  backendUrl: "http://localhost:3001",
  voiceUrl: 'wss://voice.example.com:8081/realtime?model=gpt-4o-realtime-preview-2024-12-17',
  model: "gpt-realtime",
  fallbackModel: 'gpt-4o-mini-2024-07-18',
  language: "fr",
  assistantName: "TechNova Assistant",
  greeting: `Bonjour ! Comment puis-je vous aider aujourd'hui ?`,
  theme: { primary: "#1a2b3c", accent: 'rgb(12, 34, 56)', font: "Inter, sans-serif" },
  cssClass: "sk-chat-widget-container",
  skin: "sk-dark",
  storageKey: "technova-chat",
  apiKeyUrl: "https://platform.openai.com/api-keys",
  emptyKey: "",
  apiKey: "",
  token: null,
  sessionId: "8c9a3c9e-5f0e-4b3e-9d61-2f1f6e0c4a11",
  commit: "0123456789abcdef0123456789abcdef01234567",
  avatar: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",
  tokenHeader: "Authorization",
  note: "The key lives on the server (sk- keys never go here).",
};
"""


def test_no_false_positives() -> None:
    assert find_secrets(NOT_KEYS) == []
    assert remove_secrets(NOT_KEYS) == (NOT_KEYS, [])


# What only stands for a key is as wrong in the widget as a key: each one, in every quoting,
# under a quoted or a bare property name.
STAND_INS = [
    ("apiKey", "owui-1234567890abcdef1234", "made-up-prefix"),
    ("key", "OWUI-abc", "made-up-prefix"),
    ("anything", "owui-your-key-here", "made-up-prefix"),
    ("apiKey", "sk-your-key-here", "placeholder"),
    ("placeholder", "sk-proj-XXXXXXXXXXXXXXXXXXXXXXXX", "placeholder"),
    ("other", "YOUR_OPENAI_API_KEY_HERE", "placeholder"),
    ("cle", "votre-cle-ici", "placeholder"),
    ("config", "votre-clé-api", "placeholder"),
    ("k", "YOUR_KEY", "placeholder"),
    ("openaiKey", "xxx", "placeholder"),
    ("openaiKey", "sk-...", "masked"),
    ("x", "sk-proj-…sQoA", "masked"),
    ("api_key", "hunter2", "secret-field"),
    ("apikey", "abc", "secret-field"),
    ("token", "t0k3n-value", "secret-field"),
    ("accessToken", "something", "secret-field"),
    ("secret", "s3cr3t", "secret-field"),
    ("authorization", "Bearer abc", "secret-field"),
    ("bearer", "abc", "secret-field"),
    ("password", "correct horse", "secret-field"),
    ("owuiKey", "123", "secret-field"),
]


@pytest.mark.parametrize(("name", "value", "kind"), STAND_INS)
@pytest.mark.parametrize("quote", ["'", '"', "`"])
@pytest.mark.parametrize("quoted_name", [False, True])
def test_anything_standing_for_a_key_is_found(
    name: str, value: str, kind: str, quote: str, quoted_name: bool
) -> None:
    prop = f'"{name}"' if quoted_name else name
    line = f"  {prop}: {quote}{value}{quote},"
    text = f"window.TechNovaConfig = {{\n  backendUrl: 'http://x',\n{line}\n}};\n"
    findings = find_secrets(text)
    assert [(f.line, f.field, f.kind) for f in findings] == [(3, name, kind)]
    assert not findings[0].is_key
    cleaned, removed = remove_secrets(text)
    assert value not in cleaned and len(removed) == 1


def test_a_secret_named_assignment_and_a_bracketed_name() -> None:
    text = "var cfg = {};\ncfg['apiKey'] = 'my-key';\ncfg.token = `abc`;\n"
    assert [(f.field, f.kind) for f in find_secrets(text)] == [
        ("apiKey", "placeholder"),
        ("token", "secret-field"),
    ]


# ------------------------------------------------------------------------------------------
# remove_secrets
# ------------------------------------------------------------------------------------------


def test_remove_drops_a_property_line_and_blanks_the_rest() -> None:
    project, legacy = KEYS["openai-project"], KEYS["openai-legacy"]
    webui = KEYS["openwebui-api-key"]
    text = (
        f"// key: {legacy} (old)\n"
        "window.TechNovaConfig = {\n"
        "  backendUrl: 'http://localhost:3001',\n"
        f"  apiKey: '{project}', // do not share\n"
        f'  headers: {{ Authorization: "Bearer {webui}" }},\n'
        "  language: 'fr',\n"
        f'  "token": `{webui}`\n'
        "};\n"
        f'const API_KEY = "{project}"; // set by hand\n'
    )
    cleaned, findings = remove_secrets(text)
    assert cleaned == (
        f"// key: {REMOVED_MARKER} (old)\n"
        "window.TechNovaConfig = {\n"
        "  backendUrl: 'http://localhost:3001',\n"
        '  headers: { Authorization: "" },\n'
        "  language: 'fr',\n"
        "};\n"
        'const API_KEY = ""; // set by hand\n'
    )
    assert [f.line for f in findings] == [1, 4, 5, 7, 9]
    assert find_secrets(cleaned) == []


def test_remove_keeps_line_endings_and_bom() -> None:
    key = KEYS["openai-legacy"]
    text = (
        "\ufeffwindow.TechNovaConfig = {\r\n"
        f'\tapiKey: "{key}",\r\n'
        '\tbackendUrl: "http://localhost:3001"\r\n'
        "};"
    )
    cleaned, _ = remove_secrets(text)
    assert cleaned == (
        '\ufeffwindow.TechNovaConfig = {\r\n\tbackendUrl: "http://localhost:3001"\r\n};'
    )


def _removal_cases() -> list[str]:
    p, w, j, s, a, legacy = (
        KEYS[k]
        for k in (
            "openai-project",
            "openwebui-api-key",
            "openwebui-jwt",
            "openai-service-account",
            "openai-admin",
            "openai-legacy",
        )
    )
    return [
        # Last property without a comma: dropping it leaves `…,\n}` (valid).
        f"window.TechNovaConfig = {{\n  backendUrl: 'http://a',\n  apiKey: '{p}'\n}};\n",
        # The only property.
        f'window.TechNovaConfig = {{\n  apiKey: "{w}"\n}};\n',
        # Comma-first style: the line cannot be dropped, the value is blanked.
        f"window.TechNovaConfig = {{\n  backendUrl: 'http://a'\n  , apiKey: '{p}'\n"
        "  , language: 'en'\n};\n",
        # Key on the same line as other properties.
        f"window.TechNovaConfig = {{ backendUrl: 'http://a', apiKey: `{j}`, language: 'fr' }};\n",
        # A property line followed by a block comment that runs on.
        f"window.TechNovaConfig = {{\n  apiKey: '{s}', /* note\n  still the note */\n"
        "  backendUrl: 'http://a'\n};\n",
        # In arrays, calls, nested objects, templates with substitutions.
        "const base = 'http://a';\n"
        f"window.TechNovaConfig = {{\n  backendUrl: base,\n  keys: ['{a}', \"{w}\"],\n"
        f"  nested: {{\n    deeper: {{\n      token: '{j}',\n    }},\n  }},\n"
        f"  url: `${{base}}/x?key={w}&y=1`,\n"
        f"  language: String('{p}').length ? 'en' : 'fr',\n}};\n",
        # Keys in comments only.
        f"/**\n * Keys:\n *   {p}\n *   {legacy}\n */\n// {j}\n"
        "window.TechNovaConfig = { backendUrl: 'http://a' }; // " + w + "\n",
        # Quoted property names (JSON style) and a key as a property name's neighbour.
        f'window.TechNovaConfig = {{\n  "backendUrl": "http://a",\n  "apiKey": "{p}",\n'
        f'  "language": "fr"\n}};\nwindow.k = "{legacy}";\n',
        # A labelled statement and an assignment: lines that look like properties but are not.
        f"apiKey: '{p}'\nwindow.TechNovaConfig = {{ backendUrl: 'http://a' }};\n",
        f"var TechNovaConfig = {{}};\nTechNovaConfig.apiKey =\n  '{w}';\n"
        "TechNovaConfig.backendUrl = 'http://a';\n",
        # A string inside a template's substitution.
        "window.TechNovaConfig = {\n  backendUrl: 'http://a',\n"
        f"  auth: `Bearer ${{'{p}'}}`,\n}};\n",
    ]


@pytest.mark.node
@needs_node
def test_remove_keeps_other_lines_and_stays_valid_javascript() -> None:
    cases = _removal_cases()
    before = configs(cases)
    results = [remove_secrets(text) for text in cases]
    after = configs([cleaned for cleaned, _ in results])
    for text, (cleaned, findings), old, new in zip(cases, results, before, after, strict=True):
        assert findings, text
        assert find_secrets(cleaned) == [], cleaned
        assert only_lines_changed(text, cleaned, {f.line for f in findings}), (text, cleaned)
        assert not any(key in cleaned for key in KEYS.values())
        # What the widget reads is unchanged, apart from the keys.
        assert isinstance(old, dict) and isinstance(new, dict)
        assert old.get("backendUrl") == new.get("backendUrl") == "http://a" or (
            "backendUrl" not in old
        )


# ------------------------------------------------------------------------------------------
# Reading and writing the file
# ------------------------------------------------------------------------------------------


@pytest.mark.node
@needs_node
def test_write_is_public_and_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "chat-widget" / "technova-config.js"
    first = render_widget_config(WidgetSettings("http://localhost:3001"))
    assert write_widget_config(path, first) is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert read_widget_config(path) == first
    node_check(path)

    second = render_widget_config(WidgetSettings("https://chat.example.com/api", language="fr"))
    backup = write_widget_config(path, second)
    # Never in the folder the web server publishes: in the user's state folder.
    assert backup is not None and not backup.is_relative_to(tmp_path)
    assert re.fullmatch(r"chat-widget__technova-config_js\.\d{8}-\d{6}\.bak", backup.name)
    assert backup.read_text(encoding="utf-8") == first
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600  # it may hold a key we removed
    assert path.read_bytes() == second.encode("utf-8")
    node_check(path)
    again = write_widget_config(path, second)
    # A second backup never overwrites the first, whether or not the clock has ticked.
    assert again is not None and again != backup and backup.exists()
    assert re.fullmatch(r"chat-widget__technova-config_js\.\d{8}-\d{6}(-\d+)?\.bak", again.name)
    assert sorted(p.name for p in path.parent.iterdir()) == ["technova-config.js"]
    assert sorted(p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")) == []


def test_write_follows_a_symbolic_link(tmp_path: Path) -> None:
    real = tmp_path / "real.js"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "technova-config.js"
    link.symlink_to(real)
    write_widget_config(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_read_keeps_every_byte(tmp_path: Path) -> None:
    path = tmp_path / "technova-config.js"
    data = "\ufeff// é\r\nwindow.TechNovaConfig = {};\r\n".encode()
    path.write_bytes(data)
    assert read_widget_config(path).encode("utf-8") == data


def test_read_errors(tmp_path: Path) -> None:
    def code(path: Path) -> str:
        with pytest.raises(WizardError) as caught:
            read_widget_config(path)
        for lang in LANGS:
            assert str(path) in caught.value.render(lang)
        return caught.value.code

    assert code(tmp_path) == "widget.is_directory"
    assert code(tmp_path / "missing.js") == "widget.not_found"
    latin = tmp_path / "latin1.js"
    latin.write_bytes("// ok\n// caf\xe9\n".encode("latin-1"))
    assert code(latin) == "widget.not_utf8"
    if os.geteuid() != 0:  # root reads anything
        locked = tmp_path / "locked.js"
        locked.write_text("x", encoding="utf-8")
        locked.chmod(0)
        try:
            assert code(locked) == "widget.not_readable"
        finally:
            locked.chmod(0o600)
    with pytest.raises(WizardError) as caught:
        write_widget_config(tmp_path, "x")
    assert caught.value.code == "widget.is_directory"


def test_every_widget_error_explains_itself_in_both_languages() -> None:
    for code, params in [
        ("widget.unrecognised", {"path": "p"}),
        ("widget.field_computed", {"path": "p", "field": "backendUrl"}),
        ("widget.secret_refused", {"field": "backendUrl", "masked": "sk-…", "kind": "x"}),
        ("widget.not_found", {"path": "p"}),
        ("widget.is_directory", {"path": "p"}),
        ("widget.not_readable", {"path": "p", "reason": "denied"}),
        ("widget.not_utf8", {"path": "p", "line": 2}),
        ("widget.not_writable", {"path": "p", "reason": "denied"}),
        ("widget.secret_found", {"path": "p", "line": 2, "masked": "sk-…"}),
    ]:
        error = WizardError(code, **params)
        for lang in LANGS:
            assert all(error.explanation.render(lang).values())


def test_the_name_pattern_is_the_spelled_out_range_on_every_character() -> None:
    """jslex writes "U+00AA to U+FFFF" as a negated set because the range itself takes
    Python's regex compiler 7 ms at every start; both must accept the same characters."""
    import re

    from wizard.core.files.jslex import _IDENT

    first = re.compile(r"[A-Za-z_$#\u00aa-\uffff]")
    rest = re.compile(r"[\w$\u00aa-\uffff]")
    for code in range(0x110000):
        char = chr(code)
        assert bool(_IDENT.fullmatch(char)) == bool(first.fullmatch(char)), hex(code)
        assert bool(_IDENT.fullmatch("a" + char)) == bool(rest.fullmatch(char)), hex(code)


def test_line_ends_are_found_before_the_same_characters_as_the_spelled_out_set() -> None:
    """jslex finds a line's end with two small classes (one mixed class costs 0.3 ms to
    compile at every start): before exactly JavaScript's four line terminators."""
    import re

    from wizard.core.files.jslex import LINE_END

    spelled_out = re.compile("[\n\r\u2028\u2029]")
    for code in range(0x110000):
        char = chr(code)
        found = LINE_END.search("ab" + char)
        assert (found is not None) == bool(spelled_out.fullmatch(char)), hex(code)
        assert found is None or found.start() == 2


_OLD_SECRET_NAME = (  # the pattern is_secret_name replaced (compiling it cost every status run)
    r"(?:^|api|openai|owui|openwebui|webui|secret|access|private|auth|client|session|bearer"
    r"|service|llm|chat|voice|realtime|gpt)key$"
    r"|(?:token|secret|password|passwd|pwd|passphrase|authorization|auth|bearer|credentials?"
    r"|cle|clé|cleapi|cléapi|jeton|motdepasse)$"
)
_NAME_PIECES = [
    *("api", "Api", "API", "openai", "owui", "web", "ui", "secret", "access", "private", "auth"),
    *("client", "session", "bearer", "service", "llm", "chat", "voice", "realtime", "gpt"),
    *("key", "Key", "KEY", "token", "Token", "password", "passwd", "pwd", "passphrase"),
    *("authorization", "credential", "s", "cle", "clé", "CLÉ", "jeton", "mot", "de", "passe"),
    *("storage", "header", "x", "_", "-", "$", " ", "\t", "\u00a0", "\u2003", "é", "K"),
]


@given(pieces=st.lists(st.sampled_from(_NAME_PIECES), max_size=6))
def test_secret_names_are_the_ones_the_old_pattern_named(pieces: list[str]) -> None:
    import re

    from wizard.core.files.widget_config import is_secret_name

    name = "".join(pieces)
    folded = re.sub(r"[-_$\s]", "", name).lower()
    assert is_secret_name(name) == bool(re.search(_OLD_SECRET_NAME, folded)), name


def test_names_are_folded_as_the_old_pattern_did_on_every_character() -> None:
    """`-`, `_`, `$` and whitespace (re's `\\s`, which is str.isspace) are left out."""
    import re

    from wizard.core.files.widget_config import is_secret_name

    old = re.compile(_OLD_SECRET_NAME)
    for code in range(0x110000):
        name = f"api{chr(code)}key"
        was_secret = bool(old.search(re.sub(r"[-_$\s]", "", name).lower()))
        assert is_secret_name(name) == was_secret, hex(code)
