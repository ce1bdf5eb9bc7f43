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
