"""Home: something useful in one keypress, a welcome back, this week, and every exercise.

The first frame is drawn before any pack or history is read; `show` fills it in moments later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from coach.tui.text import plain, styled
from coach.tui.widgets.field import AnswerField
from coach.tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from coach.core.glance import Glance
    from coach.core.home import HomeData
    from coach.core.risk import RiskHelp
    from coach.packs.index import Listed, Listing
    from coach.packs.library import ExerciseRef
    from coach.packs.search import Index

SKILL_TITLES = {
    "grounding": "Grounding",
    "boundaries": "Boundaries",
    "regulation": "Regulation",
    "other": "Other",
}


def _minutes(ref: ExerciseRef | Listed) -> str:
    minutes = ref.minutes
    return f" · {minutes:g} min" if minutes else ""


class HomeScreen(Screen[None]):
    """The place to come back to."""

    AUTO_FOCUS = "#home-now"  # focused as it is composed: no second frame moving the focus
    BINDINGS = [
        Binding("n", "right_now", "Right now"),
        Binding("c", "continue", "Continue"),
        Binding("slash", "search", "Search"),
        # help before the rest: at 80 columns the footer ends around Packs, and help lists all
        Binding("question_mark", "app.open('help')", "Help"),
        Binding("h", "app.open('history')", "History"),
        Binding("p", "app.open('packs')", "Packs"),
        Binding("s", "app.open('settings')", "Settings"),
    ]

    class ExerciseChosen(Message):
        """The person picked an exercise to do."""

        def __init__(self, ref: ExerciseRef | Listed) -> None:
            super().__init__()
            self.ref = ref

    def __init__(
        self,
        region: Callable[[], str | None] = lambda: None,
        listing: Listing | None = None,
        glance: Glance | None = None,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        super().__init__()
        self.listing = listing
        """The library index, when it was fresh: the list is drawn from it in the first frame."""
        self.glance = glance if listing is not None else None
        """The store's summary, when it was fresh: the right column is drawn from it at once."""
        self._now = now
        self.crisis_region = region
        """The person's crisis region as it is at the moment of asking (F2 may just have set it)."""
        self.data: HomeData | None = None
        self.index: Index | None = None
        self._listed: list[ExerciseRef | Listed] = []
        self._right_now: ExerciseRef | Listed | None = None
        self._risk_shown: RiskHelp | None = None

    def compose(self) -> Any:
        with Horizontal(id="home-top"):
            yield Static(styled("coach", "bold"), id="home-title")
            yield Static(id="home-greeting")
        with Horizontal(id="home-columns"):
            with Vertical(id="home-left"):
                yield Static("What do you need?", classes="section-title")
                yield AnswerField(
                    placeholder="e.g. triggered at work",
                    id="home-search",
                )
                yield VerticalScroll(id="home-risk")
                yield OptionList(*self._indexed_rows(), markup=False, id="home-exercises")
            with VerticalScroll(id="home-right"):
                yield Static("Right now", classes="section-title")
                yield Button(self._right_now_label(), id="home-now", compact=True)
                with Vertical(id="home-welcome"):
                    yield Static("Welcome back", classes="section-title")
                    yield Button(Content(""), id="home-resume", compact=True)
                with Vertical(id="home-week"):
                    yield Static("This week", classes="section-title")
                    yield Static(id="home-plan")
                with Vertical(id="home-recent"):
                    yield Static("Recent practice", classes="section-title")
                    yield Static(id="home-recent-list")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#home-risk").display = False
        self.query_one("#home-welcome").display = False
        self.query_one("#home-week").display = False
        self.query_one("#home-recent").display = False
        self.query_one("#home-now", Button).focus()
        if self.glance is not None and self._now is not None:
            self._draw(self.glance, self._now())

    # ---- filling in -----------------------------------------------------------------------------

    def _indexed_rows(self) -> list[Option]:
        """The list drawn from the library index, before the packs are read (none without one)."""
        if self.listing is None:
            return []
        grouped: list[Option | ExerciseRef | Listed] = []
        for skill, found in self.listing.by_skill().items():
            grouped.append(Option(styled(SKILL_TITLES.get(skill, skill), "bold"), disabled=True))
            grouped.extend(found)
        return self._options(grouped)

    def _right_now_label(self) -> Content:
        from coach.packs.index import quickest_grounding

        if self.listing is None:
            return Content("One moment…")
        self._right_now = quickest_grounding(self.listing.by_skill().get("grounding", []))
        return self._now_words()

    def _now_words(self) -> Content:
        if self._right_now is None:
            return Content("No grounding exercise in your packs yet")
        return Content.assemble(plain(self._right_now.title), _minutes(self._right_now))

    def show(self, data: HomeData, index: Index, now: dt.datetime) -> None:
        """Draw the home data; called once the packs and history are read, and after each run."""
        from coach.core.home import glance_of

        self.data, self.index = data, index
        self._right_now = data.right_now
        self.query_one("#home-now", Button).label = self._now_words()
        self.glance = glance_of(data)
        self._draw(self.glance, now)
        search = self.query_one("#home-search", Input)
        self._list(self._grouped() if not search.value.strip() else self._found(search.value))
        if not isinstance(self.focused, Input):
            self.query_one("#home-resume" if data.resumable else "#home-now", Button).focus()
        self.refresh_bindings()

    def _draw(self, glance: Glance, now: dt.datetime) -> None:
        """The right column: the kind word, a kept place, this week and recent practice."""
        self.query_one("#home-greeting", Static).update(plain(glance.greeting(now.date())))
        welcome = self.query_one("#home-welcome")
        welcome.display = bool(glance.kept)
        if glance.kept:
            first = glance.kept[0]
            label = Content.assemble(
                "Continue ", plain(first.title), f" ({first.position.lower()})"
            )
            self.query_one("#home-resume", Button).label = label
            if self.data is None and not isinstance(self.focused, Input):
                self.query_one("#home-resume", Button).focus()
        self.query_one("#home-week").display = bool(glance.week)
        lines = []
        for entry in glance.week:
            mark = "✓ " if entry.met else "· "
            lines.append(Content.assemble(mark, plain(entry.title), ": ", entry.words))
        self.query_one("#home-plan", Static).update(Content("\n").join(lines))
        self.query_one("#home-recent").display = bool(glance.recent)
        lines = []
        for done in glance.recent:
            day = _when(done.started, now.date())
            before, after = done.before, done.after
            change = f"  {before} → {after}" if before is not None and after is not None else ""
            lines.append(
                Content.assemble(Content(day).stylize("dim"), "  ", plain(done.title), change)
            )
        self.query_one("#home-recent-list", Static).update(Content("\n").join(lines))

    # ---- the exercise list and search -------------------------------------------------------

    def _grouped(self) -> list[Option | ExerciseRef | Listed]:
        rows: list[Option | ExerciseRef | Listed] = []
        for skill, refs in self._by_skill().items():
            rows.append(Option(styled(SKILL_TITLES.get(skill, skill), "bold"), disabled=True))
            rows.extend(refs)
        return rows

    def _by_skill(self) -> dict[str, list[ExerciseRef]] | dict[str, list[Listed]]:
        """The exercises by skill: from the packs once read, else from the library index."""
        if self.data is not None:
            return self.data.by_skill
        return self.listing.by_skill() if self.listing is not None else {}

    def _search_index(self) -> Index | None:
        """The search over the packs once read, else over the index (no pydantic needed)."""
        if self.index is None and self.listing is not None:
            from coach.packs.search import Index

            self.index = Index(self.listing.exercises)  # type: ignore[arg-type]
        return self.index

    def _found(self, query: str) -> list[Option | ExerciseRef | Listed]:
        from coach.core.risk import mentions_risk, other_words

        if mentions_risk(query):
            self._show_risk_help()
            words = other_words(query)
            index = self._search_index()
            found = index.search(words, limit=12) if index and words else []
            rows: list[Option | ExerciseRef | Listed] = [m.ref for m in found]
            return rows or list(self._grounding())
        self.query_one("#home-risk").display = False
        index = self._search_index()
        matches = index.search(query, limit=12) if index else []
        if not matches:
            return [
                Option(Content("Nothing matched those words. Other words may work."), disabled=True)
            ]
        return [m.ref for m in matches]

    def _show_risk_help(self) -> None:
        """The crisis lines above the results, for the region chosen (every region's if none)."""
        from coach.core.crisis import lines as crisis_lines
        from coach.core.risk import help_for

        found = help_for(self.crisis_region())
        block = self.query_one("#home-risk", VerticalScroll)
        block.display = True
        if found == self._risk_shown:
            return
        self._risk_shown = found
        rows = [Static(plain(found.opening), classes="risk-opening")]
        for place in found.regions:
            rows.append(Static(styled(place.name, "bold"), classes="risk-region"))
            rows += [Static(plain(line), classes="risk-line") for line in crisis_lines(place)]
        rows.append(Static(plain(found.closing), classes="risk-closing"))
        block.remove_children()
        block.mount_all(rows)

    def _grounding(self) -> list[ExerciseRef | Listed]:
        """Grounding exercises, quickest first: offered when only risk words were typed."""
        refs: list[ExerciseRef | Listed] = list(self._by_skill().get("grounding", []))
        return sorted(refs, key=lambda ref: ref.minutes or 999)

    def _list(self, rows: list[Option | ExerciseRef | Listed]) -> None:
        options = self.query_one("#home-exercises", OptionList)
        options.clear_options()
        options.add_options(self._options(rows))

    def _options(self, rows: list[Option | ExerciseRef | Listed]) -> list[Option]:
        """The list's rows; each exercise is remembered by its place in `_listed`."""
        self._listed = []
        out = []
        for row in rows:
            if isinstance(row, Option):
                out.append(row)
            else:
                words = Content.assemble(
                    "  ", plain(row.title), Content(_minutes(row)).stylize("dim")
                )
                out.append(Option(words, id=str(len(self._listed))))
                self._listed.append(row)
        return out

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.data is not None or self.listing is not None:
            if not event.value.strip():
                self.query_one("#home-risk").display = False
            self._list(self._grouped() if not event.value.strip() else self._found(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#home-exercises", OptionList)
        options.focus()
        first = next((i for i, o in enumerate(options.options) if not o.disabled), None)
        if first is not None:
            options.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.ExerciseChosen(self._listed[int(event.option.id)]))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "home-now":
            self.action_right_now()
        elif event.button.id == "home-resume":
            self.action_continue()

    # ---- keys ---------------------------------------------------------------------------------

    def footer_hints(self) -> list[tuple[str, str]]:
        if isinstance(self.focused, AnswerField):
            return [("⏎", "To the list")]
        return [("⏎", "Start")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "continue":
            return bool(self.glance and self.glance.kept)
        return True

    def action_right_now(self) -> None:
        if self._right_now is not None:
            self.post_message(self.ExerciseChosen(self._right_now))

    def action_continue(self) -> None:
        if self.data and self.data.resumable:
            self.post_message(self.ExerciseChosen(self.data.resumable[0].ref))
        elif self.glance and self.glance.kept and self.listing is not None:
            wanted = self.glance.kept[0].full_id
            found = next((e for e in self.listing.exercises if e.full_id == wanted), None)
            if found is not None:
                self.post_message(self.ExerciseChosen(found))

    def action_search(self) -> None:
        self.query_one("#home-search", Input).focus()

    def key_escape(self) -> None:
        search = self.query_one("#home-search", Input)
        if search.value:
            search.value = ""
        self.query_one("#home-now", Button).focus()


def _when(stamp: str, today: dt.date) -> str:
    day = dt.date.fromisoformat(stamp[:10])
    if day == today:
        return "today    "
    if day == today - dt.timedelta(days=1):
        return "yesterday"
    return day.strftime("%a %d %b")
