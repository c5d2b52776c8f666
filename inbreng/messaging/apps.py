from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "inbreng.messaging"
    label = "messaging"
    verbose_name = "Inbreng messaging"

    def ready(self) -> None:
        from inbreng.core.health import register_health_probe
        from inbreng.core.services import register_home_panel, register_personal_data

        from . import personal_data
        from .health import outbox_figures
        from .panels import pass_on_panel

        register_home_panel(pass_on_panel, first=True)
        register_personal_data("messaging", export=personal_data.export, erase=personal_data.erase)
        register_health_probe(outbox_figures)
