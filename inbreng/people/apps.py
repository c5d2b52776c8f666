from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "inbreng.people"
    label = "people"
    verbose_name = "Inbreng people"

    def ready(self) -> None:
        from inbreng.core.services import register_handover, register_home_panel

        from .panels import register_panel
        from .services import participants_hand_over

        register_handover(participants_hand_over)
        register_home_panel(register_panel)
