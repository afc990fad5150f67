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
# # Validation on your own corpus
#
# An annotated sample of the corpus (`newslib validate sample`, annotated in Label Studio,
# `newslib validate import`) scored against the dataset it was drawn from: how accurate newslib
# is on *this* corpus, each figure with a 95% bootstrap interval over articles. Render it with
# `newslib report notebooks/validation.ipynb -p gold GOLD.jsonl -p dataset DATASET`.

# %% tags=["parameters"]
gold = "tests/fixtures/validate/gold.jsonl"  # the annotated sample, in the gold format
dataset = ""  # the dataset the sample was drawn from
corpus = "tests/fixtures/corpus/articles.jsonl"  # or a corpus, analysed into a cached dataset
resamples = 2000  # bootstrap replicates
seed = 0

# %%
from newslib import notebook as nb
from newslib import validate

nb.setup()
v = validate.open_validation(gold, dataset=dataset, corpus=corpus, resamples=resamples, seed=seed)
v.settings

# %% [markdown]
# ## Detection
# The reference scorer's matching: a prediction matches a gold attribution when their contents
# share at least half of the larger one's words.

# %%
v.section("detection")

# %%
validate.plot_intervals(v.section("detection"), "Detection")

# %% [markdown]
# ## By kind

# %%
v.section("by kind")

# %% [markdown]
# ## Speakers
# Of matched attributions whose speaker was annotated: the canonical name, the category, and the
# gender of named people.

# %%
v.section("speakers")

# %%
validate.plot_intervals(v.section("speakers"), "Speakers")

# %% [markdown]
# ## Corpus figures on the sample
# Each figure as the annotators give it, as newslib gives it on the same articles, and
# newslib's error (a paired difference).

# %%
v.section("corpus")

# %%
validate.plot_intervals(v.section("corpus"), "Corpus figures on the sample")

# %% [markdown]
# ## The corpus figures corrected
# `by kind`: each predicted attribution weighted by its kind's precision / recall on the sample;
# `ratio`: the corpus figure times gold / newslib on the sample.

# %%
v.correction

# %% [markdown]
# ## Agreement between annotators
# Where a task was annotated twice: the second annotator scored against the first.

# %%
v.agreement
