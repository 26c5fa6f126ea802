"""Copy as PyTorch code, transfer learning: the scripts load the shipped backbone from a file beside them
and print the app's numbers for settings other than the page defaults (other target, minibatches, seeds,
every strategy, a diverging run)."""

from test_codegen import assert_reproduces

from core import transfer
from core.backbone import WEIGHTS
from export import exports

CODE = exports("transfer")


def test_every_script_reads_the_shipped_weights_beside_it():
    for part, export in CODE.items():
        assert export.files == (WEIGHTS,), part
        script = export.script(transfer.EXPERIMENTS[part][1])
        assert "weights='backbone.pt'," in script and "torch.load(path, weights_only=True)" in script, part
        assert "class Backbone(nn.Module):" in script, part  # the app's own network, not a copy of it
        assert "import core" not in script and "from core" not in script, part


def test_a_script_defines_only_the_strategies_it_runs():
    script = CODE["strategies"].script(transfer.StrategyConfig(strategies=("linear", "finetune_top")))
    assert "def linear_probe(" in script and "def finetune_top(" in script
    assert "def from_scratch(" not in script and "def finetune_all(" not in script
    assert "def linear_probe_early(" not in script and "def seeded_backbone(" not in script


def test_strategies_with_minibatches_on_the_different_target(tmp_path):
    # every labeled image: minibatches of 64 in seeded epochs; the page default trains on the full batch
    cfg = transfer.StrategyConfig(target="shuffled", labels="all", steps=10, seed=3, lr_head=0.003, lr_backbone=0.01)
    keys, summary = assert_reproduces("transfer", "strategies", cfg, tmp_path)["summary"]
    assert keys == ["strategy"] and list(summary.strategy) == list(transfer.STRATEGIES)


def test_a_diverging_run_stops_where_the_app_stops_it(tmp_path):
    # a learning rate no page allows: training from scratch explodes at its second step, the probe does not
    cfg = transfer.StrategyConfig(strategies=("scratch", "linear"), lr_head=10.0, steps=10)
    scratch = transfer.run_strategy("scratch", cfg.target, cfg.labels, transfer.Recipe(lr_head=10.0, steps=10))
    assert scratch.diverged_at == 1 and scratch.reason == "exploded"
    assert_reproduces("transfer", "strategies", cfg, tmp_path)


def test_curves_over_seeds(tmp_path):
    cfg = transfer.CurveConfig(target="shuffled", sizes=("2", "all"), strategies=("linear", "finetune_all"), seeds=3,
                               steps=10, lr_head=0.02)
    _, mean = assert_reproduces("transfer", "curves", cfg, tmp_path)["mean"]
    assert len(mean) == 4 and (mean["std"] > 0).any()  # three seeds: a spread to show


def test_table_over_seeds(tmp_path):
    cfg = transfer.TableConfig(little="1", lots="50", seeds=2, steps=10)
    _, cells = assert_reproduces("transfer", "table", cfg, tmp_path)["cells"]
    assert len(cells) == 4 and set(cells.advice) == set(transfer.ADVICE.values())


def test_pca_of_early_features(tmp_path):
    cfg = transfer.PcaConfig(target="shuffled", layer="early", points=300, seed=5)
    assert_reproduces("transfer", "pca", cfg, tmp_path)


def test_bn_pitfall_follows_the_settings(tmp_path):
    cfg = transfer.BnConfig(target="shuffled", labels="5", batch_size=8, steps=30, seed=2)
    tables = assert_reproduces("transfer", "bn", cfg, tmp_path)
    summary = tables["summary"][1].set_index("variant")
    assert summary.stats_changed["train_mode"] > 0 and summary.stats_changed["eval_mode"] == 0
    assert len(tables["stats"][1]) == 2 * 2 * sum((16, 32, 64))  # two variants, mean and var of every channel
