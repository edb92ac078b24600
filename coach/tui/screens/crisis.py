"""Crisis lines (F2 from any screen), and the welcome shown once on first run.

Neither ever blocks an exercise for long: escape closes both, and the run waits underneath.
coach never contacts anyone; these only show numbers a person can choose to use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.core import crisis
from coach.tui.text import plain, styled

SaveRegion = Callable[[str], None]


def region_block(region: crisis.Region) -> list[Static]:
    """One region's lines: its name, then each resource."""
    widgets = [Static(styled(region.name, "bold"), classes="crisis-region")]
    widgets += [Static(plain(line), classes="crisis-line") for line in crisis.lines(region)]
    return widgets


def compact_block() -> list[Static]:
    """Every region in one or two lines each: its name, its main line, its emergency number."""
    return [Static(plain(line), classes="crisis-compact") for line in crisis.compact_lines()]


def _region_options() -> list[Option]:
    return [Option(Content(region.name), id=code) for code, region in crisis.regions().items()]


class CrisisModal(ModalScreen[None]):
    """The lines for the person's region (every region's, until they choose one)."""

    BINDINGS = [
        Binding("escape,f2", "close", "Close"),
        Binding("r", "choose_region", "Where I am"),
        Binding("p", "app.safety_plan", "My safety plan"),
    ]

    def __init__(
        self, region: str | None, save_region: SaveRegion | None = None, choose: bool = False
    ) -> None:
        super().__init__()
        self.region_code = region
        self.save_region = save_region
        self.choose = choose
        """Open at the list of regions (the key beside the exercise that chooses one)."""

    def compose(self) -> Any:
        one = " one-region" if self.region_code is not None else ""
        with Vertical(id="crisis-dialog", classes="dialog" + one):
            yield Static(styled("Someone to talk to, now", "bold"))
            yield Static(
                plain(
                    "If you are in danger or might hurt yourself, please reach out. "
                    "coach does not call or contact anyone; these are yours to use if you want."
                )
            )
            yield Static(plain("p: My safety plan"), id="crisis-safety-plan")
            with VerticalScroll(id="crisis-body"):
                if self.region_code is None:
                    yield from compact_block()
                for region in self._shown():
                    yield from region_block(region)
            yield OptionList(*_region_options(), id="crisis-regions")
            yield Static(plain(self._hint()), id="crisis-hint", classes="hint")

    def _shown(self) -> list[crisis.Region]:
        if self.region_code is not None:
            return [crisis.resources_for(self.region_code)]
        return list(crisis.regions().values())

    def _hint(self) -> str:
        where = "r: choose where you are. " if self.save_region is not None else ""
        return f"{crisis.checked_words(self._shown())} {where}Escape closes this."

    def on_mount(self) -> None:
        self.query_one("#crisis-regions").display = False
        self.query_one("#crisis-body").focus()
        if self.choose:
            self.action_choose_region()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_choose_region(self) -> None:
        if self.save_region is None:
            return
        regions = self.query_one("#crisis-regions", OptionList)
        codes = list(crisis.regions())
        if self.region_code in codes:  # start at where the person already is
            regions.highlighted = codes.index(self.region_code)
        self.query_one("#crisis-body").display = False  # room for the list on a small screen
        regions.display = True
        regions.focus()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        code = event.option.id
        if code is None or self.save_region is None:
            return
        self.save_region(code)
        self.region_code = code
        event.option_list.display = False
        body = self.query_one("#crisis-body", VerticalScroll)
        body.display = True
        self.query_one("#crisis-dialog").add_class("one-region")
        await body.remove_children()
        await body.mount_all(region_block(crisis.resources_for(code)))
        self.query_one("#crisis-hint", Static).update(plain(self._hint()))
        body.focus()


class WelcomeModal(ModalScreen[str | None]):
    """First run, once: what coach is and is not, and (if not known yet) where the person is.
    Dismissed with the chosen region code, or None to choose later."""

    BINDINGS = [Binding("escape", "later", "Later")]

    def __init__(self, ask_region: bool) -> None:
        super().__init__()
        self.ask_region = ask_region

    def compose(self) -> Any:
        with Vertical(id="welcome-dialog", classes="dialog"):
            yield Static(styled("Welcome to coach", "bold"))
            yield Static(plain(crisis.NOT_A_CRISIS_SERVICE))
            if self.ask_region:
                yield Static(plain("Where are you? Then F2 can show crisis lines that reach you."))
                options = _region_options()
                options.append(Option(Content("I'd rather not say"), id="later"))
                yield OptionList(*options, id="welcome-regions")
                yield Static("↑ ↓ and enter choose; escape chooses later.", classes="hint")
            else:
                yield OptionList(Option(Content("Start"), id="later"), id="welcome-regions")
                yield Static("F2 shows crisis lines from any screen.", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#welcome-regions").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        code = event.option.id
        self.dismiss(None if code in (None, "later") else code)

    def action_later(self) -> None:
        self.dismiss(None)
