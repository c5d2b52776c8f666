"""Reads of the participant register, scoped to the organisation and the reader's role."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from inbreng.core.models import Membership, Organisation, Role
from inbreng.core.selectors import of_organisation
from inbreng.lib.phone import InvalidPhoneNumber, normalise_phone
from inbreng.lib.text import fold

from .models import Participant


def participants_visible_to(membership: Membership) -> QuerySet[Participant]:
    """The register as this person may see it.

    Coordinators, social workers and admins see the whole register of their organisation.
    A partner worker who has no other role sees only the people their partner referred.
    """
    # The organisation as a bigint (of_organisation): the register's trigram index starts
    # with it, and a second, integer comparison would make PostgreSQL ignore that part.
    people = Participant.objects.filter(
        of_organisation(membership.organisation_id), erased_at__isnull=True
    )
    if membership.has_role(Role.ADMIN, Role.COORDINATOR, Role.SOCIAL_WORKER):
        return people
    if membership.is_partner_worker and membership.partner_id:
        return people.filter(referred_by_partner_id=membership.partner_id)
    return people.none()


def participant_for(membership: Membership, pk: int) -> Participant:
    """One person the reader may see, or 404."""
    return get_object_or_404(
        participants_visible_to(membership).select_related(
            "social_worker", "referred_by_partner", "referred_by_user", "organisation"
        ),
        pk=pk,
    )


PHONE_LIKE = re.compile(r"\+?[0-9][0-9 ./()-]*")


def _phone_condition(query: str) -> Q | None:
    """How to find a typed number among the stored ones, which are all in +32... form.

    People type numbers as they know them ("0470 12 34 56", "0032 470...", the last
    digits), so a national number is looked up by its international start.
    """
    if not PHONE_LIKE.fullmatch(query):
        return None
    try:
        return Q(phone=normalise_phone(query))
    except InvalidPhoneNumber:
        pass
    digits = re.sub(r"[^0-9]", "", query)
    if len(digits) < 3:
        return None
    if query.startswith("+"):
        return Q(phone__startswith="+" + digits)
    if digits.startswith("00"):
        return Q(phone__startswith="+" + digits[2:])
    if digits.startswith("0"):
        return Q(phone__startswith="+32" + digits[1:])
    return Q(phone__contains=digits)


def register_search(
    membership: Membership,
    *,
    query: str = "",
    need: str = "",
    language: str = "",
    channel: str = "",
    partner_id: int | None = None,
) -> QuerySet[Participant]:
    people = participants_visible_to(membership).select_related("referred_by_partner")
    if query:
        # Accents and case do not matter; on PostgreSQL a trigram index serves this.
        condition = Q(search_key__contains=fold(query))
        phone = _phone_condition(query)
        if phone is not None:
            condition |= phone
        people = people.filter(condition)
    if need in Participant.NEED_FIELDS:
        people = people.filter(**{need: True})
    if language:
        people = people.filter(language=language)
    if channel:
        people = people.filter(preferred_channel=channel)
    if partner_id:
        people = people.filter(referred_by_partner_id=partner_id)
    return people


def possible_duplicates(
    membership: Membership,
    *,
    name: str,
    phone: str,
    email: str,
    postal_code: str,
    exclude_pk: int | None = None,
) -> list[Participant]:
    """People already in the register who may be the same person.

    The whole register is checked, also the people this reader may not see, so that a
    partner worker does not add someone twice; the view shows only the names they may see.
    """
    conditions = Q()
    if phone:
        conditions |= Q(phone=phone)
    if email:
        conditions |= Q(email__iexact=email)
    if name and postal_code:
        conditions |= Q(postal_code=postal_code, name__iexact=name)
    if not conditions:
        return []
    people = Participant.objects.filter(
        conditions, organisation=membership.organisation, erased_at__isnull=True
    )
    if exclude_pk:
        people = people.exclude(pk=exclude_pk)
    return list(people[:5])


def visible_ids(membership: Membership, people: list[Participant]) -> set[int]:
    """Which of these people the reader may see."""
    if not people:
        return set()
    return set(
        participants_visible_to(membership)
        .filter(pk__in=[person.pk for person in people])
        .values_list("pk", flat=True)
    )


def duplicate_keys(participant: Any) -> set[str]:
    """Keys under which two records are likely the same person."""
    keys = set()
    if participant.get("phone"):
        keys.add("phone:" + participant["phone"])
    if participant.get("email"):
        keys.add("email:" + participant["email"].lower())
    if participant.get("name") and participant.get("postal_code"):
        keys.add("name:" + fold(participant["name"]) + ":" + participant["postal_code"])
    return keys


def existing_duplicate_index(membership: Membership) -> dict[str, int]:
    """Every duplicate key in the organisation's register, for checking an import."""
    index: dict[str, int] = {}
    rows = Participant.objects.filter(
        organisation=membership.organisation, erased_at__isnull=True
    ).values("pk", "name", "phone", "email", "postal_code")
    for row in rows:
        for key in duplicate_keys(row):
            index.setdefault(key, row["pk"])
    return index


def inactive_participants(membership: Membership) -> QuerySet[Participant]:
    """People without activity for the organisation's review period, oldest first."""
    months = membership.organisation.inactivity_months
    cutoff = timezone.now() - timedelta(days=round(months * 30.44))
    return (
        participants_visible_to(membership)
        .filter(last_activity_at__lt=cutoff)
        .order_by("last_activity_at", "pk")
    )


def register_names(organisation: Organisation) -> list[str]:
    """Every name in the organisation's register, as people are called and as on letters,
    for refusing texts that must hold no personal data (signals, the memory).

    All of them, not a pre-selection by the words of the text: a pre-selection on capitalised
    words let a name written in lower case, or after 50 other words, through. A signal is
    recorded a few times a month; a city's register is a few thousand names.
    """
    rows = Participant.objects.filter(
        organisation=organisation, erased_at__isnull=True
    ).values_list("name", "postal_name")
    return [n for row in rows.iterator() for n in row if n]
