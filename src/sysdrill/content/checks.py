"""`validate`: every file checked in full, then the rules that span files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sysdrill.content import yamlio
from sysdrill.content.catalogue import Root, load_catalogue, yaml_files
from sysdrill.content.diagnostics import Diagnostic
from sysdrill.content.validate import CheckedFile, check_file
from sysdrill.content.vocabulary import BUILTIN, CATEGORIES, category_hint, default_rubric


@dataclass
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    warnings: list[Diagnostic] = field(default_factory=list)


def _located(checked: CheckedFile, message: str, path: Sequence[str | int]) -> Diagnostic:
    try:
        where = yamlio.locate(yamlio.read_text(checked.path), path)
    except yamlio.YamlFileError:  # changed since it was checked: report it without a place
        where = None
    line, column = where if where else (None, None)
    return Diagnostic(str(checked.path), message, line, column)


def _same_file_key(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: the file reports itself when read
        return path


def check_paths(roots: list[Root], *, known_roots: list[Root] | None = None) -> Report:
    """Check every file under ``roots``; ``known_roots`` only supply rubric IDs."""
    report = Report()
    checked: list[tuple[CheckedFile, str]] = []
    seen: set[Path] = set()
    for root in roots:
        for path in yaml_files(root.path):
            same = _same_file_key(path)
            if same in seen:
                continue
            seen.add(same)
            result = check_file(path)
            checked.append((result, root.source))
            report.diagnostics.extend(result.diagnostics)
    report.files_checked = len(checked)
    _check_categories(checked, report)
    _check_terms(checked, report)

    rubric_ids = set()
    if known_roots:
        known = load_catalogue(known_roots, index_dir=None)
        rubric_ids = {e.id for e in known.rubrics()}
    first_by_id: dict[str, tuple[CheckedFile, str]] = {}
    for result, source in checked:
        if result.data is None:
            continue
        ident = result.data["id"]
        if result.data["kind"] == "rubric":
            rubric_ids.add(ident)
        earlier = first_by_id.get(ident)
        if earlier is None:
            first_by_id[ident] = (result, source)
        elif not (earlier[1] == BUILTIN and source != BUILTIN):
            report.diagnostics.append(
                _located(
                    result, f"duplicate ID '{ident}' (already defined in {earlier[0].path})", ["id"]
                )
            )
    for result, _ in checked:
        data = result.data
        if data is None or data["kind"] == "rubric":
            continue
        wanted = data.get("rubric") or default_rubric(data["kind"], data["level"])
        if wanted not in rubric_ids:
            report.diagnostics.append(
                _located(
                    result, f"unknown rubric '{wanted}'", ["rubric"] if "rubric" in data else []
                )
            )
    return report


def _is_builtin(path: Path, source: str) -> bool:
    from sysdrill.paths import builtin_content_dirs

    if source == BUILTIN:
        return True
    resolved = path.resolve()
    return any(resolved.is_relative_to(d.resolve()) for d in builtin_content_dirs())


def _check_categories(checked: list[tuple[CheckedFile, str]], report: Report) -> None:
    """Built-in content keeps to the vocabulary; a pack's near miss is a warning."""
    for result, source in checked:
        data = result.data
        if data is None or "category" not in data:
            continue
        category = data["category"]
        if _is_builtin(result.path, source):
            if category not in CATEGORIES:
                report.diagnostics.append(
                    _located(
                        result,
                        f"category: '{category}' is not one of {', '.join(CATEGORIES)}"
                        " (built-in content keeps to the built-in categories)",
                        ["category"],
                    )
                )
        elif hint := category_hint(category):
            report.warnings.append(_located(result, f"warning: {hint}", ["category"]))


def _check_terms(checked: list[tuple[CheckedFile, str]], report: Report) -> None:
    """A key point's words that the matcher can never read are a warning: an
    alias of one generic word, a figure alone, an alias without the figure
    its concept states; and a key point none of whose words can be read."""
    from sysdrill.content.model import KeyPoint
    from sysdrill.session.matching import dead_terms, usable_terms

    for result, _ in checked:
        data = result.data
        if data is None or data["kind"] == "rubric":
            continue
        for i, phase in enumerate(data.get("phases") or ()):
            for j, raw in enumerate(phase.get("key_points") or ()):
                aliases = list(raw.get("aliases") or ())
                key_point = KeyPoint(raw["concept"], tuple(aliases))
                where: list[str | int] = ["phases", i, "key_points", j]
                if not usable_terms(key_point):
                    message = (
                        f"warning: key point '{key_point.concept}' can never be covered:"
                        " none of its words can be read in notes (add an alias that names it)"
                    )
                    report.warnings.append(_located(result, message, [*where, "concept"]))
                    continue
                for term, why in dead_terms(key_point):
                    if term == key_point.concept or term not in aliases:
                        continue
                    message = f"warning: alias '{term}' never matches: {why}"
                    report.warnings.append(
                        _located(result, message, [*where, "aliases", aliases.index(term)])
                    )
