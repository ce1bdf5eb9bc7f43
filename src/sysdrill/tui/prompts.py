"""Every question sysdrill asks goes through here, so tests can stand in for it.

Each function returns the answer, or raises KeyboardInterrupt when the user
cancels (Ctrl-C); callers decide what cancelling means.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


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
    import questionary

    # auto_enter=False: "n" then Enter must not leave a stray Enter for the next screen
    return bool(_ask(questionary.confirm(message, default=default, auto_enter=False)))


def text(message: str, *, default: str = "", required: bool = False) -> str:
    import questionary

    def valid(value: str) -> bool | str:
        return bool(value.strip()) or "Please type something (Ctrl-C to stop)."

    question = questionary.text(message, default=default, validate=valid if required else None)
    return str(_ask(question))


def score(message: str) -> int:
    """A score from 1 to 5: type the digit, Enter confirms."""
    import questionary

    def valid(value: str) -> bool | str:
        return value.strip() in {"1", "2", "3", "4", "5"} or "Type a digit from 1 to 5."

    return int(_ask(questionary.text(message, validate=valid)).strip())


def wait_for_enter(message: str) -> None:
    from prompt_toolkit import prompt

    prompt(message)
