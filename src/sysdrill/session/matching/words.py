"""Words: light stems, the words too small or too common to count, typos.

The stems are deliberately light: enough that "writes", "writing" and
"written" meet "write", "replicated" meets "replication", and "strongly
consistent" meets "strong consistency". Both sides go through the same
function, so a stem only has to be consistent, not a dictionary word.
"""

from __future__ import annotations

from functools import lru_cache

# Dropped from both sides: they carry no meaning a key point depends on.
STOPWORDS = frozenset(
    """a an the of to for in on at by with per and or vs versus via is are be as from
    into its it this that these those then than so we our us i e g eg ie etc
    w under below sub over above about around roughly nearly almost within least
    approx approximately do does did doing""".split()
)

# Words that show nothing on their own: a term made only of these (and of
# figures) never covers a key point, however the notes use them. They still
# count inside a longer term ("Redis Pub/Sub", "regional failover").
GENERIC = frozenset(
    """
    api apis aws azure gcp cloud s3 redis kafka postgres mysql eta ping rack p50 p90 p95
    p99 p999 latency service services microservice microservices system systems data user
    users customer customers scale scaling scalable cost costs cheap cheaper cheapest
    expensive team teams roadmap timeout timeouts database server servers network
    storage store cache caching performance throughput traffic load request requests
    message messages queue queues platform design architecture strategy security secure
    monitoring metric metrics time model models availability available high low fast
    slow big large small new key main core simple good better best more less most future
    growth market share revenue product products feature features support use using need
    plan phase year years month months day days hour hours minute minutes second seconds
    percent layer component components process provider vendor app apps application
    applications event events infrastructure option options approach solution value
    structure org organization organisation people thing things work way ways lot
    reliability reliable uptime sla slo slas slos fault faults failure failures failover
    consistency consistent global local region regions regional
    zone zones cluster clusters node nodes machine machines instance instances host
    hosts real level tier tiers based driven first last multi cross per total
    rate rates budget target targets goal goals number count size limit limits
    operation operations engineer engineers engineering business
    """.split()
)


# Words for the part a component plays: in a term with another word, any of
# them will do ("metadata service" is covered by "metadata svc", "metadata
# store" or "metadata db"). A term of only these is read literally.
ROLES = frozenset(
    """service store database db layer engine server system manager backend""".split()
)


def _has_vowel(text: str) -> bool:
    return any(c in "aeiouy" for c in text)


def _undouble(word: str) -> str:
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        return word[:-1]
    return word


IRREGULAR = {
    "written": "write",
    "wrote": "write",
    "built": "build",
    "ran": "run",
    "kept": "keep",
    "sent": "send",
    "chosen": "choose",
    "held": "hold",
    "lost": "lose",
    "read": "read",
    "indices": "index",
    "matrices": "matrix",
    "data": "data",
    "media": "media",
    "criteria": "criterion",
    # words that lose "-ion" onto another word: "contention" is not "content"
    "contention": "contention",
    "contentions": "contention",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem of a lower-case word; words with digits are kept whole."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) <= 3 or not word.isalpha():
        return SAME_STEM.get(word, word)
    w = word
    # plurals
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "xes", "ches", "shes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    # -ing, -ed
    if w.endswith("ing") and len(w) >= 6 and _has_vowel(w[:-3]):
        w = _undouble(w[:-3])
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) >= 5 and _has_vowel(w[:-2]):
        w = _undouble(w[:-2])
    # -ly, -ment, -ency, -ability, -tion/-sion
    if w.endswith("ly") and len(w) >= 6:
        w = w[:-2]
    elif w.endswith("ment") and len(w) >= 8:
        w = w[:-4]
    if w.endswith("ence") and len(w) >= 9:  # "resilience" meets "resilient"
        w = w[:-2] + "t"
    elif w.endswith(("ency", "ancy")):
        w = w[:-2] + "t"
    elif w.endswith(("ability", "ibility")):
        w = w[:-5] + "le"
    elif w.endswith(("tion", "sion")) and len(w) >= 7:
        w = w[:-3]
    if w.endswith("ie") and len(w) > 4:  # "cookie" meets "cookies"
        w = w[:-2] + "y"
    elif w.endswith("e") and len(w) > 3:
        w = w[:-1]
    # "segmentation" meets "segments", "experimentation" "experiment"
    if w.endswith("at") and len(w) >= 8:
        w = w[:-2]
        if w.endswith("ment") and len(w) >= 8:
            w = w[:-4]
    w = _american(w)
    return SAME_STEM.get(w, w)


# Words people use for one another in this field, as one stem: "gradual",
# "incremental" and "progressive" rollouts; "cutover" and "switchover";
# "lag" and "delay"; "writer" and "write" ("last writer wins"). A word here
# must not have an everyday meaning the other lacks.
_SAME = {
    "gradual": ("incremental", "progressiv"),
    "minimum": ("minimal",),
    "switch": ("cutover", "switchover"),
    "delay": ("lag",),
    "downtim": ("outag",),
    "forecast": ("predict",),
    "writ": ("writer",),
    "rank": ("ranker",),
    "index": ("indexer",),
    "priority": ("prioritiz",),
}
SAME_STEM = {other: canon for canon, others in _SAME.items() for other in others}


# British and American spellings meet: "personalisation" and
# "personalization", "catalogue" and "catalog", "behaviour" and "behavior",
# "centre" and "center", "modelling" and "modeling". Both sides of a match
# go through them, so a word changed that has no American twin is harmless.
_SPELLING_ENDS = (
    ("isat", "izat", 6),
    ("is", "iz", 6),
    ("ys", "yz", 6),
    ("logu", "log", 6),
    ("our", "or", 6),
    ("tr", "ter", 5),
    ("mm", "m", 6),
    ("ell", "el", 6),
)
_NOT_BRITISH = ("basis", "axis", "crisis", "thesis", "analysis", "emphasis", "genesis", "tennis")


def _american(w: str) -> str:
    if w.endswith(_NOT_BRITISH) or w.endswith(("dwell", "smell", "spell", "shell", "swell")):
        return w
    for british, american, shortest in _SPELLING_ENDS:
        if len(w) >= shortest and w.endswith(british):
            return w[: -len(british)] + american
    return w


def _one_edit(a: str, b: str) -> bool:
    """True when b is a from one substitution, insertion, deletion or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def _is_swap(a: str, b: str) -> bool:
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1


# Endings that make another word of the same stem: "matched" is no slip
# for "matcher", nor "encoded" for "encoder".
_ENDINGS = frozenset({"ed", "er", "es", "en", "ly", "or", "al"})


def _other_ending(a: str, b: str) -> bool:
    return a[:-2] == b[:-2] and a[-2:] != b[-2:] and {a[-2:], b[-2:]} <= _ENDINGS


@lru_cache(maxsize=65536)
def typo_of(written: str, meant: str) -> bool:
    """Whether ``written`` (from the notes) is a one-letter slip for ``meant``.

    Only on longer words made of letters, with the first letter right (slips
    rarely hit it): two neighbours swapped from six letters up, any other
    single edit from seven letters up, so "shared" never reads as "sharded".
    """
    if not (written.isalpha() and meant.isalpha()) or written[:1] != meant[:1]:
        return False
    if _other_ending(written, meant):
        return False
    shorter = min(len(written), len(meant))
    if shorter < 6 or not _one_edit(written, meant):
        return False
    return shorter >= 7 or _is_swap(written, meant)


_VOWELS = frozenset("aeiou")


def skeleton(word: str) -> str:
    """The word's consonants after its first letter, runs of one letter
    made one ("channel" and "chnl": "hnl"), first letter kept in front."""
    out = [word[:1]]
    for ch in word[1:]:
        if ch not in _VOWELS and ch != out[-1]:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=65536)
def vowels_dropped(written: str, meant: str) -> bool:
    """Whether ``written`` is ``meant`` with vowels left out, as people type
    in a hurry ("sgmnt" for "segment", "idnty" for "identity", "prvcy" for
    "privacy"): the same first letter and consonants in the same order, at
    least three of them, and either no vowel left after the first letter or
    two vowels fewer. "plan" is not "plane", nor "model" "module": one vowel
    apart is another word."""
    if not (written.isalpha() and meant.isalpha()) or len(written) >= len(meant):
        return False
    if written[:1] != meant[:1] or len(written) < 4:
        return False
    shape = skeleton(written)
    if len(shape) < 4 or shape != skeleton(meant):
        return False
    left = sum(ch in _VOWELS for ch in written[1:])
    if left > len(written) // 4:  # "dataset" is a word of its own, not "data estate"
        return False
    return left == 0 or sum(ch in _VOWELS for ch in meant[1:]) - left >= 2
