"""Browser, phone width (390 px), Thai: long Thai titles on the dashboard, an action and the
evidence library wrap between words and never inside one. The thaibreak filter puts a <wbr>
between the words newmm finds, so each is its own text node. Chromium may still break a long
compound between the dictionary words it is made of (หลัก|ปฏิบัติ, ภาค|รัฐ): allowed. A break
elsewhere (ควา|ม, ประสิท|ธิภาพ, as `overflow-wrap: anywhere` makes) is a cut word: both sides of
an allowed break are whole dictionary words of two letters or more.
Screenshots: var/screenshots/thai-phone-*.png."""

import functools
import re

import pytest
from django.conf import settings
from django.urls import reverse

from digiorg.plans.models import Action

from .browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CUT_WORDS = """(selector) => {
  const thai = /[\\u0e00-\\u0e7f]/;
  const cuts = [];
  let lines = 0;
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node;
    let lastTop = null;
    while ((node = walker.nextNode())) {
      const text = node.data;
      for (let i = 0; i < text.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getBoundingClientRect();
        if (rect.width === 0) continue;  // a combining mark sits on its letter
        if (lastTop !== null && rect.top > lastTop + 4) {
          lines += 1;
          if (i > 0 && thai.test(text[i]) && thai.test(text[i - 1])) {
            cuts.push(text.slice(0, i) + '|' + text.slice(i));
          }
        }
        lastTop = rect.top;
      }
    }
  }
  return {cuts, lines};
}"""


@functools.cache
def _dictionary():
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    return thai_words(), Trie(thai_words())


def _parts(word: str) -> list[str]:
    """`word` split into dictionary words as if it were not a word itself."""
    from pythainlp.tokenize import word_tokenize

    words, trie = _dictionary()
    if word in words:
        trie.remove(word)
    try:
        return word_tokenize(word, engine="newmm", custom_dict=trie)
    finally:
        if word in words:
            trie.add(word)


@functools.cache
def word_boundaries(word: str) -> frozenset[int]:
    """Offsets in `word` between the dictionary words a compound is made of; a part that is
    itself two words of three letters or more splits once more (ความ|พึง|พอใจ)."""
    words, _ = _dictionary()
    parts = _parts(word)
    if not all(part in words for part in parts):
        return frozenset()
    found, offset = set(), 0
    for part in parts:
        halves = _parts(part) if len(parts) > 1 else []
        if len(halves) == 2 and all(h in words and len(h) >= 3 for h in halves):
            found.add(offset + len(halves[0]))
        offset += len(part)
        found.add(offset)
    return frozenset(found)


def between_words(cut: str) -> bool:
    """`cut` is a word with "|" where a line ended: fine when the word is a compound and the
    line ends between two of its parts."""
    left, right = cut.split("|")
    left = re.split(r"[^\u0e00-\u0e7f]", left)[-1]
    right = re.split(r"[^\u0e00-\u0e7f]", right)[0]
    return len(left) in word_boundaries(left + right)


def test_the_cut_check_tells_compounds_from_cut_words():
    for fine in ["หลัก|ปฏิบัติ", "ภาค|รัฐ", "โครงสร้าง|พื้นฐาน", "มี|ประสิทธิภาพ", "การ|บริหาร", "ความพึง|พอใจ"]:
        assert between_words(fine), fine
    for cut in ["ควา|มมั่นคง", "มีประสิทธิภา|พ", "ประสิท|ธิภาพ", "การบริ|หาร", "โค|รงสร้างพื้นฐาน"]:
        assert not between_words(cut), cut


def wraps_between_words(page, selector: str) -> int:
    """The number of line breaks inside the elements; fails on a break inside a word."""
    assert page.locator(selector).count() > 0, selector
    found = page.evaluate(CUT_WORDS, selector)
    cut = [c for c in found["cuts"] if not between_words(c)]
    assert cut == [], f"{selector}: words cut at {cut}"
    return found["lines"]


def test_long_thai_titles_wrap_between_words_at_phone_width(page):
    from digiorg.sample.demo import demo_prepare

    demo_prepare(say=lambda _: None)
    longest = max(Action.objects.filter(unit__code="R1"), key=lambda a: len(a.title))
    page.set_viewport_size({"width": 390, "height": 844})

    log_in(page, "coord-r1", settings.DIGIORG_DEMO_PASSWORD)
    page.goto(page.base_url + reverse("dashboards:department"))
    page.wait_for_selector("[data-testid=todo-answers]")
    lines = wraps_between_words(page, "[data-testid=todo-reports] a, [data-testid=todo-drafts] a")
    lines += wraps_between_words(page, "#dimension-table td a")
    assert lines > 0  # at this width some titles do wrap: the check looked at real breaks
    screenshot(page, "thai-phone-dashboard")
    page.locator("#dimension-table").scroll_into_view_if_needed()
    screenshot(page, "thai-phone-dashboard-dimensions")

    page.goto(page.base_url + reverse("plans:action-detail", args=[longest.pk]))
    assert wraps_between_words(page, "main h1") > 0
    screenshot(page, "thai-phone-action")

    page.goto(page.base_url + reverse("evidence:library"))
    assert wraps_between_words(page, "main table td a") > 0
    screenshot(page, "thai-phone-evidence-library")

    # the same pages at desktop width, to look at the colours and the wrapping there too
    page.set_viewport_size({"width": 1366, "height": 768})
    screenshot(page, "thai-desktop-evidence-library")
    page.goto(page.base_url + reverse("plans:action-detail", args=[longest.pk]))
    screenshot(page, "thai-desktop-action")
    page.goto(page.base_url + reverse("dashboards:department"))
    page.locator("#dimension-table").scroll_into_view_if_needed()
    assert wraps_between_words(page, "#dimension-table td a") >= 0
    screenshot(page, "thai-desktop-dashboard-dimensions")
