"""Link target rules (ML205-ML210): links and images that break or mislead once on Medium."""

from __future__ import annotations

from collections.abc import Iterator

from medlint import urls
from medlint.context import Context
from medlint.document import Document, Link
from medlint.document.destinations import destination_of
from medlint.findings import Applicability, Edit, Fix, Problem, Related, RelatedKind, Severity
from medlint.rules.base import NoOptions, resting_on_urls, rule
from medlint.site import Location, Reach

_PAGE_EXTENSIONS = ("", ".html", ".htm", ".md", ".markdown")


def _located(link: Link, doc: Document, context: Context) -> Location | None:
    """Where the link's target leads on the run's site (``None`` without a site)."""
    return context.site.locate(link.target, doc.path) if context.site is not None else None


def _advice(location: Location | None, what: str, context: Context) -> str:
    """What to use instead of a relative target, or why medlint cannot say."""
    if location is not None and location.url:
        return f"use {location.url}"
    if location is not None and location.reach is Reach.DRAFT:
        return f"it leads to a draft{_draft_source(location)} that the site does not publish yet: the link breaks until it is published"
    if context.site_url:
        return f"use the absolute URL of {what} (it matches nothing the site publishes, so medlint cannot suggest one)"
    return f"use the absolute URL of {what} (set site_url so medlint can suggest it)"


def _draft_source(location: Location) -> str:
    """`` (drafts/post.md)``: the source of the draft a location reaches, when it has one."""
    import os

    source = location.page.file if location.page is not None else None
    if source is None:
        return ""
    return f" ({os.path.relpath(source) if str(source).startswith(os.getcwd()) else source})"


@rule("ML205", "relative-link", Severity.ERROR)
def relative_link(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """A relative link, which breaks once the text leaves the site.

    Why: on Medium there is no folder for ``guide.md`` or ``/about/`` to be relative to, and no
    generator to turn ``{{< ref "guide.md" >}}`` or ``{% post_url ... %}`` into an address, so the
    link goes nowhere. With the site's URL known, the message gives the published URL to use (the
    page the generator links, a list page it makes, a file it copies) and the fix writes it; a
    link to a draft says so; one that matches nothing the site publishes says that too (a
    generator link that matches nothing is ML209: the site's own build fails on it).

    Bad:  See the [configuration guide](../docs/configuration.md).
    Good: See the [configuration guide](https://example.com/configuration/).
    """
    site = context.site
    for link in doc.text_links:
        if link.kind == "autolink" or not urls.is_relative(link.target.strip()):
            continue
        location = _located(link, doc, context)
        missing = location is not None and location.reach is Reach.MISSING
        if missing and site is not None and site.dialect.reference_in(link.target.strip()) is not None:
            continue  # ML209's: the generator's build fails on it
        yield Problem.on(
            link,
            f"Relative link {link.target} breaks on Medium; {_advice(location, 'the page', context)}",
            fix=_page_fix(link, doc, context, location),
        )


def _page_fix(link: Link, doc: Document, context: Context, location: Location | None) -> Fix | None:
    """The link's destination made the published URL of what it names: a page (a ``#fragment``
    only when it is one of the page's heading ids), a list page the generator makes, a file it
    copies; never with a query, or for a destination other links share."""
    site = context.site
    if site is None or not site.site_url or not site.has_pages or "?" in link.target:
        return None
    if location is None or location.url is None:
        return None
    if location.reach is Reach.PAGE and location.page is not None and location.page.file is not None:
        if location.fragment and location.fragment not in site.heading_ids(location.page.file):
            return None
    elif location.reach not in (Reach.FILE, Reach.GENERATED) or location.fragment:
        return None
    return _rewrite(link, doc, location.url, "published URL", site.certain)


def _rewrite(link: Link, doc: Document, url: str, what: str, certain: bool) -> Fix | None:
    """The destination replaced by ``url``: safe when the site's URLs are all read, else unsafe
    (a URL built on a guess is the writer's to check)."""
    destination = destination_of(doc, link)
    if destination is None or destination.shared:
        return None
    edit = Edit(destination.line, destination.column, destination.line, destination.end_column, markdown_url(url))
    applicability = Applicability.SAFE if certain else Applicability.UNSAFE
    return Fix(applicability, (edit,), f"Use the {what} {url}")


def markdown_url(url: str) -> str:
    """A URL as a Markdown destination: spaces, parentheses and angle brackets percent-encoded."""
    return url.translate({ord(" "): "%20", ord("("): "%28", ord(")"): "%29", ord("<"): "%3C", ord(">"): "%3E"})


@rule("ML206", "relative-image", Severity.ERROR)
def relative_image(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """An image with a relative source, which Medium cannot import.

    Why: Medium's importer fetches images by absolute URL; ``img/chart.png`` is left behind as a
    broken image.

    Bad:  ![Build times](img/build-times.png)
    Good: ![Build times](https://example.com/img/build-times.png)
    """
    for image in doc.images:
        if urls.is_relative(image.target.strip()):
            location = _located(image, doc, context)
            url = location.url if location is not None else None
            yield Problem.on(
                image,
                f"Relative image {image.target} cannot be imported by Medium; {_advice(location, 'the image', context)}",
                fix=_image_fix(image, doc, context, url),
            )


def _image_fix(image: Link, doc: Document, context: Context, url: str | None) -> Fix | None:
    """The image's source made its published URL, when the file is in the site."""
    site = context.site
    target = image.target.strip()
    if site is None or not site.has_pages or "?" in target or "#" in target:
        return None
    return _rewrite(image, doc, url, "published URL", site.certain) if url else None


@rule("ML207", "duplicate-link", Severity.INFO)
def duplicate_link(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """The same target linked more than once.

    Why: a second link to the same page adds nothing for the reader; link it where it helps most.
    Informational by default: repeating a link in a long post is sometimes right.

    Bad:  [the guide](https://example.com/guide) ... later ... [our guide](https://example.com/guide)
    Good: [the guide](https://example.com/guide) once, where the reader needs it.
    """
    first: dict[str, Link] = {}
    for link in doc.text_links:
        target = link.target.strip()
        if not target or target == "#":
            continue
        key = urls.normalize(target) if urls.has_scheme(target) else target
        if key in first:
            earlier = first[key]
            yield Problem.on(
                link,
                f"{target} is already linked on line {earlier.line}",
                related=[Related(RelatedKind.PLACE, doc.path, earlier.line)],
            )
        else:
            first[key] = link


@rule("ML208", "insecure-link", Severity.WARNING)
def insecure_link(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """An ``http://`` link or image.

    Why: browsers warn on insecure pages, Medium may refuse to embed insecure images, and search
    engines prefer https. Most sites serve https today.

    Bad:  [the spec](http://example.com/spec)
    Good: [the spec](https://example.com/spec)
    """
    for link in doc.links:
        if link.target.strip().lower().startswith("http://"):
            what = "image" if link.kind == "image" else "link"
            yield Problem.on(
                link,
                f"Insecure http:// {what} {link.target}; use https:// if the site supports it",
                fix=_https_fix(link, doc),
            )


def _https_fix(link: Link, doc: Document) -> Fix | None:
    """``http://`` made ``https://``: unsafe, because only the writer knows the host serves it."""
    destination = destination_of(doc, link)
    if destination is None or not destination.text.lower().startswith("http://"):
        return None
    start = destination.column
    edit = Edit(destination.line, start, destination.line, start + len("http://"), "https://")
    return Fix(Applicability.UNSAFE, (edit,), "Use https://")


@rule("ML209", "broken-site-link", Severity.ERROR, needs_site=True)
def broken_site_link(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """A link or image into the site that matches nothing it publishes.

    Why: the backlink is the point of cross-posting; a backlink to a missing page wastes it, and
    a missing image shows as broken. Checked for absolute links and images under the site's
    address (``site_url``, ``baseURL``, ``url``), redirects and aliases included, against the pages
    and files the generator publishes; a link to a draft's address says it is a draft. The message
    names the nearest published URL (the fix, unsafe, writes it). A link in the generator's own
    syntax (``{{< ref >}}``, ``{% post_url %}``, ``@/``) that names nothing is reported too: the
    site's own build fails on it. Generated files medlint cannot see (feeds, stylesheets, scripts)
    are not checked.

    Bad:  [setup](https://example.com/setpu/)  (no such page)
    Good: [setup](https://example.com/setup/)
    """
    site = context.pages
    if site is None:
        return
    for link in doc.links:
        target = link.target.strip()
        if site.dialect.reference_in(target) is not None:
            if site.locate(target, doc.path).reach is Reach.MISSING:
                yield Problem.on(link, f"{link.target} names nothing the site has: the site's own build fails on it")
            continue
        address = target.split("#", 1)[0].split("?", 1)[0]
        if not (urls.is_web_url(address) and site.owns(address)) or not _checked_address(address, link):
            continue
        location = site.locate(address, doc.path)
        if location.reach is Reach.DRAFT:
            message = (
                f"{link.target} is the address of a draft{_draft_source(location)} that the site does not publish yet"
            )
            yield resting_on_urls(Problem.on(link, message), site)
        elif location.reach is Reach.MISSING:
            nearest = site.nearest_url(address, with_files=link.kind == "image")
            message = f"{link.target} matches nothing the site publishes" + (
                f"; the nearest is {nearest}" if nearest else ""
            )
            fix = _nearest_fix(link, doc, nearest) if nearest else None
            yield resting_on_urls(Problem.on(link, message, fix=fix), site)


_UNSEEN = frozenset({".xml", ".json", ".css", ".js", ".txt", ".webmanifest", ".ico", ".map"})
"""Files a theme or a generator writes that medlint does not see (feeds, sitemaps, stylesheets)."""


def _checked_address(address: str, link: Link) -> bool:
    """Whether an address is one medlint can judge: an image, a page, or a file the site copies;
    not a file a theme writes."""
    last = address.rstrip("/").rsplit("/", 1)[-1]
    extension = "." + last.rsplit(".", 1)[1].lower() if "." in last else ""
    return link.kind == "image" or extension not in _UNSEEN


def _nearest_fix(link: Link, doc: Document, nearest: str) -> Fix | None:
    """The nearest published URL in place of a missing one: unsafe, only the writer knows."""
    return _rewrite(link, doc, nearest, "nearest published URL", certain=False)


@rule("ML210", "fragment-link", Severity.WARNING)
def fragment_link(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """An in-page ``#anchor`` link, which Medium does not support.

    Why: Medium gives headings no stable anchors, so ``[see below](#setup)`` goes nowhere. Refer
    to the section by name instead.

    Bad:  See [the setup section](#setup).
    Good: See the setup section below.
    """
    for link in doc.text_links:
        target = link.target.strip()
        if target.startswith("#") and len(target) > 1:
            yield Problem.on(
                link,
                f"In-page link {target} goes nowhere on Medium; refer to the section by name",
            )
