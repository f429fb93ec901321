"""The thaibreak filter: escaped text with <wbr> between Thai words, longer words kept whole
(a nowrap span), never a break inside a word."""

import re
import unicodedata

from django.template import Context, Template
from django.urls import reverse
from django.utils.safestring import mark_safe

from digiorg.core.wordbreak import break_hints, thai_words


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def pieces(html: str) -> list[str]:
    """The words between the hints, without the spans that keep them whole."""
    return re.sub(r'<span class="tw">(.*?)</span>', r"\1", html).split("<wbr>")


def test_hints_fall_between_thai_words_only():
    html = render("{{ t|thaibreak }}", t="พัฒนาระบบสารสนเทศเพื่อการบริหารจัดการ")
    words = pieces(html)
    assert "".join(words) == "พัฒนาระบบสารสนเทศเพื่อการบริหารจัดการ"
    assert words == ["พัฒนา", "ระบบ", "สารสนเทศ", "เพื่อ", "การบริหาร", "จัดการ"]
    # words of more than four letters and marks are kept whole, short ones need no span
    assert '<span class="tw">การบริหาร</span><wbr>' in html
    assert "<wbr>ระบบ<wbr>" in html


def test_no_word_is_cut():
    html = render("{{ t|thaibreak }}", t="ผู้สูงอายุได้รับบริการสุขภาพที่บ้านอย่างทั่วถึง")
    words = pieces(html)
    assert words == ["ผู้สูงอายุ", "ได้รับ", "บริการ", "สุขภาพ", "ที่", "บ้าน", "อย่าง", "ทั่วถึง"]
    for piece in words:
        # a cut inside a syllable would leave a mark or a following vowel at the start of a
        # piece, or a leading vowel at its end
        assert unicodedata.category(piece[0]) != "Mn" and piece[0] not in "ะาำๅ", piece
        assert piece[-1] not in "เแโใไ", piece


def test_text_is_escaped_before_hints_are_added():
    html = render("{{ t|thaibreak }}", t='<script>alert("x")</script>ระบบสารสนเทศ & A')
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&amp;" in html
    assert html.endswith('ระบบ<wbr><span class="tw">สารสนเทศ</span> &amp; A')
    assert html.count("<wbr>") == 1  # ASCII and spaces untouched


def test_text_without_thai_is_unchanged():
    assert render("{{ t|thaibreak }}", t="Digital Government 2568 (DGA)") == (
        "Digital Government 2568 (DGA)"
    )
    assert render("{{ t|thaibreak }}", t="") == ""
    assert render("{{ n|thaibreak }}", n=42) == "42"


def test_safe_html_keeps_its_tags():
    marked = mark_safe('<a title="แผนงาน">แผนงาน</a>')
    assert render("{{ t|thaibreak }}", t=marked) == str(marked)
    assert render("{{ t|thaibreak }}", t=mark_safe("ระบบสารสนเทศ &amp; งบ")) == (
        'ระบบ<wbr><span class="tw">สารสนเทศ</span> &amp; งบ'
    )


def test_autoescape_off_leaves_text_alone():
    assert render("{% autoescape off %}{{ t|thaibreak }}{% endautoescape %}", t="แผนงาน") == (
        "แผนงาน"
    )


def test_words_are_cached_and_rejoin_to_the_run():
    thai_words.cache_clear()
    break_hints.cache_clear()
    first = break_hints("กรมสนับสนุนบริการสุขภาพ")
    # a title marked again (every request of a list page) is neither split nor joined again
    assert break_hints("กรมสนับสนุนบริการสุขภาพ") is first
    assert break_hints.cache_info().hits == 1
    assert thai_words.cache_info().misses == 1
    assert "".join(thai_words("กรมสนับสนุนบริการสุขภาพ")) == "กรมสนับสนุนบริการสุขภาพ"


def test_flash_messages_break_between_thai_words_and_stay_escaped(world):
    """A message after a save ("สร้างหน่วยงาน <name> แล้ว") wraps between words, never inside
    หลักฐาน or a unit's name, and a name typed with markup shows as typed."""
    client = world.client("admin")
    response = client.post(
        reverse("org:unit-create"),
        {
            "code": "QA1",
            "name_th": "กลุ่มงานหลักฐานเชิงประจักษ์ <b>ใหม่</b>",
            "kind": "group",
            "parent": world.units["IT"].pk,
            "is_active": "on",
        },
        follow=True,
    )
    alert = re.search(r'<div class="alert alert-success" role="alert">(.*?)</div>', response.text)
    assert alert is not None, "a success message is shown"
    html = alert.group(1)
    assert "<b>" not in html and "&lt;b&gt;" in html  # the typed markup is text
    assert '<span class="tw">หลักฐาน</span>' in html  # kept whole
    assert "<wbr>" in html
    text = re.sub(r"<wbr>|</?span[^>]*>", "", html)
    assert text == "สร้างหน่วยงาน กลุ่มงานหลักฐานเชิงประจักษ์ &lt;b&gt;ใหม่&lt;/b&gt; แล้ว"


def test_a_message_marked_safe_keeps_its_markup():
    """A message a view built as safe HTML (a link) renders with its tags, unbroken."""
    from django.contrib.messages.storage.base import Message

    html = render(
        "{{ m.message|thaibreak }}",
        m=Message(25, mark_safe('<a href="/evidence/">แนบหลักฐาน</a>')),
    )
    assert html == '<a href="/evidence/">แนบหลักฐาน</a>'
