"""The switches and thresholds of attribution detection, in one place.

Each was a loose module global beside the code it steers (decoding, the fast tagger, scoring,
the rules), kept so an experiment can measure each one's contribution. They are gathered here in
one frozen dataclass, each field with the reason for its value. Detection takes them as an
argument, never from a module global: ``analyze(article, settings=...)``,
``analyze_corpus(..., settings=...)``, :func:`newslib.attribution.detect` pass them down to the
linking, the rules, the scores and the fast tagger. So they travel with the job to every worker
process and Dask worker (a global changed in the client reached neither), and a dataset records
them in its manifest (:meth:`AttributionSettings.record`)::

    from dataclasses import replace
    from newslib import analyze, read_text
    from newslib.attribution import AttributionSettings

    analysis = analyze(read_text(text), settings=replace(AttributionSettings(), extend=False))

The training settings recorded with each model are not here: they live with their trainer
(:data:`newslib.attribution.fast.train.SETTINGS`, :data:`newslib.attribution.accurate.train.SETTINGS`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from ..model import ATTRIBUTION_KINDS

SEGMENTS = ("paragraph", "sentence")


@dataclass(frozen=True)
class AttributionSettings:
    """Switches of the decoding rules, the fast tagger, the scores and the rules."""

    extend: bool = True
    """Carry a content the tagger cut short to the end of its sentence (see :mod:`newslib.attribution.link`)."""

    extend_stop: frozenset[str] = frozenset({"but", ";", ",", "while", "whereas", "although", "though"})
    """Words at which that extension stops (empty: it never stops early)."""

    orphans: bool = True
    """Give a cue the tagger left without content the clause after it (or before it)."""

    cross_sentence: float = 40.0
    """Penalty (in tokens) for a cue in the neighbouring sentence, so that any cue in the same sentence
    wins: “A,” X said. “B,” he said. gives B its own cue, not X's."""

    complement_gap: int = 6
    """At most this many tokens between a cue and the "that" opening its content ("said at the time that")."""

    outer: bool = True
    """Give an attribution nested in another's content to the outer cue ("X said [that] S cue C")."""

    segment: str = "paragraph"
    """The chains the fast tagger decodes: ``"paragraph"`` or ``"sentence"``."""

    min_score: float = 0.5
    """Attributions less likely than this to be right are left out, every kind alike but
    :attr:`keep_kinds`. Chosen across two domains: on PolNeAR dev F1 is flat from 0.4 to 0.5
    (content F1 fast 0.719 → 0.718, accurate 0.767 → 0.762), while on the real-web pages the
    attributions scored 0.4-0.5 are almost all wrong (fast 2 of 12 right, accurate 1 of 14, where
    dev has them right half the time): at 0.5 the web pages rise (fast 0.749 → 0.756, precision
    0.722 → 0.742; accurate 0.783 → 0.796, precision 0.740 → 0.766). A coin flip on the training
    domain is a false alarm elsewhere. At 0.45: fast 0.718 / 0.751, accurate 0.768 / 0.790; at 0.55
    fast dev falls to 0.711."""

    keep_kinds: tuple[str, ...] = ("no_comment", "agency")
    """Kinds kept whatever their score: their words say for certain that there is an attribution,
    the score's doubt is about where its content ends. A refusal to comment's low scores
    (0.04-0.12) come from where annotators end its content ("did not respond to a request for
    comment"), and applying the threshold to it lost right ones (the seed's "There was no comment
    from Netanyahu's office"; real-web fast content F1 0.696 → 0.694); a wire report found by its
    words ("…, Reuters reported.") can score under 0.5 with the fast engine (0.435 in
    ``tests/attribution/test_detect.py``). Keeping both changed no figure on PolNeAR dev or the
    real-web pages."""

    keep_nested: bool = False
    """Whether to keep an attribution nested in an according-to or wire report as well ("“We will
    win,” the minister said, according to Reuters": the minister's quote beside Reuters' report).
    The guidelines annotate only the outer one, and keeping both measured lower content F1 (PolNeAR
    dev: fast 0.669 → 0.666, accurate 0.753 → 0.752; real-web pages 0.655 → 0.651), so it is off;
    set it for a study of who is quoted inside reports."""

    def __post_init__(self) -> None:
        if self.segment not in SEGMENTS:  # any other value used to mean "paragraph", silently
            raise ValueError(f"segment must be one of {', '.join(SEGMENTS)}, not {self.segment!r}")
        object.__setattr__(self, "extend_stop", frozenset(self.extend_stop))  # a list or set given: hashable
        object.__setattr__(self, "keep_kinds", tuple(self.keep_kinds))  # a JSON list read back
        unknown = sorted(set(self.keep_kinds) - set(ATTRIBUTION_KINDS))
        if unknown:
            raise ValueError(f"keep_kinds: unknown kind {', '.join(unknown)} (kinds: {', '.join(ATTRIBUTION_KINDS)})")

    def record(self) -> dict[str, Any]:
        """The settings as JSON values (sets sorted), as a dataset's manifest records them."""
        out = asdict(self)
        out["extend_stop"] = sorted(self.extend_stop)
        out["keep_kinds"] = list(self.keep_kinds)
        return out

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> AttributionSettings:
        """Settings from :meth:`record`'s dict (a manifest's ``attribution``); unknown keys refused."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(record) - known)
        if unknown:
            raise ValueError(
                f"unknown attribution setting(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})"
            )
        return cls(**record)

    def with_overrides(self, overrides: dict[str, Any]) -> AttributionSettings:
        """These settings with some fields replaced (``newslib analyze --set KEY=VALUE``); a value
        of the wrong type or an unknown key is refused, so a typo never runs as the default."""
        record = self.record()
        for key, value in overrides.items():
            if key not in record:
                record[key] = value  # refused by from_record, with the known names
                continue
            want = type(record[key])
            ok = isinstance(value, want) and not (want is not bool and isinstance(value, bool))
            if want is float and isinstance(value, int) and not isinstance(value, bool):
                value, ok = float(value), True
            if not ok:
                raise ValueError(f"attribution setting {key} takes a {want.__name__}, not {value!r}")
            record[key] = value
        return self.from_record(record)
