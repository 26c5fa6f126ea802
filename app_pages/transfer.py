"""Lectures 6-7, transfer learning: a pretrained backbone as a feature extractor or fine-tuned."""

import altair as alt
import streamlit as st

from core import transfer
from ui import charts, colours
from ui.cache import run
from ui.cards import card_parts
from ui.controls import form, presets
from ui.i18n import column_title, t
from ui.layout import chart, header, notice, parts, table
from ui.options import legend_label, named
from ui.study import code_export, gate

SCOPE = "transfer"
QUADRANTS = {"similar_little": {"target": "digits", "labels": "5"},
             "different_little": {"target": "shuffled", "labels": "5"},
             "similar_lots": {"target": "digits", "labels": "all"},
             "different_lots": {"target": "shuffled", "labels": "all"}}


def picture(data, title: str, scheme: str = "greys", width: int = 560):
    """A mosaic of small images (x, y, value, label) as one heatmap, no axes, at most `width` pixels wide
    with square pixels. Every x and y up to the largest is on the scale, so the gaps between tiles show."""
    step = max(2, min(16, width // (int(data.x.max()) + 1)))
    scale = alt.Scale(scheme=scheme, domainMid=0) if scheme != "greys" else alt.Scale(scheme=scheme, domain=[0, 1])
    grid = lambda axis: alt.Scale(domain=list(range(int(data[axis].max()) + 1)))
    return alt.Chart(data, title=title).mark_rect().encode(
        x=alt.X("x:O", axis=None, scale=grid("x")), y=alt.Y("y:O", axis=None, scale=grid("y")),
        color=alt.Color("value:Q", scale=scale, legend=None),
        tooltip=charts.tips("label", "value", data=data)).properties(width=alt.Step(step), height=alt.Step(step))


def backbone():
    cfg = form(transfer.BackboneConfig, SCOPE)
    out = run(transfer.backbone_info, cfg)
    facts = out["facts"].set_index("fact").value
    left, right = st.columns([2, 1])
    with left:
        chart(picture(out["filters"], t(f"{SCOPE}.backbone.filters"), "redblue", 500), out["filters"],
              "first_layer_filters", width="content")
    with right:
        table(out["facts"].assign(fact=out["facts"].fact.map(lambda k: t(f"{SCOPE}.fact.{k}"))), "backbone_facts")
    chart(picture(out["samples"], t(f"{SCOPE}.backbone.samples"), width=800), out["samples"], "source_images",
          width="content")
    notice(t(f"{SCOPE}.backbone.notice", images=f"{int(facts['train_images']):,}", classes=int(facts["classes"]),
             seconds=f"{facts['train_seconds'] + facts['data_seconds']:.0f}", acc=f"{facts['source_accuracy']:.1%}",
             test=f"{int(facts['test_images']):,}", kb=f"{facts['file_kb']:.0f}",
             params=f"{int(facts['parameters']):,}"))
    return cfg


def targets():
    cfg = form(transfer.TargetConfig, SCOPE)
    out = run(transfer.target_info, cfg)
    left, right = st.columns([3, 1])
    with left:
        chart(picture(out["samples"], t(f"{SCOPE}.targets.samples"), width=580), out["samples"],
              "target_training_images", width="content")
    with right:
        table(out["sizes"], "target_sizes", names=("split",))
    sizes = out["sizes"].set_index("split").images
    zero_shot = out["zero_shot"].set_index("target").zero_shot_accuracy[cfg.target]
    notice(t(f"{SCOPE}.targets.notice", target=legend_label(cfg.target), n=sizes["train"], test=sizes["test"],
             zero=f"{zero_shot:.0%}"))
    return cfg


def strategies():
    presets(transfer.StrategyConfig, SCOPE, QUADRANTS)
    cfg = form(transfer.StrategyConfig, SCOPE, columns=4)
    out = run(transfer.strategies, cfg)
    acc = out["summary"].set_index("strategy").test_accuracy
    gate(SCOPE, "best", list(acc.index), acc.idxmax(), cfg, label=lambda name: legend_label(name, SCOPE))
    hist = named(out["history"], "variant")
    summary = named(out["summary"], "strategy")
    left, right = st.columns(2)
    with left:
        chart(charts.lines(hist[hist.split == "val"], "step", "accuracy", "variant", t(f"{SCOPE}.strategies.curve"),
                           y_title=t(f"{SCOPE}.axis.test")), out["history"], "strategy_history")
    with right:
        chart(charts.bars(summary, "test_accuracy", "strategy", t(f"{SCOPE}.strategies.bar"),
                          x_title=t(f"{SCOPE}.axis.test"), y_title=""), out["summary"], "strategy_summary")
    table(out["summary"], "strategy_table", names=("strategy",))
    best = acc.idxmax()
    margin = (acc["linear"] - acc["scratch"]) * 100 if {"linear", "scratch"} <= set(acc.index) else float("nan")
    notice(t(f"{SCOPE}.strategies.notice", best=legend_label(best), acc=f"{acc[best]:.1%}", labels=cfg.labels,
             target=legend_label(cfg.target), margin=f"{margin:+.1f}"))
    return cfg


def curves():
    cfg = form(transfer.CurveConfig, SCOPE, columns=4)
    out = run(transfer.curves, cfg)
    mean = named(out["mean"], "strategy")
    base = alt.Chart(mean).encode(
        x=alt.X("per_class:Q", scale=alt.Scale(type="log"), title=t(f"{SCOPE}.axis.per_class")),
        # the legend under the plot (ui.charts.legend_rows), its swatches solid, not the band's
        color=colours.color(mean, "strategy:N", legend=charts.legend_rows(mean.strategy, symbolOpacity=1)))
    band = base.mark_area(opacity=0.15).encode(
        y=alt.Y("lo:Q", title=t(f"{SCOPE}.axis.test"), scale=alt.Scale(zero=False)), y2=alt.Y2("hi:Q"))
    lines = base.mark_line(point=True).encode(
        y=alt.Y("mean:Q"), tooltip=charts.tips("strategy", "labels", "mean", "std", "lo", "hi", data=mean))
    chart((band + lines).properties(title=t(f"{SCOPE}.curves.chart"), height=300), out["runs"], "learning_curves")
    table(out["mean"], "learning_curves_mean", names=("strategy",))
    small, large = out["mean"].per_class.min(), out["mean"].per_class.max()
    at = lambda pc: out["mean"][out["mean"].per_class == pc].set_index("strategy")["mean"]
    labels = out["mean"].drop_duplicates("per_class").set_index("per_class").labels
    notice(t(f"{SCOPE}.curves.notice", small=labels[small], large=labels[large],
             best_small=legend_label(at(small).idxmax()), acc_small=f"{at(small).max():.1%}",
             best_large=legend_label(at(large).idxmax()), acc_large=f"{at(large).max():.1%}", seeds=cfg.seeds))
    return cfg


def advice_table():
    cfg = form(transfer.TableConfig, SCOPE, columns=4)
    out = run(transfer.table, cfg)
    cells = out["cells"].copy()
    cells["verdict"] = cells.agrees.map(lambda a: t(f"{SCOPE}.table.{'agree' if a else 'disagree'}"))
    cells["similarity"] = cells.similarity.map(lambda v: t(f"{SCOPE}.table.{v}"))
    cells["data"] = cells.data.map(lambda v: t(f"{SCOPE}.table.{v}", n=cfg.little if v == "little" else cfg.lots))
    shown = named(cells, "best", "runner_up", "advice").drop(columns="agrees")
    grid = charts.heatmap(shown, "data", "similarity", "best_accuracy", t(f"{SCOPE}.table.chart"), text="best")
    chart(grid.configure_axisX(labelAngle=0, labelExpr=charts.TWO_LINE_LABEL), out["cells"], "table_cells")
    table(shown, "transfer_2x2", column_config={c: st.column_config.NumberColumn(format="percent")
                                                for c in ("best_accuracy", "margin", "advice_accuracy", "gap")})
    off = [f"{s} / {d}" for s, d, a in zip(cells.similarity, cells.data, cells.agrees) if not a]
    notice(t(f"{SCOPE}.table.notice", agree=int(cells.agrees.sum()), seeds=cfg.seeds,
             off=", ".join(off) if off else t(f"{SCOPE}.table.none")))
    return cfg


def pca():
    cfg = form(transfer.PcaConfig, SCOPE, columns=4)
    out = run(transfer.features_pca, cfg)
    points = named(out["points"], "backbone")
    colour = colours.color(points, "class:N", sorted(points["class"].unique()), title=t(f"{SCOPE}.axis.class"),
                           legend=alt.Legend(orient="bottom", columns=5))
    x, y = alt.X("pc1:Q", title=column_title("pc1")), alt.Y("pc2:Q", title=column_title("pc2"))
    scatter = charts.panels(points, "backbone", t(f"{SCOPE}.pca.chart"), lambda rows: alt.Chart(rows).mark_circle(
        size=18, opacity=0.8).encode(x=x, y=y, color=colour,
                                     tooltip=charts.tips("class", "pc1", "pc2", data=points)), size=300)
    chart(scatter, out["points"], "feature_pca")
    table(out["scores"], "feature_scores", names=("backbone",))
    scores = out["scores"].set_index("backbone").centroid_accuracy
    notice(t(f"{SCOPE}.pca.notice", pre=f"{scores['pretrained']:.0%}", rnd=f"{scores['random']:.0%}",
             target=legend_label(cfg.target)))
    return cfg


def bn():
    cfg = form(transfer.BnConfig, SCOPE, columns=4)
    out = run(transfer.bn_pitfall, cfg)
    stats = named(out["stats"][out["stats"].stat == "running_mean"], "variant")
    shared = lambda column: alt.Scale(domain=[float(stats[column].min()), float(stats[column].max())], nice=True)
    dots = charts.panels(stats, "variant", t(f"{SCOPE}.bn.chart"), lambda rows: alt.Chart(rows).mark_circle(
        size=22).encode(x=alt.X("before:Q", title=t(f"{SCOPE}.bn.before"), scale=shared("before")),
                        y=alt.Y("after:Q", title=t(f"{SCOPE}.bn.after"), scale=shared("after")),
                        color=colours.color(stats, "layer:N", legend=alt.Legend(orient="bottom", columns=4)),
                        tooltip=charts.tips("variant", "layer", "channel", "before", "after", data=stats)), size=300)
    chart(dots, out["stats"], "bn_running_stats")
    table(out["summary"], "bn_summary", names=("variant",))
    st.code(t(f"{SCOPE}.bn.code"), language="python")
    s = out["summary"].set_index("variant")
    notice(t(f"{SCOPE}.bn.notice", shift=f"{s.stats_changed['train_mode']:.2f}",
             drift=f"{s.features_changed['train_mode']:.2f}", src=f"{s.source_accuracy['train_mode']:.1%}",
             src_fix=f"{s.source_accuracy['eval_mode']:.1%}", w=f"{s.weights_changed.max():g}"))
    return cfg


def imagenet():
    cfg = form(transfer.RecipeConfig, SCOPE, columns=4)
    out = run(transfer.recipe, cfg)
    st.code(t(f"{SCOPE}.imagenet.code.{cfg.strategy}", classes=cfg.classes, lrh=cfg.lr_head, lrb=cfg.lr_backbone),
            language="python")
    chart(charts.bars(out.assign(trained=out.trained.map(str)), "parameters", "stage", t(f"{SCOPE}.imagenet.chart"),
                      color="trained", sort=None), out, "resnet18_parameters")
    trained = out[out.trained]
    notice(t(f"{SCOPE}.imagenet.notice", strategy=legend_label(cfg.strategy), n=f"{int(trained.parameters.sum()):,}",
             total=f"{int(out.parameters.sum()):,}", share=f"{trained.share.sum():.2%}"))
    return cfg


PARTS = {"backbone": backbone, "targets": targets, "strategies": strategies, "curves": curves, "table": advice_table,
         "pca": pca, "bn": bn, "imagenet": imagenet, **card_parts(SCOPE)}

header(SCOPE)
part = parts(SCOPE, list(PARTS))
code_export(SCOPE, part, PARTS[part]())
