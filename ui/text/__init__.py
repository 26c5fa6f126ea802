"""The bilingual catalog: every module in this package defines TEXT = {key: (english, korean)}.

Modules are merged at import; a key defined twice is an error, so pages can add their own module
without touching anyone else's.
"""

import importlib
import pkgutil

CATALOG: dict[str, tuple[str, str]] = {}
for _module in pkgutil.iter_modules(__path__):
    for _key, _pair in importlib.import_module(f"{__name__}.{_module.name}").TEXT.items():
        if _key in CATALOG:
            raise KeyError(f"text key defined twice: {_key}")
        CATALOG[_key] = _pair
