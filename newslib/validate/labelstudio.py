"""Label Studio: the labelling configuration, tasks with newslib's attributions as pre-annotations,
and an export read back as gold.

Label Studio (the open-source annotation tool) shows a task's ``data.text`` and lets annotators
mark regions with one of three labels (``Source``, ``Cue``, ``Content``), tie them with relations
and fill per-region fields. One attribution is one ``Content`` region (several ``Content``
regions tied to each other are the parts of a discontinuous content), the ``Cue`` and ``Source``
regions tied to it, and on the content region the speaker's canonical name, type and gender and
the attribution's kind. A cue tied to no content is an attribution without content ("declined to
comment"), with the source tied to the cue. Pre-annotations carry the same shape, so annotators
correct newslib's output rather than start blank; an export whose annotations equal them is
read back as exactly newslib's attributions.

Offsets: Label Studio counts characters as JavaScript does (UTF-16 code units), Python counts
code points; they differ after any character outside the Basic Multilingual Plane (an emoji).
Offsets are converted both ways, and every region read back is checked against the text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from ..model import ATTRIBUTION_KINDS, SPEAKER_CATEGORIES

LABELS = ("Source", "Cue", "Content")
"""The region labels, one per span of an attribution."""
SPEAKER_TYPES = (
    "named_person",
    "named_organisation",
    "agency",
    "unnamed_individual",
    "unnamed_group",
    "document",
    "unknown",
)
"""The speaker types an annotator chooses from: newslib's categories, with a wire agency set apart
from other organisations (agency dependence is counted on it); ``agency`` is ``named_organisation``."""
GENDERS = ("female", "male", "unknown")
SPAN, TEXT = "span", "text"
"""Names of the labels control and of the text object in the configuration."""
FIELDS = {"speaker": "textarea", "speaker_type": "choices", "gender": "choices", "kind": "choices"}
"""Per-region controls on the head region of an attribution (its content, else its cue)."""
COLOURS = {"Source": "#1f77b4", "Cue": "#2ca02c", "Content": "#ff7f0e"}

assert set(SPEAKER_TYPES) - {"agency"} == set(SPEAKER_CATEGORIES)


def _choices(name: str, values: Sequence[str], hint: str) -> str:
    opts = "".join(f'\n      <Choice value="{v}"/>' for v in values)
    return (
        f'    <Header value={quoteattr(hint)} size="6"/>\n'
        f'    <Choices name="{name}" toName="{TEXT}" perRegion="true" choice="single">{opts}\n    </Choices>'
    )


def label_config() -> str:
    """The labelling configuration (XML): three labels over the text, relations, and the
    speaker's name, type and gender and the attribution's kind as fields of the selected region."""
    labels = "".join(f'\n    <Label value="{k}" background="{COLOURS[k]}"/>' for k in LABELS)
    return f"""<View>
  <Header value="Mark each attribution: its Content, Cue and Source; tie Cue and Source to the Content."/>
  <Relations>
    <Relation value="source"/>
    <Relation value="cue"/>
    <Relation value="continues"/>
  </Relations>
  <Labels name="{SPAN}" toName="{TEXT}">{labels}
  </Labels>
  <Text name="{TEXT}" value="$text"/>
  <View visibleWhen="region-selected">
    <Header value="Speaker's canonical name (the fullest the article gives; empty if none)" size="6"/>
    <TextArea name="speaker" toName="{TEXT}" perRegion="true" editable="true" maxSubmissions="1" rows="1"/>
{_choices("speaker_type", SPEAKER_TYPES, "Speaker type")}
{_choices("gender", GENDERS, "Speaker's gender (people only)")}
{_choices("kind", ATTRIBUTION_KINDS, "Kind")}
  </View>
</View>
"""


# -- offsets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Offsets:
    """Conversion between Python (code point) and JavaScript (UTF-16 unit) offsets of one text."""

    text: str
    _js: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        widths = (2 if ord(c) > 0xFFFF else 1 for c in self.text)
        object.__setattr__(self, "_js", (0, *accumulate(widths)))

    def to_js(self, i: int) -> int:
        return self._js[i]

    def to_py(self, j: int) -> int | None:
        """The code point offset of UTF-16 offset ``j``; None inside a surrogate pair or past the end."""
        if self._js[-1] == len(self.text):  # no astral characters: the same numbers
            return j if 0 <= j <= len(self.text) else None
        import bisect

        i = bisect.bisect_left(self._js, j)
        return i if i < len(self._js) and self._js[i] == j else None


# -- tasks -----------------------------------------------------------------------------------


def _region(rid: str, label: str, span: Mapping[str, int], text: str, js: Offsets) -> dict[str, Any]:
    s, e = int(span["start"]), int(span["end"])
    return {
        "id": rid,
        "from_name": SPAN,
        "to_name": TEXT,
        "type": "labels",
        "value": {"start": js.to_js(s), "end": js.to_js(e), "text": text[s:e], "labels": [label]},
    }


def _field(region: Mapping[str, Any], name: str, value: str) -> dict[str, Any]:
    v = region["value"]
    kind = FIELDS[name]
    payload = {"text": [value]} if kind == "textarea" else {"choices": [value]}
    return {
        "id": region["id"],
        "from_name": name,
        "to_name": TEXT,
        "type": kind,
        "value": {"start": v["start"], "end": v["end"], **payload},
    }


def _relation(a: str, b: str, label: str) -> dict[str, Any]:
    return {"from_id": a, "to_id": b, "type": "relation", "direction": "right", "labels": [label]}


def speaker_type(speaker: Mapping[str, Any] | None) -> str | None:
    """The annotation scheme's type of a predicted speaker: its category, ``agency`` for a wire service."""
    if not speaker:
        return None
    return "agency" if speaker.get("type") == "agency" else speaker.get("category") or "unknown"


def attribution_results(n: int, a: Mapping[str, Any], text: str, js: Offsets) -> list[dict[str, Any]]:
    """One predicted attribution (``{"kind", "content", "cue", "source", "speaker"}``, spans as
    ``{"start", "end"}``) as Label Studio results: regions, their fields and relations."""
    regions = {
        role: _region(f"a{n}{role[:2]}", role.capitalize(), a[role], text, js)
        for role in ("content", "cue", "source")
        if a.get(role)
    }
    head = regions.get("content") or regions.get("cue")
    if head is None:
        return []  # nothing to tie a source to: such an attribution cannot be scored either
    out = list(regions.values())
    sp = a.get("speaker") or {}
    values = {
        "speaker": sp.get("name"),
        "speaker_type": speaker_type(sp),
        "gender": sp.get("gender"),
        "kind": a.get("kind"),
    }
    out += [_field(head, name, v) for name, v in values.items() if v]
    for role in ("source", "cue"):
        if role in regions and regions[role] is not head:
            out.append(_relation(regions[role]["id"], head["id"], role))
    return out


def to_task(record: Mapping[str, Any], model_version: str = "") -> dict[str, Any]:
    """A Label Studio task for one article record (``id``, ``text``, ``meta``, ``attributions``
    as :func:`attribution_results` takes them): ``data`` and one prediction."""
    text = record["text"]
    js = Offsets(text)
    result = [r for n, a in enumerate(record.get("attributions", [])) for r in attribution_results(n, a, text, js)]
    scores = [float(a["score"]) for a in record.get("attributions", []) if a.get("score") is not None]
    data = {"text": text, "article_id": record["id"], "meta": dict(record.get("meta") or {})}
    if record.get("stratum") is not None:
        data["stratum"] = record["stratum"]
    prediction = {
        "model_version": model_version or record.get("engine") or "newslib",
        "result": result,
        "score": round(sum(scores) / len(scores), 4) if scores else 0.0,
    }
    return {"data": data, "predictions": [prediction]}


# -- export -> gold --------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """An annotation that did not fit, with where and why: reported, never silently dropped."""

    task: Any
    article: str
    annotator: str
    reason: str

    def __str__(self) -> str:
        return f"task {self.task} ({self.article}), annotator {self.annotator}: {self.reason}"


@dataclass
class Imported:
    """An export read back: one gold record a task (the first annotator's attributions, the others
    in ``other_annotations``), and the problems met."""

    records: list[dict[str, Any]]
    problems: list[Problem]


@dataclass
class _Region:
    rid: str
    label: str
    start: int
    end: int
    fields: dict[str, str] = field(default_factory=dict)
    links: set[str] = field(default_factory=set)


def annotator_of(annotation: Mapping[str, Any]) -> str:
    """Who made an annotation: the export's ``completed_by`` (an id, or a user object)."""
    who = annotation.get("completed_by")
    if isinstance(who, Mapping):
        who = who.get("email") or who.get("id")
    return str(who if who is not None else annotation.get("id", "?"))


def _regions(result: Iterable[Mapping[str, Any]], text: str, js: Offsets, problem: Any) -> dict[str, _Region]:
    """The labelled regions of one annotation, offsets converted and checked, fields attached."""
    regions: dict[str, _Region] = {}
    fields: list[Mapping[str, Any]] = []
    for r in result:
        if r.get("type") == "labels":
            reg = _checked_region(r, text, js, problem)
            if reg:
                regions[reg.rid] = reg
        elif r.get("type") in ("textarea", "choices"):
            fields.append(r)
    for r in fields:
        reg = regions.get(str(r.get("id")))
        if reg is None:
            problem(f"field {r.get('from_name')!r} on region {r.get('id')!r}, which is not a labelled span")
            continue
        v = r.get("value") or {}
        values = v.get("text") if r.get("type") == "textarea" else v.get("choices")
        value = (values[0] if isinstance(values, list) and values else values) or ""
        if str(value).strip():
            reg.fields[str(r.get("from_name"))] = " ".join(str(value).split())
    return regions


def _checked_region(r: Mapping[str, Any], text: str, js: Offsets, problem: Any) -> _Region | None:
    v = r.get("value") or {}
    labels = v.get("labels") or []
    rid = str(r.get("id"))
    if len(labels) != 1 or labels[0] not in LABELS:
        problem(f"region {rid} has labels {labels} (one of {', '.join(LABELS)} expected)")
        return None
    try:
        s, e = js.to_py(int(v["start"])), js.to_py(int(v["end"]))
    except (KeyError, TypeError, ValueError):
        problem(f"region {rid} ({labels[0]}) has no character offsets")
        return None
    if s is None or e is None or s >= e:
        problem(
            f"region {rid} ({labels[0]}) offsets {v.get('start')}-{v.get('end')} are not a span of the text "
            f"({len(text)} characters)"
        )
        return None
    if "text" in v and v["text"] != text[s:e]:
        problem(
            f"region {rid} ({labels[0]}) text {str(v['text'])[:40]!r} differs from the article's "
            f"{text[s:e][:40]!r} at {s}-{e} (the task's text changed?)"
        )
        return None
    return _Region(rid, labels[0], s, e)


def _link(regions: dict[str, _Region], result: Iterable[Mapping[str, Any]], problem: Any) -> None:
    for r in result:
        if r.get("type") != "relation":
            continue
        a, b = regions.get(str(r.get("from_id"))), regions.get(str(r.get("to_id")))
        if a is None or b is None:
            problem(f"relation {r.get('from_id')} -> {r.get('to_id')} names a region that is not a labelled span")
            continue
        a.links.add(b.rid)
        b.links.add(a.rid)


def _contents(regions: dict[str, _Region]) -> list[list[_Region]]:
    """Content regions grouped: those tied to each other are one discontinuous content."""
    seen: set[str] = set()
    groups = []
    for reg in sorted(regions.values(), key=lambda r: (r.start, r.end, r.rid)):
        if reg.label != "Content" or reg.rid in seen:
            continue
        group, todo = [], [reg]
        while todo:
            cur = todo.pop()
            if cur.rid in seen:
                continue
            seen.add(cur.rid)
            group.append(cur)
            todo += [regions[x] for x in cur.links if regions[x].label == "Content"]
        groups.append(sorted(group, key=lambda r: r.start))
    return groups


def _tied(regions: dict[str, _Region], heads: Sequence[_Region], label: str, problem: Any) -> _Region | None:
    found = sorted(
        {regions[x].rid: regions[x] for h in heads for x in h.links if regions[x].label == label}.values(),
        key=lambda r: r.start,
    )
    if len(found) > 1:
        problem(
            f"{len(found)} {label} regions tied to the attribution at {heads[0].start}-{heads[-1].end}; "
            f"the first is kept"
        )
    return found[0] if found else None


def _attribution(regions: dict[str, _Region], heads: list[_Region], text: str, problem: Any) -> dict[str, Any]:
    """The gold attribution anchored on ``heads`` (content parts, or one cue)."""
    from ..attribution.link import kind_of
    from ..model import Span

    is_content = heads[0].label == "Content"
    content = [heads[0].start, heads[-1].end] if is_content else None
    cue = _tied(regions, heads, "Cue", problem) if is_content else heads[0]
    source = _tied(regions, [*heads, *([cue] if cue and is_content else [])], "Source", problem)
    # fields on the content win; those put on the source or cue instead are taken too
    fields = {k: v for r in (cue, source, *heads) if r is not None for k, v in r.fields.items()}
    spans = {
        "content": content,
        "cue": [cue.start, cue.end] if cue else None,
        "source": [source.start, source.end] if source else None,
    }
    kind = fields.get("kind") or kind_of(text, *(Span(*x) if x else None for x in spans.values()))[0]
    out: dict[str, Any] = {"kind": kind, **spans}
    if len(heads) > 1:
        out["content_parts"] = [[h.start, h.end] for h in heads]
    for role, span in spans.items():
        if span:
            out[f"{role}_text"] = text[span[0] : span[1]]
    stype = fields.get("speaker_type")
    out["source_name"] = fields.get("speaker") or (out.get("source_text") or "")
    if stype:
        out["speaker_type"] = stype
        out["speaker_category"] = "named_organisation" if stype == "agency" else stype
    if fields.get("gender"):
        out["speaker_gender"] = fields["gender"]
    return out


def _reached(regions: dict[str, _Region], heads: Iterable[_Region]) -> set[str]:
    """Ids of the regions tied, directly or through others, to an attribution's head."""
    seen: set[str] = set()
    todo = [h.rid for h in heads]
    while todo:
        rid = todo.pop()
        if rid not in seen:
            seen.add(rid)
            todo += regions[rid].links
    return seen


def annotation_attributions(result: Sequence[Mapping[str, Any]], text: str, problem: Any) -> list[dict[str, Any]]:
    """One annotation's results as gold attributions, in text order; ``problem(reason)`` is
    called for every region or relation that does not fit."""
    js = Offsets(text)
    regions = _regions(result, text, js, problem)
    _link(regions, result, problem)
    groups: list[list[_Region]] = _contents(regions)
    tied_to_content = {x for g in groups for r in g for x in r.links}
    groups += [
        [r]
        for r in sorted(regions.values(), key=lambda r: r.start)
        if r.label == "Cue" and r.rid not in tied_to_content
    ]
    reached = _reached(regions, [r for g in groups for r in g])
    for r in regions.values():
        if r.rid not in reached:
            problem(f"{r.label} region {r.rid} at {r.start}-{r.end} is tied to no content or cue (left out)")
    atts = [_attribution(regions, g, text, problem) for g in groups]
    return sorted(atts, key=lambda a: a["content"] or a["cue"] or [0, 0])


def _article_text(task: Mapping[str, Any]) -> tuple[str, str] | None:
    data = task.get("data") or {}
    text = data.get("text")
    if not isinstance(text, str):
        return None
    return str(data.get("article_id") or task.get("id")), text


def _report(problems: list[Problem], task: Any, article: str, annotator: str, reason: str) -> None:
    problems.append(Problem(task, article, annotator, reason))


def import_export(tasks: Sequence[Mapping[str, Any]]) -> Imported:
    """Label Studio's JSON export (a list of tasks with ``annotations``) as gold records: per
    task the first submitted annotation's attributions (by annotation id), every other
    annotator's in ``other_annotations``; cancelled annotations and tasks without any are
    reported and left out."""
    records, problems = [], []
    for task in tasks:
        tid = task.get("id")
        found = _article_text(task)
        if found is None:
            problems.append(Problem(tid, "?", "-", "task has no text in data.text"))
            continue
        art_id, text = found
        done = []
        for ann in sorted(task.get("annotations") or [], key=lambda a: (a.get("id") is None, a.get("id") or 0)):
            who = annotator_of(ann)
            if ann.get("was_cancelled"):
                problems.append(Problem(tid, art_id, who, "annotation was cancelled (skipped)"))
                continue
            problem = partial(_report, problems, tid, art_id, who)
            done.append(
                {"annotator": who, "attributions": annotation_attributions(ann.get("result") or [], text, problem)}
            )
        if not done:
            problems.append(Problem(tid, art_id, "-", "no submitted annotation (task left out)"))
            continue
        meta = (task.get("data") or {}).get("meta") or {}
        rec = {
            "id": art_id,
            "text": text,
            "meta": meta,
            "annotator": done[0]["annotator"],
            "attributions": done[0]["attributions"],
        }
        if len(done) > 1:
            rec["other_annotations"] = done[1:]
        records.append(rec)
    return Imported(records, problems)


def read_export(path: str | Path) -> Imported:
    """:func:`import_export` of an export file; a :class:`~newslib.reading.ReadError` for a file
    that is not a JSON list of tasks."""
    from ..reading import ReadError

    try:
        tasks = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ReadError(str(path), f"cannot read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReadError(str(path), f"not a JSON export: {exc}") from None
    if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
        raise ReadError(str(path), "not Label Studio's JSON export (a list of tasks expected)")
    return import_export(tasks)


def iter_gold_lines(records: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """Gold records as JSONL lines (the format ``newslib eval`` reads)."""
    for rec in records:
        yield json.dumps(rec, ensure_ascii=False) + "\n"
