"""Copy text to the system clipboard with a local clipboard program, if one is installed."""

from __future__ import annotations

import shutil
import subprocess
import sys

_PROGRAMS = (
    ["pbcopy"],
    ["wl-copy"],
    ["xclip", "-selection", "clipboard"],
    ["xsel", "--clipboard", "--input"],
    ["clip.exe"],
)


def copy_text(text: str) -> bool:
    """True when a clipboard program took the text; nothing leaves the machine either way."""
    for command in _PROGRAMS:
        if command[0] == "pbcopy" and sys.platform != "darwin":
            continue
        if shutil.which(command[0]) is None:
            continue
        try:
            subprocess.run(command, input=text.encode(), check=True, timeout=2, capture_output=True)
        except (OSError, subprocess.SubprocessError):
            continue
        return True
    return False
