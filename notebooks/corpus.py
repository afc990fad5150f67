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
# Reads a dataset written by `newslib analyze CORPUS --format parquet -o DIR` (or, given a
# `corpus`, analyses it into a cached dataset first; rendering again reuses it). Every figure is
# a DuckDB query over the dataset's parts, so a corpus of 100,000 articles renders in seconds.
# Articles are grouped by a metadata column (`group_by`) and compared on anonymous sources,
# wire-agency dependence, quoted versus reported speech, distinct sources and unattributed
# claims; articles not analysed are listed with their reasons.
# Render it with `newslib report notebooks/corpus.ipynb -p dataset DIR -p group_by outlet`.

# %% tags=["parameters"]
dataset = ""  # a dataset directory; if empty, `corpus` is analysed into one
corpus = "tests/fixtures/corpus/articles.jsonl"  # any corpus newslib reads (file or folder)
group_by = "publisher"  # a metadata column of the dataset ("" for the whole corpus)
engine = "fast"
top = 10  # sources listed per group
listed = 50  # articles not analysed listed (all are counted)

# %%
from newslib import notebook as nb

nb.setup()
ds = nb.corpus_dataset(dataset, corpus, engine)
group_by = nb.check_group(ds, group_by)
nb.status_counts(ds)

# %% [markdown]
# ## Articles not analysed

# %%
rows, total = nb.not_analysed(ds, listed)
print(f"not analysed: {total}, listed: {len(rows)}")
rows

# %% [markdown]
# ## Groups compared
# Rates share one scale; NaN means the group had nothing to measure.

# %%
groups = nb.group_table(ds, group_by)
groups

# %%
nb.plot_groups(groups, list(nb.CORPUS_METRICS))

# %%
kinds = nb.kind_table(ds, group_by)
kinds

# %%
nb.plot_kind_table(kinds, title="Attributions by kind, per group")

# %% [markdown]
# ## Top sources

# %%
nb.corpus_top_sources(ds, group_by, n=top)
