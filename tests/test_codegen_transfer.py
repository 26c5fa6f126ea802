"""Copy as PyTorch code, transfer learning: the scripts load the shipped backbone from a file beside them
and print the app's numbers for settings other than the page defaults (other target, minibatches, seeds)."""

import shutil

import pytest
from test_codegen import assert_reproduces

from core import backbone as B
from core import transfer as T


@pytest.fixture
def beside(tmp_path):
    """tmp_path, holding the files the scripts read from their own folder (the pretrained weights)."""
    for path in {p for files in T.CODE_FILES.values() for p in files}:
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_every_script_reads_the_shipped_weights_beside_it():
    assert set(T.CODE_FILES) == set(T.CODE) and all(T.CODE_FILES[p] == [B.WEIGHTS] for p in T.CODE)
    for part, export in T.CODE.items():
        script = export(T.EXPERIMENTS[part][1])
        assert 'with_name("backbone.pt")' in script and "weights_only=True" in script
        assert "import core" not in script and "from core" not in script


def test_strategies_with_minibatches_on_the_different_target(beside):
    # every labeled image: minibatches of 64 in seeded epochs; the page default trains on the full batch
    cfg = T.StrategyConfig(target="shuffled", labels="all", steps=20, seed=3, lr_head=0.003, lr_backbone=0.01)
    assert_reproduces(T, "strategies", cfg, beside)


def test_curves_over_seeds(beside):
    cfg = T.CurveConfig(target="shuffled", sizes=("2", "all"), strategies=("linear", "finetune_all"), seeds=3,
                        steps=20, lr_head=0.02)
    assert_reproduces(T, "curves", cfg, beside)


def test_table_over_seeds(beside):
    assert_reproduces(T, "table", T.TableConfig(little="1", lots="50", seeds=2, steps=20), beside)


def test_pca_of_early_features(beside):
    assert_reproduces(T, "pca", T.PcaConfig(target="shuffled", layer="early", points=300, seed=5), beside)


def test_bn_pitfall_follows_the_settings(beside):
    assert_reproduces(T, "bn", T.BnConfig(target="shuffled", labels="5", batch_size=8, steps=30, seed=2), beside)
