"""Lectures 5-6, babysitting the learning process: preprocessing, the sanity checks, the loss curve,
hyperparameter search (random vs grid, coarse to fine, the learning-rate range test), and the 1-D digits."""

import hashlib

import streamlit as st

from core import babysitting as B
from core import search as hyper
from core import tiers as tiering
from core.params import specs
from ui import charts, charts_babysitting, charts_search
from ui.babysitting import check, image_case, name, shown, steps_text
from ui.cache import run
from ui.controls import form, presets
from ui.health import health_view
from ui.i18n import t
from ui.layout import chart, header, notice, parts, twin_runs_report
from ui.options import named
from ui.study import ask, code_export

SCOPE = "babysitting"


def preprocessing():
    presets(B.PreprocessConfig, SCOPE, B.PREPROCESS_PRESETS)
    inputs = form(B.PreprocessConfig, SCOPE, fields=["inputs"], columns=1).inputs  # wide: up to five chips
    cfg = form(B.PreprocessConfig, SCOPE, fields=[f for f in specs(B.PreprocessConfig) if f != "inputs"],
               columns=5, fixed={"inputs": inputs})
    out = run(B.preprocessing, cfg)
    summary = out["summary"].set_index("variant")
    reached = summary.steps_to_target.dropna()
    if not ask(SCOPE, "first", [*cfg.inputs, "none"], reached.idxmin() if len(reached) else "none", cfg,
               label=lambda v: t(f"{SCOPE}.q.first.none") if v == "none" else name(v)):
        return cfg
    clouds = [charts_babysitting.cloud(out["cloud"][out["cloud"].stage == stage], name(stage)) for stage in B.STAGES]
    chart(charts.Panels("", tuple(clouds)), out["cloud"], "preprocessing_cloud")  # side by side, wrapping
    shown(out["stats"].round(4).replace(-0.0, 0.0), "preprocessing_stats", "stage")  # 0, not -0 or 1e-16
    left, right = st.columns(2)
    with left:
        chart(charts.lines(named(out["history"], "variant", scope=SCOPE), "step", "loss", "variant",
                           t(f"{SCOPE}.preprocessing.loss"), log_y=True), out["history"], "preprocessing_history")
    with right:
        chart(charts.bars(named(out["summary"], "variant", scope=SCOPE), "sensitivity_start", "variant",
                          t(f"{SCOPE}.preprocessing.sensitivity"), sort=None,
                          x_title=t(f"{SCOPE}.preprocessing.sensitivity_axis", radius=cfg.radius)),
              out["summary"], "preprocessing_sensitivity")
    shown(out["summary"], "preprocessing_summary", "variant")
    image_case(out)
    sensitive, images = summary.sensitivity_start, out["images"].set_index("method")
    notice(t(f"{SCOPE}.preprocessing.notice", lr=cfg.lr, target=cfg.target, radius=cfg.radius,
             reached=", ".join(f"{name(v)} {steps_text(s)}" for v, s in summary.steps_to_target.items()),
             most=name(sensitive.idxmax()), most_value=sensitive.max(), least=name(sensitive.idxmin()),
             least_value=sensitive.min(), times=sensitive.max() / sensitive.min(),
             **images.loc["channel_mean"].add_prefix("channel_"), **images.loc["mean_image"].add_prefix("mean_")))
    return cfg


def sanity():
    presets(B.SanityConfig, SCOPE, B.SANITY_PRESETS)
    cfg = form(B.SanityConfig, SCOPE, columns=4)
    out = run(B.sanity, cfg)
    checks = out["checks"].set_index("check", drop=False)
    value, reference = checks.value["regularization"], checks.reference["regularization"]
    if not ask(SCOPE, "reg", ["lower", "equal", "higher"],
               "higher" if value > reference else "equal" if value == reference else "lower", cfg):
        return cfg
    token, ran = hashlib.sha1(repr(cfg).encode()).hexdigest()[:8], []  # new settings: press again
    for column, row in zip(st.columns(3), checks.itertuples(index=False)):
        with column:
            ran += [row.passed] if check(row, cfg, token) else []
    if st.session_state.get(f"_check_overfit_{token}"):
        curve = named(out["overfit"].melt("step", ["loss", "accuracy"], var_name="quantity"), "quantity",
                      scope=SCOPE)
        chart(charts.lines(curve, "step", "value", "quantity", t(f"{SCOPE}.sanity.overfit"), y_title=" "),
              out["overfit"], "sanity_overfit")
    notice(t(f"{SCOPE}.sanity.notice", classes=checks.classes.iloc[0], chance=checks.reference["initial_loss"],
             ran=t(f"{SCOPE}.sanity.ran", passed=sum(ran), ran=len(ran)) if ran else t(f"{SCOPE}.sanity.none_run")))
    return cfg


def curves():
    presets(B.CurvesConfig, SCOPE, B.CURVE_PRESETS)
    cfg = form(B.CurvesConfig, SCOPE, columns=4)
    out = run(B.curves, cfg)
    signature = out["summary"].signature.iloc[0]
    if not ask(SCOPE, "curve", list(B.SIGNATURES), signature, cfg):
        return cfg
    history = named(out["history"], "split", scope=SCOPE)
    for column, metric in zip(st.columns(2), ("loss", "accuracy")):
        with column:
            chart(charts.lines(history, "step", metric, "split", t(f"{SCOPE}.curves.{metric}"),
                               log_y=metric == "loss", dash="split"), out["history"], f"curves_{metric}")
    label = t(f"{SCOPE}.q.curve.{signature}")
    shown(out["summary"].drop(columns="variant").assign(signature=label), "curves_summary")
    r = B.readings(out["history"], out["summary"])
    if r["diverged_at"] is not None:
        st.warning(t("run.diverged", variant=name("run"), step=r["diverged_at"], reason=t(f"reason.{r['reason']}")))
    st.caption(t(f"{SCOPE}.curves.rules", **B.THRESHOLDS))
    notice(t(f"{SCOPE}.curves.notice", **r, plateau_drop=B.PLATEAU_DROP, signature=label,
             fell=steps_text(r["plateau_until"]), advice=t(f"{SCOPE}.advice.{signature}")))
    health_view(SCOPE, out)
    return cfg


def random_search():
    presets(hyper.GridRandomConfig, SCOPE, hyper.SEARCH_PRESETS)
    cfg = form(hyper.GridRandomConfig, SCOPE, columns=5)
    out = run(hyper.grid_vs_random, cfg)
    if not ask(SCOPE, "search", ["grid", "random", "tie"], hyper.search_winner(out["summary"]), cfg):
        return cfg
    left, right = st.columns(2)
    with left:
        trials = named(out["trials"], "method", scope=SCOPE)
        chart(charts_search.trials_on_response(trials, out["response"], t(f"{SCOPE}.search.trials")),
              out["trials"], "search_trials")
    with right:
        chart(charts_search.best_scores(named(out["best"], "method", scope=SCOPE), t(f"{SCOPE}.search.best")),
              out["best"], "search_best")
    shown(out["summary"], "search_summary", "method")
    s = out["summary"].set_index("method")
    notice(t(f"{SCOPE}.search.notice", budget=cfg.grid_side ** 2, side=cfg.grid_side, repeats=cfg.repeats,
             random_win=f"{s.win_fraction['random']:.0%}", grid_win=f"{s.win_fraction['grid']:.0%}",
             ties=f"{s.tie_fraction['grid']:.0%}", random_median=f"{s.median_best['random']:.3f}",
             grid_median=f"{s.median_best['grid']:.3f}"))
    return cfg


def coarse_fine():
    presets(hyper.CoarseFineConfig, SCOPE, hyper.COARSE_PRESETS)
    cfg = form(hyper.CoarseFineConfig, SCOPE, columns=5)
    out = run(hyper.coarse_to_fine, cfg)
    trials, boxes, best = out["trials"], out["boxes"], out["best"]
    if not ask(SCOPE, "stage", ["coarse", "fine"], hyper.better_stage(trials), cfg):
        return cfg
    stages = lambda frame: named(frame, "stage", scope=SCOPE)
    left, right = st.columns(2)
    with left:
        chart(charts_search.search_scatter(stages(trials), stages(boxes), stages(best), t(f"{SCOPE}.coarse.scatter")),
              trials, "coarse_trials")
    with right:
        chart(charts_search.accuracy_against(stages(trials), "lr", t(f"{SCOPE}.coarse.along")), trials,
              "coarse_along_lr")
    shown(best, "coarse_best", "stage")
    b, box = best.set_index("stage"), boxes.set_index("stage").loc["fine"]
    median = trials.groupby("stage").val_accuracy.median()
    notice(t(f"{SCOPE}.coarse.notice", coarse_acc=f"{b.val_accuracy['coarse']:.1%}", coarse_lr=f"{b.lr['coarse']:.3g}",
             coarse_reg=f"{b.reg['coarse']:.2g}", fine_acc=f"{b.val_accuracy['fine']:.1%}",
             fine_lr=f"{b.lr['fine']:.3g}", fine_reg=f"{b.reg['fine']:.2g}",
             lr_box=f"[{box.lr_lo:.2g}, {box.lr_hi:.2g}]", reg_box=f"[{box.reg_lo:.2g}, {box.reg_hi:.2g}]",
             coarse_median=f"{median['coarse']:.1%}", fine_median=f"{median['fine']:.1%}",
             diverged=int(trials.diverged.sum()), trials=len(trials)))
    edges = hyper.past_the_edge(boxes)
    if edges:
        st.warning(t(f"{SCOPE}.coarse.edge", axes=", ".join(t(f"{SCOPE}.coarse.axis.{a}") for a in edges)))
    return cfg


def lr_finder():
    presets(hyper.RangeConfig, SCOPE, hyper.RANGE_PRESETS)
    cfg = form(hyper.RangeConfig, SCOPE, columns=4)
    out = run(hyper.lr_range, cfg)
    if not ask(SCOPE, "rule", list(hyper.RULES), hyper.steadier_rule(out["spread"]), cfg,
               label=lambda rule: t(f"{SCOPE}.q.rule.{rule}")):
        return cfg
    domain = (cfg.lr_start, cfg.lr_end)
    suggestions = named(out["suggestions"], "rule", scope=SCOPE)
    chart(charts_search.range_band(out["curves"], suggestions, domain, t(f"{SCOPE}.lrfind.band")), out["curves"],
          "lrfind_curves")
    st.caption(t(f"{SCOPE}.lrfind.clipped"))
    chart(charts_search.suggestion_strip(suggestions, domain, t(f"{SCOPE}.lrfind.strip")), out["suggestions"],
          "lrfind_suggestions")
    shown(out["spread"], "lrfind_spread", "rule")
    shown(out["stops"], "lrfind_stops", "reason")
    spread, stops = out["spread"].set_index("rule"), out["stops"]
    stopped = stops[stops.reason == "4x minimum"]
    numbers = dict(seeds=cfg.seeds, min_lo=f"{spread.min_lr['minimum/10']:.2g}",
                   min_hi=f"{spread.max_lr['minimum/10']:.2g}", min_ratio=f"{spread.ratio['minimum/10']:.3g}",
                   steep_lo=f"{spread.min_lr['steepest']:.2g}", steep_hi=f"{spread.max_lr['steepest']:.2g}",
                   steep_ratio=f"{spread.ratio['steepest']:.3g}")
    notice(t(f"{SCOPE}.lrfind.{'notice' if len(stopped) else 'none_stopped'}", stopped=len(stopped),
             first_stop=f"{stopped.stop_lr.min():.2g}", **numbers))
    return cfg


def tiers_part():
    presets(tiering.TiersConfig, SCOPE, tiering.TIERS_PRESETS)
    cfg = form(tiering.TiersConfig, SCOPE, columns=4)
    out = run(tiering.tiers, cfg)
    result = out["tiers"].set_index("model")
    if not ask(SCOPE, "tiers", list(tiering.TIERS), result.val_accuracy.idxmax(), cfg):
        return cfg
    chart(charts.bars(named(out["tiers"], "model"), "val_accuracy", "model", t(f"{SCOPE}.tiers.chart"), sort=None),
          out["tiers"], "tiers")
    shown(out["tiers"], "tiers_table", "model")
    twin_runs_report(out["history"], out["summary"], t(f"{SCOPE}.tiers.loss"), t(f"{SCOPE}.tiers.acc"), "tiers")
    gains = tiering.margins(out["tiers"])
    verdict = "ordered" if tiering.ordered(out["tiers"]) else "unordered"
    (st.success if verdict == "ordered" else st.warning)(
        t(f"{SCOPE}.tiers.{verdict}", mlp_gain=f"{gains['mlp_over_linear'] * 100:+.0f}",
          cnn_gain=f"{gains['cnn_over_mlp'] * 100:+.0f}", margin=f"{tiering.TIER_MARGIN * 100:.0f}"))
    acc = result.val_accuracy
    notice(t(f"{SCOPE}.tiers.notice", softmax=f"{acc['softmax']:.0%}", mlp=f"{acc['mlp']:.0%}",
             cnn=f"{acc['cnn']:.0%}", mlp_train=f"{result.train_accuracy['mlp']:.0%}",
             mlp_params=f"{result.parameters['mlp']:,}", cnn_params=f"{result.parameters['cnn']:,}",
             n=f"{cfg.examples:,}"))
    health_view(SCOPE, out)
    return cfg


PARTS = {"preprocessing": preprocessing, "sanity": sanity, "curves": curves, "search": random_search,
         "coarse": coarse_fine, "lrfind": lr_finder, "tiers": tiers_part}

header(SCOPE)
part = parts(SCOPE, list(PARTS))
code_export(SCOPE, part, PARTS[part]())
