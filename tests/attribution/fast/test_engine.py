"""The fast engine (newslib.attribution.fast.engine): the shipped model loads quickly and names the
engine."""

from __future__ import annotations

import time

import pytest
from conftest import SEED

from newslib.attribution.fast.engine import load_model
from newslib.pipeline import analyze
from newslib.reading import read_text


@pytest.fixture(scope="module")
def seed():
    return analyze(read_text(SEED.read_text(encoding="utf-8"), id="seed"), engine="fast")


def test_model_loads_fast_and_names_engine(seed):
    load_model.cache_clear()
    t0 = time.perf_counter()
    load_model()
    assert time.perf_counter() - t0 < 1.0
    assert seed.engine.startswith("fast/crf-")
