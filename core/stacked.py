"""Several MLPs of one shape run as one: their weights stacked on a leading variant axis, each layer one batched
matrix product (issue 19: small models spend a step's time in per-operation overhead, so V variants in one
operation cost little more than one).

The variants stay ordinary core.models.MLP modules: their parameters become views of the stacked leaves (Stack),
so their optimizers, penalties and health records read and write them as before, and no step stacks anything
again. The numbers are the per-variant loop's: a batched product computes each variant's slice with the kernel of
the plain one, and optimizers' steps are elementwise (tests/test_stacked.py checks losses, weights and health
records).
"""

from __future__ import annotations

import torch
from torch import nn

from core import flat as flat_tensor
from core.models import MLP


def signature(model: nn.Module) -> tuple | None:
    """What variants must share to run stacked: their parameters' names and shapes, their norm layers. None for a
    model that does not stack: anything but a plain MLP, a norm other than BatchNorm (LayerNorm and GroupNorm
    could, but no part trains many of them), dropout (its masks come from the model's generator, drawn per
    variant), maxout (its pieces change the layer's shape)."""
    if type(model) is not MLP:
        return None
    norms = []
    for block in model.blocks:
        if block.drop.p != 0 or block.act.name == "maxout":
            return None
        if isinstance(block.norm, nn.BatchNorm1d):
            norm = block.norm
            if norm.momentum is None or not norm.track_running_stats:
                return None
            norms.append(("batch", norm.momentum, norm.eps))
        elif isinstance(block.norm, nn.Identity):
            norms.append(None)
        else:
            return None
    return tuple(norms), tuple((name, tuple(p.shape)) for name, p in model.named_parameters())


class _Linear(torch.autograd.Function):
    """h (V, N, in), weight (V, out, in), bias (V, out) -> h W^T + b per variant. Its backward computes each
    gradient in the layout the plain nn.Linear's does (the weight's as grad^T h, as torch does for a transposed
    weight), so every variant's gradient is the per-variant loop's; and the batched product of a transposed
    operand, which autograd's own bmm backward would form, is twice as slow here."""

    @staticmethod
    def forward(ctx, h, weight, bias):
        ctx.save_for_backward(h, weight)
        ctx.has_bias = bias is not None
        if bias is None:
            return torch.bmm(h, weight.transpose(1, 2))
        return torch.baddbmm(bias.unsqueeze(1), h, weight.transpose(1, 2))

    @staticmethod
    def backward(ctx, grad):
        h, weight = ctx.saved_tensors
        grad_h = torch.bmm(grad, weight) if ctx.needs_input_grad[0] else None
        grad_weight = torch.bmm(grad.transpose(1, 2), h) if ctx.needs_input_grad[1] else None
        # the bias's gradient as nn.Linear's (a sum over the batch per variant: summed over dim 1 of the stack,
        # the order of the additions differs, which shows where the sum cancels, e.g. before a BatchNorm)
        grad_bias = torch.stack([g.sum(0) for g in grad]) if ctx.has_bias and ctx.needs_input_grad[2] else None
        return grad_h, grad_weight, grad_bias


def linear(h: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None) -> torch.Tensor:
    """h (V, N, in) -> (V, N, out): each variant's own linear layer (weight (V, out, in), bias (V, out)), in one
    batched product; without autograd where no gradient is wanted (evaluation)."""
    if torch.is_grad_enabled():
        return _Linear.apply(h, weight, bias)
    if bias is None:
        return torch.bmm(h, weight.transpose(1, 2))
    return torch.baddbmm(bias.unsqueeze(1), h, weight.transpose(1, 2))


def activation(acts: list[nn.Module], z: torch.Tensor) -> torch.Tensor:
    """Each variant's activation on its slice of z: one call when they are all the same function."""
    if all(a.name == acts[0].name and a.knobs == acts[0].knobs for a in acts):
        return acts[0](z)
    return torch.stack([act(z[v]) for v, act in enumerate(acts)])


def batch_norm(norms: list[nn.BatchNorm1d], weight: torch.Tensor | None, bias: torch.Tensor | None,
               z: torch.Tensor, training: bool) -> torch.Tensor:
    """Each variant's BatchNorm1d on its slice of z (V, N, C): the variants side by side as V x C channels of one
    batch_norm (a channel's statistics are its own; weight and bias: the norms' own, concatenated), the running
    statistics written back to each module."""
    count, n, c = z.shape
    first = norms[0]
    means = torch.cat([m.running_mean for m in norms])
    variances = torch.cat([m.running_var for m in norms])
    out = torch.nn.functional.batch_norm(z.transpose(0, 1).reshape(n, count * c), means, variances, weight, bias,
                                         training, first.momentum, first.eps)
    if training:
        with torch.no_grad():
            for v, m in enumerate(norms):
                m.running_mean.copy_(means[v * c:(v + 1) * c])
                m.running_var.copy_(variances[v * c:(v + 1) * c])
                m.num_batches_tracked.add_(1)
    return out.view(n, count, c).transpose(0, 1)


class Stack:
    """The models' parameters as stacked leaves: each parameter (same names and shapes, see signature) one tensor
    with a leading axis of models, made once, and each model's own parameter an nn.Parameter sharing the storage
    of its slice (an optimizer's step on either is seen by both). Each model's parameter's .grad is its slice of
    the leaf's .grad: the stacked backward writes the leaves' gradients, a gradient reaching a model's parameter
    by another path (a penalty computed on the model) adds into the same memory, and an optimizer per model or
    the health record read them there. zero_grad() zeroes the leaves' gradients (never set them to None: the
    models' .grad are views of them). The models' parameter objects are replaced: code that reads a model's
    parameters must ask the model (model.weights(), named_parameters()), not hold on to ones taken before."""

    def __init__(self, models: list[MLP]):
        self.models = models
        self.leaves: dict[str, torch.Tensor] = {}
        for name, first in models[0].named_parameters():
            leaf = torch.stack([m.get_parameter(name).detach() for m in models]).requires_grad_(first.requires_grad)
            leaf.grad = torch.zeros_like(leaf)
            self.leaves[name] = leaf
        # the leaves that train as views of one flat tensor, which a shared optimizer steps in one call per update
        self.spans: dict[str, tuple[int, int]] = {}
        moving = [leaf for leaf in self.leaves.values() if leaf.requires_grad]
        self.flat = flat_tensor.flatten(moving) if flat_tensor.FLAT and len(moving) > 1 else None
        if self.flat is not None:
            start = 0
            for name, leaf in self.leaves.items():
                if leaf.requires_grad:
                    self.spans[name] = (start, start + leaf.numel())
                    start += leaf.numel()
        for name, leaf in self.leaves.items():
            owner, _, attr = name.rpartition(".")
            for v, model in enumerate(models):
                view = nn.Parameter(leaf.data[v], requires_grad=leaf.requires_grad)
                view.grad = leaf.grad[v]
                setattr(model.get_submodule(owner), attr, view)
        self.layers = []
        for i, block in enumerate(models[0].blocks):
            weight, bias, norm_weight, norm_bias = (self.leaves.get(f"blocks.{i}.{part}") for part in
                                                    ("linear.weight", "linear.bias", "norm.weight", "norm.bias"))
            norms = [m.blocks[i].norm for m in models] if isinstance(block.norm, nn.BatchNorm1d) else None
            self.layers.append((weight, bias, norms, norm_weight, norm_bias, [m.blocks[i].act for m in models]))
        self.head = (self.leaves["head.weight"], self.leaves.get("head.bias"))

    def hidden_weights(self, active: list[int]) -> list[tuple[torch.Tensor, torch.Tensor]]:
        """The hidden layers' weights of the models `active` and their gradients, each (len(active), out, in), as
        core.health.HealthRecorder takes them (the models' weights(): their blocks' linear layers)."""
        some = len(active) < len(self.models)
        pick = lambda t: t[torch.tensor(active)] if some else t  # noqa: E731
        return [(pick(weight.detach()), pick(weight.grad)) for weight, *_ in self.layers]

    def zero_grad(self) -> None:
        torch._foreach_zero_([t.grad for t in self.optimized()])

    def optimized(self) -> list[torch.Tensor]:
        """What an optimizer shared by all the models steps: the flat tensor and the leaves outside it."""
        if self.flat is None:
            return list(self.leaves.values())
        return [self.flat] + [leaf for name, leaf in self.leaves.items() if name not in self.spans]

    def state_of(self, state: dict, name: str) -> dict:
        """A shared optimizer's state (its .state, keyed by what optimized() gave it) for the leaf `name`: the
        leaf's own, or its span of the flat tensor's, each tensor in the leaf's shape (moments, buffers; a step
        count as is)."""
        if name not in self.spans:
            return state.get(self.leaves[name]) or {}
        (start, end), shape = self.spans[name], self.leaves[name].shape
        return {key: value[start:end].view(shape) if torch.is_tensor(value) and value.dim() > 0 else value
                for key, value in (state.get(self.flat) or {}).items()}

    def forward(self, x: torch.Tensor, seen: list | None = None, training: bool = True,
                active: list[int] | None = None) -> torch.Tensor:
        """x (N, d_in), the same points for every model -> logits (V, N, d_out) of the models `active` (all if
        None; a subset gathers their slices, and only their gradients are nonzero); training: BatchNorm's batch
        statistics (else its running ones). seen, if given, receives each hidden layer's (z, a) stacked over the
        models, z what enters the activation, as core.models.recording gives them for one model."""
        some = active is not None and len(active) < len(self.models)
        index = torch.tensor(active) if some else None
        pick = lambda t: t if t is None or not some else t[index]  # noqa: E731
        count = len(active) if some else len(self.models)
        h = x.expand(count, *x.shape)
        for weight, bias, norms, norm_weight, norm_bias, acts in self.layers:
            z = linear(h, pick(weight), pick(bias))
            if norms is not None:
                if some:
                    norms = [norms[v] for v in active]
                z = batch_norm(norms, None if norm_weight is None else pick(norm_weight).reshape(-1),
                               None if norm_bias is None else pick(norm_bias).reshape(-1), z, training)
            h = activation([acts[v] for v in active] if some else acts, z)
            if seen is not None:
                seen.append((z.detach(), h))
        return linear(h, *(pick(t) for t in self.head))
