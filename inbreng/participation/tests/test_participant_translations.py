"""Everything a participant reads is translated into every participant language.

French and Arabic catalogues translate only what participants see: their own page, its forms
and messages, the feedback letter, the level promises, the answers' plain statuses and the
pictogram labels. The staff strings stay empty there (the staff interface is Dutch or English).
This test collects the participant strings from the sources themselves, not from the
catalogue, so a new sentence on a participant page fails here until it is translated.

A new participant template goes in PARTICIPANT_TEMPLATES; a template that extends
participant_base.html, or is included from a listed one, but is not listed fails the test.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

import pytest
from django import forms
from django.conf import settings
from django.template import engines
from django.template.loader_tags import ExtendsNode, IncludeNode
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.utils import translation

from inbreng.core.templatetags.pictograms import PICTOGRAMS
from inbreng.core.tests.test_translations import catalogue, placeholders
from inbreng.participation import forms as participation_forms
from inbreng.participation.models import LEVEL_PROMISES, PLAIN_STATUS, Invitation
from inbreng.participation.outreach import NOTHING_TO_BRING
from inbreng.people.models import Language, Participant

# Every template a participant sees, with the shared components they include.
PARTICIPANT_TEMPLATES = [
    "components/pagination.html",
    "participation/participant_base.html",
    "participation/_my_language.html",
    "participation/my_page.html",
    "participation/_my_pairs.html",
    "participation/my_question.html",
    "participation/_my_close.html",
    "participation/_my_reply_form.html",
    "participation/my_reply_error.html",
    "participation/my_input_error.html",
    "participation/link_invalid.html",
    "participation/link_open.html",
    "participation/my_logged_out.html",
    "participation/letter.pdf.html",
    "messaging/letters.pdf.html",
    "messaging/_items.pdf.html",
    "messaging/_items.pdf.css",
    "components/call_us.html",
    "components/messages.html",
    "components/form.html",
    "components/field.html",
    "components/error_summary.html",
    "components/pdf_fonts.css",
    # What a client of a case conference gets on paper.
    "casework/consent_form.pdf.html",
    "casework/client_report.pdf.html",
    "casework/access_log.pdf.html",
    "casework/_pdf_style.css",
]

# Included from a listed template, but never on a participant page: the plain-language check
# shows only next to fields that have one, which only staff forms do.
STAFF_ONLY_INCLUDES = {"components/plain_check.html"}

# Python files whose every translatable string is for participants.
PARTICIPANT_MODULES = [
    "inbreng/participation/views/personal.py",
    "inbreng/messaging/replies.py",
    # Each input with its own answer, as letters, e-mails, calls and SMS tell it.
    "inbreng/messaging/items.py",
]

# Forms on the participant's page: labels, choices and the error messages they set themselves
# (Django's own messages, such as "This field is required.", come with Django's catalogue).
PARTICIPANT_FORMS: list[type[forms.Form]] = [
    participation_forms.MyInputForm,
    participation_forms.MyReplyForm,
    participation_forms.MyLanguageForm,
]

FOREIGN_LANGUAGES = [
    code for code in settings.PARTICIPANT_LANGUAGES if code not in settings.STAFF_LANGUAGES
]
GETTEXT_CALLS = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}


@dataclass(frozen=True)
class Msg:
    msgid: str
    plural: str
    where: str


def english(value: Any) -> str:
    """The source string of a lazy translation: English has no catalogue, so it is the msgid."""
    with translation.override("en"):
        return str(value)


def template_messages(name: str) -> tuple[list[Msg], set[str]]:
    """The strings a template translates, and the templates it extends or includes by name."""
    template = engines["django"].get_template(name).template  # type: ignore[attr-defined]
    found: list[Msg] = []
    used: set[str] = set()
    for node in template.nodelist.get_nodes_by_type(TranslateNode):
        literal = node.filter_expression.var.literal
        if isinstance(literal, str) and node.message_context is None:
            found.append(Msg(literal, "", name))
    for node in template.nodelist.get_nodes_by_type(BlockTranslateNode):
        if node.message_context is None:
            singular = node.render_token_list(node.singular)[0]
            plural = node.render_token_list(node.plural)[0] if node.plural else ""
            found.append(Msg(singular, plural, name))
    for node in template.nodelist.get_nodes_by_type(IncludeNode):
        if isinstance(node.template.var, str):
            used.add(node.template.var)
    for node in template.nodelist.get_nodes_by_type(ExtendsNode):
        if isinstance(node.parent_name.var, str):
            used.add(node.parent_name.var)
    return found, used


def module_messages(path: str) -> list[Msg]:
    """The string literals given to gettext and friends in a Python file."""
    tree = ast.parse((settings.BASE_DIR / path).read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id not in GETTEXT_CALLS or not node.args:
            continue
        strings = [a.value for a in node.args[:2] if isinstance(a, ast.Constant)]
        if strings and all(isinstance(s, str) for s in strings):
            plural = strings[1] if node.func.id.startswith("ngettext") else ""
            found.append(Msg(str(strings[0]), str(plural), f"{path}:{node.lineno}"))
    return found


def form_messages(form_class: type[forms.Form]) -> list[Msg]:
    kwargs: dict[str, Any] = {}
    if form_class is participation_forms.MyReplyForm:
        kwargs = {"invitation": Invitation(), "participant": Participant()}
    form = form_class(**kwargs)
    where = f"{form_class.__module__}.{form_class.__name__}"
    found = []
    for name, field in form.fields.items():
        texts = [field.label, field.help_text]
        texts += [label for _value, label in getattr(field, "choices", [])]
        defaults = type(field)().error_messages
        texts += [m for code, m in field.error_messages.items() if m != defaults.get(code)]
        found += [Msg(english(t), "", f"{where}.{name}") for t in texts if t]
    # Language choices show codes; the page shows each name in its own language instead.
    return [m for m in found if m.msgid not in settings.PARTICIPANT_LANGUAGES]


def participant_messages() -> list[Msg]:
    found: list[Msg] = []
    for name in PARTICIPANT_TEMPLATES:
        found += template_messages(name)[0]
    for path in PARTICIPANT_MODULES:
        found += module_messages(path)
    for form_class in PARTICIPANT_FORMS:
        found += form_messages(form_class)
    for label, strings in [
        ("LEVEL_PROMISES", LEVEL_PROMISES.values()),
        ("PLAIN_STATUS", PLAIN_STATUS.values()),
        ("PICTOGRAMS", PICTOGRAMS.values()),
        # The interpreter's language, chosen from a list on the participant's page.
        ("people.Language", Language.labels),
        # "What to bring" when the meeting names nothing: filled into every invitation.
        ("outreach.NOTHING_TO_BRING", [NOTHING_TO_BRING]),
    ]:
        found += [Msg(english(s), "", label) for s in strings]
    unique: dict[tuple[str, str], Msg] = {}
    for msg in found:
        unique.setdefault((msg.msgid, msg.plural), msg)
    return list(unique.values())


def test_it_lists_every_template_a_participant_sees() -> None:
    base = "participation/participant_base.html"
    pages = {
        f"participation/{path.name}"
        for path in (settings.BASE_DIR / "inbreng/participation/templates/participation").glob(
            "*.html"
        )
        if f'{{% extends "{base}" %}}' in path.read_text(encoding="utf-8")
    }
    used = set().union(*(template_messages(name)[1] for name in PARTICIPANT_TEMPLATES))
    unlisted = sorted((pages | used) - set(PARTICIPANT_TEMPLATES) - STAFF_ONLY_INCLUDES)
    assert not unlisted, f"Add these participant templates to PARTICIPANT_TEMPLATES: {unlisted}"


def test_it_finds_the_participant_strings() -> None:
    msgids = {m.msgid for m in participant_messages()}
    # A few from each source, so a broken collector cannot pass the test below by finding none.
    for expected in [
        "Hello %(first_name)s",
        "Thank you. We count on you.",
        "Are you coming?",
        "Type a number from 1 to 10.",
        "We ask your opinion. We tell you what we did with it.",
        "Yes, we do it.",
        "Childcare",
        "Arabic",
        "Scan for your page",
        "Please check the form",
    ]:
        assert expected in msgids, expected


@pytest.mark.parametrize("language", FOREIGN_LANGUAGES)
def test_it_translates_everything_a_participant_reads(language: str) -> None:
    po = catalogue(language)
    entries = {(e.msgctxt or "", e.msgid): e for e in po if not e.obsolete}
    missing, untranslated, fuzzy, plural_changed, placeholder_lost = [], [], [], [], []
    for msg in participant_messages():
        line = f"  {msg.where}: {msg.msgid!r}"
        entry = entries.get(("", msg.msgid))
        if entry is None:
            missing.append(line)
            continue
        if entry.msgid_plural != msg.plural:
            plural_changed.append(line)
        if entry.fuzzy:
            fuzzy.append(line)
        elif not entry.translated():
            untranslated.append(line)
        python_format = "python-format" in entry.flags
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            if text and placeholders(msg.msgid, python_format) != placeholders(text, python_format):
                placeholder_lost.append(f"{line} -> {text!r}")
    problems = [
        ("not in the catalogue yet: run makemessages -l " + language, missing),
        ("untranslated", untranslated),
        ("fuzzy (check them, then remove '#, fuzzy')", fuzzy),
        ("with a changed plural: run makemessages", plural_changed),
        ("that lose or add a placeholder", placeholder_lost),
    ]
    report = "\n".join(
        f"{len(lines)} participant strings {what} (locale/{language}/LC_MESSAGES/django.po):\n"
        + "\n".join(lines)
        for what, lines in problems
        if lines
    )
    assert not report, report


@pytest.mark.parametrize("language", FOREIGN_LANGUAGES)
def test_it_says_who_wrote_the_translation(language: str) -> None:
    header = (settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po").read_text(
        encoding="utf-8"
    )[:1000]
    assert "Written by the development team; not yet reviewed by a native speaker." in header
