"""Three tiers of models on the 1-D digits: a linear classifier, an MLP and a small 1-D CNN, as twin runs.

MNIST-1D (Greydanus 2020, "Scaling down deep learning", arXiv:2011.14439) was made so that model classes
separate on it: the paper reports about 32% for logistic regression, 68% for an MLP and 94% for a CNN. Our
own generator (core.data.digits1d) and the budget here are smaller; the ordering with wide margins holds
(tests/test_digits1d.py), not those numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from torch import nn

from core.data import DataConfig, make_dataset
from core.models import MLP, CNN1d, ModelConfig, mlp_settings
from core.params import num
from core.plain import init_weights
from core.train import SECONDS_PER_MAC, STEP_OVERHEAD, TrainConfig, healths, histories, summary, twin_runs

TIERS = ("softmax", "mlp", "cnn")  # the linear (softmax) classifier, the MLP, the CNN
# Each tier's init: Xavier for the softmax classifier (Glorot & Bengio 2010), He for the ReLU layers of the MLP
# and the CNN (He et al. 2015).
TIER_INITS = {"softmax": "xavier_normal", "mlp": "kaiming_normal", "cnn": "kaiming_normal"}
MLP_DEPTH = 2  # hidden layers, as MNIST-1D's MLP
KERNEL_1D = 5  # CNN1d's kernel size
EVALUATIONS = 20  # evaluations of train and validation sets per run (the curves' points)
BUDGET_SECONDS = 6.0  # estimated (tiers_seconds), on one core: the largest allowed configuration stays under ~8 s


@dataclass(frozen=True)
class TiersConfig:
    examples: int = num(2000, 500, 4000, step=100, key="tn")  # 1,400 for training: the MLP overfits, the CNN not
    noise: float = num(0.2, 0.0, 1.0, step=0.05, key="tnoise")  # core.data.digits1d's scale: 0.2 is its reference
    mlp_width: int = num(100, 16, 256, step=4, key="twidth")  # MNIST-1D's MLP has 100 units per hidden layer
    cnn_channels: int = num(16, 4, 32, step=4, key="tch")
    lr: float = num(0.01, 1e-4, 0.1, log=True, key="tlr")  # Adam, the same rate for all three
    steps: int = num(300, 50, 1000, step=50, key="tsteps")
    seed: int = num(0, 0, 9999, key="tseed")
    batch_size: int = 128

    def limit(self) -> dict:
        """The most steps (a multiple of 50, at least 50) up to `steps` whose three runs fit BUDGET_SECONDS."""
        steps = self.steps
        while steps > 50 and tiers_seconds(self.examples, self.mlp_width, self.cnn_channels, steps,
                                           self.batch_size) > BUDGET_SECONDS:
            steps = (steps - 1) // 50 * 50
        return {"steps": steps}


def tiers_seconds(examples: int, width: int, channels: int, steps: int, batch_size: int) -> float:
    """Rough time of the three runs, from core.train's per-step overhead and cost of a multiply-add: each step
    trains on a batch (forward and backward: 3x the forward's multiply-adds), and each evaluation reads all
    examples once."""
    length = 40  # core.data.LENGTH_1D
    macs = (length * 10 + length * width + width * width + width * 10  # linear, then the MLP
            + length * KERNEL_1D * (channels + channels * channels) + channels * 10)  # the CNN
    evaluations = steps // evaluate_every(steps) + 1
    return steps * (3 * STEP_OVERHEAD + 3 * batch_size * macs * SECONDS_PER_MAC) + \
        evaluations * examples * macs * SECONDS_PER_MAC


def evaluate_every(steps: int) -> int:
    """Steps between two evaluations: about EVALUATIONS per run."""
    return max(steps // EVALUATIONS, 1)


def tier_model(tier, d_in, classes, mlp, channels, init, seed):
    """A tier's model, its weights from `seed` through the named init: 'softmax' a linear classifier
    (N, d_in) -> (N, classes); 'mlp' an MLP with the keyword arguments `mlp`; 'cnn' a CNN1d with `channels`."""
    if tier == "softmax":
        return init_weights(nn.Linear(d_in, classes), init, 0.01, seed)
    if tier == "mlp":
        return init_weights(MLP(d_in, classes, **mlp), init, 0.01, seed)
    return CNN1d(classes, channels, init, seed)


def parameters(model) -> int:
    return sum(p.numel() for p in model.parameters())


def tiers_spec(cfg: TiersConfig) -> tuple[DataConfig, TrainConfig]:
    """What the tiers train on and how: the 1-D digits, Adam on minibatches, the same for all three."""
    data = DataConfig(name="digits1d", n=cfg.examples, noise=cfg.noise, seed=cfg.seed)
    train = TrainConfig(optimizer="adam", lr=cfg.lr, steps=cfg.steps, batch_size=cfg.batch_size, seed=cfg.seed,
                        eval_every=evaluate_every(cfg.steps))
    return data, train


def tier_settings(cfg: TiersConfig) -> dict:
    """tier_model's settings besides the tier, the data's shape and the init: the MLP's (ReLU, no
    normalization or dropout, MLP_DEPTH hidden layers), the CNN's channels, the seed."""
    mlp = mlp_settings(ModelConfig(width=cfg.mlp_width, depth=MLP_DEPTH, seed=cfg.seed))
    return {"mlp": mlp, "channels": cfg.cnn_channels, "seed": cfg.seed}


def tiers(cfg: TiersConfig) -> dict[str, pd.DataFrame]:
    """A linear classifier, an MLP and a CNN1d trained on the same split of the 1-D digits with the same batch
    order (core.train.twin_runs). 'history' and 'summary' as in core.train; 'tiers': model, parameters,
    train_accuracy, val_accuracy (the summary's last evaluation); 'health' and 'histograms' of the MLP (the
    one tier with hidden layers the health record reads)."""
    data_cfg, tcfg = tiers_spec(cfg)
    data = make_dataset(data_cfg)
    build = lambda tier: tier_model(tier, data.dim, data.classes, init=TIER_INITS[tier], **tier_settings(cfg))
    runs = twin_runs(build, list(TIERS), data, tcfg)
    table = summary(runs)
    tiers_table = pd.DataFrame({"model": [r.variant for r in runs], "parameters": [parameters(r.model) for r in runs],
                                "train_accuracy": table.train_accuracy, "val_accuracy": table.val_accuracy})
    return {"history": histories(runs), "summary": table, "tiers": tiers_table,
            **healths([r for r in runs if r.variant == "mlp"])}


def margins(table: pd.DataFrame) -> dict[str, float]:
    """Validation accuracy gained from one tier to the next: 'mlp_over_linear', 'cnn_over_mlp' (in [0, 1])."""
    acc = table.set_index("model").val_accuracy
    return {"mlp_over_linear": acc["mlp"] - acc["softmax"], "cnn_over_mlp": acc["cnn"] - acc["mlp"]}


# Margin of the fact (linear < MLP < CNN by at least 10 points each), and the one verdict the page shows.
TIER_MARGIN = 0.10


def ordered(table: pd.DataFrame) -> bool:
    """Whether this run shows the tiers: each model at least TIER_MARGIN above the one before in validation
    accuracy."""
    return all(m >= TIER_MARGIN for m in margins(table).values())

# The part's one-click settings: the default, more examples, no noise, more noise.
TIERS_PRESETS = {"tiers_default": {}, "tiers_more": {"examples": 4000}, "tiers_clean": {"noise": 0.0},
                 "tiers_noisy": {"noise": 0.6}}
