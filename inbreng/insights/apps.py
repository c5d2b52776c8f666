from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "inbreng.insights"
    label = "insights"
    verbose_name = "Inbreng insights"
