"""What every page must satisfy: accessible, fits 320 px, no inline code, a screenshot."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.e2e.conftest import screenshot

_AXE = Axe()
NARROW = 320


def serious_axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core violations of impact serious or critical on the current page."""
    results = _AXE.run(page)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def inline_code(page: Page) -> dict[str, int]:
    """Counts of inline scripts, inline event handlers, style elements and style attributes."""
    counts: dict[str, int] = page.evaluate(
        """() => ({
            inline_scripts: Array.from(document.scripts).filter(s => !s.src).length,
            handlers: Array.from(document.querySelectorAll('*')).filter(
                e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,
            style_elements: document.querySelectorAll('style').length,
            style_attributes: document.querySelectorAll('[style]:not([style=""])').length,
        })"""
    )
    return counts


def scroll_width_at(page: Page, width: int) -> int:
    """The document's scroll width with the viewport ``width`` pixels wide."""
    original = page.viewport_size or {"width": 1280, "height": 720}
    page.set_viewport_size({"width": width, "height": original["height"]})
    try:
        return int(page.evaluate("document.documentElement.scrollWidth"))
    finally:
        page.set_viewport_size(original)


def check_page(page: Page, name: str) -> None:
    """Assert the shared page requirements and save a screenshot named ``name``."""
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "nl-BE"
    assert page.title().endswith("zorgafstemming")
    assert page.locator("main#inhoud").count() == 1
    assert page.locator("h1").count() == 1
    assert inline_code(page) == {
        "inline_scripts": 0,
        "handlers": 0,
        "style_elements": 0,
        "style_attributes": 0,
    }
    assert serious_axe_violations(page) == []
    assert scroll_width_at(page, NARROW) <= NARROW
    screenshot(page, name)


def focus_is_visible(page: Page) -> bool:
    """Whether the focused element draws a visible focus ring (outline or box shadow)."""
    return bool(
        page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return false;
                const s = getComputedStyle(el);
                const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
                return outline || (s.boxShadow && s.boxShadow !== 'none');
            }"""
        )
    )


def tab_to(page: Page, selector: str, limit: int = 40) -> None:
    """Press Tab until ``selector`` has focus, checking each stop shows visible focus."""
    page.wait_for_load_state()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            continue  # focus left the document's controls (wrapped around); nothing to see
        assert focus_is_visible(page), "keyboard focus is not visible on " + page.evaluate(
            "document.activeElement.outerHTML.slice(0, 120)"
        )
        if page.evaluate("(sel) => document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"{selector} is not reachable by keyboard")
