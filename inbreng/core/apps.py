from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "inbreng.core"
    label = "core"
    verbose_name = "Inbreng core"

    def ready(self) -> None:
        from . import checks  # noqa: F401
        from .lockout import connect

        connect()
