from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path

from inbreng.core.urls import auth_urlpatterns


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    # Resolved per request: the static manifest may not exist yet when URLs are loaded.
    return HttpResponsePermanentRedirect(static("core/favicon.svg"))


urlpatterns = [
    *auth_urlpatterns,
    path("", include("inbreng.core.urls")),
    path("deelnemers/", include("inbreng.people.urls")),
    path("groepen/", include("inbreng.groups.urls")),
    path("", include("inbreng.participation.urls")),
    path("", include("inbreng.messaging.urls")),
    path("clientoverleg/", include("inbreng.casework.urls")),
    path("inzicht/", include("inbreng.insights.urls")),
    path("", include("inbreng.surveys.urls")),
    path("geheugen/", include("inbreng.archive.urls")),
    path("signalen/", include("inbreng.signals.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("platform-admin/", admin.site.urls),
    # Some clients ask for /favicon.ico whatever the page links: answer, not 404.
    path("favicon.ico", favicon),
]

handler404 = "inbreng.core.views.error_404"
handler403 = "inbreng.core.views.error_403"
handler500 = "inbreng.core.views.error_500"
