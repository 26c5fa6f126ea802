"""Config fields that carry their own bounds, and the one place where values are validated.

A config is a frozen dataclass whose fields are declared with `num`, `choice`, `flag` or `multi`.
The metadata they attach is read twice: by `ui.controls` to build the widgets, and by `validate`
to clamp or replace any value (from a URL, a widget or a test) before it reaches an experiment.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any, Iterable


@dataclass(frozen=True)
class Spec:
    kind: str  # "int", "float", "choice", "flag", "multi"
    lo: float | None = None
    hi: float | None = None
    step: float | None = None
    log: bool = False  # a log-scale slider over a 1-2-5 grid
    options: tuple = ()
    key: str | None = None  # short URL name; defaults to the field name


def num(default: float, lo: float, hi: float, *, step: float | None = None, log: bool = False,
        key: str | None = None):
    """A number field in [lo, hi]; ints when default, lo and hi are all ints."""
    kind = "int" if all(isinstance(v, int) for v in (default, lo, hi)) and not log else "float"
    return field(default=default, metadata={"spec": Spec(kind, lo, hi, step, log, key=key)})


def choice(default: str, options: Iterable[str], key: str | None = None):
    return field(default=default, metadata={"spec": Spec("choice", options=tuple(options), key=key)})


def flag(default: bool, key: str | None = None):
    return field(default=default, metadata={"spec": Spec("flag", key=key)})


def multi(default: Iterable[str], options: Iterable[str], key: str | None = None):
    """A non-empty subset of options, kept in the options' order."""
    return field(default=tuple(default), metadata={"spec": Spec("multi", options=tuple(options), key=key)})


def specs(cls) -> dict[str, Spec]:
    """field name -> Spec for every user-facing field of a config class."""
    return {f.name: f.metadata["spec"] for f in dataclasses.fields(cls) if "spec" in f.metadata}


def url_key(name: str, spec: Spec, prefix: str = "") -> str:
    return prefix + (spec.key or name)


def log_grid(lo: float, hi: float) -> list[float]:
    """1-2-5 values per decade between lo and hi (both included), for log sliders."""
    values, exponent = [], math.floor(math.log10(lo))
    while 10.0 ** exponent <= hi * 1.0001:
        for mantissa in (1, 2, 5):
            v = float(f"{mantissa * 10.0 ** exponent:.6g}")
            if lo * 0.9999 <= v <= hi * 1.0001:
                values.append(v)
        exponent += 1
    return values


def fix(value: Any, default: Any, spec: Spec) -> Any:
    """The valid value nearest to `value`, or `default` when there is none."""
    if spec.kind in ("int", "float"):
        try:
            x = float(value)
        except (TypeError, ValueError):
            return default
        if math.isnan(x):
            return default
        x = min(max(x, spec.lo), spec.hi)
        return int(round(x)) if spec.kind == "int" else x
    if spec.kind == "choice":
        return value if value in spec.options else default
    if spec.kind == "flag":
        if isinstance(value, bool):
            return value
        return {"true": True, "false": False}.get(str(value).lower(), default)
    if spec.kind == "multi":
        items = (value,) if isinstance(value, str) else tuple(value or ())
        kept = tuple(o for o in spec.options if o in items)
        return kept or default
    raise ValueError(spec.kind)


def validate(cls, values: dict[str, Any] | None = None, **overrides):
    """Build `cls` from values, clamping each into its field's bounds.

    Returns (config, notes) where notes lists (field, given, used) for every replaced value.
    Unknown names are reported too, with used=None. A config class may define `limit(self) -> dict`
    returning fields to lower so the run fits the time budget (see core.train.affordable_steps); those
    replacements are noted as (field, given, used, "budget").
    """
    values = {**(values or {}), **overrides}
    fields = {f.name: f for f in dataclasses.fields(cls)}
    kwargs, notes = {}, []
    for name, value in values.items():
        if name not in fields:
            notes.append((name, value, None))
            continue
        spec = fields[name].metadata.get("spec")
        fixed = value if spec is None else fix(value, fields[name].default, spec)
        if fixed != value and not (isinstance(value, (list, tuple)) and tuple(value) == fixed):
            notes.append((name, value, fixed))
        kwargs[name] = fixed
    cfg = cls(**kwargs)
    if hasattr(cfg, "limit"):
        lowered = cfg.limit()
        notes += [(name, getattr(cfg, name), used, "budget") for name, used in lowered.items()
                  if used != getattr(cfg, name)]
        cfg = dataclasses.replace(cfg, **lowered)
    return cfg, notes


def clamp(cfg):
    """Re-validate a config instance (experiments call this so direct callers are safe too)."""
    return validate(type(cfg), dataclasses.asdict(cfg))[0]


def largest(cls):
    """The heaviest allowed config: every number at its upper bound, every multi-choice full
    (then lowered by the class's `limit`, as for any user). Tests and the benchmark walk it."""
    values = {}
    for name, spec in specs(cls).items():
        if spec.kind in ("int", "float"):
            values[name] = spec.hi
        elif spec.kind == "multi":
            values[name] = spec.options
    return validate(cls, values)[0]
