"""Link syntaxes of the generators: destinations a generator turns into a page's URL when it
builds, which Markdown alone does not know (and which reach Medium as literal text).

- Hugo: ``{{< ref "posts/errors.md" >}}`` and ``relref``, in ``{{< >}}`` and ``{{% %}}`` forms;
- Jekyll: ``{% post_url 2015-01-12-errors %}``, ``{% link _posts/x.md %}``, ``{{ site.url }}`` and
  ``{{ site.baseurl }}`` prefixes, and the ``relative_url`` / ``absolute_url`` filters;
- Zola: ``@/blog/post.md`` internal links.

A syntax whose destination holds spaces is parsed by an inline rule of its own (CommonMark's link
destination stops at a space); every syntax is recognised in a destination by :func:`reference_in`,
which gives the generator the name to resolve. A generator's dialect lists the syntaxes it reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class LinkSyntax:
    """One way a generator writes a link's destination. ``pattern`` matches the whole destination;
    its group ``name`` is what the generator resolves (a path, a post's name, a URL path) and its
    optional group ``fragment`` a ``#id``. ``spaced`` syntaxes need their own inline parser rule."""

    name: str
    pattern: re.Pattern[str]
    spaced: bool = True


@dataclass(frozen=True)
class Reference:
    """A destination written in a generator's syntax: which syntax, the name it resolves, and the
    ``#fragment`` (or ``""``)."""

    syntax: str
    name: str
    fragment: str = ""


_FRAGMENT = r"(?P<fragment>#[^\s()]{0,500})?"

HUGO_REF = LinkSyntax(
    "hugo-ref",
    re.compile(r'\{\{[<%]\s{0,20}(?:rel)?ref\s{1,20}"(?P<name>[^"\n]{0,500})"\s{0,20}[>%]\}\}' + _FRAGMENT),
)
JEKYLL_POST_URL = LinkSyntax(
    "jekyll-post-url", re.compile(r"\{%-?\s{0,20}post_url\s{1,20}(?P<name>[^\s%]{1,500})\s{0,20}-?%\}" + _FRAGMENT)
)
JEKYLL_LINK = LinkSyntax(
    "jekyll-link", re.compile(r"\{%-?\s{0,20}link\s{1,20}(?P<name>[^\s%]{1,500})\s{0,20}-?%\}" + _FRAGMENT)
)
JEKYLL_SITE_URL = LinkSyntax(
    "jekyll-site-url",
    re.compile(
        r"\{\{-?\s{0,20}site\.(?:base)?url\s{0,20}-?\}\}(?:\{\{-?\s{0,20}site\.baseurl\s{0,20}-?\}\})?"
        r"(?P<name>/[^\s()#]{0,500})?" + _FRAGMENT
    ),
)
JEKYLL_URL_FILTER = LinkSyntax(
    "jekyll-url-filter",
    re.compile(
        r"\{\{-?\s{0,20}(?P<quote>[\"'])(?P<name>[^\"'\n]{0,500})(?P=quote)\s{0,20}\|\s{0,20}"
        r"(?:relative_url|absolute_url)\s{0,20}-?\}\}" + _FRAGMENT
    ),
)
ZOLA_INTERNAL = LinkSyntax("zola-internal", re.compile(r"@/(?P<name>[^\s()#]{1,500})" + _FRAGMENT), spaced=False)


def reference_in(target: str, syntaxes: tuple[LinkSyntax, ...]) -> Reference | None:
    """The generator reference ``target`` is written as, if it is one of ``syntaxes``."""
    if not syntaxes or not target or target[0] not in "{@":
        return None
    for syntax in syntaxes:
        found = syntax.pattern.fullmatch(target.strip())
        if found is not None:
            name, hash_sign, inner = (found.group("name") or "/").partition("#")  # ref "page.md#id"
            return Reference(syntax.name, name, found.group("fragment") or hash_sign + inner)
    return None
