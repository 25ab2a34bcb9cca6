"""What the browser tests check on any page: axe-core, phone layout, tap targets, visible focus, screenshots."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_RULE_SETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARTIFACTS = ROOT / "tests" / "artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
MIN_TAP = 44


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page as it is now; the violations, each with its nodes.

    ``page.evaluate`` runs through the DevTools protocol, which the page's CSP does not
    govern, so axe gets in without loosening the app's CSP (and without bypass_csp).
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate(
        "async (tags) => { const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']}); return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))})); }",
        AXE_RULE_SETS,
    )
    return list(result)


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['summary']}".replace("\n", " "))
    return "\n".join(lines)


def assert_axe_clean(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe found problems on {page.url}:\n{describe_violations(violations)}"


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0: no sideways scrolling)."""
    return int(page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"))


_SMALL_TAP_TARGETS = """
(minimum) => {
  const visible = (el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 1 && box.height > 1;
  };
  // A link inside a sentence is exempt, as in WCAG 2.5.5/2.5.8 ("inline").
  const inSentence = (el) => el.tagName === 'A' && el.closest('p') !== null;
  const out = [];
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])';
  for (let el of document.querySelectorAll(selector)) {
    if (inSentence(el)) continue;
    // A custom checkbox or radio is tapped through its label.
    if (el.matches('input[type=checkbox], input[type=radio]') && el.labels && el.labels.length) el = el.labels[0];
    if (!visible(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.height < minimum || box.width < minimum) {
      out.push(`${el.tagName.toLowerCase()} "${(el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return out;
}
"""


def small_tap_targets(page: Page) -> list[str]:
    """Visible controls smaller than 44 × 44 CSS px (links inside sentences excepted)."""
    return list(page.evaluate(_SMALL_TAP_TARGETS, MIN_TAP))


_FOCUS_INDICATOR = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  window.__pbFocusSeen = window.__pbFocusSeen || new Set();
  const again = window.__pbFocusSeen.has(el);
  window.__pbFocusSeen.add(el);
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
  const ring = style.boxShadow && style.boxShadow !== 'none';
  return {again, tag: el.tagName.toLowerCase(), text: (el.innerText || el.value || '').trim().slice(0, 40),
          visible: outline || ring};
}
"""


def tab_through(page: Page, limit: int = 80) -> list[dict[str, Any]]:
    """Press Tab from the top until focus leaves the page or comes round again; what each stop looked like."""
    page.evaluate("() => { window.__pbFocusSeen = new Set(); document.activeElement && document.activeElement.blur(); }")
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_INDICATOR)
        if state is None or state["again"]:
            break
        stops.append(state)
    return stops


def screenshot(page: Page, name: str) -> Path:
    """A full-page PNG under tests/artifacts/ (git-ignored), named after the page and the viewport width."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    path = ARTIFACTS / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def json_dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)


_UNMARKED_DANISH = """
(texts) => {
  const out = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    if (!text || !node.parentElement || node.parentElement.closest('script, style')) continue;
    for (const danish of texts) {
      // A name alone in its element, or a longer text (a title, a summary) anywhere.
      const hit = text === danish || (danish.length >= 20 && text.includes(danish));
      if (!hit) continue;
      const marked = node.parentElement.closest('[lang]');
      if (!marked || marked.getAttribute('lang') !== 'da') out.add(danish);
    }
  }
  return [...out];
}
"""


def unmarked_danish(page: Page, texts: list[str]) -> list[str]:
    """Those of ``texts`` (residents' and staff's own Danish words) shown on the page outside a lang="da" element."""
    return list(page.evaluate(_UNMARKED_DANISH, texts))
