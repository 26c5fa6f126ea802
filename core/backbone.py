"""The lab's own pretrained backbone: a small CNN with BatchNorm for 8x8 gray images.

Nothing is downloaded at run time, so `python -m core.pretrain` trains this network on a large
procedurally generated source set (digits in many hands, pen shapes and strokes) and commits the weights
next to this file.
`load_backbone(path)` gives a fresh, trainable copy of the backbone from that file; it, the network and the
seeded initializations are plain PyTorch, so the exported scripts copy them as they are (export/transfer.py).
"""

from __future__ import annotations

import copy
import json
import pathlib
from functools import lru_cache

import torch
from torch import nn

WEIGHTS_DIR = pathlib.Path(__file__).resolve().parent / "weights"
WEIGHTS = WEIGHTS_DIR / "backbone.pt"
META = WEIGHTS_DIR / "backbone.json"
CHANNELS = (16, 32, 64)  # conv widths of the three blocks


class ConvBlock(nn.Module):
    """conv3x3 -> BatchNorm -> ReLU, then 2x2 max-pool when `pool` (8x8 -> 4x4 -> 2x2)."""

    def __init__(self, c_in: int, c_out: int, pool: bool):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_out, 3, padding=1, bias=False)  # BN's beta plays the bias
        self.bn = nn.BatchNorm2d(c_out)
        self.pool = nn.MaxPool2d(2) if pool else nn.Identity()

    def forward(self, x):
        return self.pool(torch.relu(self.bn(self.conv(x))))


class Backbone(nn.Module):
    """x: (N, 1, 8, 8) -> features (N, 256): block1 (N,16,4,4), block2 (N,32,2,2), block3 (N,64,2,2)."""

    def __init__(self, channels: tuple[int, int, int] = CHANNELS):
        super().__init__()
        c1, c2, c3 = channels
        self.block1 = ConvBlock(1, c1, pool=True)
        self.block2 = ConvBlock(c1, c2, pool=True)
        self.block3 = ConvBlock(c2, c3, pool=False)  # the "top block" that fine-tuning may retrain

    def early(self, x):
        """Block-2 features, flattened: (N, 128) — an earlier, more generic layer."""
        return self.block2(self.block1(x)).flatten(1)

    def forward(self, x):
        return self.block3(self.block2(self.block1(x))).flatten(1)

    @property
    def dim(self) -> int:
        return self.block3.conv.out_channels * 4


class Classifier(nn.Module):
    """A backbone plus a linear head: (N, 1, 8, 8) -> logits (N, K)."""

    def __init__(self, backbone: Backbone, classes: int):
        super().__init__()
        self.backbone = backbone
        self.head = nn.Linear(backbone.dim, classes)

    def forward(self, x):
        return self.head(self.backbone(x))


def seeded_backbone(seed: int) -> Backbone:
    """A randomly initialized backbone: He-normal convolutions drawn from its own generator, BatchNorm at 1, 0."""
    model = Backbone()
    g = torch.Generator().manual_seed(seed)
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu", generator=g)
    return model


def seeded_head(d_in: int, classes: int, seed: int) -> nn.Linear:
    """A new linear head, the same for every strategy that shares (d_in, classes, seed)."""
    head = nn.Linear(d_in, classes)
    g = torch.Generator().manual_seed(seed + 7919)
    bound = 1 / d_in ** 0.5  # PyTorch's own Linear default, drawn from our generator
    with torch.no_grad():
        head.weight.uniform_(-bound, bound, generator=g)
        head.bias.uniform_(-bound, bound, generator=g)
    return head


def load_backbone(path):
    """A fresh, trainable copy of the pretrained backbone (in eval mode) from the saved classifier's
    state_dict: tensors only (weights_only=True: no pickled code runs), the source head's left out."""
    state = torch.load(path, weights_only=True)
    backbone = Backbone()
    backbone.load_state_dict({k.removeprefix("backbone."): v for k, v in state.items() if k.startswith("backbone.")})
    return backbone.eval()


def load_classifier(path: pathlib.Path = WEIGHTS) -> Classifier:
    """Backbone and source head from a state_dict file (tensors only: weights_only=True)."""
    state = torch.load(path, weights_only=True)
    model = Classifier(Backbone(), state["head.weight"].shape[0])
    model.load_state_dict(state)
    return model.eval()


@lru_cache(maxsize=1)
def _source_head() -> nn.Linear:
    return load_classifier().head.requires_grad_(False)


def source_head() -> nn.Linear:
    """A copy of the head the backbone was pretrained with: features (N, 256) -> the source classes."""
    return copy.deepcopy(_source_head())


@lru_cache(maxsize=1)
def meta() -> dict:
    """What the backbone was trained on, how long, and to what accuracy (written by core.pretrain)."""
    return json.loads(META.read_text())
