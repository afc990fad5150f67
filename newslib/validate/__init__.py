"""Validating newslib on one's own corpus: a sample to annotate, annotations back in, figures
with their uncertainty.

``write_sample`` draws a reproducible stratified sample of a dataset and writes it as Label
Studio tasks with newslib's attributions as pre-annotations (:mod:`.sample`,
:mod:`.labelstudio`); ``read_export`` turns Label Studio's export into the gold format
``newslib eval`` reads; ``validate_files`` scores the gold against the dataset with bootstrap
intervals over articles, agreement between annotators and corrected corpus figures
(:mod:`.measure`, :mod:`.report`); :mod:`.cost` estimates the annotation time.
"""

from .labelstudio import Imported, Problem, import_export, label_config, read_export, to_task
from .report import Validation, format_validation, open_validation, plot_intervals, validate, validate_files
from .sample import draw, guidelines, sample_records, write_sample

__all__ = [
    "Imported",
    "Problem",
    "Validation",
    "draw",
    "format_validation",
    "guidelines",
    "import_export",
    "label_config",
    "open_validation",
    "plot_intervals",
    "read_export",
    "sample_records",
    "to_task",
    "validate",
    "validate_files",
    "write_sample",
]
