"""An item's brief as rich renderables, for the screens that print it with rich.

What the brief says is built once, as blocks, in ``tui.item_page``; this
turns those blocks into rich renderables (and keeps the small rich helpers
other screens share). `show` prints the same blocks without rich.
"""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from sysdrill.content.model import Item, Phase
from sysdrill.tui import item_page, reference_page
from sysdrill.tui.layout import Block, Bullets, Fields


def indent(renderable: RenderableType, columns: int) -> Padding:
    return Padding(renderable, (0, 0, 0, columns), expand=False)


def heading(text: str) -> Text:
    return Text(f"\n{text}", style="bold underline")


def bullets(lines: Any, margin: int = 2, style: str = "") -> RenderableType:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for line in lines:
        table.add_row(Text("•", style="dim"), Text(str(line), style=style))
    return indent(table, margin)


def fields(pairs: list[tuple[str, str]], margin: int = 2) -> RenderableType:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    for label, value in pairs:
        table.add_row(label, Text(value.strip()))
    return indent(table, margin)


def to_rich(block: Block) -> RenderableType:
    if isinstance(block, Bullets):
        return bullets(block.lines, block.margin, block.style)
    if isinstance(block, Fields):
        return fields(block.pairs, block.margin)
    text = Text.assemble(*block.spans, style=block.style)
    return indent(text, block.margin) if block.margin else text


def title_block(
    item: Item,
    *,
    overrides_builtin: bool = False,
    summary: bool = True,
    seconds: float | None = None,
    rubric_id: str | None = None,
) -> list[RenderableType]:
    blocks = item_page.title_block(
        item,
        overrides_builtin=overrides_builtin,
        summary=summary,
        seconds=seconds,
        rubric_id=rubric_id,
    )
    return [to_rich(block) for block in blocks]


def brief_parts(item: Item, *, guidance: bool = True) -> list[RenderableType]:
    return [to_rich(block) for block in item_page.brief_parts(item, guidance=guidance)]


def level_guidance_parts(item: Item) -> list[RenderableType]:
    return [to_rich(block) for block in item_page.level_guidance_parts(item)]


def phase_parts(phase: Phase, number: int, *, reference: bool) -> list[RenderableType]:
    return [to_rich(block) for block in item_page.phase_parts(phase, number, reference=reference)]


def case_study_reference(data: dict[str, Any]) -> list[RenderableType]:
    return [to_rich(block) for block in reference_page.case_study_reference(data)]
