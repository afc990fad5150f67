"""Claims and numbers: what the article asserts, and whether it says who says so.

A fact-checker's first two questions about an article are which numbers it gives and which of
its factual claims it asserts without a source. This stage answers both from what earlier
stages found (paragraph roles, sentences, attributions), with readable rules over lexicons the
project ships (``data/units.txt``, ``hedges.txt``, ``number_words.txt``, ``time_words.txt``,
``evaluative.txt``); nothing is learned, downloaded or tagged, so it runs at regex speed.

**Numbers.** Time expressions are found first ("October 7", "on Wednesday", "next week",
"10 a.m.") so that their digits are never read as counts. Every other numeral (digits, spelled
out, "a dozen", "thousands") is read with its hedge ("more than" -> lower bound), its unit
("$", "percent", "km", "three years") and the noun it counts ("32,000 Palestinians" -> people).
A bare four-digit year ("in 2016") is a time unless a plural noun follows ("2000 troops").
Numbers that are names ("Resolution 2728", "F-16", "COVID-19") are not reported.

**Status.** A number inside the content of an attribution that names a source (a source span or
a resolved speaker) is ``attributed``; the content of one that names none ("the talks are
expected to focus on Rafah, home to more than a million ...") says no more than the article
itself and is read as unattributed (evidence ``sourceless_attribution``). Inside a source or
cue (``two officials said``) a number is ``frame``; otherwise a quantity is ``unattributed``, except
where it cannot be a claim of the article's own (``context``): captions and other furniture,
headlines, questions, conditionals, quotations no attribution links to a speaker, and definite
references made with a small spelled-out number ("the two allies"). Time expressions are
``context`` unless inside an attribution.

**Claims.** Each sentence of a speech-capable paragraph is cut at attribution boundaries into
``attributed`` pieces (content), ``frame`` pieces (source and cue, with short connecting
words such as "on Wednesday") and the rest. The rest is ``unattributed`` when it carries a
signal that a checkable fact is asserted (an unattributed quantity, an event verb such as
"killed" or "rose", a superlative, a calendar date or year, a perfect or passive such as "have
fallen" or "were rerouted") and ``context`` otherwise, and always in headlines, subheadings,
questions, conditionals ("If ...") and unlinked quotations. "Unattributed" is thus meant as the
check-worthy list a fact-checker starts from, not as every sentence the reporter wrote.
Hedging and evaluative words are marked on every claim, whatever its status.

Every Number and Claim carries ``evidence``: the names of the rules that decided it.

The stage lives in modules named for what they hold: :mod:`.lexicon` (the data files, compiled,
and the one scan of a text's words), :mod:`.numbers` (finding numbers), :mod:`.coverage` (what
the attributions cover), :mod:`.indexes` (the sorted-span lookups that keep it linear) and
:mod:`.status` (statuses, claims, :func:`annotate` and :func:`summary`).
"""

from __future__ import annotations

from .lexicon import FACT_VERBS
from .status import CLAIM_STATUSES, QUANTITY_KINDS, annotate, summary

__all__ = ["CLAIM_STATUSES", "FACT_VERBS", "QUANTITY_KINDS", "annotate", "summary"]
