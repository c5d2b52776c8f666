"""Django's admin is for platform operators (superusers) only; staff use Inbreng's own pages."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from .models import AuditEvent, Membership, Organisation, Partner, Service, User


def superusers_only(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_superuser)


admin.site.has_permission = superusers_only  # type: ignore[method-assign]
admin.site.site_header = "Inbreng platform"

admin.site.register(User, UserAdmin)
admin.site.register(Organisation)
admin.site.register(Service)
admin.site.register(Partner)
admin.site.register(Membership)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["at", "organisation", "actor", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
