"""Reading content YAML safely: safe loader only, size and expansion limits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from sysdrill.content.diagnostics import Diagnostic
from sysdrill.text import printable

# libyaml's C loader is several times faster; the pure-Python one is the
# fallback where PyYAML was built without it. Both are the *safe* loaders.
SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 1024 * 1024
MAX_VALUES = 100_000
MAX_DEPTH = 200
# Parsers differ in how deep they let a document go: libyaml's composer
# recursed in C and crashed past about 20,000 levels, newer builds stop at
# 1,000 with their own error, and Python's recursion limit ends construction
# much earlier. So the depth limit is ours: a cheap upper bound from the text,
# and only when that bound is over the limit, an exact count of the pure-Python
# parser's events, which every PyYAML build has and which stops at the first
# level too deep.
_BRACKETS = re.compile(r"[\[\]{}]")


class YamlFileError(Exception):
    """The file cannot be read as content at all."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def read_text(path: Path) -> str:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlFileError(
                Diagnostic(name, f"file is {size:,} bytes; content files are limited to 1 MiB")
            )
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlFileError(Diagnostic(name, f"not UTF-8 text ({exc.reason})")) from None
    except OSError as exc:
        raise YamlFileError(Diagnostic(name, f"cannot read file: {exc.strerror}")) from None


def parse(text: str, name: str) -> Any:
    """Parse YAML text with the safe loader, reporting errors with their position."""
    _check_depth(text, name)
    try:
        data = yaml.load(text, Loader=SafeLoader)  # noqa: S506 - SafeLoader/CSafeLoader only
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        tag = _tag_of(exc.problem or "")
        message = (
            f"tag {tag} is not allowed: content files never run code"
            if tag and "python" in tag
            else f"unsupported YAML: {exc.problem}"
        )
        raise YamlFileError(_at(name, message, mark)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlFileError(_at(name, f"YAML syntax error: {problem}", mark)) from None
    except yaml.YAMLError as exc:
        raise YamlFileError(Diagnostic(name, f"YAML error: {exc}")) from None
    except RecursionError:
        raise YamlFileError(Diagnostic(name, "YAML is nested too deeply")) from None
    if _expanded_size(data) > MAX_VALUES:
        raise YamlFileError(
            Diagnostic(
                name,
                f"anchors and aliases expand to more than {MAX_VALUES:,} values; refused",
            )
        )
    return data


def _depth_bound(text: str) -> int:
    """An upper bound on how deep the YAML in ``text`` nests, read from the text alone.

    Flow collections need a bracket per level; block collections need more
    indentation or a compact indicator ("- ", "? ", ": ") on the line.
    Brackets inside quoted text count too, so the bound can only be high.
    """
    flow = flow_max = 0
    for match in _BRACKETS.finditer(text):
        flow = flow + 1 if match.group() in "[{" else max(flow - 1, 0)
        flow_max = max(flow_max, flow)
    block_max = 0
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        compact = line.count("- ") + line.count("? ") + line.count(": ")
        block_max = max(block_max, indent + compact + 1)
    return flow_max + block_max


def _check_depth(text: str, name: str) -> None:
    if _depth_bound(text) <= MAX_DEPTH:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):  # pure Python: same on every build
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlFileError(
                        _at(
                            name,
                            f"YAML is nested more than {MAX_DEPTH} levels deep; refused",
                            event.start_mark,
                        )
                    )
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # the real parse reports it with its position


def load(path: Path) -> tuple[Any, str]:
    """Read and parse one file; returns the data and the text it came from."""
    text = read_text(path)
    return parse(text, str(path)), text


def _tag_of(problem: str) -> str | None:
    # PyYAML says: "could not determine a constructor for the tag '...'"
    if "'" in problem:
        return problem.split("'")[1].replace("tag:yaml.org,2002:", "!!")
    return None


def _at(name: str, message: str, mark: Any) -> Diagnostic:
    if mark is None:
        return Diagnostic(name, message)
    return Diagnostic(name, message, mark.line + 1, mark.column + 1)


def _expanded_size(data: Any) -> int:
    """How many values the document holds once every alias is expanded.

    Aliases share one Python object, so sizes are memoised by identity: the
    count costs time in the number of distinct values, while a "billion
    laughs" file still reports its full expansion.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        node, children_done = stack.pop()
        if not isinstance(node, dict | list) or (not children_done and id(node) in sizes):
            continue
        children = list(node.keys()) + list(node.values()) if isinstance(node, dict) else node
        containers = [c for c in children if isinstance(c, dict | list)]
        if not children_done:
            if id(node) in open_nodes:  # an alias that contains itself
                return MAX_VALUES + 1
            open_nodes.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in containers if id(c) not in sizes)
            continue
        open_nodes.discard(id(node))
        total = 1 + len(children) - len(containers)
        for child in containers:
            total += sizes.get(id(child), 1)
            if total > MAX_VALUES:
                break
        sizes[id(node)] = min(total, MAX_VALUES + 1)
    return sizes.get(id(data), 1)


def locate(text: str, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int] | None:
    """Line and column (1-based) of the value at ``path`` in the YAML text.

    With ``key=True`` and a mapping key last in ``path``, the position of the
    key itself. Falls back to the deepest node that exists.
    """
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    best = node.start_mark
    for step in path:
        found = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if printable(str(key_node.value)) == str(step):  # keys as normalised
                    found = key_node if key and step == path[-1] else value_node
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if 0 <= step < len(node.value):
                found = node.value[step]
        if found is None:
            break
        node = found
        best = node.start_mark
    return best.line + 1, best.column + 1
