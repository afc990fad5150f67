"""The speaker-identity scorer's pieces (``scripts/measure_speakers.py``), on invented names."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("measure_speakers", ROOT / "scripts" / "measure_speakers.py")
ms = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ms)


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("Mr. Tobias Okafor", "tobias okafor"),
        ("Sen. Mara J. Lindqvist's", "mara lindqvist"),
        ("Dr Amélie  Brûlé", "amelie brule"),
        ("the former President Ines Varga", "ines varga"),
        ("Peter Hollis Jr.", "peter hollis"),
        ("Okafor’s", "okafor"),
        ("Anne-Marie O'Dell", "anne marie o dell"),
        ("The President", "president"),
        ("Rep. A.B. Castellano", "a b castellano"),
        ("A.B. Castellano", "a b castellano"),
        ("", ""),
        (None, ""),
    ],
)
def test_norm_name(raw, norm):
    assert ms.norm_name(raw) == norm


def test_surname_and_person_tests():
    assert ms.surname("Dr. Ines Varga") == "varga"
    assert ms.same_name("Sen. Ines Varga", "Ines Varga")
    assert not ms.same_name("Varga", "Ines Varga")
    assert ms.right_person("Varga", "Ines Varga")
    assert ms.right_person("Mrs. Varga's", "Ines Varga")
    assert not ms.right_person("Ines", "Ines Varga")
    assert not ms.right_person(None, "Ines Varga")


@pytest.mark.parametrize(
    ("name", "junk"),
    [
        ("he", True),
        ("She", True),
        ("Mr.", True),
        ("the minister", True),
        ("President", True),
        ("officials", True),
        ("Okafor", False),
        ("Tobias Okafor", False),
        ("a senior official", False),
        (None, False),
    ],
)
def test_is_junk(name, junk):
    assert ms.is_junk(name) is junk


def test_bcubed_perfect_and_split():
    assert ms.bcubed(["a", "a", "b"], [1, 1, 2]) == (1.0, 1.0, 1.0)
    p, r, f = ms.bcubed(["a", "a", "a", "a"], [1, 1, 2, 2])
    assert p == 1.0 and r == pytest.approx(0.5) and f == pytest.approx(2 / 3)


def test_bcubed_merge():
    p, r, _ = ms.bcubed(["a", "a", "b", "b"], [1, 1, 1, 1])
    assert p == pytest.approx(0.5) and r == 1.0
    assert ms.bcubed([], []) == (0.0, 0.0, 0.0)


def test_measure_counts_on_invented_rows():
    def row(gold, gtype, pred, person=None, gender=None, ggender=None, matched=True):
        return {
            "matched": matched,
            "gold": {"name": gold, "type": gtype, "gender": ggender},
            "pred": {"name": pred, "person": person, "gender": gender} if pred else {},
        }

    rs = [
        row("Ines Varga", "person", "Varga", person="p:varga", gender="female", ggender="female"),
        row("Ines Varga", "person", "Ines Varga", person="p:varga", ggender="female"),
        row("Tobias Okafor", "person", "Varga", gender="female", ggender="male"),
        row("Tobias Okafor", "person", None, ggender="male"),
        row("Daily Planet", "organisation", "The Daily Planet"),
        row("officials", "unnamed_group", "he"),
    ]
    m = ms.measure(rs, ["Varga", "Ines Varga", "Varga", "The Daily Planet", "he"])
    assert (m["person"], m["name_exact"], m["right_person"]) == (4, 0.25, 0.5)
    assert (m["wrong_person"], m["unresolved"]) == (0.25, 0.25)
    assert m["junk_names"] == pytest.approx(1 / 5)
    assert (m["gender_gold"], m["gender_given"], m["gender_right"]) == (4, 0.5, 0.5)
    assert m["by_type"]["organisation"] == (1, 1, 1.0)
    assert m["by_type"]["unnamed_group"] == (1, 1, 0.0)
    # gold clusters {0,1} {2,3}; predicted {0,1} (person key) {2} ("varga" by name) {3} (unresolved)
    assert m["b3_p"] == 1.0 and m["b3_r"] == pytest.approx(0.75)


def test_speaker_files_hold_no_text():
    """The gold speaker files carry names and labels only, never article text."""
    allowed = {"i", "name", "type", "gender", "by"}
    for path in (ms.POLNEAR_SPEAKERS, ms.REALWEB_SPEAKERS):
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            assert set(rec) <= {"id", "speakers", "sha256"}
            for sp in rec["speakers"]:
                assert set(sp) <= allowed
                assert sp["type"] in {
                    "person",
                    "organisation",
                    "unnamed_individual",
                    "unnamed_group",
                    "document",
                    "none",
                }
                assert sp["name"] is None or len(sp["name"]) < 80
