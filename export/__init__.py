"""Copy as PyTorch code: scripts assembled from the functions the app runs (export/assemble.py).

export/<page>.py lists a page's exportable parts as `CODE = {part: Export(main, settings)}`, where `<page>`
is the page's scope in ui/topics.py. This package imports core, never the reverse.
"""

from __future__ import annotations

import importlib

from export.assemble import Export


def exports(scope: str) -> dict[str, Export]:
    """The parts of page `scope` that can be copied as PyTorch code."""
    return importlib.import_module(f"export.{scope}").CODE
