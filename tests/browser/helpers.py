"""What the browser tests do often: run axe, open a page, log in with the two-step code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "a-long-test-password"


# Accessibility ---------------------------------------------------------------------------


def axe_report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    at {target}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_accessible(page: Any, label: str = "") -> None:
    """Runs axe-core on the page as it is now; fails with a readable list of violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results.response["violations"]
    if violations:
        start = page.evaluate("document.documentElement.outerHTML.slice(0, 300)")
        pytest.fail(
            f"axe found {len(violations)} accessibility problem(s) on {label or page.url}"
            f" ({page.url}):\n{axe_report(violations)}\nThe page starts with: {start}",
            pytrace=False,
        )


WIDTH = 320  # CSS pixels


def assert_fits(page: Any, label: str) -> None:
    """Nothing scrolls sideways at 320 CSS pixels (a small phone, or 400 % zoom; WCAG 1.4.10).

    Runs axe at that width, too.
    """
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if widths[0] > WIDTH:
        wide = page.evaluate(
            """w => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > w + 1)
                .slice(0, 8)
                .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                     + (el.className ? '.' + String(el.className).split(' ').join('.') : '')
                     + ' right=' + Math.round(el.getBoundingClientRect().right))""",
            WIDTH,
        )
        pytest.fail(f"{label} scrolls sideways at {WIDTH}px: scrollWidth {widths[0]}; {wide}")
    assert_accessible(page, f"{label} at {WIDTH}px")


def click_and_load(page: Any, selector: str) -> None:
    """Clicks the (first) matching element and waits until the next page has loaded."""
    with page.expect_navigation():
        page.locator(selector).first.click()


def visit(page: Any, url: str, status: int = 200) -> Any:
    """Opens a URL and checks the answer's status code."""
    response = page.goto(url)
    assert response is not None, url
    assert response.status == status, (
        f"{url} answered {response.status}, not {status}: {page.content()[:500]}"
    )
    return response


# Keyboard --------------------------------------------------------------------------------


FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), id: el.id, href: el.getAttribute('href'),
    text: (el.innerText || el.value || '').trim().slice(0, 40),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
    visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.top < innerHeight && box.left < innerWidth,
  };
}"""


def focused(page: Any) -> dict[str, Any] | None:
    result: dict[str, Any] | None = page.evaluate(FOCUSED)
    return result


def tab_to(page: Any, selector: str, *, back: bool = False, limit: int = 60) -> None:
    """Presses Tab (or Shift+Tab) until the element matching `selector` has the focus.

    Every stop on the way must show where the focus is and be on screen (WCAG 2.4.7).
    """
    key = "Shift+Tab" if back else "Tab"
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)
        info = focused(page)
        assert info is not None, f"the focus got lost after {stops}"
        stops.append(f"{info['tag']}#{info['id']} {info['href'] or info['text']!r}")
        assert info["outline"] or info["shadow"], f"no visible focus on {stops[-1]}"
        assert info["visible"], f"the focused element is off screen: {stops[-1]}"
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{key} never reached {selector}; it went through {stops}")


# Logging in ------------------------------------------------------------------------------


def totp_now(device: Any) -> str:
    """The code an authenticator app shows now for this TOTP device."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def totp_from_secret(secret: str) -> str:
    """The code an app shows for a base32 key typed in by hand."""
    import base64

    from django_otp.oath import TOTP

    key = base64.b32decode(secret.replace(" ", "").upper())
    return f"{TOTP(key).token():06d}"


def give_device(user: Any) -> Any:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, defaults={"name": "phone", "confirmed": True}
    )
    return device


def submit_login(
    page: Any, username: str, password: str = PASSWORD, *, check: bool = False
) -> None:
    """Fills in and sends the login form (and checks it with axe first if asked)."""
    visit(page, "/account/aanmelden/")
    if check:
        assert_accessible(page, "login")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    click_and_load(page, "main button[type=submit]")


def login(page: Any, user: Any, *, check: bool = False) -> None:
    """Logs in through the form; types the two-step code if the role asks for one.

    With check=True, the login page and the two-step page are checked with axe on the way.
    """
    submit_login(page, user.username, check=check)
    if "/account/tweestaps/" in page.url and "instellen" not in page.url:
        if check:
            assert_accessible(page, "two-step login")
        device = user.totpdevice_set.get(confirmed=True)
        # A code works once: a second login within the same 30 seconds would be refused.
        # Forget the last used code, as if the next 30 seconds had come.
        type(device).objects.filter(pk=device.pk).update(last_t=-1)
        page.locator("#id_token").fill(totp_now(device))
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state()
    assert "/account/" not in page.url, f"{user.username} did not get in: {page.url}"


# Data ------------------------------------------------------------------------------------


@dataclass
class BrowserWorld:
    world: Any
    participant: Any
    inactive: Any

    @property
    def org(self) -> Any:
        return self.world.org

    @property
    def users(self) -> dict[str, Any]:
        return self.world.users


# The participant's link --------------------------------------------------------------------


def open_personal_link(page: Any, path: str) -> None:
    """Follows a personal link as the person does: the link shows one button, "Open my
    page" (a link-preview robot stops there); pressing it opens the page at /mijn/."""
    visit(page, path)
    with page.expect_navigation():
        page.locator("main form[action='/p/'] button[type=submit]").click()
    assert page.url.endswith("/mijn/"), page.url
