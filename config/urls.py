from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from inbreng.core.urls import auth_urlpatterns

urlpatterns = [
    *auth_urlpatterns,
    path("", include("inbreng.core.urls")),
    path("deelnemers/", include("inbreng.people.urls")),
    path("groepen/", include("inbreng.groups.urls")),
    path("", include("inbreng.participation.urls")),
    path("", include("inbreng.messaging.urls")),
    path("clientoverleg/", include("inbreng.casework.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("platform-admin/", admin.site.urls),
]

handler404 = "inbreng.core.views.error_404"
handler403 = "inbreng.core.views.error_403"
handler500 = "inbreng.core.views.error_500"
