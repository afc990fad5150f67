"""The error newslib reports in one line: what failed, and where.

``origin`` names where (a file and line, a dataset directory, a cluster address) and
``message`` what; ``str()`` is ``"origin: message"``, and the command line prints it alone,
without a traceback. Each kind of failure is a subclass: :class:`~newslib.reading.ReadError`
(an input that cannot be read as an article), :class:`~newslib.dataset.DatasetError` (a dataset
directory that cannot be written or read as asked) and
:class:`~newslib.dataset.cluster.ClusterError` (a cluster that cannot be reached or used). A
dataset or a cluster failing is not an input failing to read, so neither is a ``ReadError``.
"""

from __future__ import annotations


class NewslibError(Exception):
    """A failure newslib can name in one line: ``origin`` (where) and ``message`` (what)."""

    def __init__(self, origin: str, message: str) -> None:
        super().__init__(f"{origin}: {message}")
        self.origin = origin
        self.message = message
