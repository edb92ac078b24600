"""No plain `str` becomes markup: a scan of the faces' source with `ast`.

Textual and Rich read a plain `str` as markup (`[/]` crashes, `[@click=app.quit]` runs an
action) unless told otherwise, so every face hands them `Content`/`Text`, or says `markup=False`.
The rules, each refusing one way a `str` becomes markup:

1. `notify(message)` says `markup=False`, unless the message is a constant with no `[`.
2. `Static(`, `Label(`, `Button(`, `Option(` and `.update(` are given `Content`/`Text` (or a
   constant with no `[`), or `markup=False`.
3. `Hit(`/`DiscoveryHit(`: the display is `Content`/`Text`, and `help=` too (through
   `coach.tui.text.literal_help`, since Textual types it `str` and parses a `str`).
4. `<console>.print(`: no `str` constant, f-string, `%`/`+` of strings, `str(...)` or
   `.format(...)` as an argument (print a `Text`), unless `markup=False`.
5. `Text.from_markup(`, `Content.from_markup(` and `Text.from_ansi(` only on constant text.

"`Content`/`Text`" means: a call of `Content`, `Text`, `plain`, `styled`, `highlighted` (or
`Content.assemble`, `Text.assemble` and the like), a method such as `.stylize`/`.join` called
on one, a function of the same module annotated to return one, an attribute annotated as one in the
same module, a name every assignment in its
function gives one (or a parameter annotated as one), or a conditional whose branches all are.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

COACH = ROOT / "coach"
SCANNED = sorted(
    [
        *(COACH / "tui").rglob("*.py"),
        *(COACH / "render").rglob("*.py"),
        *(COACH / "cli").rglob("*.py"),
        *(COACH / "plain").rglob("*.py"),
    ]
)

RICH_TYPES = {"Content", "Text", "Table", "Panel", "Group", "Markdown", "Syntax", "Columns"}
RICH_FACTORIES = {
    "Content",
    "Text",
    "plain",
    "styled",
    "highlighted",
    "literal_help",
    "Table",
    "Panel",
    "Group",
    "Markdown",
}
RICH_METHODS = {
    "assemble",
    "stylize",
    "stylize_before",
    "join",
    "from_rich_text",
    "from_text",
    "styled",
    "append",
    "pad",
    "pad_left",
    "pad_right",
    "truncate",
    "copy",
}
WIDGETS = {"Static", "Label", "Button", "Option"}
HITS = {"Hit", "DiscoveryHit"}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _kw(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _markup_false(call: ast.Call) -> bool:
    value = _kw(call, "markup")
    return isinstance(value, ast.Constant) and value.value is False


class Scope:
    """What one module tells about its names: functions returning rich text, assignments."""

    def __init__(self, tree: ast.Module) -> None:
        self.rich_functions = {
            node.name
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.returns is not None
            and _annotation_is_rich(node.returns)
        }
        self.rich_attributes = {
            _name(node.target)
            for node in ast.walk(tree)
            if isinstance(node, ast.AnnAssign) and _annotation_is_rich(node.annotation)
        }
        self.parents: dict[ast.AST, ast.AST] = {}
        for parent in ast.walk(tree):
            for child in ast.iter_child_nodes(parent):
                self.parents[child] = parent

    def function_of(self, node: ast.AST) -> ast.AST | None:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                return node
        return None

    def is_rich(self, node: ast.expr | None, seen: frozenset[str] = frozenset()) -> bool:
        """Whether `node` is sure to be Content/Text (or another Rich renderable, never a str)."""
        if isinstance(node, ast.IfExp):
            return self.is_rich(node.body, seen) and self.is_rich(node.orelse, seen)
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                return func.id in RICH_FACTORIES or func.id in self.rich_functions
            if isinstance(func, ast.Attribute):
                if func.attr in self.rich_functions:
                    return True
                if func.attr in RICH_METHODS:
                    receiver = func.value
                    return _name(receiver) in RICH_TYPES or self.is_rich(receiver, seen)
            return False
        if isinstance(node, ast.Attribute):
            return node.attr in self.rich_attributes
        if isinstance(node, ast.Name) and node.id not in seen:
            return self._name_is_rich(node, seen | {node.id})
        return False

    def _name_is_rich(self, node: ast.Name, seen: frozenset[str]) -> bool:
        function = self.function_of(node)
        if function is None:
            return False
        assert isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for arg in [*function.args.args, *function.args.kwonlyargs]:
            if arg.arg == node.id:
                return arg.annotation is not None and _annotation_is_rich(arg.annotation)
        values: list[ast.expr | None] = []
        for inner in ast.walk(function):
            if isinstance(inner, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == node.id for t in inner.targets
            ):
                values.append(inner.value)
            elif isinstance(inner, ast.AnnAssign | ast.AugAssign) and _name(inner.target) == (
                node.id
            ):
                if isinstance(inner, ast.AnnAssign) and _annotation_is_rich(inner.annotation):
                    return True
                values.append(inner.value)
        return bool(values) and all(
            self.is_rich(v, seen) or _constant_without_markup(v) for v in values
        )

    def safe(self, node: ast.expr | None) -> bool:
        """Whether Textual would show `node` literally even if it parsed a str as markup."""
        return node is None or _constant_without_markup(node) or self.is_rich(node)


def _annotation_is_rich(node: ast.expr) -> bool:
    text = ast.unparse(node).replace('"', "").replace("'", "")
    return any(part.strip().split(".")[-1] in RICH_TYPES for part in text.split("|")) and (
        "str" not in {part.strip() for part in text.split("|")}
    )


def _constant_without_markup(node: ast.expr | None) -> bool:
    if isinstance(node, ast.Constant):
        return node.value is None or (isinstance(node.value, str) and "[" not in node.value)
    return False


def _is_str_expression(node: ast.expr) -> bool:
    """A str for sure: a constant, an f-string, `+`/`%` of strings, `str(...)`, `.format(...)`."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return _is_str_expression(node.left) or _is_str_expression(node.right)
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Name) and node.func.id in ("str", "repr", "format"):
            return True
        if isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join"):
            return isinstance(node.func.value, ast.Constant | ast.JoinedStr)
    return False


def violations(source: str, filename: str = "<source>") -> Iterator[str]:
    """Each place in `source` where a plain str can become markup, as `file:line: rule`."""
    tree = ast.parse(source, filename)
    scope = Scope(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        where = f"{filename}:{node.lineno}"
        first = node.args[0] if node.args else None
        if name == "notify" and isinstance(node.func, ast.Attribute):
            message = first or _kw(node, "message")
            if not _markup_false(node) and not _constant_without_markup(message):
                yield f"{where}: notify() without markup=False"
        elif name in WIDGETS or (name == "update" and isinstance(node.func, ast.Attribute)):
            if name == "update" and len(node.args) != 1:
                continue  # dict.update(), and friends
            content = first or _kw(node, "content") or _kw(node, "label") or _kw(node, "prompt")
            if not _markup_false(node) and not scope.safe(content):
                if name != "update" or _is_str_expression(content) or _maybe_text(content):
                    yield f"{where}: {name}() given a str that may be read as markup"
        elif name in HITS:
            display = first or _kw(node, "display") or _kw(node, "match_display")
            if len(node.args) > 1 and name == "Hit":
                display = node.args[1]
            if not scope.is_rich(display):
                yield f"{where}: {name}() given a str to show (use Content)"
            help_text = _kw(node, "help")
            if help_text is not None and not scope.is_rich(help_text):
                yield f"{where}: {name}(help=...) given a str (use literal_help(Content))"
        elif name == "print" and isinstance(node.func, ast.Attribute):
            if not _markup_false(node) and any(_is_str_expression(arg) for arg in node.args):
                yield f"{where}: print() of a str (print a Text)"
        elif name in ("from_markup", "from_ansi") and isinstance(node.func, ast.Attribute):
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                yield f"{where}: {name}() on text that is not a constant"


def _maybe_text(node: ast.expr | None) -> bool:
    """For `.update(x)`: names and attributes may hold text (a dict's update takes a mapping,
    which is never written as a plain name here)."""
    return isinstance(node, ast.Name | ast.Attribute | ast.Subscript | ast.IfExp)


def found_in(path: Path) -> list[str]:
    relative = path.relative_to(ROOT).as_posix()
    return list(violations(path.read_text(encoding="utf-8"), relative))


@pytest.mark.parametrize("path", SCANNED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_plain_str_reaches_markup(path: Path) -> None:
    found = found_in(path)
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        "self.notify(name)",
        "self.notify(f'{err}', severity='warning')",
        "self.notify('[b]hi[/b]')",
        "Static(f'Hello {name}')",
        "Static(title)",
        "Static(pack.title, classes='x')",
        "Label('[b]bold[/]')",
        "Button(ref.title)",
        "Option(region.name, id=code)",
        "widget.update(f'{count} sessions')",
        "widget.update(text)",
        "Hit(1.0, matcher.highlight(text), run)",
        "Hit(1.0, 'Do: ' + title, run)",
        "DiscoveryHit(title, run)",
        "DiscoveryHit(Content(title), run, help=summary)",
        "console.print(f'{p.file}: {p.message}')",
        "stdout_console().print('Saved ' + name)",
        "out.print(str(err))",
        "Text.from_markup(message)",
        "Content.from_markup(f'[b]{title}[/b]')",
        "Text.from_ansi(output)",
        "def f(x: str) -> None:\n    Static(x)",
        "def f():\n    text = title\n    Static(text)",
        "def f():\n    text = Content('a')\n    text = title\n    Static(text)",
    ],
)
def test_the_scan_refuses_each_way_a_str_becomes_markup(source: str) -> None:
    assert list(violations(source)), source


@pytest.mark.parametrize(
    "source",
    [
        "self.notify(str(err), severity='error', markup=False)",
        "self.notify('One moment.')",
        "Static('What do you need?', classes='section-title')",
        "Static(id='home-plan')",
        "Static(plain(pack.title))",
        "Static(styled(title, 'bold'))",
        "Static(Content.assemble('by ', plain(author)))",
        "Static(Content('\\n').join(lines))",
        "Static(Text(message))",
        "Static(message, markup=False)",
        "Button(Content('One moment…'), id='home-now')",
        "Option(Content(name), id=code)",
        "Label(Content(title).stylize('dim'))",
        "widget.update(Content(f'{count} sessions'))",
        "settings.update({'a': 1})",
        "Hit(score, highlighted(matcher, text), run, text=text, help=literal_help(h))",
        "class C(NamedTuple):\n    label: Content\nDiscoveryHit(c.label, c.run)",
        "console.print(Text(f'{p.file}: {p.message}'))",
        "console.print(views.exercise_table(refs))",
        "console.print(message, markup=False)",
        "Text.from_markup('[b]coach[/b]')",
        "def f(x: Content) -> None:\n    Static(x)",
        "def f():\n    text = Content.assemble(a, b)\n    Static(text, classes='pack-block')",
        "def f() -> Content:\n    return Content('a')\ndef g():\n    Static(f())",
        "class A:\n    def d(self) -> Content: ...\n    def g(self):\n        Static(self.d(1))",
        "def f():\n    x = plain(a) if a else Content('')\n    Static(x)",
    ],
)
def test_the_scan_lets_literal_text_through(source: str) -> None:
    assert list(violations(source)) == [], source
