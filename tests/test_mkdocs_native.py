"""medlint reads MkDocs sites without running them: its page URLs, for many Material blog, meta,
redirects and static-i18n configurations, equal what real ``mkdocs build`` (mkdocs-material,
mkdocs-redirects, mkdocs-static-i18n from PyPI) writes, page by page, while medlint's own answer
is computed in a process where none of those plugins can be imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TRICKY_TITLES, build_mkdocs

BLOCKED = ("material", "mkdocs_static_i18n", "mkdocs_redirects", "pymdownx", "babel")

POSTS = {
    "first.md": "---\ndate: 2024-01-15\ntitle: Postgres index not used\ncategories: [Databases, Go Tips]\n"
    "authors: [alice]\n---\n\n# Another heading\n\nBody.\n",
    "second.md": "---\ndate: 2024-02-03 10:30:00\ncategories: [Python]\nauthors: [alice, bob]\n---\n\n"
    "# Second post: Élan & Ünïcode  spaces\n\nBody.\n",
    "slugged.md": "---\ndate:\n  created: 2023-12-31\nslug: custom-slug\ncategories: [Python]\nauthors: [bob]\n---\n\nBody.\n",
    "no_heading-here.md": "---\ndate: 2024-03-09\n---\n\nJust text, no heading.\n",
    "draft.md": "---\ndate: 2024-03-10\ndraft: true\n---\n\n# A draft\n\nBody.\n",
    "future.md": "---\ndate: 2099-01-01\n---\n\n# A future post\n\nBody.\n",
    "nested/deep.md": "---\ndate: 2022-05-05\ncategories: [Go Tips]\n---\n\n# Deep in a folder\n\nBody.\n",
}
AUTHORS = "authors:\n  alice: {name: Alice A, description: Writer, avatar: a.png}\n"
AUTHORS += "  bob: {name: Bob B, description: Editor, avatar: b.png, slug: bobby}\n"
PAGES = {"index.md": "# Home\n\nHome.\n", "about.md": "# About\n\nAbout.\n", "guide/setup.md": "# Setup\n\nSetup.\n"}

BLOG = "  - blog"
CONFIGS: dict[str, tuple[str, dict[str, str]]] = {
    "defaults": (BLOG, {}),
    "month-urls": (
        BLOG + ":\n      post_url_date_format: yyyy/MM\n      archive_url_date_format: yyyy/MM\n"
        "      archive_url_format: history/{date}\n",
        {},
    ),
    "categories-in-url": (
        BLOG + ':\n      post_url_format: "{categories}/{slug}"\n      post_url_max_categories: 2\n',
        {},
    ),
    "file-date-no-directory-urls": (
        BLOG + ':\n      post_url_format: "{date}/{file}"\n      post_url_date_format: yyyy-MM-dd\n',
        {"use_directory_urls": "false"},
    ),
    "custom-slugify": (
        BLOG + ":\n      post_slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower-ascii}}\n"
        "      post_slugify_separator: _\n      categories_slugify: !!python/name:markdown.extensions.toc.slugify\n"
        "      categories_slugify_separator: +\n",
        {},
    ),
    "blog-at-root": (BLOG + ":\n      blog_dir: .\n", {"posts": "posts"}),
    "authors-profiles": (
        BLOG + ":\n      authors_profiles: true\n      authors_profiles_url_format: authors/{slug}\n"
        "      authors_profiles_pagination_per_page: 1\n",
        {},
    ),
    "pagination": (
        BLOG + ":\n      pagination_per_page: 1\n      pagination_url_format: p/{page}\n"
        "      categories_pagination: false\n      archive_pagination_per_page: 2\n",
        {},
    ),
    "no-views": (BLOG + ":\n      archive: false\n      categories: false\n      pagination: false\n", {}),
    "future-posts-held-back": (BLOG + ":\n      draft_if_future_date: true\n", {}),
    "drafts-published": (BLOG + ":\n      draft: true\n      draft_if_future_date: true\n", {}),
    "month-names": (BLOG + ':\n      post_url_date_format: "yyyy/MMM"\n', {}),
    "redirects": (
        BLOG + "\n  - redirects:\n      redirect_maps:\n        old.md: blog/posts/first.md\n"
        "        gone/page.md: about.md\n        away.md: https://elsewhere.example/\n",
        {},
    ),
    "meta-files": (
        "  - meta\n" + BLOG + "\n",
        {
            "docs/blog/posts/.meta.yml": "categories: [From Meta]\n",
            "docs/blog/posts/nested/.meta.yml": "draft: true\n",
        },
    ),
    "i18n-suffix": (
        "  - i18n:\n      languages:\n        - {locale: en, default: true, name: English}\n"
        "        - {locale: fr, name: Français}\n",
        {"docs/index.fr.md": "# Accueil\n", "docs/about.fr.md": "# À propos\n", "no-blog": "1"},
    ),
    "i18n-folder": (
        "  - i18n:\n      docs_structure: folder\n      languages:\n        - {locale: en, default: true, name: English}\n"
        "        - {locale: fr, name: Français}\n",
        {"i18n-folders": "1"},
    ),
    # titles and file names with punctuation, other letters, an emoji and spaces: slugs and paths
    "tricky-titles": (
        BLOG + ':\n      post_url_format: "{categories}/{slug}"\n',
        {
            **{
                f"docs/blog/posts/t{number}.md": f"---\ndate: 2024-04-0{number + 1}\ntitle: {title!r}\n"
                f"categories: [{title.strip()!r}]\n---\n\nBody.\n"
                for number, title in enumerate(TRICKY_TITLES)
            },
            **{f"docs/notes/{title.strip()}.md": f"# {title}\n\nBody.\n" for title in TRICKY_TITLES},
        },
    ),
    "exclusions": (
        BLOG,
        {
            "exclude_docs": "|\n  guide/\n  !guide/setup.md\n  *.tmp.md",
            "draft_docs": "|\n  wip/",
            "not_in_nav": "|\n  about.md",
            "docs/guide/hidden.md": "# Hidden\n",
            "docs/notes.tmp.md": "# Temp\n",
            "docs/wip/idea.md": "# Idea\n",
        },
    ),
}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _make(folder: Path, name: str) -> None:
    plugins, extras = CONFIGS[name]
    settings = {
        key: value
        for key, value in extras.items()
        if "/" not in key and key not in ("posts", "no-blog", "i18n-folders")
    }
    lines = ["site_name: Native", "site_url: https://example.com/", "theme:\n  name: material", "plugins:", plugins]
    lines += [f"{key}: {value}" for key, value in settings.items()]
    _write(folder / "mkdocs.yml", "\n".join(lines) + "\n")
    if "i18n-folders" in extras:
        for language in ("en", "fr"):
            for page, text in PAGES.items():
                if not (language == "fr" and page == "guide/setup.md"):
                    _write(folder / "docs" / language / page, text)
        return
    for page, text in PAGES.items():
        _write(folder / "docs" / page, text)
    if "no-blog" not in extras:
        posts = folder / "docs" / extras.get("posts", "blog/posts")
        for post, text in POSTS.items():
            _write(posts / post, text)
        _write(posts.parent / ".authors.yml", AUTHORS)
    for path, text in extras.items():
        if "/" in path:
            _write(folder / path, text)


@pytest.fixture(scope="module")
def native(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[str]]]:
    """Every configuration's site, and medlint's reading of each from a process where Material, the
    redirects and i18n plugins, pymdownx and Babel cannot be imported: ``{name: {urls, aliases}}``."""
    pytest.importorskip("material", reason="mkdocs-material is not installed (pip install -e '.[test]')")
    pytest.importorskip("mkdocs_static_i18n", reason="mkdocs-static-i18n is not installed (pip install -e '.[test]')")
    root = tmp_path_factory.mktemp("native")
    for name in CONFIGS:
        _make(root / name, name)
    script = (
        "import json, sys\n"
        f"for blocked in {BLOCKED!r}: sys.modules[blocked] = None\n"
        "from pathlib import Path\nfrom medlint.generators import open_site\nout = {}\n"
        "for folder in sys.argv[1:]:\n"
        "    site = open_site(Path(folder), use_cache=False)\n"
        "    pages = [page for page in site.entries() if page.published]\n"
        "    out[Path(folder).name] = {'urls': sorted(p.url for p in pages),"
        " 'aliases': sorted(a for p in pages for a in p.aliases), 'guessed': site.guessed}\n"
        f"loaded = [m for m in sys.modules if m.split('.')[0] in {BLOCKED!r} and sys.modules[m] is not None]\n"
        "print(json.dumps({'sites': out, 'loaded': loaded}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *(str(root / name) for name in CONFIGS)],
        capture_output=True, text=True, env={**os.environ, "MEDLINT_CACHE_DIR": str(root / ".cache")},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["loaded"] == []
    return {"root": str(root), **result["sites"]}  # type: ignore[dict-item]


def _folder(url: str) -> str:
    """``a/index.html`` and ``a/`` are one address."""
    return url[: -len("index.html")] if url.endswith("index.html") else url


def _built(site_dir: Path) -> set[str]:
    """Every page the build wrote (its 404 page aside), as a URL path from the site root."""
    urls = {_folder(page.relative_to(site_dir).as_posix()) for page in site_dir.rglob("*.html")}
    return {url for url in urls if url.rsplit("/", 1)[-1] != "404.html"}


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_every_url_and_alias_is_the_one_mkdocs_builds(native: dict, name: str) -> None:  # type: ignore[type-arg]
    folder = Path(native["root"]) / name
    build_mkdocs(folder, "mkdocs-material", "mkdocs-redirects", "mkdocs-static-i18n", "pymdown-extensions")
    model = native[name]
    assert model["guessed"] == []
    assert {_folder(url) for url in [*model["urls"], *model["aliases"]]} == _built(folder / "site")
    assert len(model["urls"]) == len(set(model["urls"]))  # one page a URL
