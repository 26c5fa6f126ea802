"""Lectures 6-7, regularization: nine claims, each with the run that shows it."""

import pandas as pd
import streamlit as st

from core import regularization
from ui import charts, charts_regularization
from ui.cache import run
from ui.cards import card_parts
from ui.controls import form, presets
from ui.curves import curves, loss_and_accuracy
from ui.health import health_view
from ui.i18n import t
from ui.layout import chart, formula, header, notice, parts, table
from ui.options import legend_label, named
from ui.study import code_export, gate

SCOPE = "regularization"


def pct(x: float) -> str:
    return f"{x:.0%}"


def gaps(summary) -> str:
    return ", ".join(f"{legend_label(r.variant, SCOPE)} {r.loss_gap:.2f}" for r in summary.itertuples())


def overfit():
    presets(regularization.OverfitConfig, SCOPE,
            {"few": {"n_train": 20}, "small": {}, "many": {"n_train": 2000, "steps": 150}})
    cfg = form(regularization.OverfitConfig, SCOPE, columns=5)
    out = run(regularization.overfit, cfg)
    loss_and_accuracy(out, SCOPE, "overfit")
    row = out["summary"].set_index("variant").loc["none"]
    notice(t(f"{SCOPE}.overfit.notice", n=cfg.n_train, train=pct(row.train_accuracy), val=pct(row.val_accuracy),
             best=row.best_step, best_loss=f"{row.best_val_loss:.2f}", end_loss=f"{row.val_loss:.2f}",
             gap=f"{row.loss_gap:.2f}"))
    health_view(SCOPE, out)
    return cfg


def penalty():
    formula(r"L = \frac{1}{N}\sum_i L_i + \lambda_2 \sum_k W_k^2",
            r"w \leftarrow \mathrm{sign}(w)\,\max(|w| - \eta\lambda_1,\ 0)")
    cfg = form(regularization.PenaltyConfig, SCOPE, columns=5)
    out = run(regularization.penalties, cfg)
    left, right = st.columns(2)
    with left:
        curves(out, SCOPE, "penalty_history")
    with right:
        fig = charts.lines(named(out["weights"], "variant"), "weight", "share", "variant",
                           t(f"{SCOPE}.penalty.hist"), log_y=False)
        chart(fig, out["weights"], "penalty_weights")
    table(out["start"], "penalty_start", names=("variant",), scope=SCOPE)
    table(out["summary"][["variant", "train_accuracy", "val_accuracy", "loss_gap", "best_step"]], "penalty_summary",
          names=("variant",), scope=SCOPE)
    start, zeros = out["start"].set_index("variant").total, out["zeros"].set_index("variant")
    notice(t(f"{SCOPE}.penalty.notice", none=f"{start['none']:.3f}", l2=f"{start['L2']:.3f}",
             zero=pct(zeros.exact_zero["L1"]), zero_none=pct(zeros.exact_zero["none"]), gaps=gaps(out["summary"])))
    health_view(SCOPE, out)
    return cfg


def dropout():
    presets(regularization.DropoutConfig, SCOPE, {"half": {}, "light": {"p": 0.2}, "heavy": {"p": 0.8}})
    formula(r"\text{train: } h \leftarrow \frac{m \odot h}{1 - p}", r"m_j \sim \mathrm{Bernoulli}(1 - p)",
            r"\text{test: } h \leftarrow h")
    cfg = form(regularization.DropoutConfig, SCOPE, columns=5)
    out = run(regularization.dropout_training, cfg)
    loss_and_accuracy(out, SCOPE, "dropout")
    s = out["summary"].set_index("variant")
    notice(t(f"{SCOPE}.dropout.notice", p=cfg.p, keep=f"{1 - cfg.p:.2f}", gap0=f"{s.loss_gap['none']:.2f}",
             gap=f"{s.loss_gap['dropout']:.2f}", val0=pct(s.val_accuracy["none"]), val=pct(s.val_accuracy["dropout"])))
    health_view(SCOPE, out)
    return cfg


def inference():
    cfg = form(regularization.InferenceConfig, SCOPE, columns=4)
    out = run(regularization.dropout_inference, cfg)
    samples, compare = out["samples"], out["compare"]
    c = compare[compare.quantity == "hidden mean"].set_index("scaling")
    u = out["uncertainty"].set_index("outcome").mean_std
    factors = {"same": 1.0, "keep": 1 - cfg.p, "inverse": 1 / (1 - cfg.p)}
    nearest = min(factors, key=lambda k: abs(factors[k] - c.ratio["forgot to scale"]))
    gate(SCOPE, "unscaled", list(factors), nearest, cfg)
    left, right = st.columns(2)
    with left:
        chart(charts.histograms(samples, "hidden_mean", "scaling", t(f"{SCOPE}.inference.hist"),
                                color="scaling"), samples, "inference_samples")
    with right:
        chart(charts.histograms(samples, "probability", "scaling", t(f"{SCOPE}.inference.prob"),
                                color="scaling"), samples, "inference_probability")
    table(compare, "inference_compare", names=("scaling", "quantity"), scope=SCOPE)
    table(out["uncertainty"], "inference_uncertainty", names=("outcome",), scope=SCOPE)
    notice(t(f"{SCOPE}.inference.notice", passes=cfg.passes, eval=f"{c.eval_value['inverted']:.4f}",
             inv=f"{c.train_mode_mean['inverted']:.4f}", bug=f"{c.train_mode_mean['forgot to scale']:.4f}",
             ratio=f"{c.ratio['forgot to scale']:.3f}", keep=f"{1 - cfg.p:.2f}", right=f"{u['correct']:.3f}",
             wrong=f"{u['wrong']:.3f}"))
    health_view(SCOPE, out)
    return cfg


def dropconnect():
    formula(r"\text{dropout: } y = W (m \odot h)", r"\text{DropConnect: } y = (M \odot W)\, h")
    cfg = form(regularization.DropConnectConfig, SCOPE, columns=5)
    out = run(regularization.dropconnect, cfg)
    loss_and_accuracy(out, SCOPE, "dropconnect")
    s = out["summary"].set_index("variant")
    notice(t(f"{SCOPE}.dropconnect.notice", p=cfg.p, gaps=gaps(out["summary"]), val0=pct(s.val_accuracy["none"]),
             drop=pct(s.val_accuracy["dropout"]), conn=pct(s.val_accuracy["dropconnect"])))
    health_view(SCOPE, out)
    return cfg


def fractional():
    cfg = form(regularization.FractionalConfig, SCOPE, columns=5)
    out = run(regularization.fractional_pooling, cfg)
    regions, image = out["regions"], out["image"]
    panels = [("2x2 max", 0)] + [("fractional", d) for d in range(1, cfg.draw + 1)]
    for col, (pooling, d) in zip(st.columns(len(panels)), panels):
        with col:
            sel = regions[(regions.pooling == pooling) & (regions.draw == d)]
            title = t(f"{SCOPE}.fractional.fixed") if d == 0 else t(f"{SCOPE}.fractional.draw", d=d)
            chart(charts_regularization.regions(image, sel, title, size=220), sel, f"fractional_regions_{d}")
    images = [("input", image)] + list(out["pooled"].groupby("pooling", sort=False))
    for col, (name, frame) in zip(st.columns(3), images):
        with col:
            title = t(f"{SCOPE}.fractional.out", name=legend_label(name, SCOPE), size=int(frame.row.max()) + 1)
            chart(charts_regularization.pixels(frame, title, 280), frame, f"fractional_pooled_{name.replace(' ', '_')}")
    curves(out, SCOPE, "fractional_history", "accuracy")
    s = out["summary"].set_index("variant")
    size_out = int(out["pooled"].query("pooling == 'fractional'").row.max()) + 1
    notice(t(f"{SCOPE}.fractional.notice", size=cfg.size, out=size_out, half=cfg.size // 2,
             val_max=pct(s.val_accuracy["2x2 max"]), val_frac=pct(s.val_accuracy["fractional"]),
             gap_max=f"{s.loss_gap['2x2 max']:.2f}", gap_frac=f"{s.loss_gap['fractional']:.2f}"))
    return cfg


def depth():
    presets(regularization.DepthConfig, SCOPE, {"paper": {}, "off": {"p_last": 1.0}})
    formula(r"\text{train: } x_{l} = x_{l-1} + b_l\, f_l(x_{l-1})",
            r"\text{test: } x_{l} = x_{l-1} + p_l\, f_l(x_{l-1})",
            r"b_l \sim \mathrm{Bernoulli}(p_l), \quad p_l = 1 - \tfrac{l}{L}(1 - p_L)")
    cfg = form(regularization.DepthConfig, SCOPE, columns=5)
    out = run(regularization.stochastic_depth, cfg)
    left, right = st.columns([1, 2])
    with left:
        chart(charts_regularization.survival(out["survival"], t(f"{SCOPE}.depth.survival"), t(f"{SCOPE}.depth.block"),
                                             t(f"{SCOPE}.depth.p")), out["survival"], "depth_survival")
    with right:
        curves(out, SCOPE, "depth_history")
    s = out["summary"].set_index("variant")
    notice(t(f"{SCOPE}.depth.notice", L=cfg.blocks, pL=cfg.p_last, mean=f"{out['survival'].p.mean():.2f}",
             val0=pct(s.val_accuracy["none"]), val=pct(s.val_accuracy["stochastic depth"]),
             gap0=f"{s.loss_gap['none']:.2f}", gap=f"{s.loss_gap['stochastic depth']:.2f}"))
    health_view(SCOPE, out, note=t(f"{SCOPE}.depth.health"))
    return cfg


def augment():
    presets(regularization.AugmentConfig, SCOPE,
            {"mild": {}, "shift": {"rotate": 0.0, "scale": 0.0}, "strong": {"shift": 2.0, "rotate": 30.0}})
    cfg = form(regularization.AugmentConfig, SCOPE, columns=6)
    out = run(regularization.augmentation, cfg)
    left, right = st.columns([2, 3])
    with left:
        chart(charts_regularization.image_grid(out["grid"], "example", "version", t(f"{SCOPE}.augment.grid"),
                                               size=48), out["grid"], "augment_grid")
    with right:
        curves(out, SCOPE, "augment_history", "accuracy")
    s = out["summary"].set_index("variant")
    notice(t(f"{SCOPE}.augment.notice", n=cfg.n_train, plain=pct(s.val_accuracy["plain"]),
             aug=pct(s.val_accuracy["augmented"]), gap0=f"{s.loss_gap['plain']:.2f}",
             gap=f"{s.loss_gap['augmented']:.2f}"))
    health_view(SCOPE, out)
    return cfg


def ensemble():
    cfg = form(regularization.EnsembleConfig, SCOPE, columns=5)
    out = run(regularization.ensemble, cfg)
    models, growing = out["models"], out["growing"]
    everyone = growing.set_index("k").loc[cfg.models]  # the ensemble of all K models
    left, right = st.columns(2)
    with left:
        bars = pd.concat([models, pd.DataFrame([{"model": t(f"{SCOPE}.ensemble.all"),
                                                 "val_accuracy": everyone.val_accuracy,
                                                 "val_loss": everyone.val_loss}])], ignore_index=True)
        chart(charts.bars(bars, "val_accuracy", "model", t(f"{SCOPE}.ensemble.bars"), sort=None), bars,
              "ensemble_models")
    with right:
        chart(charts.lines(growing.assign(curve="ensemble"), "k", "val_accuracy", "curve",
                           t(f"{SCOPE}.ensemble.grow")), growing, "ensemble_growing")
    notice(t(f"{SCOPE}.ensemble.notice", K=cfg.models, mean=pct(models.val_accuracy.mean()),
             best=pct(models.val_accuracy.max()), ens=pct(everyone.val_accuracy),
             loss1=f"{models.val_loss.mean():.3f}", lossK=f"{everyone.val_loss:.3f}"))
    health_view(SCOPE, out)
    return cfg


PARTS = {"overfit": overfit, "penalty": penalty, "dropout": dropout, "inference": inference,
         "dropconnect": dropconnect, "fractional": fractional, "depth": depth, "augment": augment, "ensemble": ensemble,
         **card_parts(SCOPE)}

header(SCOPE)
part = parts(SCOPE, list(PARTS))
code_export(SCOPE, part, PARTS[part]())
