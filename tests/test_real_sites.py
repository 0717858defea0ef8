"""The differential test on real public blogs: every site in ``../shared/corpus/sites/<generator>/
<name>/`` (its source in ``src/`` and what its real build published, ``built/urls.txt`` and
``built/files.txt``) is read by medlint, and medlint's model must equal the build:

- every page and file the model says the site publishes, the build published (so no ML205 or ML206
  suggestion is a URL the build lacks);
- every page and file the build published, a link to it is judged reaching something: the model
  has it, or it lies where medlint said, in a notice, that the site's code decides (never a false
  ML209 "matches nothing");
- a URL the build did not publish is judged missing, except where medlint said it cannot know.

Each site is also built here by its real generator (``test_the_lists_are_what_the_real_build_
publishes``): Hugo and Jekyll from Debian, each Node site from its own lock file with ``npm ci``
(install scripts not run), in a copy of its source. The build's lists are kept in
``.medlint-test-cache/builds`` under a digest of the source, so a second run builds nothing.

Adding a real site is adding its folder. The share of the build the model has exactly is printed
for each site (``pytest -s``)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import CORPUS, ROOT, keep_lists, kept_lists, output_lists, require_tool, shared_or_skip, source_digest

from medlint.files import Boundary
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


#: how each generator builds a site in a copy of its source (into ``OUT``, or the folder its
#: settings name), as each site's ``SOURCE.md`` records it
JEKYLL_PLUGINS = "plugins:\n  - jekyll-feed\n  - jekyll-paginate\n  - jekyll-seo-tag\n"
NPM_CI = ("npm", "ci", "--include=dev", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error")
BUILDS: dict[str, list[tuple[str, ...]]] = {
    "hugo": [("hugo", "--quiet", "--destination", "OUT")],
    "jekyll": [("jekyll", "build", "--quiet", "--config", "_config.yml,../plugins.yml", "-d", "OUT")],
    "hexo": [NPM_CI, ("node_modules/.bin/hexo", "generate", "--silent")],
    # Eleventy writes where the site's settings say (a plugin may write beside it by its own path)
    "eleventy": [NPM_CI, ("node_modules/.bin/eleventy", "--quiet")],
    "astro": [NPM_CI, ("node_modules/.bin/astro", "build", "--silent", "--outDir", "OUT")],
    "docusaurus": [NPM_CI, ("node_modules/.bin/docusaurus", "build", "--out-dir", "OUT")],
}
#: the tool each generator's build needs first
TOOLS = {
    "hugo": ("hugo", "Debian package hugo", ("version",)),
    "jekyll": (
        "jekyll",
        "Debian packages jekyll ruby-jekyll-paginate ruby-jekyll-feed ruby-jekyll-seo-tag",
        ("--version",),
    ),
    **{name: ("npm", "Debian package npm", ("--version",)) for name in ("hexo", "eleventy", "astro", "docusaurus")},
}


#: the environment a site is built in, as each site's ``SOURCE.md`` records it
BUILD_ENV = {"JEKYLL_NO_BUNDLER_REQUIRE": "true", "JEKYLL_ENV": "production", "NODE_ENV": "production",
             "ASTRO_TELEMETRY_DISABLED": "1", "DOCUSAURUS_TELEMETRY_DISABLED": "1"}  # fmt: skip


def _run_all(commands: list[tuple[str, ...]], copy: Path) -> None:
    for command in commands:
        done = subprocess.run(
            command, cwd=copy, capture_output=True, text=True, timeout=1800, env={**os.environ, **BUILD_ENV}
        )
        assert done.returncode == 0, f"{' '.join(command)}: {done.stdout[-2000:]}{done.stderr[-2000:]}"


def _writable_copy(folder: Path, work: Path) -> Path:
    """A copy of the site's source in ``work`` that its generator may write into, its lock file
    pointed at the registry itself (a lock file may name a mirror of it)."""
    copy = work / "site"
    shutil.copytree(folder / "src", copy)
    for path in [copy, *copy.rglob("*")]:
        path.chmod(path.stat().st_mode | 0o200)  # the corpus may be read-only
    (work / "plugins.yml").write_text(JEKYLL_PLUGINS)
    lock = copy / "package-lock.json"
    if lock.is_file():
        lock.write_text(lock.read_text().replace("https://registry.npmmirror.com/", "https://registry.npmjs.org/"))
    return copy


def real_build(folder: Path) -> tuple[set[str], set[str]]:
    """The pages (``x/`` for ``x/index.html``) and other files the site's real generator writes
    from ``folder/src``, listed as ``built/`` lists them."""
    generator = folder.parent.name
    require_tool(*TOOLS[generator])
    digest = source_digest(folder / "src", repr(BUILDS[generator]))
    kept = ROOT / ".medlint-test-cache" / "builds" / f"real-{folder.name}-{digest}.json"
    known = kept_lists(kept)
    if known is not None:
        return known
    with tempfile.TemporaryDirectory() as work:
        copy = _writable_copy(folder, Path(work))
        before = {path.name for path in copy.iterdir()}
        _run_all(BUILDS[generator], copy)
        made = sorted(path for path in copy.iterdir() if path.is_dir() and path.name not in before | {"node_modules"})
        output = (
            copy / "OUT" if (copy / "OUT").is_dir() else next(path for path in made if not path.name.startswith("."))
        )
        return keep_lists(kept, *output_lists(output, prefix="/"))


#: a bundle's content hash (``main.22b14150.js``), which changes with where the build ran
BUNDLE_HASH = re.compile(r"\.[0-9a-f]{8}(?=\.(?:js|css)(?:\.LICENSE\.txt|\.map)?$)")


def _unhashed(paths: set[str]) -> set[str]:
    return {BUNDLE_HASH.sub(".<hash>", path) for path in paths}


def test_the_lists_are_what_the_real_build_publishes(real_site: Path) -> None:
    """The site's ``built/`` lists, which the other tests compare the model with, are what its
    real generator publishes from its source on this machine (bundles' hashes aside)."""
    pages, files = real_build(real_site)
    assert sorted(pages ^ _listed(real_site, "urls.txt")) == []
    assert sorted(_unhashed(files) ^ _unhashed(_listed(real_site, "files.txt"))) == []


#: the generators medlint asks for what they publish where the site is trusted (``--trust-site``):
#: where the site's JavaScript computes its URLs, reading it as data cannot know them
ASKED = ("eleventy", "astro")


def _installed_copy(folder: Path) -> Path:
    """A copy of the site's source with its packages installed (``npm ci``), kept in
    ``.medlint-test-cache/trusted`` under a digest of the source, so that a second run installs
    nothing (``MEDLINT_TEST_REBUILD`` makes it again)."""
    kept = ROOT / ".medlint-test-cache" / "trusted" / f"{folder.name}-{source_digest(folder / 'src', repr(NPM_CI))}"
    if os.environ.get("MEDLINT_TEST_REBUILD") or not (kept / "installed").is_file():
        shutil.rmtree(kept, ignore_errors=True)
        kept.mkdir(parents=True)
        _run_all([NPM_CI], _writable_copy(folder, kept))
        (kept / "installed").touch()
    return kept / "site"


@pytest.mark.parametrize(
    "real_site",
    [site for site in SITES if site.parent.name in ASKED] or [None],
    indirect=True,
    ids=lambda folder: f"{folder.parent.name}/{folder.name}" if folder else "none",
)
def test_a_trusted_site_is_modelled_exactly_as_its_build_publishes(
    real_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ``--trust-site``, medlint asks the site's own installed generator (Eleventy's
    ``--to=json``, an Astro build): its model is then the build, page for page and file for file,
    with no notice of anything it could not know; a page whose source the generator names is at
    that source's URL. medlint keeps what the build published between runs (in the test cache
    folder, so a second test run asks nothing; ``MEDLINT_TEST_REBUILD`` asks again)."""
    require_tool("node", "Debian package nodejs")
    require_tool(*TOOLS[real_site.parent.name])
    kept_cache = ROOT / ".medlint-test-cache" / "medlint"
    monkeypatch.setenv(
        "MEDLINT_CACHE_DIR", str(tmp_path / "cache" if os.environ.get("MEDLINT_TEST_REBUILD") else kept_cache)
    )
    copy = _installed_copy(real_site)
    site = open_site(copy, configured_url=STAND_IN_URL, boundary=Boundary.of(copy), trust_site=True)
    assert site is not None
    pages, files = _model(site)
    assert site.guessed == [] and site.decided_by_code == []
    assert sorted(pages ^ _listed(real_site, "urls.txt")) == []
    assert sorted(_unhashed(files) ^ _unhashed(_listed(real_site, "files.txt"))) == []
    sourced = [page for page in site.entries() if page.source is not None and page.url is not None]
    for page in sourced:
        assert page.file is not None and page.file.is_file() and page.file.is_relative_to(copy)
    if real_site.parent.name == "eleventy":  # it names the source of each page it writes
        assert len(sourced) >= 100
    print(f"{real_site.name} trusted: {len(pages)} pages and {len(files)} files, as the build published them")
