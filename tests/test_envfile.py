""".env files: byte-for-byte edits both readers agree on, atomic 0600 writes, backups, a lock."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from dotenv import dotenv_values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.core.errors import WizardError
from wizard.core.files import envfile
from wizard.core.files.envfile import (
    EnvRead,
    file_mode_problem,
    node_parse,
    read_env,
    set_values,
    write_env,
)
from wizard.core.i18n import LANGS

TARGETS = ("OPENWEBUI_API_KEY", "OPENAI_API_KEY", "OPENWEBUI_URL")
SECRET = "sk-proj-S3cr3tValue_0123456789abcdefABCDEF"
# ENVFILE_EXAMPLES=2000 for a long hunt; the default keeps this file to a few seconds.
HYPOTHESIS = settings(
    max_examples=int(os.environ.get("ENVFILE_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _assert_no_value_in(error: WizardError, *values: str) -> None:
    """Nothing a person or a log could see holds the value (nor a long piece of it)."""
    seen = [str(error), repr(error), repr(error.params), *(error.render(lang) for lang in LANGS)]
    for value in values:
        pieces = {value} | (
            {value[i : i + 8] for i in range(len(value) - 7)} if len(value) >= 8 else set()
        )
        for text in seen:
            for piece in pieces:
                if piece.strip():
                    assert piece not in text, (piece, text)


def _lines(text: str) -> list[str]:
    """Lines with their own line ending, the way both readers split them."""
    return re.findall(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$", text)


# --------------------------------------------------------------------------------------------
# Generated .env files

names = st.from_regex(r"[A-Z][A-Z0-9_]{0,10}", fullmatch=True).filter(lambda n: n not in TARGETS)
plain = (
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r\n#'\"`\\$"), max_size=20)
    .map(str.strip)
    .filter(lambda v: not v.endswith("\\"))
)
note = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=15)


@st.composite
def raw_values(draw: st.DrawFn) -> str:
    """A value as it may already be written in a file, in any of the usual forms."""
    kind = draw(st.sampled_from(["plain", "single", "double", "backtick", "empty"]))
    text = draw(plain)
    if kind == "single":
        return f"'{text}'"
    if kind == "double":
        return f'"{text}"'
    if kind == "backtick":
        return f"`{text}`"
    return "" if kind == "empty" else text


@st.composite
def definitions(draw: st.DrawFn, name: str) -> str:
    indent = draw(st.sampled_from(["", "", " ", "\t"]))
    export = draw(st.sampled_from(["", "", "export "]))
    before, after = draw(st.sampled_from([("", ""), ("", ""), (" ", " "), ("", " ")]))
    value = draw(raw_values())
    comment = draw(st.sampled_from(["", "", " # " + draw(note), "  #" + draw(note)]))
    if not value and comment and not after:
        comment = " " + comment  # `NAME=# x` reads as the value "# x" for Python, "" for Node
    return f"{indent}{export}{name}{before}={after}{value}{comment}"


@dataclass
class EnvCase:
    text: str
    lines: list[str]  # without line endings
    eol: str
    final_newline: bool
    target: str
    target_lines: list[int]  # where the target is defined


@st.composite
def env_files(draw: st.DrawFn) -> EnvCase:
    target = draw(st.sampled_from(TARGETS))
    kinds = draw(
        st.lists(st.sampled_from(["other", "other", "comment", "blank", "target"]), max_size=10)
    )
    lines = []
    for kind in kinds:
        if kind == "other":
            lines.append(draw(definitions(draw(names))))
        elif kind == "comment":
            lines.append(draw(st.sampled_from(["#", "# ", "  # "])) + draw(note))
        elif kind == "blank":
            lines.append(draw(st.sampled_from(["", "", "  ", "\t"])))
        else:
            lines.append(draw(definitions(target)))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    final_newline = draw(st.booleans()) if lines else False
    text = eol.join(lines) + (eol if final_newline else "")
    final_newline = text.endswith(eol)  # a last blank line without one ends with it too
    targets = [i for i, kind in enumerate(kinds) if kind == "target"]
    return EnvCase(text, lines, eol, final_newline, target, targets)


api_keys = st.from_regex(r"[A-Za-z0-9_.-]{1,120}", fullmatch=True)
urls = st.builds(
    lambda scheme, host, port, path, query, fragment: (
        f"{scheme}://{host}{port}{path}{query}{fragment}"
    ),
    st.sampled_from(["http", "https"]),
    st.from_regex(r"[a-z0-9.-]{1,20}", fullmatch=True),
    st.sampled_from(["", ":3000", ":8080"]),
    st.from_regex(r"(/[A-Za-z0-9._~%-]{0,10}){0,3}", fullmatch=True),
    st.from_regex(
        r"(\?[a-z]{1,5}=[A-Za-z0-9%]{0,6}(&[a-z]{1,5}=[A-Za-z0-9=]{0,6}){0,2})?", fullmatch=True
    ),
    st.from_regex(r"(#[A-Za-z0-9/=&?-]{0,10})?", fullmatch=True),
)
models = st.from_regex(r"[a-z][a-z0-9.:/-]{0,30}", fullmatch=True)
# Anything without `'`, `"`, `\`, `${` or a line break: always writable.
printable = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="'\"\\\r\n\u2028\u2029"),
    max_size=40,
).filter(lambda v: "${" not in v)
new_values = st.one_of(api_keys, urls, models, printable)


def _python_reads(path: Path) -> dict[str, str | None]:
    return dotenv_values(path)


def _check_edit(case: EnvCase, value: str, new: str) -> None:
    """Only the target's lines changed; the rest is the same, byte for byte."""
    old_lines, new_lines = _lines(case.text), _lines(new)
    appended = not case.target_lines
    # The file's own newline; a file without any line break gets a plain `\n`.
    eol = case.eol if re.search(r"[\r\n]", case.text) else "\n"
    assert len(new_lines) == len(old_lines) + appended
    for i, old in enumerate(old_lines):
        if i in case.target_lines:
            # Same indentation, `export`, name and line ending; only the value may differ.
            head = re.match(r"\s*(export )?" + case.target, old)
            assert head and new_lines[i].startswith(head.group(0))
            assert new_lines[i].endswith(case.eol) == old.endswith(case.eol)
            comment = re.search(r"\s#[^\r\n]*", old.split("=", 1)[1])
            if comment and "#" not in value and "'" not in value:
                assert comment.group(0) in new_lines[i]  # the inline note is kept
        elif appended and i == len(old_lines) - 1 and not case.final_newline:
            assert new_lines[i] == old + eol  # only the file's own newline is added
        else:
            assert new_lines[i] == old
    if appended:
        last = new_lines[-1]
        assert last.startswith(f"{case.target}=")
        body = last.removesuffix(eol)
        assert not re.search(r"[\r\n]", body)
        assert (body != last) == (case.final_newline or not case.text)


def _written(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "case.env"
    path.write_bytes(text.encode("utf-8"))
    return path


@HYPOTHESIS
@given(case=env_files(), value=new_values)
def test_only_the_target_lines_change_and_python_reads_the_value(
    tmp_path_factory: pytest.TempPathFactory, case: EnvCase, value: str
) -> None:
    new = set_values(case.text, {case.target: value})
    _check_edit(case, value, new)
    path = _written(tmp_path_factory.mktemp("py"), new)
    read = _python_reads(path)
    assert read[case.target] == value
    before = _python_reads(_written(tmp_path_factory.mktemp("py"), case.text))
    assert {k: v for k, v in read.items() if k != case.target} == {
        k: v for k, v in before.items() if k != case.target
    }
    assert read_env(path).values[case.target] == value
    assert set_values(new, {case.target: value}) == new  # setting it again changes nothing


@HYPOTHESIS
@given(value=st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_any_value_is_written_exactly_or_refused_without_showing_it(
    tmp_path_factory: pytest.TempPathFactory, value: str
) -> None:
    text = "# settings\nOPENAI_API_KEY=old # the voice key\nOTHER=1\n"
    try:
        new = set_values(text, {"OPENAI_API_KEY": value})
    except WizardError as error:
        assert error.code == "files.value_not_representable"
        _assert_no_value_in(error, value)
        return
    path = _written(tmp_path_factory.mktemp("any"), new)
    assert dotenv_values(path)["OPENAI_API_KEY"] == value
    assert node_parse(new)["OPENAI_API_KEY"] == value
    assert _lines(new)[0] == "# settings\n" and _lines(new)[2] == "OTHER=1\n"


@pytest.mark.parametrize(
    ("text", "updates", "expected"),
    [
        ("", {"OPENAI_API_KEY": "sk-a"}, "OPENAI_API_KEY=sk-a\n"),
        ("A=1", {"OPENAI_API_KEY": "sk-a"}, "A=1\nOPENAI_API_KEY=sk-a"),
        ("A=1\r\n", {"OPENAI_API_KEY": "sk-a"}, "A=1\r\nOPENAI_API_KEY=sk-a\r\n"),
        ("export OPENAI_API_KEY=old\n", {"OPENAI_API_KEY": "new"}, "export OPENAI_API_KEY=new\n"),
        (
            "OPENAI_API_KEY = 'old'  # note\r\n",
            {"OPENAI_API_KEY": "new"},
            "OPENAI_API_KEY = new  # note\r\n",
        ),
        (
            "OPENAI_API_KEY=old # note\n",
            {"OPENAI_API_KEY": "http://h/#x"},
            "OPENAI_API_KEY='http://h/#x' # note\n",
        ),
        (
            "OPENWEBUI_URL=a\nX=1\nOPENWEBUI_URL=b\n",
            {"OPENWEBUI_URL": "http://h:3000/?a=1&b=2"},
            "OPENWEBUI_URL='http://h:3000/?a=1&b=2'\nX=1\nOPENWEBUI_URL='http://h:3000/?a=1&b=2'\n",
        ),
        ('OPENAI_API_KEY="multi\nline"\nB=2\n', {"OPENAI_API_KEY": "k"}, "OPENAI_API_KEY=k\nB=2\n"),
        ("\ufeffA=1\n", {"B": "2"}, "\ufeffA=1\nB=2\n"),
        ("A=1\n", {}, "A=1\n"),
        ("A=1\n", {"A": "x y", "B": "it's"}, "A='x y'\nB=\"it's\"\n"),
        ("A=1\n", {"A": ""}, "A=\n"),
    ],
)
def test_examples(text: str, updates: dict[str, str], expected: str) -> None:
    assert set_values(text, updates) == expected


@pytest.mark.parametrize("value", ["line\nbreak", "carriage\rreturn", "a${HOME}b"])
def test_unrepresentable_values_are_refused_without_showing_them(value: str) -> None:
    with pytest.raises(WizardError) as caught:
        set_values("A=1\n", {"OPENAI_API_KEY": value + SECRET})
    assert caught.value.code == "files.value_not_representable"
    assert caught.value.params == {"name": "OPENAI_API_KEY"}
    _assert_no_value_in(caught.value, value + SECRET, SECRET)


def test_a_bad_name_is_refused() -> None:
    with pytest.raises(WizardError) as caught:
        set_values("", {"NOT A NAME": SECRET})
    assert caught.value.code == "files.bad_name"
    _assert_no_value_in(caught.value, SECRET)


# --------------------------------------------------------------------------------------------
# Node's dotenv: the servers' own reader


NODE_READER = textwrap.dedent(
    """
    // Reads lines of JSON lists of paths; answers each with the list of what every installed
    // dotenv version parses from those files. One process for the whole test session.
    const fs = require("fs");
    const versions = ["dotenv", "dotenv16"].map((name) => require(name));
    require("readline").createInterface({ input: process.stdin }).on("line", (line) => {
      const out = JSON.parse(line).map((path) => {
        const text = fs.readFileSync(path, "utf8");
        return versions.map((dotenv) => dotenv.parse(text));
      });
      process.stdout.write(JSON.stringify(out) + "\\n");
    });
    """
)


class NodeReader:
    def __init__(self, folder: Path) -> None:
        (folder / "reader.js").write_text(NODE_READER)
        self.folder = folder
        self.count = 0
        self.process = subprocess.Popen(
            ["node", str(folder / "reader.js")],
            cwd=folder,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def parse(self, texts: list[str]) -> list[dict[str, str]]:
        """What Node's dotenv reads from each text (every installed version must agree)."""
        paths = []
        for text in texts:
            self.count += 1
            path = self.folder / f"case-{self.count}.env"
            path.write_bytes(text.encode("utf-8"))
            paths.append(str(path))
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(paths) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        for path in paths:
            os.unlink(path)
        results = []
        for per_version in answer:
            assert all(parsed == per_version[0] for parsed in per_version), per_version
            results.append(per_version[0])
        return results

    def close(self) -> None:
        assert self.process.stdin
        self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NodeReader]:
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("node and npm are not installed")
    folder = tmp_path_factory.mktemp("node-dotenv")
    (folder / "package.json").write_text('{"name": "envfile-tests", "private": true}')
    # The latest dotenv and the 16.x line still used by many projects. No network is a
    # failure, not a skip: CI must run these tests.
    install = subprocess.run(
        [
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            "dotenv@latest",
            "dotenv16@npm:dotenv@^16",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if install.returncode != 0:
        pytest.fail(f"npm install dotenv failed:\n{install.stdout}\n{install.stderr}")
    reader = NodeReader(folder)
    yield reader
    reader.close()


@pytest.mark.node
@HYPOTHESIS
@given(cases=st.lists(st.tuples(env_files(), new_values), min_size=1, max_size=5))
def test_node_reads_the_value_and_the_other_variables_unchanged(
    node: NodeReader, cases: list[tuple[EnvCase, str]]
) -> None:
    news = [set_values(case.text, {case.target: value}) for case, value in cases]
    parsed = node.parse(news + [case.text for case, _ in cases])
    after, before = parsed[: len(cases)], parsed[len(cases) :]
    for (case, value), new, read, old in zip(cases, news, after, before, strict=True):
        assert read[case.target] == value, new
        assert {k: v for k, v in read.items() if k != case.target} == {
            k: v for k, v in old.items() if k != case.target
        }


# Texts made of the pieces .env parsers disagree on: the port must match Node on all of them.
_PIECES = [
    "A",
    "B",
    "_",
    "=",
    " = ",
    "#",
    "'",
    '"',
    "`",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\\",
    "\\n",
    ":",
    ": ",
    "export ",
    "x",
    "\u2028",
    "\xa0",
    "\ufeff",
    "${A}",
    ".",
    "-",
    "é",
]
junk = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@pytest.mark.node
@HYPOTHESIS
@given(texts=st.lists(junk, min_size=1, max_size=10))
def test_the_python_port_of_node_dotenv_matches_node(node: NodeReader, texts: list[str]) -> None:
    assert [node_parse(text) for text in texts] == node.parse(texts)


@pytest.mark.node
@HYPOTHESIS
@given(
    values=st.lists(
        st.text(alphabet=st.characters(codec="utf-8"), max_size=30), min_size=1, max_size=10
    )
)
def test_node_reads_back_any_value_we_agree_to_write(node: NodeReader, values: list[str]) -> None:
    written = []
    for value in values:
        try:
            written.append((value, set_values("A=1\n", {"OPENAI_API_KEY": value})))
        except WizardError:
            continue
    parsed = node.parse([text for _, text in written]) if written else []
    for (value, _), read in zip(written, parsed, strict=True):
        assert read == {"A": "1", "OPENAI_API_KEY": value}


# --------------------------------------------------------------------------------------------
# Reading


def test_reading_a_missing_file(tmp_path: Path) -> None:
    missing = read_env(tmp_path / "nope.env")
    assert missing == EnvRead(tmp_path / "nope.env", False, "") and missing.values == {}


def test_reading_keeps_the_exact_text(tmp_path: Path) -> None:
    path = _written(tmp_path, "# x\r\nexport A='1' # n\r\nB\r\nC=${A}2")
    read = read_env(path)
    assert read.exists and read.text == "# x\r\nexport A='1' # n\r\nB\r\nC=${A}2"
    assert read.values == {"A": "1", "C": "12"}  # `B` has no value: python-dotenv gives None


# --------------------------------------------------------------------------------------------
# Writing


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_and_its_folder_are_created_0600(tmp_path: Path) -> None:
    path = tmp_path / "backend" / ".env"
    result = write_env(path, {"OPENAI_API_KEY": SECRET})
    assert result.changed and result.created and result.backup is None
    assert path.read_text() == f"OPENAI_API_KEY={SECRET}\n"
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o755 & ~_umask()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def test_create_false_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(WizardError) as caught:
        write_env(tmp_path / ".env", {"A": SECRET}, create=False)
    assert caught.value.code == "files.missing"
    assert not (tmp_path / ".env").exists()


def test_replacing_tightens_to_0600_and_keeps_a_0600_backup_of_the_old_bytes(
    tmp_path: Path,
) -> None:
    path = tmp_path / ".env"
    old = b"# keys\r\nOPENAI_API_KEY=old-value # note\r\nPORT=3000"
    path.write_bytes(old)
    path.chmod(0o644)
    assert file_mode_problem(path)
    result = write_env(path, {"OPENAI_API_KEY": SECRET})
    assert result.changed and not result.created and result.backup is not None
    assert path.read_bytes() == f"# keys\r\nOPENAI_API_KEY={SECRET} # note\r\nPORT=3000".encode()
    assert _mode(path) == 0o600 and not file_mode_problem(path)
    assert result.backup.read_bytes() == old
    assert _mode(result.backup) == 0o600
    # Kept in the user's state folder, outside the project, under a name no `.env*` matches.
    assert re.fullmatch(r"env\.\d{8}-\d{6}\.bak", result.backup.name)
    assert not result.backup.is_relative_to(tmp_path)
    assert not any(SECRET[i : i + 4] in result.backup.name for i in range(len(SECRET) - 3))


def test_backups_never_overwrite_each_other(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text("A=0\n")
    backups = [write_env(path, {"A": str(i)}).backup for i in range(1, 4)]
    assert len({b for b in backups if b}) == 3
    assert sorted(b.read_text() for b in backups if b) == ["A=0\n", "A=1\n", "A=2\n"]


def test_no_change_means_no_write_and_no_backup(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text("A=1\n")
    path.chmod(0o640)
    before = path.stat()
    result = write_env(path, {"A": "1"})
    assert not result.changed and result.backup is None
    assert path.stat().st_ino == before.st_ino and _mode(path) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == [".env"]


def test_backup_false_keeps_no_copy(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text("A=1\n")
    assert write_env(path, {"A": "2"}, backup=False).backup is None
    assert sorted(p.name for p in tmp_path.iterdir()) == [".env"]


def test_a_symbolic_link_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.env"
    real.write_text("A=1\n")
    link = tmp_path / ".env"
    link.symlink_to(real)
    write_env(link, {"A": "2"}, backup=False)
    assert link.is_symlink() and real.read_text() == "A=2\n"


def test_file_mode_problem(tmp_path: Path) -> None:
    path = _written(tmp_path, "A=1\n")
    path.chmod(0o664)
    assert file_mode_problem(path)
    path.chmod(0o600)
    assert not file_mode_problem(path) and not file_mode_problem(tmp_path / "missing")


def test_the_temporary_file_is_in_the_same_folder_and_gone_after_success(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / ".env"
    path.write_text("A=1\n")
    renamed: list[tuple[Path, Path, int]] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        renamed.append((Path(src), Path(dst), _mode(Path(src))))
        real_replace(src, dst)

    monkeypatch.setattr(envfile.os, "replace", spy)
    result = write_env(path, {"A": SECRET})
    assert result.backup is not None
    # The backup is linked into the state folder; the file itself is renamed into place.
    assert [(src.parent, dst, mode) for src, dst, mode in renamed] == [(tmp_path, path, 0o600)]
    assert _mode(result.backup) == 0o600 and not result.backup.is_relative_to(tmp_path)
    assert all(SECRET[:8] not in src.name for src, _, _ in renamed)
    assert not any(src.name.startswith(".env") for src, _, _ in renamed)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".env"]


@pytest.mark.parametrize(
    ("failure", "code"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "files.disk_full"),
        (OSError(errno.EIO, "Input/output error"), "files.write_failed"),
        (PermissionError(errno.EACCES, "Permission denied"), "files.not_writable"),
    ],
)
def test_a_failed_write_leaves_the_file_and_the_folder_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: OSError, code: str
) -> None:
    path = tmp_path / ".env"
    path.write_bytes(b"A=1\n")

    def broken(fd: int) -> None:
        raise failure

    monkeypatch.setattr(envfile.os, "fsync", broken)
    with pytest.raises(WizardError) as caught:
        write_env(path, {"OPENAI_API_KEY": SECRET}, backup=False)
    assert caught.value.code == code and caught.value.params == {"path": str(path)}
    _assert_no_value_in(caught.value, SECRET)
    assert path.read_bytes() == b"A=1\n"
    assert [p.name for p in tmp_path.iterdir()] == [".env"]


def test_a_refused_rename_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _written(tmp_path, "A=1\n")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", dst)

    monkeypatch.setattr(envfile.os, "replace", refuse)
    with pytest.raises(WizardError) as caught:
        write_env(path, {"A": SECRET})
    assert caught.value.code == "files.not_writable"
    _assert_no_value_in(caught.value, SECRET)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_an_unreadable_file_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _written(tmp_path, "A=1\n")

    real_open = os.open

    def refuse(where: object, flags: int, *args: object) -> int:
        if Path(str(where)) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(where))
        return real_open(where, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    for action in (lambda: read_env(path), lambda: write_env(path, {"A": SECRET})):
        with pytest.raises(WizardError) as caught:
            action()
        assert caught.value.code == "files.not_readable"
        assert caught.value.params == {"path": str(path)}


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder_is_explained(tmp_path: Path) -> None:
    path = _written(tmp_path, "A=1\n")
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(WizardError) as caught:
            write_env(path, {"A": SECRET})
        assert caught.value.code == "files.not_writable"
    finally:
        tmp_path.chmod(0o700)
    assert path.read_text() == "A=1\n"


def test_a_folder_in_place_of_the_file_is_explained(tmp_path: Path) -> None:
    (tmp_path / ".env").mkdir()
    for action in (
        lambda: read_env(tmp_path / ".env"),
        lambda: write_env(tmp_path / ".env", {"A": SECRET}),
    ):
        with pytest.raises(WizardError) as caught:
            action()
        assert caught.value.code == "files.is_directory"
        assert caught.value.params == {"path": str(tmp_path / ".env")}
        _assert_no_value_in(caught.value, SECRET)


def test_a_file_that_is_not_utf8_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    old = b"OPENAI_API_KEY=caf\xe9-" + SECRET.encode() + b"\n"
    path.write_bytes(old)
    for action in (lambda: read_env(path), lambda: write_env(path, {"A": "1"})):
        with pytest.raises(WizardError) as caught:
            action()
        assert caught.value.code == "files.not_utf8"
        # The file's bytes (a key, maybe) do not travel along with the error.
        assert caught.value.__context__ is None and caught.value.__cause__ is None
        _assert_no_value_in(caught.value, SECRET)
    assert path.read_bytes() == old


def test_every_message_names_the_file_in_both_languages() -> None:
    for code in (
        "files.is_directory",
        "files.not_utf8",
        "files.not_readable",
        "files.not_writable",
        "files.missing",
        "files.disk_full",
        "files.write_failed",
    ):
        error = WizardError(code, path="/p/backend/.env")
        for lang in LANGS:
            assert "/p/backend/.env" in error.render(lang)
    error = WizardError("files.value_not_representable", name="OPENAI_API_KEY")
    assert all("OPENAI_API_KEY" in error.render(lang) for lang in LANGS)


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from wizard.core.files.envfile import write_env

    path, prefix, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    Path(sys.argv[4]).touch()  # ready
    while not Path(sys.argv[5]).exists():  # start together
        pass
    for i in range(count):
        write_env(path, {f"{prefix}_{i}": f"value-{prefix}-{i}"}, backup=i % 10 == 0)
    """
)


def test_two_processes_at_once_lose_no_update(tmp_path: Path) -> None:
    path = tmp_path / "shared" / ".env"
    path.parent.mkdir()
    path.write_text("# shared\n")
    count = 60
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WRITER,
                str(path),
                prefix,
                str(count),
                str(tmp_path / f"ready-{prefix}"),
                str(go),
            ]
        )
        for prefix in ("P", "Q")
    ]
    while not all((tmp_path / f"ready-{prefix}").exists() for prefix in ("P", "Q")):
        assert all(worker.poll() is None for worker in workers)
    go.touch()
    assert [worker.wait(timeout=120) for worker in workers] == [0, 0]
    values = read_env(path).values
    expected = {f"{p}_{i}": f"value-{p}-{i}" for p in ("P", "Q") for i in range(count)}
    assert values == expected
    assert path.read_text().startswith("# shared\n")
    leftovers = [
        p.name
        for p in path.parent.iterdir()
        if p.name != ".env" and not p.name.startswith(".env.bak-")
    ]
    assert leftovers == []


def test_javascripts_whitespace_is_the_same_set_on_every_character() -> None:
    """envfile writes JavaScript's `\\s` through Python's (cheaper to compile); both must
    accept exactly the characters Node trims."""
    import re

    from wizard.core.files.envread import _JS_S, _JS_SPACE

    spelled_out = re.compile(f"[{_JS_SPACE}]")
    written = re.compile(_JS_S)
    for code in range(0x110000):
        char = chr(code)
        assert bool(written.fullmatch(char)) == bool(spelled_out.fullmatch(char)), hex(code)


def test_javascripts_line_ends_are_the_same_sets_on_every_character() -> None:
    """`^`, `$` and `.` of a multiline JavaScript pattern, written in two classes each (cheaper
    to compile): the same characters as the spelled-out line terminators."""
    import re

    from wizard.core.files.envread import _JS_BOL, _JS_DOT, _JS_EOL, _JS_LT

    bol, eol, dot = re.compile(_JS_BOL), re.compile(_JS_EOL), re.compile(_JS_DOT)
    terminator = re.compile(f"[{_JS_LT}]")
    for code in range(0x110000):
        char = chr(code)
        ends_a_line = bool(terminator.fullmatch(char))
        assert bool(bol.match(char + "x", 1)) == ends_a_line, hex(code)  # after it: `^`
        assert bool(eol.match(char)) == ends_a_line, hex(code)  # before it: `$`
        assert bool(dot.fullmatch(char)) != ends_a_line, hex(code)
    assert bol.match("x") and eol.match("") and not bol.match("ab", 1)  # the text's own ends
