"""Controls the app binds to the URL itself: the form's select boxes and multiselects (ui.controls._options), shown
in the reader's language and spelled in the URL by their option label, the same in both languages, and the part
selector; each follows its address when the browser goes back (ui.controls.moved)."""

from tests.conftest import open_page, problems
from ui.topics import TOPICS

PATH = next(t.path for t in TOPICS if t.scope == "activations")
RACE = {"part": "race", "steps": "20"}


def share_link(at) -> str:
    return next(c.value for c in at.code if "part=race" in c.value)


def test_a_korean_page_shows_options_in_korean_and_links_keep_the_label():
    """A link made on an English page (data=Two moons) opens on a Korean page with that dataset, named in Korean;
    the address and the share link keep the label, so the same link opens in English as well."""
    at = open_page(PATH, timeout=120, lang="ko", data="Two moons", **RACE)
    assert problems(at) == []
    data, acts = at.selectbox(key="data"), at.multiselect(key="acts")
    assert data.value == "moons" and "초승달 둘" in data.options and "Two moons" not in data.options
    assert "나선 (클래스 3개)" in data.options and "ReLU" in acts.options  # names the lectures keep in Latin stay
    assert at.query_params["data"] == "Two moons" and "data=Two+moons" in share_link(at)
    at.session_state["data"], at.session_state["acts"] = "circles", ["tanh", "relu"]  # as a pick in the browser
    at.run(timeout=120)
    assert problems(at) == [] and at.query_params["data"] == "Circles"
    assert at.query_params["acts"] == ["tanh", "ReLU"]
    english = open_page(PATH, timeout=120, lang="en", data="Circles", acts=["tanh", "ReLU"], **RACE)
    assert problems(english) == [] and english.selectbox(key="data").value == "circles"
    assert english.multiselect(key="acts").value == ["tanh", "relu"]
    assert "Circles" in english.selectbox(key="data").options
    assert not [w.value for w in english.warning]  # nothing was replaced


def test_a_default_leaves_the_url_and_a_link_may_name_the_option_by_its_id():
    """Back at the default the key leaves the address; `data=moons` (the option's id) opens the same run as
    `data=Two moons`; a value that is no option gets the default and a note naming it."""
    at = open_page(PATH, timeout=120, data="moons", **RACE)
    assert problems(at) == [] and at.selectbox(key="data").value == "moons"
    assert at.query_params["data"] == "Two moons" and not at.warning
    at.selectbox(key="data").set_value("spiral")
    at.run(timeout=120)
    assert "data" not in at.query_params
    bad = open_page(PATH, timeout=120, data="Three moons", **RACE)
    assert problems(bad) == [] and bad.selectbox(key="data").value == "spiral"
    assert any("`data=Three moons`" in w.value for w in bad.warning) and "data" not in bad.query_params


def test_a_whole_number_spelled_as_the_address_bar_spells_it_is_taken_without_a_note():
    """A wide integer field (steps up to 2000) is a float input, so after a rerun the address bar reads
    `steps=20.0`: a link copied from there opens the same run without a note; `20.5` is rounded and says so."""
    at = open_page(PATH, timeout=120, part="race", steps="20.0")
    assert problems(at) == [] and not at.warning and at.number_input(key="steps").value == 20
    odd = open_page(PATH, timeout=120, part="race", steps="20.5")
    assert problems(odd) == [] and any("`steps=20.5`" in w.value for w in odd.warning)


def test_a_select_box_follows_its_address_when_the_browser_goes_back():
    """The address changing under a hand-bound select box (the browser's back button reruns the page with the
    earlier address) sets the box to the address's value; the box's own changes are kept otherwise."""
    at = open_page(PATH, timeout=120, data="Circles", **RACE)
    at.session_state["data"] = "moons"  # a pick: the address follows
    at.run(timeout=120)
    assert at.query_params["data"] == "Two moons"
    at.query_params["data"] = "Circles"  # back to the earlier address
    at.run(timeout=120)
    assert problems(at) == [] and at.selectbox(key="data").value == "circles" and not at.warning
    at.query_params.pop("data")  # back to the first address of all: the default
    at.run(timeout=120)
    assert at.selectbox(key="data").value == "spiral" and "data" not in at.query_params


def test_the_part_follows_its_address_when_the_browser_goes_back():
    """The part selector is bound by hand too: a part picked in the page, then the address of the part before it."""
    at = open_page(PATH, timeout=120, part="zigzag")
    at.session_state["_part"] = "cost"  # a click on another part
    at.run(timeout=120)
    assert at.query_params["part"] == "cost"
    at.query_params["part"] = "zigzag"  # back
    at.run(timeout=120)
    assert problems(at) == [] and at.session_state["_part"] == "zigzag" and at.query_params["part"] == "zigzag"
