from django.urls import path

from . import views

app_name = "casework"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("aanvragen/", views.case_request, name="request"),
    path("signalen/", views.signal_list, name="signals"),
    path("signalen/rapport/", views.signal_report, name="signal_report"),
    path("instellingen/", views.case_settings, name="settings"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/beslissen/", views.case_decide, name="decide"),
    path("<int:pk>/coordinator/", views.coordinator_change, name="coordinator"),
    path("<int:pk>/toestemming/", views.consent, name="consent"),
    path("<int:pk>/toestemming/formulier.pdf", views.consent_form_pdf, name="consent_form"),
    path("<int:pk>/toestemming/intrekken/", views.consent_withdraw, name="withdraw"),
    path("<int:pk>/basisregels/", views.ground_rules, name="ground_rules"),
    path("<int:pk>/zorgverleners/", views.provider_invite, name="invite"),
    path(
        "<int:pk>/zorgverleners/<int:provider_pk>/verwijderen/",
        views.provider_remove,
        name="provider_remove",
    ),
    path("<int:pk>/spilfiguur/", views.key_worker, name="key_worker"),
    path("<int:pk>/agenda/", views.agenda, name="agenda"),
    path("<int:pk>/overleg/", views.meeting_add, name="meeting_add"),
    path("<int:pk>/overleg/<int:meeting_pk>/verslag/", views.meeting_report, name="report"),
    path("<int:pk>/afspraken/", views.agreement_add, name="agreement_add"),
    path(
        "<int:pk>/afspraken/<int:agreement_pk>/",
        views.agreement_status,
        name="agreement_status",
    ),
    path("<int:pk>/evaluatie/", views.evaluation, name="evaluation"),
    path("<int:pk>/afsluiten/", views.case_close, name="close"),
    path("<int:pk>/documenten/", views.document_add, name="document_add"),
    path("<int:pk>/documenten/<int:document_pk>/", views.document, name="document"),
    path("<int:pk>/afdruk.pdf", views.client_print, name="print"),
    path("<int:pk>/inzage.pdf", views.access_log_pdf, name="access_log"),
    path("<int:pk>/signaal/", views.case_signal, name="case_signal"),
]
