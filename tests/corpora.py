"""Small corpora in every format, written by the tests themselves from the project's own templates."""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import lzma
from pathlib import Path

TEMPLATES = [
    "{place} council to {act}\n\nThe {place} council will {act} next month, its chair said on {day}.\n\n"
    "“We have waited long enough,” said {name}, who leads the council. “The people of {place} deserve it.”\n\n"
    "Opponents said the plan would cost {n} million dollars, according to a statement from the residents' group.",
    "{name} wins {place} vote\n\n{name} won the {place} election on {day}, officials said, with {n} percent of "
    "the vote.\n\nThe result was confirmed by the electoral commission, a spokeswoman told reporters.\n\n"
    "“This is a victory for every family in {place},” {name} said in a speech to supporters.",
]
PLACES = ["Harbour", "Valley", "Northfield", "Riverside", "Eastwick"]
NAMES = ["Anna Berg", "Tom Okafor", "Lena Duarte", "Raj Patel", "Mei Chen"]
ACTS = ["repair the bridge", "close the depot", "widen the road", "open a library"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article(i: int) -> dict[str, str]:
    """Article ``i``: an id, a text of 60-90 words with attributions, and an outlet and date."""
    t = TEMPLATES[i % len(TEMPLATES)].format(
        place=PLACES[i % 5], name=NAMES[(i // 2) % 5], act=ACTS[i % 4], day=DAYS[(i // 3) % 5], n=10 + i % 80
    )
    return {
        "id": f"art-{i:05d}",
        "text": t,
        "outlet": ["Daily", "Herald", "Post"][i % 3],
        "date": f"2026-0{1 + i % 9}-1{i % 10}",
    }


def articles(n: int, start: int = 0) -> list[dict[str, str]]:
    return [article(i) for i in range(start, start + n)]


def write_jsonl(path: Path, rows: list[dict], compress: str = "") -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
    path.write_bytes(_compress(data, compress))
    return path


def write_csv(
    path: Path, rows: list[dict], text_column: str = "text", delimiter: str = ",", compress: str = ""
) -> Path:
    buf = io.StringIO()
    names = [text_column if k == "text" else k for k in rows[0]]
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(names)
    w.writerows([list(r.values()) for r in rows])
    path.write_bytes(_compress(buf.getvalue().encode(), compress))
    return path


def write_parquet(path: Path, rows: list[dict], row_group_size: int = 7) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path


def page(row: dict[str, str]) -> bytes:
    """An HTML page around an article: navigation and a footer the extractor must drop."""
    title, *paras = row["text"].split("\n\n")
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a> | <a href='/n'>News</a>"
        f"</nav><article><h1>{title}</h1>{body}</article><footer>© Example News</footer></body></html>"
    ).encode()


def write_warc(path: Path, rows: list[dict], gzip_records: bool = True, images: bool = True) -> Path:
    """A WARC file of response records, an image after each page, built with warcio."""
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gzip_records)
        for r in rows:
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            w.write_record(
                w.create_warc_record(f"https://example.com/{r['id']}", "response", payload=io.BytesIO(http + page(r)))
            )
            img = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n"
            if images:
                w.write_record(
                    w.create_warc_record(f"https://example.com/{r['id']}.png", "response", payload=io.BytesIO(img))
                )
    return path


def _compress(data: bytes, how: str) -> bytes:
    if how == "gzip":
        return gzip.compress(data, mtime=0)
    if how == "bz2":
        return bz2.compress(data)
    if how == "xz":
        return lzma.compress(data)
    if how == "zstd":
        import zstandard

        return zstandard.ZstdCompressor().compress(data)
    return data


# -- who is quoted: women and men, two outlets, dates over three months --------------------------------------------

QUOTED_DATES = [
    "2026-01-05",
    "2026-01-20T08:15:00Z",
    "5 February 2026",
    "Tue, 10 Feb 2026 09:00:00 GMT",
    "2026-02-27",
    "2026/03/03",
    "March 9, 2026",
    "2026-03-30 23:59:00+02:00",
    "",
    "soon",
    "2026-01-31",
    "2026-03-15",
]
"""The date of article ``i`` of :func:`quoted` (spellings newslib reads, two it cannot): months 1, 1, 2,
2, 2, 3, 3, 3, none, none, 1, 3."""
QUOTED_MONTHS = [
    "2026-01",
    "2026-01",
    "2026-02",
    "2026-02",
    "2026-02",
    "2026-03",
    "2026-03",
    "2026-03",
    None,
    None,
    "2026-01",
    "2026-03",
]

_QUOTED = [
    "Budget talks resume in {place}\n\nThe {place} council resumed budget talks on Monday, officials said.\n\n"
    "“We cannot cut the bus routes again,” said {woman}, who chairs the transport committee. “People rely on "
    "them.” She said the council would vote next week.\n\n{man} said the plan was too expensive. “Nobody has "
    "seen the real figures,” he told reporters.",
    "{place} opens a new library\n\nA new library opened in {place} on Friday.\n\n“Children here deserve "
    "books and a quiet room,” said {man}, the head librarian. He said the library would stay open late.\n\n"
    "A senior official, who asked not to be named, said the building cost more than planned.",
    "Flood defences in {place}\n\n“The river rose faster than anyone expected,” {woman} said on Sunday. "
    "She said the defences had held.\n\nAccording to a report by the {place} water board, repairs will take "
    "months.\n\nAnalysts said insurance costs would rise. Xandor Quillfeather, a local farmer, said the "
    "fields were lost.",
]
_WOMEN = ["Anna Berg", "Lena Duarte", "Mei Chen"]
_MEN = ["Tom Okafor", "Raj Patel"]


def quoted(n: int = 12) -> list[dict[str, str]]:
    """Articles quoting women and men by name, unnamed officials, groups and a report, from two
    outlets (one with a ``$`` in its name), dated as :data:`QUOTED_DATES`."""
    rows = []
    for i in range(n):
        text = _QUOTED[i % 3].format(place=PLACES[i % 5], woman=_WOMEN[(i // 2) % 3], man=_MEN[(i // 3) % 2])
        row = {"id": f"q-{i:03d}", "text": text, "outlet": ["The $Post", "Courier"][i % 2]}
        if QUOTED_DATES[i % 12]:
            row["date"] = QUOTED_DATES[i % 12]
        rows.append(row)
    return rows
