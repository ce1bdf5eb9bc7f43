"""Every question sysdrill asks goes through here, so tests can stand in for it.

Each function returns the answer, or raises KeyboardInterrupt when the user
cancels (Ctrl-C); callers decide what cancelling means.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class Cancelled(KeyboardInterrupt):
    """Ctrl-C in a text prompt, with what had been typed in it."""

    def __init__(self, typed: str) -> None:
        super().__init__()
        self.typed = typed


def _ask(question: Any) -> Any:
    answer = question.unsafe_ask()
    if answer is None:
        raise KeyboardInterrupt
    return answer


def choose(message: str, choices: Sequence[tuple[str, str]]) -> str:
    """Pick one of (value, label) with the arrow keys; typing filters the list."""
    import questionary

    options = [questionary.Choice(title=label, value=value) for value, label in choices]
    return str(
        _ask(
            questionary.select(message, choices=options, use_search_filter=True, use_jk_keys=False)
        )
    )


def confirm(message: str, *, default: bool = False) -> bool:
    """y or n answers at once (Enter takes the default): no Enter is left
    waiting, so nothing typed after the program ends is taken by it."""
    import questionary

    return bool(_ask(questionary.confirm(message, default=default, auto_enter=True)))


def text(message: str, *, default: str = "", required: bool = False) -> str:
    import questionary

    def valid(value: str) -> bool | str:
        return bool(value.strip()) or "Please type something (Ctrl-C to stop)."

    question = questionary.text(
        message,
        default=default,
        validate=valid if required else None,
        enable_suspend=True,  # Ctrl-Z suspends, as in the phases, rather than typing ^Z
    )
    try:
        return str(_ask(question))
    except KeyboardInterrupt:
        typed = default
        try:
            typed = question.application.current_buffer.text
        except Exception:  # noqa: BLE001 - the field is gone: keep what was there before
            pass
        raise Cancelled(typed) from None


def _typed(message: str, allowed: set[str], error: str) -> str:
    """One of ``allowed`` typed and confirmed with Enter.

    Anything else is refused with ``error`` and the field is cleared, so the
    next answer is not typed after the refused one ("6" then "3" is not "63").
    """
    import questionary
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
    from prompt_toolkit.validation import ValidationError

    bindings = KeyBindings()

    @bindings.add("enter", eager=True)
    def _enter(event: KeyPressEvent) -> None:
        field = event.current_buffer
        if field.text.strip() in allowed:
            field.validate_and_handle()
            return
        field.reset()
        field.validation_error = ValidationError(message=error)

    question = questionary.text(
        message, key_bindings=bindings, validate_while_typing=False, enable_suspend=True
    )
    return str(_ask(question)).strip()


def score(message: str) -> int:
    """A score from 1 to 5: type the digit, Enter confirms."""
    return int(_typed(message, {"1", "2", "3", "4", "5"}, "Type a digit from 1 to 5."))


def pick_number(message: str, count: int) -> int | None:
    """Enter alone: None; or a number from 1 to ``count`` and Enter."""
    allowed = {"", *(str(n) for n in range(1, count + 1))}
    answer = _typed(message, allowed, f"Press Enter, or type a number from 1 to {count}.")
    return int(answer) if answer else None


def wait_for_enter(message: str) -> str:
    """Wait for Enter and return what was typed before it (usually nothing);
    a message wider than the terminal is wrapped between words."""
    import shutil
    import textwrap

    from prompt_toolkit import prompt

    width = max(20, shutil.get_terminal_size().columns - 1)
    lead = message[: len(message) - len(message.lstrip("\n"))]
    lines = textwrap.wrap(message.strip(), width) or [""]
    if len(lines) > 1:
        print(lead + "\n".join(lines[:-1]))
        lead = ""
    return prompt(lead + lines[-1] + " ", enable_suspend=True)
