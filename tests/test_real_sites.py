"""The differential test on real public blogs: every site in ``../shared/corpus/sites/<generator>/
<name>/`` (its source in ``src/`` and what its real build published, ``built/urls.txt`` and
``built/files.txt``) is read by medlint, and medlint's model must equal the build:

- every page and file the model says the site publishes, the build published (so no ML205 or ML206
  suggestion is a URL the build lacks);
- every page and file the build published, a link to it is judged reaching something: the model
  has it, or it lies where medlint said, in a notice, that the site's code decides (never a false
  ML209 "matches nothing");
- a URL the build did not publish is judged missing, except where medlint said it cannot know.

Adding a real site is adding its folder. The share of the build the model has exactly is printed
for each site (``pytest -s``)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import CORPUS, shared_or_skip

from medlint.generators import open_site
from medlint.site import Reach, Site

SITES = sorted(path.parent for path in (CORPUS / "sites").glob("*/*/built")) if CORPUS.is_dir() else []
#: an address for a site whose settings give none (a link under it is then judged as the site's)
STAND_IN_URL = "https://site.example/"


def _listed(folder: Path, name: str) -> set[str]:
    return {line for line in (folder / "built" / name).read_text(encoding="utf-8").splitlines() if line}


def _opened(folder: Path) -> Site:
    site = open_site(folder / "src", use_cache=False)
    assert site is not None
    if not site.site_url:
        site = open_site(folder / "src", configured_url=STAND_IN_URL, use_cache=False)
        assert site is not None
    return site


def _model(site: Site) -> tuple[set[str], set[str]]:
    """The model's published pages (URLs and aliases) and files, as paths under the site."""
    pages: set[str] = set()
    for page in site.entries():
        if page.published and page.url is not None:
            pages.update("/" + url.lstrip("/") for url in (page.url, *page.aliases))
    return pages, {"/" + path.lstrip("/") for path in site.files().values()}


def _reach(site: Site, path: str) -> Reach:
    """What a link from a draft to ``path`` (a path under the site, as the build lists it) reaches."""
    return site.locate(site.base_url + quote(path.lstrip("/"), safe="/%"), str(site.docs_dir / "draft.md")).reach


@pytest.fixture(params=SITES or [None], ids=lambda folder: f"{folder.parent.name}/{folder.name}" if folder else "none")
def real_site(request: pytest.FixtureRequest) -> Path:
    if request.param is None:
        shared_or_skip("corpus", "sites")
    return request.param


def test_the_model_publishes_only_what_the_build_published(real_site: Path) -> None:
    site = _opened(real_site)
    pages, files = _model(site)
    built_pages, built_files = _listed(real_site, "urls.txt"), _listed(real_site, "files.txt")
    assert sorted(pages - built_pages) == []
    assert sorted(files - built_files) == []
    share = len(pages & built_pages) / len(built_pages)
    print(f"{real_site.name}: {len(pages & built_pages)} of {len(built_pages)} pages ({share:.0%}) modelled exactly")


def test_every_published_url_is_reached(real_site: Path) -> None:
    site = _opened(real_site)
    built_pages = _listed(real_site, "urls.txt")
    judged = {path: _reach(site, path) for path in sorted(built_pages | _listed(real_site, "files.txt"))}
    assert sorted(path for path, reach in judged.items() if reach in (Reach.MISSING, Reach.DRAFT)) == []
    # a file the build writes itself (a feed, a bundle, a source map) is unknown to medlint, which
    # says so in the finding; a page it cannot judge needs a notice saying why
    unknown_pages = [path for path in built_pages if judged[path] is Reach.UNKNOWN]
    assert not unknown_pages or site.guessed, "a published page medlint cannot judge, with no notice saying why"


def test_an_unpublished_url_is_missing_unless_unknowable(real_site: Path) -> None:
    site = _opened(real_site)
    built = _listed(real_site, "urls.txt")
    probes = [path.rstrip("/") + "-not-published/" for path in sorted(built) if path.endswith("/") and path != "/"]
    judged = {path: _reach(site, path) for path in probes if path not in built}
    wrong = sorted(path for path, reach in judged.items() if reach not in (Reach.MISSING, Reach.UNKNOWN))
    assert wrong == []
    if not site.guessed:
        assert {reach for reach in judged.values()} <= {Reach.MISSING}
