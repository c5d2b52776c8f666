"""Joins tagged PDFs (PDF/UA-1, as WeasyPrint makes them) into one, keeping the tags.

A batch of letters is rendered in parts so that no part needs much memory or time; the
parts then become one file. Joining pages alone (as pypdf does) drops each part's structure
tree, and with it everything a screen reader needs. Here the structure tree of every part
is grafted under one Document element, the parent tree is renumbered (each page's
StructParents and each annotation's StructParent move past the previous parts' numbers),
and the document keeps MarkInfo, its language, its title (shown as the title) and the
XMP metadata that says it is PDF/UA-1.

WeasyPrint does not write the language of an element with its own `lang` into the tree.
It makes one top-level element (a letter's `Sect`) per page, each pointing to its page
(`/Pg`); the join sets `/Lang` on each from the language of its page, which the caller
gives (`letters.render_letters` reads it from the layout).

No Django here: paths in, a path out.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    if isinstance(kids, Array):
        return list(kids)
    return [kids]


def _parent_tree_entries(tree: pikepdf.Object) -> list[tuple[int, pikepdf.Object]]:
    """The (key, value) pairs of a number tree, flat or with /Kids."""
    entries: list[tuple[int, pikepdf.Object]] = []
    nums = tree.get("/Nums")
    if nums is not None:
        entries += [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]
    for kid in tree.get("/Kids", []):
        entries += _parent_tree_entries(kid)
    return entries


def _copy(result: pikepdf.Pdf, part: pikepdf.Pdf, value: pikepdf.Object) -> pikepdf.Object:
    """`value` of `part` in `result`; objects already copied (pages) are shared, not doubled."""
    if isinstance(value, pikepdf.Object) and not value.is_indirect:
        value = part.make_indirect(value)
    return result.copy_foreign(value)


def join_tagged(
    parts: Sequence[Path], out: Path, *, languages: Sequence[Sequence[str]] = ()
) -> int:
    """Writes the parts, in order, as one tagged PDF to `out`; returns its page count.

    `languages[i]` lists the language of each page of part i.
    """
    if not parts:
        raise ValueError("nothing to join")
    result = pikepdf.new()
    document = result.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    nums = Array()
    offset = 0
    opened: list[pikepdf.Pdf] = []
    try:
        for index, path in enumerate(parts):
            part = pikepdf.open(path)
            opened.append(part)
            root = part.Root
            if "/StructTreeRoot" not in root:
                raise ValueError(f"part {index + 1} is not tagged")
            tree = root.StructTreeRoot
            tops = _kids(tree)
            # WeasyPrint puts one Document element on top; take its children.
            elements = [
                kid
                for top in tops
                for kid in (_kids(top) if top.get("/S") == Name.Document else [top])
            ]
            wanted = languages[index] if index < len(languages) else ()
            page_numbers = {page.obj.objgen: n for n, page in enumerate(part.pages)}
            for element in elements:
                page_of = element.get("/Pg")
                number = page_numbers.get(page_of.objgen) if page_of is not None else None
                if number is not None and number < len(wanted) and wanted[number]:
                    element.Lang = pikepdf.String(wanted[number])
            for top in tops:
                # Cut the link back to this part's root, so that copying an element does
                # not drag the part's whole tree (and parent tree) along.
                if "/P" in top:
                    del top["/P"]
            entries = _parent_tree_entries(tree.get("/ParentTree", Dictionary()))
            highest = max((key for key, _value in entries), default=-1)

            first_page = len(result.pages)
            result.pages.extend(part.pages)
            for page in list(result.pages)[first_page:]:
                if "/StructParents" in page.obj:
                    page.obj.StructParents = int(page.obj.StructParents) + offset
                for annotation in page.obj.get("/Annots", []):
                    if "/StructParent" in annotation:
                        annotation.StructParent = int(annotation.StructParent) + offset
            for element in elements:
                copied = _copy(result, part, element)
                copied.P = document
                document.K.append(copied)
            for key, value in entries:
                nums.append(key + offset)
                nums.append(_copy(result, part, value))
            offset += highest + 1

        first = opened[0]
        tree_root = result.make_indirect(
            Dictionary(
                Type=Name.StructTreeRoot,
                K=Array([document]),
                ParentTree=result.make_indirect(Dictionary(Nums=nums)),
                ParentTreeNextKey=offset,
            )
        )
        role_map = first.Root.StructTreeRoot.get("/RoleMap")
        if role_map is not None:
            tree_root.RoleMap = _copy(result, first, role_map)
        document.P = tree_root
        result.Root.StructTreeRoot = tree_root
        result.Root.MarkInfo = Dictionary(Marked=True)
        if "/Lang" in first.Root:
            result.Root.Lang = first.Root.Lang
        result.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        if "/Metadata" in first.Root:
            result.Root.Metadata = _copy(result, first, first.Root.Metadata)
        for name in ("/Title", "/Producer", "/Creator"):
            if name in first.docinfo:
                result.docinfo[name] = first.docinfo[name]
        result.save(out)
        return len(result.pages)
    finally:
        for part in opened:
            part.close()
        result.close()
