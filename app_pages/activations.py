"""Lecture 5, activation functions: seven claims, each with the run that shows it."""

import streamlit as st

from core import activations
from ui import charts
from ui.cache import run
from ui.controls import form, presets
from ui.health import health_view
from ui.i18n import t
from ui.layout import chart, header, notice, parts, table, twin_runs_report
from ui.options import legend_label, named
from ui.study import ask, code_export
from ui.text.activations import FORMULAS

SCOPE = "activations"


def shapes():
    cfg = form(activations.ShapesConfig, SCOPE, columns=4)
    shown = named(run(activations.shapes, cfg), "activation")
    left, right = st.columns(2)
    with left:
        chart(charts.lines(shown, "z", "f", "activation", t(f"{SCOPE}.shapes.f")), shown, "activation_shapes")
    with right:
        chart(charts.lines(shown, "z", "df", "activation", t(f"{SCOPE}.shapes.df"), dash="saturated"), shown,
              "activation_slopes")
    for name in cfg.activations:  # formulas in the order chosen
        st.latex(FORMULAS[name])
    share = shown.groupby("activation").saturated.mean().sort_values()
    notice(t(f"{SCOPE}.shapes.notice", span=cfg.span, most=share.index[-1], frac=f"{share.iloc[-1]:.0%}"))
    return cfg


def saturation():
    cfg = form(activations.SaturationConfig, SCOPE, columns=4)
    out = {k: named(v, "activation") for k, v in run(activations.saturation, cfg).items()}
    last = out["gradient"][out["gradient"].layer == cfg.layers].set_index("activation").gradient
    trio = {"sigmoid": "Sigmoid", "tanh": "tanh", "relu": "ReLU"}
    if not ask(SCOPE, "keeps", list(trio), max(trio, key=lambda a: last[trio[a]]), cfg,
               label=lambda a: legend_label(a, SCOPE)):
        return cfg
    left, right = st.columns(2)
    with left:
        chart(charts.bars(out["fractions"], "saturated", "activation", t(f"{SCOPE}.saturation.bar")),
              out["fractions"], "saturated_fraction")
    with right:
        grad = out["gradient"].assign(gradient=out["gradient"].gradient.clip(lower=1e-30))
        chart(charts.lines(grad, "layer", "gradient", "activation", t(f"{SCOPE}.saturation.chain"), log_y=True),
              grad, "gradient_through_layers")
    notice(t(f"{SCOPE}.saturation.notice", L=cfg.layers, sig=f"{last['Sigmoid']:.1e}", tanh=f"{last['tanh']:.1e}",
             relu=f"{last['ReLU']:.1e}"))
    return cfg


def zigzag():
    cfg = form(activations.ZigzagConfig, SCOPE, columns=4)
    out = run(activations.zigzag, cfg)
    steps = out["steps"].set_index("inputs")
    reached = steps.steps_to_target.fillna(cfg.max_steps + 1)
    if not ask(SCOPE, "faster", ["positive", "centered"], reached.idxmin(), cfg):
        return cfg
    chart(charts.path(out["paths"], "w1", "w2", "inputs", t(f"{SCOPE}.zigzag.chart")), out["paths"], "zigzag_paths")
    table(out["steps"], "zigzag_steps", names=("inputs",), scope=SCOPE)
    count = lambda v: f"{int(v)}" if v <= cfg.max_steps else f">{cfg.max_steps}"  # a step count, or never reached
    notice(t(f"{SCOPE}.zigzag.notice", pos=count(reached["positive"]), cen=count(reached["centered"]),
             same=f"{steps.same_sign_fraction['positive']:.0%}", same_c=f"{steps.same_sign_fraction['centered']:.0%}"))
    return cfg


def cost():
    cfg = form(activations.CostConfig, SCOPE)
    df = named(run(activations.cost, cfg), "activation")
    chart(charts.bars(df, "relative_to_relu", "activation", t(f"{SCOPE}.cost.chart")), df, "activation_cost")
    slow = df.sort_values("relative_to_relu").iloc[-1]
    notice(t(f"{SCOPE}.cost.notice", slowest=slow.activation, ratio=f"{slow.relative_to_relu:.1f}",
             n=f"{cfg.elements:,}"))
    return cfg


def dead():
    presets(activations.DeadConfig, SCOPE, {"high": {}, "low": {"lr": 0.01}, "sgd": {"optimizer": "sgd", "lr": 1.0}})
    cfg = form(activations.DeadConfig, SCOPE, columns=4)
    out = run(activations.dead_units, cfg)
    raw_dead = out["dead"].groupby(["activation", "step"], as_index=False).dead.mean()
    final = raw_dead[raw_dead.step == raw_dead.step.max()].set_index("activation").dead
    if not ask(SCOPE, "dies", list(cfg.activations), final.idxmax(), cfg, label=lambda a: legend_label(a, SCOPE)):
        return cfg
    shown = named(raw_dead, "activation")
    left, right = st.columns(2)
    with left:
        chart(charts.lines(shown, "step", "dead", "activation", t(f"{SCOPE}.dead.chart")), out["dead"], "dead_units")
    with right:
        train = named(out["history"][out["history"].split == "train"], "variant")
        chart(charts.lines(train, "step", "accuracy", "variant", t(f"{SCOPE}.dead.acc")), out["history"],
              "dead_history")
    acc = out["summary"].set_index("variant").train_accuracy
    notice(t(f"{SCOPE}.dead.notice", lr=cfg.lr,
             rates=", ".join(f"{legend_label(a, SCOPE)} {final[a]:.0%}" for a in final.index),
             accs=", ".join(f"{legend_label(a, SCOPE)} {acc[a]:.0%}" for a in acc.index)))
    health_view(SCOPE, out)
    return cfg


def maxout():
    cfg = form(activations.MaxoutConfig, SCOPE)
    out = run(activations.maxout_fit, cfg)
    left, right = st.columns(2)
    with left:
        fit = out["fit"].melt(id_vars=["k", "x"], value_vars=["y", "target"], var_name="curve")
        fit = fit[(fit.curve == "y") | (fit.k == 1)].assign(k=lambda d: d.k.where(d.curve == "y", 0).astype(str))
        chart(charts.lines(fit, "x", "value", "k", t(f"{SCOPE}.maxout.fit")), out["fit"], "maxout_fit")
    with right:
        chart(charts.lines(out["error"], "k", "mse", "k", t(f"{SCOPE}.maxout.err"), log_y=True), out["error"],
              "maxout_error")
    err = out["error"].set_index("k").mse
    notice(t(f"{SCOPE}.maxout.notice", one=f"{err.loc[1]:.3g}", k=cfg.max_k, best=f"{err.min():.3g}",
             kbest=int(err.idxmin())))
    return cfg


def race_time(seconds) -> str:
    """What the runs' times say (seconds: core.activations.race_times): the fastest if core.activations.fastest can
    name one, else that the two fastest are too close to call; nothing for a single run."""
    if len(seconds) < 2:
        return ""
    key = "fast" if activations.fastest(seconds.to_dict()) is not None else "tie"
    return t(f"{SCOPE}.race.{key}", fast=seconds.index[0], sec=f"{seconds.iloc[0]:.2f}", next=seconds.index[1],
             next_sec=f"{seconds.iloc[1]:.2f}", noise=f"{activations.TIMING_NOISE:.0%}")


def race():
    cfg = form(activations.RaceConfig, SCOPE, columns=4)
    out = run(activations.race, cfg)
    twin_runs_report(out["history"], out["summary"], t(f"{SCOPE}.race.loss"), t(f"{SCOPE}.race.acc"), "race",
                     first=("seconds",))
    grid = named(out["boundary"], "activation")
    if len(grid):  # 2-D points only (the 1-D digits have 40 inputs)
        chart(charts.boundary(grid, out["points"], "activation", t(f"{SCOPE}.race.boundary")), grid,
              "race_boundaries")
    summary = named(out["summary"], "variant")
    best = summary.sort_values("val_accuracy").iloc[-1]
    notice(t(f"{SCOPE}.race.notice", best=best.variant, acc=f"{best.val_accuracy:.0%}",
             time=race_time(activations.race_times(summary)),
             hint=t(f"{SCOPE}.race.hint_{'sgd' if cfg.optimizer == 'adam' else 'depth'}")))
    health_view(SCOPE, out)
    return cfg


PARTS = {"shapes": shapes, "saturation": saturation, "zigzag": zigzag, "cost": cost, "dead": dead,
         "maxout": maxout, "race": race}

header(SCOPE)
part = parts(SCOPE, list(PARTS))
code_export(SCOPE, part, PARTS[part]())
