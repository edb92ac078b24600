"""`coach import` of 20,000 sessions, as a ratio against a plain `json.load` of the same file.

Run: .venv/bin/python benchmarks/importing.py [--quick]
Target (issue 13): importing 20,000 sessions into an empty data folder, every record validated
and the built-in exercises' rating scales checked, all or nothing, within 3x `json.load` of the
same file. The file is what `coach export` writes for years of daily practice (benchmarks/store.py's
`history()`); the import runs in this process, as `coach import` runs it, into a new folder each
round. The library is loaded once beforehand, as the command has it loaded before the file.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # the store benchmark's history
sys.path.insert(0, str(Path(__file__).parent.parent))
from common import finish, in_turns, verdict, wall  # noqa: E402
from store import clock, history  # noqa: E402

from coach.export.importer import import_file  # noqa: E402
from coach.packs.library import Library  # noqa: E402
from coach.store.store import ProgressStore  # noqa: E402
from coach.text import json_text  # noqa: E402

SIZE = 20_000
TARGET = 3.0


def main() -> None:
    quick = "--quick" in sys.argv
    rounds = 3 if quick else 7
    folder = Path(tempfile.mkdtemp(prefix="coach-bench-import-"))
    try:
        export = {
            "format": "coach-export/1",
            "exported": "2026-11-27T18:00:00+00:00",
            "sessions": history(SIZE),
            "cards": [],
        }
        path = folder / "export.json"
        path.write_text(json_text(export) + "\n", encoding="utf-8")
        library = Library.load(folder / "packs-home", [])
        count = iter(range(10**6))

        def importing() -> float:
            root = folder / f"data-{next(count)}"
            store = ProgressStore(root, clock=clock)
            seconds = wall(lambda: import_file(store, path, library=library))
            assert len(store.session_ids()) == SIZE
            shutil.rmtree(root)
            return seconds

        def loading() -> float:
            def load() -> object:
                with path.open("rb") as handle:
                    return json.load(handle)

            return wall(load)

        took = in_turns({"import": importing, "json.load": loading}, rounds)
        print(
            f"import {took['import'] * 1000:7.1f} ms  json.load {took['json.load'] * 1000:7.1f} ms"
            f"  ({SIZE} sessions, {path.stat().st_size / 2**20:.1f} MiB, {rounds} rounds)"
        )
        verdict(
            "import of 20,000 sessions vs json.load", took["import"] / took["json.load"], TARGET
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
