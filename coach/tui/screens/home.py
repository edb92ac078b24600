"""Home: something useful in one keypress, a welcome back, this week, and every exercise.

The first frame is drawn before any pack or history is read; `show` fills it in moments later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Union

from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, Static
from textual.widgets.option_list import Option

from coach.tui.screens.home_parts import (
    SKILL_TITLES,
    WIDE,
    HomeList,
    list_room,
    minutes,
    recent_line,
    row_words,
)
from coach.tui.text import plain, styled
from coach.tui.widgets.field import AnswerField
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.preview import PreviewPane

if TYPE_CHECKING:
    from coach.core.glance import Glance
    from coach.core.home import HomeData
    from coach.core.preview import Preview
    from coach.core.risk import RiskHelp
    from coach.packs.index import Listed, Listing
    from coach.packs.library import ExerciseRef
    from coach.packs.search import Index

Row = Union[Option, "ExerciseRef", "Listed", tuple["ExerciseRef | Listed", str]]
HOME_ACTIONS = {"right_now", "continue", "search", "path", "open"}


class HomeScreen(Screen[None]):
    """The place to come back to."""

    AUTO_FOCUS = "#home-now"  # focused as it is composed: no second frame moving the focus
    BINDINGS = [
        Binding("n", "right_now", "Right now"),
        Binding("c", "continue", "Continue"),
        Binding("slash", "search", "Search"),
        # help before the rest: at 80 columns the footer ends around Packs, and help lists all
        Binding("question_mark", "open('help')", "Help"),
        Binding("h", "open('history')", "History"),
        Binding("p", "open('packs')", "Packs"),
        Binding("s", "open('settings')", "Settings"),
        Binding("down", "path(1)", "Down", show=False),
        Binding("up", "path(-1)", "Up", show=False),
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
        self._started = False
        """Home started an exercise: its search is cleared when home is shown again."""

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
                yield HomeList(*self._indexed_rows(), markup=False, id="home-exercises")
            with Vertical(id="home-right"):
                with VerticalScroll(id="home-glance"):
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
                yield PreviewPane(id="home-preview")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query("#home-risk, #home-welcome, #home-week, #home-recent, #home-preview").set(
            display=False
        )
        self.query_one("#home-now", Button).focus()
        if self.glance is not None and self._now is not None:
            self._draw(self.glance, self._now())

    # ---- filling in -----------------------------------------------------------------------------

    def _indexed_rows(self) -> list[Option]:
        """The list drawn from the library index, before the packs are read (none without one)."""
        if self.listing is None:
            return []
        grouped: list[Row] = []
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
        title, more = self._right_now.title, minutes(self._right_now)
        width = self.app.size.width
        if width < WIDE and len(title) + len(more) > int((width - 6) * 0.3) - 2:
            more = ""  # a narrow column keeps the whole title; the preview has the minutes
        return Content.assemble(plain(title), Content(more))

    def show(self, data: HomeData, index: Index, now: dt.datetime) -> None:
        """Draw the home data; called once the packs and history are read, and after each run."""
        from coach.core.home import glance_of

        self.data, self.index = data, index
        self._right_now = data.right_now
        self.query_one("#home-now", Button).label = self._now_words()
        self.glance = glance_of(data)
        self._draw(self.glance, now)
        search = self.query_one("#home-search", Input)
        if self._started:  # back from an exercise: the old search is done with
            self._started = False
            with self.prevent(Input.Changed):
                search.value = ""
            self.query_one("#home-risk").display = False
        self._list(self._rows_for(search.value))
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
        lines = [recent_line(done, now.date()) for done in glance.recent]
        self.query_one("#home-recent-list", Static).update(Content("\n").join(lines))

    # ---- the exercise list and search -------------------------------------------------------

    def _grouped(self) -> list[Row]:
        rows: list[Row] = []
        for skill, refs in self._by_skill().items():
            rows.append(Option(styled(SKILL_TITLES.get(skill, skill), "bold"), disabled=True))
            rows.extend(refs)
        return rows

    def _by_skill(self) -> dict[str, list[ExerciseRef]] | dict[str, list[Listed]]:
        """The exercises by skill: from the packs once read, else from the library index."""
        if self.data is not None:
            return self.data.by_skill
        return self.listing.by_skill() if self.listing is not None else {}

    def _list(self, rows: list[Row]) -> None:
        options = self.query_one("#home-exercises", HomeList)
        options.clear_options()
        options.add_options(self._options(rows))

    def _options(self, rows: list[Row]) -> list[Option]:
        """The list's rows; each exercise is remembered by its place in `_listed`."""
        self._listed = []
        out = []
        for row in rows:
            if isinstance(row, Option):
                out.append(row)
            else:
                ref, why = row if isinstance(row, tuple) else (row, "")
                room = list_room(self.app.size.width)
                words = row_words(ref, why, room)
                out.append(Option(Content.assemble(words), id=str(len(self._listed))))
                self._listed.append(ref)
        return out

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.data is not None or self.listing is not None:
            if not event.value.strip():
                self.query_one("#home-risk").display = False
            self._list(self._rows_for(event.value))

    def _rows_for(self, words: str) -> list[Row]:
        """Every exercise by skill, or the rows for the words typed (search imported on use)."""
        from coach.tui.screens.home_search import results

        return results(self, words) if words.strip() else self._grouped()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._into_list()

    def _into_list(self) -> None:
        """Focus the list, its first exercise highlighted unless one is already."""
        options = self.query_one("#home-exercises", HomeList)
        options.focus()
        first = next((i for i, o in enumerate(options.options) if not o.disabled), None)
        if first is not None and (options.highlighted is None or options.highlighted < first):
            options.highlighted = first
        self._sync_preview()

    async def on_option_list_option_selected(self, event: HomeList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            ref = self._listed[int(event.option.id)]
            if self.size.width >= WIDE:
                self._start(ref)
            else:
                self._started = True
                await self.app.run_action(f"preview({ref.full_id!r})")

    def on_option_list_option_highlighted(self, event: HomeList.OptionHighlighted) -> None:
        self._sync_preview()

    def on_descendant_focus(self) -> None:
        self._sync_preview()

    def on_resize(self) -> None:
        self.set_class(self.size.width < WIDE, "-narrow")
        self._sync_preview()

    def _highlighted(self) -> ExerciseRef | Listed | None:
        options = self.query_one("#home-exercises", HomeList)
        if options.highlighted is None or options.highlighted >= options.option_count:
            return None
        found = options.get_option_at_index(options.highlighted).id
        return self._listed[int(found)] if found is not None else None

    def _sync_preview(self) -> None:
        """On a wide terminal, the highlighted exercise's preview fills the right column."""
        ref = self._highlighted()
        show = self.size.width >= WIDE and isinstance(self.focused, HomeList) and ref is not None
        pane = self.query_one("#home-preview", PreviewPane)
        if show and ref is not None:
            from coach.core.preview import preview_of  # once a preview is shown, not at start

            pane.show(preview_of(ref, self.glance))
        glance = self.query_one("#home-glance")
        if glance.display == show:  # set only on a change: each set costs a layout pass
            glance.display = not show
        if pane.display != show:
            pane.display = show

    def preview_for(self, full_id: str) -> Preview | None:
        """An exercise's preview, from the packs once read, else the library index."""
        from coach.core.preview import preview_of

        refs: list[ExerciseRef | Listed] = [r for g in self._by_skill().values() for r in g]
        ref = next((r for r in refs if r.full_id == full_id), None)
        library = getattr(self.app, "library", None)
        if ref is None and library is not None:
            ref = library.get(full_id)
        return preview_of(ref, self.glance) if ref is not None else None

    def _start(self, ref: ExerciseRef | Listed) -> None:
        self._started = True
        self.post_message(self.ExerciseChosen(ref))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "home-now":
            self.action_right_now()
        elif event.button.id == "home-resume":
            self.action_continue()

    # ---- keys ---------------------------------------------------------------------------------

    def footer_hints(self) -> list[tuple[str, str]]:
        if self.app.screen is not self:
            return []
        if isinstance(self.focused, AnswerField):
            return [("⏎", "To the list")]
        if isinstance(self.focused, HomeList) and self.size.width < WIDE:
            return [("⏎", "Preview")]
        return [("⏎", "Start")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in HOME_ACTIONS and self.app.screen is not self:
            return False  # a dialog on top (the first-run welcome): these keys do nothing
        if action == "continue":
            return bool(self.glance and self.glance.kept)
        if action == "right_now":
            return self._right_now is not None
        return True

    def on_screen_suspend(self) -> None:
        self.refresh_bindings()

    def on_screen_resume(self) -> None:
        self.refresh_bindings()

    def on_home_list_left_top(self) -> None:
        self.action_path(-1)

    def action_path(self, step: int) -> None:
        """↑ ↓ through right now, welcome back and the list, as one path."""
        options = self.query_one("#home-exercises", HomeList)
        path: list[Any] = [self.query_one("#home-now", Button)]
        if self.query_one("#home-welcome").display:
            path.append(self.query_one("#home-resume", Button))
        path.append(options)
        here = self.focused
        if isinstance(here, Input):
            here = path[-2] if step > 0 else None
        if here not in path:
            return
        goes = path.index(here) + step
        if goes < 0 or goes >= len(path):
            return
        if path[goes] is options:
            self._into_list()
        else:
            path[goes].focus()

    async def action_open(self, name: str) -> None:
        await self.app.run_action(f"open({name!r})")

    def action_right_now(self) -> None:
        if self._right_now is not None:
            self._start(self._right_now)

    def action_continue(self) -> None:
        if self.data and self.data.resumable:
            self._start(self.data.resumable[0].ref)
        elif self.glance and self.glance.kept and self.listing is not None:
            wanted = self.glance.kept[0].full_id
            found = next((e for e in self.listing.exercises if e.full_id == wanted), None)
            if found is not None:
                self._start(found)

    def action_search(self) -> None:
        self.query_one("#home-search", Input).focus()

    def key_escape(self) -> None:
        search = self.query_one("#home-search", Input)
        if search.value:
            search.value = ""
        self.query_one("#home-now", Button).focus()
