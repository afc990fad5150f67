"""What the notebooks call (newslib.notebook): show from anything, locate and open inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED

from newslib import notebook
from newslib.display import render_html
from newslib.model import Analysis


def test_show_takes_text_and_paths(monkeypatch: pytest.MonkeyPatch, handmade: Analysis) -> None:
    pytest.importorskip("IPython")
    calls: list[object] = []

    def fake_analyze(article: object, engine: str = "fast") -> Analysis:
        calls.append(article)
        return handmade

    monkeypatch.setattr("newslib.notebook.analyze", fake_analyze)
    assert notebook.show(handmade).data == render_html(handmade)
    notebook.show(str(SEED))
    notebook.show("Some text that is no file.")
    assert getattr(calls[0], "id", None) == SEED.stem
    assert calls[1] == "Some text that is no file."


def test_locate_finds_a_relative_path_from_the_invocation_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("An article.\n", encoding="utf-8")
    monkeypatch.setenv("NEWSLIB_REPORT_CWD", str(tmp_path))
    assert notebook.locate("a.txt") == tmp_path / "a.txt"
    with pytest.raises(FileNotFoundError, match="no-such.txt"):
        notebook.locate("no-such.txt")


def test_open_article_picks_an_id_and_keeps_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "c.jsonl").write_text(
        '{"id": "x", "text": "First."}\n{"id": "y", "text": "Second."}\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert notebook.open_article("c.jsonl").id == "x"
    second = notebook.open_article("c.jsonl", "y")
    assert second.text == "Second." and second.origin.startswith("c.jsonl")
    with pytest.raises(LookupError):
        notebook.open_article("c.jsonl", "z")


def test_the_corpus_notebook_names_resolve(quoted_dataset: Path) -> None:
    from newslib.dataset import open_dataset

    ds = open_dataset(quoted_dataset)
    date = notebook.find_date_column(ds, "")
    assert date == "date"
    assert notebook.gender_table(ds, "outlet")["people"].sum() > 0
    assert "(no date)" in set(notebook.gender_over_time(ds, date, "month")["period"])
    assert set(notebook.top_people(ds, "outlet", n=2, gender="female")["gender"]) == {"female"}
    assert notebook.speaker_categories(ds, "outlet")["attributions"].sum() == len(ds.table("attributions"))
    for name in ("plot_gender", "plot_gender_over_time", "plot_speaker_categories"):
        assert name in notebook.__all__ and callable(getattr(notebook, name))
