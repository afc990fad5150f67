# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A corpus, grouped: how do outlets source their stories?
#
# Every article of a JSONL file or a folder is analysed; articles that cannot be read or
# analysed are listed, not fatal. Articles are grouped by a metadata key (`group_by`) and
# compared on anonymous sources, wire-agency dependence, quoted versus reported speech, the
# number of distinct sources and the share of prose that is attributed.
# Render it with `newslib report notebooks/corpus.ipynb -p corpus CORPUS.jsonl -p group_by publisher`.

# %% tags=["parameters"]
corpus = "tests/fixtures/corpus/articles.jsonl"  # a JSONL file or a folder of articles
group_by = "publisher"  # a metadata key of the articles
engine = "fast"
top = 10  # sources listed per group

# %%
from newslib import plots
from newslib.model import Analysis
from newslib.report import analyze_corpus

plots.notebook_setup()
results = analyze_corpus(corpus, engine)
analyses = [r for r in results if isinstance(r, Analysis)]
print(f"{len(analyses)} articles analysed, {len(results) - len(analyses)} could not be")

# %% [markdown]
# ## Articles that could not be read or analysed

# %%
plots.errors_frame(results)

# %% [markdown]
# ## One row an article

# %%
plots.article_frame(analyses, group_by)

# %% [markdown]
# ## Groups compared
# Rates are pooled over each group's attributions; NaN means the group had none to measure.

# %%
groups = plots.group_frame(analyses, group_by)
groups

# %%
plots.plot_groups(groups)

# %%
plots.kind_counts(analyses)

# %%
plots.plot_kinds(analyses, title="Attributions by kind, whole corpus")

# %% [markdown]
# ## Top sources

# %%
plots.top_sources(analyses, group_by, n=top)
