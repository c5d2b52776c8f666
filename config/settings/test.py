"""The test suite: fast hashing, in-memory e-mail, static files without a manifest."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
INBRENG_DEMO = False
AXES_FAILURE_LIMIT = 5
# Static files in tests come from the app folders (the live server serves them itself);
# WhiteNoise would only warn that `collectstatic` has not run.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]  # noqa: F405
SMS_GATEWAY = {"BACKEND": "memory"}
SMS_WEBHOOK_TOKEN = "test-sms-webhook-token"  # noqa: S105 - a test value
# A real-looking host name: calendar UIDs and Message-IDs are built on it.
INBRENG_SITE_URL = "https://inbreng.test"
