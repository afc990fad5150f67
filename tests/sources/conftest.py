"""The seed and the council article, their attributions resolved (``newslib.sources.resolve``)."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import FIXTURES

from newslib import sources
from newslib.model import Analysis

from .articles import COUNCIL_ATTS, SEED_ATTS, att, base


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Analysis:
    a = base(seed_text)
    atts = tuple(att(seed_text, *row) for row in SEED_ATTS)
    return sources.resolve(dataclasses.replace(a, attributions=atts))


@pytest.fixture(scope="module")
def council() -> Analysis:
    text = (FIXTURES / "sources" / "council.txt").read_text(encoding="utf-8")
    a = base(text)
    atts = tuple(att(text, *row) for row in COUNCIL_ATTS)
    return sources.resolve(dataclasses.replace(a, attributions=atts))
