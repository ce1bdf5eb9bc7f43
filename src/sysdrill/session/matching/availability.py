"""Availability sums: "99.99% = ~5 min downtime a year" gets the nines wrong.

An interviewer does not tick "99.99% uptime" from a line whose downtime is
off by a factor of ten, so such a line does not cover a key point that
names nines (see ``wrong_downtime``). The sum is judged loosely: a
downtime within a factor of three of what the nines allow is right.
"""

from __future__ import annotations

import re

from sysdrill.session.matching.numbers import FIGURE, PERIOD_SECONDS, readings, spell_out

# the periods a downtime is counted over: a day or longer
_PERIOD_WORDS = {w: float(n) for w, n in PERIOD_SECONDS.items() if n >= 86_400 and len(w) > 1}
_YEAR, _MONTH = PERIOD_SECONDS["year"], PERIOD_SECONDS["month"]
# what may stand between a downtime and its period: "5 min of downtime per
# year", "52 min/yr", "4.3 min down a month", "26 s error budget monthly",
# "50 min downtim/yr" (one word, however it is spelled)
_PERIOD = re.compile(
    r"\s*(?:of\s+)?(?:(?:err(?:or)?\s+budget|[a-z]+)\s*)?"
    r"(?:/|per\b|a\b|an\b|each\b|every\b|in\s+(?:a|one|the)\b)?\s*"
    rf"(?P<period>{'|'.join(sorted(_PERIOD_WORDS, key=len, reverse=True))})\b"
)
# fewer nines than three are not sums an interviewer asks for
_LEAST = 0.999
# a downtime within this factor of the nines' own is right
_SLACK = 3.0
# more than this share of a period is no downtime but a period itself
# ("4.38 min/30-day month")
_MOST = 0.05


def _availabilities(text: str) -> list[float]:
    found: list[float] = []
    for match in FIGURE.finditer(text):
        if not match.group("num").startswith("99"):
            continue
        for kind, value in readings(match):
            if kind == "n" and _LEAST <= value < 1:
                found.append(value)
    return found


# a downtime with no period ("five nines: 52 minutes downtime") may be a
# year's or a month's
_BARE_DOWNTIME = re.compile(r"\s*(?:of\s+)?(?:downtime|down|outages?)\b(?!\s*(?:/|per\b))")


def _downtimes(text: str) -> list[list[float]]:
    """Each downtime on the line, as the shares of the periods it may be of."""
    found: list[list[float]] = []
    for match in FIGURE.finditer(text):
        seconds = [value for kind, value in readings(match) if kind == "t"]
        if not seconds or text[: match.start()].rstrip().endswith("/"):
            continue
        after = _PERIOD.match(text, match.end())
        if after is not None:
            periods = [_PERIOD_WORDS[after.group("period")]]
        elif _BARE_DOWNTIME.match(text, match.end()):
            periods = [_YEAR, _MONTH]
        else:
            continue
        shares = [s / period for s in seconds for period in periods if s / period <= _MOST]
        if shares:
            found.append(shares)
    return found


def wrong_downtime(line: str) -> bool:
    """Whether the line gives a downtime that none of its nines allow."""
    text = spell_out(line.lower())
    nines = _availabilities(text)
    if not nines:
        return False
    for shares in _downtimes(text):
        if not any(1 / _SLACK <= share / (1 - a) <= _SLACK for share in shares for a in nines):
            return True
    return False
