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
# # Evaluation against gold annotations
#
# The engine is run over every article of a gold file (the format of the project's gold
# README) and scored as the reference scorer does: content and end-to-end F1, source and cue
# accuracy, recall by kind, and the misses and false alarms of every kind to learn from.
# Render it with `newslib report notebooks/evaluation.ipynb -p gold GOLD.jsonl`.

# %% tags=["parameters"]
gold = "tests/fixtures/eval/gold.jsonl"  # a gold JSONL file
engine = "fast"
examples = 10  # errors listed per kind

# %%
from newslib import notebook as nb

nb.setup()
result = nb.evaluate(nb.locate(gold), engine)

# %% [markdown]
# ## Headline figures

# %%
nb.evaluation_summary(result)

# %% [markdown]
# ## By kind

# %%
nb.evaluation_by_kind(result)

# %%
nb.plot_recall_by_kind(result)

# %% [markdown]
# ## Are the scores probabilities?
# Per score bin, the share of attributions the scorer matched: close to the mean score when the
# engine's calibration holds on this file.

# %%
nb.evaluation_reliability(result)

# %% [markdown]
# ## Misses (gold attributions not found)

# %%
nb.evaluation_errors(result, "misses", examples)

# %% [markdown]
# ## False alarms (found, not in the gold)

# %%
nb.evaluation_errors(result, "false_alarms", examples)
