"""Figures: "0.3" = ".3" = "30%", "10ms" = "10 ms", "1M" = "1,000,000" = "1e6".

A figure is read as a set of (kind, value) readings; two figures are the
same when any reading agrees. Kinds: "n" for counts and ratios (30% is
0.3, 1M is a million), "t" for time in seconds, "b" for bytes, "bps" for
bandwidth and "x" for multiples. An "m" after a number can be millions or
minutes, so "5m" has both readings.
"""

from __future__ import annotations

import re

Reading = tuple[str, float]

_COUNT = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mil": 1e6, "million": 1e6}
_COUNT |= {"b": 1e9, "bn": 1e9, "billion": 1e9, "t": 1e12, "tn": 1e12, "trillion": 1e12}
# slips people make in them ("1 milion features")
_COUNT |= {"milion": 1e6, "millon": 1e6, "bilion": 1e9, "billon": 1e9, "trilion": 1e12}
_COUNT |= {"bil": 1e9, "tril": 1e12}  # "40 bil recs a day"
_COUNT |= {"mio": 1e6, "mrd": 1e9}  # "2,5 Mio", "3 Mrd"
_TIME = {"m": 60.0, "ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0, "sec": 1.0, "secs": 1.0}
_TIME |= {"second": 1.0, "seconds": 1.0, "min": 60.0, "mins": 60.0, "minute": 60.0}
_TIME |= {"minutes": 60.0, "h": 3600.0, "hr": 3600.0, "hrs": 3600.0, "hour": 3600.0}
_TIME |= {"hours": 3600.0, "day": 86400.0, "days": 86400.0}  # no "d": "3D Secure"
_TIME |= {"wk": 604800.0, "week": 604800.0, "weeks": 604800.0}
_TIME |= {"millisecond": 1e-3, "milliseconds": 1e-3, "msec": 1e-3, "msecs": 1e-3}
_TIME |= {"microsecond": 1e-6, "microseconds": 1e-6, "usec": 1e-6, "nanosecond": 1e-9}
_TIME |= {"nanoseconds": 1e-9}
# distance in metres ("5 km radius"); a lone "m" stays millions or minutes
_DISTANCE = {"km": 1e3, "kms": 1e3, "kilometer": 1e3, "kilometers": 1e3, "kilometre": 1e3}
_DISTANCE |= {"kilometres": 1e3, "mile": 1609.0, "miles": 1609.0}
_TIME |= {"yr": 31536000.0, "yrs": 31536000.0, "year": 31536000.0, "years": 31536000.0}
_BYTES = {"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12, "pb": 1e15, "eb": 1e18, "zb": 1e21}
_BYTES |= {"kib": 1e3, "mib": 1e6, "gib": 1e9, "tib": 1e12, "pib": 1e15}
# spelt out: "100 bytes", "8 petabytes"
_BYTE_WORDS = {"byte": 1.0, "kilobyte": 1e3, "megabyte": 1e6, "gigabyte": 1e9}
_BYTE_WORDS |= {"terabyte": 1e12, "petabyte": 1e15, "exabyte": 1e18, "zettabyte": 1e21}
_BYTES |= _BYTE_WORDS | {word + "s": size for word, size in _BYTE_WORDS.items()}
_RATE = {"kbps": 1e3, "mbps": 1e6, "gbps": 1e9, "tbps": 1e12}
_TIMES = {"x": 1.0, "times": 1.0, "fold": 1.0}
_PERCENT = ("%", "pct", "percent")  # "30 percent", "10 pct"

# Units that may stand a space away from their number ("10 ms", "5 min");
# of single letters only those that are no word of their own ("15 s", "10 k",
# "5 m"), and only when no letter follows ("15 servers" is a count).
_UNITS = (*_COUNT, *_TIME, *_BYTES, *_RATE, *_TIMES, *_DISTANCE, *_PERCENT[1:])
_SPACED = sorted(
    [u for u in _UNITS if len(u) > 1 or u in "xskmh"],
    key=len,
    reverse=True,
)
_GLUED = sorted(set(_UNITS), key=len, reverse=True)

NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
FIGURE = re.compile(
    rf"(?<![a-z0-9.])(?P<num>{NUMBER})(?:\^(?P<pow>\d+)|e(?P<exp>\d+))?(?:\+(?!\d))?"
    rf"(?:(?P<glued>%|{'|'.join(_GLUED)})|[\s-](?P<spaced>%|{'|'.join(_SPACED)}))?"
    r"\+?(?![a-z0-9])"
)

# How many seconds each period holds, by the words for it: a year of 365
# days, a month of a twelfth of a year. Load sums, downtimes and rates over
# a period all read periods from here.
PERIOD_SECONDS = {
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600, "hourly": 3600,
    "d": 86_400, "day": 86_400, "days": 86_400, "daily": 86_400,
    "wk": 604_800, "week": 604_800, "weekly": 604_800,
    "mo": 2_628_000, "mos": 2_628_000, "month": 2_628_000, "months": 2_628_000,
    "monthly": 2_628_000,
    "yr": 31_536_000, "yrs": 31_536_000, "year": 31_536_000, "years": 31_536_000,
    "yearly": 31_536_000, "annually": 31_536_000, "annum": 31_536_000, "annual": 31_536_000,
}  # fmt: skip

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_FOLD_WORDS = {"twice": "2x", "double": "2x", "tenfold": "10x", "twofold": "2x"}
_FOLD_WORDS |= {"threefold": "3x", "hundredfold": "100x"}
_FOLD_WORDS |= dict.fromkeys(("doubled", "doubles", "doubling"), "2x")
_FOLD_WORDS |= dict.fromkeys(("triple", "tripled", "triples", "tripling"), "3x")
# "costs halved", "cut in half": half of it, 50% ("half-open" is a state)
_FOLD_WORDS |= dict.fromkeys(("halve", "halved", "halves", "halving"), "50%")
# Magnitude words standing alone: "billions of devices" is a figure too.
MAGNITUDE_WORDS = {
    "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6,
    "billion": 1e9, "billions": 1e9, "trillion": 1e12, "trillions": 1e12,
    "milion": 1e6, "milions": 1e6, "bilion": 1e9, "bilions": 1e9,
}  # fmt: skip

_NINES = re.compile(r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven)\s*(?:nines|9s)\b")
_WORD_NUMBER = re.compile(rf"\b(?:{'|'.join(_NUMBER_WORDS)})\b")
_FOLD = re.compile(rf"\b(?:{'|'.join(_FOLD_WORDS)})\b|\bhalf\b(?!-)")
_FOLD_WORDS["half"] = "50%"
# "half a trillion" is 0.5 trillion, not half of something
_HALF_A = re.compile(r"\bhalf an? (thousand|million|billion|trillion)\b")


def _nines(match: re.Match[str]) -> str:
    count = match.group(1)
    n = int(count) if count.isdigit() else _NUMBER_WORDS[count]
    if not 2 <= n <= 15:
        return match.group(0)
    return "99." + "9" * (n - 2) + "%" if n > 2 else "99%"


# "sub-millisecond" is a figure: under 1 ms.
_SUB_UNITS = {"millisecond": "<1ms", "ms": "<1ms", "second": "<1s", "microsecond": "<1us"}
_SUB_UNITS |= {"sec": "<1s", "milli": "<1ms", "micro": "<1us"}
_SUB_UNIT = re.compile(r"\bsub[- ]?(millisecond|microsecond|second|sec|ms|milli|micro)\b")


def _same_width(written: str, figure: str, *, left: bool = True) -> str:
    """``figure`` padded to the width of what it replaces, so places in the
    text still point at the notes as written."""
    pad = " " * max(0, len(written) - len(figure))
    return pad + figure if left else figure + pad


_SMALL = {w: n for w, n in _NUMBER_WORDS.items() if n < 20}
_TENS = {w: n for w, n in _NUMBER_WORDS.items() if 20 <= n < 100}
_DIGIT_WORDS = {w: str(n) for w, n in _NUMBER_WORDS.items() if n < 10} | {"zero": "0"}
_SAID = rf"(?:{'|'.join(_NUMBER_WORDS)}|\d+)"
# A number said in words: "five hundred", "a hundred", "twenty five",
# "six point two", "99 point 99", "ninety nine point nine nine".
_SPOKEN = re.compile(
    rf"\b(?:(?:a|{_SAID})\s+hundred(?:\s+(?:and\s+)?{_SAID}(?:\s+{_SAID})?)?"
    rf"|(?:{'|'.join(_TENS)})\s+(?:{'|'.join(w for w in _SMALL if _SMALL[w] < 10)})"
    rf"|{_SAID}(?=\s+point\s))"
    rf"(?:\s+point(?:\s+(?:{'|'.join(_DIGIT_WORDS)}|\d+))+)?\b"
)


def _spoken_value(said: str) -> str | None:
    """The figure a number said in words stands for, or None."""
    whole, _, decimals = said.partition(" point ")
    total = 0
    for word in whole.split():
        if word == "and":
            continue
        if word == "hundred":
            total = (total or 1) * 100
        elif word == "a":
            total = 1
        elif word.isdigit():
            total += int(word)
        elif word in _NUMBER_WORDS:
            total += _NUMBER_WORDS[word]
        else:
            return None
    if not decimals:
        return str(total)
    digits = "".join(w if w.isdigit() else _DIGIT_WORDS.get(w, "?") for w in decimals.split())
    return None if "?" in digits else f"{total}.{digits}"


def _spoken(match: re.Match[str]) -> str:
    said = " ".join(match.group(0).split())
    value = _spoken_value(said)
    return match.group(0) if value is None else _same_width(match.group(0), value)


# A decimal comma ("1,5 ms", "99,99 %"): one or two digits after it, in a
# number that is not one of a list ("1,2,3"); or the nines ("99,999%").
_DECIMAL_COMMA = re.compile(r"(?<![\d,.])(?:(\d+),(?=\d{1,2}(?![\d,]))|(99),(?=\d{3,}\s?%))")


def spell_out(text: str) -> str:
    """Lower-case text with figures in words written as figures."""
    text = _DECIMAL_COMMA.sub(lambda m: (m.group(1) or m.group(2)) + ".", text)
    text = _SPOKEN.sub(_spoken, text)
    text = _NINES.sub(lambda m: _same_width(m.group(0), _nines(m)), text)
    text = _HALF_A.sub(lambda m: _same_width(m.group(0), f"0.5 {m.group(1)}"), text)
    text = _FOLD.sub(lambda m: _same_width(m.group(0), _FOLD_WORDS[m.group(0)]), text)
    text = re.sub(r"-fold\b", "x    ", text)
    text = _SUB_UNIT.sub(lambda m: _same_width(m.group(0), _SUB_UNITS[m.group(1)]), text)
    return _WORD_NUMBER.sub(lambda m: _same_width(m.group(0), str(_NUMBER_WORDS[m.group(0)])), text)


def _exact(value: float) -> float:
    return float(f"{value:.12g}")  # eleven nines is not 1


def readings(match: re.Match[str]) -> frozenset[Reading]:
    value = float(match.group("num").replace(",", ""))
    if match.group("pow"):
        value = value ** int(match.group("pow"))
    if match.group("exp"):
        value *= 10 ** int(match.group("exp"))
    unit = match.group("glued") or match.group("spaced")
    found: set[Reading] = set()
    if unit is None:
        found.add(("n", value))
        if "." in match.group("num") and 90 <= value < 100:
            found.add(("n", value / 100))  # "99.99 uptime" is 99.99%
    elif unit in _PERCENT:
        found.add(("n", value / 100))
    else:
        tables = ((_COUNT, "n"), (_TIME, "t"), (_BYTES, "b"), (_RATE, "bps"), (_DISTANCE, "d"))
        for table, kind in tables:
            if unit in table:
                found.add((kind, value * table[unit]))
        if unit in _TIMES:
            found.add(("x", value))
        if unit == "b" and match.group("glued"):
            found.add(("b", value))  # "100B" may be a billion or bytes
    return frozenset((kind, _exact(v)) for kind, v in found)


MEASURE, COUNT, NAME = "measure", "count", "name"


def figure_role(match: re.Match[str], text: str) -> str:
    """What a figure does in its text.

    A measure carries a claim (a unit, a "+", a count of ten or more); a
    count is a small bare number ("3 replicas", "phase 1"); a name is part
    of what something is called, or a year ("SHA-256", "12+4", "2020").
    """
    start, end = match.span()
    if start > 1 and text[start - 1] == "-" and text[start - 2].isalpha():
        return NAME
    if text[end : end + 1] == "+" and text[end + 1 : end + 2].isdigit():
        return NAME
    if re.match(r"[- ]degrees?\b", text[end:]):
        return NAME  # "360-degree view" is no measure
    if start > 1 and text[start - 1] == "+" and text[start - 2].isdigit():
        return NAME
    if match.group("glued") or match.group("spaced") or match.group(0).endswith("+"):
        return MEASURE
    value = min(r[1] for r in readings(match))
    if value.is_integer() and 1900 <= value <= 2100:
        return NAME
    return MEASURE if value >= 10 else COUNT


# A figure's unit is also a word: "8.6PB/day" covers "petabytes per day".
UNIT_WORDS = {
    "kb": "kilobyte", "mb": "megabyte", "gb": "gigabyte", "tb": "terabyte",
    "pb": "petabyte", "eb": "exabyte", "zb": "zettabyte", "ms": "millisecond",
    "us": "microsecond", "ns": "nanosecond", "sec": "second", "secs": "second",
    "hr": "hour", "hrs": "hour", "min": "minute", "mins": "minute",
    "millisecond": "millisecond", "milliseconds": "millisecond", "msec": "millisecond",
    "msecs": "millisecond", "microsecond": "microsecond", "microseconds": "microsecond",
    "usec": "microsecond", "nanosecond": "nanosecond", "nanoseconds": "nanosecond",
    "km": "kilometer", "kms": "kilometer", "kilometer": "kilometer",
    "kilometers": "kilometer", "kilometre": "kilometer", "kilometres": "kilometer",
    "mile": "mile", "miles": "mile", "%": "percent", "pct": "percent", "percent": "percent",
}  # fmt: skip
UNIT_WORDS |= {word: word for word in _BYTE_WORDS} | {word + "s": word for word in _BYTE_WORDS}


def unit_word(match: re.Match[str]) -> str | None:
    unit = match.group("glued") or match.group("spaced")
    return UNIT_WORDS.get(unit) if unit else None


def same_figure(a: frozenset[Reading], b: frozenset[Reading]) -> bool:
    return bool(a & b)
