"""Pretrain the lab's backbone on a large, procedurally generated source set; write the weights.

    python -m core.pretrain                      # the committed core/weights/backbone.{pt,json}
    python -m core.pretrain --per-class 20 --epochs 1 --out /tmp/x   # a tiny end-to-end run

The source task resembles the target (scikit-learn's handwritten digits, never used here): the digits 0-9,
each in two to four styles of writing (one class per digit), plus 16 classes of pen shapes (bars, diagonals,
crosses, boxes, rings, L, T, Z, V, C, ...) and 14 random pen paths as extra classes. Each image is drawn in a
random style of its class with a smooth elastic distortion, a random scale, rotation, shear, shift, stroke
width and contrast, rendered at 16x16 and averaged down to 8x8 gray in [0, 1] like scikit-learn's digits.
Everything comes from one seeded generator and training runs on one thread, so the same command writes the
same weights.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import pathlib
import time
from functools import lru_cache

import torch
import torch.nn.functional as F

from core.backbone import META, WEIGHTS, Backbone, Classifier
from core.data import Dataset
from core.plain import evaluate
from core.train import TrainConfig, train


def _ring(k: int, start: float = 0.0, end: float = 2 * math.pi, center: tuple[float, float] = (0.0, 0.0),
          radius: float = 1.0) -> list[tuple[float, float]]:
    """An arc (a full circle by default) as a polyline of k segments."""
    angles = [start + (end - start) * i / k for i in range(k + 1)]
    return [(center[0] + radius * math.cos(a), center[1] + radius * math.sin(a)) for a in angles]


# Each class is a set of polylines on the canvas [-1, 1]^2 (y points down, as in an image).
SHAPES: dict[str, list[list[tuple[float, float]]]] = {
    "bar": [[(-1, 0), (1, 0)]],
    "pole": [[(0, -1), (0, 1)]],
    "slash": [[(-1, 1), (1, -1)]],
    "backslash": [[(-1, -1), (1, 1)]],
    "plus": [[(-1, 0), (1, 0)], [(0, -1), (0, 1)]],
    "cross": [[(-1, -1), (1, 1)], [(-1, 1), (1, -1)]],
    "box": [[(-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)]],
    "triangle": [[(0, -1), (1, 1), (-1, 1), (0, -1)]],
    "ring": [_ring(12)],
    "ell": [[(-1, -1), (-1, 1), (1, 1)]],
    "tee": [[(-1, -1), (1, -1)], [(0, -1), (0, 1)]],
    "zed": [[(-1, -1), (1, -1), (-1, 1), (1, 1)]],
    "vee": [[(-1, -1), (0, 1), (1, -1)]],
    "cup": [_ring(8, 0.25 * math.pi, 1.75 * math.pi)],  # a C, open to the right
    "equals": [[(-1, -0.5), (1, -0.5)], [(-1, 0.5), (1, 0.5)]],
    "dot": [[(0, 0), (0.15, 0)]],
}
GLYPHS = 14  # plus this many random pen paths through points of a 3x3 grid; every other one drawn smooth


def _smooth(points: list[tuple[float, float]], pieces: int = 3) -> list[tuple[float, float]]:
    """A Catmull-Rom curve through the points, as a polyline of `pieces` segments per span."""
    p = [points[0]] + points + [points[-1]]
    out = [points[0]]
    for i in range(1, len(p) - 2):
        for k in range(1, pieces + 1):
            t = k / pieces
            out.append(tuple(0.5 * (2 * p[i][d] + (-p[i - 1][d] + p[i + 1][d]) * t
                                    + (2 * p[i - 1][d] - 5 * p[i][d] + 4 * p[i + 1][d] - p[i + 2][d]) * t * t
                                    + (-p[i - 1][d] + 3 * p[i][d] - 3 * p[i + 1][d] + p[i + 2][d]) * t ** 3)
                             for d in (0, 1)))
    return out


def _glyphs(count: int, seed: int = 1234) -> dict[str, list[list[tuple[float, float]]]]:
    """Random but fixed paths through 4-5 distinct points of the grid {-1, 0, 1}^2, one per class."""
    g = torch.Generator().manual_seed(seed)
    points = [(float(x), float(y)) for y in (-1, 0, 1) for x in (-1, 0, 1)]
    out, seen = {}, set()
    while len(out) < count:
        path = tuple(torch.randperm(9, generator=g)[:4 + int(torch.randint(0, 2, (1,), generator=g))].tolist())
        if path in seen or path[::-1] in seen:
            continue
        seen.add(path)
        line = [points[i] for i in path]
        smooth = len(out) % 2 == 1
        out[f"{'curve' if smooth else 'path'}{len(out) // 2 + 1}"] = [_smooth(line) if smooth else line]
    return out


# Digits 0-9 written in many hands: every digit class has several styles (stroke templates), one picked at
# random per image, so that the source task resembles the target (CS231n Lecture 7: "very little data,
# similar dataset: a linear classifier on top"; Yosinski et al. 2014: features transfer best between similar
# tasks). The templates are drawn from how people write digits, not from scikit-learn's images, which are the
# target and never seen here.
DIGITS = {
    "zero": [[_ring(12)], [_ring(10, -0.35 * math.pi, 1.55 * math.pi)],
             [_smooth([(0.3, -1), (-0.6, -0.4), (-0.5, 0.7), (0.4, 0.9), (0.6, -0.2), (0.3, -1)])]],
    "one": [[[(0, -1), (0, 1)]], [[(-0.4, -0.6), (0, -1), (0, 1)]],
            [[(-0.5, -0.5), (0, -1), (0, 1)], [(-0.5, 1), (0.5, 1)]], [[(0.3, -1), (-0.2, 1)]]],
    "two": [[_smooth([(-0.8, -0.5), (0, -1), (0.8, -0.4), (-0.8, 1)]), [(-0.8, 1), (0.9, 1)]],
            [_smooth([(-0.7, -0.7), (0.1, -1), (0.7, -0.5), (0.3, 0.2), (-0.8, 1)]), [(-0.8, 1), (0.8, 0.9)]],
            [_smooth([(-0.8, -0.6), (0.2, -1), (0.6, -0.3), (-0.7, 0.9), (-0.4, 0.6), (0.9, 1)])]],
    "three": [[_smooth([(-0.8, -0.9), (0.7, -0.6), (-0.1, 0), (0.7, 0.5), (-0.8, 0.9)])],
              [[(-0.8, -1), (0.7, -1), (-0.1, -0.1)], _smooth([(-0.1, -0.1), (0.7, 0.4), (0, 1), (-0.8, 0.7)])],
              [_smooth([(-0.7, -0.7), (0, -1), (0.6, -0.6), (0, -0.05)]),
               _smooth([(0, -0.05), (0.7, 0.45), (0, 1), (-0.7, 0.75)])]],
    "four": [[[(0.4, 1), (0.4, -1), (-0.9, 0.4), (0.9, 0.4)]],
             [[(-0.6, -1), (-0.7, 0.2), (0.8, 0.2)], [(0.4, -0.6), (0.4, 1)]],
             [[(-0.5, -1), (-0.7, 0.1), (0.7, 0.1)], [(0.3, -1), (0.3, 1)]]],
    "five": [[[(0.8, -1), (-0.6, -1), (-0.7, -0.1)],
              _smooth([(-0.7, -0.1), (0.7, 0.1), (0.6, 0.8), (-0.8, 0.9)])],
             [[(0.7, -1), (-0.5, -1)], _smooth([(-0.5, -1), (-0.6, -0.1), (0.5, -0.1), (0.6, 0.7), (-0.7, 0.9)])]],
    "six": [[_smooth([(0.6, -1), (-0.6, -0.2), (-0.7, 0.6), (0, 1), (0.7, 0.5), (0, 0), (-0.65, 0.3)])],
            [_smooth([(0.4, -1), (-0.5, 0)]), _ring(10, center=(0, 0.45), radius=0.55)]],
    "seven": [[[(-0.9, -1), (0.9, -1), (-0.2, 1)]], [[(-0.9, -1), (0.9, -1), (0, 1)], [(-0.4, 0), (0.6, 0)]],
              [[(-0.8, -0.8), (-0.7, -1), (0.8, -1), (0.1, 1)]]],
    "eight": [[_smooth([(0, 0), (0.7, -0.5), (0, -1), (-0.7, -0.5), (0, 0), (0.7, 0.5), (0, 1), (-0.7, 0.5),
                        (0, 0)])],
              [_ring(8, center=(0, -0.5), radius=0.5), _ring(8, center=(0, 0.45), radius=0.55)]],
    "nine": [[_smooth([(0.65, -0.3), (0, 0.1), (-0.7, -0.4), (0, -1), (0.7, -0.5), (0.6, 1)])],
             [_ring(8, center=(0, -0.45), radius=0.55), [(0.55, -0.45), (0.4, 1)]],
             [_ring(8, center=(0, -0.45), radius=0.55), _smooth([(0.55, -0.45), (0.3, 0.5), (-0.3, 1)])]],
}
# Each class is a list of styles; a style is a set of polylines. The pen shapes and random paths have one style.
STYLES: dict[str, list[list[list[tuple[float, float]]]]] = {**DIGITS, **{c: [s] for c, s in SHAPES.items()},
                                                            **{c: [s] for c, s in _glyphs(GLYPHS).items()}}
CLASSES = tuple(STYLES)
SUPER = 16  # render at 16x16, then average 2x2 blocks down to 8x8
PIECE = 0.4  # straight segments longer than this are cut, so that the elastic distortion can bend them


def _pieces(a, b) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Segment a->b cut into pieces no longer than PIECE."""
    k = max(1, math.ceil(math.dist(a, b) / PIECE))
    points = [(a[0] + (b[0] - a[0]) * i / k, a[1] + (b[1] - a[1]) * i / k) for i in range(k + 1)]
    return list(zip(points[:-1], points[1:]))


@lru_cache(maxsize=1)
def _segments() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Every style's segments as endpoint pairs, (T, S, 2, 2), padded by repeating its last one; the class of
    each style (T,); and the first style of each class (C + 1,), so that class c owns styles first[c]:first[c+1]."""
    styles, owner, first = [], [], [0]
    for c, name in enumerate(CLASSES):
        for style in STYLES[name]:
            styles.append([piece for line in style for a, b in zip(line[:-1], line[1:]) for piece in _pieces(a, b)])
            owner.append(c)
        first.append(len(styles))
    most = max(len(s) for s in styles)
    segments = torch.tensor([s + [s[-1]] * (most - len(s)) for s in styles], dtype=torch.float32)
    return segments, torch.tensor(owner), torch.tensor(first)


def _distance(p: torch.Tensor, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Distance of grid points p (G, 2) to segments a->b (N, S, 2): (N, S, G)."""
    ab = (b - a)[:, :, None, :]
    ap = p[None, None] - a[:, :, None, :]
    t = ((ap * ab).sum(-1) / (ab.pow(2).sum(-1) + 1e-9)).clamp(0, 1)
    return (ap - t[..., None] * ab).norm(dim=-1)


def elastic(points: torch.Tensor, g: torch.Generator, amount: float = 0.08, waves: int = 3) -> torch.Tensor:
    """points: (N, P, 2) moved by a smooth random field per image, a sum of `waves` plane waves
    a_k sin(w_k . p + phi_k) (an elastic-ish distortion, after Simard et al. 2003): points close together move
    together, so strokes bend but stay connected."""
    n = len(points)
    w = 2.0 * torch.randn(n, waves, 2, generator=g)  # about one period across the canvas
    phase = 2 * math.pi * torch.rand(n, waves, generator=g)
    a = amount * torch.randn(n, waves, 2, generator=g)
    angle = torch.einsum("npd,nkd->npk", points, w) + phase[:, None, :]  # (N, P, K)
    return points + torch.einsum("npk,nkd->npd", torch.sin(angle), a)


def render(labels: torch.Tensor, g: torch.Generator) -> torch.Tensor:
    """labels: (N,) class ids -> images (N, 1, 8, 8) in [0, 1], each in a random style of its class, with its
    own elastic distortion, pose (scale, slant, rotation, shift), stroke width and contrast."""
    n = len(labels)
    u = lambda lo, hi, *shape: lo + (hi - lo) * torch.rand(n, *shape, generator=g)
    segments, _, first = _segments()
    count = first[labels + 1] - first[labels]
    style = first[labels] + (torch.rand(n, generator=g) * count).long().clamp(max=count - 1)
    seg = elastic(segments[style].reshape(n, -1, 2), g).reshape(n, -1, 2, 2)
    angle, shear = u(-0.25, 0.25), u(-0.35, 0.35)
    scale = torch.stack([u(0.4, 0.8), u(0.75, 0.95)], -1)  # tall and narrow, like handwritten digits
    shift = u(-0.1, 0.1, 2)
    cos, sin = torch.cos(angle), torch.sin(angle)
    rot = torch.stack([torch.stack([cos, -sin], -1), torch.stack([sin, cos], -1)], -2)
    warp = rot @ torch.stack([torch.stack([scale[:, 0], shear * scale[:, 1]], -1),
                              torch.stack([torch.zeros(n), scale[:, 1]], -1)], -2)  # (N, 2, 2)
    ends = torch.einsum("nij,nskj->nski", warp, seg) + shift[:, None, None, :]
    axis = (torch.arange(SUPER) + 0.5) / SUPER * 2 - 1
    grid = torch.stack(torch.meshgrid(axis, axis, indexing="xy"), -1).reshape(-1, 2)  # (G, 2) as (x, y)
    d = _distance(grid, ends[:, :, 0], ends[:, :, 1]).min(dim=1).values  # (N, G)
    width = u(0.1, 0.26)[:, None]
    ink = ((width + 0.06 - d) / 0.12).clamp(0, 1).reshape(n, 1, SUPER, SUPER)
    img = F.avg_pool2d(ink, SUPER // 8) * u(0.75, 1.0)[:, None, None, None]
    return (img + 0.03 * torch.randn(img.shape, generator=g)).clamp(0, 1)


def source_set(per_class: int, seed: int, chunk: int = 4096) -> tuple[torch.Tensor, torch.Tensor]:
    """per_class images of every class, shuffled: x (N, 1, 8, 8), y (N,)."""
    g = torch.Generator().manual_seed(seed)
    y = torch.arange(len(CLASSES)).repeat(per_class)
    y = y[torch.randperm(len(y), generator=g)]
    x = torch.cat([render(y[i:i + chunk], g) for i in range(0, len(y), chunk)])
    return x, y


def state_hash(state: dict[str, torch.Tensor]) -> str:
    """A hash of the tensors themselves (not of the file), to check that a rerun reproduced them."""
    digest = hashlib.sha256()
    for name in sorted(state):
        digest.update(name.encode())
        digest.update(state[name].detach().contiguous().numpy().tobytes())
    return digest.hexdigest()[:16]


def pretrain(per_class: int = 1000, test_per_class: int = 100, epochs: int = 5, batch_size: int = 256,
             lr: float = 3e-3, seed: int = 0, out: pathlib.Path = WEIGHTS.parent) -> dict:
    """Generate the source set, train Backbone + head on it, save state_dict and metadata to `out`."""
    torch.set_num_threads(1)  # one thread: the same weights on every run of this script
    start = time.perf_counter()
    x, y = source_set(per_class, seed)
    x_test, y_test = source_set(test_per_class, seed + 1)
    made = time.perf_counter() - start
    model = Classifier(Backbone(), len(CLASSES))
    g = torch.Generator().manual_seed(seed)
    for p in model.parameters():  # draw every initial weight from our own generator, none from the global one
        if p.dim() > 1:
            torch.nn.init.kaiming_normal_(p, nonlinearity="relu", generator=g)
    torch.nn.init.zeros_(model.head.bias)
    steps = max(1, epochs * len(x) // batch_size)
    cfg = TrainConfig(optimizer="adam", lr=lr, steps=steps, batch_size=batch_size, seed=seed, eval_every=steps)
    run = train(model, Dataset(x, y, x_test, y_test, len(CLASSES)), cfg, variant="source")
    state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    meta = {"classes": list(CLASSES), "train_images": len(x), "test_images": len(x_test),
            "per_class": per_class, "test_per_class": test_per_class, "epochs": epochs, "steps": steps,
            "batch_size": batch_size, "lr": lr, "seed": seed,
            "source_accuracy": evaluate(model, x_test, y_test)[1],
            "train_accuracy": float(run.history[(run.history.split == "train")].accuracy.iloc[-1]),
            "data_seconds": round(made, 2), "train_seconds": round(run.seconds, 2),
            "parameters": sum(p.numel() for p in model.parameters()), "state_hash": state_hash(state),
            "torch": torch.__version__}
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    torch.save(state, out / WEIGHTS.name)
    (out / META.name).write_text(json.dumps(meta, indent=1) + "\n")
    return meta


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-class", type=int, default=1000, help="training images per class (size knob)")
    parser.add_argument("--test-per-class", type=int, default=100)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=pathlib.Path, default=WEIGHTS.parent)
    args = parser.parse_args(argv)
    meta = pretrain(args.per_class, args.test_per_class, args.epochs, seed=args.seed, out=args.out)
    print(json.dumps(meta, indent=1))
    return meta


if __name__ == "__main__":
    main()
