"""Import rules (ML601-ML604): will Medium's "Import a story" take the built page?

Import fetches the published page from its URL, takes the article out of it and sets the story's
canonical link to that URL (Medium's help, "Import a post":
https://help.medium.com/hc/en-us/articles/214550207-Import-a-post). It works on the built HTML,
not the Markdown, so these rules read a page of the site's build output (``medlint import-check
site/``, or the MkDocs plugin as it builds). Medium documents little of what its importer does;
each rule says what it rests on and where it is a judgement.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from medlint.context import Context
from medlint.findings import Problem, Severity
from medlint.options import option
from medlint.rules.base import NoOptions, rule

if TYPE_CHECKING:  # the pages come from medlint.import_check, which a check of drafts never imports
    from medlint.built_page import BuiltPage

OPEN_GRAPH = ("og:title", "og:description", "og:url", "og:image")


def _at(page: BuiltPage, index: int | None, message: str) -> Problem:
    """A problem at element ``index``'s start tag (line 1 without one)."""
    if index is None:
        return Problem(1, 1, message)
    line, column = page.position(page.elements[index].start)
    return Problem(line, column, message)


def _head(page: BuiltPage) -> int | None:
    heads = page.all("head")
    return heads[0] if heads else None


def _absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _same_url(one: str, other: str) -> bool:
    """The same address but for a trailing ``index.html`` and the case of the host."""

    def normal(url: str) -> tuple[str, str, str, str]:
        parts = urlsplit(url)
        path = parts.path.removesuffix("index.html") or "/"
        return parts.scheme, parts.netloc.lower(), path, parts.query

    return normal(one) == normal(other)


def how_to_fix(context: Context) -> str:
    """The site's generator's own way to write the tags Import reads."""
    site = context.site
    return site.generator.import_tags_fix(site) if site is not None else "write them in the page template's <head>"


@rule("ML601", "missing-open-graph", Severity.WARNING, built_page=True)
def missing_open_graph(page: BuiltPage, context: Context, options: NoOptions) -> Iterator[Problem]:
    """A built page without ``og:title``, ``og:description``, ``og:url`` (its published URL) or
    ``og:image`` (an absolute URL, of an image the site publishes).

    Why: Import reads the page's Open Graph tags for the story's title, subtitle and preview image.
    Writers report imports that fail outright, or come out untitled, from pages without them, and
    imports that work once the tags are added
    (https://github.com/liferay-design/design.liferay.com/issues/501, 2019, and the reports it
    links). A default MkDocs site writes none; many Hugo and Jekyll themes write few. This is a
    judgement from those reports: Medium does not document which tags Import needs.

    Bad:  a <head> with a <title> and a description, and no og: tags.
    Good: <meta property="og:title" content="..."> and og:description, og:url, og:image beside it.

    The finding names the generator's own way to write them (Hugo's internal template,
    jekyll-seo-tag, Material's social plugin, medlint's plugin with ``open_graph: true``).
    """
    head = _head(page)
    missing = [name for name in OPEN_GRAPH if not (page.meta(name) or ("", 0))[0]]
    if missing:
        shown = ", ".join(missing)
        yield _at(
            page,
            head,
            f"No {shown}: Import takes the story's title and preview from them; {how_to_fix(context)}",
        )
    found_url = page.meta("og:url")
    if found_url and found_url[0]:
        url, index = found_url
        if not _absolute(url):
            yield _at(page, index, f"og:url {url!r} is not an absolute URL; give the page's published URL")
        elif page.url is not None and not _same_url(url, page.url):
            yield _at(page, index, f"og:url {url!r} is not the page's published URL {page.url}")
    found_image = page.meta("og:image")
    if found_image and found_image[0]:
        image, index = found_image
        if not _absolute(image):
            yield _at(page, index, f"og:image {image!r} is not an absolute URL; Import fetches it from elsewhere")
        elif (missing_file := _unpublished(page, context, image)) is not None:
            yield _at(page, index, f"og:image {image} is not in the build ({missing_file} is missing)")


def _unpublished(page: BuiltPage, context: Context, url: str) -> str | None:
    """The file of the build an address on the site's own host names, when it is missing (an
    address elsewhere is not known: ``None``)."""
    site_url = context.site_url
    if page.folder is None or not site_url:
        return None
    base = site_url if site_url.endswith("/") else site_url + "/"
    if not url.startswith(base):
        return None
    relative = posixpath.normpath("/" + unquote(urlsplit(url).path[len(urlsplit(base).path) :])).lstrip("/")
    file = os.path.join(page.folder, *relative.split("/"))
    if url.endswith("/"):
        file = os.path.join(file, "index.html")
    return None if os.path.isfile(file) else relative or "index.html"


@rule("ML602", "import-canonical", Severity.WARNING, built_page=True)
def import_canonical(page: BuiltPage, context: Context, options: NoOptions) -> Iterator[Problem]:
    """A built page's ``<link rel="canonical">`` is missing, relative, or names another URL than
    the page's published one (the URL the writer will import from).

    Why: Import sets the story's canonical link to the URL it imported from (Medium's help,
    "Import a post"). Search engines then read two hints: Medium's copy says your page is the
    original, and your page's own canonical should say the same. A page that names another URL
    (``http://`` for ``https://``, a staging host, the home page) sends the copy's credit
    elsewhere; one that names none leaves it to the engine's guess. Google treats a canonical as a
    hint, not a rule (Search Central, "Consolidate duplicate URLs":
    https://developers.google.com/search/docs/crawling-indexing/consolidate-duplicate-urls).

    Bad:  <link rel="canonical" href="/posts/x/">, or none.
    Good: <link rel="canonical" href="https://blog.example.com/posts/x/">
    """
    found = page.links("canonical")
    if not found:
        yield _at(page, _head(page), f"No canonical link: name the page's own URL; {how_to_fix(context)}")
        return
    href, index = found[0]
    if len(found) > 1 and len({url for url, _ in found}) > 1:
        yield _at(
            page, found[1][1], "More than one canonical link, naming different URLs: search engines ignore them all"
        )
    if not _absolute(href):
        yield _at(page, index, f"Canonical link {href!r} is not an absolute URL; give the page's published URL")
    elif page.url is not None and not _same_url(href, page.url):
        yield _at(
            page, index, f"Canonical link names {href}, not the page's published URL {page.url} that Import will use"
        )


CHROME_CLASSES = {
    "heading permalink": (
        "headerlink",
        "anchor",
        "anchor-link",
        "hash-link",
        "heading-anchor",
        "anchorjs-link",
        "zola-anchor",
        "header-anchor",
        "permalink",
    ),
    "edit link": ("md-content__button", "theme-edit-this-page", "edit-link", "edit-this-page", "edit-page"),
    "table of contents": ("toc", "table-of-contents", "md-nav--secondary", "toc-container", "post-toc"),
    "comment widget": ("giscus", "utterances", "comments", "disqus"),
    "share buttons": ("share", "social-share", "sharing"),
}
CHROME_FIXES = {
    "heading permalink": "turn them off for the pages you import (MkDocs: toc permalink: false; Hugo, Jekyll, "
    "Docusaurus: the theme's heading anchors option or render hook)",
    "table of contents": "move it out of the article element, or leave it out of the pages you import",
}
"""How to take each kind of chrome out of the article; the others: a theme override that puts it
outside the article element."""
SHARING_PREFIXES = ("share-", "sharing", "resp-sharing", "social-share", "addtoany", "a2a_")
"""Class names that open the share widgets themes put under a post (Hugo's and Jekyll's
"responsive sharing buttons", AddToAny)."""
CHROME_IDS = {
    "TableOfContents": "table of contents",
    "toc": "table of contents",
    "disqus_thread": "comment widget",
    "comments": "comment widget",
}
CHROME_TAGS = {"nav": "navigation", "button": "button", "form": "form", "aside": "aside"}
WIDGET_SCRIPTS = {"giscus.app": "comment widget", "utteranc.es": "comment widget", "disqus.com": "comment widget"}


def article_of(page: BuiltPage) -> tuple[int | None, str | None]:
    """The element Import would take as the article, and what is wrong when there is no one such
    element: the page's one outermost ``<article>``, else its one outermost ``<main>`` (or
    element with ``role="main"``, as MkDocs' own theme writes it)."""
    outermost = [
        index
        for index in page.all("article")
        if not any(page.elements[up].tag == "article" for up in page.ancestors(index))
    ]
    if len(outermost) == 1:
        return outermost[0], None
    if len(outermost) > 1:
        return (
            None,
            f"{len(outermost)} <article> elements side by side: Import cannot tell which is the story (a listing page?)",
        )
    mains = [
        index
        for index, element in enumerate(page.elements)
        if element.tag == "main" or element.attributes.get("role") == "main"
    ]
    inner = set(mains)
    mains = [index for index in mains if not any(up in inner for up in page.ancestors(index))]
    if len(mains) == 1:
        return mains[0], None
    if mains:
        return None, f"{len(mains)} <main> elements and no <article>: Import cannot tell which is the story"
    return None, "No <article> or <main> element: Import guesses which part of the page is the story"


def chrome_in(page: BuiltPage, article: int) -> list[tuple[int, str]]:
    """The outermost pieces of chrome inside the article, with their kind (what is inside one is
    part of it)."""
    found = []
    skip_until = -1
    for index in page.inside(article):
        element = page.elements[index]
        if element.start < skip_until:
            continue
        kind = _chrome(page, index)
        if kind is not None:
            found.append((index, kind))
            skip_until = element.end
    return found


def _chrome(page: BuiltPage, index: int) -> str | None:
    element = page.elements[index]
    kind = CHROME_TAGS.get(element.tag)
    if kind is not None:
        return kind
    classes = element.classes()
    for kind, names in CHROME_CLASSES.items():
        if any(name in classes for name in names):
            return kind
    if any(name.startswith(SHARING_PREFIXES) for name in classes):
        return "share buttons"
    found_id = element.attributes.get("id")
    if found_id in CHROME_IDS:
        return CHROME_IDS[found_id]
    if element.tag == "script":
        source = urlsplit(element.attributes.get("src", "")).netloc.lower()
        return next((kind for host, kind in WIDGET_SCRIPTS.items() if source.endswith(host)), None)
    if element.tag == "a" and element.attributes.get("href", "").startswith("#") and element.parent >= 0:
        heading = page.elements[element.parent]
        if (
            heading.tag in ("h1", "h2", "h3", "h4", "h5", "h6")
            and element.attributes["href"][1:] == heading.attributes.get("id")
            and len(page.text_of(index)) <= 2
        ):
            return "heading permalink"
    return None


@dataclass(frozen=True)
class ChromeOptions:
    max_shown: int = option(3, "Each kind of chrome is reported once, with this many of its places.")


@rule("ML603", "import-chrome", Severity.WARNING, ChromeOptions, built_page=True)
def import_chrome(page: BuiltPage, context: Context, options: ChromeOptions) -> Iterator[Problem]:
    """The story is not one ``<article>`` or ``<main>`` element, or site chrome inside it would be
    imported with it: heading permalinks (¶), edit and copy buttons, navigation, a table of
    contents, comment widgets, share buttons.

    Why: Import keeps what is inside the article and drops the rest of the page. What the theme
    puts inside it comes along as text: each heading ends in a "¶", a "Copy" or "Edit" line sits
    above the code, the table of contents becomes a list of links to anchors Medium does not have.
    Which element Import takes is not documented; medlint assumes, as article extractors such as
    Mozilla's Readability (https://github.com/mozilla/readability) do, the page's one outermost
    ``<article>``, else its one ``<main>``.
    This is a judgement.

    Bad:  <article><h2 id="setup">Setup<a class="headerlink" href="#setup">¶</a></h2>
    Good: <article><h2 id="setup">Setup</h2> (permalinks off for the page Import reads)

    Only what is in the built HTML is seen: buttons a script adds in the browser are not there for
    medlint, and Import runs no script either, as far as writers report.
    """
    article, problem = article_of(page)
    if article is None:
        yield _at(page, None, problem or "")
        return
    found: dict[str, list[int]] = {}
    for index, kind in chrome_in(page, article):
        found.setdefault(kind, []).append(index)
    for kind, places in found.items():
        lines = ", ".join(str(page.position(page.elements[index].start)[0]) for index in places[: options.max_shown])
        more = f" and {len(places) - options.max_shown} more" if len(places) > options.max_shown else ""
        count = f"{len(places)} " if len(places) > 1 else ""
        plural = "s" if len(places) > 1 and not kind.endswith("s") else ""
        fix = CHROME_FIXES.get(kind, "a theme override can put it outside the article element")
        if len(places) > 1 or kind.endswith("s"):
            fix = fix.replace(" it ", " them ")
        where = f"line{'s' if len(places) > 1 else ''} {lines}{more}"
        message = f"{count}{kind}{plural} inside the article ({where}) would be imported with the story; {fix}"
        yield _at(page, places[0], message)


MEDIUM_IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".gif")
UNTAKEN_IMAGE_TYPES = (".svg", ".avif", ".tif", ".tiff", ".heic", ".bmp")
EMBED_HOSTS = (
    "youtube.com",
    "youtube-nocookie.com",
    "youtu.be",
    "vimeo.com",
    "twitter.com",
    "x.com",
    "gist.github.com",
    "codepen.io",
    "soundcloud.com",
    "spotify.com",
    "slideshare.net",
    "instagram.com",
)
"""Hosts whose embeds Medium keeps: it embeds links through Embedly, which it owns (The Medium
Blog, 2023), and these are common services Embedly knows; a judgement, not Medium's list."""
LAZY_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original", "data-srcset")


def _media_problem(page: BuiltPage, index: int, code_tables: set[int]) -> str | None:
    element = page.elements[index]
    attributes = element.attributes
    if element.tag == "img":
        source = attributes.get("src", "").strip()
        lazy = next((name for name in LAZY_ATTRIBUTES if attributes.get(name)), None)
        if lazy is not None:
            return (
                f"an image loaded by a script ({lazy}): Import runs no script and gets {source or 'no source'!r}; "
                'give the image its real src (loading="lazy" keeps it lazy in browsers)'
            )
        if not source:
            return "an image with srcset only" if attributes.get("srcset") else "an image with no src"
        if source.startswith("data:"):
            return "an image inline as a data: URI, which Import does not upload"
        if any(page.elements[up].tag in ("td", "th") for up in islice(page.ancestors(index), 6)):
            return "an image in a table cell (a caption layout): writers report Import drops it"
        suffix = posixpath.splitext(urlsplit(source).path.lower())[1]
        if suffix in UNTAKEN_IMAGE_TYPES:
            return f"a {suffix[1:].upper()} image, which Medium does not take (it takes JPEG, PNG and GIF)"
        return None
    if element.tag == "table":
        if element.has_class("highlighttable", "lntable", "rouge-table", "hljs-ln") or index in code_tables:
            return (
                "code in a table (line numbers): Import makes it a table of numbers and lines; write code without "
                "line numbers on pages you import (MkDocs: pymdownx.highlight linenums: false; Hugo: lineNos = false)"
            )
        return None
    if element.tag == "code":
        if any(page.elements[up].tag in ("pre", "code") for up in page.ancestors(index)):
            return None
        if page.text.find("\n", element.start, element.end) >= 0:
            return "a code block outside <pre>: Import runs its lines together"
        return None
    if element.tag == "iframe":
        host = urlsplit(attributes.get("src", "")).netloc.lower()
        if not any(host == known or host.endswith("." + known) for known in EMBED_HOSTS):
            return f"an embed from {host or 'no address'} that Medium does not keep"
        return None
    if element.tag in ("video", "audio", "object", "embed", "canvas", "svg"):
        return f"a <{element.tag}> element, which Import drops"
    if element.tag == "script" and attributes.get("src"):
        host = urlsplit(attributes["src"]).netloc.lower()
        if host == "gist.github.com":
            return "a gist embedded by a script: Import runs no script; give the gist's URL on a line of its own"
    return None


def _table_around(page: BuiltPage, index: int) -> int | None:
    """The table a code block sits in (Pygments puts it four levels down), if any."""
    return next((up for up in islice(page.ancestors(index), 6) if page.elements[up].tag == "table"), None)


@rule("ML604", "import-media", Severity.WARNING, built_page=True)
def import_media(page: BuiltPage, context: Context, options: NoOptions) -> Iterator[Problem]:
    """Inside the article: an image Import cannot fetch (lazy-loaded, ``srcset`` only, a
    ``data:`` URI, a format Medium does not take), code in a table (line numbers) or outside
    ``<pre>``, or an embed Medium does not keep.

    Why: Import copies what the HTML says, without running the page's scripts. Writers report
    lazy-loaded images arriving empty
    (https://github.com/mfg92/hugo-shortcode-gallery/issues/35, 2022). Line-numbered code
    rendered as a table (Pygments' ``linenums``, Hugo's ``lineNos: table``) arrives as a table of
    numbers beside a table of lines, and an image in a table cell (a common way to give a
    Markdown image a caption) often does not arrive at all
    (https://elliott-king.github.io/2020/10/medium_api_images). Medium takes JPEG, PNG and GIF
    images, and embeds links through Embedly, which it owns
    (https://blog.medium.com/now-you-can-embed-mastodon-posts-in-medium-stories-99b11d0baa7f):
    iframes of common services Embedly knows (YouTube, Vimeo, Twitter, GitHub gists, CodePen and
    others) are kept, other iframes, videos and inline drawings are not. The formats and hosts
    are a judgement from these reports, not a published list of what Import keeps.

    Bad:  <img data-src="/img/a.png" src="placeholder.gif">, <table class="highlighttable">
    Good: <img src="/img/a.png" alt="...">, code blocks without line numbers on pages to import
    """
    article, _ = article_of(page)
    if article is None:
        return
    chrome = chrome_in(page, article)  # ML603's: what is inside it is not judged again here
    ends = {page.elements[index].start: page.elements[index].end for index, _ in chrome}
    inside = []
    skip_until = -1
    for index in page.inside(article):
        start = page.elements[index].start
        if start < skip_until:
            continue
        if start in ends:
            skip_until = ends[start]
            continue
        inside.append(index)
    code_tables = {_table_around(page, index) for index in inside if page.elements[index].tag == "pre"}
    for index in inside:
        problem = _media_problem(page, index, code_tables)
        if problem is not None:
            yield _at(page, index, problem[:1].upper() + problem[1:])
