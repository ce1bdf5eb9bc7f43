"""Each rule of the key-point matcher, with the misses and false credits it fixes."""

from __future__ import annotations

import pytest

from sysdrill.content.model import KeyPoint
from sysdrill.session.matching import cover_phase, covers, find_line, usable_terms


def kp(concept: str, *aliases: str) -> KeyPoint:
    return KeyPoint(concept, tuple(aliases))


# -- words: tokens and light stems ---------------------------------------------


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("unread counter write per member", kp("unread counter writes")),
        ("persisted first, then fan-out", kp("persist before fan-out", "persist first")),
        ("replicated async to 2 regions", kp("asynchronous replication")),
        ("Metadata: sharded, strongly consistent KV", kp("strong consistency")),
        ("caching the hot keys", kp("hot key cache")),
        ("partitioned by tenant", kp("tenant partitioning")),
        ("READ-AFTER-WRITE for new objects", kp("read after write")),
        ("fanout via pubsub", kp("fan-out over pub/sub")),
    ],
)
def test_words_meet_their_other_forms(notes: str, point: KeyPoint) -> None:
    assert covers(notes, point)


def test_a_word_inside_another_word_is_not_the_word() -> None:
    assert not covers("requests per second", kp("Reed-Solomon", "RS 12+4", "RS coding"))
    assert not covers("sharding the metadata", kp("hard limits"))


# -- short forms ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("5M conns / 50k per gw", kp("connections per gateway")),
        ("RT settlement on the new rails", kp("real-time settlement")),
        ("x-border payments in 40 ccys", kp("cross-border payments")),
        ("x-region repl is async", kp("cross-region replication")),
        ("push notif when offline", kp("push notifications")),
        ("emerging mkts first", kp("emerging markets")),
        ("data product mktplace w/ ratings", kp("data product marketplace")),
        ("k8s operators per cell", kp("Kubernetes operators")),
        ("txn log in the db", kp("transaction log")),
        ("msg ordering per channel", kp("message ordering")),
        ("20M DAU", kp("20M daily active users")),
        ("svc mesh w/ mTLS", kp("service mesh with mTLS")),
    ],
)
def test_short_forms_of_the_field_are_expanded(notes: str, point: KeyPoint) -> None:
    assert covers(notes, point)


def test_short_forms_work_in_key_points_too() -> None:
    assert covers("connections per gateway", kp("conns/gw"))


# -- slips ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("replicaton lag under 1s", kp("replication lag")),
        ("eventual consistnecy per bucket", kp("eventual consistency")),
        ("partitoned by key", kp("partitioned by key")),
        ("erasure codnig 12+4", kp("erasure coding")),
    ],
)
def test_one_letter_slips_on_long_words_are_forgiven(notes: str, point: KeyPoint) -> None:
    assert covers(notes, point)


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("shared nothing design", kp("sharded database")),  # a real word, one letter off
        ("rock solid", kp("rack awareness")),  # short words: no slips
        ("header parsing", kp("reader parsing")),  # six letters: only swaps
        ("10 ms", kp("100 ms snapshot restore")),  # figures: never
        ("caching hashing", kp("bashing caching")),  # the first letter must be right
    ],
)
def test_slips_stay_narrow(notes: str, point: KeyPoint) -> None:
    assert not covers(notes, point)


# -- word order and distance ----------------------------------------------------


def test_words_may_come_in_another_order_nearby() -> None:
    point = kp("snapshot restore")
    assert covers("restore from a snapshot", point)
    assert covers("restore of the VM snapshot", point)


def test_words_far_apart_or_on_other_lines_do_not_combine() -> None:
    point = kp("snapshot restore")
    assert not covers("snapshot the disk, then verify checksums, compact, and restore", point)
    assert not covers("take a snapshot\nrestore the config", point)


# -- figures -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notes", "term"),
    [
        ("score = dist .3", "distance 0.3"),
        ("score = dist 0.3", "distance 30%"),
        ("restore in 10 ms", "10ms restore"),
        ("1,000,000 writes", "1M writes"),
        ("1e6 writes", "one million writes"),
        ("1M+ writes", "1 million writes"),
        ("four nines availability", "99.99% availability"),
        ("11 9s durability", "99.999999999% durability"),
        ("tenfold load", "10x load"),
        ("30-fold spike", "30x spike"),
        ("keep warm 15 min", "15-minute keep warm"),
        ("keep warm 15m", "15 minutes keep warm"),
        ("p99 0.1s delivery", "100ms delivery"),
        ("ten billion devices", "10B devices"),
        ("billions of devices", "1B devices"),
        ("~1KB/obj metadata", "1 KB metadata"),
        ("10^3 objects lost", "1,000 objects lost"),
        # decimal commas
        ("restore in 1,5 ms", "1.5ms restore"),
        ("99,99 % availability", "99.99% availability"),
        ("99,999% uptime", "five nines uptime"),
        ("2,5 Mio writes", "2.5M writes"),
        ("zones 1,2,3 each with 3 replicas", "3 zones"),
    ],
)
def test_figures_match_by_value(notes: str, term: str) -> None:
    assert covers(notes, kp(term))


@pytest.mark.parametrize(
    ("notes", "term"),
    [
        ("p50 under 20ms users", "20M users"),
        ("99.999% uptime target", "99.99% uptime target"),
        ("30 regions", "30% regions"),
        ("RS 12+4 shards", "RS 12+5 shards"),
        ("restore in 1,5 ms", "5ms restore"),
        ("5,000 writes", "5 writes"),
    ],
)
def test_different_figures_do_not_match(notes: str, term: str) -> None:
    assert not covers(notes, kp(term))


def test_a_figure_joined_to_a_concept_needs_both() -> None:
    point = kp("5ms snapshot restore", "snapshot restore", "5ms")
    assert not covers("snapshot restore ~ fast", point)
    assert covers("snapshot restore ~5ms", point)
    assert not covers("AWS S3 is the incumbent", kp("S3 60% share", "AWS S3"))
    assert covers("S3 ~60% mkt share", kp("S3 60% share", "60% share"))


def test_a_year_in_the_concept_is_its_point() -> None:
    point = kp("strong consistency in 2020", "strong consistency", "strongly consistent since 2020")
    assert covers("strong read-after-write since 2020: strong consistency", point)
    assert covers("S3 strongly consistent since 2020", point)
    assert not covers("strong consistency ~2021?", point)
    assert not covers("it is strongly consistent now", point)


def test_names_with_numbers_are_not_figures_to_insist_on() -> None:
    # "12+4" and "SHA-256" name things; the concept's words alone still count.
    assert covers("erasure coding, 10+4", kp("Reed-Solomon 12+4", "erasure coding"))
    assert covers("hash emails before matching", kp("SHA-256 hashing", "hashed emails"))


# -- never enough alone --------------------------------------------------------------


@pytest.mark.parametrize(
    "alias", ["Redis", "ETA", "ping", "rack", "API", "latency", "2s", "10x", "90%", "2020"]
)
def test_generic_words_bare_figures_and_years_are_never_enough(alias: str) -> None:
    point = kp("presence coalescing", alias)
    assert usable_terms(point) == ["presence coalescing"]
    assert not covers(f"we use {alias} here", point)


def test_generic_words_still_count_inside_a_longer_term() -> None:
    assert covers("Redis pub/sub per channel", kp("Redis Pub/Sub"))
    assert not covers("Redis for sessions", kp("Redis Pub/Sub"))


def test_a_figure_with_a_generic_word_is_enough() -> None:
    assert covers("p99 under 50ms end to end", kp("P99 under 50ms"))


def test_one_part_of_a_joint_concept_is_not_enough() -> None:
    assert not covers("Raft for metadata", kp("Raft and CRDTs"))
    assert covers("Raft for metadata, CRDTs for tags", kp("Raft and CRDTs"))


def test_the_buzzword_paragraph_earns_little() -> None:
    notes = (
        "high availability, p99 under 100ms, microservices, Kafka, Redis, failover, "
        "eventual vs strong consistency, team structure, roadmap, 2s timeouts, 30% cheaper"
    )
    points = [
        kp("roadmap", "future"),
        kp("regional failover", "failover"),
        kp("10x load", "10x"),
        kp("under 2 seconds to 99%", "2s", "2 seconds"),
        kp("Redis Pub/Sub", "Redis"),
        kp("S3 60% share", "AWS S3"),
    ]
    assert [p.concept for p in points if covers(notes, p)] == []


# -- evidence and phases -----------------------------------------------------------


def test_the_line_that_matched_is_the_evidence() -> None:
    notes = "intro\n  Metadata: sharded, strongly consistent KV  \nmore"
    assert find_line(notes, kp("sharded metadata")) == "Metadata: sharded, strongly consistent KV"
    assert find_line(notes, kp("erasure coding")) is None


def test_earlier_phases_count_and_say_so() -> None:
    points = [kp("erasure coding"), kp("consistent hashing"), kp("scrubbing")]
    result = cover_phase(
        points,
        "hash ring w/ vnodes -> consistent hashing",
        "deep-dive",
        earlier=[("requirements", "EC 12+4 for durability"), ("architecture", "")],
    )
    assert result.covered == ["erasure coding", "consistent hashing"]
    assert result.missed == ["scrubbing"]
    assert result.evidence["erasure coding"].phase_id == "requirements"
    assert result.evidence["erasure coding"].line == "EC 12+4 for durability"
    assert result.evidence["consistent hashing"].phase_id == "deep-dive"


def test_the_evidence_is_the_line_that_says_the_concept_itself() -> None:
    point = kp("at-least-once delivery", "dedupe on client")
    notes = "ordering: per-channel seq, dedupe on client by it\nat-least-once delivery + retries"
    assert cover_phase([point], notes).evidence[point.concept].line == (
        "at-least-once delivery + retries"
    )
    # an earlier phase that says the concept beats a nearer one that says an alias
    hashing = kp("consistent hashing", "channel servers")
    result = cover_phase(
        [hashing],
        "10x: 100M conns / 50k per gw",
        "capacity",
        earlier=[
            ("architecture", "gateway -> channel server (consistent hashing by channel id)"),
            ("decisions", "channel servers assign a sequence number"),
        ],
    )
    assert result.evidence["consistent hashing"].phase_id == "architecture"
    # and this phase's notes, in any words, come before every earlier phase
    result = cover_phase(
        [hashing],
        "more channel servers at 10x",
        "capacity",
        earlier=[("architecture", "consistent hashing by channel id")],
    )
    assert result.evidence["consistent hashing"].phase_id == "capacity"


def test_the_evidence_from_earlier_phases_is_the_fullest_match() -> None:
    # a three-word alias said tightly two phases back beats two words far
    # apart in the phase before
    law = kp("Little's law", "rate x duration concurrency", "invocations duration")
    result = cover_phase(
        [law],
        "SnapStart for java",
        "level-questions",
        earlier=[
            ("capacity", "concurrency = rate x duration: 40k/s x 200ms = 8k envs"),
            ("operations", "dashboards: cold starts per invocations, init duration p99"),
        ],
    )
    assert result.evidence["Little's law"].phase_id == "capacity"
    # within a phase too: the line that says more of an alias
    point = kp("keyed by runtime and layers", "snapshot runtime layers", "fn version")
    notes = "warm env for this fn version? reuse it\nrestore from snapshot (runtime + layers)"
    assert cover_phase([point], notes).evidence[point.concept].line.startswith("restore")


def test_negation_is_not_read() -> None:
    # A known limit, documented in docs/matching.md.
    assert covers("no sharding needed", kp("sharding"))


# -- more general rules ------------------------------------------------------------


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("metadata in a sharded db", kp("metadata service")),  # any word for the role
        ("metadata store on Raft", kp("metadata service")),
        ("replicate 3x across regions", kp("cross-region replication")),
        ("auto-split hot partitions", kp("automatic splitting")),
        ("Y1 ~$2B invest", kp("investment roadmap", "$2B investment")),
        ("high availablity 99.99", kp("99.99% availability")),
        ("3DS2 step-up for risky ones", kp("3D Secure 2.0", "3DS2")),
        ("five 9s proven over years", kp("five nines")),
    ],
)
def test_general_rules_found_on_development_notes(notes: str, point: KeyPoint) -> None:
    assert covers(notes, point)


def test_role_words_alone_stay_literal() -> None:
    assert not covers("database server", kp("storage engine"))
    assert covers("storage engine on NVMe", kp("storage engine"))


def test_a_figure_alone_covers_only_a_concept_that_is_a_figure() -> None:
    assert usable_terms(kp("five nines", "99.999%")) == ["five nines"]
    assert not covers("99.999%", kp("five nines availability", "99.999%"))


def test_roadmap_years_and_params() -> None:
    assert covers("$5B by Y5, ~$4/hr blended", kp("$5B revenue target", "$5B by year 5"))
    assert covers("175B params in fp16", kp("175B parameter training", "175B parameters"))


def test_a_role_word_beside_a_generic_word_stays_literal() -> None:
    assert not covers("client -> message service -> db", kp("MySQL shards", "message store"))


def test_a_small_word_hyphened_to_another_is_part_of_it() -> None:
    assert not covers("frozen between calls", kp("team ownership", "on-call"))
    assert covers("on-call rotation weekly", kp("team ownership", "on-call"))
    assert covers("oncall rotation weekly", kp("team ownership", "on-call"))
    assert covers("time to market halved", kp("time-to-market"))


def test_per_second_written_short() -> None:
    assert covers("~38.6K/s avg", kp("about 38,600 invocations per second", "38.6K per second"))


def test_units_are_words_and_sub_units_are_figures() -> None:
    assert covers("~8.6PB/day ingest", kp("petabytes per day"))
    assert covers("feature read <1ms p99", kp("sub-millisecond feature reads"))
    assert not covers("1M inferences/sec, <50ms", kp("sub-millisecond feature reads"))


# -- second round: rules found on notes written blind ----------------------------


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("pre-warm fns, proc in mem", kp("pre-warm functions")),
        ("+40% booking conv, 20+ langs", kp("40% booking conversion")),
        ("sub second queries", kp("sub-second queries")),
        ("99.99 platform-wide", kp("99.99% uptime")),
        ("SLO 99.99%", kp("99.99% availability")),
    ],
)
def test_more_short_forms_and_spellings_of_the_field(notes: str, point: KeyPoint) -> None:
    assert covers(notes, point)


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("namespace per tenant in k8s", kp("tenant-by-tenant migration", "tenant by tenant")),
        ("IoT + partner APIs -> kafka", kp("app marketplace", "partner apps")),
        ("99.9% platform-wide", kp("99.99% uptime")),  # another figure
        ("99.99% of requests under 100ms", kp("99.99% latency budget")),  # no availability word
    ],
)
def test_second_round_rules_stay_narrow(notes: str, point: KeyPoint) -> None:
    assert not covers(notes, point)


# -- other spellings, derived forms and words of the field that stand for each other


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("personalisation per user", kp("personalization")),
        ("product catalogue in Postgres", kp("product catalog")),
        ("user behavior signals", kp("behaviour signals")),
        ("regional data centres", kp("data center")),
        ("audience segments built nightly", kp("segmentation")),
        ("run experiments on every surface", kp("experimentation")),
        ("resilient to zone loss", kp("resilience")),
        ("gradual rollout by region", kp("incremental rollout")),
        ("switchover with rollback", kp("cutover")),
        ("replication lag under 1s", kp("replication delay")),
        ("conflicts: last write wins", kp("last writer wins")),
        ("90% of rides matched in <15 s", kp("90% matched in 15 seconds")),
        ("A/B tests on ranking", kp("AB testing")),
        ("relevance/A-B + exp platform", kp("A/B testing", "A/B")),
        ("collab filtering ~1000 cands", kp("collaborative filtering")),
        ("DL ranking on 1.7k cands", kp("deep learning ranking")),
        ("IDR < 100ms at 1B profiles", kp("identity resolution")),
        ("metrics in a TSDB", kp("time series database")),
        ("single view of customer", kp("360-degree view", "single view of customer")),
    ],
)
def test_other_spellings_and_words_of_the_field(notes: str, point: KeyPoint) -> None:
    assert covers(notes, point)


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        # two real words one letter apart are no slip
        ("90% of requests matched in <15 s", kp("dispatch service", "matcher")),
        ("frames encoded once", kp("encoder fleet", "encoder")),
        # eleven nines is not one
        ("phase 1 in 2024, 1M users", kp("eleven nines")),
        # AIS ship positions are not artificial intelligence, ECS is no erasure coding
        ("AIS feeds for vessels", kp("AI forecasting", "AI")),
        ("containers on ECS", kp("erasure coding", "EC")),
        # "15 servers" is a count, not fifteen seconds
        ("15 servers per cell", kp("15 seconds to match")),
        # money is never bytes
        ("$100 per month", kp("100 bytes per key")),
        ("$10B revenue", kp("10B bytes stored")),
    ],
)
def test_new_readings_stay_narrow(notes: str, point: KeyPoint) -> None:
    assert not covers(notes, point)


@pytest.mark.parametrize(
    ("notes", "term"),
    [
        ("auth in under 100 milliseconds", "sub-100ms authorisation"),
        ("latency 100 msec at p99", "100ms latency"),
        ("search radius of 5 kilometers", "5 km radius"),
        ("radius 3 miles in rural areas", "3 mile radius"),
        ("100 gigabytes per second, ~8.6 petabytes per day", "8.6PB per day"),
        ("1 kilobyte per event", "1KB events"),
        # "B" after a number is bytes as well as a billion
        ("10M updates/s x ~100B = ~1GB/s ingest", "10M updates x 100 bytes"),
    ],
)
def test_units_spelled_out_are_figures(notes: str, term: str) -> None:
    assert covers(notes, kp(term))


def test_a_distance_is_not_a_time_or_a_count() -> None:
    assert not covers("5M drivers online", kp("5 km radius"))
    assert not covers("5 min timeout radius", kp("5 km radius"))


# -- fifth round: step by step, delivery guarantees, generic words -----------------


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        # a step-by-step phrase says "incremental"
        ("migrate team by team", kp("domain-by-domain migration", "incremental migration")),
        ("move tenants one at a time", kp("gradual rollout", "incremental tenant move")),
        ("switch traffic region by region", kp("incremental traffic switch")),
        ("roll out one by one", kp("progressive rollout")),
        # "sub" is a word unless a figure follows it
        ("big channels switch to pub sub", kp("hybrid fan-out", "big channels via pubsub")),
        # so many nines say durability
        ("11 nines = basically never lose data", kp("eleven nines durability")),
        # a term with three telling words does without its generic ones
        ("cold start under 100ms", kp("P99 under 100ms", "p99 cold start 100ms")),
        ("at-least-once delivery with dedupe", kp("at least once delivery")),
        ("exactly once sinks", kp("exactly-once")),
        # generic words close together still say something
        ("consistency traded for latency", kp("consistency trade-off", "consistency vs latency")),
        # a sum of money says what "$20B revenue" says
        ("$20B / $1T = 2% blended take", kp("revenue target", "$20B revenue")),
        ("$20B / $1T = 2% blended take", kp("payment volume", "$1T volume")),
        ("Open Connect cost around $1B?", kp("capital investment", "$1B investment")),
        ("OSS first, Apache license", kp("open-source community", "open source")),
        # "99th percentile" is p99
        ("give ranges: 10th/50th/90th percentile", kp("probabilistic forecasting", "P10/P50/P90")),
        ("99th percentile latency under 50ms", kp("P99 under 50ms")),
        # "2020ish" is 2020
        (
            "eventual at first, strong since 2020ish",
            kp("strong consistency in 2020", "strong 2020"),
        ),
    ],
)
def test_fifth_round_readings(notes: str, point: KeyPoint) -> None:
    assert covers(notes, point)


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        # delivery guarantees are not one another
        ("exactly once delivery", kp("at-least-once delivery")),
        ("at most once is fine for typing", kp("at-least-once delivery")),
        ("at least once, dedupe on client", kp("exactly-once")),
        # "sub" before a figure is still "under"
        ("sub 10ms reads", kp("subscription reads")),
        # generic words mean something only side by side
        ("+50% headroom for failover = ~300 gateways, ~50/region", kp("regional failover")),
        (
            "+50% headroom for failover = ~300 gateways, ~50/region",
            kp("regional failover", "region failover"),
        ),
        # a step-by-step phrase is not any other word
        ("team by team", kp("team autonomy")),
        ("run old and new side by side", kp("incremental migration")),
        ("decide case by case", kp("gradual rollout")),
        # nines without durability in the point stay a figure
        ("11 nines", kp("durability audit")),
        # OSS is open source or a telecom's operations support, never "open" alone
        ("radio -> edge -> core -> cloud, with OSS", kp("O-RAN", "open radio")),
        # an ordinal is a percentile only before "percentile"
        ("the 99th customer", kp("p99 latency")),
        # a sum alone only when written as money, and only for a term that says no more
        ("20B events a day", kp("revenue target", "$20B revenue")),
        ("$20B", kp("investment roadmap", "Y5 $20B")),
        ("$20B", kp("market openings", "$20B edge market")),
    ],
)
def test_fifth_round_readings_stay_narrow(notes: str, point: KeyPoint) -> None:
    assert not covers(notes, point)


# -- trade-offs and bare percent signs -----------------------------------------


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        (
            "latency vs fraud: stricter rules add 5ms",
            kp("latency versus fraud accuracy", "latency vs fraud"),
        ),
        ("buy, don't build: too expensive", kp("build vs buy", "buy vs build")),
        ("tradeoff: edge for latency over central for cost", kp("edge versus central")),
        ("cold starts ~2% of invocations", kp("cold start share", "cold start %")),
    ],
)
def test_trade_offs_and_percentages_are_read(notes: str, point: KeyPoint) -> None:
    assert covers(notes, point)


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        # a list that names both sides is no trade-off
        (
            "metrics: latency, fraud rate, approvals",
            kp("latency versus fraud accuracy", "latency vs fraud"),
        ),
        ("control plane central, user plane at edge", kp("edge versus central")),
        # "%" is a word of its own, not nothing
        ("cold start latency p99 by runtime", kp("cold start share", "cold start %")),
    ],
)
def test_lists_are_no_trade_offs_and_percent_needs_a_percentage(
    notes: str, point: KeyPoint
) -> None:
    assert not covers(notes, point)


@pytest.mark.parametrize(
    "notes",
    [
        "error correction + noise mitigation - kind of the same thing",
        "error mitigation vs correction: basically the same, both fix errors",
        "consistency vs latency, no real difference at our scale",
    ],
)
def test_a_line_that_calls_both_sides_the_same_weighs_nothing(notes: str) -> None:
    points = [
        kp("error mitigation vs correction", "error mitigation", "noise mitigation"),
        kp("consistency versus latency", "consistency vs latency"),
    ]
    assert not any(covers(notes, point) for point in points)
    # the line after that weighs them does
    weighed = notes + "\nerror mitigation vs correction: mitigate now, correct needs 1000x qubits"
    weighed += "\nconsistency vs latency: strong costs a cross-region round trip"
    assert all(covers(weighed, point) for point in points)


@pytest.mark.parametrize("box", ["[ ]", "[]", "- [ ]", "* [ ]"])
def test_an_unticked_box_is_a_point_still_to_make(box: str) -> None:
    point = kp("global secondary index", "GSI")
    assert not covers(f"{box} GSI update path - ran out of time", point)
    assert covers(f"[x] GSI update path: async from the base table\n{box} LSI", point)
    # a box in the middle of a line is no checklist
    assert covers("GSI update path [ ] async", point)


def test_a_versus_alias_of_a_point_that_is_no_trade_off_reads_as_before() -> None:
    point = kp("metadata and data separation", "metadata vs data")
    assert covers("metadata in its own store, data on storage nodes", point)


# -- availability sums ------------------------------------------------------------


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("99.99% = ~52 min/yr, ~4.3 min/mo", kp("99.99% uptime")),
        ("five nines = 5.26 min/yr downtime, 26s/month", kp("five nines")),
        # no period: a month's budget is right too
        ("99.99% -> 4.3 min downtime", kp("99.99% uptime")),
        ("99.99% uptime, 5 min downtime per deploy", kp("99.99% uptime")),
        ("availability 99.99% -> 52.6 min/yr, 4.38 min/30-day month", kp("99.99% availability")),
        ("99.9% (~43 min/mo) for the platform", kp("99.9% availability")),
        ("99.99% uptime, failover within 5 min", kp("99.99% uptime")),
    ],
)
def test_nines_with_the_right_downtime_are_credited(notes: str, point: KeyPoint) -> None:
    assert covers(notes, point)


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("99.99% = ~5 min downtime per year", kp("99.99% uptime")),
        ("99.999% is about 50 minutes downtime per year", kp("five nines")),
        ("five nines means like 50 minutes downtime a year", kp("five nines")),
        ("99.99 uptime = about 5 min downtime a yr?", kp("99.99% availability")),
        ("four nines: 8.7 hours a year", kp("99.99% availability")),
        # no period: wrong for a year and for a month alike
        ("five nines: 52 minutes downtime", kp("five nines")),
    ],
)
def test_nines_with_a_wrong_downtime_are_not_credited(notes: str, point: KeyPoint) -> None:
    assert not covers(notes, point)


def test_a_wrong_downtime_line_gives_way_to_a_right_one_and_costs_nothing_else() -> None:
    notes = "99.99% = ~5 min a year\nSLO 99.99% uptime, active-active"
    assert find_line(notes, kp("99.99% uptime")) == "SLO 99.99% uptime, active-active"
    # only points that name nines hinge on the sum
    assert covers("99.99% = ~5 min a year, active-active regions", kp("active-active"))


# -- load sums ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("5M searches a day ~ 58 qps avg", kp("searches per second", "searches per second")),
        ("10B req/day ~ 116k rps avg", kp("request volume", "10B requests per day")),
        ("10B req/day -> ~1M rps at peak", kp("request volume", "10B requests per day")),
        ("1B shipments/yr ~ 2.7M/day", kp("event volume", "shipments per day")),
        ("1 mil jobs a month is about 0.4 per sec", kp("job rate sizing", "jobs per second")),
        ("10M conns / 50K per host = 200 hosts", kp("connections per host", "50K per host")),
        ("5m/day / 86400 ~ 58 qps", kp("searches per second", "qps")),
        # a rate per user times users is no conversion of one volume
        ("100 req/min per tenant x 1M tenants -> 1.7M/s", kp("metering load", "req per tenant")),
        # money is revenue, not load: "$50B GMV / 10k merchants" is no sizing
        ("$50B GMV / 10k merchants = $500k each?", kp("GMV target", "$50B GMV")),
    ],
)
def test_right_load_sums_are_credited(notes: str, point: KeyPoint) -> None:
    assert covers(notes, point)


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("5M/day ~ 5k qps so need lots of servers", kp("searches per second", "qps")),
        ("10B req/day ~ 1M rps", kp("request volume", "10B requests per day")),
        ("1B shipments/yr ~ 30M/day, use kafka", kp("event volume", "shipments per day")),
        ("1 mil jobs a month is abt three hundred eighty per sec", kp("job rate sizing", "jobs")),
        ("forty bil recs a day - approx forty k per sec", kp("recommendation load", "recs")),
        ("10M conns / 50K per srvr = 2000 srvrs", kp("connections per host", "conns per server")),
        ("2B/86400 ~ 2300 qps?? peak maybe 3x", kp("query load", "qps")),
    ],
)
def test_a_wrong_load_sum_does_not_cover_its_sizing_point(notes: str, point: KeyPoint) -> None:
    assert not covers(notes, point)


def test_a_wrong_load_sum_still_covers_a_figure_it_has_right() -> None:
    # the volume is recalled right; only the rate drawn from it is wrong
    notes = "10T req/day -> ~1.2M rps"
    assert covers(notes, kp("10 trillion requests per day"))
    assert not covers(notes, kp("request rate", "rps"))
    # and another line may still size the load
    notes += "\npeak ~300M rps across regions"
    assert find_line(notes, kp("request rate", "rps")) == "peak ~300M rps across regions"


def test_two_words_read_as_one_take_no_slip() -> None:
    # "searches/s" put together is "searchess", one letter from "searches"
    assert not covers("5m searches/day, 150 models", kp("searches per second", "searches/s"))
    assert covers("~60 searches/s avg", kp("searches per second", "searches/s"))


# -- ambiguous short forms ---------------------------------------------------------


def test_an_ambiguous_short_form_reads_the_same_in_every_process() -> None:
    # "dev" is developer, development or device; which of them stood for the
    # word as written ("dev-rel" joined as "devrel") hung on the hash seed
    import os
    import subprocess
    import sys

    script = (
        "from sysdrill.content.model import KeyPoint as K\n"
        "from sysdrill.session.matching import covers\n"
        "print(covers('SRE/dev-rel team, partner eng',"
        " K('developer community', ('devrel',))))"
    )
    seen = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        seen.add(out.stdout.strip())
    assert seen == {"True"}


@pytest.mark.parametrize("notes", ["sub-sec queries at 100k users", "sub sec queries"])
def test_sub_sec_is_under_a_second(notes: str) -> None:
    assert covers(notes, kp("sub-second queries", "queries under 1s"))


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("on demand vs provisioned, reserved if you commit", kp("on-demand pricing", "on-demand")),
        ("hot set kept in memory, cold on disk", kp("in-memory tier", "in-memory")),
        ("pager: on call rotation per team", kp("on-call and runbooks", "on-call")),
        (
            "why new platform: 100% renewbles = variable",
            kp("100% renewable vision", "100% renewable"),
        ),
    ],
)
def test_compounds_written_apart_and_slips_in_plurals_are_read(notes: str, point: KeyPoint) -> None:
    assert covers(notes, point)


def test_a_compound_written_apart_still_needs_its_particle() -> None:
    assert not covers("demand grows 20% a year", kp("on-demand pricing", "on-demand"))
    assert not covers("calls between services", kp("on-call"))


def test_a_word_in_ie_meets_its_plural() -> None:
    # "cookies" and "cookie" used to stem apart ("cooky", "cooki")
    assert covers("drivers: 3p cookie death, gdpr", kp("growth drivers", "death of cookies"))


# -- short forms the candidate defines ---------------------------------------------


def test_a_short_form_defined_in_the_notes_reads_as_what_it_stands_for() -> None:
    notes = "identity resolution (IR) in flink\nIR accuracy 99% via graph rules"
    assert find_line(notes, kp("identity resolution accuracy")) == (
        "IR accuracy 99% via graph rules"
    )


@pytest.mark.parametrize(
    "definition",
    [
        "conn gateway = CG, stateful",
        "CG = conn gateway",
        "CG: connection gateway tier",
        "stateful connection gateways (CG)",
        "conn gateway aka CG",
    ],
)
def test_a_short_form_defined_in_an_earlier_phase_counts_later(definition: str) -> None:
    point = kp("connections per gateway", "conns per gw")
    coverage = cover_phase([point], "50k conns per CG, 100 CGs", "scale", [("arch", definition)])
    assert coverage.covered == ["connections per gateway"]
    assert coverage.evidence["connections per gateway"].line == "50k conns per CG, 100 CGs"


@pytest.mark.parametrize(
    "notes",
    [
        # letters that are not the starts of the words define nothing
        "edge cache (CG) in front\n50k conns per CG",
        # a short form used before anyone says what it is
        "50k conns per CG",
    ],
)
def test_a_short_form_nobody_defined_stays_unread(notes: str) -> None:
    assert not covers(notes, kp("connections per gateway", "conns per gw"))


def test_a_short_form_of_one_word_is_its_letters_in_order() -> None:
    notes = "drivers: renewables (RE) onto the grid\n100% RE by 2035 is the vision"
    assert covers(notes, kp("100% renewable vision", "100% renewable"))
    # a small word or a unit in brackets defines nothing
    assert not covers("users (us) in the US\nUS region first", kp("users in the region"))


def test_a_slip_in_a_magnitude_word_is_still_the_figure() -> None:
    point = kp("1M+ features per user")
    assert covers("~1 milion features per user, mostly sparse", point)
    assert not covers("~1 thousand features per user", point)


@pytest.mark.parametrize(
    "notes", ["1) real-time ingest, kafka", "- 1. real-time ingest", "bets: (1) real-time (2) cost"]
)
def test_a_list_number_is_no_figure(notes: str) -> None:
    assert not covers(notes, kp("market leadership", "#1 in real-time"))


def test_figures_after_a_list_number_are_still_read() -> None:
    assert covers("- 3) replicate 3x across regions", kp("3x replication"))
    assert covers("1. #1 in real-time by 2030", kp("market leadership", "#1 in real-time"))


def test_contention_is_not_content() -> None:
    point = kp("capacity contention", "contention")
    assert not covers("content: 100k+ hrs, 18 EB stored", point)
    assert covers("contention for carrier capacity at peak", point)


def test_a_misspelt_word_between_downtime_and_period_still_reads_the_sum() -> None:
    assert not covers("5 nines = ~50 min downtim/yr", kp("five nines"))
    assert covers("99.999% = 5 min outage per year", kp("five nines"))


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("IDR (match engn + idnty grph) -> prof store", kp("identity graph")),
        ("prof unifctn -> sgmnt engn", kp("segmentation engine")),
        ("determnstc mtchng on hashed email 1st", kp("deterministic matching")),
        ("ecosys:intgrtn hub of prebuilt cnnctrs", kp("integration hub")),
        ("value:prvcy leadrshp as moat", kp("privacy leadership")),
        ("hrtbt evry 30s,~2-3 missd -> dead", kp("heartbeat")),
        ("cross rgn rplctn async", kp("asynchronous replication")),
    ],
)
def test_words_typed_without_their_vowels_are_read(notes: str, point: KeyPoint) -> None:
    assert covers(notes, point)


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("a plan for the first year", kp("control plane")),
        ("one model per country", kp("module")),
        ("star schema in the warehouse", kp("object store")),
        ("data product = dataset + owner", kp("data estate")),
        ("sent to the broker", kp("segment")),
        ("cost per GB", kp("coast")),
    ],
)
def test_a_word_one_vowel_from_another_is_that_other_word(notes: str, point: KeyPoint) -> None:
    assert not covers(notes, point)


def test_prob_is_probably_or_probabilistic_never_a_probe() -> None:
    assert not covers("bottleneck: db probly", kp("synthetic probes", "probes"))
    assert not covers("bottleneck is prob the db", kp("synthetic probes", "probes"))
    assert covers("determnstc 1st then prob matching w/ thresholds", kp("probabilistic matching"))


@pytest.mark.parametrize("notes", ["diff: realtime xborder", "xregion repl async"])
def test_cross_written_as_x_and_a_word_together(notes: str) -> None:
    point = kp("real-time cross-border", "cross-region replication")
    assert covers(notes, point)


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("IDR turned on progrssvly", kp("progressively")),
        ("QoE tgts per cntry not global avg", kp("per-country targets")),
        ("prof store r/w on hot path", kp("profile store")),
        ("RT settle+recon, split pmts", kp("split payments")),
    ],
)
def test_more_short_forms_typed_in_a_hurry(notes: str, point: KeyPoint) -> None:
    assert covers(notes, point)


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("five hundred mil plus users", kp("500M+ users")),
        ("a hundred mil plus songs", kp("100M+ songs")),
        ("recs in under two hundred ms", kp("under 200ms")),
        ("forty bil plus recs a day", kp("40B+ recommendations per day")),
        ("mkt six point two tril a yr", kp("$6.2T market")),
        ("uptime 99 point 99", kp("99.99% uptime")),
        ("availability ninety nine point nine nine", kp("99.99% availability")),
        ("growth 30 percent a year", kp("30% growth")),
        ("growth ~30 pct", kp("30% growth")),
        ("two hundred and fifty k rps", kp("250K requests per second")),
    ],
)
def test_numbers_said_in_words_and_percent_spelt_out_are_figures(
    notes: str, point: KeyPoint
) -> None:
    assert covers(notes, point)


def test_words_near_a_number_said_aloud_stay_words() -> None:
    assert not covers("point of sale terminals", kp("1.5 terminals"))
    assert not covers("two to three pct", kp("23% fee"))
    assert covers("fees two to three pct", kp("3% fee"))


def test_a_sum_beside_market_is_the_market_not_a_revenue() -> None:
    point = kp("revenue target", "$10B target", "$10B a year")
    assert not covers("SaaS market ~$10B, growing fast", point)
    assert not covers("TAM $10B", point)
    assert covers("$10B by yr 5 from subscriptions", point)
    assert covers("$15B = ~30% of mkt, aggressive", kp("revenue target", "$15B target"))


def test_a_currency_said_after_the_figure_is_money() -> None:
    point = kp("revenue target", "$5B target", "$5B a year")
    assert covers("revenue -> 5 billion dollars in 5 years", point)
    assert covers("target 5B USD by year five", point)
    assert covers("5 bn euros a year", kp("revenue target", "€5B a year"))
    # a count is not money, and a market is not a revenue
    assert not covers("5 billion requests in 5 years", point)
    assert not covers("ML infra market 5 billion dollars", point)


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("roadmap: AI ops --> carbon scheduling", kp("autonomous operations", "AIOps")),
        ("ML ops team owns the pipelines", kp("MLOps")),
    ],
)
def test_a_short_form_of_several_words_joins_its_neighbour_as_written(
    notes: str, point: KeyPoint
) -> None:
    # "AI" is read as "artificial intelligence", yet "AI ops" is still "AIOps"
    assert covers(notes, point)
    assert not covers("AI later; ops team on call", kp("autonomous operations", "AIOps"))


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("tradeoff: multi-vendor over own hw, less control", kp("own hardware")),
        ("value in the sw layer, not the qpu", kp("software layer")),
        ("show est QPU time before the run", kp("QPU time estimate")),
        ("exp backoff + jitter on reconnect", kp("exponential backoff")),
        ("shared xp platform for every team", kp("shared experimentation")),
        ("img + vid transcode at the edge", kp("image and video transcoding")),
        ("shard by usr id, one chnl per shard", kp("user sharding", "channel per shard")),
        ("per-channel seqno, sort by server ts", kp("per-channel sequence numbers")),
        ("sort by server ts on read", kp("sort by server timestamp")),
        ("dup msgs dropped by tok + ver", kp("duplicate messages")),
    ],
)
def test_hardware_software_and_other_short_forms(notes: str, point: KeyPoint) -> None:
    assert covers(notes, point)


def test_do_does_and_did_are_not_acronyms() -> None:
    # "does" must not read as a DOE (operating envelope), nor "did" as a DID
    envelopes = kp("operating envelopes", "DOE")
    assert not covers("control | edge does fast loops, cloud sends setpoints", envelopes)
    assert covers("DOE per connection from the DSO", envelopes)
    identity = kp("decentralised identity", "DIDs", "self-sovereign identity")
    assert not covers("we did a pilot with banks", identity)
    assert covers("DIDs + verifiable credentials later", identity)


def test_arrows_up_and_down_read_as_more_and_less() -> None:
    fewer = kp("90% fewer cold starts", "cold starts down 90%")
    assert covers("cold start ↓ 90% w/ snapshots", fewer)
    assert covers("booking conv ↑ 40%", kp("+40% booking conversion", "conversion up 40%"))
    # an arrow is a word, not a figure: the figure must still be there
    assert not covers("cold start ↓ a lot", fewer)


OUTLINE = """sharding:
- by channel id
- hot channels split further
2. metadata
  2.1 raft per partition
caching
  eviction lru, ttl 60s
fan-out on write

by user id"""


@pytest.mark.parametrize(
    ("point", "quoted"),
    [
        (kp("shard by channel"), "sharding: › - by channel id"),
        (kp("Raft for metadata"), "2. metadata › 2.1 raft per partition"),
        (kp("cache eviction"), "caching › eviction lru, ttl 60s"),
    ],
)
def test_a_line_under_a_heading_reads_with_the_heading(point: KeyPoint, quoted: str) -> None:
    # an outline splits an idea between a heading and the lines under it;
    # the evidence shows both
    assert find_line(OUTLINE, point) == quoted


def test_a_line_reads_with_no_heading_but_its_own() -> None:
    # siblings, and lines after a blank line, are not headings
    assert not covers(OUTLINE, kp("shard by user"))
    assert not covers(OUTLINE, kp("hot channels on write"))
    assert not covers(OUTLINE, kp("metadata cache"))
    assert find_line(OUTLINE, kp("hot channels")) == "- hot channels split further"


def test_a_figure_over_another_period_is_another_figure() -> None:
    monthly = kp("10B+ messages monthly", "10B msgs", "10B messages")
    assert not covers("~20M DAU, ~10B msgs/day", monthly)
    assert not covers("10B messages a year", monthly)
    assert covers("10B msgs/month", monthly)
    assert covers("10B msgs ~ 3.9K/s", monthly)  # the rate belongs to the next figure
    assert covers("10B msgs a day?? no: 10B a month", monthly)
    per_second = kp("about 116 million requests per second", "116M rps", "116M/s")
    assert not covers("peak 116M/day", per_second)
    assert covers("10T/day ~ 116M/s", per_second)


def test_a_long_line_above_is_not_a_heading() -> None:
    notes = (
        "bottleneck: code fetch (big zips, container imgs) + customer init (JVM, SDK clients)\n"
        "  shrink: lazy/chunked image loading + local cache on worker"
    )
    assert not covers(notes, kp("lazy initialisation", "lazy clients"))
    assert covers("SDK clients:\n  - lazy, built on first call", kp("lazy clients"))


@pytest.mark.parametrize(
    ("notes", "point"),
    [
        ("operating cost halved for customers", kp("50% opex reduction", "50% operating cost")),
        ("cut opex in half via automation", kp("50% opex reduction", "50% opex")),
        ("traffic doubles every year", kp("2x traffic")),
        ("tripled throughput after the move", kp("3x throughput")),
    ],
)
def test_halved_doubled_and_tripled_are_figures(notes: str, point: KeyPoint) -> None:
    assert covers(notes, point)


def test_half_a_trillion_is_a_figure() -> None:
    assert covers("market is half a trillion dollars", kp("$500B market"))


def test_a_half_open_breaker_is_no_figure() -> None:
    assert not covers("breaker: closed -> open -> half-open", kp("50% opex reduction", "50% opex"))


def test_a_tree_drawn_with_branches_is_an_outline() -> None:
    tree = (
        "write path\n├── router -> metadata service\n│   └── key -> partition\n"
        "└── replicas across AZs (3)"
    )
    assert find_line(tree, kp("write path replicas")) == "write path › └── replicas across AZs (3)"
    assert (
        find_line(tree, kp("metadata partition"))
        == "├── router -> metadata service › │   └── key -> partition"
    )
    assert not covers(tree, kp("router replicas"))


def test_letters_with_accents_read_as_plain_letters() -> None:
    # a writer whose keyboard adds accents: "réplicas" are replicas
    assert find_line("x 2 réplicas -> ~300 nodes", kp("replicas")) == "x 2 réplicas -> ~300 nodes"
    assert covers("conexión pool per gateway", kp("conexion pool"))


def test_a_times_sign_is_not_cross() -> None:
    # "x-region" is cross region; a lone "x" multiplies
    assert not covers("replicas x 2 per shard", kp("cross-shard replicas"))
    assert covers("x-shard replicas", kp("cross-shard replicas"))
