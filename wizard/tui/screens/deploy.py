"""Step "deploy": the new key reaches the running backend, and the running site is proven.

Asks once where the backend runs (or shows what technova-setup.toml says), writes the file
if the person ticks it, then restarts and tests in a worker that posts typed messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Footer, Header, Input, Log, RadioSet

from wizard.core.deploy import DeployOutcome, KeyToDeliver
from wizard.core.deploy.config import DeployConfig, Way
from wizard.core.i18n import Msg
from wizard.tui.base import WizardScreen, Words
from wizard.tui.toggles import Choice, Tick

WAYS = (Way.COMMAND, Way.COOLIFY, Way.COMPOSE, Way.MANUAL)
FIELDS = {
    Way.COMMAND: ("command",),
    Way.COOLIFY: ("url", "app", "token"),
    Way.COMPOSE: ("service",),
}


class DeployScreen(WizardScreen):
    STEP = "deploy"
    DEFAULT_CSS = """
    DeployScreen #ways { height: auto; border: none; }
    DeployScreen Log { height: 8; border: round $primary; }
    """

    @dataclass
    class Progress(Message):
        text: str

    @dataclass
    class Finished(Message):
        outcome: DeployOutcome

    @dataclass
    class Failed(Message):
        text: str

    def compose(self) -> ComposeResult:
        from wizard.core.deploy.config import CONFIG_NAME
        from wizard.core.deploy.form import starting_point

        config, detected = starting_point(self.state.project)
        self._initial = config
        yield from self.compose_top() if hasattr(self, "compose_top") else [Header()]
        with VerticalScroll(classes="page"):
            yield Words(self.t("tui.deploy.heading"), classes="heading")
            yield Words(detected.render(self.state.lang), id="detected")
            yield Words(self.t("tui.deploy.ask"), classes="label")
            with RadioSet(id="ways"):
                for way in WAYS:
                    yield Choice(self.t(f"tui.deploy.way.{way}"), way is config.way, id=way.value)
            restart, coolify, compose = config.restart, config.coolify, config.compose
            values = {
                "command": restart.command if restart else "",
                "url": coolify.url if coolify else "",
                "app": coolify.backend if coolify else "",
                "token": "",
                "service": compose.service if compose else "",
            }
            for name, value in values.items():
                yield Words(self.t(f"tui.deploy.field.{name}"), id=f"label-{name}")
                yield Input(value, id=f"field-{name}", password=name == "token")
            yield Tick(self.t("tui.deploy.write", file=CONFIG_NAME), False, id="write")
            yield Tick(self.t("tui.deploy.keep-token"), False, id="keep-token")
            yield Log(id="progress", highlight=False)
            yield Words("", id="outcome")
        with Horizontal(classes="buttons actions"):
            yield Button(self.t("tui.button.back"), id="back")
            yield Button(self.t("tui.deploy.skip"), id="skip")
            yield Button(self.t("tui.deploy.run"), id="run", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#progress", Log).display = False
        self._show_fields()
        self.query_one("#run", Button).focus()

    @property
    def way(self) -> Way:
        pressed = self.query_one("#ways", RadioSet).pressed_button
        return Way(pressed.id) if pressed is not None and pressed.id else Way.MANUAL

    @on(RadioSet.Changed, "#ways")
    def _show_fields(self) -> None:
        shown = FIELDS.get(self.way, ())
        for name in ("command", "url", "app", "token", "service"):
            self.query_one(f"#label-{name}").display = name in shown
            self.query_one(f"#field-{name}").display = name in shown
        self.query_one("#keep-token").display = self.way is Way.COOLIFY

    def _config(self) -> DeployConfig:
        from wizard.core.deploy.form import config_from_answers

        names = ("command", "url", "app", "service")
        answers = {name: self.query_one(f"#field-{name}", Input).value for name in names}
        return config_from_answers(self.way, answers, self._initial)

    @on(Button.Pressed, "#run")
    def _run(self) -> None:
        config = self._config()
        token = self.query_one("#field-token", Input).value.strip()
        log = self.query_one("#progress", Log)
        log.clear()
        log.display = True
        self.query_one("#outcome", Words).update(self.t("tui.deploy.running"))
        self.query_one("#run", Button).disabled = True
        log.focus()  # not Back: Enter pressed while it runs must not leave the step
        write = bool(self.query_one("#write", Tick).value)
        keep = bool(self.query_one("#keep-token", Tick).value)
        self.deliver(config, write, token, keep)

    @work(thread=True, exclusive=True, group="deploy")
    def deliver(self, config: DeployConfig, write: bool, token: str, keep: bool) -> None:
        """Files, keyring and network: in a thread; everything comes back as messages."""
        from wizard.core.deploy import DeployConsent, deliver, write_config
        from wizard.core.deploy.coolify import save_coolify_token
        from wizard.core.secret import Secret

        lang, project = self.state.lang, self.state.project

        def tell(item: Msg | str) -> None:
            self.post_message(self.Progress(item.render(lang) if isinstance(item, Msg) else item))

        try:
            secret = Secret(token) if token else None
            if write:
                write_config(project, config)
            if secret is not None and keep:
                save_coolify_token(project.root, secret)
            keys = [KeyToDeliver(slot, report.secret) for slot, report in self.state.keys.items()]
            consent = DeployConsent(set_variables=True, restart=True)  # the button said so
            outcome = deliver(project, config, consent, tell, keys=keys, coolify_token=secret)
        except Exception as error:  # a sentence, never a crash
            self.post_message(self.Failed(self.explain(error)))
            return
        self.post_message(self.Finished(outcome))

    @on(Progress)
    def _progress(self, event: Progress) -> None:
        self.query_one("#progress", Log).write_line(event.text)

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        self.query_one("#outcome", Words).update(event.text)
        run = self.query_one("#run", Button)
        run.disabled = False
        run.focus()

    @on(Finished)
    def _finished(self, event: Finished) -> None:
        outcome, lang = event.outcome, self.state.lang
        parts = outcome.verdict.render(lang)
        icon = "✓" if outcome.site_answers else "✗"
        lines = [f"{icon} {parts['what']}"]
        if not outcome.site_answers:
            lines += [self.t("tui.tests.because", text=parts["why"])]
            lines += [self.t("tui.tests.todo", text=parts["next"])]
        for finding in outcome.code_findings:
            params: dict[str, Any] = {"file": finding.file, "line": finding.line}
            lines.append(
                "! " + self.t("status.deployment.jwt-code", excerpt=finding.excerpt, **params)
            )
        words = self.query_one("#outcome", Words)
        words.update("\n".join(lines))
        words.set_classes("verdict-ok" if outcome.site_answers else "verdict-problem")
        run = self.query_one("#run", Button)
        run.label, run.disabled = self.t("tui.deploy.again"), False
        forward = self.query_one("#skip", Button)
        forward.label = self.t("tui.deploy.continue")
        forward.focus()  # Enter goes on to Done, which says what is left

    @on(Button.Pressed, "#skip")
    def _skip(self) -> None:
        self.workers.cancel_group(self, "deploy")
        self.go_next()

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.action_back()
