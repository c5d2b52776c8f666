from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "inbreng.participation"
    label = "participation"
    verbose_name = "Inbreng participation"

    def ready(self) -> None:
        from inbreng.core.services import register_home_panel, register_personal_data
        from inbreng.messaging.models import Kind
        from inbreng.messaging.services import register_answer_handler

        from . import outreach, personal_data
        from .panels import loop_panel

        register_home_panel(loop_panel, first=True)
        for kind in (Kind.INVITATION, Kind.REMINDER, Kind.CHANGE):
            register_answer_handler(kind, outreach.record_answer)
        register_personal_data(
            "participation", export=personal_data.export, erase=personal_data.erase
        )
