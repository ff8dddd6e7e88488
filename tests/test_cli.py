"""The setup commands `make run` relies on, run as a person would run them."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

import bot.cli as cli_module
from bot.cli import cli
from bot.db import session_scope
from bot.db.models import Course, Job, Program

FEED = """<?xml version="1.0" encoding="utf-8"?>
<source>
  <job><title>Forklift Operator</title><date>2026-11-20</date>
    <referencenumber>F-1</referencenumber><company>Nutmeg Logistics</company>
    <city>Hartford</city><state>CT</state><postalcode>06106</postalcode>
    <description>Drive a forklift.</description><salary>$19 - $23 per hour</salary>
    <jobtype>Full-time</jobtype></job>
  <job><title></title><date>2026-11-20</date><referencenumber>F-2</referencenumber>
    <company>Nutmeg Logistics</company><city>Hartford</city><state>CT</state></job>
  <job><title>Cashier</title><date>2026-11-20</date><referencenumber>F-3</referencenumber>
    <company>Shop</company><city>Springfield</city><state>MA</state></job>
  <job><title>Welder</title><date>2026-11-20</date><referencenumber>F-4</referencenumber>
    <company>Shop</company><city>Nowhereville</city><state>CT</state></job>
</source>
"""


@pytest.fixture
def run(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)

    def invoke(*args: str):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def _count(url: str, model) -> int:
    with session_scope(url) as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_import_jobs_reports_each_rejected_record_and_saves_the_rest(run, db_url, tmp_path):
    feed = tmp_path / "acme.xml"
    feed.write_text(FEED)
    result = run("import-jobs", str(feed))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "missing title" in next(line for line in lines if "F-2" in line)
    assert "not Connecticut" in next(line for line in lines if "F-3" in line)
    assert "unknown Connecticut location 'Nowhereville'" in next(
        line for line in lines if "F-4" in line
    )
    assert lines[-1] == "1 created, 0 updated, 0 unchanged, 3 rejected"
    assert _count(db_url, Job) == 1

    again = run("import-jobs", str(feed))
    assert again.output.splitlines()[-1] == "0 created, 0 updated, 1 unchanged, 3 rejected"
    assert _count(db_url, Job) == 1


def test_an_unsupported_file_gets_a_clear_error(run, tmp_path):
    feed = tmp_path / "jobs.pdf"
    feed.write_bytes(b"%PDF")
    result = run("import-jobs", str(feed))
    assert result.exit_code == 1
    assert "unsupported feed type .pdf" in result.output


def test_load_demo_loads_jobs_and_courses_and_can_run_again(run, db_url, monkeypatch, tmp_path):
    monkeypatch.setattr(cli_module, "DEMO_FEED", tmp_path / "demo.xml")
    first = run("load-demo", "--jobs", "300", "--today", "2026-11-25")
    assert first.exit_code == 0, first.output
    assert "300 created" in first.output
    assert _count(db_url, Job) == 300
    assert _count(db_url, Program) == 2
    assert _count(db_url, Course) >= 150
    second = run("load-demo", "--jobs", "300", "--today", "2026-11-25")
    assert "0 created, 0 updated, 300 unchanged" in second.output
    assert _count(db_url, Job) == 300


def test_import_courses_checks_occupations_against_the_loaded_wages(run, db_url, tmp_path):
    from bot.courses.catalog_file import COLUMNS

    catalog = tmp_path / "courses.csv"
    catalog.write_text(
        ",".join(COLUMNS) + ",occupations\n"
        "X-1,180_skills,Welding,Welding,beginner,6,,,,Weld.,welding,51-4121 99-9999\n",
        encoding="utf-8",
    )
    # Before the wages are loaded the codes cannot be checked, and are kept.
    assert "warning" not in run("import-courses", str(catalog)).output
    assert run("load-wages").exit_code == 0
    result = run("import-courses", str(catalog))
    assert (
        "warning line 2: occupation(s) 99-9999 not among the Connecticut OEWS occupations; "
        "dropped" in result.output
    )
    with session_scope(db_url) as session:
        stored = session.scalar(select(Course.soc_codes).where(Course.code == "X-1"))
    assert stored == "51-4121"


def test_the_model_is_trained_only_when_its_inputs_change(monkeypatch, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(cli_module.PROJECT_ROOT / "data", project / "data")
    for name in ("config.yml", "domain.yml"):
        shutil.copy(cli_module.PROJECT_ROOT / name, project / name)
    monkeypatch.setattr(cli_module, "PROJECT_ROOT", project)
    before = cli_module.training_fingerprint()
    assert cli_module.training_fingerprint() == before
    (project / "data" / "nlu.yml").write_text(
        (project / "data" / "nlu.yml").read_text() + "\n      - jobs pls\n"
    )
    assert cli_module.training_fingerprint() != before


def test_train_skips_when_the_model_is_up_to_date():
    # `make test` trains the model before pytest runs, so it is current here.
    result = CliRunner().invoke(cli, ["train"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output.startswith("model is up to date")


def _fold_split(seed: int) -> list[list[str]]:
    from rasa.nlu.test import generate_folds
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.nlu.seeded_rasa import seed_global_random_state

    seed_global_random_state(seed)
    data = load_data(str(cli_module.PROJECT_ROOT / "data" / "nlu.yml"))
    return [
        sorted(m.get("text") for m in test.intent_examples) for _, test in generate_folds(5, data)
    ]


def test_nlu_eval_scores_the_same_folds_every_run():
    first, again = _fold_split(2026), _fold_split(2026)
    assert first == again
    assert _fold_split(7) != first
