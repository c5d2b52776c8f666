from django.urls import include, path

from . import views

app_name = "casework"

# Every page of one case, below /clientoverleg/<id>/.
case_patterns = [
    path("", views.case_detail, name="case"),
    path("beslissen/", views.case_decide, name="decide"),
    path("coordinator/", views.coordinator_change, name="coordinator"),
    path("toestemming/", views.consent, name="consent"),
    path("toestemming/formulier.pdf", views.consent_form_pdf, name="consent_form"),
    path("toestemming/intrekken/", views.consent_withdraw, name="withdraw"),
    path("basisregels/", views.ground_rules, name="ground_rules"),
    path("zorgverleners/", views.provider_invite, name="invite"),
    path(
        "zorgverleners/<int:provider_pk>/verwijderen/",
        views.provider_remove,
        name="provider_remove",
    ),
    path("spilfiguur/", views.key_worker, name="key_worker"),
    path("agenda/", views.agenda, name="agenda"),
    path("overleg/", views.meeting_add, name="meeting_add"),
    path("overleg/<int:meeting_pk>/verslag/", views.meeting_report, name="report"),
    path("afspraken/", views.agreement_add, name="agreement_add"),
    path("afspraken/<int:agreement_pk>/", views.agreement_status, name="agreement_status"),
    path("evaluatie/", views.evaluation, name="evaluation"),
    path("afsluiten/", views.case_close, name="close"),
    path("documenten/", views.document_add, name="document_add"),
    path("documenten/<int:document_pk>/", views.document, name="document"),
    path("afdruk.pdf", views.client_print, name="print"),
    path("inzage.pdf", views.access_log_pdf, name="access_log"),
    path("signaal/", views.case_signal, name="case_signal"),
]

urlpatterns = [
    path("", views.case_list, name="list"),
    path("aanvragen/", views.case_request, name="request"),
    path("signalen/", views.signal_list, name="signals"),
    path("signalen/rapport/", views.signal_report, name="signal_report"),
    path("instellingen/", views.case_settings, name="settings"),
    path("<int:pk>/", include(case_patterns)),
]
