"""Issue 15 item 10: every colour pair the app uses meets WCAG AA contrast in every theme it offers."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.color import Color

from game.tui.app import CityApp
from game.tui.themes import PAIRS, THEMES, colour, contrast


def variables(theme: str) -> dict[str, str]:
    app: App[None] = App()
    for each in THEMES:
        app.register_theme(each)
    app.theme = theme
    return app.get_css_variables()


def test_the_app_offers_exactly_its_checked_themes() -> None:
    assert [t.name for t in THEMES] == CityApp.THEMES


async def test_the_palette_offers_no_other_theme(mini_world, tmp_path) -> None:
    from game.session import Session

    session = Session(mini_world, seed=1, home=tmp_path)
    app = CityApp(session, session.opening())
    async with app.run_test(size=(80, 24)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Theme" not in titles and "Quit" in titles  # Textual's theme picker would reach themes never checked


@pytest.mark.parametrize("theme", [t.name for t in THEMES])
@pytest.mark.parametrize("what, fore, back, least", PAIRS, ids=[p[0] for p in PAIRS])
def test_aa_contrast(theme: str, what: str, fore: str, back: str, least: float) -> None:
    found = variables(theme)
    ratio = contrast(colour(found, fore), colour(found, back))
    assert ratio >= least, f"{what} in {theme}: {ratio:.2f}:1, below {least}:1"


def test_the_arithmetic_matches_wcag() -> None:
    assert contrast(Color.parse("#000000"), Color.parse("#ffffff")) == pytest.approx(21.0)
    assert contrast(Color.parse("#767676"), Color.parse("#ffffff")) == pytest.approx(4.54, abs=0.01)  # the AA grey
