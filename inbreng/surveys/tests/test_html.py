"""The interview, self-completion and paper pages pass the Nu Html Checker with 0 errors,
for every kind of question and with an error shown (the matrix only reaches empty pages)."""

from __future__ import annotations

from pathlib import Path

from django.test import Client
from django.urls import reverse

from conftest import World
from inbreng.surveys.services import responses
from tests.test_html_standards import _checker_or_skip, vnu_errors

from .factories import PAPER, satisfaction_wave


def _raw(kind: str) -> str:
    """An answer for each kind; "yes" to "unsolved" so that the open question follows."""
    return {"yes_no": "yes", "number": "2", "open": "Goed", "multiple": "1"}.get(kind, "1")


def _pages(world: World) -> dict[str, str]:
    wave = satisfaction_wave(world)
    pages: dict[str, str] = {}
    staff = world.client_for("coordinator")
    response = responses.response_start(wave=wave, mode="interview_phone", by=None)
    url = reverse("surveys:interview", kwargs={"pk": response.pk})
    questions = responses.questions_of(wave)
    # Every question in turn, so every kind of question is checked.
    where = responses.route(questions, {})
    while where.current is not None:
        q = questions[where.current]
        pages[f"interview_{q.code}"] = staff.get(url).content.decode()
        staff.post(url, {"q": str(where.current), "answer": _raw(q.kind)})
        where = responses.route(questions, responses.answers_of(response))
    assert len([p for p in pages if p.startswith("interview_")]) == len(questions)
    pages["interview_error"] = staff.post(url, {"q": "0"}).content.decode()
    entry = reverse("surveys:paper_entry", kwargs={"pk": wave.pk})
    pages["paper_entry"] = staff.get(entry).content.decode()
    bad = {"form_number": "1", **{f"q_{c}": v for c, v in PAPER.items()}, "q_reception": "8"}
    pages["paper_entry_error"] = staff.post(entry, bad).content.decode()
    for language in ("nl", "ar"):
        link, token = responses.link_issue(wave=wave, language=language, by=world.users["admin"])
        person = Client()
        pages[f"self_start_{language}"] = person.get(
            f"{reverse('surveys:self_open')}?t={token}"
        ).content.decode()
        person.post(reverse("surveys:self_open"), {"t": token})
        question = reverse("surveys:self_question")
        pages[f"self_error_{language}"] = person.post(question, {"q": "0"}).content.decode()
        where = responses.route(questions, {})
        while where.current is not None:
            q = questions[where.current]
            pages[f"self_{q.code}_{language}"] = person.get(question).content.decode()
            person.post(question, {"q": str(where.current), "answer": _raw(q.kind)})
            where = responses.route(questions, responses.answers_of(link.response))
        pages[f"self_thanks_{language}"] = person.get(
            reverse("surveys:self_thanks")
        ).content.decode()
        pages[f"self_invalid_{language}"] = (
            Client().get(f"{reverse('surveys:self_open')}?t=nope").content.decode()
        )
    return pages


def test_the_collecting_pages_have_no_html_errors(world: World, tmp_path: Path) -> None:
    command = _checker_or_skip()
    files = []
    for name, html in _pages(world).items():
        assert html.lstrip().lower().startswith("<!doctype html"), name
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    errors = vnu_errors(command, files)
    assert not errors, "The Nu Html Checker found errors:\n" + "\n".join(errors)
