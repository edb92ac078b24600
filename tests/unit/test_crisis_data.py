"""The crisis lines coach ships: the file fits its schema, every line is dated or marked as not
yet checked, every region has an emergency number, and no number has punctuation stuck to it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach import paths
from coach.core import crisis

SHIPPED = paths.reference_data_dir() / "crisis-resources.yaml"
STUCK = re.compile(r"\d[.,;:!?)\]'\"]")


def test_the_shipped_file_fits_its_schema() -> None:
    found = crisis.load(SHIPPED)  # a file that does not fit raises: this test fails
    assert list(found)[-1] == "OTHER"
    for code in ("US", "GB", "IE", "CA", "AU", "NZ", "IN", "DE", "FR", "ES", "ZA"):
        assert code in found and found[code].short


def test_every_line_is_dated_or_marked_unchecked_in_the_file() -> None:
    text = SHIPPED.read_text("utf-8")
    entries = text.count("      - name:")
    dated = len(re.findall(r"^        verified: \d{4}-\d{2}-\d{2}$", text, re.M))
    unchecked = len(re.findall(r"^        verified: unchecked$", text, re.M))
    assert entries == dated + unchecked and dated >= 11 and unchecked > 0  # OTHER went unchecked
    lines = [r for region in crisis.regions().values() for r in region.resources]
    assert len(lines) == entries
    assert all(r.checked == (r.verified is not None) for r in lines)


def test_every_region_has_an_emergency_number() -> None:
    for region in crisis.regions().values():
        emergency = [r for r in region.resources if r.emergency]
        assert emergency, region.code
        assert "emergency" in region.short.lower() or region.code == "OTHER"


def test_no_number_is_followed_by_punctuation_a_person_would_copy() -> None:
    for region in crisis.regions().values():
        for r in region.resources:
            assert not STUCK.search(r.how), r.how
            assert r.how[-1] not in ".,;:", r.how  # no full stop at the end
            assert not STUCK.search(crisis.line(r)), crisis.line(r)
        assert not STUCK.search(crisis.compact(region)), region.short
    for said in crisis.compact_lines():
        assert not STUCK.search(said)


def test_what_the_issue_asks_for_is_there_and_988_press_3_is_not() -> None:
    every = " ".join(line for r in crisis.regions().values() for line in crisis.lines(r))
    for wanted in (
        "988lifeline.org/chat",
        "Call 988 then press 1 or text 838255",
        "1-866-488-7386",
        "text START to 678-678",
        "1-800-662-4357",
        "Text SHOUT to 85258",
        "call 111 and choose the mental health option",
        "Text 50808",
        "text HELP to 51444",
        "1-800-668-6868 or text CONNECT to 686868",
        "1300 22 4636",
        "1800 250 015",
        "Call or text 1737",
        "0800 543 354",
        "14416 or 1-800-891-4416",
        "0800 111 0 111 or 0800 111 0 222",
        "Call 3114",
        "Call 024",
        "0800 567 567",
        "10111",
        "10177",
    ):
        assert wanted in every, wanted
    assert "press 3" not in every
    other = " ".join(crisis.lines(crisis.regions()["OTHER"]))
    assert "many countries" in other and "most countries" not in other and "112" in other


def test_lines_put_the_hours_after_a_dot_not_a_full_stop() -> None:
    uk = crisis.lines(crisis.resources_for("GB"))
    assert uk[0] == "Samaritans: Call 116 123 (free) · Any time, day or night"
    assert uk[-1] == "Emergency services: Call 999 if you are in danger right now"


BAD = {
    "no emergency": "      - {name: A line, how: Call 123, verified: 2026-01-01}\n",
    "a stuck number": "      - {name: A line, how: 'Call 123.', verified: 2026-01-01, emergency: true}\n",
    "no date": "      - {name: A line, how: Call 123, verified: soon, emergency: true}\n",
    "an odd key": "      - {name: A line, how: Call 123, verified: 2026-01-01, emergency: true, x: 1}\n",
}


@pytest.mark.parametrize("problem", list(BAD))
def test_a_file_that_does_not_fit_is_refused(tmp_path: Path, problem: str) -> None:
    path = tmp_path / "crisis-resources.yaml"
    path.write_text(
        "format: coach-crisis/1\nregions:\n  OTHER:\n    name: Somewhere\n    short: Call 123\n"
        "    resources:\n" + BAD[problem],
        "utf-8",
    )
    with pytest.raises(crisis.CrisisDataError):
        crisis.load(path)


def test_the_compact_line_for_somewhere_else_names_112_and_many_countries() -> None:
    other = crisis.compact(crisis.regions()["OTHER"])
    assert "112" in other and "many countries" in other and "findahelpline.com" in other
    assert other in crisis.compact_lines()


def test_south_africas_compact_line_names_10111_beside_112() -> None:
    za = crisis.compact(crisis.regions()["ZA"])
    assert "10111" in za and "112" in za and "0800 567 567" in za


def test_lines_whose_words_changed_without_a_fresh_check_say_unchecked() -> None:
    other = crisis.regions()["OTHER"].resources  # 112 and "many countries" were added
    assert all(not r.checked for r in other)


def test_the_date_says_which_lines_were_checked_when_only_some_were() -> None:
    us = crisis.regions()["US"]
    assert any(r.checked for r in us.resources) and not all(r.checked for r in us.resources)
    words = crisis.checked_words([us])
    assert words == (
        "Some of these lines are not checked yet. The others were last checked 2026-11-27."
    )
    assert not words.startswith("Last checked")
    assert crisis.checked_words([crisis.regions()["NZ"]]) == "Not yet checked."
    checked = crisis.Region("XX", "Test", tuple(r for r in us.resources if r.checked))
    assert crisis.checked_words([checked]) == "Last checked 2026-11-27."
