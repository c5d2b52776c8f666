"""Letters rendered in parts and joined into one PDF stay tagged PDF/UA-1: one structure
tree over every page, each letter with its language, the title, MarkInfo and XMP."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from django.utils import translation
from pypdf import PdfReader

from conftest import World
from inbreng.core.tests.test_pdf_accessibility import check_tagged
from inbreng.messaging import letters as letters_module
from inbreng.messaging.pdf_join import join_tagged
from inbreng.messaging.tests.test_letters import PEOPLE, Letters, letters  # noqa: F401


def structure(pdf: pikepdf.Pdf) -> tuple[list[str], set[tuple[int, int]], list[int]]:
    """The language of each letter (Sect), the pages its marked content is on, and every
    marked-content id the tree points to."""
    pages = {page.obj.objgen for page in pdf.pages}
    languages: list[str] = []
    used: set[tuple[int, int]] = set()
    mcids: list[int] = []

    def walk(node: Any, page: Any = None) -> None:
        if isinstance(node, int):
            mcids.append(node)
            assert page is not None and page.objgen in pages
            used.add(page.objgen)
            return
        if not isinstance(node, pikepdf.Dictionary):
            return
        if node.get("/S") == pikepdf.Name.Sect:
            languages.append(str(node.get("/Lang", "")))
        page = node.get("/Pg", page)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid, page)

    walk(pdf.Root.StructTreeRoot.K[0])
    return languages, used, mcids


def test_three_parts_join_into_one_tagged_pdf(
    world: World,
    letters: Letters,  # noqa: F811
    tmp_path: Path,
) -> None:
    message = letters.message
    parts = []
    page_languages = []
    for language in ("nl", "ar", "fr"):
        rows = list(
            letters_module.to_print(message)
            .filter(participant=letters.people[language])
            .select_related("participant__social_worker")
        )
        path = tmp_path / f"{language}.pdf"
        content, languages = letters_module.render_part(message, rows)
        # The language of each page, read from the layout.
        assert languages == [language]
        path.write_bytes(content)
        parts.append(path)
        page_languages.append(languages)
    out = tmp_path / "all.pdf"

    pages = join_tagged(parts, out, languages=page_languages)

    content = out.read_bytes()
    assert pages == 3
    text = check_tagged(content, title=message.title, language="nl")
    with pikepdf.open(out) as pdf:
        languages, used, _mcids = structure(pdf)
        assert languages == ["nl", "ar", "fr"]
        # The tree reaches the content of every page, and each page's parent-tree entry
        # is its own after renumbering.
        assert used == {page.obj.objgen for page in pdf.pages}
        keys = [int(page.obj.StructParents) for page in pdf.pages]
        assert len(set(keys)) == 3
        tree = pdf.Root.StructTreeRoot
        numbers = [int(n) for n in tree.ParentTree.Nums[::2]]
        assert set(keys) <= set(numbers)
        assert int(tree.ParentTreeNextKey) > max(numbers)
        assert "pdfuaid" in pdf.Root.Metadata.read_bytes().decode()
    # The letters in order, one per page; the Arabic in logical order.
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]
    for text_of_page, language in zip(texts, ("nl", "ar", "fr"), strict=True):
        assert PEOPLE[language][1] in " ".join(text_of_page.split())
    arabic = texts[1]
    with translation.override("ar"):
        words = re.findall(r"[\u0600-\u06ff]{3,}", translation.gettext("Scan for your page"))
    assert words
    assert all(word in arabic for word in words), (words, arabic)
    assert text.index(PEOPLE["nl"][1]) < text.index(PEOPLE["fr"][1])


def test_it_refuses_an_untagged_part(tmp_path: Path) -> None:
    untagged = tmp_path / "plain.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(untagged)

    with pytest.raises(ValueError, match="not tagged"):
        join_tagged([untagged], tmp_path / "out.pdf")
