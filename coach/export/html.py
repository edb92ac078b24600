"""The shared report as one self-contained HTML file: no outside assets, no scripts, works offline,
prints well. Every piece of a person's text is escaped, so it shows as written."""

from __future__ import annotations

from html import escape

from coach.core import stats
from coach.export import svg
from coach.export.report import Report
from coach.export.sections import long_day

STYLE = """
:root { color-scheme: light; }
body { overflow-wrap: anywhere; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.5;
       color: #1f2328; background: #ffffff; margin: 0; }
main { max-width: 760px; margin: 0 auto; padding: 32px 24px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.15rem; margin: 32px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
.meta { color: #57606a; margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
th { font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
.chart { display: block; max-width: 100%; height: auto; margin: 8px 0; }
.chart .grid { stroke: #eaeef2; stroke-width: 1; }
.chart .axis, .chart .legend text { font-size: 12px; fill: #57606a; }
.chart polyline, .chart .legend line { fill: none; stroke: #1f2328; stroke-width: 2; }
.chart .after { stroke-dasharray: 6 4; stroke: #57606a; }
.chart .before-mark { fill: #1f2328; }
.chart .after-mark { fill: #ffffff; stroke: #57606a; stroke-width: 2; }
.note { margin: 0 0 12px; }
.note .when { color: #57606a; font-size: 0.9rem; }
.note .text { white-space: pre-wrap; }
.card { white-space: pre-wrap; font-family: inherit; background: #f6f8fa; border: 1px solid #d0d7de;
        border-radius: 6px; padding: 12px; margin: 0 0 12px; }
.quiet { color: #57606a; }
footer { margin-top: 40px; color: #57606a; font-size: 0.85rem; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section, .card, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"""


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def render(report: Report, title: str = "My practice") -> str:
    head = report.header
    out: list[str] = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}: {escape(head.range_words())}</title>",
        f"<style>{STYLE}</style></head><body><main>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{escape(head.range_words())} · {head.sessions_words()}, '
        f"{head.completed} completed · made on {head.exported:%d %b %Y}</p>",
    ]
    out += _practice(report)
    out += _chart(report)
    out += _dropped(report)
    out += _notes(report)
    out += _cards(report)
    out += _safety_plan(report)
    out.append(
        "<footer>Made with coach, on the person's own computer, and shared by them. "
        "Ratings are their own sense of distress from 0 to 10 (or the scale the exercise used); "
        "they are not a measure or a diagnosis.</footer>"
    )
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"


def _practice(report: Report) -> list[str]:
    out = ["<section><h2>Practice</h2>"]
    if report.plan:
        out.append(
            '<p>The plan:</p><table><thead><tr><th>Exercise</th><th class="num">Done</th>'
            "<th>Suggested</th><th>Counted from</th></tr></thead><tbody>"
        )
        for line in report.plan:
            since = long_day(line.counted_from) if line.counted_from else "–"
            out.append(
                f'<tr><td>{escape(line.title)}</td><td class="num">{line.done}</td>'
                f"<td>{escape(line.often_words())}</td><td>{since}</td></tr>"
            )
        out.append("</tbody></table>")
    if report.exercises:
        out.append(
            '<p>Every exercise practiced:</p><table><thead><tr><th>Exercise</th><th class="num">Times</th>'
            '<th class="num">Before</th><th class="num">After</th></tr></thead><tbody>'
        )
        for ex in report.exercises:
            out.append(
                f'<tr><td>{escape(ex.title)}</td><td class="num">{ex.times}</td>'
                f'<td class="num">{_number(ex.before)}</td><td class="num">{_number(ex.after)}</td></tr>'
            )
        out.append(
            '</tbody></table><p class="quiet">Before and after are averages over the sessions '
            "rated both times.</p>"
        )
    else:
        out.append('<p class="quiet">No sessions in this range.</p>')
    out.append("</section>")
    return out


def _chart(report: Report) -> list[str]:
    distress = report.distress
    if not distress.shown:
        return []
    out = [
        "<section><h2>Distress before and after, over time</h2>",
        svg.chart(distress.points),
        f"<p>Over {len(distress.points)} rated sessions: {distress.mean_before:.1f} before and "
        f"{distress.mean_after:.1f} after, on average.</p>",
        "<details><summary>Day by day</summary><table><thead><tr><th>Day</th>"
        '<th class="num">Before</th><th class="num">After</th></tr></thead><tbody>',
    ]
    out += [
        f'<tr><td>{long_day(p.day)}</td><td class="num">{p.before}</td>'
        f'<td class="num">{p.after}</td></tr>'
        for p in distress.points
    ]
    out.append("</tbody></table></details></section>")
    return out


def _dropped(report: Report) -> list[str]:
    if not report.dropped:
        return []
    out = [f"<section><h2>{escape(stats.DROPPED_HEADING)}</h2><ol>"]
    for line in report.dropped:
        out.append(f"<li>{stats.dropped_words(escape(line.title), line.drop, line.rated)}</li>")
    out.append(f'</ol><p class="meta">{escape(stats.DROPPED_CAVEAT)}</p></section>')
    return out


def _notes(report: Report) -> list[str]:
    notes = report.notes
    if notes.heading is None:
        return []
    out = [f"<section><h2>{escape(notes.heading)}</h2>"]
    for line in notes.lines:
        flag = " · to bring to the next session" if notes.show_marks and line.marked else ""
        out.append(
            f'<p class="note"><span class="when">{escape(line.when())} · {escape(line.title)}{flag}</span><br>'
            f'<span class="text">{escape(line.text)}</span></p>'
        )
    if not notes.lines:
        out.append('<p class="quiet">No notes in this range.</p>')
    out.append("</section>")
    return out


def _cards(report: Report) -> list[str]:
    if not report.cards:
        return []
    out = ["<section><h2>Kept cards</h2>"]
    for card in report.cards:
        out.append(f'<h3>{escape(card.title)}</h3><pre class="card">{escape(card.text)}</pre>')
    out.append("</section>")
    return out


def _safety_plan(report: Report) -> list[str]:
    if report.safety_plan is None:
        return []
    out = ["<section><h2>Safety plan</h2>"]
    for part in report.safety_plan:
        out.append(f"<h3>{part.number}. {escape(part.title)}</h3><ul>")
        out += [f"<li>{escape(line)}</li>" for line in part.lines]
        out.append("</ul>")
    if not report.safety_plan:
        out.append('<p class="quiet">Nothing written in it yet.</p>')
    out.append("</section>")
    return out
