"""Material for MkDocs' blog plugin (``blog``, ``material/blog``), as its documented settings and
its 9.x behaviour place pages.

- **posts**: every page under ``post_dir`` (default ``{blog}/posts``) is a post, at
  ``blog_dir`` + ``post_url_format`` (``{date}/{slug}``; also ``{categories}``, ``{file}``), the
  date written by ``post_url_date_format`` (an LDML pattern), the slug the front matter's
  ``slug`` or the title (front matter ``title``, else the first ``# heading``, else the file name)
  slugified by ``post_slugify`` with ``post_slugify_separator``; at most
  ``post_url_max_categories`` categories, slugified by ``categories_slugify``;
- **drafts**: ``draft: true`` posts, and with ``draft_if_future_date`` posts dated in the future,
  are not published (unless the plugin's ``draft`` setting publishes drafts; ``draft_on_serve``
  affects ``mkdocs serve`` only, not the site that is published);
- **views**: the blog's index (``blog_dir/``, made when it does not exist), an archive page a
  period (``archive_url_format`` with ``archive_url_date_format``), a page a category
  (``categories_url_format``), a page an author with ``authors_profiles``
  (``authors_profiles_url_format``, authors from ``authors_file``), and for each view with more
  posts than a page holds, pagination pages (``pagination_url_format``), each per its own
  ``*_pagination`` and ``*_pagination_per_page`` settings.

A ``post_slugify`` or ``categories_slugify`` medlint does not know (a Python function it would have
to run) makes the URLs it shapes a guess, said once.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from medlint.generators import dates, slugs
from medlint.generators.mkdocs.plugins import meta
from medlint.loaders import Tagged
from medlint.site import Page

if TYPE_CHECKING:
    from medlint.generators.mkdocs.plugins.state import Build

PRIORITY = -50
"""The blog's ``on_files`` runs after other plugins' (``event_priority(-50)``)."""

DEFAULTS: dict[str, Any] = {
    "blog_dir": "blog",
    "post_dir": "{blog}/posts",
    "post_url_date_format": "yyyy/MM/dd",
    "post_url_format": "{date}/{slug}",
    "post_url_max_categories": 1,
    "post_slugify_separator": "-",
    "archive": True,
    "archive_url_date_format": "yyyy",
    "archive_url_format": "archive/{date}",
    "categories": True,
    "categories_url_format": "category/{slug}",
    "categories_slugify_separator": "-",
    "authors": True,
    "authors_file": "{blog}/.authors.yml",
    "authors_profiles": False,
    "authors_profiles_url_format": "author/{slug}",
    "pagination": True,
    "pagination_per_page": 10,
    "pagination_url_format": "page/{page}",
    "draft": False,
    "draft_if_future_date": False,
}

Slugify = Callable[[str, str], str]


@dataclass
class _View:
    """A page that lists posts (the index, an archive period, a category, an author)."""

    src_uri: str
    kind: str
    posts: int = 0
    generated: bool = True


@dataclass
class _Posts:
    """The published posts' dates, categories and authors, for the views."""

    created: list[dt.datetime] = field(default_factory=list)
    categories: list[list[str]] = field(default_factory=list)
    authors: list[list[str]] = field(default_factory=list)


def apply(build: Build, options: Mapping[str, Any]) -> None:
    settings = {**DEFAULTS, **{key: value for key, value in options.items() if value is not None}}
    root = posixpath.normpath(str(settings["blog_dir"]))
    post_dir = posixpath.normpath(str(settings["post_dir"]).format(blog=root))
    post_slug = _slugify(settings.get("post_slugify"), "post_slugify", build)
    category_slug = _slugify(settings.get("categories_slugify"), "categories_slugify", build)
    metadata = meta.merger(build)  # the meta plugin's .meta.yml files under each post's front matter
    published = _Posts()
    for src_uri, page in list(build.pages.items()):
        if page.file is None or not src_uri.startswith(post_dir):
            continue
        head = build.head(src_uri)
        front = metadata(src_uri, head.meta)
        created = _created(front.get("date"))
        if created is None:
            build.pages[src_uri] = Page(page.url, page.file, page.aliases, published=False)
            continue  # Material stops the build on a post without a date
        categories = _names(front.get("categories"))
        slug = front.get("slug") if isinstance(front.get("slug"), str) else None
        values = {
            "categories": "/".join(category_slug(name, settings["categories_slugify_separator"]) for name in
                                   categories[: int(settings["post_url_max_categories"])]),
            "date": _date(created, settings["post_url_date_format"], build),
            "file": posixpath.splitext(posixpath.basename(src_uri))[0],
            "slug": slug or post_slug(_title(front, head.first_line, src_uri), settings["post_slugify_separator"]),
        }  # fmt: skip
        path = posixpath.normpath(str(settings["post_url_format"]).format(**values).strip("/"))
        excluded = _excluded(front.get("draft"), created, settings)
        build.pages[src_uri] = Page(
            build.url_of(posixpath.join(root, f"{path}.md")), page.file, page.aliases, not excluded
        )
        if not excluded:
            published.created.append(created)
            published.categories.append(categories)
            published.authors.append(_names(front.get("authors")))
    views = _views(build, settings, root, published, category_slug)
    for view in views:
        if view.generated and view.src_uri not in build.pages:
            build.pages[view.src_uri] = Page(build.url_of(view.src_uri), None)
        for src_uri in _pagination(view, settings):
            build.pages.setdefault(src_uri, Page(build.url_of(src_uri), None))


def move_file(url: str, options: Mapping[str, Any]) -> str:
    """A post's asset (``blog/posts/img/a.png``) is published without the posts folder
    (``blog/img/a.png``), as the blog moves it."""
    root = posixpath.normpath(str(options.get("blog_dir") or DEFAULTS["blog_dir"]))
    post_dir = posixpath.normpath(str(options.get("post_dir") or DEFAULTS["post_dir"]).format(blog=root))
    if not url.startswith(post_dir):
        return url
    return posixpath.normpath(url.replace(post_dir, root))


def _views(build: Build, settings: dict[str, Any], root: str, posts: _Posts, category_slug: Slugify) -> list[_View]:
    entry = posixpath.normpath(posixpath.join(root, "index.md"))
    views = [_View(entry, "index", len(posts.created), generated=entry not in build.pages)]
    by_path: dict[str, _View] = {}

    def count(path: str, kind: str) -> None:
        src_uri = posixpath.join(root, posixpath.normpath(path.strip("/")) + ".md")
        view = by_path.get(src_uri)
        if view is None:
            view = by_path[src_uri] = _View(src_uri, kind, generated=src_uri not in build.pages)
            views.append(view)
        view.posts += 1

    if settings["archive"]:
        for created in posts.created:
            count(
                str(settings["archive_url_format"]).format(
                    date=_date(created, settings["archive_url_date_format"], build)
                ),
                "archive",
            )
    if settings["categories"]:
        for names in posts.categories:
            for name in names:
                count(
                    str(settings["categories_url_format"]).format(
                        slug=category_slug(name, settings["categories_slugify_separator"])
                    ),
                    "categories",
                )
    if settings["authors"] and settings["authors_profiles"]:
        authors = _authors(build, str(settings["authors_file"]).format(blog=root))
        for ids in posts.authors:
            for author in ids:
                known = authors.get(author) or {}
                slug = known.get("slug") if isinstance(known.get("slug"), str) else author
                count(
                    str(settings["authors_profiles_url_format"]).format(slug=slug, name=known.get("name", author)),
                    "authors_profiles",
                )
    return views  # fmt: skip


def _pagination(view: _View, settings: Mapping[str, Any]) -> list[str]:
    """The pages that continue a view whose posts do not fit on one."""
    kind = "" if view.kind == "index" else f"{view.kind}_"
    enabled = settings.get(f"{kind}pagination") if kind else None
    if not (settings["pagination"] if enabled is None else enabled):
        return []
    per_page = settings.get(f"{kind}pagination_per_page") if kind else None
    step = int(settings["pagination_per_page"] if per_page is None else per_page)
    base = posixpath.splitext(view.src_uri)[0]
    found = []
    for at in range(step, view.posts, step):
        path = str(settings["pagination_url_format"]).format(page=1 + at // step)
        folder = base
        if posixpath.basename(base) == "index":
            folder, path = posixpath.dirname(base), posixpath.join(path, "index")
        found.append(posixpath.join(folder, posixpath.normpath(path.strip("/")) + ".md"))
    return found


def _excluded(draft: Any, created: dt.datetime, settings: Mapping[str, Any]) -> bool:
    if settings["draft"]:
        return False
    if not isinstance(draft, bool):
        return bool(settings["draft_if_future_date"]) and dates.later(created, dates.now())
    return draft


def _created(value: Any) -> dt.datetime | None:
    """A post's ``date`` (or ``date.created``) as Material reads it: a day is its midnight, UTC."""
    if isinstance(value, dict):
        value = value.get("created")
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    return None


def _date(moment: dt.datetime, pattern: Any, build: Build) -> str:
    try:
        return dates.format_ldml(moment, str(pattern), build.locale)
    except dates.UnknownDateFormat as exc:
        build.guess(f"Material's blog writes dates with {exc}, which medlint does not know: its date URLs are guessed")
        return dates.format_ldml(moment, str(pattern))  # the English names, as a guess


def _title(meta: Mapping[str, Any], first_line: str, src_uri: str) -> str:
    """The post's title: front matter ``title``, else its first line when that is a ``# heading``,
    else the file name as MkDocs makes a title of it."""
    if "title" in meta and meta["title"] is not None:
        return str(meta["title"])
    if first_line.startswith("# "):
        return first_line.lstrip("# ")
    title = posixpath.splitext(posixpath.basename(src_uri))[0].replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def _names(value: Any) -> list[str]:
    """A front matter list of names, each once, in order."""
    return list(dict.fromkeys(str(item) for item in value)) if isinstance(value, list) else []


def _slugify(value: Any, key: str, build: Build) -> Slugify:
    """The slugify function a setting names: pymdownx's ``slugify(case=...)`` (the default) or
    Python-Markdown's ``toc.slugify``; another is a Python function medlint does not run."""
    if value is None:
        return lambda text, separator: slugs.pymdownx(text, separator, case="lower")
    name = value.python_name if isinstance(value, Tagged) else None
    arguments = value.value if isinstance(value, Tagged) and isinstance(value.value, dict) else {}
    keywords = arguments.get("kwds") if isinstance(arguments.get("kwds"), dict) else {}
    if name == "pymdownx.slugs.slugify":
        case, normalize = str(keywords.get("case", "none")), str(keywords.get("normalize", "NFC"))
        percent = keywords.get("percent_encode") is True
        return lambda text, separator: slugs.pymdownx(text, separator, case, normalize, percent)
    if name in ("markdown.extensions.toc.slugify", "markdown.extensions.toc.slugify_unicode"):
        unicode = name.endswith("_unicode")
        return lambda text, separator: slugs.python_markdown(text, separator, unicode)
    build.guess(f"Material's blog slugifies with {value}, which medlint does not run: the URLs it shapes are guessed")
    return lambda text, separator: slugs.pymdownx(text, separator, case="lower")


def _authors(build: Build, path: str) -> dict[str, dict[str, Any]]:
    """The ``authors:`` mapping of the blog's authors file (``{}`` when there is none)."""
    from medlint.generators.common import settings_of
    from medlint.site import SiteError

    file = build.docs_dir / posixpath.normpath(path)
    if not file.is_file() or (build.boundary is not None and build.boundary.leaves(file)):
        return {}
    try:
        found = settings_of(file).get("authors")
    except SiteError:
        return {}
    return (
        {str(key): value for key, value in found.items() if isinstance(value, dict)} if isinstance(found, dict) else {}
    )
