"""Several MLPs of one shape run as one: their weights stacked on a leading variant axis, each layer one batched
matrix product (issue 19: small models spend a step's time in per-operation overhead, so V variants in one
operation cost little more than one).

The variants stay ordinary core.models.MLP modules that own their parameters (their optimizers, penalties and
health records see nothing new); each forward stacks the weights again (torch.stack: the backward hands every
variant its own gradient). The numbers are the per-variant loop's: a batched product computes each variant's
slice with the kernel of the plain one (tests/test_stacked.py checks losses, weights and health records).
"""

from __future__ import annotations

import torch
from torch import nn

from core.models import MLP


def signature(model: nn.Module) -> tuple | None:
    """What variants must share to run stacked: their parameters' names and shapes. None for a model that does
    not stack: anything but a plain MLP, a norm layer (BatchNorm's running statistics are state), dropout (its
    masks come from the model's generator, drawn per variant), maxout (its pieces change the layer's shape)."""
    if type(model) is not MLP:
        return None
    for block in model.blocks:
        if not isinstance(block.norm, nn.Identity) or block.drop.p != 0 or block.act.name == "maxout":
            return None
    return tuple((name, tuple(p.shape)) for name, p in model.named_parameters())


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
        grad_bias = grad.sum(1) if ctx.has_bias and ctx.needs_input_grad[2] else None
        return grad_h, grad_weight, grad_bias


def linear(layers: list[nn.Linear], h: torch.Tensor) -> torch.Tensor:
    """h (V, N, in) -> (V, N, out): each variant's own nn.Linear, in one batched product."""
    weight = torch.stack([layer.weight for layer in layers])
    bias = None if layers[0].bias is None else torch.stack([layer.bias for layer in layers])
    return _Linear.apply(h, weight, bias)


def activation(acts: list[nn.Module], z: torch.Tensor) -> torch.Tensor:
    """Each variant's activation on its slice of z: one call when they are all the same function."""
    if all(a.name == acts[0].name and a.knobs == acts[0].knobs for a in acts):
        return acts[0](z)
    return torch.stack([act(z[v]) for v, act in enumerate(acts)])


def forward(models: list[MLP], x: torch.Tensor, seen: list | None = None) -> torch.Tensor:
    """x (N, d_in), the same points for every variant -> logits (V, N, d_out). seen, if given, receives each
    hidden layer's (z, a) stacked over the variants, as core.models.recording gives them for one model."""
    h = x.expand(len(models), *x.shape)
    for layer in range(len(models[0].blocks)):
        blocks = [m.blocks[layer] for m in models]
        z = linear([b.linear for b in blocks], h)
        h = activation([b.act for b in blocks], z)
        if seen is not None:
            seen.append((z.detach(), h))
    return linear([m.head for m in models], h)
