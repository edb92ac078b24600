"""The HTML report in a real browser (headless Chromium): the chart and every section are in the
page, nothing is wider than an 800 px window, and printing it gives more than one page.

The shipped report has no script. To measure it, the test writes its own copy with one small
script added at the end, which writes the page's widths into the DOM for `--dump-dom` to show.
When Chromium cannot be found, the test is skipped and says so (`.ci/run` installs it)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coach.core import stats
from coach.export import html
from coach.export.data import ExportData
from coach.export.report import build
from coach.records import SafetyPlan
from tests.records import FIXED_NOW, card_record, session_record

pytestmark = pytest.mark.slow

NAMES = ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome", "chrome")
WIDTH = 800
LONG_WORD = "unbroken" * 60  # 480 letters with no place to break
SECTIONS = [
    "Practice",
    "Distress before and after, over time",
    stats.DROPPED_HEADING,
    "Notes",
    "Kept cards",
    "Safety plan",
]
MEASURE = """<script>
var widest = [];
document.querySelectorAll("body *").forEach(function (el) {
  var box = el.getBoundingClientRect();
  if (box.right > window.innerWidth + 0.5) { widest.push(el.tagName + "." + el.className); }
});
var out = document.createElement("pre");
out.id = "measured";
out.textContent = "scroll=" + document.documentElement.scrollWidth + " inner=" +
  window.innerWidth + " over=" + widest.slice(0, 5).join(",");
document.body.appendChild(out);
</script>"""


def _browser() -> str:
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(
        "Chromium is not installed, so the HTML report was not checked in a browser "
        "(apt-get install chromium-headless-shell; .ci/run does this)."
    )


def _run(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--window-size={WIDTH},1000",
        *args,
    ]
    env = {**os.environ, "HOME": str(profile)}
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=env, check=False)


def _long_report() -> str:
    start = dt.datetime(2024, 3, 4, 9, 0, tzinfo=dt.UTC)
    sessions = [
        session_record(
            start + dt.timedelta(days=3 * i),
            exercise="clinic/walk" if i % 3 else "core/five-senses",
            exercise_title="Mindful walk" if i % 3 else f"Long {LONG_WORD[:190]}",
            distress_before=3 + i % 7,
            distress_after=2 + i % 4,
            note=(LONG_WORD if i == 5 else f"Note {i}: it went a little better today.\n" * 3),
            bring_to_session=i % 2 == 0,
        )
        for i in range(240)
    ]
    cards = [card_record(title="My words", text=f"When plans change, I say {LONG_WORD}.")]
    plan = SafetyPlan(
        updated=FIXED_NOW.isoformat(), warning_signs=[LONG_WORD[:200]], people=["Sam"]
    )
    data = ExportData(FIXED_NOW, sessions, cards, safety_plan=plan)
    entries = [{"exercise": "clinic/walk", "title": "Mindful walk", "per_week": 3}]
    return html.render(build(data, entries, "flagged"))


def test_the_html_report_in_chromium(tmp_path: Path) -> None:
    browser = _browser()
    report = _long_report()
    assert "<script" not in report.lower() and "http://" not in report.replace(
        "http://www.w3.org/2000/svg", ""
    )
    shipped = tmp_path / "report.html"
    shipped.write_text(report, encoding="utf-8")
    measured = tmp_path / "measured.html"  # the test's own copy: the report plus MEASURE
    measured.write_text(report.replace("</body>", MEASURE + "</body>"), encoding="utf-8")

    dom = _run(browser, tmp_path / "p1", "--dump-dom", measured.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = dom.stdout
    assert re.search(r'<svg class="chart"[^>]*>', page) and '<polyline class="before"' in page
    headings = re.findall(r"<h2>([^<]*)</h2>", page)
    assert headings[:2] == SECTIONS[:2] and set(SECTIONS[2:]) <= {
        h.replace("Notes for the next session", "Notes") for h in headings
    }
    found = re.search(r"scroll=(\d+) inner=(\d+) over=([^<]*)<", page)
    assert found, page[-2000:]
    scroll, inner, over = int(found[1]), int(found[2]), found[3]
    assert inner == WIDTH and scroll <= WIDTH and over == "", found[0]

    shot = tmp_path / "report.png"
    pdf = tmp_path / "report.pdf"
    done = _run(
        browser,
        tmp_path / "p2",
        f"--screenshot={shot}",
        "--no-pdf-header-footer",
        shipped.as_uri(),
    )
    assert done.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", done.stderr[
        -2000:
    ]
    done = _run(
        browser,
        tmp_path / "p3",
        f"--print-to-pdf={pdf}",
        "--no-pdf-header-footer",
        shipped.as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))
    assert pages > 1, f"the printed report is {pages} page(s)"
