"""Reading content YAML safely: safe loader only, size and expansion limits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from sysdrill.content.diagnostics import Diagnostic
from sysdrill.files import FileTooBigError, NotRegularFileError, read_regular
from sysdrill.text import printable

# libyaml's C loader is several times faster; the pure-Python one is the
# fallback where PyYAML was built without it. Both are the *safe* loaders.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _ValueRefused(yaml.constructor.ConstructorError):
    """A value the loader will not build; its message is for the author as it is."""


class SafeLoader(_BaseLoader):  # type: ignore[misc]
    """The safe loader, with every value it cannot build reported where it is.

    PyYAML raises plain ValueErrors for some scalars (a date that does not
    exist, an integer past Python's digit limit); here each becomes a YAML
    error at the value's position, and whole numbers are kept short, since
    converting a long one costs time in the square of its length.
    """

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._keys_checked: set[int] = set()

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError, TypeError) as exc:
            raise _ValueRefused(
                None, None, f"cannot read this value ({exc})", node.start_mark
            ) from None

    def construct_yaml_int(self, node: Any) -> Any:
        digits = sum(c.isdigit() for c in str(node.value))
        if digits > MAX_NUMBER_DIGITS:
            raise _ValueRefused(
                None,
                None,
                f"a number with {digits:,} digits; numbers are limited to {MAX_NUMBER_DIGITS}",
                node.start_mark,
            )
        return super().construct_yaml_int(node)

    def flatten_mapping(self, node: Any) -> None:
        # PyYAML keeps the last of two equal keys without a word, so the
        # first one's value is silently lost: refused here, at the second.
        # Every mapping passes through here once before its merge keys ("<<")
        # are folded in, so only the keys written in it are compared: one set
        # per mapping, of the scalar keys' tags and texts.
        if id(node) not in self._keys_checked:
            self._keys_checked.add(id(node))
            seen: set[tuple[str, str]] = set()
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                    continue
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise _ValueRefused(
                        None, None, f"duplicate key {_quoted(key_node.value)}", key_node.start_mark
                    )
                seen.add(key)
        super().flatten_mapping(node)


_MERGE = "tag:yaml.org,2002:merge"


def _quoted(key: str) -> str:
    shown = key if len(key) <= 60 else key[:57] + "..."
    return f"'{shown}'"


SafeLoader.add_constructor("tag:yaml.org,2002:int", SafeLoader.construct_yaml_int)

MAX_FILE_BYTES = 1024 * 1024
MAX_VALUES = 100_000
# What the anchors and aliases of one file may expand to, in characters of
# text: a short file can name a long string many times, and everything that
# walks the data (search text, key points) pays for every copy.
MAX_EXPANDED_CHARS = 2 * MAX_FILE_BYTES
MAX_NUMBER_DIGITS = 30
MAX_DEPTH = 200
# Parsers differ in how deep they let a document go: libyaml's composer
# recursed in C and crashed past about 20,000 levels, newer builds stop at
# 1,000 with their own error, and Python's recursion limit ends construction
# much earlier. So the depth limit is ours: a cheap upper bound from the text,
# and only when that bound is over the limit, an exact count of the parser's
# events, which stops at the first level too deep. Events come from the
# parser alone (no composer, so no recursion), and both parsers agree on them
# well past our limit: libyaml's is used where present, being some twenty
# times faster on a large file, the pure-Python one elsewhere.
_BRACKETS = re.compile(r"[\[\]{}]")
_TOO_DEEP = f"YAML is nested more than {MAX_DEPTH} levels deep; refused"
_TOO_MANY_VALUES = f"the file holds more than {MAX_VALUES:,} values; refused"


class YamlFileError(Exception):
    """The file cannot be read as content at all."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def read_text(path: Path) -> str:
    """The text of a content file, or a YamlFileError saying why it cannot be used.

    Only a regular file is read: a FIFO would block forever, a device such as
    /dev/zero never ends, and a directory or a symlink loop cannot be read at
    all. The file is opened without blocking and checked before any read, and
    never more than the size limit is read, even if it grows meanwhile.
    """
    name = str(path)
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except NotRegularFileError as exc:
        if exc.kind == "a directory":  # named like a content file, so said plainly
            raise YamlFileError(Diagnostic(name, "a directory, not a content file")) from None
        raise YamlFileError(Diagnostic(name, str(exc))) from None
    except FileTooBigError as exc:
        raise YamlFileError(Diagnostic(name, _too_big(exc.size))) from None
    except OSError as exc:
        raise YamlFileError(Diagnostic(name, f"cannot read file: {_reason(exc)}")) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        raise YamlFileError(
            Diagnostic(name, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", line, column)
        ) from None
    return text.removeprefix("\ufeff")  # a byte order mark is allowed, and not content


def _too_big(size: int) -> str:
    return f"file is {size:,} bytes; content files are limited to 1 MiB"


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of ``offset`` in ``raw``."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def parse(text: str, name: str) -> Any:
    """Parse YAML text with the safe loader, reporting errors with their position."""
    _check_events(text, name)
    try:
        data = yaml.load(text, Loader=SafeLoader)  # noqa: S506 - SafeLoader/CSafeLoader only
    except _ValueRefused as exc:
        raise YamlFileError(_at(name, exc.problem or "value refused", exc.problem_mark)) from None
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        tag = _tag_of(exc.problem or "")
        message = (
            f"tag {tag} is not allowed: content files never run code"
            if tag and "python" in tag
            else f"unsupported YAML: {exc.problem}"
        )
        raise YamlFileError(_at(name, message, mark)) from None
    except yaml.reader.ReaderError as exc:
        line, column = _text_position(text, exc.position)
        what = exc.character
        code = ord(what) if isinstance(what, str) else what
        shown = f"U+{code:04X}" if isinstance(code, int) else repr(code)
        message = f"character {shown} is not allowed in YAML ({exc.reason})"
        raise YamlFileError(Diagnostic(name, message, line, column)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlFileError(_at(name, f"YAML syntax error: {problem}", mark)) from None
    except yaml.YAMLError as exc:
        raise YamlFileError(Diagnostic(name, f"YAML error: {exc}")) from None
    except RecursionError:
        raise YamlFileError(Diagnostic(name, "YAML is nested too deeply")) from None
    if "*" not in text and len(text) * 4 < MAX_VALUES:
        # No alias, so every value is written out in the text: a short text
        # holds fewer values and characters than the limits, and needs no walk.
        return data
    values, chars = _expanded_size(data)
    if values > MAX_VALUES:
        raise YamlFileError(
            Diagnostic(
                name,
                f"anchors and aliases expand to more than {MAX_VALUES:,} values; refused",
            )
        )
    if chars > MAX_EXPANDED_CHARS:
        raise YamlFileError(
            Diagnostic(
                name,
                "anchors and aliases expand to more than"
                f" {MAX_EXPANDED_CHARS:,} characters of text; refused",
            )
        )
    return data


def _text_position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


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


def _check_events(text: str, name: str) -> None:
    """Refuse a file too deep or holding too many values, from the parser's events.

    Building a large document costs seconds, so any file long enough to
    hold more values than the limit is counted first (a value takes at least
    two characters, so a text under a quarter of the limit is always fine):
    the parser's events cost a fraction of the building, and counting stops
    at the first value past the limit.
    """
    if _depth_bound(text) <= MAX_DEPTH and len(text) * 4 < MAX_VALUES:
        return
    try:
        _count_depth(text, name, SafeLoader)
    except yaml.YAMLError as exc:
        # The events before the error were counted and none went too deep,
        # so the real parse reports this error at the same place, unless the
        # parser gave up on nesting of its own accord (libyaml stops at 1,000
        # levels, in words that vary by build): the brackets still open where
        # it stopped say so without reading its words.
        mark = getattr(exc, "problem_mark", None)
        if mark is not None and _flow_depth_at(text, mark.index) > MAX_DEPTH:
            raise YamlFileError(_at(name, _TOO_DEEP, mark)) from None


def _flow_depth_at(text: str, index: int) -> int:
    """How many flow brackets are open at ``index`` (quoted brackets count too)."""
    depth = 0
    for match in _BRACKETS.finditer(text, 0, max(index, 0)):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
    return depth


def _count_depth(text: str, name: str, loader: Any) -> None:
    """Refuse the first level nested too deep, or the first value past the limit.

    Values are counted as written (an alias is not expanded here), so a file
    refused here holds too many values in its own text.
    """
    depth = values = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
            values += 1
            if depth > MAX_DEPTH:
                raise YamlFileError(_at(name, _TOO_DEEP, event.start_mark))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1
            continue
        elif isinstance(event, yaml.ScalarEvent):
            values += 1
        else:
            continue
        if values > MAX_VALUES:
            raise YamlFileError(_at(name, _TOO_MANY_VALUES, event.start_mark))


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


def _expanded_size(data: Any) -> tuple[int, int]:
    """How many values, and characters of text, the document holds once
    every alias is expanded.

    Aliases share one Python object, so sizes are memoised by identity: the
    count costs time in the number of distinct values, while a "billion
    laughs" file, or a long string named a hundred thousand times, still
    reports its full expansion. Counting stops a little past the limits.
    """
    sizes: dict[int, tuple[int, int]] = {}
    open_nodes: set[int] = set()
    too_many = (MAX_VALUES + 1, MAX_EXPANDED_CHARS + 1)
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        node, children_done = stack.pop()
        if not isinstance(node, dict | list) or (not children_done and id(node) in sizes):
            continue
        children = list(node.keys()) + list(node.values()) if isinstance(node, dict) else node
        containers = [c for c in children if isinstance(c, dict | list)]
        if not children_done:
            if id(node) in open_nodes:  # an alias that contains itself
                return too_many
            open_nodes.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in containers if id(c) not in sizes)
            continue
        open_nodes.discard(id(node))
        values = 1 + len(children) - len(containers)
        chars = sum(len(c) for c in children if isinstance(c, str))
        for child in containers:
            child_values, child_chars = sizes.get(id(child), (1, 0))
            values += child_values
            chars += child_chars
            if values > MAX_VALUES or chars > MAX_EXPANDED_CHARS:
                break
        sizes[id(node)] = (min(values, too_many[0]), min(chars, too_many[1]))
    if isinstance(data, str):
        return 1, len(data)
    return sizes.get(id(data), (1, 0))


class Locator:
    """Finds values in one YAML text by their path; the text is composed once.

    Composing costs time in the size of the file, so a file with thousands of
    errors must not be composed once per error.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: Any = None
        self._composed = False

    def _tree(self) -> Any:
        if not self._composed:
            self._composed = True
            try:
                self._root = yaml.compose(self._text, Loader=SafeLoader)
            except yaml.YAMLError:
                self._root = None
        return self._root

    def find(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int] | None:
        """Line and column (1-based) of the value at ``path``.

        With ``key=True`` and a mapping key last in ``path``, the position of
        the key itself. Falls back to the deepest node that exists.
        """
        node = self._tree()
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


def locate(text: str, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int] | None:
    """Line and column (1-based) of the value at ``path`` in the YAML text."""
    return Locator(text).find(path, key=key)
