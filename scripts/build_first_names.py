"""Build newslib/data/first_names.tsv from the name data shipped in the nomquamgender wheel (MIT).

nomquamgender 0.1.4 (Van Buskirk, Clauset and Larremore, "An open-source cultural consensus
approach to name-based gender classification", ICWSM 2023) ships ``name_data.json``: for each
lowercased, diacritic-free name, [number of sources, number of observations, p(gf), taxonomy],
aggregated from 36 name-gender sources. We keep the names that at least MIN_SOURCES of those
sources agree on (107k of 722k names; it drops one-source noise such as misspellings and
surnames, and keeps almost every name that occurs in news, see newslib/sources/FIRSTNAMES.md),
and only names written in a-z with inner hyphens, apostrophes or spaces. Each line is
``name<TAB>p_female`` (at most three decimals, as in the source), sorted by name. Deterministic.

Run it in a throwaway venv (the package is not a newslib dependency)::

    python3.11 -m venv /tmp/gvenv && /tmp/gvenv/bin/pip install nomquamgender==0.1.4
    /tmp/gvenv/bin/python scripts/build_first_names.py
"""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import json
import re
from pathlib import Path

MIN_SOURCES = 3
NAME = re.compile(r"[a-z]+(?:[-' ][a-z]+)*")
OUT = Path(__file__).resolve().parents[1] / "newslib" / "data" / "first_names.tsv"


def main() -> None:
    version = importlib.metadata.version("nomquamgender")
    data = json.loads((importlib.resources.files("nomquamgender") / "name_data.json").read_text(encoding="utf-8"))
    license_text = importlib.metadata.distribution("nomquamgender").read_text("LICENSE") or ""
    rows = sorted((n, v[2]) for n, v in data.items() if v[0] >= MIN_SOURCES and NAME.fullmatch(n))
    header = [
        f"# First name -> probability that a person with this name is female, from nomquamgender {version}",
        "# (name_data.json, Van Buskirk, Clauset and Larremore, ICWSM 2023), names attested by at least",
        f"# {MIN_SOURCES} of its sources; built by scripts/build_first_names.py. The data's licence (MIT):",
        *(f"#   {line}".rstrip() for line in license_text.strip().splitlines()),
        "name\tp_female",
    ]
    body = [f"{n}\t{round(p, 3):g}" for n, p in rows]
    OUT.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} names, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
