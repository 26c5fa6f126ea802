"""Warm the server once, in the background, when the first session arrives: import every page's core
module (and torch's optimizer machinery, whose first use imports torch._dynamo: ~1-2 s), then fill the
result cache with the experiment each page opens on, then every paper card's default run (the home page's
evidence board shows their badges). The first visitors of a page then get a cached result instead of
queueing behind imports. Runs once per process; never blocks a session."""

from __future__ import annotations

import importlib
import logging
import threading

import torch

from core.cards import CARDS
from ui import cache
from ui.topics import TOPICS

_started = False
_lock = threading.Lock()


def _warm() -> None:
    try:
        torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)  # imports torch._dynamo once
        modules = [importlib.import_module(f"core.{topic.scope}") for topic in TOPICS]
        for module in modules:
            fn, cfg = next(iter(module.EXPERIMENTS.values()))
            cache.compute(fn, cfg)
        for card in CARDS.values():  # the home page's evidence board reads their default runs (several s each)
            cache.compute(card.experiment, card.config)
    except Exception:  # noqa: BLE001 - warming is an optimization; a failure shows up on the page itself
        logging.getLogger("lab").exception("warm-up failed")


def start() -> None:
    global _started
    with _lock:
        if _started:
            return
        _started = True
    threading.Thread(target=_warm, name="lab-warmup", daemon=True).start()
