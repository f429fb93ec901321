"""Dashboards served from Django's cache without going stale.

A dashboard page template extends base.html and fills blocks (title, content, scripts). The
view renders those blocks to strings (`render_blocks`), keeps them in the cache under a key
that holds everything they depend on (`fragment_key`: the department's FiguresVersion, raised
by every write that changes the figures, the cycle, the unit, the language, the day, the role
scope and the cycle picker's list), and puts them into base.html around a fresh page frame
(`render_page`): the menu, the signed-in user and the CSRF token always come from the request.
The page templates stay ordinary templates: nothing in them knows about the cache.

The CSRF token inside a cached block (the report forms) is rendered as a placeholder and
replaced by the request's own token when the page is served."""

import hashlib
from functools import lru_cache

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import engines, loader
from django.template.context import make_context
from django.template.loader_tags import ExtendsNode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

CSRF_PLACEHOLDER = "csrf0placeholder0d1g10rg"
TIMEOUT = 6 * 3600  # seconds; a new version makes an entry unused long before this


def fragment_key(page: str, **parts) -> str:
    """The cache key of a page's rendered blocks: `parts` are everything the blocks show
    besides the template (version, cycle, unit, day, role scope, ...); the language is added."""
    text = "|".join(f"{k}={parts[k]}" for k in sorted(parts))
    text += f"|lang={get_language()}"
    return f"dashboard:{page}:" + hashlib.sha256(text.encode()).hexdigest()[:32]


def render_blocks(request: HttpRequest, template_name: str, context: dict) -> dict[str, str]:
    """{block name: HTML} of every block the page template fills, rendered with the request's
    context processors, as render() would, except that the CSRF token is a placeholder."""
    template = loader.get_template(template_name).template  # type: ignore[attr-defined]
    extends = template.nodelist.get_nodes_by_type(ExtendsNode)[0]
    ctx = make_context({**context, "csrf_token": CSRF_PLACEHOLDER}, request)
    out: dict[str, str] = {"__parent__": extends.parent_name.resolve(ctx)}
    with ctx.render_context.push_state(template), ctx.bind_template(template):
        for name, block in extends.blocks.items():
            out[name] = block.render(ctx)
    return out


@lru_cache(maxsize=16)
def _frame(parent: str, names: tuple[str, ...]):
    """A template that extends `parent` and fills each block with its cached HTML."""
    body = "".join(
        f"{{% block {name} %}}{{{{ cached_blocks.{name} }}}}{{% endblock %}}" for name in names
    )
    return engines["django"].from_string(f'{{% extends "{parent}" %}}{body}')


def render_page(request: HttpRequest, blocks: dict[str, str]) -> HttpResponse:
    """The page: base.html rendered for this request around the cached blocks."""
    token = get_token(request)
    names = tuple(sorted(k for k in blocks if k != "__parent__"))
    filled = {name: mark_safe(blocks[name].replace(CSRF_PLACEHOLDER, token)) for name in names}
    html = _frame(blocks["__parent__"], names).render({"cached_blocks": filled}, request)
    return HttpResponse(html)


def cached_page(request: HttpRequest, template_name: str, key: str | None, build) -> HttpResponse:
    """Serve the page from the cache under `key`, or render it with the context `build()`
    returns and keep it there. With `key` None (a refresh is due: the figures are computed
    live) nothing is read from or written to the cache."""
    blocks = cache.get(key) if key is not None else None
    if blocks is None:
        blocks = render_blocks(request, template_name, build())
        if key is not None:
            cache.set(key, blocks, TIMEOUT)
    return render_page(request, blocks)
