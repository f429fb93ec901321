"""Line-break hints between Thai words, so that long Thai titles wrap between words and never
inside one. Thai is written without spaces; Chromium finds word boundaries with its own
dictionary, but not everywhere (table cells sized to their content, flex items). PyThaiNLP's
newmm tokenizer finds the words; an HTML <wbr> between two words tells the browser it may break
there. Chromium would still break a long word between the parts its own dictionary finds
(ภาค|รัฐ, ความ|มั่นคง, ภาพหน้า|จอ): a word of several letters goes into a
`<span class="tw">` that CSS keeps on one line. Neither adds a character to the text: copying,
find-in-page and search see the title as typed (a U+200B would be copied along with it).

PyThaiNLP is loaded on first use (its dictionary trie takes ~0.4 s and ~90 MB), offline and
read-only: it never downloads or writes anything."""

import functools
import os
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

THAI_RUN = re.compile(r"([\u0e00-\u0e7f]+)")
HINT = "<wbr>"
WHOLE = '<span class="tw">{}</span>'
SHORT = 4  # letters and marks; a word this short is one or two syllables Chromium keeps whole


@functools.lru_cache(maxsize=1)
def _tokenize():
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


@functools.lru_cache(maxsize=8192)
def thai_words(run: str) -> tuple[str, ...]:
    """The words of a run of Thai characters, in order; joined they give the run back."""
    words = tuple(_tokenize()(run, engine="newmm", keep_whitespace=True))
    return words if "".join(words) == run else (run,)


def _whole(word: str) -> str:
    return WHOLE.format(word) if len(word) > SHORT else word


@functools.lru_cache(maxsize=8192)
def break_hints(text: str, *, escaped: bool = False) -> SafeString:
    """`text` escaped for HTML, with <wbr> between neighbouring Thai words and each word longer
    than SHORT kept whole. Text that is not Thai is only escaped. `escaped`: the text is
    already HTML without tags (Thai runs hold no markup characters, so the hints go between
    Thai words only). Cached whole: a list page marks the same titles on every request, and
    splitting, escaping and joining cost ~30 us a title even when the words are cached."""
    quote = (lambda piece: piece) if escaped else escape
    parts = []
    for index, part in enumerate(THAI_RUN.split(text)):
        if index % 2 and len(part) > 1:
            parts.append(HINT.join(_whole(quote(word)) for word in thai_words(part)))
        else:
            parts.append(quote(part))
    return mark_safe("".join(parts))  # every piece was escaped above, or came escaped
