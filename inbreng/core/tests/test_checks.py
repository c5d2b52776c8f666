"""`manage.py check --deploy` guards a production deploy."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

ROOT = Path(__file__).resolve().parents[3]


def test_it_refuses_demo_mode_with_production_settings(settings: object) -> None:
    settings.INBRENG_DEMO = True  # type: ignore[attr-defined]
    settings.INBRENG_PRODUCTION = True  # type: ignore[attr-defined]
    with pytest.raises(SystemCheckError, match=r"inbreng\.E001"):
        call_command("check", deploy=True, tags=["security"])


@pytest.mark.parametrize(("demo", "production"), [(False, True), (True, False)])
def test_it_allows_demo_mode_only_outside_production(
    settings: object, demo: bool, production: bool
) -> None:
    from inbreng.core.checks import demo_mode_off_in_production

    settings.INBRENG_DEMO = demo  # type: ignore[attr-defined]
    settings.INBRENG_PRODUCTION = production  # type: ignore[attr-defined]
    assert demo_mode_off_in_production(None) == []


@pytest.mark.django_db
def test_it_passes_the_ordinary_checks_including_axes_and_otp() -> None:
    call_command("check", fail_level="WARNING")


def _check_deploy(**extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"INBRENG_DEMO", "EMAIL_HOST", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="inbreng.example",
        DEFAULT_FROM_EMAIL="Inbreng <inbreng@inbreng.example>",
        INBRENG_SITE_URL="https://inbreng.example",
    )
    env.update(extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_is_clean_under_production_settings() -> None:
    result = _check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_fails_a_production_deploy_in_demo_mode() -> None:
    result = _check_deploy(INBRENG_DEMO="1")
    assert result.returncode != 0
    assert "inbreng.E001" in result.stderr


def test_it_refuses_production_without_a_real_secret_key() -> None:
    result = _check_deploy(SECRET_KEY="insecure-development-key-change-me")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "code"),
    [
        ("DEFAULT_FROM_EMAIL", "inbreng@localhost", "inbreng.E002"),
        ("DEFAULT_FROM_EMAIL", "webmaster", "inbreng.E002"),
        ("INBRENG_SITE_URL", "http://127.0.0.1:8000", "inbreng.E003"),
        ("INBRENG_SITE_URL", "https://inbreng", "inbreng.E003"),
    ],
)
def test_it_refuses_production_without_a_real_sender_or_site(
    variable: str, value: str, code: str
) -> None:
    result = _check_deploy(**{variable: value})
    assert result.returncode != 0
    assert code in result.stderr


def test_the_sender_check_runs_without_deploy_too(settings: object) -> None:
    from inbreng.core.checks import real_sender_in_production

    settings.INBRENG_PRODUCTION = True  # type: ignore[attr-defined]
    settings.DEFAULT_FROM_EMAIL = "inbreng@localhost"  # type: ignore[attr-defined]
    settings.INBRENG_SITE_URL = "https://inbreng.example.be"  # type: ignore[attr-defined]
    assert [e.id for e in real_sender_in_production(None)] == ["inbreng.E002"]
