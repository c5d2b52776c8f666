from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "inbreng.groups"
    label = "groups"
    verbose_name = "Inbreng groups"

    def ready(self) -> None:
        from inbreng.core.services import register_personal_data

        from . import personal_data

        register_personal_data("groups", export=personal_data.export, erase=personal_data.erase)
