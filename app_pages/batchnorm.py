"""Lecture 5 (CS231n 2017 Lecture 6), Batch Normalization: seven claims, each with the run that shows it."""

import inspect
import math

import streamlit as st

from core import batchnorm
from core.params import Spec
from ui import charts, charts_batchnorm
from ui.cache import run
from ui.cards import card_parts
from ui.controls import form, linked_number, presets
from ui.health import health_view
from ui.i18n import t
from ui.layout import chart, download, formula, header, notice, parts, table
from ui.study import code_export, gate
from ui.options import legend_label, named

SCOPE = "batchnorm"
FORMULA = (r"\mu = \frac{1}{N}\sum_{i=1}^{N} x_i,\quad \sigma^2 = \frac{1}{N}\sum_{i=1}^{N} (x_i - \mu)^2",
           r"\hat{x}_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}},\quad y_i = \gamma \hat{x}_i + \beta")


# Which row of each grid the loss curves open on (URL key, default): a click on another cell of the heatmap shows
# its curves in the browser (ui.charts_batchnorm.grid_figure), the page does not run again.
PICKS = {"lr": ("showlr", 3.0), "init": ("showstd", 0.001)}
PICKED = Spec("float", 1e-3, 10.0)  # what a link may ask for (the nearest grid value is shown)


def nearest(values, target):
    return min(values, key=lambda v: abs(math.log(v) - math.log(target)))


def pick_start(grid: str, values: list[float]) -> float:
    """The grid value whose curves a grid's figure opens on: the link's (its nearest grid value), else the
    default's nearest."""
    return nearest(values, linked_number(*PICKS[grid], PICKED))


def activations():
    presets(batchnorm.ActivationsConfig, SCOPE,
            {"small": {}, "large": {"init_std": 1.0}, "relu": {"activation": "relu"}})
    cfg = form(batchnorm.ActivationsConfig, SCOPE, columns=3)
    out = run(batchnorm.layer_activations, cfg)
    std = out["layers"].set_index(["variant", "layer"]).a_std
    ratio = std["batch", cfg.depth] / std["batch", 1]
    gate(SCOPE, "keeps", ["shrinks", "same", "grows"],
         "shrinks" if ratio < 0.8 else "grows" if ratio > 1.25 else "same", cfg)
    layers, values = named(out["layers"], "variant", scope=SCOPE), named(out["values"], "variant", scope=SCOPE)
    left, right = st.columns(2)
    with left:
        chart(charts.lines(layers, "layer", "a_std", "variant", t(f"{SCOPE}.activations.std"), log_y=True), layers,
              "bn_activation_std")
    with right:
        chart(charts.lines(layers, "layer", "saturated", "variant", t(f"{SCOPE}.activations.sat")), layers,
              "bn_saturated")
    for quantity in ("z", "a"):
        cols = st.columns(2)
        for col, variant in zip(cols, batchnorm.VARIANTS):
            with col:
                shown = values[(values.quantity == quantity) & (values.variant == legend_label(variant, SCOPE))]
                chart(charts.histograms(shown, "value", "layer", t(f"{SCOPE}.activations.hist_{quantity}",
                                                                    variant=legend_label(variant, SCOPE)), size=120),
                      shown, f"bn_{quantity}_{variant}")
    notice(t(f"{SCOPE}.activations.notice", std=cfg.init_std, L=cfg.depth, plain1=f"{std['none', 1]:.2g}",
             plainL=f"{std['none', cfg.depth]:.2g}", bn1=f"{std['batch', 1]:.2f}",
             bnL=f"{std['batch', cfg.depth]:.2f}"))
    return cfg


def grids():
    cfg = form(batchnorm.GridConfig, SCOPE, columns=4)
    out = run(batchnorm.lr_and_init_grids, cfg)
    cells, hist = named(out["cells"], "variant", scope=SCOPE), named(out["history"], "variant", scope=SCOPE)
    st.caption(t(f"{SCOPE}.grids.click"))
    for col, grid in zip(st.columns(2), ("lr", "init")):
        with col:
            shown, curves = cells[cells.grid == grid], hist[hist.grid == grid]
            figure = charts_batchnorm.grid_figure(
                shown, curves, t(f"{SCOPE}.grids.axis_{grid}"), pick_start(grid, sorted(shown.value.unique())),
                f"pick_{grid}", heat_title=t(f"{SCOPE}.grids.heat_{grid}"),
                curve_title=t(f"{SCOPE}.grids.curve_{grid}"), shown_text=t(f"{SCOPE}.grids.shown_{grid}"),
                loss_title=t("col.loss"))
            chart(figure, shown, f"bn_grid_{grid}")
            download(curves, f"bn_curve_{grid}", t(f"{SCOPE}.grids.download_curves"))
    st.caption(t(f"{SCOPE}.grids.legend"))
    c = out["cells"].pivot_table(index=["grid", "value"], columns="variant", values="outcome", aggfunc="first")
    wins = [v for (g, v), row in c.iterrows() if g == "lr" and row["batch"] == "trains" and row["none"] != "trains"]
    good = c.loc["init"]
    notice(t(f"{SCOPE}.grids.notice", wins=", ".join(f"{v:g}" for v in wins) or "—",
             bn=int((good["batch"] == "trains").sum()), plain=int((good["none"] == "trains").sum()), n=len(good)))
    health_view(SCOPE, out, batchnorm.grid_run_ids(cfg),
                lambda name: run(batchnorm.grid_health, batchnorm.GridRun(**vars(cfg), run=name)))
    return cfg


def gamma():
    cfg = form(batchnorm.GammaConfig, SCOPE, columns=4)
    out = run(batchnorm.gamma_beta, cfg)
    learned = out["learned"]
    cols = st.columns(3)
    for col, parameter in zip(cols[:2], ("gamma", "beta")):
        with col:
            shown = learned[learned.parameter == parameter]
            chart(charts.histograms(shown, "value", "layer", t(f"{SCOPE}.gamma.hist_{parameter}")),
                  shown, f"bn_learned_{parameter}")
    with cols[2]:
        hist = named(out["history"], "variant", "split", scope=SCOPE)
        chart(charts.lines(hist, "step", "loss", "variant", t(f"{SCOPE}.gamma.loss"), dash="split", log_y=True),
              hist, "bn_affine_history")
    table(out["per_layer"], "bn_gamma_beta_per_layer", names=("parameter",), scope=SCOPE)
    acc = out["summary"].set_index("variant").val_accuracy
    spread = out["per_layer"].set_index(["layer", "parameter"])
    g, b = spread.xs("gamma", level=1), spread.xs("beta", level=1)
    notice(t(f"{SCOPE}.gamma.notice", gmin=f"{g['min'].min():.2f}", gmax=f"{g['max'].max():.2f}",
             bmin=f"{b['min'].min():.2f}", bmax=f"{b['max'].max():.2f}", aff=f"{acc['affine']:.0%}",
             noaff=f"{acc['no_affine']:.0%}"))
    health_view(SCOPE, out)
    st.markdown(t(f"{SCOPE}.restore.intro"))
    st.latex(r"\gamma = \sqrt{\sigma^2 + \epsilon},\ \beta = \mu \;\Rightarrow\; y = \gamma\hat{x} + \beta = x")
    rcfg = form(batchnorm.RestoreConfig, SCOPE, columns=4)
    rout = run(batchnorm.restore, rcfg)
    both = rout["values"].melt(id_vars="sample", value_vars=["x", "y"], var_name="tensor")
    chart(charts.histograms(both, "value", "tensor", t(f"{SCOPE}.restore.hist")), rout["values"],
          "bn_restore")
    row = rout["summary"].iloc[0]
    notice(t(f"{SCOPE}.restore.notice", mix=rcfg.mix, gamma=f"{row.gamma:.3f}", beta=f"{row.beta:.3f}",
             err=f"{row.max_abs_difference:.1e}"))
    return cfg


def traintest():
    presets(batchnorm.TrainTestConfig, SCOPE,
            {"torch": {}, "slow": {"momentum": 0.01, "steps": 300}, "big": {"batch": 128}})
    cfg = form(batchnorm.TrainTestConfig, SCOPE, columns=3)
    out = run(batchnorm.train_vs_test, cfg)
    formula(r"\hat{\mu}_k = (1-m)\,\hat{\mu}_{k-1} + m\,\mu_{\text{batch}}",
            r"\Rightarrow\; \mathbb{E}[\hat{\mu}_k] = \mu\,\bigl(1 - (1-m)^k\bigr)")
    running = named(out["running"], "source", scope=SCOPE)
    for col, statistic in zip(st.columns(2), ("mean", "var")):
        with col:
            shown = running[running.statistic == statistic]
            chart(charts.lines(shown, "step", "value", "source", t(f"{SCOPE}.traintest.{statistic}")), shown,
                  f"bn_running_{statistic}")
    left, right = st.columns(2)
    with left:
        mates = named(out["batchmates"], "mode", scope=SCOPE)
        chart(charts.lines(mates, "draw", "output", "mode", t(f"{SCOPE}.traintest.mates", batch=cfg.batch)), mates,
              "bn_batchmates")
    with right:
        gap = out["gap"].assign(curve=t(f"{SCOPE}.traintest.gap_curve"))
        chart(charts.lines(gap, "batch", "gap", "curve", t(f"{SCOPE}.traintest.gap"), log_y=True), out["gap"], "bn_gap")
    st.markdown(t(f"{SCOPE}.traintest.one"))
    st.code(out["error"].message.iloc[0], language=None)
    spread = out["batchmates"].groupby("mode").output.std()
    last = out["running"][(out["running"].step == cfg.steps) & (out["running"].statistic == "mean")].set_index("source")
    notice(t(f"{SCOPE}.traintest.notice", k=cfg.steps, m=cfg.momentum, run=f"{last.value['running']:.3f}",
             closed=f"{last.value['closed_form']:.3f}", mu=cfg.mu, b=cfg.batch, train=f"{spread['train']:.3f}",
             eval=f"{spread['eval']:.1e}"))
    return cfg


def noise():
    cfg = form(batchnorm.NoiseConfig, SCOPE, columns=3)
    out = run(batchnorm.regularization, cfg)
    hist = named(out["history"], "variant", "split", scope=SCOPE)
    chart(charts.lines(hist, "step", "loss", "variant", t(f"{SCOPE}.noise.chart"), dash="split", log_y=True), hist,
          "bn_noise_history")
    table(out["summary"], "bn_noise_summary", names=("variant",), scope=SCOPE)
    s = out["summary"].set_index("variant")
    notice(t(f"{SCOPE}.noise.notice", n=int(s.train_points["none"]),
             gap_none=f"{s.loss_gap['none']:.2f}", gap_bn=f"{s.loss_gap['batch']:.2f}",
             acc_none=f"{s.val_accuracy['none']:.0%}", acc_bn=f"{s.val_accuracy['batch']:.0%}"))
    health_view(SCOPE, out)
    return cfg


def norms():
    cfg = form(batchnorm.NormsConfig, SCOPE, columns=3)
    out = run(batchnorm.small_batches, cfg)
    hist = named(out["history"], "variant", scope=SCOPE)
    chart(charts.lines(hist[hist.split == "val"], "step", "accuracy", "variant",
                       t(f"{SCOPE}.norms.chart", batch=cfg.batch_size)), out["history"], "bn_norms_history")
    table(out["summary"], "bn_norms_summary", names=("variant",), scope=SCOPE)
    acc = out["summary"].set_index("variant").val_accuracy
    notice(t(f"{SCOPE}.norms.notice", batch=cfg.batch_size,
             accs=", ".join(f"{legend_label(v, SCOPE)} {a:.0%}" for v, a in acc.items())))
    health_view(SCOPE, out)
    return cfg


def forward():
    formula(*FORMULA)
    formula(r"\text{train: } \hat{\sigma}^2 \leftarrow (1-m)\,\hat{\sigma}^2 + m\,\tfrac{N}{N-1}\,\sigma^2",
            r"\text{eval: } \hat{x} = \frac{x - \hat{\mu}}{\sqrt{\hat{\sigma}^2 + \epsilon}}")
    st.code(inspect.getsource(batchnorm.batchnorm_forward), language="python")
    cfg = form(batchnorm.ForwardConfig, SCOPE, columns=4)
    out = run(batchnorm.forward_check, cfg)
    left, right = st.columns(2)
    with left:
        table(out["check"], "bn_forward_check", names=("mode", "quantity"), scope=SCOPE)
    with right:
        table(out["features"], "bn_forward_features")
    f = out["features"]
    notice(t(f"{SCOPE}.forward.notice", diff=f"{out['check'].max_abs_difference.max():.1e}", N=cfg.batch,
             mean=f"{f['mean'].abs().max():.1e}", std=f"{(f['std'] - 1).abs().max():.1e}"))
    return cfg


PARTS = {"activations": activations, "grids": grids, "gamma": gamma, "traintest": traintest, "noise": noise,
         "norms": norms, "forward": forward, **card_parts(SCOPE)}

header(SCOPE)
part = parts(SCOPE, list(PARTS))
code_export(SCOPE, part, PARTS[part]())
