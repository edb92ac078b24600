"""Rich renderings of packs and exercises for the command line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from coach.text import clean

if TYPE_CHECKING:  # list and find render from the cache (coach.cli.listing) without pydantic
    from coach.packs.library import ExerciseRef
    from coach.packs.search import Match

SKILL_ORDER = ("grounding", "boundaries", "regulation", "other")
SKILL_NAMES = {
    "grounding": "Grounding",
    "boundaries": "Boundaries",
    "regulation": "Regulation",
    "other": "Other",
}


def minutes_text(minutes: float | None) -> str:
    return f"{minutes:g} min" if minutes else ""


def by_skill(refs: Sequence[ExerciseRef]) -> list[ExerciseRef]:
    """Exercises grouped by skill (grounding first), keeping pack order inside each skill."""
    return sorted(refs, key=lambda r: SKILL_ORDER.index(r.skill))


def exercise_table(refs: Sequence[ExerciseRef]) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", expand=True)
    table.add_column(Text("id"), no_wrap=True)
    table.add_column(Text("title"), ratio=2)
    table.add_column(Text("skill"), no_wrap=True)
    table.add_column(Text("time"), no_wrap=True, justify="right")
    table.add_column(Text("what it is for"), ratio=3)
    for ref in refs:
        table.add_row(
            Text(ref.full_id, style="cyan"),
            Text(ref.title),
            Text(ref.skill),
            Text(minutes_text(ref.exercise.minutes)),
            Text(ref.exercise.summary, style="dim"),
        )
    return table


def exercise_record(ref: ExerciseRef) -> dict[str, Any]:
    """One exercise as the JSON of `coach list --json` and `coach find --json`."""
    ex = ref.exercise
    return {
        "id": ref.full_id,
        "title": ex.title,
        "skill": ex.skill,
        "summary": ex.summary,
        "minutes": ex.minutes,
        "pack": ref.pack.id,
        "when": list(ex.when),
        "tags": list(ex.tags),
    }


def match_table(matches: Sequence[Match]) -> Table:
    return exercise_table([m.ref for m in matches])


def describe_step(step: Any) -> Text:
    """One line saying what a step asks, in plain words."""
    from coach.packs import model

    optional = " (optional)" if step.optional else ""
    if isinstance(step, model.ReadStep):
        first = step.title or step.text.strip().splitlines()[0]
        more = " ..." if step.title or "\n" in step.text.strip() else ""
        return Text(f"Read: {first}{more}{optional}")
    if isinstance(step, model.BreatheStep):
        pattern = ", ".join(f"{p.kind} {p.seconds:g}" for p in step.pattern)
        times = "once" if step.cycles == 1 else f"{step.cycles} times"
        return Text(f"Breathe: {pattern} (seconds), {times}{optional}")
    if isinstance(step, model.TimerStep):
        label = step.text.splitlines()[0] if step.text else "Timer"
        return Text(f"{label} ({_duration(step.seconds)}){optional}")
    if isinstance(step, model.RatingStep):
        scale = f"{step.min} to {step.max}"
        if step.labels:
            scale += ": " + ", ".join(f"{k} {v}" for k, v in sorted(step.labels.items()))
        return Text(f"{step.prompt} ({scale}){optional}")
    if isinstance(step, model.TextStep):
        many = f" ({step.count} answers)" if step.count > 1 else ""
        return Text(f"{step.prompt}{many}{optional}")
    if isinstance(step, model.ChoiceStep):
        pick = "pick any" if step.multiple else "pick one"
        return Text(f"{step.prompt} ({pick}: {', '.join(step.options)}){optional}")
    if isinstance(step, model.ChecklistStep):
        return Text(f"{step.prompt} (tick: {', '.join(step.items)}){optional}")
    if isinstance(step, model.ScriptStep):
        return Text(f"{step.title or 'Your script'}: your answers put together, to edit and keep")
    return Text(str(getattr(step, "type", "step")))


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:g} seconds"
    minutes = seconds / 60
    return f"{minutes:g} minute{'s' if minutes != 1 else ''}"


MARKDOWN_SIGNS = re.compile(r"[\\`*_\[\]<>#|~&]|^\s*(?:[-+=]|\d+[.)])|^\s|\S\s{2,}", re.MULTILINE)
"""Anything Markdown could read as more than words: marks, a list or heading, indents, spacing."""


def prose(text: str) -> RenderableType:
    """Text written with Markdown in mind, as Rich's Markdown shows it; plain words (most of
    them) skip the Markdown parser, which `coach show` would otherwise load for every exercise."""
    if MARKDOWN_SIGNS.search(text):
        from rich.markdown import Markdown

        return Markdown(text)
    paragraphs = [" ".join(p.split("\n")) for p in re.split(r"\n(?:[ \t]*\n)+", text.strip())]
    parts: list[RenderableType] = []
    for paragraph in paragraphs:
        parts += (
            [Text(""), Text(paragraph, justify="left")]
            if parts
            else [Text(paragraph, justify="left")]
        )
    return Group(*parts)


def detail_record(ref: ExerciseRef) -> dict[str, Any]:
    """What `coach show` draws of one exercise, as plain data (coach.cli.listing caches it)."""
    ex = ref.exercise
    facts = [SKILL_NAMES[ex.skill]]
    if ex.minutes:
        facts.append(f"about {ex.minutes:g} minutes")
    facts.append(f"from {ref.pack.title} {ref.pack.version}")
    return {
        "id": ref.full_id,
        "title": ex.title,
        "facts": " · ".join(facts),
        "summary": ex.summary,
        "why": ex.why or "",
        "when": list(ex.when),
        "steps": [describe_step(step).plain for step in ex.steps],
    }


def exercise_detail(ref: ExerciseRef) -> RenderableType:
    return detail_view(detail_record(ref))


def detail_view(record: dict[str, Any]) -> RenderableType:
    """One exercise for `coach show`: what it is, why it works, when it helps, its steps."""
    parts: list[RenderableType] = [
        Text.assemble((record["title"], "bold"), "  ", (record["id"], "cyan")),
        Text(record["facts"], style="dim"),
        Text(""),
        Text(record["summary"]),
    ]
    if record["why"]:
        parts += [
            Text(""),
            Text("Why this works", style="bold"),
            Padding(prose(record["why"]), (0, 2)),
        ]
    if record["when"]:
        parts += [Text(""), Text("When it can help", style="bold")]
        parts += [Text(f"  - {w}") for w in record["when"]]
    steps = Table.grid(padding=(0, 1))
    steps.add_column(justify="right", no_wrap=True)
    steps.add_column()
    for i, step in enumerate(record["steps"], 1):
        steps.add_row(Text(f"{i}."), Text(step))
    parts += [Text(""), Text("Steps", style="bold"), Padding(steps, (0, 0, 0, 1))]
    parts += [Text(""), Text(f"Start it with: coach run {record['id']}", style="dim")]
    return Group(*parts)


def validation_view(results: Sequence[dict[str, Any]]) -> Text:
    """What `coach validate` found: one line per valid file or problem, then a count."""
    out = Text()
    for r in results:
        if r["valid"]:
            n = r["exercises"]
            out.append(
                f"{r['file']}: valid (pack {r['pack']}, {n} exercise{'s' if n != 1 else ''})\n"
            )
            continue
        for p in r["problems"]:
            line = f":{p['line']}" if p["line"] else ""
            field_part = f" {p['field']}:" if p["field"] else ""
            out.append(clean(f"{p['file']}{line}:{field_part} {p['message']}") + "\n")
    bad = [r for r in results if not r["valid"]]
    if bad and len(results) > 1:
        problems = sum(len(r["problems"]) for r in bad)
        out.append(
            f"{len(results)} files checked: {len(results) - len(bad)} valid, "
            f"{len(bad)} with {problems} problem{'s' if problems != 1 else ''} to fix.\n"
        )
    out.rstrip()
    return out


def pack_records(library: Any) -> list[dict[str, Any]]:
    """Every pack as the JSON of `coach pack list --json`."""
    found = []
    for loaded in library.packs:
        pack = loaded.pack
        found.append(
            {
                "id": pack.id,
                "title": pack.title,
                "version": pack.version,
                "author": pack.author,
                "exercises": len(pack.exercises),
                "origin": loaded.origin,
                "path": str(loaded.path),
                "plan": [
                    {
                        "exercise": f"{pack.id}/{entry.exercise}",
                        "per_week": entry.per_week,
                        "from": entry.from_.isoformat() if entry.from_ else None,
                        "until": entry.until.isoformat() if entry.until else None,
                        "note": entry.note,
                    }
                    for entry in pack.plan
                ],
            }
        )
    return found


def pack_table(library: Any) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold", expand=True)
    for name, kwargs in (
        ("id", {"no_wrap": True}),
        ("title", {"ratio": 2}),
        ("version", {"no_wrap": True}),
        ("author", {"ratio": 1}),
        ("exercises", {"justify": "right"}),
        ("plan", {"ratio": 2}),
    ):
        table.add_column(Text(name), **kwargs)
    for record in pack_records(library):
        plan = "; ".join(
            f"{p['exercise'].split('/', 1)[1]} {p['per_week']}x a week" for p in record["plan"]
        )
        table.add_row(
            Text(record["id"], style="cyan"),
            Text(record["title"]),
            Text(record["version"]),
            Text(record["author"] or ""),
            Text(str(record["exercises"])),
            Text(plan, style="dim"),
        )
    return table
