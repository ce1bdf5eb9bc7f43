"""Load sums: "5M searches a day ~ 5k qps" gets the rate wrong.

A candidate who turns a volume into a rate, or divides one figure by
another, and lands more than a factor of three away from the answer has
not sized the load, and an interviewer does not tick the sizing point from
that line (see ``wrong_sum``). The sum is judged loosely: within a factor of
three is right, and a rate called a peak may be up to twenty times the
average ("10B req/day, peak ~1M rps").
"""

from __future__ import annotations

import re

from sysdrill.session.matching.numbers import FIGURE, PERIOD_SECONDS, readings, spell_out

_SECONDS = PERIOD_SECONDS
_PERIOD_WORD = "|".join(sorted(_SECONDS, key=len, reverse=True))
# what a count is of, then its period: "5M searches a day", "10B req/day",
# "1 mil jobs a month", "25M trips per day", "40 bil recs daily"
_PER_PERIOD = re.compile(
    r"\s*(?:[a-z][a-z.]*\s*){0,2}"
    rf"(?:(?:/|\bper\b|\ban?\b|\beach\b|\bevery\b)\s*(?P<period>{_PERIOD_WORD})"
    r"|(?P<adverb>hourly|daily|weekly|monthly|yearly|annually))\b"
)
_PER_SECOND = re.compile(r"\s*(?:[a-z]+\s*)?(?:qps|rps|tps|ops|iops|eps)\b")
# the words a conversion is said with: "~", "=", "->", "is about", "roughly"
_LINKS = {
    "~", "=", "≈", "~=", "=~", "->", "=>", "→", "-", "—", ":", ",", "(",
    "is", "are", "about", "abt", "approx", "approx.", "approximately", "roughly",
    "around", "so", "ie", "i.e.", "which", "that", "that's", "thats", "means",
    "avg", "average", "like", "maybe", "say", "call", "it", "nearly", "almost",
    "peak", "at",
}  # fmt: skip
_PEAK = re.compile(r"\b(?:peaks?|bursts?|spikes?|max|busiest)\b")
# a peak named right after the rate: "~1M rps peak", "350k/s at peak"
_PEAK_AFTER = re.compile(r"\s*(?:at\s+)?(?:peaks?|bursts?|spikes?|max|busiest)\b")
_OPERAND = re.compile(r"(?:[/x*×]|\btimes)\s*[~$]?\s*$")
_RIGHT = 3.0  # within this factor a sum is right
_PEAK_RIGHT = 20.0  # a peak may be this many times the average
_VOLUME = 1000  # a volume to convert is a big count, not a rate per user


def _money(text: str, match: re.Match[str]) -> bool:
    """Whether a figure is a sum of money ("$50B GMV"): revenue, not load."""
    return text[: match.start()].rstrip(" ~").endswith(("$", "€", "£"))


def _counts(match: re.Match[str]) -> list[float]:
    return [value for kind, value in readings(match) if kind == "n"]


def _rates(text: str) -> list[tuple[re.Match[str], float | None, int]]:
    """Each figure on the line, the seconds its period holds (None when it
    has none), and where its period ends."""
    found: list[tuple[re.Match[str], float | None, int]] = []
    for match in FIGURE.finditer(text):
        after = _PER_PERIOD.match(text, match.end())
        if after is not None and not text[: match.start()].rstrip().endswith("/"):
            period = after.group("period") or after.group("adverb")
            found.append((match, _SECONDS[period], after.end()))
        elif (per_second := _PER_SECOND.match(text, match.end())) is not None:
            found.append((match, 1, per_second.end()))
        else:
            found.append((match, None, match.end()))
    return found


def _linked(gap: str) -> bool:
    """Whether only words that state a conversion stand between two figures."""
    if len(gap) > 40 or ";" in gap:
        return False
    return all(
        word in _LINKS or word.strip(",:(") in _LINKS or not word.strip("~=≈>→-—,:(")
        for word in gap.split()
    )


def wrong_rate(text: str) -> bool:
    """Whether a volume turned into a rate on the line is wrong:
    "5M searches a day ~ 5k qps" (it is about 60)."""
    rates = _rates(text)
    for (first, per, first_end), (second, then, second_end) in zip(rates, rates[1:], strict=False):
        if per is None or then is None or per == then:
            continue
        if not _linked(text[first_end : second.start()]) or _OPERAND.search(text[: first.start()]):
            continue
        if _money(text, first) or _money(text, second):
            continue
        volumes, counts = _counts(first), _counts(second)
        if not volumes or not counts or max(volumes) < _VOLUME:
            continue
        peak = _PEAK.search(text[first_end : second.start()]) or _PEAK_AFTER.match(text, second_end)
        most = _PEAK_RIGHT if peak else _RIGHT
        if not any(
            1 / _RIGHT <= (count / then) / (volume / per) <= most
            for volume in volumes
            for count in counts
        ):
            return True
    return False


_DIVIDED = re.compile(r"\s*(?:[a-z][a-z.]*\s+){0,2}/\s*[~$]?\s*$")
_GIVES = re.compile(r"\s*(?:[a-z][a-z.]*\s+){0,3}(?:=|~|≈|->|=>|→|~=|=~)\s*[~$]?\s*$")
_RANGE = re.compile(r"-(?=\d)")
_FURTHER = re.compile(r"\s*(?:[/x*×^]|times\b)")


def _plain(match: re.Match[str]) -> bool:
    """Whether a figure is a count: no unit but a magnitude ("5m" is also
    five minutes, "2B" two bytes, and each still a count)."""
    minutes = match.group(0).endswith("m")
    billions = (match.group("glued") or "").lower() == "b"
    return all(
        kind == "n" or (kind == "t" and minutes) or (kind == "b" and billions)
        for kind, _ in readings(match)
    )


def wrong_quotient(text: str) -> bool:
    """Whether a division of counts on the line is wrong:
    "10M conns / 50K per server = 2000 servers" (it is 200)."""
    figures = list(FIGURE.finditer(text))
    for dividend, divisor, result in zip(figures, figures[1:], figures[2:], strict=False):
        if not _DIVIDED.fullmatch(text[dividend.end() : divisor.start()]):
            continue
        if not _GIVES.fullmatch(text[divisor.end() : result.start()]):
            continue
        if _OPERAND.search(text[: dividend.start()]) or _FURTHER.match(text, result.end()):
            continue  # part of a longer sum
        if _RANGE.match(text, result.end()):
            continue  # "38-39K": the range's unit is on its end
        terms = (dividend, divisor, result)
        if not all(_plain(match) and not _money(text, match) for match in terms):
            continue
        tops, bottoms, answers = _counts(dividend), _counts(divisor), _counts(result)
        if not (tops and bottoms and answers):
            continue
        if not any(
            1 / _RIGHT <= answer * bottom / top <= _RIGHT
            for top in tops
            for bottom in bottoms
            for answer in answers
            if top and bottom
        ):
            return True
    return False


# what every load sum has: a period, a rate per second or a division
_MAY_HOLD_SUM = re.compile(
    rf"/|\b(?:per|an?|each|every)\s*(?:{_PERIOD_WORD})\b|hourly|daily|weekly|monthly|yearly"
    r"|annually|qps|rps|tps|ops|eps"
)

# a sum takes two numbers, in digits or words
_DIGITS = re.compile(r"\d+")
_NUMBER_WORD = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion)\b"
)


def wrong_sum(line: str) -> bool:
    """Whether the line gets a load sum wrong (a rate or a quotient)."""
    text = line.lower()
    digits = len(_DIGITS.findall(text))
    if digits < 2 and digits + len(_NUMBER_WORD.findall(text)) < 2:
        return False
    if _MAY_HOLD_SUM.search(text) is None:
        return False
    text = spell_out(text)
    return wrong_rate(text) or wrong_quotient(text)
