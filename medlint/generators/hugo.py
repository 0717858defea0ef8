"""Hugo sites: ``hugo.toml`` (or ``config.toml``/``.yaml``/``.json``), ``baseURL``, ``content/``.

A page's URL, by Hugo's documented rules: ``content/_index.md`` is the home page, a section's
``_index.md`` its list page (``/posts/``), a leaf bundle's ``index.md`` its folder, any other file
``/<section path>/<slug or file name>/``. Front matter ``url`` replaces the whole path, ``slug`` the
last part; ``[permalinks]`` patterns per section (``:year``, ``:month``, ``:day``, ``:title``,
``:slug``, ``:filename``, ``:section``, ``:contentbasename``) apply to its regular pages. Paths are
lower-cased (unless ``disablePathToLower``). ``aliases`` reach the page too. ``draft: true``,
a future ``date`` (unless ``buildFuture``) and a past ``expiryDate`` (unless ``buildExpired``) are
not published.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from pathlib import Path
from typing import Any

from medlint import language
from medlint.files import Boundary
from medlint.generators.common import content_files, front_matter_of, inside, settings_of
from medlint.site import Page, Site


def open_site(folder: Path, settings_file: Path, configured_url: str | None, boundary: Boundary | None) -> Site:
    settings = settings_of(settings_file)
    content = inside(
        folder / str(settings.get("contentDir") or "content"), boundary, "contentDir", settings_file, required=False
    )
    base = settings.get("baseURL") or settings.get("baseurl")
    return Site(
        content,
        configured_url or (str(base) if base else None),
        language=language.of_site_settings(settings),
        generator="hugo",
        loader=partial(pages, settings=settings),
        boundary=boundary,
    )


def pages(site: Site, settings: dict[str, Any]) -> list[Page]:
    content = site.docs_dir
    if content is None:
        return []
    permalinks = {str(k): str(v) for k, v in (settings.get("permalinks") or {}).items()}
    lower = not settings.get("disablePathToLower", False)
    now = dt.datetime.now(dt.timezone.utc)
    found = []
    files = content_files(site)
    for file in files:
        meta = front_matter_of(file, site.boundary)
        url = _url(file.relative_to(content), meta, permalinks)
        url = url.lower() if lower else url
        aliases = tuple(_alias(alias, url) for alias in _list(meta.get("aliases")))
        published = not (
            meta.get("draft") is True
            or (_later(meta.get("date") or meta.get("publishDate"), now) and not settings.get("buildFuture"))
            or (_earlier(meta.get("expiryDate"), now) and not settings.get("buildExpired"))
        )
        found.append(Page(url.lstrip("/"), file, aliases, published))
    return found + _section_lists(files, content, lower)


def _section_lists(files: list[Path], content: Path, lower: bool) -> list[Page]:
    """The list page Hugo makes for each top-level section that has no ``_index.md`` of its own."""
    sections = {file.relative_to(content).parts[0] for file in files if len(file.relative_to(content).parts) > 1}
    own = {file.relative_to(content).parts[0] for file in files if file.name == "_index.md"}
    return [Page(f"{name.lower() if lower else name}/", None) for name in sorted(sections - own)]


def _url(relative: Path, meta: dict[str, Any], permalinks: dict[str, str]) -> str:
    parts = relative.parts
    stem = relative.stem
    folder = "/".join(parts[:-1])
    if isinstance(meta.get("url"), str):
        return _folder(meta["url"])
    if stem == "_index":
        return f"/{folder}/" if folder else "/"
    if stem == "index" and folder:  # a leaf bundle
        base_name = parts[-2]
        folder = "/".join(parts[:-2])
    else:
        base_name = stem
    section = parts[0] if len(parts) > 1 else ""
    slug = str(meta["slug"]) if meta.get("slug") else None
    pattern = permalinks.get(section) or permalinks.get("page")
    if pattern:
        return _folder(_expand(pattern, meta, base_name, section, slug))
    last = slug or base_name
    return f"/{folder}/{last}/" if folder else f"/{last}/"


def _expand(pattern: str, meta: dict[str, Any], base_name: str, section: str, slug: str | None) -> str:
    date = _date(meta.get("date"))
    title = urlize(str(meta.get("title") or base_name))
    values = {
        "year": f"{date.year:04d}" if date else "",
        "month": f"{date.month:02d}" if date else "",
        "day": f"{date.day:02d}" if date else "",
        "title": title,
        "slug": slug or title,
        "filename": base_name,
        "contentbasename": base_name,
        "section": section,
        "sections": section,
    }
    return re.sub(r":(\w+)", lambda match: values.get(match.group(1), match.group(0)), pattern)


def urlize(text: str) -> str:
    """Hugo's ``urlize`` for a title: lower case, spaces to hyphens, punctuation dropped."""
    text = re.sub(r"[^\w\s-]", "", text.strip().lower())
    return re.sub(r"\s+", "-", text)


def _folder(url: str) -> str:
    url = "/" + url.lstrip("/")
    return url if url.endswith("/") or "." in url.rsplit("/", 1)[-1] else url + "/"


def _alias(alias: str, url: str) -> str:
    """An alias as a path from the site root (a relative alias is relative to the page's folder)."""
    if alias.startswith("/"):
        return alias.lstrip("/")
    parent = url.strip("/").rsplit("/", 1)[0] if "/" in url.strip("/") else ""
    return f"{parent}/{alias}".lstrip("/")


def _list(value: Any) -> list[str]:
    return [str(item) for item in value if isinstance(item, (str, int))] if isinstance(value, list) else []


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _moment(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    day = _date(value)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc) if day else None


def _later(value: Any, now: dt.datetime) -> bool:
    moment = _moment(value)
    return moment is not None and moment > now


def _earlier(value: Any, now: dt.datetime) -> bool:
    moment = _moment(value)
    return moment is not None and moment <= now
