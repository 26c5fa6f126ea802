"""Every part of every page, opened with its defaults through the real app (AppTest): no exception or
error box, and one "what to notice" box per experiment shown, filled with this run's numbers."""

import importlib

import altair.utils.schemapi as schemapi
import pytest

from tests.conftest import open_page, problems
from ui.topics import TOPICS

CASES = [(topic.path, part) for topic in TOPICS
         for part in importlib.import_module(f"core.{topic.scope}").EXPERIMENTS]

NOTICES = {("app_pages/batchnorm.py", "gamma"): 2}  # learned gamma/beta, then the identity demonstration


@pytest.fixture(autouse=True)
def _validated_charts(monkeypatch):
    """The app skips Altair's schema validation for speed (ui.layout._Unvalidated); here every chart of
    every part is validated."""
    monkeypatch.setattr("ui.layout.VALIDATE_CHARTS", True)


@pytest.fixture
def slow_channels(monkeypatch) -> list:
    """Records each time Altair builds a channel from a bare string or dict (its slow `from_dict` path,
    ~1 ms each, see ui/charts.tips): pages pass channel objects."""
    seen = []
    original = schemapi._FromDict.__init__
    monkeypatch.setattr(schemapi._FromDict, "__init__", lambda self, *a: (seen.append(1), original(self, *a))[1])
    return seen


@pytest.mark.parametrize("path, part", CASES)
def test_every_part_renders_with_its_notice(path, part, slow_channels):
    at = open_page(path, part=part, timeout=120)
    assert problems(at) == []
    assert len(at.info) == NOTICES.get((path, part), 1)
    assert slow_channels == []


def test_unvalidated_charts_send_the_same_spec():
    import pandas as pd

    from ui import charts
    from ui.layout import _finite_rows, _Unvalidated

    data = pd.DataFrame({"step": [0, 1, 2, 3], "loss": [1.0, 0.5, float("nan"), float("inf")], "variant": ["a"] * 4})
    figure = _finite_rows(charts.lines(data, "step", "loss", "variant", "t", log_y=True))
    assert len(figure.data) == 2  # non-finite rows never reach Vega
    assert _Unvalidated(figure).to_dict() == figure.to_dict()


def test_train_stays_solid_in_every_language():
    """The dash follows the data's order (train first), not the alphabet of the translated names."""
    import pandas as pd

    from ui import charts

    data = pd.DataFrame({"step": [0, 0], "loss": [1.0, 1.1], "variant": ["a", "a"], "split": ["학습", "검증"]})
    spec = charts.lines(data, "step", "loss", "variant", "t", dash="split").to_dict()
    assert spec["encoding"]["strokeDash"]["sort"] == ["학습", "검증"]
