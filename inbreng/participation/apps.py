from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "inbreng.participation"
    label = "participation"
    verbose_name = "Inbreng participation"

    def ready(self) -> None:
        from inbreng.core.services import register_home_panel

        from .panels import loop_panel

        register_home_panel(loop_panel)
