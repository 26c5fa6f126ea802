"""Natural Korean: every Korean message rendered with every value it can receive, through the real `t`.

A message fails on a both-particles form ("은(는)"), a leftover `[은]` marker, a particle written after an
inserted value that does not fit every value, a casual (반말) or plain (한다체) sentence ending, a variant
the glossary rejects, and an English word outside names, code and glosses. The checkers are tested on
deliberately bad strings, so a test that passes has looked.
"""

from __future__ import annotations

import ast
import functools
import importlib
import pathlib
import pkgutil
import re
import string

import pytest

import core
from core import params
from ui.glossary import GLOSSARY, term
from ui.i18n import final_consonant, particles, t
from ui.options import LABELS, option_label
from ui.text import CATALOG

HANGUL = "가-힣"

# --- the checkers ------------------------------------------------------------------------------------

BOTH_PARTICLES = re.compile(r"은\(는\)|는\(은\)|이\(가\)|가\(이\)|을\(를\)|를\(을\)|과\(와\)|와\(과\)|\(으\)로|\(이\)")
LEFTOVER_MARKER = re.compile(r"\[(은|는|이|가|을|를|과|와|로|으로)\]")
# A sentence ends at . ? ! (then space, end, or closing markup) or at the end of the text.
SENTENCE_END = re.compile(r"[.?!](?=[\s*)_\]\"'’”]|$)|$")
LAST_WORD = re.compile(rf"([{HANGUL}]+)[^{HANGUL}]*$")
# Sentence endings in 합니다-style: -니다 (a statement), -니까 or -요 (a question: the house style writes
# "...할까요?"), -세요 (a request). Not: -다 without 니 (한다체: "줄어든다"), a question without 요 ("벗어날까?"),
# a 해요체 statement ("줄어들어요."), and the 반말 endings below before . or !. A label without a closing mark
# (a title, a radio option) is judged only on -다: "낮다" is 한다체, a noun ("더 낮음") is not a sentence.
CASUAL = re.compile(r"(?:야|해|어|아|네|군|걸|래|자|냐|니)$")
NOUNS_LIKE_CASUAL = ("아래", "대해", "이해", "손해", "피해", "방해", "위해")  # words, not verb endings
NOT_SENTENCES = ("보다", "마다", "둘 다", "모두 다")  # particles, "both": no 한다체 verb


def casual_endings(text: str) -> list[str]:
    """The sentences of a Korean text that do not end in 합니다-style, as 'ending word + mark' strings."""
    found, start = [], 0
    for match in SENTENCE_END.finditer(text):
        sentence, start = text[start:match.start()], match.end()
        mark = text[match.start():match.end()]
        last = LAST_WORD.search(sentence)
        if not last or sentence.rstrip(" *_)").endswith(NOT_SENTENCES):
            continue
        word = last.group(1)
        if sentence[last.end(1):].strip(" *_`)\"'’”]"):
            continue  # a sentence ending in a value ("학습률 0.1", "격자 {median}.") has no verb to judge
        plain = word.endswith("다") and not word.endswith("니다")
        question = mark == "?" and not word.endswith(("요", "니까", "죠"))
        casual = mark in (".", "!") and bool(CASUAL.search(word)) and not word.endswith(NOUNS_LIKE_CASUAL)
        statement_yo = mark in (".", "!") and word.endswith("요") and not word.endswith("세요")
        if plain or question or casual or statement_yo:
            found.append(f"{word}{mark}")
    return found


# English words a Korean text may keep, and why. Everything inside `backticks`, $LaTeX$ and a ``` block is
# code and is not read; a word in parentheses right after a Korean word is a gloss ("특징(feature)"), the
# usual way to give the lecture's English term, and is not read either; a token with a digit or an
# underscore or a dot (float32, 8x8, n_in, nn.BatchNorm1d) is a symbol or an identifier; a single letter is
# a variable.
ALLOWED_ENGLISH = frozenset({
    # names of functions, optimizers, layers and methods: the option labels keep them in both languages
    "ReLU", "Leaky", "ELU", "GELU", "SELU", "SiLU", "Swish", "Softplus", "Maxout", "Sigmoid", "tanh", "SGD", "GD",
    "Adam", "AdamW", "AdaGrad", "RMSProp", "Nesterov", "L-BFGS", "BatchNorm", "LayerNorm", "GroupNorm",
    "DropConnect", "LSUV", "Xavier", "Glorot", "Kaiming", "He", "Newton",
    # models, data sets, libraries, courses
    "MLP", "CNN", "ConvNet", "AlexNet", "VGGNet", "ResNet", "ImageNet", "MNIST", "PyTorch", "torch",
    "torchvision", "scikit-learn", "fastai", "makemore", "Jupyter",
    # people: authors of the cited papers and lectures
    "Andrej", "Karpathy", "Bengio", "Bergstra", "Belkin", "Cohen", "Graham", "Greydanus", "Huang", "Ioffe",
    "Szegedy", "Nakkiran", "Polyak", "Smith", "Zhang", "Yosinski", "Loshchilov", "Hutter", "et", "al",
    # test functions of optimization named after people
    "Beale", "Rosenbrock",
    # units, abbreviations, mathematical functions, roman numerals (Lecture I, II)
    "CPU", "GPU", "GB", "MB", "kB", "CSV", "URL", "UTC", "NaN", "PCA", "lr", "std", "exp", "ln", "log", "max",
    "min", "Var", "Cov", "I", "II", "ipynb",
})
# code blocks, `code`, $LaTeX$, {placeholders}, and derivatives written dL/dW
CODE = re.compile(r"```.*?```|`[^`]*`|\$[^$]*\$|\{[^}]*\}|\bd[A-Za-z]/d[A-Za-z](?![A-Za-z])", re.S)
GLOSS = re.compile(rf"(?<=[{HANGUL}])\s?\([A-Za-z][A-Za-z \-]*\)")
TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-.']*")


def english_words(template: str) -> list[str]:
    """The English words of a Korean catalog text that are neither allowed names nor code nor glosses."""
    prose = GLOSS.sub("", CODE.sub(" ", template))
    words = []
    for token in TOKEN.findall(prose):
        token = token.rstrip(".'-")
        if (not re.search("[A-Za-z]", token) or re.search(r"[\d_]|\w\.\w", token) or len(token) == 1
                or token in ALLOWED_ENGLISH or all(p in ALLOWED_ENGLISH or len(p) == 1 for p in token.split("-"))):
            continue
        words.append(token)
    return words


def rejected_variants(text: str) -> list[str]:
    return [v for entry in GLOSSARY for v in entry.rejected if v in text]


# A particle written as text right after an inserted value: it fits only some values ("{name}는" is wrong
# for Adam). The `[은]` marker is the way to write it.
PARTICLE_AFTER = re.compile(rf"^(으로|은|는|이|가|을|를|과|와|로)(?![{HANGUL}])")
FORMS = {"은": "은", "는": "은", "이": "이", "가": "이", "을": "을", "를": "을", "과": "과", "와": "과",
         "로": "로", "으로": "로"}


def fixed_particles(template: str, values: dict) -> list[str]:
    """Particles written after a placeholder that do not fit the value it gets here."""
    found = []
    pieces = list(string.Formatter().parse(template))
    for (_, field, spec, _), (after, *_rest) in zip(pieces, pieces[1:] + [("", None, None, None)]):
        if not field or not (match := PARTICLE_AFTER.match(after)):
            continue
        value = format(values[field], spec or "")
        right = particles(f"{value}[{FORMS[match.group(1)]}]")[len(value):]
        if right != match.group(1):
            found.append(f"{{{field}}}{match.group(1)} (for {value!r}: {right})")
    return found


def glossary_misses(en: str, ko: str) -> list[str]:
    """The glossary terms a Korean text should use because its English half names their concept."""
    return [entry.korean for entry in GLOSSARY if re.search(entry.english, CODE.sub(" ", en), re.I)
            and entry.korean not in ko]


def problems(text: str) -> list[str]:
    """Everything wrong with one rendered Korean text."""
    return ([f"both particles: {m.group()}" for m in BOTH_PARTICLES.finditer(text)]
            + [f"leftover marker: {m.group()}" for m in LEFTOVER_MARKER.finditer(text)]
            + [f"not 합니다-style: {e}" for e in casual_endings(text)]
            + [f"glossary variant: {v}" for v in rejected_variants(text)])


# --- what each placeholder receives --------------------------------------------------------------------

def registry_ids() -> set[str]:
    """Every option id the app can put into a text: the choices of every experiment's config (core/*.py
    EXPERIMENTS and the cards) and the registries they index."""
    ids: set[str] = set(LABELS)
    for info in pkgutil.iter_modules(core.__path__):
        module = importlib.import_module(f"core.{info.name}")
        configs = [cfg for _, cfg in getattr(module, "EXPERIMENTS", {}).values()]
        configs += [card.config for card in getattr(module, "CARDS", {}).values()]
        for cfg in configs:
            ids |= {o for spec in params.specs(type(cfg)).values() for o in spec.options if isinstance(o, str)}
        for registry in ("ACTIVATIONS", "INITS", "OPTIMIZERS", "NORM_LAYERS", "RUNGS", "STAGES", "SURFACES"):
            ids |= set(getattr(module, registry, {}))
    return ids


pytestmark = pytest.mark.usefixtures("in_korean")  # tests/conftest.py: `t` answers in Korean


@functools.cache
def names() -> list[str]:
    """Every display name of every option: its label (both languages) and its legend name on every page."""
    shown = {option_label(i) for i in registry_ids()}
    shown |= {t(k) for k in CATALOG if re.fullmatch(r"([a-z]+\.)?legend\.[^.]+", k)}
    return sorted(shown)


def texts(pattern: str) -> list[str]:
    """The Korean texts of the catalog keys matching pattern, rendered with their own values."""
    return sorted({r for key in CATALOG if re.fullmatch(pattern, key) for r in renderings(key)})


NUMBERS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "0.25", "1.2e-05", "12%", "1,797", "–", "—"]
FLOATS = [0.0, 0.125, 0.5, 1.0, 3.0, 7.0, 12.0, 0.000012, 1797.0]


def listed(items: list[str], numbers=False) -> list[str]:
    """Comma lists as the pages join them: name + number pairs (numbers=True) or names."""
    ends = [f"{n} {v}" for n in items[:2] for v in NUMBERS] if numbers else items
    return [f"{items[0]}, {end}" for end in ends]


# What a placeholder receives when it is not a number: (key pattern, placeholder) -> kind. Read from the
# t(key, name=...) calls in app_pages/ and ui/ (the comment names the caller).
NAME, NAMED_NUMBERS, NAMES, CODE_VALUE, FREE, NUMBER = "name", "named numbers", "names", "code", "free", "number"
KINDS: dict[tuple[str, str], object] = {
    (r"activations\.shapes\.notice", "most"): NAME,  # app_pages/activations.py share.index
    (r"activations\.cost\.notice", "slowest"): NAME,
    (r"activations\.dead\.notice", "rates"): NAMED_NUMBERS,
    (r"activations\.dead\.notice", "accs"): NAMED_NUMBERS,
    (r"activations\.race\.notice", "best"): NAME,
    (r"activations\.race\.notice", "time"): FREE,  # a whole sentence: race.fast or race.tie
    (r"activations\.race\.notice", "hint"): FREE,  # race.hint_sgd or race.hint_depth
    (r"activations\.race\.(fast|tie)", "fast"): NAME,
    (r"activations\.race\.(fast|tie)", "next"): NAME,
    (r"babysitting\.preprocessing\.notice", "most"): NAME,
    (r"babysitting\.preprocessing\.notice", "least"): NAME,
    (r"babysitting\.preprocessing\.notice", "reached"): NAMED_NUMBERS,
    (r"babysitting\.sanity\.notice", "ran"): r"babysitting\.sanity\.(ran|none_run)",
    (r"babysitting\.curves\.notice", "signature"): r"babysitting\.q\.curve\..*",
    (r"babysitting\.curves\.notice", "advice"): r"babysitting\.advice\..*",
    (r"babysitting\.coarse\.edge", "axes"): r"babysitting\.coarse\.axis\..*",
    (r"batchnorm\.activations\.hist_[za]", "variant"): NAME,
    (r"batchnorm\.norms\.notice", "accs"): NAMED_NUMBERS,
    (r"cards\.criterion", "text"): r"cards\.[a-z0-9_]+\.criterion",
    (r"cards\.cite", "citation"): "citation",
    (r"cards\.ioffe2015\.measured", "bn_fate"): r"cards\.(fails|reaches|misses)",
    (r"cards\.ioffe2015\.measured", "plain_fate"): r"cards\.(fails|reaches|misses)",
    (r"home\.board_open", "page"): r"[a-z]+\.nav",
    (r"initialization\.gradients\.notice", "direction"): r"initialization\.gradients\.(zero|grow|shrink|flat)",
    (r"initialization\.gradients\.notice", "verdict"): r"initialization\.gradients\.(small|large|fine)",
    (r"initialization\.variance\.(row|metric)", "init"): NAME,
    (r"initialization\.variance\.row", "verdict"): r"initialization\.verdict\..*",
    (r"initialization\.variance\.notice", "act"): NAME,
    (r"initialization\.variance\.notice", "rows"): r"initialization\.variance\.row",
    (r"initialization\.training\.notice", "never"): NAMES,
    (r"initialization\.training\.notice", "started"): NAMES,
    (r"initialization\.training\.notice", "best"): NAME,
    (r"initialization\.ladder\.notice", "top"): NAME,
    (r"initialization\.ladder\.notice", "sat_hi_rung"): NAME,
    (r"initialization\.ladder\.notice", "sat_lo_rung"): NAME,
    (r"initialization\.ladder\.notice", "worst"): NAME,
    (r"initialization\.ladder\.notice", "best"): NAME,
    (r"initialization\.ladder\.notice", "near"): r"initialization\.ladder\.(near|none_near)",
    (r"initialization\.ladder\.near", "rung"): NAME,
    (r"optimizers\.race\.notice", "best"): NAME,
    (r"optimizers\.race\.notice", "left"): NAMES,
    (r"optimizers\.inside\.notice", "ratios"): NAMED_NUMBERS,
    (r"optimizers\.(network|schedules)\.notice", "best"): NAME,
    (r"optimizers\.(network|schedules)\.notice", "worst"): NAME,
    (r"optimizers\.sweep\.notice", "best"): NAMED_NUMBERS,
    (r"optimizers\.sweep\.notice", "widths"): NAMED_NUMBERS,
    (r"regularization\.(penalty|dropconnect)\.notice", "gaps"): NAMED_NUMBERS,
    (r"regularization\.fractional\.out", "name"): NAME,
    (r"rooms\..*", "code"): CODE_VALUE,
    (r"rooms\..*", "why"): r"rooms\.bad\..*",
    (r"rooms\..*", "given"): FREE,
    (r"rooms\..*", "error"): FREE,
    (r"rooms\.page\.facts", "state"): r"rooms\.page\.(open|closed)",
    (r"rooms\.page\.facts", "created"): FREE,
    (r"transfer\.(targets|strategies|pca)\.notice", "target"): NAME,
    (r"transfer\.strategies\.notice", "best"): NAME,
    (r"transfer\.curves\.notice", "best_small"): NAME,
    (r"transfer\.curves\.notice", "best_large"): NAME,
    (r"transfer\.table\.notice", "off"): NAMES,
    (r"transfer\.imagenet\.notice", "strategy"): NAME,
    (r"run\.diverged", "variant"): NAME,  # ui/layout.py, app_pages/babysitting.py, app_pages/initialization.py
    (r"run\.diverged", "reason"): r"reason\..*",
    (r"run\.failed", "error"): FREE,
    (r"note\.(replaced|budget)", "param"): CODE_VALUE,
    (r"note\.(replaced|budget)", "given"): FREE,
    (r"note\.(replaced|budget)", "used"): (NAME, NUMBER),  # ui/controls.py: str(value) of any field
    (r"ui\.(right|wrong)", "pick"): (r"[a-z0-9]+\.q\.[a-z0-9_]+\.[a-z0-9_/]+", NAME),  # ui/study.py label()
    (r"ui\.(right|wrong)", "answer"): (r"[a-z0-9]+\.q\.[a-z0-9_]+\.[a-z0-9_/]+", NAME),
    (r"ui\.code_file", "name"): CODE_VALUE,
    (r"ui\.notebook_look_help", "tables"): CODE_VALUE,
}
FREE_VALUES = ["ValueError: math domain error", "'abc'", "2026-11-29 23:00 UTC", "닉네임"]
CODE_VALUES = ["lr", "act", "ABC234", "digits1d.csv", "`summary`, `curve`"]


def fields(template: str) -> dict[str, str]:
    """The placeholders of a template and their format specs."""
    return {f: spec or "" for _, f, spec, _ in string.Formatter().parse(template) if f}


def kind(key: str, field: str):
    for (pattern, name), what in KINDS.items():
        if name == field and re.fullmatch(pattern, key):
            return what
    return None


def candidates(key: str, field: str, spec: str) -> list:
    """Every value the placeholder can receive (names from the registries, texts from the catalog) or
    representative numbers ending in every digit."""
    what = kind(key, field) or NUMBER
    if isinstance(what, tuple):
        return [v for each in what for v in candidates_of(each, spec)]
    return candidates_of(what, spec)


def candidates_of(what: str, spec: str) -> list:
    if what == NUMBER:
        return FLOATS if spec else NUMBERS
    if what == NAME:
        return names()
    if what == NAMES:
        return listed(names())
    if what == NAMED_NUMBERS:
        return listed(names(), numbers=True)
    if what == CODE_VALUE:
        return CODE_VALUES
    if what == FREE:
        return FREE_VALUES
    if what == "citation":
        from core.cards import CARDS
        return [c.citation for c in CARDS.values()]
    return texts(what)


_RENDERED: dict[str, list[str]] = {}


def value_sets(key: str) -> list[dict]:
    """Value assignments covering every candidate of every placeholder (one placeholder varies at a time,
    the others keep their first candidate)."""
    specs = fields(CATALOG[key][1])
    options = {f: candidates(key, f, spec) for f, spec in specs.items()}
    base = {f: values[0] for f, values in options.items()}
    return [base] + [base | {f: v} for f, values in options.items() for v in values[1:]]


def renderings(key: str) -> list[str]:
    if key not in _RENDERED:
        _RENDERED[key] = []  # a text that (wrongly) takes itself as a value renders once, not forever
        _RENDERED[key] = [t(key, **values) for values in value_sets(key)]
    return _RENDERED[key]


# --- the tests -----------------------------------------------------------------------------------------

def test_every_placeholder_kind_names_a_real_key_and_placeholder():
    """The table of what placeholders receive stays in step with the catalog."""
    stale = [(p, f) for p, f in KINDS if not any(re.fullmatch(p, k) and f in fields(v[1]) for k, v in CATALOG.items())]
    assert not stale
    patterns = [w for kinds in KINDS.values() for w in (kinds if isinstance(kinds, tuple) else (kinds,))]
    missing = [w for w in patterns if "\\" in w and not texts(w)]
    assert not missing


def test_every_korean_message_reads_naturally_with_every_value():
    bad = {}
    for key in CATALOG:
        found = sorted({p for text in renderings(key) for p in problems(text)})
        template = CATALOG[key][1]
        found += sorted({p for values in value_sets(key) for p in fixed_particles(template, values)})
        if found:
            bad[key] = found
    assert not bad, "\n".join(f"{k}: {v}" for k, v in bad.items())


# Keys whose Korean text is a block of code shown with st.code (its comments may be Korean; its words are
# Python's).
CODE_KEYS = re.compile(r"transfer\.(imagenet|bn)\.code(\..*)?")


def test_no_english_left_untranslated():
    bad = {k: english_words(ko) for k, (_, ko) in CATALOG.items() if not CODE_KEYS.fullmatch(k)}
    assert not {k: v for k, v in bad.items() if v}


def test_catalogs_use_the_glossary_terms():
    """A Korean text whose English half names a glossary concept uses the glossary's term for it."""
    bad = {}
    for key, (en, ko) in CATALOG.items():
        if CODE_KEYS.fullmatch(key):
            continue
        missing = glossary_misses(en, ko)
        if missing:
            bad[key] = missing
    assert not bad, "\n".join(f"{k}: {v}" for k, v in bad.items())


def test_glossary_has_one_term_per_concept():
    assert [term("learning rate"), term("hidden layers"), term("hyperparameter"), term("step size")] == [
        "학습률", "은닉층", "하이퍼파라미터", "보폭"]
    koreans = [entry.korean for entry in GLOSSARY]
    assert len(koreans) == len(set(koreans))
    for entry in GLOSSARY:  # a rejected variant must not be (part of) the term itself
        assert not [v for v in entry.rejected if v in entry.korean]


# Files that hold Korean on purpose: the particle rules and the glossary. The language switch names the
# language in its own script ("한국어") in both languages.
KOREAN_MACHINERY = ("ui/i18n.py", "ui/glossary.py")
OWN_NAME = "한국어"


def test_korean_outside_the_catalogs_is_none():
    """Korean shown to users lives in the catalogs: no page, helper or export script writes Hangul in a
    string of its own (docstrings and comments may)."""
    root = pathlib.Path(__file__).resolve().parent.parent
    files = [root / "app.py"] + [p for d in ("app_pages", "ui", "export") for p in sorted((root / d).rglob("*.py"))
                                 if "text" not in p.relative_to(root).parts]
    found = {}
    for path in files:
        if str(path.relative_to(root)) in KOREAN_MACHINERY:
            continue
        tree = ast.parse(path.read_text())
        docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
        strings = [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                   and id(n) not in docstrings and re.search(f"[{HANGUL}]", n.value.replace(OWN_NAME, ""))]
        if strings:
            found[str(path.relative_to(root))] = [f"{n.lineno}: {n.value[:60]}" for n in strings]
    assert not found


# --- the checkers catch what they are meant to catch -------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("tanh은(는) 포화됩니다.", "both particles"),
    ("Adam이(가) 앞섭니다.", "both particles"),
    ("학습률(으)로 바꿉니다.", "both particles"),
    ("ReLU[는] 죽습니다.", "leftover marker"),
    ("안장점을 벗어날까?", "not 합니다-style"),
    ("손실이 줄어든다.", "not 합니다-style"),
    ("이건 ReLU야.", "not 합니다-style"),
    ("다시 해.", "not 합니다-style"),
    ("손실이 줄어들어요.", "not 합니다-style"),
    ("러닝레이트를 낮춥니다.", "glossary variant"),
    ("배치정규화를 씁니다.", "glossary variant"),
    ("웨이트 디케이를 켭니다.", "glossary variant"),
])
def test_checker_fails_on_bad_korean(text, expected):
    assert any(p.startswith(expected) for p in problems(text))


@pytest.mark.parametrize("text", ["안장점을 벗어날까요?", "손실이 줄어듭니다.", "오른쪽 버튼으로 복사하세요.",
                                  "손실이 ln C 근처로 내려옵니까?", "학습률 0.1", "1 · 모양", "Adam은 앞섭니다."])
def test_checker_passes_good_korean(text):
    assert problems(text) == []


def test_checker_finds_english_and_fixed_particles():
    assert english_words("이 값은 weight decay입니다.") == ["weight", "decay"]
    assert english_words("특징(feature)을 `model.train()`으로, ReLU와 SGD, $x_i$, n_in, 8x8, float32.") == []
    assert fixed_particles("{name}는 빠릅니다.", {"name": "Adam"}) == ["{name}는 (for 'Adam': 은)"]
    assert glossary_misses("Lower the learning rate.", "학습 속도를 낮추세요.") == ["학습률"]
    assert glossary_misses("Lower the learning rate.", "학습률을 낮추세요.") == []
    assert fixed_particles("{name}[은] 빠릅니다.", {"name": "Adam"}) == []
    assert particles("Adam[은], tanh[은], ReLU[로], 3[로], 학습률[로]") == "Adam은, tanh는, ReLU로, 3으로, 학습률로"


def test_korean_particles_follow_the_word_before_them():
    """The catalog writes `{word}[은]`; the particle is chosen by the word's last syllable, never 은(는)."""
    cases = {"ReLU[은]": "ReLU는", "Adam[은]": "Adam은", "tanh[이]": "tanh가", "시그모이드[을]": "시그모이드를",
             "1층[로]": "1층으로", "학습률[로]": "학습률로", "`steps`[을]": "`steps`를", "3[로]": "3으로",
             "100%[이]": "100%가", "3%[로]": "3%로"}  # % reads 퍼센트
    assert {k: particles(k) for k in cases} == cases
    assert [final_consonant(w) for w in ("Adam", "ReLU", "SGD", "L1", "학습률")] == [1, 0, 0, 8, 8]


# How option labels end when read in Korean (0 no final consonant, 1 one, 8 ㄹ): the words that end in a
# consonant letter yet read as a vowel, or the reverse, so a rule that only looks at the last letter errs.
READINGS = {"Maxout": 1, "Kaiming": 1, "RMSProp": 1, "Cosine": 1, "Rosenbrock": 1, "Linear warmup": 1,
            "Random init": 1, "Linear probe (top)": 1, "Xavier": 0, "Constant": 0, "Beale": 8, "Orthogonal": 8,
            "SGD": 0, "LSUV": 0, "MLP": 0, "XOR": 8, "CNN": 1, "AdamW": 0, "Nesterov momentum": 1, "1/t": 0,
            "Normal N(0, std²)": 1, "Step decay": 0, "L-BFGS": 0}


def test_particles_follow_how_option_labels_are_read():
    assert {w: final_consonant(w) for w in READINGS} == READINGS
    assert READINGS.keys() & set(names())  # the readings are of labels the app shows


def test_every_value_kind_is_exercised():
    """The rendering really varies names: a name placeholder gets every registry label, not one."""
    assert {"ReLU", "tanh", "Adam", "SGD", "BatchNorm"} <= set(names())
    assert len(value_sets("run.diverged")) > len(names())
