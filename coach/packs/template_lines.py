"""Where a template's bracket or brace mistake sits in the pack file, so its error names that line."""

from __future__ import annotations

import yaml

from coach.packs import template as tpl


def problem_line(node: yaml.Node | None) -> int | None:
    """The 1-based file line of the first bracket or brace mistake in a template's YAML value.

    A `|` block keeps its lines as written, so the line is exact; in other styles YAML folds
    lines together, so the value's first line is the nearest that can be named. None when the
    template parses.
    """
    if not isinstance(node, yaml.ScalarNode) or not isinstance(node.value, str):
        return None
    try:
        tpl.parse(node.value)
    except tpl.TemplateError as err:
        start = int(node.start_mark.line) + 1
        if node.style == "|":
            return start + err.line  # the text starts on the line after `|`
        return start + 1 if node.style == ">" else start
    return None
