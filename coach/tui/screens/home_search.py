"""Home's search: results for the words typed, and the crisis lines first when they are about
suicide or self-harm."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static
from textual.widgets.option_list import Option

from coach.tui.text import plain, styled

if TYPE_CHECKING:
    from coach.packs.index import Listed
    from coach.packs.library import ExerciseRef
    from coach.packs.search import Index
    from coach.tui.screens.home import HomeScreen, Row


def search_index(home: HomeScreen) -> Index | None:
    """Home's search over the packs once read, else over the index (no pydantic needed)."""
    if home.index is None and home.listing is not None:
        from coach.packs.search import Index

        home.index = Index(home.listing.exercises)  # type: ignore[arg-type]
    return home.index


def results(home: HomeScreen, query: str) -> list[Row]:
    """The rows for the words typed: crisis lines first for risk words, why each matched."""
    from coach.core.risk import mentions_risk, other_words

    if mentions_risk(query):
        show_risk_help(home)
        words = other_words(query)
        index = search_index(home)
        found = index.search(words, limit=12, close=False) if index and words else []
        rows: list[Row] = [m.ref for m in found]
        return rows or list(grounding(home))
    home.query_one("#home-risk").display = False
    index = search_index(home)
    matches = index.search(query, limit=12) if index else []
    if not matches:
        return [
            Option(Content("Nothing matched those words. Other words may work."), disabled=True)
        ]
    return [(m.ref, m.why) for m in matches]


def show_risk_help(home: HomeScreen) -> None:
    """The crisis lines above the results, for the region chosen (every region's if none)."""
    from coach.core.crisis import lines as crisis_lines
    from coach.core.risk import help_for

    found = help_for(home.crisis_region())
    block = home.query_one("#home-risk", VerticalScroll)
    block.display = True
    if found == home._risk_shown:
        return
    home._risk_shown = found
    rows = [Static(plain(found.opening), classes="risk-opening")]
    for place in found.regions:
        rows.append(Static(styled(place.name, "bold"), classes="risk-region"))
        rows += [Static(plain(line), classes="risk-line") for line in crisis_lines(place)]
    rows.append(Static(plain(found.closing), classes="risk-closing"))
    block.remove_children()
    block.mount_all(rows)


def grounding(home: HomeScreen) -> list[ExerciseRef | Listed]:
    """Grounding exercises, quickest first: offered when only risk words were typed."""
    refs: list[ExerciseRef | Listed] = list(home._by_skill().get("grounding", []))
    return sorted(refs, key=lambda ref: ref.minutes or 999)
