"""The keys help lists, by where they work: key names as the bindings spell them."""

from __future__ import annotations

import textwrap

SHOWN = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "question_mark": "?",
    "slash": "/",
    "pageup": "PageUp",
    "pagedown": "PageDown",
    "home": "Home",
    "end": "End",
    "digits": "a number",
}
"""How a key is printed when its binding name is not what is on the key."""

KEYS: list[tuple[str, list[tuple[tuple[str, ...], str]]]] = [
    (
        "On the home screen",
        [
            (("n",), "right now: the quickest grounding exercise"),
            (("c",), "continue an exercise you stopped part way"),
            (("slash",), "search: type what is going on"),
            (("up", "down"), "move through right now, welcome back and the list, as one path"),
            (
                ("enter",),
                "on an exercise: its preview (narrower than 100 columns; enter again starts "
                "it) or start it (wider, where the preview sits beside the list)",
            ),
            (("h",), "your history: sessions, progress, cards, notes"),
            (("p",), "your packs"),
            (("s",), "settings: theme, motion, crisis resources"),
            (("question_mark",), "this help"),
            (("f2",), "crisis lines, from any screen; p there opens your safety plan"),
            (("ctrl+p",), "find any exercise or screen by name"),
            (("ctrl+q",), "close coach"),
        ],
    ),
    (
        "During an exercise",
        [
            (("enter",), "go on (with several answers: the next field)"),
            (("escape",), "back one step; your answers stay"),
            (("left", "right", "digits"), "choose on a scale"),
            (("up", "down", "space"), "move in a list; tick or untick"),
            (("space",), "pause a timer or the breathing guide"),
            (("ctrl+s",), "keep a script or a long answer, and go on"),
            (("ctrl+o",), "copy your script"),
            (("ctrl+n",), "skip a step you'd rather not do"),
            (("f1",), "why this works"),
            (("f10",), "stop for now: keep your place, or save what you did"),
            (("f2",), "crisis lines; the exercise waits underneath"),
            (("f3",), "beside the exercise, with no region chosen: choose where you are"),
            (("h",), "in a breathing guide with holds: without them (again: back)"),
            (("ctrl+q",), "close coach; your place is kept"),
        ],
    ),
    (
        "In history",
        [
            (("1", "2", "3", "4"), "sessions, progress, cards, for next session"),
            (("enter",), "open a session or a card"),
            (("e",), "edit the note (Sessions and For next session)"),
            (("d",), "delete the session, note or card you are on"),
            (("u",), "undo, until you leave history"),
            (("x",), "export or share your practice"),
            (("escape",), "back home"),
        ],
    ),
    (
        "Reading a session",
        [
            (("up", "down", "pageup", "pagedown", "home", "end"), "scroll"),
            (("e",), "edit the note"),
            (("d",), "delete the session"),
            (("escape",), "go back"),
        ],
    ),
    (
        "Editing a note",
        [
            (("ctrl+s",), "save"),
            (("escape",), "leave; it asks first if the text changed"),
        ],
    ),
    (
        "Packs",
        [
            (("up", "down", "enter"), "move in a pack's exercises, preview one"),
            (("i",), "install a pack from a file"),
            (("d",), "remove this pack (coach asks first; built-in packs stay)"),
            (("escape",), "back home"),
        ],
    ),
    (
        "Export and your next session",
        [
            (("ctrl+s",), "write the file (coach asks before replacing one)"),
            (("ctrl+o",), "what to bring to your next session; s or ctrl+s saves it"),
            (("escape",), "go back"),
        ],
    ),
    (
        "When coach asks before deleting",
        [
            (("y", "enter"), "yes"),
            (("n", "escape"), "no"),
        ],
    ),
]


def shown(key: str) -> str:
    """A key as printed on the keyboard: F2, ctrl+s, ↑, PageUp."""
    if key in SHOWN:
        return SHOWN[key]
    if key[:1] == "f" and key[1:].isdigit():
        return key.upper()
    return key


def key_lines(column: int = 14, width: int = 74) -> list[tuple[str, list[str]]]:
    """Each section's title and its lines: the keys in a column, then what they do, wrapped
    under itself to fit `width` (keys too long for the column get a line of their own)."""
    sections = []
    for title, rows in KEYS:
        lines = []
        for keys, does in rows:
            named = " ".join(shown(key) for key in keys)
            wrapped = textwrap.wrap(does, width - column)
            if len(named) >= column:
                lines.append(named)
                named = ""
            lines.append(f"{named:<{column}}{wrapped[0]}")
            lines.extend(" " * column + more for more in wrapped[1:])
        sections.append((title, lines))
    return sections
