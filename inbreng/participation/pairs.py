"""Pairs: each thing a participant (or their group) said, with its own answer right under it.

One builder for every place a participant hears back: the personal page, the per-person
letter, and the feedback message (letter, e-mail, social worker, phone, SMS). It makes the
plain JSON items messaging stores and renders (`messaging/items.py` lists the keys), in the
person's language where a translation exists, with the Dutch original kept beside it.
Reads nothing itself: callers fetch the input (with question and response) and the
translations in a fixed number of queries, whatever the number of inputs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import translation

from inbreng.messaging.items import GROUP, ME

from .models import Contribution, Response
from .translations import Translated, translations_for


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _answer_fields(response: Response | None, translated: Translated) -> dict[str, Any]:
    if response is None:
        return {
            "answer": None,
            "status": "",
            "status_text": "",
            "reasons": "",
            "reasons_nl": "",
            "expected_on": None,
            "decided_by": "",
            "decided_on": None,
            "results": [],
        }
    reasons = translated.response_text(response.pk, response.explanation)
    return {
        "answer": response.pk,
        "status": response.status,
        # The plain words in the active language (the caller activates the person's).
        "status_text": response.plain_status,
        "reasons": reasons,
        "reasons_nl": response.explanation if reasons != response.explanation else "",
        "expected_on": _iso(response.expected_on),
        "decided_by": response.decided_by,
        "decided_on": _iso(response.decided_on),
        # What changed because of this answer (results), from apps that follow it up.
        "results": translated.notes.get(response.pk, []),
    }


def item(
    contribution: Contribution,
    *,
    participant_id: int | None,
    translated: Translated,
) -> dict[str, Any]:
    """One input and its answer as a plain dict, texts in `translated.language`."""
    question = contribution.question
    title = translated.question_title(question.pk, question.title)
    mine = participant_id is not None and contribution.participant_id == participant_id
    return {
        "question": question.pk,
        "question_title": title,
        "question_title_nl": question.title if title != question.title else "",
        "language": translated.language,
        "due_on": _iso(question.answer_due_on),
        "contribution": contribution.pk,
        "said": contribution.text,
        "said_by": ME if mine else GROUP,
        "review": contribution.review,
        # Own input without an answer may still be taken back on the personal page.
        "withdrawable": mine and contribution.response_id is None,
        **_answer_fields(contribution.response, translated),
        "shared": False,
    }


def feedback_items(
    contributions: Iterable[Contribution],
    *,
    participant_id: int | None,
    translated: Translated,
) -> list[dict[str, Any]]:
    """The items for one person, per question in the order given, in time order within a
    question, and input under one answer side by side (marked `shared`).

    `contributions` carry their question and response (select_related). The texts are in
    `translated.language`; call this with that language active, for the plain statuses.
    """
    by_question: dict[int, list[Contribution]] = {}
    for contribution in contributions:
        by_question.setdefault(contribution.question_id, []).append(contribution)
    items: list[dict[str, Any]] = []
    for said in by_question.values():
        said.sort(key=lambda c: (c.created_at, c.pk))
        # Each answer right after the first input it answers; waiting input last.
        order: dict[int | None, int] = {}
        for c in said:
            order.setdefault(c.response_id, len(order))
        said.sort(key=lambda c: (c.response_id is None, order[c.response_id]))
        built = [item(c, participant_id=participant_id, translated=translated) for c in said]
        counts: dict[int, int] = {}
        for entry in built:
            if entry["answer"]:
                counts[entry["answer"]] = counts.get(entry["answer"], 0) + 1
        for entry in built:
            entry["shared"] = counts.get(entry["answer"], 0) > 1
        items += built
    return items


def items_in(
    contributions: list[Contribution], *, participant_id: int | None, language: str
) -> list[dict[str, Any]]:
    """`feedback_items` in `language`, reading its translations (one query, none for Dutch)."""
    translated = translations_for(
        language=language,
        questions={c.question_id for c in contributions},
        responses={c.response_id for c in contributions if c.response_id},
    )
    with translation.override(language):
        return feedback_items(contributions, participant_id=participant_id, translated=translated)


MESSAGE_KEYS = (
    "question",
    "question_title",
    "question_title_nl",
    "language",
    "due_on",
    "said",
    "said_by",
    "answer",
    "status",
    "status_text",
    "reasons",
    "reasons_nl",
    "expected_on",
    "decided_by",
    "decided_on",
    "results",
    "shared",
)


def for_message(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items as a message stores them: without what only the personal page needs."""
    return [{key: entry[key] for key in MESSAGE_KEYS} for entry in items]
