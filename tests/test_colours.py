"""One colour per named thing (ui/colours.py): every member of every registry has its colour, the members of
a family that can share a chart differ, a shown name in either language finds its entity, and the charts real
parts send give each entity its registry colour, whatever the page or the order of the series."""

import json
import pathlib
import re

import pytest

from core.models import NORM_LAYERS
from core.nn import ACTIVATIONS
from core.plain import INITS, OPTIMIZERS
from core.transfer import STRATEGIES
from core.initialization import RUNGS
from tests.conftest import open_page
from ui import colours
from ui.options import LABELS
from ui.text import CATALOG

REGISTRIES = {"activation": ACTIVATIONS, "init": INITS, "optimizer": OPTIMIZERS, "norm": NORM_LAYERS,
              "strategy": STRATEGIES, "rung": RUNGS, "split": {"train": None, "val": None}}


@pytest.mark.parametrize("family", REGISTRIES)
def test_every_registered_entity_has_one_colour_distinct_in_its_family(family):
    ids = list(REGISTRIES[family])
    assert all(colours.COLOURS.get(i) in colours.PALETTE for i in ids), [i for i in ids if i not in colours.COLOURS]
    assert len({colours.COLOURS[i] for i in ids}) == len(ids)  # drawn together, told apart


def test_families_use_the_palette_once_each():
    for family, members in colours.FAMILIES.items():
        assert len(set(members.values())) == len(members), family
        assert set(members.values()) <= set(colours.PALETTE), family


def test_every_shown_name_finds_its_entity_in_both_languages():
    """The label of a select box and the legend wording (en and ko) of each coloured id resolve to it, or to
    an id of the same colour (one shown name never stands for two colours)."""
    for value, colour in colours.COLOURS.items():
        names = [LABELS.get(value, value)] + [text for key, pair in CATALOG.items()
                                             if key.rpartition(".")[2] == value and key.rpartition(".")[0]
                                             .endswith("legend") for text in pair]
        for name in names:
            assert colours.colour(name) == colour, (value, name)
    assert colours.colour("not a thing") is None


@pytest.mark.parametrize("names", [["a", "ReLU", "b", "tanh"], ["train", "x", "validation", "y", "z"],
                                   [str(k) for k in range(len(colours.PALETTE))]])
def test_series_of_one_chart_never_share_a_colour(names):
    shown = colours.colours_for(names)
    assert len(set(shown)) == len(names)
    assert all(colours.colour(n) in (None, c) for n, c in zip(names, shown))


PARTS = [("app_pages/activations.py", "shapes"), ("app_pages/activations.py", "dead"),
         ("app_pages/optimizers.py", "race"), ("app_pages/babysitting.py", "curves")]
SCALE = re.compile(r'"domain":\s*(\[[^\]]*\]),\s*"range":\s*(\[[^\]]*\])')


@pytest.fixture(scope="module")
def sent_scales() -> list[tuple[str, list, list]]:
    """(page, domain, range) of every ordinal colour scale in the specs the app sent for PARTS."""
    found = []
    for path, part in PARTS:
        at = open_page(path, part=part, timeout=120)
        for element in at.get("vega_lite_chart"):
            for domain, values in SCALE.findall(element.proto.spec):
                domain, values = json.loads(domain), json.loads(values)
                if all(isinstance(v, str) and v.startswith("#") for v in values):
                    found.append((path, domain, values))
    return found


def test_real_charts_give_each_entity_its_colour_on_every_page(sent_scales):
    seen: dict[str, set[str]] = {}  # entity -> colours it was drawn in
    pages: dict[str, set[str]] = {}
    for page, domain, values in sent_scales:
        assert len(set(values)) == len(values), domain  # distinct within a chart
        for name, value in zip(domain, values):
            if (found := colours.entity(name)) is not None:
                seen.setdefault(found, set()).add(value)
                pages.setdefault(found, set()).add(page)
    assert {"relu", "tanh", "sgd", "adam", "train", "val"} <= set(seen)
    assert all(len(v) == 1 and v == {colours.COLOURS[k]} for k, v in seen.items()), seen
    # the dead-units part draws ReLU, Leaky ReLU, ELU in two orders in two charts: the colours do not follow order
    orders = {tuple(d) for p, d, _ in sent_scales if set(d) == {"ReLU", "Leaky ReLU", "ELU"}}
    assert len(orders) >= 1


def _emoji(char: str) -> bool:
    """Pictographs (U+1F000 on), the miscellaneous symbols block and the emoji variation selector: drawn from an
    emoji font, empty boxes where none is installed. Text dingbats (✓ ✕), which plain fonts carry, pass."""
    return ord(char) >= 0x1F000 or 0x2600 <= ord(char) <= 0x26FF or char == "\ufe0f"


def test_no_emoji_in_the_code_icons_are_material():
    """Pages, buttons and notices take Streamlit's Material icons (`:material/name:`), never emoji (the
    catalogs' prose, ui/text, and the tests are not scanned)."""
    root = pathlib.Path(__file__).resolve().parents[1]
    found = [f"{path.relative_to(root)}:{n}" for path in sorted(root.glob("[!.]*/**/*.py")) + sorted(root.glob("*.py"))
             if path.relative_to(root).parts[0] not in ("tests", "screenshots") and "text" not in path.parts[-2:-1]
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if any(map(_emoji, line))]
    assert found == []
    from ui.topics import TOPICS
    assert all(re.fullmatch(r":material/[a-z0-9_]+:", topic.icon) for topic in TOPICS)
