"""Untrusted YAML to plain Python: size, encoding, depth, alias and tag limits, with line numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from coach.text import clean, strip_control

try:  # the C parser is faster and has its own nesting limit
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 20
MAX_NODES = 100_000
"""Values built from one file, aliases counted each time they are used: far above any real pack."""

MAX_NUMBER_TEXT = 40
"""Numbers, yes/no and dates are short; a longer one (like 1:59:59:... repeated) is refused
before PyYAML spends quadratic time building it."""
_KIND = {
    "tag:yaml.org,2002:int": "whole number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:bool": "yes/no value",
    "tag:yaml.org,2002:null": "empty value",
    "tag:yaml.org,2002:timestamp": "date",
    "tag:yaml.org,2002:str": "text",
}

_T = "tag:yaml.org,2002:"
_SCALARS = {
    _T + "str",
    _T + "int",
    _T + "float",
    _T + "bool",
    _T + "null",
    _T + "timestamp",
}


@dataclass(frozen=True)
class YamlProblem:
    """Something in the YAML itself that was refused: 1-based line, dotted field path, message."""

    line: int | None
    field: str
    message: str


class YamlRefused(Exception):
    """The file cannot be read as a pack at all (too big, not UTF-8, not YAML, too deep)."""

    def __init__(self, problems: list[YamlProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def shorten(text: str, limit: int = 40) -> str:
    """A value quoted back in a message: clean (`coach.text.clean`), cut to a readable length."""
    text = clean(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def decode(raw: bytes) -> str:
    """Bytes of a pack file to text: at most 1 MiB, UTF-8 (a byte order mark is allowed)."""
    if len(raw) > MAX_BYTES:
        raise YamlRefused([YamlProblem(None, "", "the file is over 1 MiB, the most a pack can be")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise YamlRefused(
            [
                YamlProblem(
                    line,
                    "",
                    f"this is not UTF-8 text (byte 0x{raw[err.start]:02x}); "
                    "save the file as UTF-8 and try again",
                )
            ]
        ) from None


def compose(text: str) -> yaml.Node | None:
    """Parse text into YAML nodes (no Python objects yet); None for an empty file."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        what = err.problem or err.context or "this is not valid YAML"
        if "expected a single document" in str(err):
            what = "a pack is one YAML document; this file has more than one (remove the `---`)"
        elif "maximum nesting depth" in str(err):
            what = "the file is nested too deeply to be a pack"
        raise YamlRefused([YamlProblem(line, "", f"YAML: {what}")]) from None
    except yaml.reader.ReaderError as err:  # a NUL or other character YAML does not allow
        line = text.count("\n", 0, max(0, err.position)) + 1
        code = (
            err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "?")
        )
        what = f"a control character (U+{code:04X}) is not allowed in YAML; remove it"
        raise YamlRefused([YamlProblem(line, "", f"YAML: {what}")]) from None
    except yaml.YAMLError as err:
        raise YamlRefused([YamlProblem(None, "", f"YAML: {' '.join(str(err).split())}")]) from None
    except RecursionError:  # the pure-Python parser, on absurd nesting
        raise YamlRefused(
            [YamlProblem(None, "", "the file is nested too deeply to be a pack")]
        ) from None


def field_path(path: tuple[str | int, ...]) -> str:
    """`("exercises", 2, "steps", 1, "seconds")` as `exercises[2].steps[1].seconds`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class Builder:
    """Builds plain dicts, lists and scalars from a node tree, collecting every problem."""

    def __init__(self) -> None:
        self.problems: list[YamlProblem] = []
        self.dropped: set[str] = set()
        """Field paths whose value was refused here, so later checks need not repeat it."""
        self._nodes = 0
        self._scalars = SafeConstructor()

    def build(self, node: yaml.Node) -> Any:
        return self._value(node, (), 0)

    def _refuse(self, node: yaml.Node, path: tuple[str | int, ...], message: str) -> None:
        self.problems.append(YamlProblem(node.start_mark.line + 1, field_path(path), message))

    def _drop(self, node: yaml.Node, path: tuple[str | int, ...], message: str) -> None:
        self._refuse(node, path, message)
        self.dropped.add(field_path(path))

    def _value(self, node: yaml.Node, path: tuple[str | int, ...], depth: int) -> Any:
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise YamlRefused(
                [
                    YamlProblem(
                        node.start_mark.line + 1,
                        field_path(path),
                        "the file expands to far more data than a pack needs "
                        "(anchors and aliases repeated over and over)",
                    )
                ]
            )
        if depth > MAX_DEPTH:
            raise YamlRefused(
                [
                    YamlProblem(
                        node.start_mark.line + 1,
                        field_path(path),
                        f"nested more than {MAX_DEPTH} levels deep; a pack never needs that",
                    )
                ]
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _T + "seq":
                self._drop(node, path, _tag_refused(node.tag))
                return None
            return [self._value(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: tuple[str | int, ...], depth: int) -> Any:
        if node.tag != _T + "map":
            self._drop(node, path, _tag_refused(node.tag))
            return None
        out: dict[Any, Any] = {}
        lines: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _T + "merge":
                self._refuse(
                    key_node, path, "merge keys (<<) are not supported; write the keys out"
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._refuse(key_node, path, "a key must be a plain word or number")
                continue
            key = self._scalar(key_node, path)
            if not isinstance(key, str | int) or isinstance(key, bool):
                key = key_node.value  # `no:`, `on:` or a date as a key means the word itself
            line = key_node.start_mark.line + 1
            if key in out:
                self._refuse(
                    key_node,
                    (*path, key),
                    f"this key appears twice (first on line {lines[key]}); keep one",
                )
                continue
            lines[key] = line
            out[key] = self._value(value_node, (*path, key), depth + 1)
        return out

    def _scalar(self, node: yaml.Node, path: tuple[str | int, ...]) -> Any:
        tag = node.tag
        if tag in (_T + "value", _T + "merge"):
            return strip_control(node.value)  # a plain `=` or `<<` written as text means the text
        if tag not in _SCALARS:
            self._drop(node, path, _tag_refused(tag))
            return None
        if tag == _T + "str":
            return strip_control(node.value)
        if len(node.value) > MAX_NUMBER_TEXT and tag != _T + "null":
            self._drop(node, path, f"{shorten(node.value)} is too long to be a {_KIND[tag]}")
            return None
        try:
            return self._scalars.yaml_constructors[tag](self._scalars, node)
        except Exception:  # PyYAML raises KeyError, IndexError, AttributeError for odd values too
            self._drop(node, path, f"'{shorten(node.value)}' cannot be read as a {_KIND[tag]}")
            return None


def _tag_refused(tag: str) -> str:
    shown = "!!" + tag[len(_T) :] if tag.startswith(_T) else tag
    return f"the YAML tag {shown} is not allowed in a pack"


def locate(root: yaml.Node | None, path: tuple[str | int, ...]) -> tuple[yaml.Node | None, bool]:
    """The node at `path` (or the deepest one found on the way) and whether the path was whole."""
    node = root
    for part in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                    child = value_node
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                child = node.value[part]
        if child is None:
            return node, False
        node = child
    return node, True


def key_line(root: yaml.Node | None, path: tuple[str | int, ...]) -> int | None:
    """The line of the key at the end of `path` (for unknown keys), else of its mapping."""
    parent, whole = locate(root, path[:-1])
    if whole and isinstance(parent, yaml.MappingNode):
        for key_node, _ in parent.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(path[-1]):
                return int(key_node.start_mark.line) + 1
    return None if parent is None else int(parent.start_mark.line) + 1
