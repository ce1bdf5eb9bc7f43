"""The notes wrap at word boundaries, never inside a word."""

from __future__ import annotations

from sysdrill.tui.wordwrap import word_wrap


def rows(text: str, width: int) -> list[str]:
    fragments, _ = word_wrap([("", text)], width)
    shown = "".join(t for _, t in fragments)
    return [shown[i : i + width].strip() for i in range(0, len(shown), width)]


def test_a_word_that_would_be_cut_starts_the_next_row() -> None:
    assert rows("shard placement by consistent hashing", 13) == [
        "shard",
        "placement by",  # with its space: no row starts with one
        "consistent",
        "hashing",
    ]


def test_a_word_longer_than_the_row_starts_a_row_and_is_cut() -> None:
    assert rows("ab supercalifragilistic", 10) == ["ab", "supercalif", "ragilistic"]


def test_positions_map_past_the_padding() -> None:
    _, to_display = word_wrap([("", "abc defgh")], 6)
    assert to_display[4] == 6  # "d" starts the second row
    assert to_display[3] == 3


def test_a_pasted_page_on_one_line_is_left_to_the_window() -> None:
    from prompt_toolkit.document import Document
    from prompt_toolkit.layout.processors import TransformationInput

    from sysdrill.tui.wordwrap import LONGEST_WRAPPED_LINE, WordWrap

    line = "word " * (LONGEST_WRAPPED_LINE // 5 + 1)
    fragments = [("", line)]
    ti = TransformationInput(
        buffer_control=None,  # type: ignore[arg-type]
        document=Document(line),
        lineno=0,
        source_to_display=lambda i: i,
        fragments=fragments,
        width=37,
        height=10,
    )
    shown = WordWrap().apply_transformation(ti)
    assert shown.fragments == fragments  # no padding: typing never waits for a layout
    assert shown.source_to_display(123) == 123


def test_many_words_wrap_the_same_on_every_row() -> None:
    text = " ".join(["shard", "placement", "by", "consistent", "hashing"] * 40)
    assert all(len(row) <= 13 for row in rows(text, 13))
    assert rows(text, 13)[:4] == ["shard", "placement by", "consistent", "hashing"]
