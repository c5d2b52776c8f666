from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "inbreng.participation"
    label = "participation"
    verbose_name = "Inbreng participation"

    def ready(self) -> None:
        from inbreng.core.services import register_home_panel, register_personal_data
        from inbreng.messaging.models import Kind
        from inbreng.messaging.services import (
            register_answer_handler,
            register_delivered_handler,
            register_link_provider,
        )

        from . import links, outreach, personal_data, services, state  # noqa: F401 (signals)
        from .panels import loop_panel

        register_home_panel(loop_panel, first=True)
        for kind in (Kind.INVITATION, Kind.REMINDER, Kind.CHANGE):
            register_answer_handler(kind, outreach.record_answer)
        # Feedback that reached the person counts as heard back; messages carry the
        # person's current link, filled in when sent or printed.
        register_delivered_handler(Kind.FEEDBACK, services.feedback_delivered)
        register_link_provider(links.link_paths)
        register_personal_data(
            "participation", export=personal_data.export, erase=personal_data.erase
        )
