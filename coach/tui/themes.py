"""A high-contrast theme, beside Textual's own: white on black, yellow for what has focus."""

from __future__ import annotations

from collections.abc import Iterable

from textual.theme import Theme

from coach.text import clean

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFA500",
    error="#FF5555",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#262626",
    dark=True,
    variables={
        "text-muted": "#E0E0E0",
        "text-disabled": "#D0D0D0",  # skill headings and placeholders: 13:1 on black
        "footer-key-foreground": "#FFFF00",
        "input-cursor-background": "#FFFF00",
        "input-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "border": "#FFFFFF",
    },
)

THEME_NAMES = {
    "textual-dark": "Dark",
    "textual-light": "Light",
    "high-contrast": "High contrast",
    "ansi-dark": "Terminal colours, dark",
    "ansi-light": "Terminal colours, light",
    "atom-one-dark": "Atom One Dark",
    "atom-one-light": "Atom One Light",
    "catppuccin-frappe": "Catppuccin Frappé",
    "catppuccin-latte": "Catppuccin Latte",
    "catppuccin-macchiato": "Catppuccin Macchiato",
    "catppuccin-mocha": "Catppuccin Mocha",
    "rose-pine": "Rosé Pine",
    "rose-pine-dawn": "Rosé Pine Dawn",
    "rose-pine-moon": "Rosé Pine Moon",
    "solarized-dark": "Solarized Dark",
    "solarized-light": "Solarized Light",
    "tokyo-night": "Tokyo Night",
}
"""Names a person reads for the themes; any other is shown title-cased (`theme_label`)."""

FIRST = ("textual-dark", "textual-light", "high-contrast")


def theme_label(name: str) -> str:
    """The human name of a theme: "Dark", "High contrast", "Rosé Pine Moon", "Dracula"."""
    known = THEME_NAMES.get(name)
    if known:
        return known
    words = [word for word in clean(name).replace("_", "-").split("-") if word]
    return " ".join(word[:1].upper() + word[1:] for word in words) or "Unnamed"


def theme_order(names: Iterable[str]) -> list[str]:
    """Dark, Light and High contrast first, then the rest by their human names."""
    given = list(names)
    first = [name for name in FIRST if name in given]
    rest = sorted((name for name in given if name not in FIRST), key=theme_label)
    return first + rest
