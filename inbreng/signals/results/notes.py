"""What changed because of an answer, as the loop shows it to participants.

Registered with `core.services.register_answer_notes`: the personal page, the per-person
letter and the feedback messages put each result under the answer it came from, in the
person's language where the result has a translation, in Dutch (marked as such) otherwise.
One query, whatever the number of answers.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, OuterRef, Q, Subquery
from django.utils import translation

from ..models import Result, ResultTranslation


def result_notes(response_ids: list[int], language: str) -> dict[int, list[dict[str, Any]]]:
    wanted = set(response_ids)
    results = Result.objects.filter(
        Q(response_id__in=wanted) | Q(answer__responses__in=wanted)
    ).annotate(via=F("answer__responses"))
    if language != "nl":
        translated = ResultTranslation.objects.filter(
            organisation_id=OuterRef("organisation_id"), result=OuterRef("pk"), language=language
        )
        results = results.annotate(
            title_tr=Subquery(translated.values("title")[:1]),
            meaning_tr=Subquery(translated.values("meaning")[:1]),
        )
    notes: dict[int, list[dict[str, Any]]] = {}
    seen: set[tuple[int, int]] = set()
    with translation.override(language):
        for result in results.order_by("created_at", "pk"):
            via = getattr(result, "via", None)
            response_id = result.response_id if result.response_id in wanted else via
            if response_id not in wanted or (response_id, result.pk) in seen:
                continue
            seen.add((response_id, result.pk))
            title = getattr(result, "title_tr", None) or ""
            meaning = getattr(result, "meaning_tr", None) or ""
            translated_here = bool(title and meaning)
            notes.setdefault(response_id, []).append(
                {
                    "title": title if translated_here else result.title,
                    "title_nl": result.title if translated_here else "",
                    "text": meaning if translated_here else result.meaning,
                    "text_nl": result.meaning if translated_here else "",
                    "language": language if translated_here else "nl",
                    "status": result.status,
                    "status_text": str(result.get_status_display()),
                    "progress": result.progress,
                    "due_on": result.due_on.isoformat() if result.due_on else None,
                }
            )
    return notes
