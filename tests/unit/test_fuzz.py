"""Fuzzing with hypothesis: packs and exports are files from other people, so random and broken
ones must only ever give a clear error, never a traceback. Markup and control characters in
them never reach a terminal raw.

The budget is bounded for `make test` and CI: 50 examples per fuzzer (20 for the CLI one), on
a fixed seed, so every run tries the same files and a red run is red again; no deadline (the
machines are shared). COACH_FUZZ_EXAMPLES searches longer, on new examples each run (random
outside CI), e.g. COACH_FUZZ_EXAMPLES=5000 pytest tests/unit/test_fuzz.py.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import random
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coach import plain
from coach.errors import CoachError, PackError
from coach.export.importer import import_file
from coach.packs import loader
from coach.packs.library import ExerciseRef
from coach.store.store import ProgressStore
from coach.text import strip_control
from tests.cli.built_in_packs import validate_built_in_once
from tests.conftest import FIXTURES, ROOT
from tests.records import card, fixed_clock, session

SEARCHING = bool(os.environ.get("COACH_FUZZ_EXAMPLES"))
EXAMPLES = int(os.environ.get("COACH_FUZZ_EXAMPLES") or "50")
# Each byte mutation draws 1-6 changes of six kinds: 50 examples make ~175 draws, every kind
# many times over (the seed is fixed, so the same ones every run); structural mutations draw
# set and delete at each level. A longer search takes the profile's randomness instead.
fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    **({} if SEARCHING else {"derandomize": True, "database": None}),
)
# a CLI example runs five commands: a fifth of the budget (at least 20) covers the same ground
fuzz_cli = settings(fuzz, max_examples=max(20, EXAMPLES // 5))

REAL_PACKS = [ROOT / "exercises" / "core.yaml", *sorted((FIXTURES / "packs").glob("*.yaml"))]
GOOD_PACKS = [
    p
    for p in REAL_PACKS
    if p.name in {"core.yaml", "every-step.yaml", "clinic-plan.yaml", "grief.yaml"}
]
# C0 and C1 control characters other than newline and tab: never printed raw
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# libyaml's reader and writer where PyYAML has them: the fuzzed files are made and read back
# here in a fraction of the pure-Python time (coach's own loader still reads every one)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _yaml_bytes(value: Any) -> bytes:
    """A value written as a YAML document, as yaml.safe_dump writes it."""
    return yaml.dump(value, Dumper=SAFE_DUMPER, allow_unicode=True).encode()


_DOCUMENTS: dict[Path, bytes] = {}


def _document(path: Path) -> Any:
    """A fresh copy of a pack file's YAML document (each file is read once per run)."""
    if path not in _DOCUMENTS:
        _DOCUMENTS[path] = pickle.dumps(yaml.load(path.read_bytes(), Loader=SAFE_LOADER))
    return pickle.loads(_DOCUMENTS[path])


def _refused_well(raw: bytes, name: str = "fuzzed.yaml") -> None:
    """Loading either works or raises PackError naming the file in every problem."""
    try:
        loader.parse_pack(raw, name)
    except PackError as err:
        assert err.problems, "a refusal names at least one problem"
        for problem in err.problems:
            assert problem.file == name
            assert str(problem).startswith(name)
            assert problem.message


# ---- the pack loader -----------------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["core", "rating", "read", "text", "choice", "1.0.0", "coach-pack/1", "{x}"]),
)
yaml_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(
            st.one_of(st.text(max_size=12), st.sampled_from(["id", "type", "steps", "exercises"])),
            children,
            max_size=5,
        ),
    ),
    max_leaves=30,
)


@pytest.mark.slow
@fuzz
@given(st.binary(max_size=2000))
def test_random_bytes_are_refused_clearly(raw: bytes) -> None:
    _refused_well(raw)


@pytest.mark.slow
@fuzz
@given(st.text(max_size=1500))
def test_random_text_is_refused_clearly(text: str) -> None:
    _refused_well(text.encode("utf-8", "surrogatepass"))


@pytest.mark.slow
@fuzz
@given(yaml_values)
def test_random_yaml_documents_are_refused_clearly(value: Any) -> None:
    _refused_well(_yaml_bytes(value))


def _mutate_bytes(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(data) or 1)
        kind = rng.randrange(6)
        if kind == 0 and data:
            data[at] ^= 1 << rng.randrange(8)  # flip a bit
        elif kind == 1:
            del data[at : at + rng.randint(1, 40)]  # cut a piece out
        elif kind == 2:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif kind == 3:
            piece = data[at : at + rng.randint(1, 80)]
            data[rng.randrange(len(data) or 1) : 0] = piece  # repeat a piece elsewhere
        elif kind == 4:
            data[at:at] = rng.choice(
                [b"\t", b": ", b"- ", b"{", b"[", b"&a ", b"*a", b"!!python/x "]
            )
        else:
            lines = bytes(data).split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]  # swap two lines
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@pytest.mark.slow
@fuzz
@given(st.sampled_from(REAL_PACKS), st.randoms(use_true_random=False))
def test_byte_mutations_of_real_packs_are_refused_clearly(path: Path, rng: random.Random) -> None:
    _refused_well(_mutate_bytes(path.read_bytes(), rng), path.name)


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*here, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += _paths(child, (*here, i))
    return found


def _set(value: Any, path: tuple[Any, ...], new: Any, delete: bool) -> Any:
    if not path:
        return new
    parent = value
    for key in path[:-1]:
        parent = parent[key]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return value


@pytest.mark.slow
@fuzz
@given(st.sampled_from(GOOD_PACKS), st.data())
def test_structural_mutations_of_real_packs_are_refused_clearly(path: Path, data: Any) -> None:
    document = _document(path)
    for _ in range(data.draw(st.integers(1, 3))):
        target = data.draw(st.sampled_from(_paths(document)))
        delete = bool(target) and data.draw(st.booleans())
        document = _set(document, target, data.draw(yaml_values), delete)
    _refused_well(_yaml_bytes(document), path.name)


# ---- coach import --------------------------------------------------------------------------------


def _export_bytes() -> bytes:
    from coach.export.data import gather

    store = ProgressStore(Path(os.environ["COACH_DATA_DIR"]) / "source", clock=fixed_clock())
    store.record_session(session(note="first"))
    store.record_session(session("2026-10-02T08:00:00+00:00", status="ended-early"))
    store.keep_card(card())
    return json.dumps(gather(store).as_json(), indent=2).encode()


@pytest.fixture(scope="module")
def export_raw(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    os.environ.setdefault("COACH_DATA_DIR", str(tmp_path_factory.mktemp("fuzz")))
    return _export_bytes()


def _import_cleanly(raw: bytes, tmp_path: Path) -> None:
    """Import either works or raises CoachError; a refusal leaves the store as it was."""
    root = tmp_path / f"store-{random.getrandbits(32)}"
    store = ProgressStore(root, clock=fixed_clock())
    store.record_session(session("2026-09-01T08:00:00+00:00", note="mine"))
    before = store.session_ids()
    file = root.parent / f"in-{random.getrandbits(32)}.json"
    file.write_bytes(raw)
    try:
        import_file(store, file)
    except CoachError as err:
        assert str(err) and "Traceback" not in str(err)
        assert store.session_ids() == before  # all or nothing
    after = ProgressStore(root, clock=fixed_clock())
    assert before <= after.session_ids()
    assert after.notices == []


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=20),
        st.sampled_from(["coach-export/1", "completed", "2026-11-20T19:02:00+00:00", "core/x"]),
    ),
    lambda c: st.one_of(
        st.lists(c, max_size=4), st.dictionaries(st.text(max_size=10), c, max_size=4)
    ),
    max_leaves=20,
)


@pytest.mark.slow
@fuzz
@given(st.binary(max_size=1500))
def test_import_of_random_bytes_gives_a_clear_error(tmp_path: Path, raw: bytes) -> None:
    _import_cleanly(raw, tmp_path)


@pytest.mark.slow
@fuzz
@given(st.randoms(use_true_random=False))
def test_import_of_byte_mutated_exports_gives_a_clear_error(
    tmp_path: Path, export_raw: bytes, rng: random.Random
) -> None:
    _import_cleanly(_mutate_bytes(export_raw, rng), tmp_path)


@pytest.mark.slow
@fuzz
@given(st.data())
def test_import_of_structurally_mutated_exports_gives_a_clear_error(
    tmp_path: Path, export_raw: bytes, data: Any
) -> None:
    document = json.loads(export_raw)
    for _ in range(data.draw(st.integers(1, 3))):
        target = data.draw(st.sampled_from(_paths(document)))
        delete = bool(target) and data.draw(st.booleans())
        document = _set(document, target, data.draw(json_values), delete)
    _import_cleanly(json.dumps(document).encode(), tmp_path)


# ---- markup and control characters never reach a terminal raw --------------------------------------

nasty_text = (
    st.lists(
        st.one_of(
            st.characters(codec="utf-8", exclude_characters="\x00"),
            st.sampled_from(
                ["\x1b[31m", "\x07", "\x9b", "\r", "[bold]", "[/]", "[@click=app.quit]", "$x"]
            ),
        ),
        min_size=1,
        max_size=25,
    )
    .map("".join)
    .filter(lambda t: bool(t.strip()))
)


@pytest.mark.slow
@fuzz_cli
@given(nasty_text, nasty_text)
def test_cli_output_never_carries_control_characters(tmp_path: Path, title: str, note: str) -> None:
    from typer.testing import CliRunner

    from coach.cli.app import app

    root = tmp_path / f"data-{random.getrandbits(32)}"
    store = ProgressStore(root, clock=fixed_clock())
    store.record_session(session(exercise_title=title, note=note, bring_to_session=True))
    store.keep_card(card(title=title, text=note))
    env = {"COACH_DATA_DIR": str(root)}
    with pytest.MonkeyPatch.context() as patched:  # the library is loaded, not what is tested
        validate_built_in_once(patched)
        for args in (
            ["history"],
            ["stats"],
            ["prep"],
            ["export", "--format", "md"],
            ["history", "--notes"],
        ):
            result = CliRunner().invoke(app, args, env=env)
            assert result.exit_code in (0, 2), result.output
            assert not RAW_CONTROL.search(result.stdout), (args, result.stdout)


@pytest.mark.slow
@fuzz
@given(nasty_text, nasty_text, nasty_text)
@example(prompt="0", option="0", answer="²")  # a digit to isdigit(), not to int(): found here
def test_plain_mode_never_prints_control_characters(
    tmp_path: Path, prompt: str, option: str, answer: str
) -> None:
    pack = {
        "format": "coach-pack/1",
        "id": "fz",
        "title": "Fuzz",
        "version": "1",
        "exercises": [
            {
                "id": "one",
                "title": "One",
                "skill": "other",
                "summary": "Fuzzed text.",
                "steps": [
                    {"type": "read", "text": prompt},
                    {
                        "type": "choice",
                        "id": "c",
                        "prompt": prompt,
                        "options": [option, "plain"],
                        "other": True,
                    },
                    {"type": "text", "id": "t", "prompt": prompt},
                    {"type": "script", "id": "s", "template": "{t} {c}"},
                ],
            }
        ],
    }
    try:  # the pack file's bytes, read and checked as the library reads a pack file
        loaded = loader.parse_pack(_yaml_bytes(pack), "fz.yaml")
    except CoachError:
        return  # a pack the loader refused (a title too long, and so on): refused clearly
    exercise = loaded.exercise("one")
    assert exercise is not None
    ref = ExerciseRef(loaded, exercise)
    typed = answer.replace("\n", " ").replace("\r", " ")
    stdin = io.StringIO(f"\n{typed}\n{typed}\n\n\n\n")
    out = io.StringIO()
    store = ProgressStore(tmp_path / f"d-{random.getrandbits(32)}", clock=fixed_clock())
    plain.run_exercise(ref, store, plain.Console(stdin, out, lambda s: None), fixed_clock())
    assert not RAW_CONTROL.search(out.getvalue())


def test_strip_control_keeps_newlines_and_tabs_only() -> None:
    # whole escape sequences go: ESC [ 31m, and CSI e (e is a final byte)
    assert strip_control("a\tb\nc\x1b[31md\x9be\x07") == "a\tb\ncd"


def test_json_output_escapes_every_control_character_and_keeps_the_data() -> None:
    from coach.text import json_text

    value = {"note": "a\x1b[31m\x9b\x7fb\n"}
    text = json_text(value)
    assert not RAW_CONTROL.search(text.replace("\n", ""))
    assert json.loads(text) == value
