"""Survey pages. Staff pages live under /bevragingen/; the respondent's own pages under /v/
(no account: a self-completion link). svs adds the results and sampling routes here."""

from __future__ import annotations

from django.urls import path

from .views import interview, paper, questionnaires, selfcomplete
from .views import results as results_views
from .views import sampling as sampling_views

app_name = "surveys"

B = "bevragingen/"

urlpatterns = [
    path(B, questionnaires.home, name="home"),
    path(f"{B}nieuw/", questionnaires.survey_new, name="survey_new"),
    path(f"{B}<int:pk>/", questionnaires.survey_detail, name="survey"),
    path(f"{B}<int:pk>/ronde/nieuw/", questionnaires.wave_new, name="wave_new"),
    path(f"{B}vragenlijsten/nieuw/", questionnaires.questionnaire_new, name="questionnaire_new"),
    path(f"{B}vragenlijsten/<int:pk>/", questionnaires.questionnaire_detail, name="questionnaire"),
    path(f"{B}vragenlijsten/<int:pk>/vraag/", questionnaires.question_edit, name="question_add"),
    path(
        f"{B}vragenlijsten/<int:pk>/vraag/<int:question_pk>/",
        questionnaires.question_edit,
        name="question_edit",
    ),
    path(
        f"{B}vragenlijsten/<int:pk>/vraag/<int:question_pk>/weg/",
        questionnaires.question_delete,
        name="question_delete",
    ),
    path(
        f"{B}vragenlijsten/<int:pk>/vraag/<int:question_pk>/verplaats/",
        questionnaires.question_move,
        name="question_move",
    ),
    path(
        f"{B}vragenlijsten/<int:pk>/vraag/<int:question_pk>/vertaling/<str:language>/",
        questionnaires.translation_edit,
        name="translation",
    ),
    path(f"{B}rondes/<int:pk>/", questionnaires.wave_detail, name="wave"),
    path(f"{B}rondes/<int:pk>/status/", questionnaires.wave_status, name="wave_status"),
    path(f"{B}rondes/<int:pk>/interview/", interview.interview_start, name="interview_start"),
    path(f"{B}rondes/<int:pk>/link/", interview.link_new, name="link_new"),
    path(f"{B}rondes/<int:pk>/formulieren.pdf", paper.paper_pdf, name="paper_pdf"),
    path(f"{B}rondes/<int:pk>/papier/", paper.paper_entry, name="paper_entry"),
    path(f"{B}rondes/<int:pk>/papier/opnieuw/", paper.paper_choose, name="paper_choose"),
    path(f"{B}rondes/<int:pk>/controle/", paper.checks, name="checks"),
    path(f"{B}verschil/<int:pk>/", paper.resolve, name="resolve"),
    path(f"{B}antwoorden/<int:pk>/interview/", interview.interview, name="interview"),
    # Results, sampling and selection (svs).
    path(f"{B}rondes/<int:pk>/resultaten/", results_views.overview, name="results"),
    path(
        f"{B}rondes/<int:pk>/resultaten/<int:question_pk>/",
        results_views.question,
        name="results_question",
    ),
    path(
        f"{B}rondes/<int:pk>/resultaten/<int:question_pk>/thema/",
        results_views.theme_add,
        name="theme_add",
    ),
    path(
        f"{B}rondes/<int:pk>/resultaten/<int:question_pk>/coderen/",
        results_views.answers_code,
        name="answers_code",
    ),
    path(f"{B}rondes/<int:pk>/gewichten/", results_views.weights, name="weights"),
    path(
        f"{B}rondes/<int:pk>/antwoorden.<str:fmt>",
        results_views.export_responses,
        name="export_responses",
    ),
    path(
        f"{B}rondes/<int:pk>/resultaten.<str:fmt>",
        results_views.export_results,
        name="export_results",
    ),
    path(f"{B}steekproef/", sampling_views.home, name="sampling"),
    path(f"{B}steekproef/kader/nieuw/", sampling_views.frame_upload, name="frame_upload"),
    path(f"{B}steekproef/controle/", sampling_views.frame_preview, name="frame_preview"),
    path(f"{B}steekproef/kader/<int:pk>/", sampling_views.frame_detail, name="frame"),
    path(f"{B}steekproef/<int:pk>/", sampling_views.sample_detail, name="sample"),
    path(f"{B}panel/nieuw/", sampling_views.pool_upload, name="pool_upload"),
    path(f"{B}panel/<int:pk>/", sampling_views.pool_detail, name="pool"),
    path(f"{B}panel/keuze/<int:pk>/", sampling_views.selection_detail, name="selection"),
    # The respondent's pages: no staff login.
    path("v/", selfcomplete.self_open, name="self_open"),
    path("v/vraag/", selfcomplete.self_question, name="self_question"),
    path("v/taal/", selfcomplete.self_language, name="self_language"),
    path("v/bedankt/", selfcomplete.self_thanks, name="self_thanks"),
]
