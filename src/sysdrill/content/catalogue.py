"""The catalogue: every item from the built-in content and the user's packs.

Listing must be quick even over large packs, so a summary of each file is
kept in an index in the cache directory, keyed by the file's size and
modification time; only new or changed files are read and checked again.
The built-ins share one index and each pack has its own, each with a second
file of the words `list --search` looks for.
The index is disposable: when it is missing or unreadable it is rebuilt.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sysdrill import __version__
from sysdrill.content.diagnostics import Diagnostic
from sysdrill.content.vocabulary import BUILTIN, CATEGORIES, category_hint, default_rubric
from sysdrill.errors import ContentError, NotFoundError
from sysdrill.paths import PACKAGE_DIR

if TYPE_CHECKING:
    from sysdrill.content.model import Item, Rubric

# 2: text made printable as it is loaded; 3: default rubric by kind;
# 4: an index per pack, search words instead of the full text
INDEX_FORMAT = 4
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Root:
    """A directory of content: the built-ins or one pack."""

    path: Path
    source: str = BUILTIN


@dataclass(frozen=True)
class Entry:
    """What listing needs to know about one item, without reading its file."""

    id: str
    kind: str
    title: str
    level: str
    category: str
    tags: tuple[str, ...]
    minutes: float
    summary: str
    rubric: str
    path: str
    source: str = BUILTIN
    overrides_builtin: bool = False

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["tags"] = list(self.tags)
        data["minutes"] = _number(self.minutes)
        return data


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 2)


@dataclass
class Catalogue:
    entries: list[Entry]
    warnings: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict, repr=False)
    index_dir: Path | None = field(default=None, repr=False)

    def drillable(self) -> list[Entry]:
        return [e for e in self.entries if e.kind != "rubric"]

    def rubrics(self) -> list[Entry]:
        return [e for e in self.entries if e.kind == "rubric"]

    def find(self, query: str, *, kinds: Iterable[str] | None = None) -> Entry:
        """The entry whose ID is ``query`` or uniquely starts with it."""
        wanted = set(kinds) if kinds is not None else None
        pool = [e for e in self.entries if wanted is None or e.kind in wanted]
        needle = query.strip().lower()
        for entry in pool:
            if entry.id == needle:
                return entry
        matches = [e for e in pool if e.id.startswith(needle)] if needle else []
        if len(matches) == 1:
            return matches[0]
        noun = "rubric" if wanted == {"rubric"} else "item"
        if matches:
            names = ", ".join(e.id for e in matches)
            raise NotFoundError(f"'{query}' matches more than one {noun}: {names}")
        import difflib

        close = difflib.get_close_matches(needle, [e.id for e in pool], n=3, cutoff=0.5)
        hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
        raise NotFoundError(f"no {noun} with ID '{query}'{hint}")

    def load_item(self, entry: Entry) -> Item:
        from sysdrill.content.model import item_from_dict

        data, digest = _load_checked(entry, self.index_dir)
        return item_from_dict(data, path=entry.path, source=entry.source, content_hash=digest)

    def load_rubric(self, rubric_id: str) -> Rubric:
        from sysdrill.content.model import rubric_from_dict

        entry = self.find(rubric_id, kinds=["rubric"])
        data, _ = _load_checked(entry, self.index_dir)
        return rubric_from_dict(data, path=entry.path, source=entry.source)

    def categories(self) -> list[str]:
        """The built-in categories, then those only packs bring, alphabetically."""
        own = {e.category for e in self.drillable() if e.category not in CATEGORIES}
        return [*CATEGORIES, *sorted(own)]

    def search_text(self, entry: Entry) -> str:
        return self.texts.get(entry.path, "")


def _load_checked(entry: Entry, index_dir: Path | None = None) -> tuple[dict[str, Any], str]:
    """An item's checked data: from the copy kept after an earlier check of the
    same file (same size and modification time), else read and checked again."""
    try:
        stat = os.stat(entry.path)
    except OSError:
        stat = None
    copy = _checked_copy_path(index_dir, entry.path) if index_dir and stat else None
    if copy is not None and stat is not None:
        kept = _read_json(copy)
        same_file = kept.get("path") == os.path.abspath(entry.path)
        if same_file and kept.get("stamp") == _stamp() and _unchanged(kept, stat):
            data, digest = kept.get("data"), kept.get("hash")
            if isinstance(data, dict) and isinstance(digest, str):
                return data, digest
    from sysdrill.content.validate import check_file

    checked = check_file(Path(entry.path))
    if checked.data is None:
        first = checked.diagnostics[0] if checked.diagnostics else entry.path
        raise ContentError(f"{first}")
    if copy is not None and stat is not None:
        record = {
            "stamp": _stamp(),
            "path": os.path.abspath(entry.path),
            "m": stat.st_mtime_ns,
            "s": stat.st_size,
        }
        try:
            from sysdrill.files import private_dir

            private_dir(copy.parent)
            _write_json(copy, {**record, "hash": checked.content_hash, "data": checked.data})
        except (OSError, TypeError, ValueError):  # no cache, or a value JSON cannot hold
            pass
    return checked.data, checked.content_hash


def _checked_copy_path(index_dir: Path, path: str) -> Path:
    """Where the checked copy of ``path`` is kept: named by two checksums of the
    path (the copy names its file too, so two paths that share a name only
    take turns), as loading hashlib would cost `show` more than reading the copy."""
    import zlib

    where = os.fsencode(os.path.abspath(path))
    return index_dir / "checked" / f"{zlib.crc32(where):08x}{zlib.adler32(where):08x}.json"


def builtin_roots() -> list[Root]:
    from sysdrill.paths import builtin_content_dirs

    return [Root(path) for path in builtin_content_dirs()]


def pack_roots(dirs: Iterable[Path]) -> list[Root]:
    return [Root(Path(d), str(d)) for d in dirs]


def content_path_dirs(value: str | None) -> list[Path]:
    """Directories named by SYSDRILL_CONTENT_PATH (os.pathsep-separated)."""
    return [Path(p).expanduser() for p in (value or "").split(os.pathsep) if p.strip()]


def yaml_files(root: Path) -> Iterator[Path]:
    """Content files under ``root``, in a stable order; hidden entries skipped.

    A directory named like a content file (``x.yaml``) is yielded too, so
    that reading it says it is a directory rather than it going unmentioned;
    what is inside it is still read.
    """
    if not root.is_dir():  # a file named on its own, even a pipe: checking it says what it is
        yield root
        return
    if root.name.endswith(YAML_SUFFIXES):
        yield root
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        names = files + [d for d in subdirs if d.endswith(YAML_SUFFIXES)]
        for name in sorted(names):
            if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                yield Path(directory, name)


# -- the index ---------------------------------------------------------------


def _stamp() -> str:
    """Changes whenever the rules that produced an index entry may have."""
    schema = PACKAGE_DIR / "content" / "schema.json"
    st = schema.stat()
    return f"{INDEX_FORMAT}:{__version__}:{st.st_size}:{st.st_mtime_ns}"


def _read_json(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError, RecursionError):  # the index is disposable: start again
        return {}
    return data if isinstance(data, dict) else {}


def _write_json(path: Path, data: dict[str, Any]) -> None:
    from sysdrill.files import write_private

    try:
        write_private(path, json.dumps(data, separators=(",", ":")))
    except OSError:
        pass  # the index is only a speed-up: a read-only cache must not stop `list`


def _text_of(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _text_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from _text_of(item)


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _index_record(path: Path, stat: os.stat_result) -> tuple[dict[str, Any], str]:
    from sysdrill.content.validate import check_file

    checked = check_file(path)
    record: dict[str, Any] = {"m": stat.st_mtime_ns, "s": stat.st_size}
    if checked.data is None:
        record["d"] = [d.to_list() for d in checked.diagnostics]
        return record, ""
    try:
        return _entry_record(record, checked.data)
    except Exception as exc:  # a file that passed its checks must still not stop the rest
        record["d"] = [[f"cannot be listed ({type(exc).__name__}: {exc})", None, None]]
        return record, ""


def _entry_record(record: dict[str, Any], data: dict[str, Any]) -> tuple[dict[str, Any], str]:
    kind = data["kind"]
    record["e"] = {
        "id": data["id"],
        "kind": kind,
        "title": data["title"],
        "level": data["level"],
        "category": data.get("category", ""),
        "tags": data.get("tags", []),
        "minutes": sum(float(p["minutes"]) for p in data.get("phases", [])),
        "summary": data.get("summary", ""),
        "rubric": data.get("rubric")
        or (default_rubric(kind, data["level"]) if kind != "rubric" else ""),
    }
    return record, search_tokens(data)


def _index_name(roots: list[Root]) -> str:
    """The index file of a group of roots: one for the built-ins, one per pack."""
    if all(root.source == BUILTIN for root in roots):
        return "catalogue"
    import hashlib

    where = os.path.abspath(roots[0].path)
    return "catalogue-pack-" + hashlib.sha256(os.fsencode(where)).hexdigest()[:16]


def _groups(roots: list[Root]) -> list[list[Root]]:
    """The built-ins together, then each pack by itself, each once, in order."""
    builtins = [root for root in roots if root.source == BUILTIN]
    groups = [builtins] if builtins else []
    seen: set[str] = set()
    for root in roots:
        if root.source != BUILTIN and os.path.abspath(root.path) not in seen:
            seen.add(os.path.abspath(root.path))
            groups.append([root])
    return groups


def search_tokens(data: dict[str, Any]) -> str:
    """The distinct words of an item's text, lower-cased, for ``list --search``.

    A search word holds no space, so it is found in the text exactly when it
    is found in one of these words: the same matches as the full text, in far
    less room.
    """
    return " ".join(sorted(set(" ".join(_text_of(data)).lower().split())))


@dataclass
class _Scan:
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def load_catalogue(
    roots: list[Root], *, index_dir: Path | None, with_text: bool = False
) -> Catalogue:
    """Scan ``roots`` (built-ins first, then packs in order) into a catalogue.

    Each pack has an index of its own (and the built-ins one together), so a
    pack used once costs nothing when it is not asked for. A file read anew
    gives its listing entry and its search words in the same pass, and both
    indexes are written together.
    """
    stamp = _stamp()
    scan = _Scan()
    for group in _groups(roots):
        _scan_group(group, index_dir, stamp, scan, with_text=with_text)
    entries = _resolve(scan.records, scan.sources, scan.warnings)
    return Catalogue(entries, scan.warnings, scan.texts if with_text else {}, index_dir)


def _scan_group(
    roots: list[Root], index_dir: Path | None, stamp: str, scan: _Scan, *, with_text: bool
) -> None:
    name = _index_name(roots)
    index_path = index_dir / f"{name}.json" if index_dir else None
    text_path = index_dir / f"{name}-text.json" if index_dir else None
    index = _read_json(index_path) if index_path else {}
    old = _files_of(index, stamp)
    old_texts: dict[str, Any] | None = None
    if with_text and text_path:
        old_texts = _files_of(_read_json(text_path), stamp)
    changed = False
    fresh: dict[str, str] = {}  # search words of the files read in this pass
    group: dict[str, dict[str, Any]] = {}
    for root in roots:
        if not root.path.exists():
            if root.source != BUILTIN:
                scan.warnings.append(f"content directory {root.path} does not exist; skipped")
            continue
        for path in yaml_files(root.path):
            key = str(path)
            if key in scan.records:
                continue
            scan.sources[key] = root.source
            try:
                stat = path.stat()
            except (OSError, RuntimeError) as exc:  # gone, a symlink loop, no permission
                failed = {"d": [[f"cannot read file: {_reason(exc)}", None, None]]}
                scan.records[key] = group[key] = failed
                continue
            record: Any = old.get(key)
            if _unchanged(record, stat):
                if with_text and "e" in record:
                    cached = (old_texts or {}).get(key)
                    if isinstance(cached, dict) and cached.get("m") == stat.st_mtime_ns:
                        scan.texts[key] = cached["t"]
                    else:
                        record, fresh[key] = _index_record(path, stat)
                        changed = True
            else:
                record, fresh[key] = _index_record(path, stat)
                changed = True
            scan.records[key] = group[key] = record
    scan.texts.update(fresh)
    # The index holds this group's files and no others: a file gone from the
    # pack is dropped, and it is written only when something changed.
    if not index_path or not text_path or not (changed or len(group) != len(old)):
        return
    _write_json(index_path, {"stamp": stamp, "files": group})
    if old_texts is None:  # a plain `list`: keep the words of the files it did not read
        old_texts = _files_of(_read_json(text_path), stamp)
    texts: dict[str, Any] = {}
    for key, record in group.items():
        if "e" not in record:
            continue
        if key in fresh:
            texts[key] = {"m": record["m"], "t": fresh[key]}
        elif isinstance(cached := old_texts.get(key), dict) and cached.get("m") == record["m"]:
            texts[key] = cached
    _write_json(text_path, {"stamp": stamp, "files": texts})


def _unchanged(record: Any, stat: os.stat_result) -> bool:
    return (
        isinstance(record, dict)
        and record.get("m") == stat.st_mtime_ns
        and record.get("s") == stat.st_size
    )


def _files_of(index: dict[str, Any], stamp: str) -> dict[str, Any]:
    files = index.get("files", {}) if index.get("stamp") == stamp else {}
    return files if isinstance(files, dict) else {}


def _resolve(
    records: dict[str, dict[str, Any]], sources: dict[str, str], warnings: list[str]
) -> list[Entry]:
    """Turn index records into entries: bad files and duplicate IDs become warnings."""
    by_id: dict[str, Entry] = {}
    for key, record in records.items():
        if "e" not in record:
            diagnostics = [Diagnostic.from_list(key, d) for d in record.get("d", [])]
            first = diagnostics[0] if diagnostics else Diagnostic(key, "cannot be read")
            more = f" (+{len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
            warnings.append(f"skipped {first}{more}")
            continue
        raw = record["e"]
        entry = Entry(**{**raw, "tags": tuple(raw["tags"])}, path=key, source=sources[key])
        previous = by_id.get(entry.id)
        if previous is None:
            by_id[entry.id] = entry
        elif (
            previous.source == BUILTIN
            and entry.source != BUILTIN
            and not previous.overrides_builtin
        ):
            by_id[entry.id] = Entry(**{**asdict(entry), "overrides_builtin": True})
        else:
            warnings.append(
                f"skipped {key}: duplicate ID '{entry.id}' (already defined in {previous.path})"
            )
    hinted: set[str] = set()
    for entry in by_id.values():
        if entry.source != BUILTIN and entry.category not in hinted:
            hinted.add(entry.category)
            if hint := category_hint(entry.category):
                warnings.append(f"{entry.path}: {hint}")
    return list(by_id.values())
