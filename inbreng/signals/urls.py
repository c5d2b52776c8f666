from django.urls import path

from .views import bodies, signals

app_name = "signals"

urlpatterns = [
    path("", signals.signal_list, name="list"),
    path("nieuw/", signals.signal_add, name="add"),
    path("van-vraag/<int:pk>/", signals.signal_promote, name="promote"),
    path("<int:pk>/", signals.signal_detail, name="detail"),
    path("<int:pk>/antwoorden/", signals.signal_answer, name="answer"),
    path("<int:pk>/bijlage-toevoegen/", signals.signal_attach, name="attach"),
    path("bijlage/<int:pk>/", signals.attachment, name="attachment"),
    path("organen/", bodies.body_list, name="bodies"),
    path("organen/nieuw/", bodies.body_edit, name="body_add"),
    path("organen/<int:pk>/", bodies.body_edit, name="body_edit"),
    path("themas/nieuw/", bodies.theme_edit, name="theme_add"),
    path("themas/<int:pk>/", bodies.theme_edit, name="theme_edit"),
]

# Results, advisory councils and hearings (signals/results/urls.py).
from .results.urls import urlpatterns as results_urlpatterns  # noqa: E402

urlpatterns += results_urlpatterns
