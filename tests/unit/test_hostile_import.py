"""Text in an imported export is cleaned as it enters: nothing raw reaches the store or a screen."""

from __future__ import annotations

import json
from pathlib import Path

from coach.export.importer import import_file
from coach.store.store import ProgressStore
from tests.records import card, fixed_clock, session

HOSTILE = "[/] [b]x[/b] \x1b]0;pwned\x07\x1b[2J\u202eevil\u200b\x9b31m"
RAW = ("\x1b", "\x07", "\u202e", "\u200b", "\x9b")


def test_an_imported_note_title_answer_and_card_are_stored_cleaned(
    tmp_path: Path, data_dir: Path
) -> None:
    export = {
        "format": "coach-export/1",
        "exported": "2026-11-27T14:00:00+00:00",
        "sessions": [
            session(
                exercise_title=f"Title {HOSTILE}",
                note=f"line one {HOSTILE}\nline two",
                answers={"see": [f"lamp {HOSTILE}"], "said": f"I said {HOSTILE}"},
            )
        ],
        "cards": [card(title=f"Card {HOSTILE}", text=f"Script {HOSTILE}\nsecond line")],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    store = ProgressStore(data_dir, clock=fixed_clock())

    import_file(store, path)

    stored = store.sessions()[0]
    kept = store.cards()[0]
    texts = [
        stored.exercise_title,
        stored.note or "",
        str(stored.answers["said"]),
        *stored.answers["see"],  # type: ignore[misc]
        kept.title,
        kept.text,
    ]
    for text in texts:
        assert not any(ch in text for ch in RAW), repr(text)
        assert "[/] [b]x[/b]" in text  # markup is kept as the literal words it was
    assert stored.note == "line one [/] [b]x[/b] evil\nline two"
    assert kept.text.endswith("\nsecond line")
