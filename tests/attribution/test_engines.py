"""The engine registry (newslib.attribution.engines): an engine is one module with a tagger plus
its line in the registry, and every engine gets the same linking, rules and scores; ``auto`` is
the first installed engine of its list."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newslib import analyze, read_text
from newslib.attribution import LABELS, AttributionSettings, Prepared, Tagging, engines

TEXT = "Harbour vote\n\nThe mayor said the harbour would reopen in May.\n"


class SaidTagger:
    """A toy engine: the word before "said" is the source, "said" the cue, the rest of the
    sentence the content; the marginals are the labels themselves."""

    id = "toy/said-1"
    calibration = Path("no-such-calibration.json")  # uncalibrated: scores are the content marginals

    def tag(self, text: str, prep: Prepared, settings: AttributionSettings) -> Tagging:
        words = [text[t.start : t.end] for t in prep.tokens]
        labels = ["O"] * len(words)
        if "said" in words:
            k = words.index("said")
            end = max(i for i, s in enumerate(prep.sentence) if s == prep.sentence[k])
            labels[k - 1], labels[k] = "B-S", "B-Q"
            labels[k + 1 : end] = ["B-C"] + ["I-C"] * (end - k - 2)
        marg = np.zeros((len(labels), len(LABELS)))
        marg[np.arange(len(labels)), [LABELS.index(x) for x in labels]] = 1.0
        return Tagging(labels, marg)


def load_engine() -> SaidTagger:
    """The registry's entry point of this module, as an engine module defines it."""
    return SaidTagger()


def test_a_new_engine_is_one_module_and_its_registry_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(engines.REGISTRY, "toy", __name__)
    an = analyze(read_text(TEXT), engine="toy")
    assert an.engine == "toy/said-1"
    (att,) = an.attributions
    assert (att.source.text(an.text), att.cue.text(an.text)) == ("mayor", "said")
    assert att.content.text(an.text) == "the harbour would reopen in May"  # linked and kinded as for any engine
    assert att.score == 1.0
    strict = analyze(read_text(TEXT), engine="toy", settings=AttributionSettings(min_score=1.01))
    assert strict.attributions == ()  # the shared scoring applies the caller's settings


def test_auto_is_the_first_installed_engine_of_its_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "AUTO", ("missing", "fast"))
    monkeypatch.setattr(engines, "available", lambda name: name != "missing")
    assert engines.resolve("auto") == "fast"
    monkeypatch.setattr(engines, "available", lambda name: True)
    assert engines.resolve("auto") == "missing"
    with pytest.raises(ValueError, match="unknown engine 'nope' \\(choose from fast, accurate, auto\\)"):
        engines.resolve("nope")
