"""What a monitoring engine reads from a run: Prometheus metrics and Nagios/Icinga output.

Prometheus: node_exporter's textfile collector reads `*.prom` files from a folder; we write
ours with `prometheus-client` (its exposition format, its escaping) and replace the file
at once, so a scrape never sees half of it. Labels name the project, the check, the
variable and the severity: never a key, not even masked.

Nagios/Icinga: the Monitoring Plugins guidelines — one status line `TECHNOVA <STATE> - text`,
performance data after a `|`, further lines for details, and the exit code 0–3.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from wizard.core.checks import CheckReport
from wizard.core.diagnosis import Verdict
from wizard.core.errors import WizardError
from wizard.core.expiry import RENEW_SOON_DAYS, URGENT_DAYS
from wizard.core.i18n import Lang, Msg
from wizard.core.many import worst_exit
from wizard.core.record import record
from wizard.core.status import ExitCode, Severity

PREFIX = "technova"
_SEVERITY_ORDER = (Severity.CRITICAL, Severity.UNKNOWN, Severity.WARNING)
_VERDICT_SEVERITY = {
    Verdict.WARNING: Severity.WARNING,
    Verdict.CRITICAL: Severity.CRITICAL,
    Verdict.UNKNOWN: Severity.UNKNOWN,
}


def project_label(report: CheckReport) -> str:
    """The `project` label: the project's absolute folder, unique and stable across runs."""
    return str(report.status.project.root)


# --------------------------------------------------------------------------------- Prometheus


def prometheus_registry(reports: Sequence[CheckReport], now: float | None = None) -> object:
    """A `CollectorRegistry` holding every metric of the run (typed `object`: the library is
    imported only here, ~60 ms that `status` on a terminal never pays)."""
    from prometheus_client import CollectorRegistry, Gauge

    moment = time.time() if now is None else now
    registry = CollectorRegistry()

    def gauge(name: str, doc: str, labels: tuple[str, ...]) -> Gauge:
        return Gauge(f"{PREFIX}_{name}", doc, labels, registry=registry)

    up = gauge("check_up", "1 if the live check passed, 0 if not.", ("project", "check"))
    duration = gauge(
        "check_duration_seconds", "How long the live check took.", ("project", "check")
    )
    expiry = gauge(
        "credential_expiry_timestamp_seconds",
        "When the credential stops working (Unix time); only credentials that expire.",
        ("project", "variable"),
    )
    problems = gauge(
        "problems", "Problems found, by severity (live checks included).", ("project", "severity")
    )
    status = gauge("status", "0 ok, 1 warning, 2 critical, 3 unknown.", ("project",))
    last_run = gauge(
        "last_run_timestamp_seconds", "When technova-setup last checked it.", ("project",)
    )
    for report in reports:
        project = project_label(report)
        for result in report.results:
            up.labels(project, result.name).set(1 if result.ok else 0)
            duration.labels(project, result.name).set(result.elapsed_ms / 1000)
        for credential in report.status.credentials:
            expires_at = credential.report.expires_at
            if expires_at is not None:
                expiry.labels(project, credential.slot.value).set(expires_at.timestamp())
        counts = _severity_counts(report)
        for severity in Severity:
            problems.labels(project, severity.value).set(counts[severity])
        status.labels(project).set(int(report.exit_code))
        last_run.labels(project).set(moment)
    return registry


def prometheus_text(reports: Sequence[CheckReport], now: float | None = None) -> str:
    """The run in Prometheus' text exposition format, as node_exporter's textfile reads it."""
    from prometheus_client import generate_latest

    return generate_latest(prometheus_registry(reports, now)).decode("utf-8")  # type: ignore[arg-type]


def _severity_counts(report: CheckReport) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for problem in report.status.problems:
        counts[problem.severity] += 1
    for result in report.results:
        severity = _VERDICT_SEVERITY.get(result.diagnosis.verdict)
        if severity is not None:
            counts[severity] += 1
    return counts


def write_output(path: Path, text: str) -> None:
    """Replace `path` with `text` at once (temporary file in the same folder, then a rename),
    readable by others: node_exporter or the monitoring agent usually runs as another user.

    Raises `WizardError("monitoring.output-unwritable")`.
    """
    from wizard.core.files.atomic import atomic_write

    target = path.expanduser().absolute()
    try:
        atomic_write(target, text.encode("utf-8"), 0o644)
    except OSError as error:
        raise WizardError(
            "monitoring.output-unwritable", file=str(path), error=type(error).__name__
        ) from None


# --------------------------------------------------------------------------------- Nagios


@record
class PerfDatum:
    """One performance value: `'label'=value[unit];warn;crit;min;max` (empty fields allowed)."""

    label: str
    value: float
    unit: str = ""
    warn: str = ""
    crit: str = ""
    minimum: str = ""
    maximum: str = ""

    def render(self) -> str:
        # A label may hold anything but a quote or an equals sign (the format's delimiters).
        label = self.label.replace("'", "_").replace("=", "_")
        fields = (self.warn, self.crit, self.minimum, self.maximum)
        return f"'{label}'={_number(self.value)}{self.unit};{';'.join(fields)}"


def _number(value: float) -> str:
    """Plain decimal notation: the guidelines allow no exponent."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


@record
class PluginOutput:
    """A Nagios/Icinga plugin's answer: the state (also the exit code), one summary line,
    the details and the performance data."""

    state: ExitCode
    summary: tuple[Msg, ...]
    details: tuple[Msg, ...]
    perfdata: tuple[PerfDatum, ...]

    def render(self, lang: Lang) -> str:
        summary = " ".join(_one_line(message.render(lang)) for message in self.summary)
        first = f"TECHNOVA {self.state.name} - {summary}"
        if self.perfdata:
            first += " | " + " ".join(datum.render() for datum in self.perfdata)
        return "\n".join([first, *(_one_line(message.render(lang)) for message in self.details)])


def _one_line(text: str) -> str:
    # `|` starts the performance data and a line break ends the status line: neither may
    # appear inside the text.
    return " ".join(text.replace("|", "/").split())


def _display_names(reports: Sequence[CheckReport]) -> list[str]:
    """Short names for the text and perfdata: the folder's name, its full path when two
    projects share a name."""
    names = [
        report.status.project.root.name or str(report.status.project.root) for report in reports
    ]
    return [
        name if names.count(name) == 1 else str(report.status.project.root)
        for name, report in zip(names, reports, strict=True)
    ]


def _findings(report: CheckReport) -> list[tuple[Severity, Msg]]:
    """What is wrong with one project, worst first: problems, then failed live checks."""
    found = [
        (p.severity, p.message) for p in report.status.problems if p.severity in _SEVERITY_ORDER
    ]
    for result in report.results:
        severity = _VERDICT_SEVERITY.get(result.diagnosis.verdict)
        if severity is not None:
            found.append((severity, result.diagnosis.explanation.what))
    return sorted(found, key=lambda item: _SEVERITY_ORDER.index(item[0]))


def unknown_output(error: WizardError) -> PluginOutput:
    """The plugin's answer when nothing could be checked: UNKNOWN, what happened, what next."""
    explanation = error.explanation
    return PluginOutput(ExitCode.UNKNOWN, (explanation.what,), (explanation.next,), ())


def plugin_output(reports: Sequence[CheckReport], now: datetime | None = None) -> PluginOutput:
    """The run as one Nagios/Icinga service: worst state, worst finding first, all the rest
    on the following lines, timings and days left as performance data."""
    moment = now or datetime.now(UTC)
    names = _display_names(reports)
    state = worst_exit(report.exit_code for report in reports)
    findings = [
        (severity, Msg("nagios.finding", {"project": name, "what": message}))
        for name, report in zip(names, reports, strict=True)
        for severity, message in _findings(report)
    ]
    findings.sort(key=lambda item: _SEVERITY_ORDER.index(item[0]))
    if not findings:
        summary: tuple[Msg, ...] = (
            (Msg("nagios.ok.one", {"project": names[0]}),)
            if len(reports) == 1
            else (Msg("nagios.ok.many", {"count": len(reports)}),)
        )
    else:
        summary = (findings[0][1],)
        rest = len(findings) - 1
        if rest == 1:
            summary += (Msg("nagios.more.one"),)
        elif rest > 1:
            summary += (Msg("nagios.more.many", {"count": rest}),)
    details = tuple(message for _, message in findings[1:])
    return PluginOutput(state, summary, details, _perfdata(reports, names, moment))


def _perfdata(
    reports: Sequence[CheckReport], names: Sequence[str], now: datetime
) -> tuple[PerfDatum, ...]:
    data: list[PerfDatum] = []
    for name, report in zip(names, reports, strict=True):
        prefix = f"{name}/" if len(reports) > 1 else ""
        for result in report.results:
            data.append(
                PerfDatum(f"{prefix}{result.name}_ms", result.elapsed_ms, "ms", minimum="0")
            )
        for credential in report.status.credentials:
            expires_at = credential.report.expires_at
            if expires_at is not None:
                days = (expires_at - now).total_seconds() / 86400
                data.append(
                    PerfDatum(
                        f"{prefix}{credential.slot.value}_days_left",
                        round(days, 2),
                        # Nagios ranges: `N:` alerts below N.
                        warn=f"{RENEW_SOON_DAYS}:",
                        crit=f"{URGENT_DAYS}:",
                    )
                )
        counts = _severity_counts(report)
        for severity in (Severity.CRITICAL, Severity.WARNING):
            data.append(
                PerfDatum(f"{prefix}problems_{severity.value}", counts[severity], minimum="0")
            )
    return tuple(data)
