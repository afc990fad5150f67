"""The one change the sources stage makes to an attribution's kind (the detection decided every
other): a wire-service (``agency``) attribution whose source turned out to be a person.

It lived in :mod:`.records`, whose name says it only builds the stage's records; it is kept
apart so that what changes attributions can be found by its name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..model import Attribution, Maker
from .people import Entity


def agency_kinds(
    text: str, atts: Sequence[Attribution], resolution: dict[int, tuple[Entity, str]]
) -> list[Attribution]:
    """An ``agency`` attribution whose source resolved to a person ("Bloomberg said", after
    "mayor Michael Bloomberg") takes the kind its spans give without the wire service."""
    from ..attribution.link import kind_of

    out = list(atts)
    for i, (ent, _) in resolution.items():
        a = out[i]
        if a.kind == "agency" and ent.kind == "person" and not a.made_by(Maker.CREDIT):
            kind, why = kind_of(text, a.content, a.cue, None)
            out[i] = replace(a, kind=kind, evidence=(*a.evidence, f"{why}: the source is a person, not the agency"))
    return out
