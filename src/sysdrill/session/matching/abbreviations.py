"""Short forms people type under time pressure, and what they stand for.

Both the notes and the key points go through this table, so "conns per gw"
in the notes meets "connections per gateway" in a key point, and an alias
written as "k8s" meets notes that say "Kubernetes". A plural "s" on a short
form is understood ("conns", "gws", "mkts").

A value with spaces expands to several words ("rt" -> "real time"); a value
with "|" is ambiguous and stands for any of its readings ("dev" is a
developer, development or a device). Add a short form only when it is
common in the field and its reading is not an everyday English word.
"""

from __future__ import annotations

ABBREVIATIONS: dict[str, str] = {
    # connections, services and the network
    "conn": "connection",
    "cxn": "connection",
    "gw": "gateway",
    "svc": "service",
    "srv": "server|service",
    "lb": "load balancer",
    "cp": "control plane",
    "dp": "data plane",
    "rtt": "round trip time",
    "nw": "network",
    "ws": "websocket",
    "pubsub": "pub sub",
    "fanout": "fan out",
    # data
    "db": "database",
    "dbs": "database",
    "kv": "key value",
    "repl": "replication|replica",
    "txn": "transaction",
    "tx": "transaction",
    "idx": "index",
    "dist": "distance|distributed|distribution",
    "msg": "message",
    "evt": "event",
    "obj": "object",
    "ec": "erasure coding",
    "wal": "write ahead log",
    "cdc": "change data capture",
    "lww": "last writer win",
    "gc": "garbage collection",
    "sched": "scheduler|scheduling",
    "cfg": "configuration",
    "config": "configuration",
    "env": "environment",
    "infra": "infrastructure",
    "perf": "performance",
    "prod": "production|product",
    "dev": "developer|development|device",
    "devs": "developer",
    "mem": "memory",
    "req": "request|requirement",
    "resp": "response",
    "rps": "request second",
    "qps": "query second",
    "tps": "transaction second",
    "eps": "event second",
    "auth": "authentication|authorization|authorisation",
    "authn": "authentication",
    "authz": "authorization|authorisation",
    "k8s": "kubernetes",
    "kube": "kubernetes",
    "async": "asynchronous",
    "sync": "synchronous",
    "e2e": "end to end",
    "p2p": "peer to peer",
    "ha": "high availability",
    "dr": "disaster recovery",
    "az": "availability zone",
    "dc": "data center",
    "geo": "geographic|geography",
    "intl": "international",
    "mgmt": "management",
    "mgr": "manager",
    "ops": "operation",
    "org": "organization|organisation",
    "orgs": "organization|organisation",
    "eng": "engineer|engineering",
    "engs": "engineer",
    "min": "minimum|minute",
    "max": "maximum",
    "avg": "average",
    "impl": "implementation",
    "arch": "architecture",
    # products and people
    "notif": "notification",
    "notifs": "notification",
    "mkt": "market",
    "mktg": "marketing",
    "cust": "customer",
    "biz": "business",
    "rev": "revenue",
    "yr": "year",
    "yrs": "year",
    "mo": "month",
    "dau": "daily active user",
    "mau": "monthly active user",
    "rec": "recommendation",
    "recs": "recommendation",
    "ml": "machine learning",
    "ai": "artificial intelligence",
    "rt": "real time",
    "realtime": "real time",
    "nrt": "near real time",
    "pq": "post quantum",
    "pqc": "post quantum cryptography",
}

# Spellings joined or split that the table above does not cover.
PREFIXES: dict[str, str] = {
    # "x-region", "x-border": cross
    "x": "cross",
}
