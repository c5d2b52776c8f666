"""URL patterns for results, councils and hearings; signals/urls.py adds them."""

from __future__ import annotations

from django.urls import path

from . import views, views_council

urlpatterns = [
    path("resultaten/", views.result_list, name="results"),
    path("resultaten/nieuw/", views.result_add, name="result_add"),
    path("resultaten/<int:pk>/", views.result_detail, name="result"),
    path("resultaten/<int:pk>/bijwerken/", views.result_edit, name="result_edit"),
    path("resultaten/<int:pk>/mijlpaal/", views.milestone_edit, name="milestone_add"),
    path(
        "resultaten/<int:pk>/mijlpaal/<int:milestone_pk>/",
        views.milestone_edit,
        name="milestone_edit",
    ),
    path("resultaten/<int:pk>/vertalen/", views.result_translate, name="result_translate"),
    path("adviesraden/", views_council.council_list, name="councils"),
    path("adviesraden/zetel/", views_council.seat_edit, name="seat_add"),
    path("adviesraden/zetel/<int:pk>/", views_council.seat_edit, name="seat_edit"),
    path("adviesraden/agendapunt/", views_council.item_edit, name="council_item_add"),
    path("adviesraden/agendapunt/<int:pk>/", views_council.item_edit, name="council_item_edit"),
    path("hoorzittingen/", views_council.hearing_list, name="hearings"),
    path("hoorzittingen/nieuw/", views_council.hearing_add, name="hearing_add"),
    path("hoorzittingen/<int:pk>/", views_council.hearing_detail, name="hearing"),
    path("hoorzittingen/<int:pk>/pdf/", views_council.hearing_pdf, name="hearing_pdf"),
]
