"""The shape of the code: no import circle between medlint's modules, and every package says what it owns."""

from __future__ import annotations

import ast
import importlib
import json
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "medlint"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Module -> the medlint modules it imports anywhere (top level, inside functions, or for type
    checking only): a circle through any of them is a circle in the design."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("medlint"):
                targets = [f"{node.module}.{alias.name}" for alias in node.names]
                found.update(target if target in modules else node.module for target in targets)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names if alias.name.startswith("medlint"))
        # importing medlint.a.b runs medlint/a/__init__.py first (already running for a module inside it)
        parents = {target.rsplit(".", depth)[0] for target in found for depth in range(1, target.count("."))}
        parents = {parent for parent in parents if not name.startswith(parent + ".")}
        graph[name] = {target for target in found | parents if target in modules and target != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_circle() -> None:
    graph = _imports()
    assert len(graph) > 20
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_the_cycle_finder_finds_a_circle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


@pytest.mark.parametrize("package", sorted(_module_name(path) for path in PACKAGE.rglob("__init__.py")))
def test_every_package_says_what_it_owns(package: str) -> None:
    doc = importlib.import_module(package).__doc__ or ""
    assert len(doc.split()) >= 8, package


def test_a_generator_shows_only_by_its_registered_signs(tmp_path: Path) -> None:
    """Detection imports a generator's module only when one of its registered signs is in the
    folder: each loads under its registered name, each of its settings files that is evidence of
    it alone is a sign, and a folder with every other generator's folders and files but none of
    its signs holds no evidence of it."""
    from medlint.generators import REGISTRY, detect, generator_named, shown_in

    folders = ("content", "templates", "_posts", "scaffolds", "source/_posts", "docs", "blog", "src/content")
    packages = {"dependencies": dict.fromkeys(("@11ty/eleventy", "hexo", "astro", "@docusaurus/core"), "1")}
    files = {"Gemfile": 'gem "jekyll"\n', "package.json": json.dumps(packages)}
    for registered in REGISTRY:
        loaded = generator_named(registered.name)
        assert loaded.name == registered.name
        for name in loaded.settings_files:
            alone = tmp_path / f"{registered.name}-{name}"
            for subfolder in folders:
                (alone / subfolder).mkdir(parents=True)
            (alone / name).write_text("baseURL = 'https://a.example/'\n")
            assert loaded.evidence(alone).score <= 0 or name in registered.signs, (registered.name, name)
        folder = tmp_path / registered.name
        for name in folders:
            (folder / name).mkdir(parents=True)
        others = {sign: "baseURL = 'https://a.example/'\n" for other in REGISTRY for sign in other.signs}
        for name, text in {**others, **files}.items():
            if name not in registered.signs:
                (folder / name).write_text(text)
        assert loaded not in shown_in(folder)
        assert loaded.evidence(folder).score <= 0, registered.name
    bare = tmp_path / "bare"
    for name in folders:
        (bare / name).mkdir(parents=True)
    assert shown_in(bare) == [] and detect(bare)[0].name == "folder"


def test_only_the_generators_package_knows_a_generator() -> None:
    """Adding a generator touches its own module and the registry: no other module names one (the
    MkDocs plugin, MkDocs' own front end, excepted)."""
    from medlint.generators import REGISTRY

    names = {registered.name for registered in REGISTRY} - {"folder"}
    found = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("generators/") or relative == "mkdocs_plugin.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.lower() in names:
                found.append(f"{relative}:{node.lineno}: {node.value}")
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("medlint.generators."):
                found.append(f"{relative}:{node.lineno}: imports {node.module}")
    assert found == []
