"""The window names each record kind as its record class declares it, in the window's language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale

from alliance_app.models import RECORDS_BY_KIND
from alliance_app.ui.display import kind_name
from alliance_app.ui.language import Translators, window_language


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_kind_is_named_in_the_window_as_declared(qapp, lang: str) -> None:
    translators, before = Translators(), QLocale()
    try:
        translators.apply(lang)
        assert window_language() == lang
        for kind, cls in RECORDS_BY_KIND.items():
            assert kind_name(kind) == (cls.kind_name.zh if lang == "zh" else cls.kind_name.en), kind
    finally:
        translators.remove()
        QLocale.setDefault(before)
