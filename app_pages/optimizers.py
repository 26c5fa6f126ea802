"""Optimizers page (CS231n Lectures 6-7, "Optimization"): eight parts, each with the run that shows it."""

import pandas as pd
import streamlit as st

from core import optimizers
from core.params import Spec
from ui import charts, charts_optimizers
from ui.cache import run
from ui.cards import card_parts
from ui.controls import form, linked_number, presets
from ui.health import health_view
from ui.i18n import t
from ui.layout import MISSING, chart, formula, header, notice, parts, table, twin_runs_report
from ui.study import ask, code_export
from ui.options import legend_label, named, option_label

SCOPE = "optimizers"
count = lambda v, never=MISSING: never if pd.isna(v) else f"{int(v)}"  # steps taken (a float column where NaN)

RACE_PRESETS = {
    "taco": {"kappa": 80.0, "lr": 0.02, "steps": 150, "optimizers": ("sgd", "momentum", "rmsprop", "adam")},
    "saddle": {"surface": "saddle", "x0": -1.8, "y0": 0.05, "lr": 0.05,
               "optimizers": ("sgd", "momentum", "adagrad", "rmsprop", "adam", "newton")},
    "rosenbrock": {"surface": "rosenbrock", "x0": -1.5, "y0": 2.5, "steps": 500, "shared_lr": False,
                   "lr_sgd": 0.001, "lr_momentum": 0.001, "lr_nesterov": 0.001, "lr_adam": 0.1,
                   "optimizers": ("sgd", "momentum", "nesterov", "adam", "lbfgs")},
    "beale": {"surface": "beale", "x0": 1.0, "y0": 1.5, "steps": 500, "shared_lr": False, "lr_sgd": 0.005,
              "lr_momentum": 0.005, "lr_rmsprop": 0.01, "lr_adam": 0.05,
              "optimizers": ("sgd", "momentum", "adagrad", "rmsprop", "adam", "lbfgs")},
    "local": {"surface": "multimodal", "x0": -3.5, "y0": 1.0, "lr": 0.1, "steps": 200,
              "optimizers": ("sgd", "momentum", "adam", "newton")},
    "noisy": {"noise": 1.0, "steps": 200, "optimizers": ("sgd", "momentum", "adam")}}


def scrub_start(steps: int) -> int:
    """Where the race's in-chart step slider starts: `at` from the URL (clamped, a note on a first run when
    replaced), else the last step. Moving it redraws in the browser: the URL keeps the step the page opened at."""
    return linked_number("at", steps, Spec("int", 0, steps))


def race():
    presets(optimizers.RaceConfig, SCOPE, RACE_PRESETS)
    main = ["surface", "kappa", "optimizers", "x0", "y0", "steps", "noise", "beta", "shared_lr", "seed"]
    base = form(optimizers.RaceConfig, SCOPE, fields=main, columns=5)
    rates = (["lr"] if base.shared_lr else []) + [f"lr_{n}" for n in base.optimizers
                                                  if not base.shared_lr or n in optimizers.SECOND_ORDER]
    cfg = form(optimizers.RaceConfig, SCOPE, fields=rates, columns=5, fixed={n: getattr(base, n) for n in main})
    out = run(optimizers.race, cfg)
    paths, summary, low = out["paths"], out["summary"], optimizers.VIEWS[cfg.surface].minimum
    first = summary[summary.optimizer.isin(optimizers.FIRST_ORDER)]  # Newton on a quadratic wins trivially
    leaders = list(first.optimizer) if len(first) else list(summary.optimizer)
    left, right = st.columns(2)
    with left:
        chart(charts_optimizers.scrubbed_paths(out["grid"], named(paths, "optimizer"), "optimizer",
                                               t(f"{SCOPE}.race.map"), scrub_start(cfg.steps), t(f"{SCOPE}.f.at"),
                                               [legend_label(o) for o in leaders],
                                               t(f"{SCOPE}.race.lead", step="{step}", lead="{lead}")),
              paths, "race_paths")
    with right:
        shown = paths.assign(gap=(paths.loss - low).clip(lower=1e-12)) if low is not None else paths
        chart(charts_optimizers.curves(named(shown, "optimizer"), "step", "gap" if low is not None else "loss",
                                       "optimizer", t(f"{SCOPE}.race.loss"), log_y=low is not None,
                                       y_title=t(f"{SCOPE}.race.gap") if low is not None else t("col.loss")),
              shown, "race_loss")
    table(summary, "race_summary", names=("optimizer",))
    best = summary[summary.optimizer.isin(leaders)].sort_values("final_loss").iloc[0]
    left_view = ", ".join(legend_label(o) for o in summary.dropna(subset=["left_view_at"]).optimizer) or "—"
    notice(t(f"{SCOPE}.race.notice", best=legend_label(best.optimizer), loss=f"{best.final_loss:.3g}", steps=cfg.steps,
             left=left_view))
    return cfg


def inside():
    cfg = form(optimizers.InsideConfig, SCOPE, columns=5)
    out = run(optimizers.inside_state, cfg)
    at = min(cfg.inspect, int(out["state"].step.max()))
    chart(charts_optimizers.arrows_on_surface(out["grid"], out["paths"], out["arrows"],
                                              t(f"{SCOPE}.inside.map", at=at)), out["arrows"], "inside_arrows")
    now = out["state"][out["state"].step == at]
    table(now, "inside_state", names=("optimizer",))
    for name in cfg.optimizers:
        formula(rf"\text{{{option_label(name)}:}}", *optimizers.RULE_LATEX[name])
    st.caption(t(f"{SCOPE}.inside.cs231n"))
    ratio = now.pivot(index="optimizer", columns="coordinate", values="effective_lr")
    spread = (ratio["x"] / ratio["y"].where(ratio["y"] != 0)).dropna()
    notice(t(f"{SCOPE}.inside.notice", at=at, lr=cfg.lr, k=f"{cfg.kappa:g}",
             ratios=", ".join(f"{legend_label(n)} {v:.2g}" for n, v in spread.items())))
    return cfg


def saddle():
    presets(optimizers.SaddleConfig, SCOPE, {"exact": {}, "tiny": {"offset": 1e-12}, "shaky": {"noise": 1.0},
                                             "big": {"lr": 0.2}})
    cfg = form(optimizers.SaddleConfig, SCOPE, columns=3)
    out = run(optimizers.saddle_runs, cfg)
    p = out["paths"].assign(abs_y=out["paths"].y.abs().clip(lower=1e-16))
    steps_to_leave = out["escape"].set_index("variant").steps_to_leave
    leave = lambda optimizer, y0, noise: steps_to_leave[optimizers.saddle_label(optimizer, y0, noise)]
    if ask(SCOPE, "ridge", ["stays", "leaves"], "stays" if pd.isna(leave("sgd", 0.0, 0.0)) else "leaves", cfg):
        left, right = st.columns(2)
        with left:
            grid = optimizers.grid("saddle", 1.0, 40)
            chart(charts_optimizers.paths_on_surface(grid, p, "variant", t(f"{SCOPE}.saddle.map")), out["paths"],
                  "saddle_paths")
        with right:
            chart(charts_optimizers.curves(p, "step", "abs_y", "variant", t(f"{SCOPE}.saddle.y"), log_y=True,
                                           y_title="|y|"), out["paths"], "saddle_distance")
        table(out["escape"], "saddle_escape", names=("variant", "optimizer"))
        notice(t(f"{SCOPE}.saddle.notice", sgd=count(leave("sgd", cfg.offset, 0.0)),
                 adam=count(leave("adam", cfg.offset, 0.0)), noise=count(leave("sgd", 0.0, cfg.noise)),
                 off=f"{cfg.offset:.0e}"))
    return cfg


def theory():
    presets(optimizers.TheoryConfig, SCOPE, {"k10": {"kappa": 10.0}, "k100": {},
                                             "k1000": {"kappa": 1000.0, "max_steps": 20000}})
    cfg = form(optimizers.TheoryConfig, SCOPE, columns=4)
    out = run(optimizers.theory, cfg)
    curves = out["curves"].melt(id_vars=["method", "step"], var_name="kind", value_name="value")
    chart(charts.lines(curves.assign(value=curves.value.clip(lower=1e-300)), "step", "value", "method",
                       t(f"{SCOPE}.theory.curves"), log_y=True, dash="kind", y_title="‖x‖"), out["curves"],
          "theory_curves")
    table(out["summary"], "theory_summary", names=("method",))
    limits = out["limits"].assign(lr=out["limits"].theory_max_lr)
    sweep = out["sweep"].assign(final_distance=out["sweep"].final_distance.clip(1e-12, 1e12))
    chart(charts_optimizers.log_scatter(sweep, "lr", "final_distance", "method", t(f"{SCOPE}.theory.sweep"),
                                        rule=limits[["method", "lr"]], y_title="‖x‖"), out["sweep"], "theory_sweep")
    table(out["limits"], "theory_limits", names=("method",))
    s, lim = out["summary"].set_index("method"), out["limits"].set_index("method")
    its = {m: count(v, f">{cfg.max_steps}") for m, v in s.iterations.items()}  # not within max_steps: more
    notice(t(f"{SCOPE}.theory.notice", k=f"{cfg.kappa:g}", gd=its["gd"], mom=its["momentum"], tol=f"{cfg.tol:g}",
             gdmax=f"{lim.found_max_lr['gd']:.4g}", mommax=f"{lim.found_max_lr['momentum']:.4g}", beta=f"{cfg.beta:g}"))
    return cfg


def taylor():
    presets(optimizers.TaylorConfig, SCOPE, {"convex": {}, "concave": {"x": 1.2},
                                             "valley": {"surface": "rosenbrock", "x": -1.0, "y": 1.5, "angle": 90.0,
                                                        "lr": 0.002}})
    cfg = form(optimizers.TaylorConfig, SCOPE, columns=5)
    out = run(optimizers.taylor, cfg)
    chart(charts_optimizers.taylor(out["curves"], out["steps"], t(f"{SCOPE}.taylor.chart")), out["curves"],
          "taylor_slice")
    table(out["steps"], "taylor_steps", names=("step",), scope=charts_optimizers.TAYLOR)
    formula(r"f(s) \approx f(0) + f'(0)\,s + \tfrac12 f''(0)\,s^2",
            r"\Rightarrow\; s_{\mathrm{Newton}} = -\frac{f'(0)}{f''(0)}", r"s_{\mathrm{gradient}} = -\eta\, f'(0)")
    sci = st.column_config.NumberColumn(format="scientific")
    table(out["hessian"], "hessian_cost", names=("network",), scope=charts_optimizers.TAYLOR, column_config={
        "hessian_entries": sci, "inverse_gflop": sci, "parameters": st.column_config.NumberColumn(format="localized")})
    steps = out["steps"].set_index("step")
    nets = out["hessian"].set_index("network")  # read by column: a count stays an int (a row is all floats)
    key = "notice" if steps.curvature["start"] > 0 else "concave"
    notice(t(f"{SCOPE}.taylor.{key}", newton=f"{steps.value.get('newton', float('nan')):.4g}",
             grad=f"{steps.value['gradient']:.4g}", start=f"{steps.value['start']:.4g}",
             gb=f"{nets.hessian_gb['ResNet-18']:,.0f}", n=f"{nets.parameters['ResNet-18']:,}"))
    return cfg


def network():
    cfg = form(optimizers.NetworkConfig, SCOPE, columns=4)
    out = run(optimizers.network, cfg)
    twin_runs_report(out["history"], out["summary"], t(f"{SCOPE}.network.loss"), t(f"{SCOPE}.network.acc"),
                     "network")
    s = out["summary"].sort_values("train_loss")
    notice(t(f"{SCOPE}.network.notice", best=legend_label(s.variant.iloc[0]), loss=f"{s.train_loss.iloc[0]:.3g}",
             worst=legend_label(s.variant.iloc[-1]), wloss=f"{s.train_loss.iloc[-1]:.3g}", steps=cfg.steps))
    health_view(SCOPE, out)
    return cfg


def sweep():
    cfg = form(optimizers.SweepConfig, SCOPE, columns=5)
    df = run(optimizers.sweep, cfg)
    chart(charts_optimizers.log_scatter(df, "lr", "final_loss", "optimizer", t(f"{SCOPE}.sweep.chart"),
                                        y_title=t(f"{SCOPE}.sweep.y")), df, "lr_sweep")
    best = df.loc[df.groupby("optimizer").final_loss.idxmin()]
    good = df[df.final_loss < 2 * df.groupby("optimizer").final_loss.transform("min")].groupby("optimizer").lr
    notice(t(f"{SCOPE}.sweep.notice",
             best=", ".join(f"{legend_label(r.optimizer)} {r.lr:.2g}" for r in best.itertuples()),
             widths=", ".join(f"{legend_label(o)} {g.max() / g.min():.3g}×" for o, g in good)))
    health_view(SCOPE, {}, list(optimizers.sweep_jobs(cfg)),
                lambda name: run(optimizers.sweep_health, optimizers.SweepRun(**vars(cfg), run=name)))
    return cfg


def schedules():
    presets(optimizers.ScheduleConfig, SCOPE, {
        "slides": {}, "decays": {"schedules": ("flat", "exponential", "inverse_t", "cosine")},
        "adam": {"optimizer": "adam", "lr": 0.02}})
    cfg = form(optimizers.ScheduleConfig, SCOPE, columns=5)
    out = run(optimizers.schedules, cfg)
    hist = out["history"]
    left, right = st.columns(2)
    with left:
        chart(charts.lines(out["schedule"], "step", "lr", "schedule", t(f"{SCOPE}.schedules.lr")), out["schedule"],
              "schedule_lr")
    with right:
        chart(charts.lines(hist[hist.split == "train"], "step", "loss", "variant", t(f"{SCOPE}.schedules.loss"),
                           log_y=True), hist, "schedule_history")
    table(out["summary"], "schedule_summary", names=("variant",))
    s = out["summary"].sort_values("train_loss")
    notice(t(f"{SCOPE}.schedules.notice", best=legend_label(s.variant.iloc[0]), loss=f"{s.train_loss.iloc[0]:.3g}",
             worst=legend_label(s.variant.iloc[-1]), wloss=f"{s.train_loss.iloc[-1]:.3g}"))
    health_view(SCOPE, out)
    return cfg


PARTS = {"race": race, "inside": inside, "saddle": saddle, "theory": theory, "taylor": taylor, "network": network,
         "sweep": sweep, "schedules": schedules, **card_parts(SCOPE)}

header(SCOPE)
part = parts(SCOPE, list(PARTS))
code_export(SCOPE, part, PARTS[part]())
