"""The lab's pages, in lecture order. app.py builds the navigation from this list and home links to
each entry; a page joins the app by adding one line here (and its file in app_pages/)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    scope: str  # text-catalog prefix and URL path of the page
    path: str  # script under app_pages/
    icon: str
    section: str  # "l5" (Lecture 5) or "l67" (Lectures 6-7)


TOPICS: list[Topic] = [
    Topic("activations", "app_pages/activations.py", "⚡", "l5"),
    Topic("initialization", "app_pages/initialization.py", "🎲", "l5"),
    Topic("batchnorm", "app_pages/batchnorm.py", "📏", "l5"),
    Topic("babysitting", "app_pages/babysitting.py", "🩺", "l5"),
    Topic("optimizers", "app_pages/optimizers.py", "🏔️", "l67"),
    Topic("regularization", "app_pages/regularization.py", "🛡️", "l67"),
    Topic("transfer", "app_pages/transfer.py", "🔁", "l67"),
]
