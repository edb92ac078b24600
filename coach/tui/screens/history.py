"""History: sessions, how distress moved, practice by week, where ratings dropped most, kept cards, and the
notes marked for the next session. Counts only what was done. Enter on a session reads it back
(session_view.py); notes are edited and sessions, notes and cards deleted with an undo
(history_changes.py)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from coach.tui.screens.history_changes import HistoryChanges
from coach.tui.text import plain, styled
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.sparkline import scaled_spark

if TYPE_CHECKING:
    from coach.core.stats import Stats
    from coach.records import Card, Session
    from coach.store.store import ProgressStore

SHOWN_SESSIONS = 500
CHART_SESSIONS = 60


def _when(stamp: str) -> str:
    return dt.datetime.fromisoformat(stamp).strftime("%a %d %b %Y %H:%M")


def _one_line(text: str | None, limit: int = 50) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


LISTS = {
    "sessions": "#history-sessions",
    "progress": "#progress-body",
    "cards": "#history-cards",
    "notes": "#history-notes",
}


class HistoryScreen(HistoryChanges, Screen[None]):
    """Everything is read in a worker after the first frame; escape goes home."""

    CSS_PATH = ["../styles/screens.tcss", "../styles/history.tcss"]

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Home"),
        Binding("1", "tab('sessions')", "Sessions", show=False),
        Binding("2", "tab('progress')", "Progress", show=False),
        Binding("3", "tab('cards')", "Cards", show=False),
        Binding("4", "tab('notes')", "For next session", show=False),
        Binding("e", "edit", "Edit note"),
        Binding("d", "delete", "Delete"),
        Binding("u", "undo", "Undo"),
        Binding("x", "app.open('export')", "Export"),
    ]

    def footer_hints(self) -> list[tuple[str, str]]:
        return [("1-4", "Tabs"), ("enter", "Open")]

    def __init__(self, store: ProgressStore) -> None:
        super().__init__()
        self.store = store
        self.cards: list[Card] = []
        self.by_id: dict[str, Session] = {}
        self.undo: list[tuple[str, dict[str, Any]]] = []

    def compose(self) -> Any:
        yield Static(styled("Your practice", "bold"), id="history-title")
        with TabbedContent(id="history-tabs", initial="sessions"):
            with TabPane("Sessions", id="sessions"):
                yield Static(id="sessions-summary")
                yield OptionList(markup=False, id="history-sessions")
            with TabPane("Progress", id="progress"):
                with VerticalScroll(id="progress-body"):
                    yield Static(
                        "Distress before and after, oldest to newest", classes="section-title"
                    )
                    with Vertical(id="history-chart"):
                        yield Static(id="chart-before", classes="chart-line")
                        yield Static(id="chart-after", classes="chart-line")
                    yield Static(id="chart-summary")
                    yield Static("Practice by week", classes="section-title")
                    yield Static(id="history-weeks")
                    yield Static(plain(_words().DROPPED_HEADING), classes="section-title")
                    yield Static(id="history-helps")
            with TabPane("Cards", id="cards"):
                yield Static("Scripts you kept. Enter opens one to read and copy.", classes="hint")
                yield OptionList(markup=False, id="history-cards")
            with TabPane("For next session", id="notes"):
                yield OptionList(markup=False, id="history-notes")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#sessions-summary", Static).update(Content("Reading your practice…"))
        self.query_one("#history-sessions").focus()
        self.call_after_refresh(self._load)

    def reload(self) -> None:
        """Read the store again after a change, keeping each list's place."""
        self._load()

    @work(exclusive=True, group="history")
    async def _load(self) -> None:
        """The store is read on the main thread (TinyDB is not thread safe), after the first frame."""
        from coach.core import stats

        sessions = self.store.sessions()
        figures = stats.figures(self.store.tally())
        self.cards = self.store.cards()
        self.by_id = {s.id: s for s in sessions}
        places = {
            name: self.query_one(LISTS[name], OptionList).highlighted
            for name in ("sessions", "cards", "notes")
        }
        self._show_sessions(sessions)
        self._show_progress(sessions, figures)
        self._show_cards()
        self._show_notes(sessions)
        for name, place in places.items():
            options = self.query_one(LISTS[name], OptionList)
            if options.option_count:
                options.highlighted = min(place or 0, options.option_count - 1)

    def _show_sessions(self, sessions: list[Session]) -> None:
        summary = self.query_one("#sessions-summary", Static)
        options = self.query_one("#history-sessions", OptionList)
        options.clear_options()
        if not sessions:
            summary.update(
                Content("Nothing here yet. When you finish an exercise, it shows up here.")
            )
            return
        count = len(sessions)
        shown = (
            f" (the newest {SHOWN_SESSIONS} are listed here; the command coach history lists them all)"
            if count > SHOWN_SESSIONS
            else ""
        )
        summary.update(Content(f"{count:,} session{'s' if count != 1 else ''} of practice{shown}."))
        for session in sessions[:SHOWN_SESSIONS]:
            before, after = session.distress_before, session.distress_after
            change = (
                f"  {'-' if before is None else before} → {'-' if after is None else after}"
                if before is not None or after is not None
                else ""
            )
            early = "  (saved part way)" if session.status != "completed" else ""
            note = f"  “{_one_line(session.note)}”" if session.note else ""
            options.add_option(
                Option(
                    Content.assemble(
                        Content(_when(session.started)).stylize("dim"),
                        "  ",
                        plain(session.exercise_title),
                        change,
                        Content(early).stylize("dim"),
                        styled(note, "italic"),
                    ),
                    id=session.id,
                )
            )

    def _show_progress(self, sessions: list[Session], figures: Stats) -> None:
        rated = [
            s
            for s in reversed(sessions)
            if s.distress_before is not None and s.distress_after is not None
        ]
        rated = rated[-CHART_SESSIONS:]
        before = [s.distress_before or 0 for s in rated]
        after = [s.distress_after or 0 for s in rated]
        last = f"last {len(rated)} rated session{'s' if len(rated) != 1 else ''}"
        self.query_one("#chart-before", Static).update(
            scaled_spark(f"Distress before, {last}", before)
        )
        self.query_one("#chart-after", Static).update(
            scaled_spark(f"Distress after, {last}", after)
        )
        self.query_one("#history-chart").display = len(rated) >= 2
        if rated:
            mean_before, mean_after = sum(before) / len(before), sum(after) / len(after)
            text = (
                f"Over your last {len(rated)} rated session{'s' if len(rated) != 1 else ''}: "
                f"{mean_before:.1f} before, {mean_after:.1f} after, on average."
            )
        else:
            text = "When you rate how you feel before and after an exercise, it shows here."
        self.query_one("#chart-summary", Static).update(Content(text))
        weeks = []
        for week in figures.weeks[:8]:
            parts = [f"{skill} {n}" for skill, n in week.by_skill.items() if n]
            weeks.append(plain(f"{week.start.strftime('%d %b %Y')}   " + " · ".join(parts)))
        self.query_one("#history-weeks", Static).update(
            Content("\n").join(weeks) if weeks else Content("Nothing yet.")
        )
        stats = _words()
        dropped = [
            plain(f"{i}. " + stats.dropped_words(fig.title, fig.mean_drop or 0.0, fig.rated))
            for i, fig in enumerate(figures.dropped_most[:5], 1)
        ]
        if dropped:
            dropped.append(plain(stats.DROPPED_CAVEAT))
        self.query_one("#history-helps", Static).update(
            Content("\n").join(dropped) if dropped else Content(stats.DROPPED_NONE)
        )

    def _show_cards(self) -> None:
        options = self.query_one("#history-cards", OptionList)
        options.clear_options()
        for i, card in enumerate(self.cards):
            first = _one_line(card.text.splitlines()[0] if card.text.strip() else "", 60)
            options.add_option(
                Option(
                    Content.assemble(plain(card.title), "  ", styled(first, "dim")),
                    id=str(i),
                )
            )
        if not self.cards:
            options.add_option(
                Option(Content("No cards yet: scripts you keep are saved here."), disabled=True)
            )

    def _show_notes(self, sessions: list[Session]) -> None:
        options = self.query_one("#history-notes", OptionList)
        options.clear_options()
        for s in sessions:
            if not s.bring_to_session:
                continue
            options.add_option(
                Option(
                    Content.assemble(
                        Content(_when(s.started)).stylize("dim"),
                        "  ",
                        plain(s.exercise_title),
                        "\n    ",
                        plain(s.note or "(no note)"),
                    ),
                    id=s.id,
                )
            )
        if not options.option_count:
            options.add_option(
                Option(
                    Content(
                        "Nothing marked yet. At the end of an exercise you can mark it "
                        "to bring to your next session."
                    ),
                    disabled=True,
                )
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id
        if chosen is None:
            return
        if event.option_list.id == "history-cards":
            from coach.tui.screens.card import CardModal

            card = self.cards[int(chosen)]
            self.app.push_screen(CardModal(card.title, card.text))
        elif chosen in self.by_id:
            from coach.tui.screens.session_view import SessionScreen

            self.app.push_screen(SessionScreen(self.by_id[chosen], self))

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """The list of the tab shown takes the keys at once."""
        pane = event.pane.id or ""
        if pane in LISTS:
            self.query_one(LISTS[pane]).focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Edit where there are notes, delete where there is something to delete."""
        if action in ("edit", "delete") and self.is_mounted:
            tab = self.query_one(TabbedContent).active
            return tab in (("sessions", "notes") if action == "edit" else LISTS) and (
                tab != "progress"
            )
        return True

    def _chosen(self) -> tuple[str, Any]:
        """The tab shown and the record highlighted in its list (None when there is none)."""
        tab = self.query_one(TabbedContent).active
        if tab == "progress":
            return tab, None
        options = self.query_one(LISTS[tab], OptionList)
        index = options.highlighted
        option = options.get_option_at_index(index) if index is not None else None
        if option is None or option.id is None:
            return tab, None
        if tab == "cards":
            return tab, self.cards[int(option.id)]
        return tab, self.by_id.get(option.id)

    def action_edit(self) -> None:
        tab, chosen = self._chosen()
        if tab in ("sessions", "notes") and chosen is not None:
            self.edit_note(chosen)

    def action_delete(self) -> None:
        tab, chosen = self._chosen()
        if chosen is None:
            return
        if tab == "sessions":
            self.delete_session(chosen)
        elif tab == "notes":
            self.delete_note(chosen)
        else:
            self.delete_card(chosen)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab


def _words() -> Any:
    """The figures' words, from coach.core.stats, imported when history is first drawn."""
    from coach.core import stats

    return stats
