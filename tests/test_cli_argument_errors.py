"""Argument errors on the command line: argparse's whole message in the person's language,
nothing that could be a secret echoed, and the way to help at the end."""

from __future__ import annotations

import pytest

from wizard.cli.main import main


@pytest.mark.parametrize(
    ("argv", "lang", "words"),
    [
        (["stauts"], "en", "stauts is not one of the choices (identify, status, check"),
        (["stauts"], "fr", "stauts ne fait pas partie des choix (identify, status, check"),
        (["check", "--only", "nope"], "en", "argument --only: nope is not one of the choices"),
        (["check", "--timeout", "abc"], "fr", "argument --timeout\u202f: abc n'est pas"),
        (["status", "--project"], "en", "argument --project: a value is expected after it"),
        (["status", "--bogus"], "fr", "ces arguments ne sont pas connus\u202f: --bogus"),
    ],
)
def test_argument_errors_speak_the_persons_language(
    argv: list[str], lang: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--lang", lang, *argv])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert words.replace("\u202f", " ") in err.replace("\u202f", " ").replace("\xa0", " ")
    see = "see technova-setup --help" if lang == "en" else "voir technova-setup --help"
    assert err.rstrip().endswith(see)


@pytest.mark.parametrize("secret", ["hunter2-is-my-password", "Tr0ub4dor&3", "correct horse"])
def test_a_value_that_could_be_a_secret_is_not_echoed(
    secret: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "en", "status", "--pasword", secret])
    err = capsys.readouterr().err
    assert "--pasword" in err
    assert secret not in err and secret[2:-2] not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["status", "--project", "site", "--json"],
        ["--lang", "fr", "status", "--format", "prometheus", "--output", "x.prom"],
        ["--project", "check", "status"],  # a folder named like a command
        ["check", "--only", "chat", "--timeout", "3", "--parallel", "4"],
        ["renew", "--key-stdin", "--force", "--yes"],
        ["login", "--email", "a@b.c", "--let-users-make-keys"],
        ["restart", "--yes"],
        ["identify", "--for", "voice", "--json"],
        ["--project", "status"],  # no command: the wizard, in a folder named status
        [],
    ],
)
def test_the_parser_built_for_the_named_command_reads_as_the_whole_one(argv: list[str]) -> None:
    from wizard.cli.main import COMMANDS, build_parser

    named = [word for word in argv if word in COMMANDS] or COMMANDS
    assert build_parser(named).parse_args(argv) == build_parser().parse_args(argv)
