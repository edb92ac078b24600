"""The safety plan: the whole plan on one scrolling screen; `e` changes it, part by part."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static, TextArea

from coach.core import safety_plan as plans
from coach.errors import CoachError
from coach.records import SafetyPlan
from coach.tui.screens.confirm import ConfirmModal
from coach.tui.text import plain, styled
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.steady_text_area import SteadyTextArea

NOT_SAVED = "Nothing from this edit was saved. Your plan is as it was."


class SafetyPlanScreen(Screen[None]):
    """Reading mode shows every part; edit mode has one box per part, saved with ctrl+s."""

    CSS_PATH = ["../styles/screens.tcss", "../styles/safety_plan.tcss"]

    BINDINGS = [
        Binding("e", "edit", "Edit"),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "leave", "Back", priority=True),
    ]

    def __init__(
        self,
        shelf: plans.PlanShelf,
        plan: SafetyPlan,
        saved: bool,
        clock: Callable[[], dt.datetime],
    ) -> None:
        super().__init__()
        self.shelf = shelf
        self.plan = plan
        """The plan shown: the saved one, or a new one that starts with the region's lines."""
        self.saved = saved
        self.clock = clock
        self.editing = False

    def compose(self) -> Any:
        yield Static(styled("My safety plan", "bold"), id="plan-title")
        with VerticalScroll(id="plan-view"):
            yield Static(plain(f"{plans.INTRO} {plans.PRIVATE}"), classes="hint")
            yield PlanText(self._shown(), id="plan-text")
        with VerticalScroll(id="plan-edit"):
            yield Static(
                plain("One line for each thing. Ctrl+S saves. Escape leaves."), classes="hint"
            )
            for number, part in enumerate(plans.PARTS, start=1):
                yield Static(styled(f"{number}. {part.title}", "bold"), classes="plan-part")
                yield Static(plain(part.prompt), classes="hint")
                yield SteadyTextArea(
                    "\n".join(self.plan.part(part.key)),
                    id=f"plan-{part.key.replace('_', '-')}",
                    classes="plan-box",
                    soft_wrap=True,
                    show_line_numbers=False,
                )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#plan-edit").display = False
        self.query_one("#plan-view").focus()

    def footer_hints(self) -> list[tuple[str, str]]:
        if self.editing:
            return [("tab", "Next part"), ("esc", "Leave")]
        return [("e", "Edit"), ("↑↓", "Scroll"), ("esc", "Back")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Edit while reading, save while editing: each key shows only when it does something."""
        if action == "edit":
            return not self.editing
        if action == "save":
            return self.editing
        return True

    def _shown(self) -> str:
        text = plans.as_text(self.plan)  # a new plan already holds the region's crisis lines
        if not self.saved:
            text += (
                "\n\nNot saved yet. Part 5 starts with the crisis lines for where you are. "
                "Press e to write your plan and change anything. Every part can be skipped."
            )
        return text

    def _boxes(self) -> dict[str, TextArea]:
        return {
            part.key: self.query_one(f"#plan-{part.key.replace('_', '-')}", TextArea)
            for part in plans.PARTS
        }

    def _switch(self, editing: bool) -> None:
        self.editing = editing
        self.query_one("#plan-view").display = not editing
        self.query_one("#plan-edit").display = editing
        self.refresh_bindings()

    def action_edit(self) -> None:
        if self.editing:
            return
        for key, box in self._boxes().items():
            box.load_text("\n".join(self.plan.part(key)))
        self._switch(True)
        self.query_one("#plan-edit", VerticalScroll).scroll_home(animate=False)
        next(iter(self._boxes().values())).focus()

    def action_save(self) -> None:
        if not self.editing:
            return
        typed = {key: box.text for key, box in self._boxes().items()}
        try:
            self.plan = plans.save_parts(self.shelf, self.plan, typed, self.clock())
        except CoachError as err:
            self.notify(str(err), severity="warning", markup=False, timeout=20)
            return
        self.saved = True
        self.query_one("#plan-text", PlanText).show(self._shown())
        self._switch(False)
        self.query_one("#plan-view").focus()
        self.notify(plans.SAVED, markup=False)

    def action_leave(self) -> None:
        if not self.editing:
            self.dismiss(None)
            return
        changed = any(
            plans.lines_from_text(box.text) != self.plan.part(key)
            for key, box in self._boxes().items()
        )
        if not changed:
            self._back_to_reading()
            return

        def answered(save: bool | None) -> None:
            if save:
                self.action_save()
            elif save is False:
                self._back_to_reading()
                self.notify(NOT_SAVED, markup=False)

        self.app.push_screen(UnsavedEdit(), answered)  # None: back to the typing, as it was

    def _back_to_reading(self) -> None:
        self._switch(False)
        self.query_one("#plan-view").focus()


class PlanText(Static):
    """The whole plan; an item's wrapped lines hang under its words, not under its dash."""

    def __init__(self, text: str, **kwargs: Any) -> None:
        super().__init__(plain(text), **kwargs)
        self.text = text
        self.wrapped_at = 0

    def show(self, text: str) -> None:
        self.text, self.wrapped_at = text, 0
        self.update(plain(text))
        self.on_resize()

    def on_resize(self) -> None:
        width = self.content_region.width
        if width and width != self.wrapped_at:
            self.wrapped_at = width
            self.update(hanging(self.text, width))


def hanging(text: str, width: int) -> Content:
    """`text` as literal Content wrapped to `width`, each "- " item's later lines under its words."""
    rows: list[Content] = []
    for line in plain(text).split("\n"):
        dash = line.plain.find("- ")
        indent = dash + 2 if dash >= 0 and not line.plain[:dash].strip() else 0
        if not indent or width - indent < 8:  # not an item, or too narrow to hang: Textual wraps
            rows.append(line)
            continue
        first, *rest = line[indent:].wrap(width - indent) or [Content("")]
        rows += [line[:indent] + first, *(Content(" " * indent) + piece for piece in rest)]
    return Content("\n").join(rows)


class UnsavedEdit(ConfirmModal):
    """Asked on escape with changed lines: keep editing (enter or escape), save, or leave."""

    inherit_bindings = False
    BINDINGS = [
        Binding("k,enter,escape", "keep", "Keep editing"),
        Binding("s", "answer(True)", "Save"),
        Binding("l", "answer(False)", "Leave"),
    ]

    def __init__(self) -> None:
        super().__init__(
            "Your changes are not saved yet.",
            yes="S saves them. L leaves; your plan stays as it was.",
            no="Enter or escape goes back to your typing.",
        )

    def action_keep(self) -> None:
        self.dismiss(None)


def open_plan(app: Any) -> None:
    """Push the plan screen with the saved plan, or a new one started from the region's lines."""
    from coach.core.practice import preferences

    try:
        saved = app.store.safety_plan()
        plan = plans.starting_plan(saved, preferences(app.store), app.clock())
    except CoachError as err:
        app.notify(str(err), severity="warning", markup=False, timeout=20)
        return
    app.push_screen(SafetyPlanScreen(app.store, plan, saved is not None, app.clock))
