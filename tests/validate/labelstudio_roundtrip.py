"""The Label Studio side of the server round trip, through its SDK: create a project with
newslib's labelling configuration, import the tasks, annotate each task by accepting its
pre-annotation (the first task with one attribution deleted), export as JSON.

Run in the test's process where the SDK is importable, else with the Python of a separate venv
that has Label Studio (``NEWSLIB_LABEL_STUDIO_VENV``, which ``.ci/run`` makes: Label Studio
pins numpy, pyarrow and dateutil below what newslib uses, so it gets a venv of its own):

    python labelstudio_roundtrip.py URL TOKEN CONFIG.xml TASKS.json EXPORT.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def round_trip(url: str, token: str, config: str, tasks: list[dict], export_path: Path) -> int:
    """The project made, annotated and exported to ``export_path``; how many attributions the
    annotator deleted."""
    from label_studio_sdk import LabelStudio

    ls = LabelStudio(base_url=url, api_key=token)
    project = ls.projects.create(title="newslib validation", label_config=config)
    ls.projects.import_tasks(id=project.id, request=tasks)
    stored = sorted(ls.tasks.list(project=project.id), key=lambda t: t.id)
    assert len(stored) == len(tasks)
    dropped = 0
    for i, task in enumerate(stored):
        [prediction] = list(ls.predictions.list(task=task.id))
        result = list(prediction.result)
        if i == 0:  # the annotator deletes one attribution: its regions, fields and relations
            gone = {r["id"] for r in result if r.get("id", "").startswith("a0")}
            result = [r for r in result if r.get("id") not in gone and r.get("from_id") not in gone]
            dropped = 1
        ls.annotations.create(id=task.id, result=result, was_cancelled=False)
    export = json.loads(b"".join(ls.projects.exports.download_sync(project.id, export_type="JSON")))
    export_path.write_text(json.dumps(export), encoding="utf-8")
    return dropped


if __name__ == "__main__":
    url, token, config, tasks, out = sys.argv[1:6]
    n = round_trip(
        url,
        token,
        Path(config).read_text(encoding="utf-8"),
        json.loads(Path(tasks).read_text(encoding="utf-8")),
        Path(out),
    )
    print(n)
