from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "inbreng.participation"
    label = "participation"
    verbose_name = "Inbreng participation"

    def ready(self) -> None:
        from inbreng.core.services import register_home_panel, register_personal_data

        from . import personal_data
        from .panels import loop_panel

        register_home_panel(loop_panel, first=True)
        register_personal_data(
            "participation", export=personal_data.export, erase=personal_data.erase
        )
