"""The memory's pages: search, an entry, hand-written entries and dossiers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inbreng.core.decorators import permission_required
from inbreng.core.params import query_without
from inbreng.core.types import MemberRequest
from inbreng.core.views import apply_errors

from . import selectors, services
from .forms import MAX_QUERY, AddToDossierForm, DossierForm, HandEntryForm, SearchForm
from .highlight import highlight, snippet
from .models import Entry

PAGE_SIZE = 20
# Counting every hit of a word that is in most entries costs as much as finding them; past
# this many the page says "more than" and asks for another word or a filter.
MAX_COUNTED = 1000


class CappedPaginator(Paginator[int]):
    """Over `selectors.RankedIds`: counts the hits up to MAX_COUNTED + 1."""

    @property
    def capped(self) -> bool:
        return self.count > MAX_COUNTED


def _criteria(form: SearchForm) -> selectors.Criteria:
    data = form.cleaned_data
    return selectors.Criteria(
        q=data["q"],
        kind=data["kind"],
        theme=data["theme"],
        body=data["body"],
        status=data["status"],
        group=data["group"],
        start=data["start"],
        end=data["end"],
        scope=data["scope"],
    )


def _parts(own_id: int, results: list[dict[str, Any]], start: int) -> list[dict[str, Any]]:
    """The page's hits as the own memory's and the network's (own ones come first), each
    with its number in the whole list."""
    own = [r for r in results if r["entry"].organisation_id == own_id]
    shared = [r for r in results if r["entry"].organisation_id != own_id]
    parts = []
    if own:
        parts.append({"own": True, "start": start, "results": own})
    if shared:
        parts.append({"own": False, "start": start + len(own), "results": shared})
    return parts


@permission_required("archive.read")
def search(request: MemberRequest) -> HttpResponse:
    form = SearchForm(request.GET or None, facets=selectors.facets(request.organisation))
    criteria: selectors.Criteria | None = None
    if form.is_bound and not form.is_valid():
        # A filter that cannot be applied finds nothing rather than everything; the form
        # says at the field what is wrong and keeps what was typed.
        found = selectors.Search(Entry.objects.none())
    else:
        criteria = _criteria(form) if form.is_bound else selectors.Criteria()
        found = selectors.entry_search(request.organisation, criteria)
    ids = selectors.RankedIds(found, MAX_COUNTED)
    page = CappedPaginator(ids, PAGE_SIZE).get_page(request.GET.get("pagina"))
    results = [
        {
            "entry": entry,
            "title": highlight(entry.title, found.terms),
            "snippet": snippet(entry.text, found.terms),
        }
        for entry in selectors.entries_in_order(request.organisation, list(page.object_list))
    ]
    parts = _parts(request.organisation.pk, results, page.start_index() if results else 1)
    context = {
        "form": form,
        "page": page,
        "results": results,
        "parts": parts,
        # Unless only the own memory is searched, each part has a heading (also on a page of
        # own hits alone: the next page may hold shared ones), the hits' titles below it.
        "headed": criteria is None or criteria.scope != selectors.OWN,
        "cut": form.is_bound and getattr(form, "cut", False),
        "max_query": MAX_QUERY,
        "max_counted": MAX_COUNTED,
        "query_string": query_without(request),
    }
    template = "archive/search.html"
    if request.headers.get("HX-Request"):
        template += "#results"
    return render(request, template, context)


@permission_required("archive.read")
def entry_detail(request: MemberRequest, pk: int) -> HttpResponse:
    entry = selectors.entry_visible(request.organisation, pk)
    own_dossiers = selectors.dossiers_of(request.organisation)
    context: dict[str, Any] = {
        "entry": entry,
        "own": entry.organisation_id == request.organisation.pk,
        "dossiers": selectors.dossiers_with(request.organisation, entry),
    }
    if request.user.has_perm("archive.write"):
        context["add_form"] = AddToDossierForm(dossiers=own_dossiers)
    return render(request, "archive/entry_detail.html", context)


def _hand_entry_page(request: MemberRequest, entry: Entry | None) -> HttpResponse:
    initial: dict[str, Any] = {}
    if entry is not None:
        initial = {
            "kind": entry.kind,
            "title": entry.title,
            "text": entry.text,
            "themes": ", ".join(entry.theme_list),
            "period": entry.period,
            "group_name": entry.group_name,
            "shareable": entry.shareable,
        }
    form = HandEntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.hand_entry_save(
                organisation=request.organisation,
                by=request.user,
                entry=entry,
                kind=data["kind"],
                title=data["title"],
                text=data["text"],
                themes=form.theme_list(),
                period=data["period"],
                group_name=data["group_name"],
                shareable=data["shareable"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("It is in the memory."))
            return redirect("archive:entry", pk=saved.pk)
    return render(request, "archive/entry_form.html", {"form": form, "entry": entry})


@permission_required("archive.write")
def entry_add(request: MemberRequest) -> HttpResponse:
    return _hand_entry_page(request, None)


@permission_required("archive.write")
def entry_edit(request: MemberRequest, pk: int) -> HttpResponse:
    entry = selectors.own_hand_entry(request.organisation, pk)
    return _hand_entry_page(request, entry)


@permission_required("archive.read")
def dossier_list(request: MemberRequest) -> HttpResponse:
    page = Paginator(selectors.dossiers_of(request.organisation), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(request, "archive/dossier_list.html", {"page": page})


@permission_required("archive.read")
def dossier_detail(request: MemberRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_of(request.organisation, pk)
    page = Paginator(selectors.dossier_entries(dossier), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(request, "archive/dossier_detail.html", {"dossier": dossier, "page": page})


def _dossier_page(request: MemberRequest, dossier: Any) -> HttpResponse:
    form = DossierForm(request.POST or None, instance=dossier)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.dossier_save(
                organisation=request.organisation,
                by=request.user,
                dossier=dossier,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The dossier is saved."))
            return redirect("archive:dossier", pk=saved.pk)
    return render(request, "archive/dossier_form.html", {"form": form, "dossier": dossier})


@permission_required("archive.write")
def dossier_add(request: MemberRequest) -> HttpResponse:
    return _dossier_page(request, None)


@permission_required("archive.write")
def dossier_edit(request: MemberRequest, pk: int) -> HttpResponse:
    return _dossier_page(request, selectors.dossier_of(request.organisation, pk))


@require_POST
@permission_required("archive.write")
def dossier_add_entry(request: MemberRequest, pk: int) -> HttpResponse:
    entry = selectors.entry_visible(request.organisation, pk)
    form = AddToDossierForm(request.POST, dossiers=selectors.dossiers_of(request.organisation))
    if form.is_valid():
        services.dossier_add_entry(dossier=form.cleaned_data["dossier"], entry=entry)
        messages.success(request, _("The entry is in the dossier."))
    else:
        messages.error(request, _("Choose a dossier to add it to."))
    return redirect("archive:entry", pk=entry.pk)


@require_POST
@permission_required("archive.write")
def dossier_remove_entry(request: MemberRequest, pk: int, entry_pk: int) -> HttpResponse:
    dossier = selectors.dossier_of(request.organisation, pk)
    services.dossier_remove_entry(dossier=dossier, entry_id=entry_pk)
    messages.success(request, _("The entry is no longer in the dossier."))
    return redirect("archive:dossier", pk=dossier.pk)
