"""An optimizer's parameters in one flat tensor per parameter group, so that each of its elementwise operations is
one call instead of one per parameter tensor (issue 19: a small model's step is mostly per-call overhead).

The parameters stay what they were: the same Parameter objects in the same modules (code that took them before,
a penalty, a callback, a health record, reads them as before), each now a view of its group's flat tensor, and
its .grad a view of the flat tensor's .grad. Backward adds each parameter's gradient into that view; the optimizer
steps the flat tensor, which writes every parameter at once. Every update of the lab's optimizers is elementwise
(SGD with momentum or Nesterov, Adagrad, RMSprop, Adam, AdamW, weight decay), so each element gets the numbers it
got before: tests/test_flat.py compares every part's frames with and without it.

Measured on Regularization's 2-128-128-3 MLP (bench/PROFILE.md item 10): a step 7% shorter with SGD, 11% with
momentum, 20% with Adam.
"""

from __future__ import annotations

import functools
import inspect
from typing import Callable

import torch
from torch import nn

FLAT = True  # tests and bench compare runs with and without it


def skipping(model: nn.Module) -> set[int]:
    """The ids of the parameters of the modules of `model` that some training steps may leave out (a module with
    SKIPS_STEPS = True: stochastic depth's blocks). A parameter a step leaves out has no gradient at that step, and
    the optimizer skips it (no momentum, no decay, no Adam step); in a flat tensor it would get a gradient of 0 and
    move, so it stays out of it."""
    return {id(p) for m in model.modules() if getattr(m, "SKIPS_STEPS", False) for p in m.parameters()}


def zeroing(opt: torch.optim.Optimizer) -> Callable[[], None]:
    """The run's zero_grad before (and without) a flat tensor: every gradient set to None."""
    return functools.partial(opt.zero_grad, set_to_none=True)


def flattened(opt: torch.optim.Optimizer, loose: set[int] = frozenset()) -> tuple[torch.optim.Optimizer,
                                                                                   Callable[[], None]]:
    """After a run's first backward and before its optimizer's first step: the same optimizer (its class, its
    settings, its groups in order) over one flat tensor per group holding that group's parameters that have a
    gradient and whose ids are not in `loose` (skipping), and the run's zero_grad from now on (zeroes the flat
    gradients in place; sets the others' to None, as zero_grad(set_to_none=True) does, so that a step that does not
    reach them skips them). `opt` itself when there is nothing to gain (FLAT off, groups of one tensor each,
    parameters that share memory) or when parameters differ in dtype or device. `opt` must not have stepped yet:
    its new self starts afresh (Adagrad's initial sums are made again)."""
    groups = opt.param_groups
    if not FLAT or all(len(g["params"]) < 2 for g in groups):
        return opt, zeroing(opt)
    params = [p for g in groups for p in g["params"]]
    if len({p.untyped_storage().data_ptr() for p in params}) < len(params) or \
            len({(p.dtype, p.device) for p in params}) > 1:
        return opt, zeroing(opt)
    new_groups, flats, others = [], [], []
    for group in groups:
        fixed = lambda p: p.grad is not None and p.requires_grad and id(p) not in loose  # noqa: E731
        moving = [p for p in group["params"] if fixed(p)]
        rest = [p for p in group["params"] if not fixed(p)]
        if len(moving) > 1:
            flat = flatten(moving)
            flats.append(flat)
            moving = [flat]
        others += rest
        new_groups.append({**{k: v for k, v in group.items() if k != "params"}, "params": moving + rest})
    if not flats:
        return opt, zeroing(opt)
    accepted = inspect.signature(type(opt)).parameters  # defaults can hold more (AdamW's decoupled_weight_decay)
    rebuilt = type(opt)(new_groups, **{k: v for k, v in opt.defaults.items() if k in accepted})

    def zero_grad() -> None:
        torch._foreach_zero_([flat.grad for flat in flats])
        for p in others:
            p.grad = None

    return rebuilt, zero_grad


def flatten(params: list[torch.Tensor]) -> torch.Tensor:
    """One leaf tensor holding `params` one after another, with a gradient holding theirs; each parameter becomes a
    view of its slice (its data and its .grad), values unchanged."""
    with torch.no_grad():
        flat = torch.cat([p.detach().reshape(-1) for p in params]).requires_grad_(True)
        flat.grad = torch.cat([p.grad.reshape(-1) for p in params])
    start = 0
    for p in params:
        end = start + p.numel()
        p.data = flat.data[start:end].view_as(p)
        p.grad = flat.grad[start:end].view_as(p)
        start = end
    return flat


def own_storage(model: nn.Module) -> None:
    """Give each parameter of `model` that views a larger tensor (a flat one, a stack's leaves) storage of its own,
    a copy of its values and gradient, as before training. A trained model then carries only itself: pickle saves
    a view's whole storage, once per parameter, so the runs of half a stack of 32 MLPs, sent from one worker to
    another, pickled to 71 MB with a view per leaf and 425 MB with a view of one flat tensor (32 of them own their
    parameters in 2 MB), and the receiver held all of it."""
    with torch.no_grad():
        for p in model.parameters():
            if p.untyped_storage().nbytes() > p.numel() * p.element_size():
                p.data = p.data.clone()
                if p.grad is not None:
                    p.grad = p.grad.clone()

