from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("berichten/", views.outbox, name="outbox"),
    path("berichten/<int:pk>/", views.message_detail, name="message"),
    path("berichten/<int:pk>/opnieuw/", views.retry, name="retry"),
    path("berichten/<int:pk>/brieven.pdf", views.letters, name="letters"),
    path("berichten/<int:pk>/brieven-maken/", views.letters_make, name="letters_make"),
    path("berichten/<int:pk>/brieven-verstuurd/", views.letters_printed, name="letters_printed"),
    path("berichten/<int:pk>/bellen/", views.phone_list, name="phone_list"),
    path("berichten/gebeld/<int:pk>/", views.call_done, name="call_done"),
    path("berichten/door-te-geven/", views.pass_on_list, name="pass_on"),
    path("berichten/doorgegeven/<int:pk>/", views.passed_on, name="passed_on"),
    path("berichten/teksten/", views.template_list, name="templates"),
    path(
        "berichten/teksten/<slug:kind>/<slug:language>/", views.template_edit, name="template_edit"
    ),
    path(
        "berichten/teksten/<slug:kind>/<slug:language>/standaard/",
        views.template_reset,
        name="template_reset",
    ),
    path("berichten/taalcheck/", views.plain_check, name="plain_check"),
    path("berichten/sms-lengte/", views.sms_count, name="sms_count"),
    path("berichten/moeilijke-woorden/", views.jargon, name="jargon"),
    path("berichten/moeilijke-woorden/weg/", views.jargon_remove, name="jargon_remove"),
    path("sms/inkomend/", views.sms_inbound, name="sms_inbound"),
]
