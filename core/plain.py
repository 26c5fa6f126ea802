"""Plain PyTorch pieces that the engine runs and the exported scripts show verbatim.

Nothing here imports the rest of the project: each function reads as standalone Python, so "copy as
PyTorch code" (export/) takes its source with inspect.getsource instead of a second copy. The engine
(core/train.py, core/data.py, core/models.py, the pages' experiments) is built on the same functions.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

# Divergence (core.train and every script): a run stops when its loss is NaN/inf, exceeds 1000x its first
# value, or stays above 3x its first value for PATIENCE steps in a row (a brief spike after a large first
# step is not divergence).
DIVERGE_FACTOR, BLOWUP_FACTOR, PATIENCE = 3.0, 1000.0, 20


def divergence(value, first, above):
    """The rule above, one step at a time: value is this step's loss, first the run's first loss and above
    how many steps in a row it has stayed above 3x first. Returns (reason or None, new `above`), where
    reason is "nan" or "exploded"."""
    above = above + 1 if value > DIVERGE_FACTOR * max(first, 1e-3) else 0
    if not math.isfinite(value):
        return "nan", above
    if value > BLOWUP_FACTOR * max(first, 1e-3) or above >= PATIENCE:
        return "exploded", above
    return None, above


def batch_order(n, batch_size, generator):
    """Endless index batches: the full batch when batch_size is 0 or >= n, else seeded epochs (the points
    left over at an epoch's end wait for the next shuffle)."""
    while True:
        if batch_size <= 0 or batch_size >= n:
            yield slice(None)
            continue
        order = torch.randperm(n, generator=generator)
        for start in range(0, n - batch_size + 1, batch_size):
            yield order[start:start + batch_size]


def loss_and_accuracy(logits, y):
    """Cross-entropy loss and accuracy of logits (N, K) for the labels y, as numbers."""
    return F.cross_entropy(logits, y).item(), (logits.argmax(dim=1) == y).float().mean().item()


def evaluate(model, x, y):
    """Cross-entropy loss and accuracy of the model on (x, y), in eval mode (dropout off, BatchNorm's
    running averages); restores the model's mode."""
    was_training = model.training
    model.eval()
    with torch.inference_mode():
        loss, accuracy = loss_and_accuracy(model(x), y)
    model.train(was_training)
    return loss, accuracy


def shuffle_split(x, y, val_fraction, generator):
    """Shuffle the points with the data's generator and hold out the first val_fraction of them:
    (x_train, y_train, x_val, y_val)."""
    order = torch.randperm(len(x), generator=generator)
    x, y = x[order].float(), y[order]
    n_val = max(1, int(round(val_fraction * len(x))))
    return x[n_val:], y[n_val:], x[:n_val], y[:n_val]


# Initializations: init(w, std, g) fills the weight w from the generator g (std is used by the first four).
def init_zero(w, std, g):
    nn.init.zeros_(w)


def init_constant(w, std, g):
    nn.init.constant_(w, std)


def init_normal(w, std, g):
    nn.init.normal_(w, 0.0, std, generator=g)


def init_uniform(w, std, g):
    a = std * math.sqrt(3)  # U(-a, a) has std a / sqrt(3): the same std as the normal init
    nn.init.uniform_(w, -a, a, generator=g)


def init_xavier_normal(w, std, g):
    nn.init.xavier_normal_(w, generator=g)  # Glorot & Bengio 2010: Var(W) = 2 / (n_in + n_out)


def init_xavier_uniform(w, std, g):
    nn.init.xavier_uniform_(w, generator=g)


def init_kaiming_normal(w, std, g):
    nn.init.kaiming_normal_(w, nonlinearity="relu", generator=g)  # He et al. 2015: Var(W) = 2 / n_in


def init_orthogonal(w, std, g):
    nn.init.orthogonal_(w, generator=g)


INITS = {"zero": init_zero, "constant": init_constant, "normal": init_normal, "uniform": init_uniform,
         "xavier_normal": init_xavier_normal, "xavier_uniform": init_xavier_uniform,
         "kaiming_normal": init_kaiming_normal, "orthogonal": init_orthogonal,
         # Mishkin & Matas 2016: an orthogonal start, then each layer rescaled on data (core.models.lsuv_)
         "lsuv": init_orthogonal}


def init_weights(model, init, std, seed):
    """Every Linear/Conv weight of the model, first to last, from one seeded generator; biases start at 0."""
    g = torch.Generator().manual_seed(seed)
    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            INITS[init](m.weight, std, g)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
    return model


# Optimizers: make(params, lr, momentum, weight_decay) -> a torch.optim optimizer. foreach=True: one fused
# call per step for all tensors instead of a Python loop over them (measured about 2x faster per step
# for the lab's small MLPs on CPU, where torch defaults to the loop).
def sgd(params, lr, momentum=0.9, weight_decay=0.0):
    return torch.optim.SGD(params, lr=lr, weight_decay=weight_decay, foreach=True)


def sgd_momentum(params, lr, momentum=0.9, weight_decay=0.0):
    return torch.optim.SGD(params, lr=lr, momentum=momentum, weight_decay=weight_decay, foreach=True)


def sgd_nesterov(params, lr, momentum=0.9, weight_decay=0.0):
    # without momentum there is nothing to look ahead with: Nesterov is plain SGD (torch refuses momentum 0)
    return torch.optim.SGD(params, lr=lr, momentum=momentum, nesterov=momentum > 0, weight_decay=weight_decay,
                           foreach=True)


def adagrad(params, lr, momentum=0.9, weight_decay=0.0):
    return torch.optim.Adagrad(params, lr=lr, weight_decay=weight_decay, foreach=True)


def rmsprop(params, lr, momentum=0.9, weight_decay=0.0):
    return torch.optim.RMSprop(params, lr=lr, alpha=0.99, weight_decay=weight_decay, foreach=True)


def adam(params, lr, momentum=0.9, weight_decay=0.0):
    return torch.optim.Adam(params, lr=lr, weight_decay=weight_decay, foreach=True)  # L2 inside the gradient


def adamw(params, lr, momentum=0.9, weight_decay=0.0):
    return torch.optim.AdamW(params, lr=lr, weight_decay=weight_decay, foreach=True)  # decoupled decay


OPTIMIZERS = {"sgd": sgd, "momentum": sgd_momentum, "nesterov": sgd_nesterov, "adagrad": adagrad,
              "rmsprop": rmsprop, "adam": adam, "adamw": adamw}
