"""The lab's pages, in lecture order. app.py builds the navigation from this list and home links to
each entry; a page joins the app by adding one line here (and its file in app_pages/)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    scope: str  # text-catalog prefix and URL path of the page
    path: str  # script under app_pages/
    icon: str  # a Streamlit Material icon, ":material/<name>:" (emoji need a font phones may lack)
    section: str  # "l5" (Lecture 5) or "l67" (Lectures 6-7)


TOPICS: list[Topic] = [
    Topic("activations", "app_pages/activations.py", ":material/bolt:", "l5"),
    Topic("initialization", "app_pages/initialization.py", ":material/casino:", "l5"),
    Topic("batchnorm", "app_pages/batchnorm.py", ":material/straighten:", "l5"),
    Topic("babysitting", "app_pages/babysitting.py", ":material/monitor_heart:", "l5"),
    Topic("optimizers", "app_pages/optimizers.py", ":material/landscape:", "l67"),
    Topic("regularization", "app_pages/regularization.py", ":material/shield:", "l67"),
    Topic("transfer", "app_pages/transfer.py", ":material/swap_horiz:", "l67"),
]
