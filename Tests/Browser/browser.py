"""Headless Chromium (Debian's `chromium` and `chromium-driver`) through selenium, with what every step of
the suite needs: waiting on conditions, filling the dashboard's forms by their contract, checking each page
it visits (external URLs, labels, the browser's own log), screenshots at desktop and phone width, and the
page's text when a step fails.
"""

import os
import re
import shutil
from urllib.parse import urlsplit

import requests
from selenium import webdriver
from selenium.common.exceptions import (NoSuchElementException, StaleElementReferenceException, TimeoutException,
                                        WebDriverException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

import external_urls

DESKTOP = 1280
PHONE = 360
WAIT = 20  # seconds an expected page state may take to show up (a sync, a store round trip)


class CheckFailed(AssertionError):
    """A step's expectation that did not hold; the message says what was expected and what was seen."""


def find_binary(*names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    for path in ("/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromedriver",
                 "/usr/lib/chromium/chromedriver"):
        if os.path.basename(path) in names and os.path.exists(path):
            return path
    return None


class Browser:
    """One headless Chromium session against one Logix server."""

    def __init__(self, base_url, screenshots):
        self.base_url = base_url.rstrip("/")
        self.origin = external_urls.origin(self.base_url)
        self.screenshots = screenshots
        os.makedirs(screenshots, exist_ok=True)
        chromium = find_binary("chromium", "chromium-browser")
        driver = find_binary("chromedriver")
        if not chromium or not driver:
            raise RuntimeError("chromium and chromedriver are needed (Debian: apt-get install chromium chromium-driver)")
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         f"--window-size={DESKTOP},900", "--no-first-run", "--disable-extensions",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-default-apps", "--hide-scrollbars", "--lang=en-GB"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        # The driver's path is given: selenium must not look for (or download) one.
        self.driver = webdriver.Chrome(service=Service(executable_path=driver), options=options)
        self.driver.set_page_load_timeout(30)
        self.store_origins = set()  # stores the signed-in user connected: links to them are allowed
        self.operator_urls = set()  # URLs the suite typed in as data (tracking URLs)
        self.problems = []  # external references and browser errors, found on any page
        self.visited = set()
        self.pages_checked = 0
        self.references_checked = 0

    def quit(self):
        try:
            self.driver.quit()
        except WebDriverException:
            pass

    # -- navigation --

    def url(self, path):
        return self.base_url + path

    def open(self, path):
        self.driver.get(self.url(path))
        self.check_page()

    @property
    def path(self):
        parts = urlsplit(self.driver.current_url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def wait_for(self, condition, what, timeout=WAIT):
        """Waits until `condition(driver)` is truthy; fails with `what` and the page's state otherwise."""
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.1).until(condition)
        except TimeoutException:
            raise CheckFailed(f"waited {timeout} s for {what}; at {self.path}") from None

    def wait_for_path(self, pattern, what=None):
        regex = re.compile(pattern)
        self.wait_for(lambda d: regex.fullmatch(urlsplit(d.current_url).path), what or f"a page at {pattern}")
        self.check_page()
        return regex.fullmatch(urlsplit(self.driver.current_url).path)

    # -- the page --

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def expect(self, css, what=None):
        elements = self.find_all(css)
        if not elements:
            raise CheckFailed(f"expected {what or css} ({css}) on {self.path}; not there")
        return elements[0]

    def text(self, css="body"):
        """The first match's text. A page that replaces the element while it is read (the run page's live state)
        is read again: a few tries, never a stale-element failure."""
        for _ in range(5):
            elements = self.find_all(css)
            try:
                return elements[0].text if elements else ""
            except StaleElementReferenceException:
                continue
        return ""

    def h1(self):
        return self.text("h1").strip()

    def button(self, label, within=None):
        """The button (or submit input) labelled `label`, in `within` or the page."""
        scope = within or self.driver
        for element in scope.find_elements(By.CSS_SELECTOR, "button, input[type=submit]"):
            if (element.text or element.get_attribute("value") or "").strip() == label:
                return element
        raise CheckFailed(f"expected a button \"{label}\" on {self.path}; buttons: {self.button_labels(scope)}")

    def button_labels(self, scope=None):
        scope = scope or self.driver
        return [(e.text or e.get_attribute("value") or "").strip()
                for e in scope.find_elements(By.CSS_SELECTOR, "button, input[type=submit]")]

    def link(self, text):
        for element in self.find_all("a"):
            if element.text.strip() == text:
                return element
        raise CheckFailed(f"expected a link \"{text}\" on {self.path}; links: "
                          f"{[e.text.strip() for e in self.find_all('a')][:40]}")

    def fill(self, name, value):
        """Types into the input named `name` (contract: id == name), or picks the option of a select."""
        try:
            element = self.driver.find_element(By.NAME, name)
        except NoSuchElementException:
            raise CheckFailed(f"expected a field named {name} on {self.path}") from None
        if element.tag_name == "select":
            select = Select(element)
            values = [o.get_attribute("value") for o in select.options]
            if str(value) in values:
                select.select_by_value(str(value))
            else:
                select.select_by_visible_text(str(value))
        else:
            element.clear()
            element.send_keys(str(value))
        return element

    def click(self, element):
        """Clicks and waits for the page it leads to (a form post, a link) to replace this one."""
        old = self.find("html")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()
        self.wait_for(self.replaced(old), "the next page after the click")
        self.wait_for(lambda d: d.execute_script("return document.readyState") == "complete", "the page to load")
        self.check_page()

    @staticmethod
    def replaced(old):
        """`staleness_of`, but Chrome answering "does not belong to the document" for a node that a new page just
        dropped also means the page was replaced (Chrome says so instead of "stale" in a narrow window)."""
        stale = EC.staleness_of(old)

        def condition(driver):
            try:
                return stale(driver)
            except WebDriverException as error:
                if "does not belong to the document" in str(error):
                    return True
                raise

        return condition

    def notice(self):
        """The `.notice` role=status text (a form's success), or fails with the `.form-error` shown instead."""
        notices = self.find_all(".notice[role=status]")
        if notices:
            return notices[0].text
        errors = self.find_all(".form-error")
        raise CheckFailed(f"expected a .notice role=status on {self.path}; "
                          + (f"the page says: {errors[0].text}" if errors else "none there"))

    def form_error(self):
        errors = self.find_all(".form-error[role=alert]")
        if not errors:
            raise CheckFailed(f"expected a .form-error role=alert on {self.path}; none there")
        return errors[0].text

    def table_rows(self, css):
        """The rows of table `css` that hold data cells (not the header); [] when the table is absent."""
        return [row for row in self.find_all(f"{css} tr") if row.find_elements(By.TAG_NAME, "td")]

    def reload_until(self, condition, what, timeout=WAIT):
        """Reloads the page until `condition()` holds (a page that shows state without pushing it)."""
        def attempt(_):
            self.driver.refresh()
            return condition()
        return self.wait_for(attempt, what, timeout)

    def cookie(self, name="logix_session"):
        found = self.driver.get_cookie(name)
        return found["value"] if found else None

    def http(self):
        """A requests session carrying this browser's cookies: for what a browser cannot show (status codes)."""
        session = requests.Session()
        for cookie in self.driver.get_cookies():
            session.cookies.set(cookie["name"], cookie["value"])
        return session

    def csrf_token(self):
        tokens = self.find_all("input[name=csrf_token]")
        if not tokens:
            raise CheckFailed(f"expected a hidden csrf_token in the forms of {self.path}")
        return tokens[0].get_attribute("value")

    # -- checks on every page --

    def check_page(self):
        """External references in the page, fields without labels, and what the browser logged or loaded."""
        path = self.path
        html = self.driver.page_source
        self.pages_checked += 1
        self.references_checked += len(external_urls.references(html))
        for problem in external_urls.external_references(
                html, self.driver.current_url, self.origin, self.store_origins, self.operator_urls):
            self.problems.append(f"{path}: external reference {problem}")
        loaded = self.driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
            ".concat(performance.getEntriesByType('navigation').map(e => e.name))")
        for name in loaded or []:
            if not name.startswith("data:") and external_urls.origin(name) != self.origin:
                self.problems.append(f"{path}: the browser loaded {name}")
        for entry in self._browser_log():
            self.problems.append(f"{path}: browser {entry['level']}: {entry['message']}")
        unlabelled = self.driver.execute_script("""
            return [...document.querySelectorAll('input, select, textarea')]
              .filter(e => !['hidden', 'submit', 'button', 'reset', 'image'].includes(e.type))
              .filter(e => !(e.id && document.querySelector('label[for="' + CSS.escape(e.id) + '"]'))
                           && !e.closest('label') && !e.getAttribute('aria-label'))
              .map(e => e.name || e.id || e.outerHTML.slice(0, 80));""")
        for name in unlabelled or []:
            self.problems.append(f"{path}: field {name} has no <label for>")
        self.visited.add(urlsplit(self.driver.current_url).path)

    def _browser_log(self):
        try:
            entries = self.driver.get_log("browser")
        except WebDriverException:
            return []
        # The favicon is the browser's own guess, not something a page references. A page's own 4xx status (a
        # form answered 401 or 422 with its errors) is the server's honest answer, which the browser logs as a
        # failed load; a stylesheet, script or image that fails to load is still reported.
        document = self.driver.current_url.split("#")[0].split("?")[0]
        return [e for e in entries if e.get("level") == "SEVERE"
                and "favicon.ico" not in e.get("message", "")
                and not (e.get("message", "").split("?")[0].split(" ")[0] == document
                         and "the server responded with a status of 4" in e.get("message", ""))]

    def check_assets(self, paths):
        """Stylesheets, scripts and SVGs served by the binary: each answers, and points nowhere else."""
        session = self.http()
        for path in paths:
            response = session.get(self.url(path), timeout=10)
            if response.status_code != 200:
                self.problems.append(f"{path}: answered {response.status_code}")
                continue
            kind = "css" if path.endswith(".css") else "js" if path.endswith(".js") else "svg"
            for problem in external_urls.external_in_text(kind, response.text, self.url(path), self.origin):
                self.problems.append(f"{path}: external reference {problem}")

    # -- pictures and reports --

    def screenshot(self, name, width):
        """The whole page at `width` px, as `NAME-WIDTH.png`; returns whether the page is wider than that.

        The viewport is set through the DevTools protocol (exactly `width` wide, as tall as the page, a phone's
        viewport rules below 600 px), so the picture is the page itself rather than a window's inner part."""
        def viewport(height):
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
        viewport(900)
        height = self.driver.execute_script(
            "return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)")
        viewport(min(max(int(height or 900), 600), 8000))
        overflow = self.driver.execute_script(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1")
        self.driver.save_screenshot(os.path.join(self.screenshots, f"{name}-{width}.png"))
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        return bool(overflow)

    def report(self, step):
        """What a failing step left on screen: the address, the page's text, a screenshot."""
        lines = []
        try:
            lines.append(f"    page: {self.driver.current_url}")
            lines.append(f"    title: {self.driver.title}")
            text = self.driver.find_element(By.TAG_NAME, "body").text
            lines.append("    page text:")
            lines += ["      | " + line for line in text.splitlines()[:200]]
            shot = os.path.join(self.screenshots, "failed-" + re.sub(r"[^a-z0-9]+", "-", step.lower()).strip("-") + ".png")
            self.driver.save_screenshot(shot)
            lines.append(f"    screenshot: {shot}")
        except WebDriverException as error:
            lines.append(f"    (no page to show: {error.msg})")
        return "\n".join(lines)
