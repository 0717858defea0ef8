"""Jekyll sites: ``_config.yml`` (``url`` + ``baseurl``, ``permalink``, ``collections``).

A page's URL, by Jekyll's documented rules: only files with front matter are pages; a post
(``_posts/YYYY-MM-DD-title.md``, in any folder) follows the ``permalink`` style (``date``, the
default: ``/:categories/:year/:month/:day/:title.html``; ``pretty``, ``ordinal``, ``none``, or a
pattern), its categories from front matter and from the folders above ``_posts``; a page is
``/path/name.html`` (``/path/name/`` with ``pretty``), ``index.md`` its folder; a collection with
``output: true`` uses its own ``permalink`` (default ``/:collection/:path.html``). A page's own
``permalink`` wins. ``_drafts/``, ``published: false`` and future-dated posts (unless ``future:
true``) are not published.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from pathlib import Path
from typing import Any

from medlint import language
from medlint.files import Boundary, read_regular
from medlint.generators.common import content_files, front_matter_of, settings_of
from medlint.generators.hugo import _date, _later
from medlint.site import Page, Site

STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_POST_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")


def open_site(folder: Path, settings_file: Path, configured_url: str | None, boundary: Boundary | None) -> Site:
    settings = settings_of(settings_file)
    url = str(settings.get("url") or "").rstrip("/")
    baseurl = str(settings.get("baseurl") or "").strip("/")
    address = f"{url}/{baseurl}/" if url and baseurl else (f"{url}/" if url else None)
    return Site(
        folder,
        configured_url or address,
        language=language.of_site_settings(settings),
        generator="jekyll",
        loader=partial(pages, settings=settings),
        boundary=boundary,
    )


def pages(site: Site, settings: dict[str, Any]) -> list[Page]:
    source = site.docs_dir
    if source is None:
        return []
    style = str(settings.get("permalink") or "date")
    pattern = STYLES.get(style, style)
    collections = settings.get("collections") or {}
    if isinstance(collections, list):
        collections = {name: {} for name in collections}
    now = dt.datetime.now(dt.timezone.utc)
    found: list[Page] = []
    files = content_files(site)
    for file in files:
        relative = file.relative_to(source)
        parts = relative.parts
        if any(part in ("_site", "vendor") for part in parts[:-1]):
            continue
        meta = front_matter_of(file, site.boundary)
        if not meta and not (site.boundary and site.boundary.leaves(file)) and not _has_front_matter(file):
            continue  # copied as it is, not rendered
        underscored = [part for part in parts[:-1] if part.startswith("_")]
        if "_posts" in parts[:-1] or "_drafts" in parts[:-1]:
            holder = "_posts" if "_posts" in parts[:-1] else "_drafts"
            post = _post_url(relative, meta, pattern, holder)
            if post is None:
                continue
            url, day = post
            draft = holder == "_drafts" or (_later(day, now) and not settings.get("future"))
        elif underscored:
            name = underscored[0][1:]
            options = collections.get(name)
            if not isinstance(options, dict) or not options.get("output"):
                continue  # _layouts, _includes, or a collection that is not written out
            path = "/".join(parts[parts.index(underscored[0]) + 1 :]).rsplit(".", 1)[0]
            pretty = style == "pretty" or style.endswith("/")
            template = str(
                options.get("permalink") or ("/:collection/:path/" if pretty else "/:collection/:path:output_ext")
            )
            url = _fill(template, {"collection": name, "path": path, "name": file.stem, "title": file.stem})
            draft = False
        else:
            url = _page_url(relative, style)
            draft = False
        if isinstance(meta.get("permalink"), str):
            url = _fill(meta["permalink"], {"title": file.stem, "name": file.stem, "path": relative.stem})
        published = not draft and meta.get("published") is not False
        found.append(Page(url.lstrip("/"), file, (), published))
    return found


def _has_front_matter(file: Path) -> bool:
    try:
        return read_regular(file, 4).startswith(b"---")
    except OSError:
        return False


def _post_url(relative: Path, meta: dict[str, Any], pattern: str, holder: str) -> tuple[str, dt.date] | None:
    parts = relative.parts
    match = _POST_NAME.match(relative.stem)
    if match is None and holder == "_posts":
        return None  # Jekyll skips a post whose name has no date
    title = str(meta.get("slug") or (match.group(4) if match else relative.stem))
    day = _date(meta.get("date")) or (
        dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else dt.date.today()
    )
    categories = [part for part in parts[: parts.index(holder)]]
    declared = meta.get("categories", meta.get("category"))
    if isinstance(declared, str):
        categories += declared.split()
    elif isinstance(declared, list):
        categories += [str(item) for item in declared]
    values = {
        "categories": "/".join(_slug(category) for category in categories),
        "year": f"{day.year:04d}",
        "month": f"{day.month:02d}",
        "i_month": str(day.month),
        "day": f"{day.day:02d}",
        "i_day": str(day.day),
        "y_day": f"{day.timetuple().tm_yday:03d}",
        "short_year": f"{day.year % 100:02d}",
        "title": title,
        "slug": title,
    }
    return _fill(pattern, values), day


def _page_url(relative: Path, style: str) -> str:
    folder = "/".join(relative.parts[:-1])
    prefix = f"/{folder}/" if folder else "/"
    if relative.stem == "index":
        return prefix
    if style == "pretty" or style.endswith("/"):
        return f"{prefix}{relative.stem}/"
    return f"{prefix}{relative.stem}.html"


def _slug(text: str) -> str:
    """How Jekyll writes a category in a URL: lower case (a space stays a space)."""
    return text.strip().lower()


def _fill(pattern: str, values: dict[str, str]) -> str:
    text = re.sub(r":(\w+)", lambda match: values.get(match.group(1), match.group(0)), pattern)
    text = text.replace(":output_ext", ".html").replace("output_ext", "")
    return re.sub(r"/{2,}", "/", text)
