"""Browsing the catalogue: list, categories, show, validate, schema."""

# No `from __future__ import annotations` here: see sysdrill/cli/__init__.py.

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from sysdrill.cli.context import content_roots, open_catalogue
from sysdrill.errors import ExitCode, SysdrillError, UsageError
from sysdrill.text import json_text

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def _emit_json(data: Any) -> None:
    sys.stdout.write(json_text(data) + "\n")


def choice(value: str | None, choices: list[str], what: str) -> str | None:
    if value is None:
        return None
    for choice in choices:
        if choice.lower() == value.strip().lower():
            return choice
    from sysdrill.content.schema import did_you_mean

    raise UsageError(
        f"unknown {what} '{value}'{did_you_mean(value.lower(), choices)};"
        f" choose from {', '.join(choices)}"
    )


def list_items(
    ctx: typer.Context,
    kind: Annotated[
        str | None, typer.Option("--kind", "-k", help="problem, case-study or rubric.")
    ] = None,
    category: Annotated[
        str | None,
        typer.Option(
            "--category", "-c", help="One category (see `categories`), built-in or a pack's."
        ),
    ] = None,
    level: Annotated[str | None, typer.Option("--level", "-l", help="L6 or L7.")] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", "-t", help="Has this tag (repeatable: all).")
    ] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", "-s", help="Every word appears in the title, tags or text."),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status", help="new, drilled or due (from your history); shows last scores."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List problems and case studies; filters combine and narrow."""
    from sysdrill.content.vocabulary import LEVELS

    status = choice(status, ["new", "drilled", "due"], "status")
    kind = choice(kind, ["problem", "case-study", "rubric"], "kind")
    if status and kind == "rubric":
        raise UsageError("--status is for problems and case studies, not rubrics")
    level = choice(level, list(LEVELS), "level")
    catalogue = open_catalogue(ctx, with_text=bool(search))
    category = choice(category, catalogue.categories(), "category")
    entries = catalogue.rubrics() if kind == "rubric" else catalogue.drillable()
    if kind and kind != "rubric":
        entries = [e for e in entries if e.kind == kind]
    if category:
        entries = [e for e in entries if e.category == category]
    if level:
        entries = [e for e in entries if e.level == level]
    for wanted in tag or []:
        entries = [e for e in entries if wanted.strip().lower() in e.tags]
    if search:
        words = search.lower().split()
        entries = [
            e
            for e in entries
            if all(
                w in f"{e.title.lower()} {' '.join(e.tags)} {catalogue.search_text(e)}"
                for w in words
            )
        ]
    order = {"problem": 0, "case-study": 1, "rubric": 2}
    entries.sort(key=lambda e: (order.get(e.kind, 3), e.id))
    statuses = None
    if (status or as_json) and kind != "rubric":
        from sysdrill.cli.next import current_statuses

        statuses = current_statuses([e.id for e in entries])
        if status:
            entries = [e for e in entries if statuses[e.id].status == status]
    if as_json:
        _emit_json([_entry_json(e, statuses) for e in entries])
        return
    if not entries:
        hint = ""
        known_tags = {t for e in catalogue.entries for t in e.tags}
        for wanted in tag or []:
            if wanted.strip().lower() not in known_tags:
                from sysdrill.content.schema import did_you_mean

                close = did_you_mean(wanted.strip().lower(), sorted(known_tags))
                hint = f" No item has the tag '{wanted}'{close}."
        sys.stderr.write(f"No items match.{hint}\n")
        return
    from sysdrill.tui.listing import print_entries

    print_entries(entries, statuses if status else None)


def _entry_json(entry: Any, statuses: dict[str, Any] | None) -> dict[str, Any]:
    data: dict[str, Any] = entry.to_json()
    if statuses is not None and entry.id in statuses:
        seen = statuses[entry.id]
        data["status"] = seen.status
        data["last_score"] = seen.last_score
        data["due"] = seen.due.strftime("%Y-%m-%dT%H:%M:%SZ") if seen.due else None
    return data


def categories(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Count the problems and case studies in each category."""
    from sysdrill.content.vocabulary import CATEGORIES

    catalogue = open_catalogue(ctx)
    rows = []
    for name in catalogue.categories():
        description = CATEGORIES.get(name, "from a content pack")
        inside = [e for e in catalogue.drillable() if e.category == name]
        problems = sum(1 for e in inside if e.kind == "problem")
        rows.append(
            {
                "category": name,
                "description": description,
                "problems": problems,
                "case_studies": len(inside) - problems,
                "total": len(inside),
            }
        )
    if as_json:
        _emit_json(rows)
        return
    from sysdrill.tui.listing import print_categories

    print_categories(rows)


def show(
    ctx: typer.Context,
    item_id: Annotated[str, typer.Argument(metavar="ID", help="An ID or a unique prefix of one.")],
    reference: Annotated[
        bool, typer.Option("--reference", "-r", help="Add key points and reference answers.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Show an item's brief (its reference answers only with --reference)."""
    catalogue = open_catalogue(ctx)
    entry = catalogue.find(item_id)
    if entry.kind == "rubric":
        rubric = catalogue.load_rubric(entry.id)
        if as_json:
            _emit_json({**entry.to_json(), **rubric_json(rubric)})
            return
        from sysdrill.tui.reference_page import print_rubric

        print_rubric(rubric)
        return
    item = catalogue.load_item(entry)
    if as_json:
        from sysdrill.tui.reference_page import item_json

        _emit_json({**entry.to_json(), **item_json(item, reference=reference)})
        return
    from sysdrill.tui.item_page import print_item

    print_item(item, reference=reference, overrides_builtin=entry.overrides_builtin)


def rubric_json(rubric: Any) -> dict[str, Any]:
    return {
        "dimensions": [
            {"id": d.id, "title": d.title, "weight": d.weight, "scores": d.scores}
            for d in rubric.dimensions
        ],
        "guidance": {
            "interviewers": list(rubric.interviewer_guidance),
            "candidates": list(rubric.candidate_guidance),
        },
    }


def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or directories to check (default: all loaded content)."),
    ] = None,
) -> None:
    """Check content files; print every error as file:line:column and exit 1 if any."""
    from sysdrill.content.catalogue import Root, builtin_roots
    from sysdrill.content.checks import check_paths

    if paths:
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise UsageError(f"no such file or directory: {', '.join(missing)}")
        roots = [Root(p, str(p)) for p in paths]
        known = builtin_roots()
    else:
        roots = content_roots(ctx)
        known = []
    report = check_paths(roots, known_roots=known)
    if paths and not report.files_checked:
        raise SysdrillError(f"no .yaml or .yml files in {', '.join(str(p) for p in paths)}")
    for diagnostic in report.diagnostics:
        sys.stdout.write(f"{diagnostic}\n")
    for warning in report.warnings:
        sys.stderr.write(f"{warning}\n")
    from sysdrill.words import counted

    files = counted(report.files_checked, "file")
    if not report.diagnostics:
        sys.stderr.write(f"{files} checked: no problems.\n")
        return
    bad = counted(len({d.file for d in report.diagnostics}), "file")
    errors = counted(len(report.diagnostics), "error")
    sys.stderr.write(f"{files} checked: {errors} in {bad}.\n")
    raise typer.Exit(int(ExitCode.ERROR))


def schema() -> None:
    """Print the JSON Schema of the content format (for editors)."""
    from sysdrill.content.schema import SCHEMA_PATH

    sys.stdout.write(SCHEMA_PATH.read_text(encoding="utf-8"))


def register(app: typer.Typer) -> None:
    app.command("list")(list_items)
    app.command()(categories)
    app.command()(show)
    app.command()(validate)
    app.command()(schema)
