"""Signals for policy, their report per period, and the retention setting."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from inbreng.core.decorators import permission_required
from inbreng.core.types import MemberRequest

from .. import forms, selectors, services
from .common import _signal_saved


@permission_required("casework.record_signal")
def signal_list(request: MemberRequest) -> HttpResponse:
    form = forms.SignalForm(request.POST or None)
    if _signal_saved(request, form, None):
        return redirect("casework:signals")
    signals = list(selectors.signals_of(request.membership)[:100])
    return render(request, "casework/signal_list.html", {"form": form, "signals": signals})


@permission_required("casework.view_signal_report")
def signal_report(request: MemberRequest) -> HttpResponse:
    period = forms.ReportPeriodForm(request.GET or None)
    report = selectors.signal_report(request.membership, period.period())
    return render(
        request,
        "casework/signal_report.html",
        {"period": period, "report": report, "threshold": 5},
    )


@permission_required("casework.manage_settings")
def case_settings(request: MemberRequest) -> HttpResponse:
    found = selectors.settings_of(request.organisation)
    form = forms.SettingsForm(
        request.POST or None, initial={"retention_months": found.retention_months}
    )
    if request.method == "POST" and form.is_valid():
        services.settings_update(
            organisation=request.organisation,
            by=request.user,
            retention_months=form.cleaned_data["retention_months"],
        )
        messages.success(request, _("The changes are saved."))
        return redirect("casework:settings")
    return render(request, "casework/settings.html", {"form": form})
