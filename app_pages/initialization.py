"""Lecture 5 (CS231n 2017 Lecture 6), weight initialization: the slides' deep-stack experiment and what follows."""

import altair as alt
import pandas as pd
import streamlit as st

from core import initialization
from ui import charts
from ui.cache import run
from ui.cards import card_parts
from ui.controls import form, presets
from ui.health import health_view
from ui.i18n import t
from ui.layout import chart, formula, header, notice, parts, table, twin_runs_report
from ui.study import code_export, gate
from ui.options import legend_label, named

SCOPE = "initialization"
# Parts 1-2 share one stack and so its URL keys (act, init, std, ...); parts 3-6 keep their own (zact, vact, tact, lopt)
# so that switching parts never carries, say, part 3's 2-layer MLP into the 10-layer stack.
TINY = 1e-30  # zeros (W = 0) are lifted to this on log-scale charts; the CSV keeps the exact values


def num(x: float) -> str:
    return f"{x:.2g}" if x == 0 or 1e-3 <= abs(x) < 1e4 else f"{x:.1e}"


def by_layer(figure: alt.Chart, fraction: bool = False) -> alt.Chart:
    """Whole-number ticks on the layer axis; fractions on a fixed 0..1 axis (all-zero lines stay readable)."""
    figure = figure.encode(x=alt.X("layer:Q", title=t("col.layer"), axis=alt.Axis(tickMinStep=1, format="d")))
    return figure.encode(y=alt.Y("value:Q", title=None, scale=alt.Scale(domain=[0, 1]))) if fraction else figure


def series(df: pd.DataFrame, columns: list[str], name: str) -> pd.DataFrame:
    """Wide per-layer columns -> long (layer, name, value), lifted above zero for log axes."""
    long = df.melt("layer", columns, var_name=name)
    return long.assign(value=long.value.clip(lower=TINY))


def stack():
    presets(initialization.StackConfig, SCOPE, initialization.SLIDES)
    cfg = form(initialization.StackConfig, SCOPE)
    out = run(initialization.stack, cfg)
    layers = out["layers"]
    std = layers.set_index("layer")["std"]
    # the spread's change over the depth; no spread at layer 1 (a constant init) carries no signal: a collapse
    change = std.loc[cfg.depth] / std.loc[1] if std.loc[1] > 0 else 0.0
    fate = "collapse" if change < 0.1 else "explode" if change > 10 else "saturate" if layers.saturated.min() > 0.5 \
        else "keep"
    gate(SCOPE, "deep", ["collapse", "keep", "saturate", "explode"], fate, cfg)
    chart(charts.histograms(out["values"], "activation_value", "layer", t(f"{SCOPE}.stack.hist"), bins=25),
          out["values"], "init_activation_samples")
    left, middle, right = st.columns(3)
    with left:
        chart(by_layer(charts.lines(layers.melt("layer", ["mean", "std"], var_name="stat"), "layer", "value", "stat",
                                    t(f"{SCOPE}.stack.stats"))), layers, "init_layer_stats")
    with middle:
        chart(by_layer(charts.lines(series(layers, ["std"], "stat"), "layer", "value", "stat",
                                    t(f"{SCOPE}.stack.log"), log_y=True)), layers, "init_layer_std")
    with right:
        chart(by_layer(charts.lines(layers.melt("layer", ["saturated", "dead"], var_name="stat"), "layer", "value",
                                    "stat", t(f"{SCOPE}.stack.frac")), fraction=True), layers, "init_saturated_dead")
    last = layers.set_index("layer").loc[cfg.depth]
    stds = std.tolist()
    notice(t(f"{SCOPE}.stack.notice", first=num(std.loc[1]), last=num(last["std"]), L=cfg.depth,
             factor=num(initialization.geometric_mean(stds[1:], stds[:-1])),
             sat=f"{last.saturated:.0%}", dead=f"{last.dead:.0%}"))
    return cfg


def gradients():
    presets(initialization.GradientConfig, SCOPE, initialization.SLIDES)
    cfg = form(initialization.GradientConfig, SCOPE, columns=3)
    df = run(initialization.gradients, cfg)
    left, right = st.columns(2)
    with left:
        chart(by_layer(charts.lines(series(df, ["act_std", "act_grad_std", "weight_grad_std"], "quantity"), "layer",
                                    "value", "quantity", t(f"{SCOPE}.gradients.chart"), log_y=True)), df,
              "init_gradients")
    with right:
        ratio = series(df.assign(rule_of_thumb=1e-3), ["update_ratio", "rule_of_thumb"], "quantity")
        chart(by_layer(charts.lines(ratio, "layer", "value", "quantity", t(f"{SCOPE}.gradients.ratio"), log_y=True)),
              df, "init_update_ratio")
    weight_grad = df.set_index("layer").weight_grad_std
    w1, wL = weight_grad.loc[1], weight_grad.loc[cfg.depth]
    trend = "zero" if w1 == wL == 0 else "grow" if w1 > 1.5 * wL else "shrink" if wL > 1.5 * w1 else "flat"
    mid = df.update_ratio.median()
    verdict = "small" if mid < 1e-4 else "large" if mid > 1e-2 else "fine"
    notice(t(f"{SCOPE}.gradients.notice", w1=num(w1), wL=num(wL), L=cfg.depth, lr=cfg.sgd_lr,
             direction=t(f"{SCOPE}.gradients.{trend}"), r_lo=num(df.update_ratio.min()),
             r_hi=num(df.update_ratio.max()), verdict=t(f"{SCOPE}.gradients.{verdict}")))
    return cfg


def zero():
    presets(initialization.ZeroConfig, SCOPE, {"zero_tanh": {}, "zero_relu": {"activation": "relu"},
                                               "zero_sigmoid": {"activation": "sigmoid"}, "equal": {"value": 0.1}},
            prefix="z")
    cfg = form(initialization.ZeroConfig, SCOPE, columns=4, prefix="z")
    formula(r"w_1 = \dots = w_n \;\Rightarrow\; z_1 = \dots = z_n",
            r"\Rightarrow\; \frac{\partial L}{\partial z_1} = \dots = \frac{\partial L}{\partial z_n}",
            r"\Rightarrow\; \Delta w_i = -\eta\, \frac{\partial L}{\partial z_i}\, x",
            r"\Rightarrow\; \Delta w_1 = \dots = \Delta w_n")
    out = run(initialization.zero_init, cfg)
    worst = out["spread"].groupby("variant")[["spread", "moved"]].max()
    gate(SCOPE, "zero", ["identical", "differ"], "identical" if worst.spread["equal"] == 0 else "differ", cfg)
    spread = out["spread"].assign(run=lambda d: d.variant + " · layer " + d.layer.astype(str))
    hist = out["history"]
    left, right = st.columns(2)
    with left:
        chart(charts.lines(spread, "step", "spread", "run", t(f"{SCOPE}.zero.spread")), out["spread"],
              "zero_init_spread")
    with right:
        chart(charts.lines(hist[hist.split == "train"], "step", "accuracy", "variant", t(f"{SCOPE}.zero.acc")), hist,
              "zero_init_history")
    table(out["summary"], "zero_init_summary", names=("variant",), scope=SCOPE)
    acc = out["summary"].set_index("variant").train_accuracy
    moved = worst.moved["equal"]
    notice(t(f"{SCOPE}.zero.notice", c=cfg.value, spread=num(worst.spread["equal"]), steps=cfg.steps,
             spread_r=num(worst.spread["random"]), acc=f"{acc['equal']:.0%}", acc_r=f"{acc['random']:.0%}")
           + (t(f"{SCOPE}.zero.frozen") if moved == 0 else t(f"{SCOPE}.zero.moved", moved=num(moved))))
    return cfg


def variance():
    cfg = form(initialization.VarianceConfig, SCOPE, prefix="v")
    formula(r"z_l = W_l\, a_{l-1}, \quad a_l = f(z_l):",
            r"\mathrm{Var}(z_l) = n_{in}\,\mathrm{Var}(W)\;\mathbb{E}\!\left[a_{l-1}^2\right]")
    formula(r"\text{Xavier: } \mathrm{Var}(W) = \frac{1}{n_{in}}",
            r"\mathrm{ReLU}: \mathbb{E}[a^2] = \tfrac{1}{2}\,\mathbb{E}[z^2]",
            r"\Rightarrow\; \text{He: } \mathrm{Var}(W) = \frac{2}{n_{in}}")
    out = run(initialization.variance, cfg)
    readout = out["readout"]
    for col, row in zip(st.columns(min(len(readout), 5)), readout.head(5).itertuples()):
        col.metric(t(f"{SCOPE}.variance.metric", init=legend_label(row.init, SCOPE)), num(row.n_in_var_w))
    z2 = out["layers"].assign(z_second_moment=out["layers"].z_second_moment.clip(lower=TINY))
    chart(by_layer(charts.lines(z2, "layer", "z_second_moment", "init", t(f"{SCOPE}.variance.chart"), log_y=True)),
          out["layers"], "variance_per_layer")
    table(readout, "variance_readout", names=("init", "verdict"), scope=SCOPE)
    st.caption(t(f"{SCOPE}.variance.caption"))
    rows = [t(f"{SCOPE}.variance.row", init=legend_label(r.init, SCOPE), g=num(r.n_in_var_w), factor=num(r.factor),
              verdict=t(f"initialization.verdict.{r.verdict}")) for r in readout.itertuples()]
    notice(t(f"{SCOPE}.variance.notice", act=legend_label(cfg.activation, SCOPE), rows="; ".join(rows)))
    return cfg


def training():
    presets(initialization.TrainingConfig, SCOPE, {"train_tanh": {}, "train_large": {"std": 1.0},
                                                   "train_relu": {"activation": "relu"}}, prefix="t")
    cfg = form(initialization.TrainingConfig, SCOPE, columns=4, prefix="t")
    out = run(initialization.training, cfg)
    summ = out["summary"]
    twin_runs_report(out["history"], summ, t(f"{SCOPE}.training.loss"), t(f"{SCOPE}.training.acc"), "init_training")
    health_view(SCOPE, out)
    names = lambda rows: ", ".join(legend_label(v, SCOPE) for v in rows.variant) or t(f"{SCOPE}.training.none")
    best = summ.sort_values("val_accuracy").iloc[-1]
    notice(t(f"{SCOPE}.training.notice", never=names(summ[~summ.learned]), started=names(summ[summ.learned]),
             best=legend_label(best.variant, SCOPE), acc=f"{best.val_accuracy:.0%}"))
    return cfg


def initial_losses(rungs: pd.DataFrame) -> alt.Chart:
    """Each rung's loss at step 0 (bars) against ln C (the dashed line); rungs with display names."""
    bars = charts.bars(rungs, "initial_loss", "rung", t(f"{SCOPE}.ladder.initial"), sort=None,
                       x_title=t(f"{SCOPE}.ladder.col.initial_loss"), y_title=t(f"{SCOPE}.ladder.col.rung"))
    chance = alt.Chart(rungs.head(1)).mark_rule(strokeDash=[4, 4], size=2).encode(
        x=alt.X("chance_loss:Q"), tooltip=charts.tips("chance_loss:Q"))
    return (bars + chance).properties(height=alt.Step(28))  # 28 px a rung (a number of pixels is not kept)


def ladder():
    presets(initialization.LadderConfig, SCOPE, initialization.LADDER_PRESETS, prefix="l")
    rungs = form(initialization.LadderConfig, SCOPE, prefix="l", fields=["rungs"], columns=1).rungs  # wide: 5 chips
    cfg = form(initialization.LadderConfig, SCOPE, prefix="l", fields=["optimizer", "lr", "width", "steps", "seed"],
               fixed={"rungs": rungs})
    st.latex(r"\text{logits} \approx 0 \;\Rightarrow\; L_0 = -\ln \tfrac{1}{C} = \ln C")
    st.latex(r"\text{Kaiming (tanh): } W \sim \mathcal{N}\!\left(0,\, \tfrac{(5/3)^2}{n_{in}}\right)")
    out = run(initialization.ladder, cfg)
    rungs, name = out["rungs"], lambda r: legend_label(r, SCOPE) if r != "none" else t(f"{SCOPE}.q.ladder.none")
    near = rungs[rungs.near_chance].rung.tolist()
    first = near[0] if near else "none"  # the first rung shown that starts within 0.15 of ln C
    gate(SCOPE, "ladder", [*cfg.rungs, "none"], first, cfg, label=name)
    shown, hist = named(rungs, "rung", scope=SCOPE), named(out["history"], "variant", scope=SCOPE)
    left, right = st.columns(2)
    with left:
        chart(initial_losses(shown), rungs, "ladder_initial_loss")
    with right:
        chart(charts.lines(hist[hist.split == "train"], "step", "loss", "variant", t(f"{SCOPE}.training.loss"),
                           log_y=True, x_title=t("health.step")), out["history"], "ladder_history")
    titles = {c: t(f"{SCOPE}.ladder.col.{c}") for c in ("rung", "initial_loss", "chance_loss", "near_chance")}
    table(rungs, "ladder_rungs", names=("rung",), scope=SCOPE, column_config=titles | {
        "saturated_at_start": st.column_config.NumberColumn(t(f"{SCOPE}.ladder.col.saturated_at_start"),
                                                            format="percent")})
    reasons = out["summary"].set_index("variant").reason  # the rung table has no column for it
    for r in rungs[rungs.diverged_at.notna()].itertuples():
        st.warning(t("run.diverged", variant=name(r.rung), step=int(r.diverged_at),
                     reason=t(f"reason.{reasons[r.rung]}")))
    health_view(SCOPE, out)
    by_rung = rungs.set_index("rung")
    start, sat, val = by_rung.initial_loss, by_rung.saturated_at_start, by_rung.val_loss
    top = start.idxmax()
    near_text = t(f"{SCOPE}.ladder.near", rung=name(first), loss=f"{start[first]:.2f}") if near else \
        t(f"{SCOPE}.ladder.none_near")
    notice(t(f"{SCOPE}.ladder.notice", top=name(top), top_loss=f"{start[top]:.2f}",
             chance=f"{by_rung.chance_loss[top]:.2f}", ratio=f"{start[top] / by_rung.chance_loss[top]:.1f}",
             near=near_text, sat_hi=f"{sat.max():.0%}", sat_hi_rung=name(sat.idxmax()), sat_lo=f"{sat.min():.0%}",
             sat_lo_rung=name(sat.idxmin()), steps=cfg.steps, worst=name(val.idxmax()), worst_val=f"{val.max():.2f}",
             best=name(val.idxmin()), best_val=f"{val.min():.2f}"))
    return cfg


PARTS = {"stack": stack, "gradients": gradients, "zero": zero, "variance": variance, "training": training,
         "ladder": ladder, **card_parts(SCOPE)}

header(SCOPE)
part = parts(SCOPE, list(PARTS))
code_export(SCOPE, part, PARTS[part]())
