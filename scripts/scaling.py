"""How analysis time grows with article size, for ordinary and adversarial articles.

Why: newslib runs over corpora nobody has read, and one pathological article (a scraped page
of 4 MB, a transcript with thousands of speakers, a paragraph of stray quote marks) must not
stall a batch. Every stage should be linear in the text; a loop that compares each mention
with every earlier one is invisible on a 5 KB article and takes minutes on a 1 MB one. This
script makes such loops visible: it generates synthetic articles (from its own templates,
never gold text) at 10 KB … 4 MB, times ``newslib.analyze(newslib.read_text(text),
engine="fast")`` on each, and prints seconds per size and the growth exponent per shape (the
least-squares slope of log time against log size: 1 is linear, 2 quadratic), over all sizes
and over the top two (``top``: a quadratic term shows late, under the fixed costs of small
articles). A shape with either above 1.3 is flagged.

Shapes: ``ordinary`` (a mix of quotes, reported speech, numbers and claims), ``long_paragraph``
(one paragraph of 90,000 characters, then an ordinary article), ``names`` (many distinct people
under a few first names, also named by surname alone), ``families`` (many people under one
surname, each then named by it alone), ``pronouns`` (sources "I", "we", "he",
"it", "who" and bare quotations), ``run_on`` (each line one sentence of hundreds of
attributions), ``headlines`` (a listing page of Title Case lines), ``numbers``, ``giant_quote``
(one quotation continued over every paragraph), ``unclosed`` (paragraphs ``She said "hello``),
``nested`` (paragraphs of unclosed nested quote marks), ``said`` (lines of "said said said…").
The reader refuses a line over 100,000 characters, so no line here is longer than 90,000:
beyond that size a shape repeats its line, and work quadratic within one line shows only in
the first sizes.

    python scripts/scaling.py [--max-size 1M] [--shapes names,said] [--budget 120]

Exit status 1 when a shape is flagged.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import sys
import time
from collections.abc import Callable, Iterator

import newslib

SIZES = (10_000, 40_000, 160_000, 640_000, 1_000_000, 4_000_000)
MAX_LINE = 90_000
FLAG_EXPONENT = 1.3

FIRST = ("John", "Mary", "David")
SYLLABLES = (
    "bar",
    "ko",
    "vel",
    "dri",
    "mon",
    "tash",
    "lu",
    "pen",
    "gor",
    "ra",
    "sim",
    "to",
    "ven",
    "hal",
    "qui",
    "dor",
    "mek",
    "sa",
    "bel",
    "nu",
    "fra",
    "zo",
    "lin",
    "wick",
)
TITLES = ("Senator", "Governor", "Mayor", "Dr.", "spokeswoman", "economist")
TOPICS = ("the budget", "the new bridge", "the school plan", "the water deal", "the tax bill")
VERBS = ("said", "told reporters", "added", "argued", "warned")


def surname(rng: random.Random) -> str:
    """A made-up surname of two to four syllables ("Korasim")."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def ordinary(rng: random.Random) -> Iterator[str]:
    """A plausible news article: a few dozen people quoted, reported, counted and disputed."""
    people = [(rng.choice(TITLES), rng.choice(FIRST), surname(rng)) for _ in range(40)]
    forms = (
        "“We will not accept {topic} as it stands,” {title} {first} {last} {verb}.",
        "{first} {last} {verb} that {topic} would cost {n} million dollars by {year}.",
        "According to {last}, {topic} was approved by {n} votes to {m}.",
        "“It is too early to say,” she said. “We are looking at {topic} closely.”",
        "The city spent ${n},{m:03d} on {topic} last year, up {p}.{q} percent from {year}.",
        "{topic} is the largest project the county has seen, and it remains unpopular.",
        "Officials, who spoke on condition of anonymity, {verb} {topic} was delayed.",
    )
    while True:
        title, first, last = rng.choice(people)
        line = rng.choice(forms).format(
            title=title,
            first=first,
            last=last,
            verb=rng.choice(VERBS),
            topic=rng.choice(TOPICS),
            n=rng.randint(2, 900),
            m=rng.randint(0, 999),
            year=rng.randint(1990, 2030),
            p=rng.randint(1, 40),
            q=rng.randint(0, 9),
        )
        yield line[0].upper() + line[1:]


def long_paragraph(rng: random.Random) -> Iterator[str]:
    """One paragraph of 90,000 characters (a single sentence credited "according to"), then an
    ordinary article: the long one must not slow down every other."""
    yield ("The plan " + " ".join(["would cost more than anyone had said"] * (MAX_LINE // 38)))[
        : MAX_LINE - 30
    ] + ", according to Velko."
    yield from ordinary(rng)


def names(rng: random.Random) -> Iterator[str]:
    """Thousands of distinct people sharing three first names, then named by surname alone."""
    while True:
        first, last = rng.choice(FIRST), surname(rng)
        yield f"{first} {last} said the plan for {rng.choice(TOPICS)} would fail."
        yield f"“It is a mistake,” {last} added."
        yield f"{surname(rng)} said the vote should wait."


def families(rng: random.Random) -> Iterator[str]:
    """Thousands of people sharing one surname, each then named by the surname alone."""
    while True:
        yield f"{surname(rng)} Velko said the plan for {rng.choice(TOPICS)} would fail."
        yield "“It is a mistake,” Velko added."


def pronouns(rng: random.Random) -> Iterator[str]:
    """Speakers named by pronoun ("I", "we", "he", "they", "it", "who") and bare quotations."""
    forms = (
        "“We will not wait for {topic},” I said.",
        "“It is late,” we said.",
        "He said {topic} was fine.",
        "They said {topic} would pass.",
        "It said the figures were wrong.",
        "“Nothing has changed.”",
        "Officials, who said {topic} was delayed, left.",
        "{first} {last} said {topic} would fail.",
    )
    while True:
        yield rng.choice(forms).format(topic=rng.choice(TOPICS), first=rng.choice(FIRST), last=surname(rng))


def run_on(rng: random.Random) -> Iterator[str]:
    """Lines that are one long sentence of quotations, sources and numbers joined by commas."""
    while True:
        parts = []
        while sum(map(len, parts)) < MAX_LINE - 200:
            parts.append(
                f"{rng.choice(FIRST)} {surname(rng)} said “{rng.choice(TOPICS)} cost "
                f"{rng.randint(2, 900)} million”, according to {surname(rng)}"
            )
        yield ", and ".join(parts) + "."


def headlines(rng: random.Random) -> Iterator[str]:
    """A listing page: Title Case lines, each crediting a one-word source ("Korasim Says …")."""
    yield "Latest News"
    while True:
        yield f"{surname(rng)} Says The Vote On {rng.choice(TOPICS).title()} Will Wait"


def numbers(rng: random.Random) -> Iterator[str]:
    """Paragraphs dense with figures, percentages, money and years."""
    while True:
        yield (
            f"Sales rose {rng.randint(1, 99)}.{rng.randint(0, 9)} percent to ${rng.randint(1, 999)},"
            f"{rng.randint(0, 999):03d} million in {rng.randint(1950, 2030)}, about "
            f"{rng.randint(2, 5000)} more than the {rng.randint(2, 80)} units of {rng.randint(1950, 2030)}, "
            "the report said."
        )


def giant_quote(rng: random.Random) -> Iterator[str]:
    """One quotation continued over every paragraph (opened on each, never closed)."""
    yield "Governor Mary Velko said:"
    while True:
        yield (
            f"“We have spent {rng.randint(2, 900)} days on {rng.choice(TOPICS)}, and I said then "
            "that it would work. Nobody believed it, but the people who told me so were wrong."
        )


def unclosed(rng: random.Random) -> Iterator[str]:
    """Paragraphs that open a quotation and never close it."""
    return itertools.repeat('She said "hello')


def nested(rng: random.Random) -> Iterator[str]:
    """Lines of quote marks, each opening a quotation inside the last, none closed."""
    marks = ("“", '"', "‘", "'", "«", "„")
    while True:
        yield " ".join(f"{rng.choice(marks)}{rng.choice(VERBS)}" for _ in range(MAX_LINE // 8))


def said(rng: random.Random) -> Iterator[str]:
    """Lines of "said said said…"."""
    return itertools.repeat(" ".join(["said"] * (MAX_LINE // 5)))


SHAPES: dict[str, Callable[[random.Random], Iterator[str]]] = {
    f.__name__: f
    for f in (
        ordinary,
        long_paragraph,
        names,
        families,
        pronouns,
        run_on,
        headlines,
        numbers,
        giant_quote,
        unclosed,
        nested,
        said,
    )
}


def article(shape: str, size: int) -> str:
    """About ``size`` characters of the shape, in paragraphs one a line (the last one cut)."""
    lines, n = [], 0
    for line in SHAPES[shape](random.Random(size)):
        line = line[: min(MAX_LINE, size - n)]
        lines.append(line)
        n += len(line) + 1
        if n >= size:
            return "\n".join(lines)
    raise AssertionError("generators are endless")


def seconds(text: str) -> float:
    t0 = time.perf_counter()
    newslib.analyze(newslib.read_text(text), engine="fast")
    return time.perf_counter() - t0


def exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(time) against log(size)."""
    if len(points) < 2:
        return float("nan")
    xs = [math.log(s) for s, _ in points]
    ys = [math.log(max(t, 1e-6)) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def run_shape(shape: str, sizes: list[int], budget: float) -> list[tuple[int, float]]:
    """Times at each size, stopping after the first one over ``budget`` seconds."""
    points = []
    for size in sizes:
        t = seconds(article(shape, size))
        points.append((size, t))
        print(f"  {shape} {label(size)}: {t:.2f} s", file=sys.stderr, flush=True)
        if t > budget:
            break
    return points


def label(size: int) -> str:
    return f"{size // 1_000_000}M" if size % 1_000_000 == 0 else f"{size // 1000}K"


def parse_size(s: str) -> int:
    units = {"K": 1_000, "M": 1_000_000}
    return int(float(s[:-1]) * units[s[-1].upper()]) if s[-1].upper() in units else int(s)


def table(results: dict[str, list[tuple[int, float]]], sizes: list[int]) -> bool:
    """Print seconds per size and the exponent per shape; True if any shape is flagged."""
    print(f"{'shape':<12}" + "".join(f"{label(s):>9}" for s in sizes) + f"{'exponent':>10}{'top':>6}")
    flagged = False
    for shape, points in results.items():
        got = dict(points)
        cells = "".join(f"{got[s]:>9.3f}" if s in got else f"{'-':>9}" for s in sizes)
        k, top = exponent(points), exponent(points[-2:])
        flag = "  SUPER-LINEAR" if max(k, top) > FLAG_EXPONENT else ""
        flagged |= bool(flag)
        print(f"{shape:<12}{cells}{k:>10.2f}{top:>6.2f}{flag}")
    return flagged


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--max-size", type=parse_size, default=SIZES[-1], help="largest size, e.g. 1M (default 4M)")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes (default: all)")
    ap.add_argument(
        "--budget",
        type=float,
        default=120.0,
        help="skip a shape's larger sizes once one takes longer than this (seconds)",
    )
    args = ap.parse_args()
    sizes = [s for s in SIZES if s <= args.max_size]
    seconds("Mayor John Smith said the vote would wait.")  # load the models before timing
    results = {shape: run_shape(shape, sizes, args.budget) for shape in args.shapes.split(",")}
    print(f"seconds per size (engine fast; exponent > {FLAG_EXPONENT} flagged)")
    sys.exit(1 if table(results, sizes) else 0)


if __name__ == "__main__":
    main()
