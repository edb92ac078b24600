"""Every rule of ../shared/pack-format.md: a pack that follows it loads, one that breaks it is refused."""

from __future__ import annotations

import pytest

from coach.packs import model
from tests.conftest import FIXTURES
from tests.packs import dump, line_of, load, one_problem, pack_data, problems, with_step

# ---- top level -------------------------------------------------------------------------------


def test_the_base_pack_loads_with_its_defaults() -> None:
    pack = load(pack_data())
    assert pack.id == "test"
    assert pack.language == "en"
    assert pack.plan == []
    rating = pack.exercises[0].steps[0]
    assert isinstance(rating, model.RatingStep)
    assert (rating.min, rating.max, rating.optional) == (0, 10, False)


def test_the_example_in_the_format_page_loads() -> None:
    pack = load((FIXTURES / "packs" / "format-example.yaml").read_text())
    assert [e.id for e in pack.exercises] == ["five-senses", "ask-for-it"]
    assert pack.plan[0].per_week == 3


def test_format_is_required() -> None:
    data = pack_data()
    del data["format"]
    assert (
        one_problem(data)
        == "t.yaml:1: format: is required; a pack starts with `format: coach-pack/1`"
    )


def test_a_newer_format_names_the_versions_this_coach_reads() -> None:
    found = one_problem(pack_data(format="coach-pack/2"))
    assert found == (
        "t.yaml:1: format: this pack is coach-pack/2, and this coach reads coach-pack/1; "
        "a newer coach may read it"
    )


def test_another_format_value_is_refused() -> None:
    assert "must be coach-pack/1" in one_problem(pack_data(format="yaml"))


@pytest.mark.parametrize("pack_id", ["a", "grief-2", "0day", "x" * 40, "a-b-c"])
def test_good_ids(pack_id: str) -> None:
    assert load(pack_data(id=pack_id)).id == pack_id


@pytest.mark.parametrize("pack_id", ["Grief", "-grief", "gr ief", "grief_2", "x" * 41, "", "é"])
def test_bad_ids_explain_the_rule(pack_id: str) -> None:
    found = one_problem(pack_data(id=pack_id))
    assert found.startswith("t.yaml:2: id: must be lowercase letters, digits and -")


def test_title_is_at_most_80_characters() -> None:
    assert load(pack_data(title="t" * 80)).title == "t" * 80
    assert one_problem(pack_data(title="t" * 81)) == (
        "t.yaml:3: title: must be at most 80 characters (this one has 81)"
    )


def test_text_the_page_does_not_limit_may_be_long_or_empty() -> None:
    long_option = "o" * 300
    data = with_step(
        {
            "type": "choice",
            "id": "c",
            "prompt": "",
            "options": [long_option, "b"],
            "title": "t" * 200,
        }
    )
    data["exercises"][0].update(when=["w" * 200], tags=["t" * 100], summary="")
    data.update(author="a" * 300, version="v" * 100, title="")
    pack = load(data)
    assert pack.exercises[0].steps[1].options[0] == long_option and pack.title == ""


def test_version_must_be_text() -> None:
    assert load(pack_data(version="1.2.0")).version == "1.2.0"
    assert one_problem(pack_data(version=1.5)) == (
        't.yaml:4: version: must be text, but YAML reads 1.5 as a number; put it in quotes: "1.5"'
    )


def test_author_description_and_language_are_optional_and_checked() -> None:
    pack = load(pack_data(author="A clinic", description="**Bold** words", language="en-GB"))
    assert (pack.author, pack.description, pack.language) == ("A clinic", "**Bold** words", "en-GB")
    assert "language: must be a language tag" in one_problem(pack_data(language="english!"))


def test_a_pack_needs_exercises() -> None:
    assert one_problem(pack_data(exercises=[])).endswith("exercises: needs at least 1 item")
    data = pack_data()
    del data["exercises"]
    assert one_problem(data) == "t.yaml:1: exercises: is required"


def test_unknown_keys_are_refused_with_a_suggestion() -> None:
    data = pack_data(titel="x")
    assert one_problem(data) == (
        f"t.yaml:{line_of(data, 'titel:')}: titel: is not a key coach knows; did you mean "
        "title? (keys that start with x- are kept for your own use)"
    )


def test_x_keys_are_kept_and_ignored_everywhere() -> None:
    data = pack_data(**{"x-editor": {"theme": "dark"}})
    data["exercises"][0]["x-reviewed"] = "2026-11-01"
    data["exercises"][0]["steps"][0]["x-note"] = [1, 2]
    pack = load(data)
    assert pack.extensions == {"x-editor": {"theme": "dark"}}
    assert pack.exercises[0].extensions == {"x-reviewed": "2026-11-01"}
    assert pack.exercises[0].steps[0].extensions == {"x-note": [1, 2]}


# ---- exercises -------------------------------------------------------------------------------


def _exercise(**fields: object) -> dict:
    data = pack_data()
    data["exercises"][0].update(fields)
    return data


def test_exercise_fields_load() -> None:
    ex = load(_exercise(minutes=5, why="Because.", when=["at work"], tags=["calm"])).exercises[0]
    assert (ex.minutes, ex.why, ex.when, ex.tags) == (5, "Because.", ["at work"], ["calm"])


@pytest.mark.parametrize("skill", model.SKILLS)
def test_every_skill_is_accepted(skill: str) -> None:
    assert load(_exercise(skill=skill)).exercises[0].skill == skill


def test_an_unknown_skill_lists_the_skills() -> None:
    assert one_problem(_exercise(skill="coping")).endswith(
        "exercises[0].skill: must be grounding, boundaries, regulation or other"
    )


def test_summary_is_one_line_of_at_most_160_characters() -> None:
    assert load(_exercise(summary="two\n  lines")).exercises[0].summary == "two lines"
    assert "must be at most 160 characters" in one_problem(_exercise(summary="s" * 161))


@pytest.mark.parametrize(("minutes", "ok"), [(1, True), (120, True), (0, False), (121, False)])
def test_minutes_from_1_to_120(minutes: int, ok: bool) -> None:
    if ok:
        assert load(_exercise(minutes=minutes)).exercises[0].minutes == minutes
    else:
        assert one_problem(_exercise(minutes=minutes)).endswith(
            "exercises[0].minutes: must be between 1 and 120"
        )


def test_minutes_may_be_a_fraction_but_not_text() -> None:
    assert load(_exercise(minutes=2.5)).exercises[0].minutes == 2.5
    assert one_problem(_exercise(minutes="5")).endswith(
        "minutes: must be a number, written without quotes"
    )
    assert one_problem(
        dump(_exercise()).replace("  summary:", "  minutes: 1e3\n  summary:")
    ).endswith("minutes: must be a number, like 4 or 2.5 (YAML reads 1e3 as text)")


def test_exercise_ids_are_unique_in_a_pack() -> None:
    data = pack_data()
    data["exercises"].append(dict(data["exercises"][0]))
    assert one_problem(data).endswith("exercises[1].id: 'calm' is already the id of exercises[0]")


def test_an_exercise_needs_steps() -> None:
    assert one_problem(_exercise(steps=[])).endswith("exercises[0].steps: needs at least 1 item")


@pytest.mark.parametrize("key", ["id", "title", "skill", "summary", "steps"])
def test_required_exercise_keys(key: str) -> None:
    data = pack_data()
    del data["exercises"][0][key]
    assert one_problem(data).endswith(f"exercises[0].{key}: is required")


# ---- steps -----------------------------------------------------------------------------------

MINIMAL_STEPS = {
    "read": {"type": "read", "text": "Read this."},
    "breathe": {"type": "breathe", "pattern": [{"in": 4}, {"out": 6}]},
    "timer": {"type": "timer", "seconds": 30},
    "rating": {"type": "rating", "id": "r", "prompt": "How?"},
    "text": {"type": "text", "id": "t", "prompt": "What?"},
    "choice": {"type": "choice", "id": "c", "prompt": "Which?", "options": ["a", "b"]},
    "checklist": {"type": "checklist", "id": "k", "prompt": "Done?", "items": ["one"]},
    "script": {"type": "script", "id": "s", "template": "I saw {see}."},
}
REQUIRED = {
    "read": ["text"],
    "breathe": ["pattern"],
    "timer": ["seconds"],
    "rating": ["id", "prompt"],
    "text": ["id", "prompt"],
    "choice": ["id", "prompt", "options"],
    "checklist": ["id", "prompt", "items"],
    "script": ["id", "template"],
}


@pytest.mark.parametrize("kind", model.STEP_TYPES)
def test_every_step_type_loads_with_title_and_optional(kind: str) -> None:
    step = {**MINIMAL_STEPS[kind], "title": "A title", "optional": True}
    loaded = load(with_step(step, at=2)).exercises[0].steps[2]
    assert (loaded.type, loaded.title, loaded.optional) == (kind, "A title", True)


@pytest.mark.parametrize(
    ("kind", "key"), [(k, key) for k, keys in REQUIRED.items() for key in keys]
)
def test_required_step_keys(kind: str, key: str) -> None:
    step = dict(MINIMAL_STEPS[kind])
    del step[key]
    assert one_problem(with_step(step, at=2)).endswith(f"exercises[0].steps[2].{key}: is required")


def test_an_unknown_step_type_lists_the_types() -> None:
    found = one_problem(with_step({"type": "dance", "id": "d"}))
    assert found.endswith(
        "exercises[0].steps[1].type: 'dance' is not a step type; use one of read, breathe, "
        "timer, rating, text, choice, checklist, script"
    )


def test_a_step_without_type_is_refused() -> None:
    assert "steps[1].type: every step needs a type" in one_problem(with_step({"id": "x"}))


def test_a_key_of_another_step_type_is_refused() -> None:
    found = one_problem(with_step({**MINIMAL_STEPS["timer"], "pattern": [{"in": 4}]}))
    assert found.endswith("steps[1].pattern: is not a key of a timer step (breathe steps have it)")
    found = one_problem(with_step({**MINIMAL_STEPS["text"], "distress": "before"}))
    assert found.endswith("steps[1].distress: is not a key of a text step (rating steps have it)")


def test_breathe_and_timer_may_have_an_id() -> None:
    steps = load(with_step({**MINIMAL_STEPS["timer"], "id": "walk"}, at=1)).exercises[0].steps
    assert steps[1].answer_id == "walk"
    assert load(with_step(MINIMAL_STEPS["breathe"])).exercises[0].steps[1].answer_id is None


def test_step_ids_are_unique_in_an_exercise() -> None:
    found = one_problem(with_step({**MINIMAL_STEPS["text"], "id": "see"}, at=3))
    assert found.endswith("exercises[0].steps[3].id: 'see' is already the id of steps[1]")


def test_the_same_step_id_in_two_exercises_is_fine() -> None:
    data = pack_data()
    data["exercises"].append({**data["exercises"][0], "id": "other"})
    assert len(load(data).exercises) == 2


# breathe


def test_breathe_pattern_phases() -> None:
    step = {"type": "breathe", "pattern": [{"in": 4}, {"hold": 0.5}, {"out": 20}, {"rest": 2}]}
    loaded = load(with_step(step)).exercises[0].steps[1]
    assert [(p.kind, p.seconds) for p in loaded.pattern] == [
        ("in", 4),
        ("hold", 0.5),
        ("out", 20),
        ("rest", 2),
    ]
    assert loaded.cycles == 4


@pytest.mark.parametrize("seconds", [0.4, 20.5, 0])
def test_breathe_phase_seconds_from_half_to_20(seconds: float) -> None:
    found = one_problem(with_step({"type": "breathe", "pattern": [{"out": seconds}]}))
    assert found.endswith("steps[1].pattern[0].out: must be between 0.5 and 20")


def test_a_phase_has_exactly_one_key() -> None:
    found = one_problem(with_step({"type": "breathe", "pattern": [{"in": 4, "out": 4}]}))
    assert found.endswith(
        "steps[1].pattern[0]: each phase is one of in, hold, out or rest with its seconds, like {in: 4}"
    )


def test_a_phase_name_must_be_known() -> None:
    found = one_problem(with_step({"type": "breathe", "pattern": [{"inhale": 4}]}))
    assert "steps[1].pattern[0].inhale: is not a key coach knows" in found


def test_breathe_needs_a_phase() -> None:
    found = one_problem(with_step({"type": "breathe", "pattern": []}))
    assert found.endswith("steps[1].pattern: needs at least 1 item")


@pytest.mark.parametrize(("cycles", "ok"), [(1, True), (50, True), (0, False), (51, False)])
def test_breathe_cycles_from_1_to_50(cycles: int, ok: bool) -> None:
    step = {**MINIMAL_STEPS["breathe"], "cycles": cycles}
    if ok:
        assert load(with_step(step)).exercises[0].steps[1].cycles == cycles
    else:
        assert one_problem(with_step(step)).endswith("steps[1].cycles: must be between 1 and 50")


# timer


@pytest.mark.parametrize(("seconds", "ok"), [(1, True), (3600, True), (0, False), (3601, False)])
def test_timer_seconds_from_1_to_3600(seconds: int, ok: bool) -> None:
    step = {"type": "timer", "seconds": seconds}
    if ok:
        assert load(with_step(step)).exercises[0].steps[1].seconds == seconds
    else:
        assert one_problem(with_step(step)).endswith("steps[1].seconds: must be between 1 and 3600")


# rating


def test_rating_scale_and_labels() -> None:
    step = {**MINIMAL_STEPS["rating"], "min": 1, "max": 100, "labels": {1: "low", 100: "high"}}
    loaded = load(with_step(step)).exercises[0].steps[1]
    assert (loaded.min, loaded.max, loaded.labels) == (1, 100, {1: "low", 100: "high"})


def test_rating_max_is_at_most_100() -> None:
    found = one_problem(with_step({**MINIMAL_STEPS["rating"], "max": 101}))
    assert found.endswith("steps[1].max: must be at most 100")


@pytest.mark.parametrize(("low", "high"), [(5, 5), (6, 5)])
def test_rating_max_is_above_min(low: int, high: int) -> None:
    found = one_problem(with_step({**MINIMAL_STEPS["rating"], "min": low, "max": high}))
    assert f"steps[1].max: must be above min ({low})" in found


def test_rating_labels_must_be_on_the_scale() -> None:
    found = one_problem(with_step({**MINIMAL_STEPS["rating"], "labels": {0: "calm", 11: "x"}}))
    assert found.endswith("steps[1].labels[11]: 11 is not on the scale 0 to 10")


def test_rating_distress_must_be_before_or_after() -> None:
    found = one_problem(with_step({**MINIMAL_STEPS["rating"], "distress": "during"}))
    assert found.endswith("steps[1].distress: must be before or after")


def test_at_most_one_distress_before() -> None:
    step = {**MINIMAL_STEPS["rating"], "distress": "before"}
    found = one_problem(with_step(step, at=1))
    assert found.endswith(
        "steps[1].distress: steps[0] is already marked distress: before; an exercise has at "
        "most one of each"
    )


def test_distress_before_comes_ahead_of_after() -> None:
    data = pack_data()
    steps = data["exercises"][0]["steps"]
    steps[0]["distress"], steps[2]["distress"] = "after", "before"
    found = one_problem(data)
    assert found.endswith(
        "steps[2].distress: distress: before must come ahead of distress: after (steps[0])"
    )


def test_distress_ratings_are_optional() -> None:
    data = pack_data()
    for step in data["exercises"][0]["steps"]:
        step.pop("distress", None)
    assert load(data).exercises[0].distress_step("before") is None


# text


def test_text_defaults_and_limits() -> None:
    loaded = load(with_step(MINIMAL_STEPS["text"])).exercises[0].steps[1]
    assert (loaded.count, loaded.multiline, loaded.max_length) == (1, False, 500)
    step = {**MINIMAL_STEPS["text"], "count": 20, "max_length": 5000, "multiline": True}
    assert load(with_step(step)).exercises[0].steps[1].count == 20


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("count", 0, "must be between 1 and 20"),
        ("count", 21, "must be between 1 and 20"),
        ("max_length", 0, "must be between 1 and 5000"),
        ("max_length", 5001, "must be between 1 and 5000"),
        ("multiline", "sure", "must be true or false"),
    ],
)
def test_text_limits_are_checked(key: str, value: object, message: str) -> None:
    found = one_problem(with_step({**MINIMAL_STEPS["text"], key: value}))
    assert found.endswith(f"steps[1].{key}: {message}")


# choice and checklist


def test_choice_options_from_2_to_50() -> None:
    step = {**MINIMAL_STEPS["choice"], "options": [f"o{i}" for i in range(50)], "multiple": True}
    assert len(load(with_step(step)).exercises[0].steps[1].options) == 50
    few = one_problem(with_step({**MINIMAL_STEPS["choice"], "options": ["only"]}))
    assert few.endswith("steps[1].options: needs at least 2 items")
    many = one_problem(
        with_step({**MINIMAL_STEPS["choice"], "options": [f"o{i}" for i in range(51)]})
    )
    assert many.endswith("steps[1].options: can have at most 50 items")


def test_choice_options_are_unique() -> None:
    found = one_problem(with_step({**MINIMAL_STEPS["choice"], "options": ["a", "b", "a"]}))
    assert found.endswith("steps[1].options[2]: 'a' is already options[0]")


def test_choice_multiple_and_other_default_to_false() -> None:
    loaded = load(with_step(MINIMAL_STEPS["choice"])).exercises[0].steps[1]
    assert (loaded.multiple, loaded.other) == (False, False)


def test_checklist_items_from_1_to_50() -> None:
    assert load(with_step(MINIMAL_STEPS["checklist"])).exercises[0].steps[1].items == ["one"]
    none = one_problem(with_step({**MINIMAL_STEPS["checklist"], "items": []}))
    assert none.endswith("steps[1].items: needs at least 1 item")
    many = one_problem(with_step({**MINIMAL_STEPS["checklist"], "items": ["i"] * 51}))
    assert many.endswith("steps[1].items: can have at most 50 items")


# script templates


def _script(template: str, at: int = 2) -> dict:
    return with_step({"type": "script", "id": "s", "template": template}, at=at)


def test_a_template_names_earlier_answer_steps() -> None:
    step = load(_script("Before {before}, I saw {see}. {{braces}}")).exercises[0].steps[2]
    assert step.template == "Before {before}, I saw {see}. {{braces}}"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{nobody}", "{nobody} names no earlier answer step in this exercise"),
        ("{after}", "{after} names a later step; a script can use only answers given before it"),
        ("{see.upper}", "`{see.upper}` is not a placeholder"),
        ("{see[0]}", "`{see[0]}` is not a placeholder"),
        ("{see!r}", "`{see!r}` is not a placeholder"),
        ("{0}", "{0} names no earlier answer step"),
        ("{}", "`{}` is not a placeholder"),
        ("{see", "a `{` is never closed"),
        ("see}", "a `}` has no `{`"),
    ],
)
def test_bad_templates_are_refused_at_load_time(template: str, message: str) -> None:
    found = one_problem(_script(template))
    assert f"exercises[0].steps[2].template: {message}" in found


def test_a_template_cannot_use_a_step_that_records_no_answer() -> None:
    data = with_step({"type": "timer", "id": "walk", "seconds": 5}, at=1)
    data["exercises"][0]["steps"].insert(2, {"type": "script", "id": "s", "template": "{walk}"})
    assert "{walk} names no earlier answer step" in one_problem(data)


# ---- plan ------------------------------------------------------------------------------------


def test_a_plan_loads() -> None:
    plan = [
        {
            "exercise": "calm",
            "per_week": 3,
            "from": "2026-12-01",
            "until": "2026-12-31",
            "note": "Before work.",
        }
    ]
    entry = load(pack_data(plan=plan)).plan[0]
    assert (entry.exercise, entry.per_week, str(entry.from_), str(entry.until)) == (
        "calm",
        3,
        "2026-12-01",
        "2026-12-31",
    )


def test_plan_dates_may_be_unquoted() -> None:
    source = dump(pack_data()) + "plan:\n  - {exercise: calm, per_week: 2, from: 2026-12-01}\n"
    assert str(load(source).plan[0].from_) == "2026-12-01"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"exercise": "nope", "per_week": 1},
            "plan[0].exercise: 'nope' is not an exercise in this pack",
        ),
        ({"exercise": "calm", "per_week": 0}, "plan[0].per_week: must be between 1 and 21"),
        ({"exercise": "calm", "per_week": 22}, "plan[0].per_week: must be between 1 and 21"),
        (
            {"exercise": "calm", "per_week": 1, "from": "soon"},
            "plan[0].from: must be a date like 2026-12-01",
        ),
        (
            {"exercise": "calm", "per_week": 1, "from": "2026-12-02", "until": "2026-12-01"},
            "plan[0].until: 2026-12-01 is before from (2026-12-02)",
        ),
        ({"exercise": "calm"}, "plan[0].per_week: is required"),
    ],
)
def test_plan_rules(entry: dict, message: str) -> None:
    assert one_problem(pack_data(plan=[entry])).endswith(message)


def test_every_problem_in_a_file_is_reported() -> None:
    data = pack_data(title="t" * 81, version=2)
    data["exercises"][0]["skill"] = "coping"
    data["exercises"][0]["steps"].append({"type": "timer", "seconds": 0})
    found = problems(data)
    assert [f.split(": ")[1] for f in found] == [
        "title",
        "version",
        "exercises[0].skill",
        "exercises[0].steps[3].seconds",
    ]
