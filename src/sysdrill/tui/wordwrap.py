"""Wrapping the notes at word boundaries.

prompt_toolkit wraps a long line wherever the window ends, cutting words in
two ("p" / "lacement"). This processor pads the line with spaces before a
word that would be cut, so the window's own wrapping starts the word on the
next row. The padding exists only on screen: the notes keep their text, and
the cursor is mapped past it.
"""

from __future__ import annotations

from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.layout.processors import Processor, Transformation, TransformationInput
from prompt_toolkit.layout.utils import explode_text_fragments
from prompt_toolkit.utils import get_cwidth


def word_wrap(fragments: StyleAndTextTuples, width: int) -> tuple[StyleAndTextTuples, list[int]]:
    """The fragments padded so no word is cut at ``width``, and where each source position
    is shown."""
    chars = explode_text_fragments(fragments)
    out: StyleAndTextTuples = []
    to_display: list[int] = []
    column = 0
    for index, (style, char, *_) in enumerate(chars):
        starts_word = not char.isspace() and (index == 0 or chars[index - 1][1].isspace())
        if starts_word and column and width > 0:
            # The word and the space after it: a space that fell to the start
            # of the next row would indent it.
            length = 0
            for _, following, *_ in chars[index:]:
                length += get_cwidth(following)
                if following.isspace():
                    break
            if column + length > width:
                out.extend([(style, " ")] * (width - column))
                column = 0
        to_display.append(len(out))
        out.append((style, char))
        column += get_cwidth(char)
        if width > 0 and column >= width:
            column -= width
    to_display.append(len(out))  # the position after the last character
    return out, to_display


class WordWrap(Processor):
    def apply_transformation(self, ti: TransformationInput) -> Transformation:
        if ti.width <= 0:
            return Transformation(ti.fragments)
        fragments, to_display = word_wrap(ti.fragments, ti.width)
        to_source = [0] * (len(fragments) + 1)
        source = 0
        for display in range(len(fragments) + 1):
            while source + 1 < len(to_display) and to_display[source + 1] <= display:
                source += 1
            to_source[display] = source

        def source_to_display(position: int) -> int:
            return to_display[min(max(position, 0), len(to_display) - 1)]

        def display_to_source(position: int) -> int:
            return to_source[min(max(position, 0), len(to_source) - 1)]

        return Transformation(fragments, source_to_display, display_to_source)
