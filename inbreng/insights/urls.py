from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("", views.home, name="home"),
    path("bereik/", views.reach_page, name="reach"),
    path("clienten/", views.population_upload, name="population"),
    path("clienten/controle/", views.population_preview, name="population_preview"),
    path("jaarverslag/<int:year>/", views.report_page, name="report"),
    path("jaarverslag/<int:year>/tekst/", views.report_text, name="report_text"),
    path("jaarverslag/<int:year>/jaarverslag.pdf", views.report_pdf, name="report_pdf"),
    path("export/vragen.<str:fmt>", views.export_questions, name="export_questions"),
    path("export/inbreng.<str:fmt>", views.export_input, name="export_input"),
    path("export/bijeenkomsten.<str:fmt>", views.export_meetings, name="export_meetings"),
    path("export/signalen.<str:fmt>", views.export_signals, name="export_signals"),
    path("export/bereik.<str:fmt>", views.export_reach, name="export_reach"),
    path("export/bereik-verloop.<str:fmt>", views.export_trend, name="export_trend"),
    path("export/uitnodigingen.<str:fmt>", views.export_channels, name="export_channels"),
    path("export/jaarcijfers-<int:year>.<str:fmt>", views.export_report, name="export_report"),
]
