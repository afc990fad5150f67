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
from newslib import plots
from newslib.evaluation import evaluate
from newslib.report import locate

plots.notebook_setup()
result = evaluate(locate(gold), engine)

# %% [markdown]
# ## Headline figures

# %%
plots.evaluation_summary(result)

# %% [markdown]
# ## By kind

# %%
plots.evaluation_by_kind(result)

# %%
plots.plot_recall_by_kind(result)

# %% [markdown]
# ## Misses (gold attributions not found)

# %%
plots.evaluation_errors(result, "misses", examples)

# %% [markdown]
# ## False alarms (found, not in the gold)

# %%
plots.evaluation_errors(result, "false_alarms", examples)
