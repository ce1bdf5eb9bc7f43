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

# A line longer than this is wrapped by the window alone: laying out a pasted
# page word by word on every redraw would make each keystroke wait for it.
LONGEST_WRAPPED_LINE = 4_000


def word_wrap(fragments: StyleAndTextTuples, width: int) -> tuple[StyleAndTextTuples, list[int]]:
    """The fragments padded so no word is cut at ``width``, and where each source position
    is shown."""
    chars = explode_text_fragments(fragments)
    # The width of the word starting at each position and the space after it
    # (a space that fell to the start of the next row would indent it), read
    # once from the end, so a long line costs one pass, not one per word.
    run = [0] * (len(chars) + 1)
    for index in range(len(chars) - 1, -1, -1):
        char = chars[index][1]
        run[index] = get_cwidth(char) + (0 if char.isspace() else run[index + 1])
    out: StyleAndTextTuples = []
    to_display: list[int] = []
    column = 0
    for index, (style, char, *_) in enumerate(chars):
        starts_word = not char.isspace() and (index == 0 or chars[index - 1][1].isspace())
        if starts_word and column and width > 0 and column + run[index] > width:
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
        if ti.width <= 0 or sum(len(text) for _, text, *_ in ti.fragments) > LONGEST_WRAPPED_LINE:
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
