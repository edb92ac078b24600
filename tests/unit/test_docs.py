"""The docs a reader follows are true: links lead somewhere, and every example is what coach reads."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, get_args

import pytest

from coach.errors import PackError
from coach.packs import model
from coach.packs.loader import parse_pack
from coach.records import EXPORT_FORMAT, Card, Session
from tests.conftest import ROOT

DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [ROOT / "README.md", *DOCS]
PACK_PAGE = ROOT / "docs" / "pack-format.md"
EXPORT_PAGE = ROOT / "docs" / "export-format.md"
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _links(page: Path) -> list[str]:
    return _LINK.findall(page.read_text())


def _slug(heading: str) -> str:
    """The anchor a Markdown heading gets, as GitHub makes it."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    outside_code = re.sub(r"^```.*?^```", "", page.read_text(), flags=re.S | re.M)
    return {
        _slug(line.lstrip("#")) for line in outside_code.splitlines() if re.match(r"#{1,6} ", line)
    }


def _blocks(page: Path, language: str) -> list[str]:
    """The fenced code blocks of a page in one language, in order."""
    return re.findall(rf"^```{language}\n(.*?)^```", page.read_text(), re.S | re.M)


def test_the_docs_exist() -> None:
    names = {p.name for p in DOCS}
    assert {"pack-format.md", "export-format.md", "architecture.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_link_leads_to_a_file_in_the_repository(page: Path) -> None:
    for target in _links(page):
        assert "://" not in target and not target.startswith("mailto:"), (
            f"{page.name} links outside the repository: {target}"
        )
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        assert file.is_relative_to(ROOT) and file.exists(), f"{page.name}: {target} is missing"
        if anchor and file.suffix == ".md":
            assert anchor in _anchors(file), f"{page.name}: {target} has no such heading"


def test_the_readme_links_to_every_doc() -> None:
    linked = {(ROOT / target.partition("#")[0]).resolve() for target in _links(ROOT / "README.md")}
    assert {p.resolve() for p in DOCS} <= linked


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_nothing_points_at_files_a_reader_does_not_have(page: Path) -> None:
    assert "shared/" not in page.read_text()


# ---- the pack format --------------------------------------------------------------------------


def _example_pack() -> str:
    return _blocks(PACK_PAGE, "yaml")[0]


def test_the_example_pack_loads_as_it_is() -> None:
    pack = parse_pack(_example_pack().encode(), "steady.yaml")
    kinds = {step.type for exercise in pack.exercises for step in exercise.steps}
    assert pack.plan and "script" in kinds and len(pack.exercises) == 2


def test_the_error_example_is_what_coach_says() -> None:
    broken = _example_pack().replace("cycles: 4}", "cylces: 4}", 1)
    broken = broken.replace("type: text, id: see", "type: txt, id: see", 1)
    with pytest.raises(PackError) as caught:
        parse_pack(broken.encode(), "steady.yaml")
    shown = _blocks(PACK_PAGE, "text")[0]
    assert shown == str(caught.value) + "\n"


_STEP_SNIPPET_PACK = """\
format: coach-pack/1
id: snippet
title: Snippet
version: "1"
exercises:
  - id: one
    title: One
    skill: other
    summary: A step from the docs.
"""


def _step_types() -> set[str]:
    """Every `type` the pack model knows, read from the Literal of each step class."""
    found: set[str] = set()
    for value in vars(model).values():
        if isinstance(value, type) and issubclass(value, model.StepBase):
            field = value.model_fields.get("type")
            if field is not None:
                found.update(get_args(field.annotation))
    return found


def test_every_step_type_is_documented_with_an_example_that_loads() -> None:
    text = PACK_PAGE.read_text()
    snippets = [b for b in _blocks(PACK_PAGE, "yaml") if b.startswith("steps:")]
    shown: set[str] = set()
    for snippet in snippets:
        indented = "".join(f"    {line}\n" for line in snippet.splitlines())
        pack = parse_pack((_STEP_SNIPPET_PACK + indented).encode(), "snippet.yaml")
        shown.add(pack.exercises[0].steps[-1].type)
    types = _step_types()
    assert types == set(model.STEP_TYPES)
    for kind in types:
        assert f"### `{kind}`" in text and f"| `{kind}` |" in text, kind
    assert shown == types


def _keys(cls: type[Any]) -> set[str]:
    return {field.alias or name for name, field in cls.model_fields.items()}


def test_every_key_of_the_format_is_documented() -> None:
    text = PACK_PAGE.read_text()
    classes = [model.Pack, model.Exercise, model.PlanEntry, model.Phase]
    classes += [
        v for v in vars(model).values() if isinstance(v, type) and issubclass(v, model.StepBase)
    ]
    missing = {key for cls in classes for key in _keys(cls) if f"`{key}" not in text}
    assert not missing
    for skill in model.SKILLS:
        assert f"`{skill}`" in text


# ---- the export format ------------------------------------------------------------------------


def test_the_example_export_is_a_valid_history() -> None:
    data = json.loads(_blocks(EXPORT_PAGE, "json")[0])
    assert data["format"] == EXPORT_FORMAT
    assert set(data) - {"format", "exported", "sessions", "cards"} <= {
        k for k in data if k.startswith("x-")
    }
    sessions = [Session.model_validate(record) for record in data["sessions"]]
    cards = [Card.model_validate(record) for record in data["cards"]]
    assert sessions and cards
    assert [list(record) for record in data["sessions"]] == [list(s.as_record()) for s in sessions]


def test_every_field_of_a_record_is_documented() -> None:
    text = EXPORT_PAGE.read_text()
    for cls in (Session, Card):
        missing = {key for key in cls.model_fields if f"`{key}`" not in text}
        assert not missing, cls.__name__
