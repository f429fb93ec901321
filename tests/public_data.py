"""Helpers of the public catalogue tests: what a visitor reads on a page."""

import re

from lxml import html as lxml_html

from digiorg.catalogue.models import Dataset

HIDDEN = [Dataset.Status.DRAFT, Dataset.Status.PROPOSED, Dataset.Status.RETURNED]
BROWSER = {
    "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537",
    "HTTP_ACCEPT_LANGUAGE": "th-TH,th;q=0.9",
    "REMOTE_ADDR": "203.0.113.5",
}


def text(response) -> str:
    """The page's visible words, spaces collapsed (Thai word-break hints removed)."""
    tree = lxml_html.fromstring(response.content.decode())
    for node in tree.xpath("//script|//style|//head"):
        node.drop_tree()
    return " ".join(tree.text_content().split())


def facets(response) -> dict[str, dict[str, int]]:
    """{facet heading: {value label: count}} as the filter column shows them."""
    tree = lxml_html.fromstring(response.content.decode())
    found: dict[str, dict[str, int]] = {}
    for section in tree.xpath("//section[contains(@class, 'public-facet')]"):
        heading = " ".join(section.xpath("string(.//h3)").split())
        values = {}
        for link in section.xpath(".//a"):
            shown = " ".join(link.text_content().replace("✓", "").split())
            shown = re.sub(r"\s*\(selected; .*\)$|\s*\(เลือกอยู่.*\)$", "", shown)
            match = re.fullmatch(r"(.+) \((\d+)\)", shown)
            assert match, shown
            values[match.group(1)] = int(match.group(2))
        found[heading] = values
    return found


def result_titles(response) -> list[str]:
    tree = lxml_html.fromstring(response.content.decode())
    return [
        " ".join(h.text_content().split()) for h in tree.xpath("//li[@class='public-result']/h3")
    ]


def without_token(response) -> bytes:
    """The page without what differs on every request: the form token and the return address
    of the language switch."""
    body = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content)
    return re.sub(rb'name="next" value="[^"]+"', b"", body)
