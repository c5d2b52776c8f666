from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/ready", views.healthz_ready, name="healthz_ready"),
    path("organisatie/wissel/", views.switch_organisation, name="switch_organisation"),
    path("beheer/organisatie/", views.organisation_settings, name="organisation"),
    path("beheer/diensten/", views.service_list, name="services"),
    path("beheer/diensten/nieuw/", views.service_edit, name="service_add"),
    path("beheer/diensten/<int:pk>/", views.service_edit, name="service_edit"),
    path("beheer/partners/", views.partner_list, name="partners"),
    path("beheer/partners/nieuw/", views.partner_edit, name="partner_add"),
    path("beheer/partners/<int:pk>/", views.partner_edit, name="partner_edit"),
    path("beheer/medewerkers/", views.staff_list, name="staff"),
    path("beheer/medewerkers/nieuw/", views.staff_add, name="staff_add"),
    path("beheer/medewerkers/<int:pk>/", views.staff_edit, name="staff_edit"),
    path(
        "beheer/medewerkers/<int:pk>/uitschakelen/", views.staff_deactivate, name="staff_deactivate"
    ),
    path("beheer/medewerkers/<int:pk>/activeren/", views.staff_reactivate, name="staff_reactivate"),
    path(
        "beheer/medewerkers/<int:pk>/tweestaps-reset/",
        views.staff_reset_otp,
        name="staff_reset_otp",
    ),
    path("beheer/auditlog/", views.audit_log, name="audit"),
    path("account/tweestaps/instellen/", views.otp_setup, name="otp_setup"),
    path("account/tweestaps/herstelcodes/", views.otp_recovery_codes, name="otp_recovery_codes"),
    path("account/tweestaps/", views.otp_verify, name="otp_verify"),
    path("privacy/<int:organisation_id>/", views.privacy_notice, name="privacy_notice"),
]

# Login and logout live outside the namespace: Django's LOGIN_URL points at "login".
auth_urlpatterns = [
    path(
        "account/aanmelden/",
        auth_views.LoginView.as_view(
            template_name="core/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("account/afmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "account/wachtwoord/",
        auth_views.PasswordChangeView.as_view(
            template_name="core/password_change.html", success_url="/"
        ),
        name="password_change",
    ),
]
