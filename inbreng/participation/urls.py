from django.urls import path

from .views import feedback, indicators, meetings, personal, questions, trajectories
from .views import translations as translating

app_name = "participation"

urlpatterns = [
    path("trajecten/", trajectories.trajectory_list, name="trajectories"),
    path("trajecten/nieuw/", trajectories.trajectory_edit, name="trajectory_add"),
    path("trajecten/<int:pk>/", trajectories.trajectory_detail, name="trajectory"),
    path("trajecten/<int:pk>/bewerken/", trajectories.trajectory_edit, name="trajectory_edit"),
    path("vragen/", questions.question_list, name="questions"),
    path("vragen/nieuw/", questions.question_ask, name="question_ask"),
    path("vragen/<int:pk>/", questions.question_detail, name="question"),
    path("vragen/<int:pk>/beoordelen/", questions.question_review, name="question_review"),
    path("vragen/<int:pk>/herwerken/", questions.question_resubmit, name="question_resubmit"),
    path("vragen/<int:pk>/antwoorden/", questions.response_add, name="response_add"),
    path("vragen/bijlage/<int:pk>/", questions.attachment, name="attachment"),
    path("antwoorden/<int:pk>/", questions.response_edit, name="response_edit"),
    path("inbreng/te-beoordelen/", questions.review_queue, name="review_queue"),
    path("inbreng/<int:pk>/beoordelen/", questions.contribution_review, name="contribution_review"),
    path(
        "inbreng/<int:pk>/intrekken/", questions.contribution_withdraw, name="contribution_withdraw"
    ),
    path("bijeenkomsten/", meetings.meeting_list, name="meetings"),
    path("bijeenkomsten/nieuw/", meetings.meeting_edit, name="meeting_add"),
    path("bijeenkomsten/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("bijeenkomsten/<int:pk>/bewerken/", meetings.meeting_edit, name="meeting_edit"),
    path("bijeenkomsten/<int:pk>/agenda/", meetings.agenda_add, name="agenda_add"),
    path("bijeenkomsten/<int:pk>/uitnodigen/", meetings.invite, name="invite"),
    path(
        "bijeenkomsten/<int:pk>/uitnodigingen-versturen/",
        meetings.send_invitations,
        name="send_invitations",
    ),
    path("bijeenkomsten/<int:pk>/bericht/", meetings.meeting_message, name="meeting_message"),
    path("bijeenkomsten/<int:pk>/aanwezigheid/", meetings.attendance, name="attendance"),
    path("bijeenkomsten/antwoord/<int:pk>/", meetings.reply, name="reply"),
    path("bijeenkomsten/<int:pk>/verslag/", meetings.minutes, name="minutes"),
    path("bijeenkomsten/<int:pk>/inbreng/", meetings.contributions, name="contributions"),
    path(
        "bijeenkomsten/<int:pk>/terugkoppeling/", feedback.meeting_feedback, name="meeting_feedback"
    ),
    path("bijeenkomsten/<int:pk>/agenda.ics", meetings.ics, name="ics"),
    path("deelname/<int:pk>/", feedback.participant_loop, name="participant_loop"),
    path("deelname/<int:pk>/link/", feedback.link_reissue, name="link_reissue"),
    path("deelname/<int:pk>/brief.pdf", feedback.letter, name="letter"),
    path("deelname/<int:pk>/brief-verstuurd/", feedback.letter_posted, name="letter_posted"),
    path("deelname/<int:pk>/terugkoppeling/", feedback.feedback_record, name="feedback_record"),
    path("inzichten/", indicators.indicators, name="indicators"),
    path("inzichten/lijst/<str:figure>/", indicators.indicator_list, name="indicator_list"),
    path("p/", personal.open_link, name="open_link"),
    path("k/", personal.short_link, name="short_link"),
    path("mijn/", personal.my_page, name="my_page"),
    path("mijn/inbreng/<int:question_pk>/", personal.my_input, name="my_input"),
    path("mijn/vraag/<int:question_pk>/", personal.my_question, name="my_question"),
    path("mijn/intrekken/<int:pk>/", personal.my_withdraw, name="my_withdraw"),
    path("mijn/antwoord/<int:pk>/", personal.my_reply, name="my_reply"),
    path("mijn/agenda/<int:pk>.ics", personal.my_meeting_ics, name="my_meeting_ics"),
    path("mijn/taal/", personal.my_language, name="my_language"),
    path("mijn/afmelden/", personal.my_logout, name="my_logout"),
    path("vertalingen/", translating.translation_list, name="translations"),
    path(
        "vertalingen/vraag/<int:pk>/<str:language>/",
        translating.question_translate,
        name="question_translate",
    ),
    path(
        "vertalingen/antwoord/<int:pk>/<str:language>/",
        translating.response_translate,
        name="response_translate",
    ),
    path(
        "vertalingen/<int:pk>/verwijderen/",
        translating.translation_delete,
        name="translation_delete",
    ),
]
