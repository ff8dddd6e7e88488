"""Bring a database to the newest schema with Alembic."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from bot.config import PROJECT_ROOT, load_settings


def alembic_config(url: str | None = None) -> Config:
    """Alembic configuration for ``url`` (DATABASE_URL by default)."""
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "bot" / "db" / "migrations"))
    config.cmd_opts = None
    config.attributes["configure_logger"] = False
    url = url or load_settings().database_url
    # env.py reads -x url=...; passing it this way keeps one code path for CLI and API.
    config.cmd_opts = type("Opts", (), {"x": [f"url={url}"]})()
    return config


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Apply every migration up to ``revision``."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str | None = None, revision: str = "base") -> None:
    """Undo migrations down to ``revision``."""
    command.downgrade(alembic_config(url), revision)
