"""The retired "what helps" figures stay retired: before-and-after ratings tend to fall anyway, so
coach says where a rating dropped most, never what helped (issue 12)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT

RETIRED = re.compile(r"helps you most|what helped|helped most", re.IGNORECASE)
SCANNED = ("coach", "docs", "exercises")
SUFFIXES = {".py", ".md", ".yaml", ".yml", ".tcss", ".json", ".txt"}


def _files() -> list[Path]:
    found = [ROOT / "README.md"]
    for top in SCANNED:
        found += [p for p in (ROOT / top).rglob("*") if p.suffix in SUFFIXES and p.is_file()]
    return found


def test_the_scan_reads_the_words_people_see() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in _files()}
    assert {"README.md", "docs/pack-format.md", "exercises/core.yaml"} <= names
    assert any(n.startswith("coach/core/") for n in names)


def test_no_retired_figure_words_come_back() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if RETIRED.search(line)
    ]
    assert not found, "\n".join(found)


def test_the_pattern_catches_each_retired_phrasing() -> None:
    for text in ("What helps you most", "what helped", "Helped most", "WHAT HELPED before"):
        assert RETIRED.search(text), text
    assert not RETIRED.search("Where your rating dropped most")
