"""Reads from the memory: what a member of an organisation may find, and the search.

An organisation sees its own entries and the shareable entries of the other organisations of
the installation (the network's memory); another organisation's private entry is never found,
whatever the query, and its page is a 404.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import overload

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from inbreng.core.models import Organisation
from inbreng.core.selectors import of_organisation
from inbreng.lib.dutch_terms import query_terms

from .models import HAND_KEY_PREFIX, Dossier, DossierEntry, Entry, Facet


@dataclass(frozen=True)
class Criteria:
    q: str = ""
    kind: str = ""
    theme: str = ""
    body: str = ""
    status: str = ""
    group: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    scope: str = ""  # "": own and shared; OWN or NETWORK: one of them


OWN = "own"
NETWORK = "network"


@dataclass
class Search:
    entries: QuerySet[Entry]
    terms: list[str] = field(default_factory=list)
    # PostgreSQL: the hits whose title has every term, in the same order as `entries`,
    # where they all come first. A page that lies among them is read from these alone.
    title_hits: QuerySet[Entry] | None = None
    # The organisation's own hits, then the network's shared ones: `entries` is both in that
    # order, each part ranked on its own. A page among the own hits reads nothing else.
    parts: list[Search] = field(default_factory=list)


class _RankedPart:
    """One part's hit ids in rank order: slicing reads one page.

    A page that lies wholly among the title hits comes from those alone (their own index:
    a few hundred rows to rank for a common word rather than thousands); any other page
    ranks every hit of the part.
    """

    def __init__(self, search: Search) -> None:
        self._every = search.entries.values_list("pk", flat=True)
        self._titles = (
            None if search.title_hits is None else search.title_hits.values_list("pk", flat=True)
        )

    def slice(self, start: int, stop: int) -> list[int]:
        if self._titles is not None:
            page = list(self._titles[start:stop])
            if len(page) == stop - start:
                return page
        return list(self._every[start:stop])

    def count(self, most: int) -> int:
        """How many hits, counted up to `most` (without ranking: no ORDER BY)."""
        return len(self._every.order_by()[:most])


class RankedIds(Sequence[int]):
    """A search's hit ids in rank order, for a paginator: slicing reads one page.

    The own hits come first, then the network's shared ones; a page that the own hits fill
    reads only the own part. The length stops at `cap + 1`: when the own hits pass the cap
    the network is not counted at all; with fewer own hits the count reads the network's
    index too (a common word there costs a few milliseconds, not a ranking).
    """

    def __init__(self, search: Search, cap: int) -> None:
        self._parts = [_RankedPart(part) for part in (search.parts or [search])]
        self._cap = cap
        self._counted: dict[int, int] = {}  # part → hits counted up to cap + 1
        self._exact: dict[int, int] = {}  # part → hits, where known exactly

    def _counted_size(self, index: int) -> int:
        if index not in self._counted:
            self._counted[index] = self._parts[index].count(self._cap + 1)
            if self._counted[index] <= self._cap:
                self._exact[index] = self._counted[index]
        return self._counted[index]

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, int):
            one = self[index : index + 1]
            if not one:
                raise IndexError(index)
            return one[0]
        start = index.start or 0
        stop = len(self) if index.stop is None else index.stop
        found: list[int] = []
        offset = 0  # where the current part starts in the whole ranking
        for number, part in enumerate(self._parts):
            if stop <= offset:
                break
            local = max(start - offset, 0)
            known = self._exact.get(number)
            got = [] if known is not None and local >= known else part.slice(local, stop - offset)
            found += got
            if len(found) == stop - start or number == len(self._parts) - 1:
                break
            # This part ran out within the page: the next one starts after all its hits.
            if known is None:
                # It returned what it has from `local` on; with nothing there, a count up
                # to `local` is exact (it has at most that many).
                known = local + len(got) if got else part.count(stop - offset)
                self._exact[number] = known
            offset += known
        return found

    @cached_property
    def _length(self) -> int:
        total = 0
        for number in range(len(self._parts)):
            total += self._counted_size(number)
            if total > self._cap:
                return self._cap + 1
        return total

    def __len__(self) -> int:
        return self._length


def visible_entries(organisation: Organisation) -> QuerySet[Entry]:
    # The full-text indexes start with the organisation (btree_gin): see of_organisation.
    return Entry.objects.filter(
        of_organisation(organisation.pk) | Q(shareable=True)
    ).select_related("organisation")


def entry_visible(organisation: Organisation, pk: int) -> Entry:
    return get_object_or_404(visible_entries(organisation), pk=pk)


def own_hand_entry(organisation: Organisation, pk: int) -> Entry:
    """An entry staff wrote by hand, of this organisation; the others are kept by their app."""
    return get_object_or_404(
        Entry, organisation=organisation, pk=pk, key__startswith=HAND_KEY_PREFIX
    )


def known_spelling(organisation: Organisation, names: list[str]) -> list[str]:
    """Each theme as the memory already spells it ("energie" is filed under "Energie" when
    that came first): one theme is one filter choice, whatever its capitals."""
    if not names:
        return names
    known: dict[str, str] = {}
    # All of the organisation's theme names (tens, not thousands), compared here: SQLite's
    # lower() knows only ASCII, and "École" must meet "école" there too.
    for value in (
        Facet.objects.filter(organisation=organisation, field=Facet.Field.THEME)
        .order_by("pk")
        .values_list("value", flat=True)
    ):
        known.setdefault(theme_key(value), value)
    spelled: dict[str, str] = {}
    for name in names:
        spelled.setdefault(theme_key(name), known.get(theme_key(name), name))
    return list(spelled.values())


def theme_key(name: str) -> str:
    """What makes two spellings one theme: the same letters, whatever their capitals or
    how the accents were typed ("Straße" and "STRASSE", composed or not)."""
    return unicodedata.normalize("NFC", name).casefold()


def facets(organisation: Organisation) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {f: [] for f in Facet.Field.values}
    for name, value in (
        Facet.objects.filter(organisation=organisation)
        .order_by("field", "value")
        .values_list("field", "value")
    ):
        found[name].append(value)
    return found


def _filtered(
    organisation: Organisation, criteria: Criteria, entries: QuerySet[Entry]
) -> QuerySet[Entry]:
    if criteria.kind:
        entries = entries.filter(kind=criteria.kind)
    if criteria.theme:
        # As the memory spells it: an older link's "energie" still finds "Energie".
        (theme,) = known_spelling(organisation, [criteria.theme])
        # Not case-sensitive: another organisation's shared entry may spell it otherwise
        # (SQLite's LIKE already ignores ASCII capitals; PostgreSQL's does not).
        entries = entries.filter(themes__icontains=f"|{theme}|")
    if criteria.body:
        entries = entries.filter(body_name=criteria.body)
    if criteria.status:
        entries = entries.filter(status=criteria.status)
    if criteria.group:
        entries = entries.filter(group_name=criteria.group)
    if criteria.start:
        entries = entries.filter(period__gte=criteria.start)
    if criteria.end:
        entries = entries.filter(period__lte=criteria.end)
    return entries


def _rank(every: str) -> RawSQL:
    return RawSQL(
        'ts_rank("archive_entry"."search_vector", to_tsquery(\'simple\', %s), 1)',
        [every],
        output_field=FloatField(),
    )


def _postgres(entries: QuerySet[Entry], terms: list[str]) -> Search:
    # The terms are letters and digits only (dutch_terms), so quoting them is safe; the
    # user's own operators never reach to_tsquery.
    every = " & ".join(f"'{t}'" for t in terms)
    in_title = " & ".join(f"'{t}':A" for t in terms)
    # The same expression as the index archive_entry_title_search (migration 0004): the
    # title's terms with every term, which is what weight A matches in search_vector.
    title_hits = (
        entries.filter(
            RawSQL(
                'to_tsvector(\'simple\'::regconfig, "archive_entry"."title_terms")'
                " @@ to_tsquery('simple', %s)",
                [every],
                output_field=BooleanField(),
            )
        )
        .annotate(rank=_rank(every))
        .order_by("-rank", "-period", "-id")
    )
    every_hit = (
        entries.filter(
            RawSQL(
                '"archive_entry"."search_vector" @@ to_tsquery(\'simple\', %s)',
                [every],
                output_field=BooleanField(),
            )
        )
        .annotate(
            title_hit=RawSQL(
                '"archive_entry"."search_vector" @@ to_tsquery(\'simple\', %s)',
                [in_title],
                output_field=BooleanField(),
            ),
            rank=_rank(every),
        )
        .order_by("-title_hit", "-rank", "-period", "-id")
    )
    return Search(every_hit, terms, title_hits)


def _sqlite(entries: QuerySet[Entry], terms: list[str]) -> Search:
    # FTS5 strings in double quotes: the terms are letters and digits, nothing to escape.
    every = " AND ".join(f'"{t}"' for t in terms)
    # A title hit is checked on the row's own title terms (a short string, already read for
    # the join) rather than with a second full-text query over every hit.
    in_title = " AND ".join(
        ["instr(' ' || \"archive_entry\".\"title_terms\" || ' ', %s) > 0"] * len(terms)
    )
    found = (
        entries.filter(fts_row__isnull=False)
        .filter(RawSQL('"archive_entry_fts" MATCH %s', [every], output_field=BooleanField()))
        .annotate(
            # The SQL repeats one constant; the terms go in as parameters.
            title_hit=RawSQL(  # noqa: S611
                f"({in_title})", [f" {t} " for t in terms], output_field=BooleanField()
            ),
            # bm25 is lower for a better match; the title weighs ten times the text.
            rank=RawSQL('bm25("archive_entry_fts", 10.0, 1.0)', [], output_field=FloatField()),
        )
        .order_by("-title_hit", "rank", "-period", "-id")
    )
    return Search(found, terms)


def entry_search(organisation: Organisation, criteria: Criteria) -> Search:
    """The entries found, best first: the organisation's own, then what the network shared;
    within each, title matches, then by relevance, then newest.

    The query becomes normalised Dutch terms (all must match); without a query the filtered
    entries are listed newest first, own ones first too.
    """
    entries = _filtered(organisation, criteria, visible_entries(organisation))
    # Each part on its own index: the own entries by organisation, the shared ones by the
    # partial indexes over shareable entries (migration 0005).
    own = _filtered(organisation, criteria, Entry.objects.filter(of_organisation(organisation.pk)))
    shared = _filtered(
        organisation,
        criteria,
        Entry.objects.filter(shareable=True).exclude(organisation_id=organisation.pk),
    )
    scopes = {OWN: [own], NETWORK: [shared]}.get(criteria.scope, [own, shared])
    terms = query_terms(criteria.q)
    if not terms and criteria.q.strip():
        # Signs only ("&&", an emoji) is a search for nothing, not for everything.
        return Search(entries.none())
    parts = [_ranked(part, terms) for part in scopes]
    mine = Case(
        When(of_organisation(organisation.pk), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    whole = parts[0] if len(parts) == 1 else _ranked(entries, terms)
    ordering = ["-own", *whole.entries.query.order_by]
    return Search(whole.entries.annotate(own=mine).order_by(*ordering), terms, parts=parts)


def _ranked(entries: QuerySet[Entry], terms: list[str]) -> Search:
    if not terms:
        return Search(entries.order_by("-period", "-id"))
    if connection.vendor == "postgresql":
        return _postgres(entries, terms)
    return _sqlite(entries, terms)


def entries_in_order(organisation: Organisation, ids: list[int]) -> list[Entry]:
    """The visible entries with these ids, in the order given.

    The search ranks and pages over ids only, so the database sorts narrow rows, not every
    hit's whole text; the page's twenty entries are then read in one query.
    """
    found = visible_entries(organisation).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def dossiers_of(organisation: Organisation) -> QuerySet[Dossier]:
    # A correlated count, not annotate(Count()), so the pagination count does not join.
    count = (
        DossierEntry.objects.filter(organisation=organisation, dossier=OuterRef("pk"))
        .values("dossier")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        Dossier.objects.filter(organisation=organisation)
        .annotate(entry_count=Coalesce(Subquery(count), 0))
        .order_by("-updated_at", "-id")
    )


def dossier_of(organisation: Organisation, pk: int) -> Dossier:
    return get_object_or_404(Dossier, organisation=organisation, pk=pk)


def dossier_entries(dossier: Dossier) -> QuerySet[Entry]:
    """The dossier's entries the organisation may still see (a shared entry made private
    again by its owner drops out)."""
    return (
        visible_entries(dossier.organisation)
        .filter(dossierentry__dossier=dossier, dossierentry__organisation=dossier.organisation)
        .order_by("-period", "-id")
    )


def dossiers_with(organisation: Organisation, entry: Entry) -> QuerySet[Dossier]:
    return Dossier.objects.filter(
        organisation=organisation,
        dossierentry__entry=entry,
        dossierentry__organisation=organisation,
    ).order_by("title")
