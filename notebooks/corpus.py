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
# claims; articles not analysed are listed with their reasons. Then who is quoted: the named
# people by gender per group and over time (by `freq` of the `date_column`), the most quoted
# people, women and men, and the shares of named, unnamed and anonymous speakers; unknown
# genders and categories are counted and shown, never dropped.
# Render it with `newslib report notebooks/corpus.ipynb -p dataset DIR -p group_by outlet`.

# %% tags=["parameters"]
dataset = ""  # a dataset directory; if empty, `corpus` is analysed into one
corpus = "tests/fixtures/corpus/articles.jsonl"  # any corpus newslib reads (file or folder)
group_by = "publisher"  # a metadata column of the dataset ("" for the whole corpus)
engine = "fast"
top = 10  # sources and people listed per group
listed = 50  # articles not analysed listed (all are counted)
date_column = ""  # the articles' date column ("": the first of date, published, publication_date, ... present)
freq = "month"  # the period of the time views: day, week, month, quarter or year

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

# %% [markdown]
# ## Who is quoted: women and men
# Named people quoted (one person key across the corpus) and the attributions to them, by the
# gender decided for each person across the corpus: the text's evidence (pronouns, gendered
# titles) first, else the first name's. People whose gender nothing decides are `unknown`.

# %%
genders = nb.gender_table(ds, group_by)
genders

# %%
nb.plot_gender(genders)

# %%
nb.plot_gender(genders, by="attributions", title="Attributions to named people: women, men and unknown")

# %% [markdown]
# ## Over time
# The same figures by period of the articles' date; articles whose date is missing or
# unreadable are counted in the `(no date)` row.

# %%
date_column = nb.find_date_column(ds, date_column)
over_time = nb.gender_over_time(ds, date_column, freq)
print("date column:", repr(date_column))
over_time

# %%
nb.plot_gender_over_time(over_time)

# %%
nb.plot_gender_over_time(nb.gender_over_time(ds, date_column, freq, group_by))

# %% [markdown]
# ## Top people
# The most quoted named people of each group, then the most quoted women and men.

# %%
nb.top_people(ds, group_by, n=top)

# %%
nb.top_people(ds, group_by, n=top, gender="female")

# %%
nb.top_people(ds, group_by, n=top, gender="male")

# %% [markdown]
# ## Named, unnamed and anonymous speakers
# Attributions by the speaker's category; `unnamed_share` is the share of unnamed (anonymous)
# speakers, an individual ("a senior official") or a group ("officials", "analysts").

# %%
categories = nb.speaker_categories(ds, group_by)
categories

# %%
nb.plot_speaker_categories(categories)
