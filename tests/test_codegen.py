"""Copy as PyTorch code: the generated script, run on its own, prints the app's numbers."""

import subprocess
import sys

import pytest

from core import activations as A
from core.codegen import mlp_script, supported
from core.data import make_dataset
from core.models import build_mlp
from core.train import summary, twin_runs


def run_script(source: str, tmp_path) -> dict[str, list[float]]:
    path = tmp_path / "run.py"
    path.write_text(source)
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=120, check=True)
    rows = [line.split() for line in out.stdout.strip().splitlines()[1:]]
    return {r[0]: [float(v) for v in r[1:5]] for r in rows}


@pytest.mark.parametrize("cfg", [
    A.RaceConfig(activations=("relu", "tanh", "leaky_relu"), steps=30, n=90),
    A.RaceConfig(activations=("elu", "sigmoid"), dataset="moons", optimizer="sgd", lr=0.5, steps=25, n=120),
])
def test_race_script_reproduces_the_app(cfg, tmp_path):
    data, models, train = A.race_spec(cfg)
    printed = run_script(mlp_script("race", data, models, train), tmp_path)
    app = A.race(cfg)["summary"].set_index("variant")
    for variant, (train_loss, val_loss, train_acc, val_acc) in printed.items():
        row = app.loc[variant]
        assert train_loss == pytest.approx(row.train_loss, abs=1e-5)
        assert val_loss == pytest.approx(row.val_loss, abs=1e-5)
        assert (train_acc, val_acc) == pytest.approx((row.train_accuracy, row.val_accuracy), abs=1e-6)


def test_script_with_minibatches_and_dropout_reproduces_the_loop(tmp_path):
    data, models, train = A.dead_spec(A.DeadConfig(steps=20, width=16))
    models = {k: m.__class__(**{**m.__dict__, "dropout": 0.2}) for k, m in models.items()}
    train = train.__class__(**{**train.__dict__, "batch_size": 32})
    printed = run_script(mlp_script("dead", data, models, train), tmp_path)
    dataset = make_dataset(data)
    runs = twin_runs(lambda v: build_mlp(models[v], 2, 3), list(models), dataset, train)
    app = summary(runs).set_index("variant")
    assert set(printed) == {"relu", "leaky_relu", "elu"}
    for variant, (train_loss, val_loss, _, _) in printed.items():
        assert (train_loss, val_loss) == pytest.approx((app.train_loss[variant], app.val_loss[variant]), abs=1e-5)


def test_maxout_is_not_offered():
    _, models, _ = A.race_spec(A.RaceConfig(activations=("relu", "maxout")))
    assert not supported(models)


def test_initialization_training_script_reproduces_the_app(tmp_path):
    from core import initialization as I

    cfg = I.TrainingConfig(inits=("normal", "xavier_normal"), steps=20, width=16, depth=3)
    data, models, train = I.training_spec(cfg)
    printed = run_script(mlp_script("init", data, models, train), tmp_path)
    app = I.training(cfg)["summary"].set_index("variant")
    for variant, (train_loss, val_loss, _, _) in printed.items():
        assert (train_loss, val_loss) == pytest.approx((app.train_loss[variant], app.val_loss[variant]), abs=1e-5)


def test_optimizers_network_script_reproduces_each_optimizer(tmp_path):
    from core import optimizers as O

    cfg = O.NetworkConfig(optimizers=("sgd", "momentum", "adam", "adamw"), steps=20)
    data, models, train = O.network_spec(cfg)
    printed = run_script(mlp_script("network", data, models, train), tmp_path)
    app = O.network(cfg)["summary"].set_index("variant")
    assert set(printed) == set(cfg.optimizers)
    for variant, (train_loss, val_loss, _, _) in printed.items():
        assert (train_loss, val_loss) == pytest.approx((app.train_loss[variant], app.val_loss[variant]), abs=1e-5)


@pytest.mark.parametrize("part", ["noise", "norms"])
def test_batchnorm_scripts_reproduce_normalized_networks(part, tmp_path):
    """BatchNorm, LayerNorm and GroupNorm with minibatches, as plain torch.nn layers."""
    from core import batchnorm as B

    fn, default = B.EXPERIMENTS[part]
    cfg = default.__class__(**{**default.__dict__, "steps": 50})
    data, models, train = B.CODE[part](cfg)
    printed = run_script(mlp_script(part, data, models, train), tmp_path)
    app = fn(cfg)["summary"].set_index("variant")
    assert set(printed) == set(app.index)
    for variant, (train_loss, val_loss, _, _) in printed.items():
        assert (train_loss, val_loss) == pytest.approx((app.train_loss[variant], app.val_loss[variant]), abs=1e-5)
