"""Starting files for `sysdrill new`: every field present and commented.

Text a writer must supply is a placeholder starting with ``FILL IN``;
validation refuses a file that still has one and names the field, so a
scaffold passes `validate` exactly when its placeholders are filled.
"""

from __future__ import annotations

import re

PLACEHOLDER = "FILL IN"
KINDS = ("problem", "case-study", "rubric")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

_PHASE = """\
  - id: {phase_id}                 # lower-case id, unique in this file; the history keys on it
    title: "FILL IN: phase title"  # shown as the phase heading
    minutes: {minutes}                     # planned length; drill --duration scales all phases
    prompts:                       # what the candidate should address (at least one)
      - "FILL IN: a question the candidate answers in this phase"
    probes:                        # how an interviewer pushes (optional)
      - "FILL IN: a follow-up on scale, failure, cost or trade-offs"
    key_points:                    # what a strong answer mentions; notes are matched against them
      - concept: "FILL IN: a concept a strong answer names"
        aliases: ["FILL IN: another word people write for it"]
    reference: |                   # a model answer, shown only on request
      FILL IN: a model answer for this phase.
    reference_source: original     # seed: restated from a source; original: written by you
"""

_HEAD = """\
# yaml-language-server: $schema={schema}
# A sysdrill {kind}. Replace every "FILL IN" text, then: sysdrill validate {name}
id: {id}  # lower-case letters, digits, '-'; never change it once drilled
kind: {kind}  # problem, case-study or rubric
title: "FILL IN: the title shown in listings"
level: L6                          # L6 or L7
"""

_ITEM = """\
category: "FILL IN: category"      # a built-in one (sysdrill categories) or your own, lower-case
tags: []                           # lower-case labels for list --tag, e.g. [caching, sharding]
summary: "FILL IN: one sentence for listings and the brief"
# rubric: l6-engineering           # optional; default by kind and level
"""

PROBLEM = (
    _HEAD
    + _ITEM
    + """\
context:                           # the business setting the candidate reasons from
  industry: "FILL IN: the market, its size and the incumbents"
  business: "FILL IN: customers, revenue model and targets"
  vision: "FILL IN: what the platform is for"
  # organisation: teams and business units served (optional)
  # innovation: where it can lead the field (optional)
requirements:                      # what the system must do, and how well
  functional:
    - "FILL IN: something the system must do"
  non_functional:
    - "FILL IN: a target for scale, latency, availability, durability or cost"
  # ecosystem: [partners, integrations] (optional)
phases:                            # the drill plan, in order
"""
    + _PHASE.format(phase_id="requirements", minutes=10)
    + _PHASE.format(phase_id="design", minutes=20)
)

CASE_STUDY = (
    _HEAD
    + _ITEM
    + """\
brief: |                           # the scenario the candidate reads before the clock starts
  FILL IN: the situation and what the candidate is asked to design.
facts:                             # scale, latency, availability, reach, business impact
  - label: "FILL IN: what is measured"
    value: "FILL IN: the figure"
architecture:                      # how the system is built
  overview: "FILL IN: how the system is built, in a paragraph"
  components:                      # optional
    - name: "FILL IN: component"
      role: "FILL IN: what it does"
decisions:                         # the key choices and what they cost (at least one)
  - title: "FILL IN: a decision"
    summary: "FILL IN: what was chosen and why"
    benefits: ["FILL IN: what it bought"]
    tradeoffs: ["FILL IN: what it cost"]
    # results: [what happened] (optional)
challenges:                        # scaling problems and how they were met (optional)
  - title: "FILL IN: a challenge"
    solutions: ["FILL IN: how it was met"]
    # result: what came of it (optional)
lessons:                           # what each level should take away
  L6: ["FILL IN: a lesson for an L6 candidate"]
  L7: ["FILL IN: a lesson for an L7 candidate"]
tips:                              # how to use the case in an interview, shown in the brief
  L6: ["FILL IN: a tip for an L6 candidate"]
  L7: ["FILL IN: a tip for an L7 candidate"]
questions:                         # interview questions the case helps with (optional)
  - question: "FILL IN: a question an interviewer asks"
    level: L6                      # L6 or L7
    approach: "FILL IN: how a strong answer goes"
phases:                            # the drill plan, in order
"""
    + _PHASE.format(phase_id="requirements", minutes=10)
    + _PHASE.format(phase_id="deep-dive", minutes=20)
)

_DIMENSION = """\
  - id: {dimension_id}             # lower-case id, unique in this rubric
    title: "FILL IN: what this dimension judges"
    weight: 50                     # whole number; the weights add up to 100
    covers: ["FILL IN: something this dimension looks for"]
    scores:                        # one line for each score from 1 to 5
      1: "FILL IN: what a 1 looks like"
      2: "FILL IN: what a 2 looks like"
      3: "FILL IN: what a 3 looks like"
      4: "FILL IN: what a 4 looks like"
      5: "FILL IN: what a 5 looks like"
"""

RUBRIC = (
    _HEAD
    + """\
summary: "FILL IN: what this rubric scores and for which drills"
dimensions:                        # scored 1 to 5 each; the weighted score is out of 100
"""
    + _DIMENSION.format(dimension_id="first-dimension")
    + _DIMENSION.format(dimension_id="second-dimension")
    + """\
indicators: ["FILL IN: what excellent performance looks like"]
guidance:                          # advice shown before a drill scored with this rubric
  interviewers: ["FILL IN: advice shown before a pair drill"]
  candidates: ["FILL IN: advice shown before a solo drill"]
"""
)

TEMPLATES = {"problem": PROBLEM, "case-study": CASE_STUDY, "rubric": RUBRIC}


def valid_id(ident: str) -> bool:
    return bool(_ID.match(ident)) and len(ident) <= 64


def scaffold(kind: str, ident: str, *, schema: str, name: str) -> str:
    """The starting file for a ``kind`` with ``ident``; ``schema`` is the editor's link."""
    return TEMPLATES[kind].format(schema=schema, kind=kind, id=ident, name=name)
