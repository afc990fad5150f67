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
# # One article: who is quoted, how, and where
#
# The article with every attribution highlighted (source, cue, content; hover for the kind,
# the resolved speaker and the evidence), then the tables behind it and a few nb.
# Render it with `newslib report notebooks/article.ipynb -p path ARTICLE`.

# %% tags=["parameters"]
path = "seeds/000_bf35a3d7ff0db5a3.txt"  # relative to where you run it, or to the repository
article_id = None  # pick one article out of a JSONL corpus or a folder; None: the first
engine = "auto"  # accurate where its extra is installed (best for one article), else fast

# %%
from newslib import notebook as nb

nb.setup()
article = nb.open_article(path, article_id)
analysis = nb.analyze(article, engine)

# %% [markdown]
# ## The article

# %%
nb.show(analysis)

# %% [markdown]
# ## Attributions
# One row an attribution; the row number is the `#` badge in the article above.

# %%
nb.attributions_table(analysis)

# %%
nb.kind_counts(analysis)

# %%
nb.plot_kinds(analysis)

# %% [markdown]
# ## Sources
# Who is cited, what kind of source each is, and where in the article each one speaks.

# %%
analysis.sources_frame

# %%
nb.profile_table(nb.profile(analysis))

# %%
nb.source_type_counts(analysis)

# %%
nb.plot_source_types(analysis)

# %%
nb.plot_positions(analysis)

# %% [markdown]
# ## How much of the article is attributed

# %%
nb.share_table(analysis)

# %%
nb.plot_share(analysis)

# %% [markdown]
# ## Claims and numbers
# Which sentences and quantities the article asserts on its own authority, and which it
# attributes to someone.

# %%
nb.profile_table(nb.claims_summary(analysis))

# %%
analysis.claims_frame

# %%
analysis.numbers_frame
