"""Settings shared by every environment. Environment variables configure what differs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
    "inbreng.core",
    "inbreng.people",
    "inbreng.groups",
    "inbreng.messaging",
    "inbreng.participation",
    "inbreng.casework",
    "inbreng.insights",
    "inbreng.archive",
    "inbreng.signals",
    "inbreng.surveys",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "inbreng.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "inbreng.core.middleware.ActiveOrganisationMiddleware",
    "inbreng.core.middleware.TwoFactorRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                # ... whose `perms` this one replaces by one that answers each permission once.
                "inbreng.core.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "inbreng.core.context_processors.inbreng",
            ],
        },
    },
]


def database_from_env() -> dict[str, Any]:
    """SQLite by default; DATABASE_URL (e.g. postgres://...) overrides it."""
    url = os.environ.get("DATABASE_URL")
    if url:
        config: dict[str, Any] = dict(
            dj_database_url.parse(
                url,
                conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
                conn_health_checks=True,
            )
        )
        # Behind PgBouncer in transaction pooling a cursor may not outlive its transaction
        # (docs/operations.md, "PgBouncer").
        config["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DATABASE_POOLER_TRANSACTION_MODE")
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "var" / "inbreng.sqlite3")),
        # The web process and the task worker write side by side: WAL and immediate
        # transactions avoid "database is locked".
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
            ),
        },
    }


def replica_from_env() -> dict[str, Any] | None:
    """DATABASE_REPLICA_URL: a streaming replica of the primary for read-only pages."""
    url = os.environ.get("DATABASE_REPLICA_URL")
    if not url:
        return None
    config: dict[str, Any] = dict(
        dj_database_url.parse(
            url,
            conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
            conn_health_checks=True,
        )
    )
    # A replica that does not answer must not hold a page up: fail fast, read the primary.
    config.setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_REPLICA_CONNECT_TIMEOUT", "2"))
    )
    config["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DATABASE_POOLER_TRANSACTION_MODE")
    # Tests read the replica through the primary's test database.
    config["TEST"] = {"MIRROR": "default"}
    return config


DATABASES = {"default": database_from_env()}
_replica = replica_from_env()
if _replica is not None:
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "config.db_router.ReadOnlyRequestMiddleware",
    )
# Views that read the primary even on GET (names, or "namespace:" for a whole namespace):
# the two-step login pages read a second factor that was just set up.
DATABASE_REPLICA_PRIMARY_VIEWS = [
    "login",
    "password_change",
    "core:otp_setup",
    "core:otp_verify",
    "core:otp_recovery_codes",
    "admin:",
]
# After a change a browser reads the primary this long; a replica that does not answer is
# not tried again this long.
DATABASE_REPLICA_PIN_SECONDS = int(os.environ.get("DATABASE_REPLICA_PIN_SECONDS", "10"))
DATABASE_REPLICA_RETRY_SECONDS = int(os.environ.get("DATABASE_REPLICA_RETRY_SECONDS", "10"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "inbreng.core.backends.AccountBackend",
]
# Django's rules with our own texts (inbreng/core/passwords.py): plain Dutch, in our catalogue.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "inbreng.core.passwords.UserAttributeSimilarityValidator"},
    {
        "NAME": "inbreng.core.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "inbreng.core.passwords.CommonPasswordValidator"},
    {"NAME": "inbreng.core.passwords.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
# Django may activate every language in LANGUAGES. Staff pages are in Dutch or English only;
# the participant's own page and letters also speak French and Arabic, the languages most
# participants read better than Dutch. Any other language falls back to Dutch.
LANGUAGES = [("nl", _("Dutch")), ("en", _("English")), ("fr", _("French")), ("ar", _("Arabic"))]
STAFF_LANGUAGES = ["nl", "en"]
PARTICIPANT_LANGUAGES = ["nl", "fr", "en", "ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# An optional shared cache (docs/operations.md): with it, sessions are read from the cache
# and written through to the database. redis:// needs the `redis` package; memcached://
# needs `pymemcache`. Without CACHE_URL each process keeps its own small memory cache.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif CACHE_URL.startswith("memcached://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
            "LOCATION": CACHE_URL.removeprefix("memcached://"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# django-axes: repeated failed logins lock a login name from one address. Not the name
# alone (anyone could lock a colleague out), not the address alone (staff share offices).
# The account's owner is e-mailed (inbreng/core/lockout.py).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "inbreng.core.lockout.client_address"
# How many reverse proxies in front of the app add to X-Forwarded-For (0: none).
INBRENG_TRUSTED_PROXIES = int(os.environ.get("INBRENG_TRUSTED_PROXIES", "0"))
SILENCED_SYSTEM_CHECKS: list[str] = []
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

OTP_TOTP_ISSUER = "Inbreng"

# E-mail: the console by default; set EMAIL_HOST (and friends) to send through SMTP.
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
# The address of this installation, as people reach it: in links, calendar UIDs and the
# e-mail Message-ID. Production must set it (a system check refuses a local host).
INBRENG_SITE_URL = os.environ.get("INBRENG_SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "inbreng@localhost")

# SMS: "file" writes to var/sms-outbox.jsonl; "http" posts to a provider (docs/messaging.md).
if os.environ.get("SMS_GATEWAY_URL"):
    SMS_GATEWAY: dict[str, Any] = {
        "BACKEND": "http",
        "OPTIONS": {
            "url": os.environ["SMS_GATEWAY_URL"],
            "token": os.environ.get("SMS_GATEWAY_TOKEN", ""),
        },
    }
else:
    SMS_GATEWAY = {
        "BACKEND": "file",
        "OPTIONS": {"path": str(BASE_DIR / "var" / "sms-outbox.jsonl")},
    }
# A worker holds a batch of deliveries this long; a dead worker's batch is taken over after.
MESSAGING_CLAIM_SECONDS = int(os.environ.get("MESSAGING_CLAIM_SECONDS", "300"))
# The shared secret the SMS provider sends with replies; empty switches the webhook off.
SMS_WEBHOOK_TOKEN = os.environ.get("SMS_WEBHOOK_TOKEN", "")

# Demo accounts skip two-factor set-up only while this flag is on; `./run` sets it.
INBRENG_DEMO = env_bool("INBRENG_DEMO")
# True only in config.settings.prod: the deploy check refuses demo mode there.
INBRENG_PRODUCTION = False
# /healthz/ready: waiting work older than this many seconds makes it answer "late"; the
# answer is kept this many seconds per process so that frequent polling costs nothing.
INBRENG_HEALTH_LATE_SECONDS = int(os.environ.get("INBRENG_HEALTH_LATE_SECONDS", "600"))
INBRENG_HEALTH_CACHE_SECONDS = int(os.environ.get("INBRENG_HEALTH_CACHE_SECONDS", "5"))
# How long an inactive participant stays before the yearly review lists them (months).
INBRENG_INACTIVITY_MONTHS = int(os.environ.get("INBRENG_INACTIVITY_MONTHS", "24"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
