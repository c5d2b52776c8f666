from django.urls import path

from . import views

app_name = "groups"

urlpatterns = [
    path("", views.group_list, name="list"),
    path("nieuw/", views.group_edit, name="add"),
    path("referentiecijfers/", views.reference_figures, name="reference"),
    path("<int:pk>/", views.group_detail, name="detail"),
    path("<int:pk>/bewerken/", views.group_edit, name="edit"),
    path("<int:pk>/leden/nieuw/", views.member_add, name="member_add"),
    path("lid/<int:pk>/", views.member_move, name="member_move"),
]
