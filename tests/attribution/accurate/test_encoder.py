"""The accurate engine's encoder side (newslib.attribution.accurate.encoder): windows of whole
sentences cover every token once, and word pieces align to newslib's tokens."""

from __future__ import annotations

from newslib.attribution.accurate import engine
from newslib.attribution.accurate.encoder import MAX_PIECES, windows
from newslib.attribution.scheme import prepare
from newslib.reading import read_text
from newslib.text import text_layer

from .test_engine import ARTICLE, needs_extra


class _Pieces:
    """Word pieces without the tokenizer: one piece per 4 characters."""

    def of(self, word: str) -> tuple[int, ...]:
        return tuple(range(1000, 1000 + (len(word) + 3) // 4))


def test_windows_cover_every_token_once_with_whole_sentences():
    art = read_text(ARTICLE + ("A very long sentence " * 200) + ".\n")
    an = text_layer(art)
    prep = prepare(an)
    wins = windows(an.text, prep, _Pieces(), max_pieces=40)
    covered = [k for w in wins for k in range(w.lo, w.hi)]
    assert covered == list(range(len(prep.tokens)))
    for w in wins:
        assert len(w.ids) <= 40 + 2 and w.ids[0] == 101 and w.ids[-1] == 102
        assert len(w.first) == w.hi - w.lo and all(0 < f < len(w.ids) - 1 for f in w.first)
        # a window starts at a sentence start unless its sentence was too long to fit
        if w.lo > 0 and prep.sentence[w.lo] == prep.sentence[w.lo - 1]:
            sent_len = sum(1 for s in prep.sentence if s == prep.sentence[w.lo])
            assert sent_len * 1 > 10
    assert MAX_PIECES + 2 <= 512


@needs_extra
def test_pieces_align_to_newslib_tokens():
    model = engine.load_model()
    an = text_layer(read_text("Netanyahu\u2019s aides didn\u2019t say it, the U.S. official said.\n"))
    prep = prepare(an)
    wins = windows(an.text, prep, model.pieces)
    assert len(wins) == 1 and wins[0].hi == len(prep.tokens)
    assert model.pieces.of("U.S.") == model.pieces.of("u.s.")
