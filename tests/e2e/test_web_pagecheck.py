"""The page checks themselves catch what they are meant to catch (so a pass means something)."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.pagecheck import inline_code, scroll_width_at, serious_axe_violations


def test_axe_reports_a_serious_violation(page: Page) -> None:
    page.set_content(
        '<html lang="nl-BE"><body><main><h1>T</h1><form>'
        '<input type="text" name="q"><img src="/x.png"></form></main></body></html>'
    )
    found = {v["id"] for v in serious_axe_violations(page)}
    assert "image-alt" in found or "label" in found


def test_inline_script_and_style_are_counted(page: Page) -> None:
    page.set_content(
        '<html><body><p style="color:red" onclick="x()">a</p><script>1</script></body></html>'
    )
    counts = inline_code(page)
    assert counts["inline_scripts"] == 1
    assert counts["handlers"] == 1
    assert counts["style_attributes"] == 1


def test_sideways_scroll_is_measured_at_320_px(page: Page) -> None:
    page.set_content('<html><body><div id="w">x</div></body></html>')
    page.evaluate("document.getElementById('w').setAttribute('class', 'wide')")
    page.add_style_tag(content=".wide { width: 600px; }")
    assert scroll_width_at(page, 320) > 320
