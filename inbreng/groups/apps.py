from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "inbreng.groups"
    label = "groups"
    verbose_name = "Inbreng groups"
