"""The substance in the participant's language: questions and answers, translated.

Reads only. Pages and letters ask for the translations of everything they show in one
query, and fall back to the Dutch original where there is none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from .models import Translation


@dataclass
class Translated:
    """Translations into one language, by question id and by response id."""

    language: str
    questions: dict[int, Translation] = field(default_factory=dict)
    responses: dict[int, Translation] = field(default_factory=dict)

    def question_title(self, question_id: int, original: str) -> str:
        found = self.questions.get(question_id)
        return found.title if found and found.title else original

    def question_body(self, question_id: int, original: str) -> str:
        found = self.questions.get(question_id)
        return found.text if found and found.text else original

    def response_text(self, response_id: int, original: str) -> str:
        found = self.responses.get(response_id)
        return found.text if found and found.text else original


def translations_for(
    *, language: str, questions: Iterable[int] = (), responses: Iterable[int] = ()
) -> Translated:
    """Every translation into `language` of these questions and responses, in one query.

    Dutch is the original: asking for Dutch returns nothing to translate.
    """
    result = Translated(language)
    question_ids, response_ids = list(questions), list(responses)
    if language == "nl" or not (question_ids or response_ids):
        return result
    rows = Translation.objects.filter(
        Q(question_id__in=question_ids) | Q(response_id__in=response_ids), language=language
    )
    for row in rows:
        if row.question_id is not None:
            result.questions[row.question_id] = row
        elif row.response_id is not None:
            result.responses[row.response_id] = row
    return result
