"""Sources: who said it. Resolves each attribution's source span to a :class:`Source`.

A reader of "White House spokeswoman Karin Jean-Pierre told reporters … “So now we’re working
with them,” she added" lists one source, Karin Jean-Pierre, an official, quoted twice. This
stage does the same, offline, with readable rules and lexicon files in ``newslib/data``:

* ``titles.txt`` (titles, roles, honorifics, with the gender a word itself states),
  ``organisations.txt`` (organisations, governments, media, head nouns, place heads),
  ``countries.txt`` (countries, demonyms, capitals used as metonyms), ``places.txt`` (US states,
  large cities), ``anonymity.txt``
  (anonymity markers, insider groups, collectives), ``documents.txt`` (polls, reports…),
  ``pronouns.txt`` and the attribution stage's ``agencies.txt`` (wire services).

The steps, each leaving its rule in ``evidence`` (on the :class:`Source` and, prefixed
``source:``, on the attribution):

1. **Mentions.** Every source span is parsed into a mention: a pronoun, a person name with its
   title, role and affiliation ("Israeli Defense Minister Yoav Gallant" → name Yoav Gallant, role
   Defense Minister, affiliation Israel), an organisation, government or metonym ("Washington
   said"), a wire agency, a document, an anonymous individual or group, or a nominal ("the
   spokeswoman"). The article's prose is also scanned for person names (capitalised runs after
   a title or of two or more name-like words) so a bare surname or a pronoun can reach a person
   who is mentioned but never a source.
2. **Entities.** Person mentions are merged by first and last name; a bare surname joins the
   person with that surname (the most mentioned one if several); a surname one edit away from a
   known one (five letters or more) joins it and is flagged as a spelling variant.
3. **Resolution.** He/she go to the most salient preceding person: a score of sentence distance,
   being an earlier speaker (the latest one most), being a sentence subject, and lying outside
   quotations and reported content; a gender stated by a title must not contradict, genders from
   pronouns resolved earlier weigh in softly. They go to the nearest group or institution source,
   it to an institution or document, I/we to the speaker of the content or quotation holding
   them, who/which to the mention or noun phrase just before. Names inside the attribution's own
   content never count. Nominals ("the spokeswoman", "the South Carolina senator") go to the
   nearest preceding person holding that office (not a vice or deputy one).
4. **Implied speakers.** An attribution the detector gives no source span keeps ``source=None``
   but gets the speaker the context implies, flagged "no source span; inferred" in its evidence:
   a transcript label ("PENCE: …"), the person named in the cue's sentence, or, for a bare
   quotation paragraph, the latest speaker (the news convention for a quote running on).
5. **Types.** named_person, official (a named person with an official title), organisation,
   government (countries, states, executive offices, metonyms), agency, media, document,
   anonymous_individual, anonymous_group, group (collectives such as "voters"), credit, unknown.

Photo credits and bylines are credits (:func:`credits`), never sources. Gender is recorded only
where the text states it (a gendered title or a resolved pronoun), never from a first name.

The stage is a package: ``lexicon`` (the lexicon tables), ``names`` (name runs, titles, roles,
affiliations), ``mentions`` (a source span parsed into a mention, step 1), ``scan`` (the prose
scanned for names), ``people`` (person entities, step 2), ``indexes`` (lookups that answer as
scans would), ``resolver`` (the steps, in :class:`~newslib.sources.resolver.Resolver`) and
``records`` (the public :class:`Source` records, credits and profile).
"""

from __future__ import annotations

from .records import Credit, credits, entities, profile, resolve, sources_frame
from .resolver import GROUP_TYPES, PERSON_TYPES, THING_TYPES

__all__ = [
    "GROUP_TYPES",
    "PERSON_TYPES",
    "THING_TYPES",
    "Credit",
    "credits",
    "entities",
    "profile",
    "resolve",
    "sources_frame",
]
