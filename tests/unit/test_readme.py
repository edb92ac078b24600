"""The README's example pack is a real, valid pack, and its error example is what coach says."""

from __future__ import annotations

from tests.conftest import ROOT
from tests.packs import load, one_problem


def _readme_pack() -> str:
    readme = (ROOT / "README.md").read_text()
    return readme.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_readme_example_pack_is_valid() -> None:
    pack = load(_readme_pack())
    assert pack.id == "evening" and pack.plan[0].exercise == "wind-down"


def test_the_readme_error_example_is_what_coach_says() -> None:
    broken = _readme_pack().replace("cycles: 5", "cycles: 55")
    found = one_problem(broken).replace("t.yaml", "evening.yaml")
    assert f"`{found}`" in (ROOT / "README.md").read_text()
