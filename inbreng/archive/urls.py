from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("", views.search, name="search"),
    path("nieuw/", views.entry_add, name="entry_add"),
    path("<int:pk>/", views.entry_detail, name="entry"),
    path("<int:pk>/bewerken/", views.entry_edit, name="entry_edit"),
    path("<int:pk>/in-dossier/", views.dossier_add_entry, name="dossier_add_entry"),
    path("dossiers/", views.dossier_list, name="dossiers"),
    path("dossiers/nieuw/", views.dossier_add, name="dossier_add"),
    path("dossiers/<int:pk>/", views.dossier_detail, name="dossier"),
    path("dossiers/<int:pk>/bewerken/", views.dossier_edit, name="dossier_edit"),
    path(
        "dossiers/<int:pk>/weghalen/<int:entry_pk>/",
        views.dossier_remove_entry,
        name="dossier_remove_entry",
    ),
]
