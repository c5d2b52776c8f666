from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.register, name="register"),
    path("nieuw/", views.participant_add, name="add"),
    path("importeren/", views.import_upload, name="import"),
    path("importeren/controle/", views.import_preview, name="import_preview"),
    path("jaarlijkse-controle/", views.review, name="review"),
    path("<int:pk>/", views.participant_detail, name="detail"),
    path("<int:pk>/bewerken/", views.participant_edit, name="edit"),
    path("<int:pk>/toestemming/", views.consent_add, name="consent_add"),
    path(
        "<int:pk>/toestemming/<int:consent_pk>/intrekken/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<int:pk>/export.json", views.export_json, name="export_json"),
    path("<int:pk>/export.pdf", views.export_pdf, name="export_pdf"),
    path("<int:pk>/wissen/", views.participant_erase, name="erase"),
    path("<int:pk>/behouden/", views.participant_keep, name="keep"),
]
