"""Finds every URL a page (or a stylesheet, script or SVG) points at off the server's origin.

The dashboard must work with no internet (issue 12): every stylesheet, script, font and icon comes from the
binary. So on every page each `src`, `href`, `action`, `formaction`, `poster`, `data`, `srcset`,
`xlink:href`, `<meta http-equiv=refresh>` target, and each CSS `url(...)` and `@import` (in `<style>`, in
`style=""` and in the stylesheets) must resolve to the server's own origin. Allowed besides:

- `data:` URLs (inline, nothing fetched), fragment-only links (`#main`), `mailto:` and `tel:` links in
  `<a href>` (a customer's address: no fetch, nothing off the machine);
- an `<a href>` (a link the operator may choose to follow, never something the page loads) to the origin of a
  store the signed-in user connected, and to a URL the operator typed in as data (a shipment's tracking URL,
  shown back as a link). Any other element pointing there — an image from the store, say — still fails.
- in the guides (`/docs…`), an `<a href>` to any http(s) page: the guides send the reader to WooCommerce's
  documentation, say; a link is followed only by a click and loads nothing by itself.

Namespace declarations (`xmlns="http://www.w3.org/2000/svg"`) are names, not references, and are not
checked. Scripts are checked for absolute http(s) URLs in their text, which `fetch` or `XMLHttpRequest` could
load (the SVG and XHTML namespace names excepted); the browser's own record of what it loaded (`performance` entries) is checked beside this
(see browser.py).
"""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

URL_ATTRIBUTES = {"src", "href", "action", "formaction", "poster", "data", "xlink:href", "background", "cite",
                  "manifest", "ping"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE)
ABSOLUTE_URL_IN_SCRIPT = re.compile(r"""https?://[^\s'"`)<>]+""", re.IGNORECASE)
# Namespace names (`createElementNS("http://www.w3.org/2000/svg", …)`) look like URLs but are never fetched.
NAMESPACE_NAME = re.compile(r"https?://www\.w3\.org/(2000/svg|1999/xlink|1999/xhtml|XML/1998/namespace)$", re.I)


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class _References(HTMLParser):
    """Collects (element, attribute, value) for every URL-bearing attribute and CSS url()."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self._in_style = False
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                self.found.append((tag, name, value.strip()))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    if candidate.strip():
                        self.found.append((tag, name, candidate.strip().split()[0]))
            elif name == "style":
                self.found += [(tag, "style", url) for url in css_urls(value)]
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            match = re.search(r"url\s*=\s*(\S+)", attributes.get("content") or "", re.IGNORECASE)
            if match:
                self.found.append((tag, "http-equiv=refresh", match.group(1).strip("'\"")))
        self._in_style = tag == "style"
        self._in_script = tag == "script"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in_style = self._in_script = False

    def handle_endtag(self, tag):
        self._in_style = self._in_script = False

    def handle_data(self, data):
        if self._in_style:
            self.found += [("style", "url()", url) for url in css_urls(data)]
        elif self._in_script:
            self.found += [("script", "text", url) for url in script_urls(data)]


def css_urls(css):
    return [(match.group(2) or match.group(4) or "").strip() for match in CSS_URL.finditer(css)]


def script_urls(script):
    return [url for url in ABSOLUTE_URL_IN_SCRIPT.findall(script) if not NAMESPACE_NAME.match(url)]


def is_harmless(value, element, attribute):
    lowered = value.lower()
    if lowered.startswith("data:") or lowered.startswith("#") or lowered == "":
        return True
    if element == "a" and attribute == "href" and (lowered.startswith("mailto:") or lowered.startswith("tel:")):
        return True
    return lowered.startswith("javascript:")  # no fetch; a page that uses it breaks no offline promise


def references(html):
    """Every (element, attribute, value) in `html` that names a URL."""
    parser = _References()
    parser.feed(html)
    parser.close()
    return parser.found


def external_references(html, page_url, server_origin, store_origins=(), operator_urls=()):
    """Every reference in `html` (at `page_url`) off `server_origin`, as readable strings; empty when clean."""
    found = references(html)
    in_guides = urlsplit(page_url).path.startswith("/docs")
    problems = []
    for element, attribute, value in found:
        if is_harmless(value, element, attribute):
            continue
        resolved = urljoin(page_url, value)
        if origin(resolved) == server_origin.lower():
            continue
        if element == "a" and attribute == "href":
            if origin(resolved) in {o.lower() for o in store_origins} or resolved in operator_urls:
                continue
            if in_guides and urlsplit(resolved).scheme in ("http", "https"):
                continue
        problems.append(f"<{element} {attribute}> {value}")
    return problems


def external_in_text(kind, text, resource_url, server_origin):
    """References off the origin in a stylesheet (`css`), a script (`js`) or an SVG (`svg`)."""
    if kind == "css":
        values = css_urls(text)
    elif kind == "js":
        values = script_urls(text)
    else:
        return external_references(text, resource_url, server_origin)
    problems = []
    for value in values:
        if is_harmless(value, "", ""):
            continue
        if origin(urljoin(resource_url, value)) != server_origin.lower():
            problems.append(f"{kind}: {value}")
    return problems
