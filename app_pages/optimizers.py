"""Optimizers page (CS231n Lectures 6-7, "Optimization"): eight parts, each with the run that shows it."""

import streamlit as st

from core import optimizers as O
from ui import charts, charts_optimizers as C
from ui.cache import run
from ui.controls import form, presets, slider
from ui.i18n import t
from ui.layout import chart, header, notice, parts, table, twin_runs_report
from ui.study import ask, code_export
from ui.options import named, option_label

S = "optimizers"
header(S)
part = parts(S, list(O.EXPERIMENTS))


def scrub(steps: int, default: int) -> int:
    """A step slider (in the URL as `at`) that scrubs through the paths already computed."""
    return slider(t(f"{S}.f.at"), 0, steps, min(default, steps), key="at")


if part == "race":
    presets(O.RaceConfig, S, {
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
        "noisy": {"noise": 1.0, "steps": 200, "optimizers": ("sgd", "momentum", "adam")}})
    main = ["surface", "kappa", "optimizers", "x0", "y0", "steps", "noise", "beta", "shared_lr", "seed"]
    base = form(O.RaceConfig, S, fields=main, columns=5)
    rates = (["lr"] if base.shared_lr else []) + [f"lr_{n}" for n in base.optimizers
                                                  if not base.shared_lr or n in O.SECOND_ORDER]
    cfg = form(O.RaceConfig, S, fields=rates, columns=5, fixed={n: getattr(base, n) for n in main})
    out = run(O.race, cfg)
    at = scrub(cfg.steps, cfg.steps)
    paths, low = out["paths"], O.SURFACES[cfg.surface].minimum
    left, right = st.columns(2)
    with left:
        chart(C.paths_on_surface(out["grid"], named(paths, "optimizer"), "optimizer", t(f"{S}.race.map"), at), paths,
              "race_paths")
    with right:
        shown = paths.assign(gap=(paths.loss - low).clip(lower=1e-12)) if low is not None else paths
        chart(C.curves_with_marker(named(shown, "optimizer"), "step", "gap" if low is not None else "loss",
                                   "optimizer", t(f"{S}.race.loss"), at, log_y=low is not None,
                                   y_title=t(f"{S}.race.gap") if low is not None else t("col.loss")),
              shown, "race_loss")
    table(named(out["summary"], "optimizer"), "race_summary")
    first = out["summary"][out["summary"].optimizer.isin(O.FIRST_ORDER)]  # Newton on a quadratic wins trivially
    best = (first if len(first) else out["summary"]).sort_values("final_loss").iloc[0]
    now = paths[(paths.step <= at) & paths.optimizer.isin(best.optimizer if not len(first) else O.FIRST_ORDER)]
    now = now.groupby("optimizer").loss.last().sort_values()
    notice(t(f"{S}.race.notice", best=option_label(best.optimizer), loss=f"{best.final_loss:.3g}", steps=cfg.steps,
             at=at, lead=option_label(now.index[0]), left=", ".join(option_label(o) for o in
                                                                       out["summary"].dropna(subset=["left_view_at"]).optimizer) or "—"))

elif part == "inside":
    cfg = form(O.InsideConfig, S, columns=5)
    out = run(O.inside_state, cfg)
    at = min(cfg.inspect, int(out["state"].step.max()))
    chart(C.arrows_on_surface(out["grid"], out["paths"], out["arrows"], t(f"{S}.inside.map", at=at)), out["arrows"],
          "inside_arrows")
    now = out["state"][out["state"].step == at]
    table(now, "inside_state")
    for name in cfg.optimizers:
        st.latex(rf"\text{{{option_label(name)}:}}\quad " + O.RULE_LATEX[name])
    st.caption(t(f"{S}.inside.cs231n"))
    ratio = now.pivot(index="optimizer", columns="coordinate", values="effective_lr")
    spread = (ratio["x"] / ratio["y"].where(ratio["y"] != 0)).dropna()
    notice(t(f"{S}.inside.notice", at=at, lr=cfg.lr, k=f"{cfg.kappa:g}",
             ratios=", ".join(f"{option_label(n)} {v:.2g}" for n, v in spread.items())))

elif part == "saddle":
    presets(O.SaddleConfig, S, {"exact": {}, "tiny": {"offset": 1e-12}, "shaky": {"noise": 1.0}, "big": {"lr": 0.2}})
    cfg = form(O.SaddleConfig, S, columns=3)
    out = run(O.saddle_runs, cfg)
    p = out["paths"].assign(abs_y=out["paths"].y.abs().clip(lower=1e-16))
    e = out["escape"].set_index("variant").steps_to_leave
    if ask(S, "ridge", ["stays", "leaves"], "stays" if e.iloc[0] != e.iloc[0] else "leaves", cfg):
        left, right = st.columns(2)
        with left:
            grid = O.grid("saddle", 1.0, 40)
            chart(C.paths_on_surface(grid, p, "variant", t(f"{S}.saddle.map")), out["paths"], "saddle_paths")
        with right:
            chart(C.curves_with_marker(p, "step", "abs_y", "variant", t(f"{S}.saddle.y"), log_y=True, y_title="|y|"),
                  out["paths"], "saddle_distance")
        table(out["escape"], "saddle_escape")
        fmt = lambda v: "—" if v != v else f"{int(v)}"
        notice(t(f"{S}.saddle.notice", sgd=fmt(e.iloc[1]), adam=fmt(e.iloc[5]), noise=fmt(e.iloc[2]),
                 off=f"{cfg.offset:.0e}"))

elif part == "theory":
    presets(O.TheoryConfig, S, {"k10": {"kappa": 10.0}, "k100": {}, "k1000": {"kappa": 1000.0, "max_steps": 20000}})
    cfg = form(O.TheoryConfig, S, columns=4)
    out = run(O.theory, cfg)
    curves = out["curves"].melt(id_vars=["method", "step"], var_name="kind", value_name="value")
    chart(charts.lines(curves.assign(value=curves.value.clip(lower=1e-300)), "step", "value", "method",
                       t(f"{S}.theory.curves"), log_y=True, dash="kind", y_title="‖x‖"), out["curves"], "theory_curves")
    table(out["summary"], "theory_summary")
    limits = out["limits"].assign(lr=out["limits"].theory_max_lr)
    chart(C.log_scatter(out["sweep"].assign(final_distance=out["sweep"].final_distance.clip(1e-12, 1e12)), "lr",
                        "final_distance", "method", t(f"{S}.theory.sweep"), rule=limits[["method", "lr"]],
                        y_title="‖x‖"), out["sweep"], "theory_sweep")
    table(out["limits"], "theory_limits")
    s, lim = out["summary"].set_index("method"), out["limits"].set_index("method")
    notice(t(f"{S}.theory.notice", k=f"{cfg.kappa:g}", gd=s.iterations["gd"], mom=s.iterations["momentum"],
             tol=f"{cfg.tol:g}", gdmax=f"{lim.found_max_lr['gd']:.4g}", mommax=f"{lim.found_max_lr['momentum']:.4g}",
             beta=f"{cfg.beta:g}"))

elif part == "taylor":
    presets(O.TaylorConfig, S, {"convex": {}, "concave": {"x": 1.2}, "valley": {"surface": "rosenbrock", "x": -1.0,
                                                                               "y": 1.5, "angle": 90.0, "lr": 0.002}})
    cfg = form(O.TaylorConfig, S, columns=5)
    out = run(O.taylor, cfg)
    chart(C.taylor(out["curves"], out["steps"], t(f"{S}.taylor.chart")), out["curves"], "taylor_slice")
    table(out["steps"], "taylor_steps")
    st.latex(r"f(s) \approx f(0) + f'(0)\,s + \tfrac12 f''(0)\,s^2 \;\Rightarrow\; s_{\mathrm{Newton}} = "
             r"-\frac{f'(0)}{f''(0)}, \qquad s_{\mathrm{gradient}} = -\eta\, f'(0)")
    sci = st.column_config.NumberColumn(format="scientific")
    table(out["hessian"], "hessian_cost", column_config={"hessian_entries": sci, "inverse_flops": sci,
                                                         "parameters": st.column_config.NumberColumn(format="localized")})
    steps = out["steps"].set_index("step")
    h = out["hessian"].iloc[-1]
    key = "notice" if steps.curvature.iloc[0] > 0 else "concave"
    notice(t(f"{S}.taylor.{key}", newton=f"{steps.value.get('newton', float('nan')):.4g}",
             grad=f"{steps.value['gradient']:.4g}", start=f"{steps.value['start']:.4g}",
             gb=f"{h.hessian_gb:,.0f}", n=f"{h.parameters:,}"))

elif part == "network":
    cfg = form(O.NetworkConfig, S, columns=4)
    out = run(O.network, cfg)
    twin_runs_report(out["history"], out["summary"], t(f"{S}.network.loss"), t(f"{S}.network.acc"), "network")
    s = out["summary"].sort_values("train_loss")
    notice(t(f"{S}.network.notice", best=option_label(s.variant.iloc[0]), loss=f"{s.train_loss.iloc[0]:.3g}",
             worst=option_label(s.variant.iloc[-1]), wloss=f"{s.train_loss.iloc[-1]:.3g}", steps=cfg.steps))

elif part == "sweep":
    cfg = form(O.SweepConfig, S, columns=5)
    df = run(O.sweep, cfg)
    chart(C.log_scatter(df, "lr", "final_loss", "optimizer", t(f"{S}.sweep.chart"), y_title=t(f"{S}.sweep.y")),
          df, "lr_sweep")
    best = df.loc[df.groupby("optimizer").final_loss.idxmin()]
    good = df[df.final_loss < 2 * df.groupby("optimizer").final_loss.transform("min")].groupby("optimizer").lr
    notice(t(f"{S}.sweep.notice", best=", ".join(f"{option_label(r.optimizer)} {r.lr:.2g}" for r in best.itertuples()),
             widths=", ".join(f"{option_label(o)} {g.max() / g.min():.3g}×" for o, g in good)))

else:
    presets(O.ScheduleConfig, S, {"slides": {}, "decays": {"schedules": ("constant", "exponential", "inverse_t",
                                                                         "cosine")},
                                  "adam": {"optimizer": "adam", "lr": 0.02}})
    cfg = form(O.ScheduleConfig, S, columns=5)
    out = run(O.schedules, cfg)
    hist = out["history"]
    left, right = st.columns(2)
    with left:
        chart(charts.lines(out["schedule"], "step", "lr", "schedule", t(f"{S}.schedules.lr")), out["schedule"],
              "schedule_lr")
    with right:
        chart(charts.lines(hist[hist.split == "train"], "step", "loss", "variant", t(f"{S}.schedules.loss"),
                           log_y=True), hist, "schedule_history")
    table(out["summary"], "schedule_summary")
    s = out["summary"].sort_values("train_loss")
    notice(t(f"{S}.schedules.notice", best=option_label(s.variant.iloc[0]), loss=f"{s.train_loss.iloc[0]:.3g}",
             worst=option_label(s.variant.iloc[-1]), wloss=f"{s.train_loss.iloc[-1]:.3g}"))

code_export(O, part, cfg)
