"""ML101 in every language Lighthouse judges, the draft's language chosen per draft, ML104 for
scripts without spaces, and per-file rule settings in front matter."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import lint_files, medlint

from medlint.rules.phrases import LIGHTHOUSE, MARKDOWNLINT, phrases_by_language

DESCRIPTIVE = {
    "en": "the installation guide",
    "ja": "インストールガイド",
    "es": "la guía de instalación",
    "pt": "o guia de instalação",
    "ko": "설치 안내서",
    "sv": "installationsguiden",
    "de": "die Installationsanleitung",
    "ta": "நிறுவல் வழிகாட்டி",
    "fa": "راهنمای نصب",
}


def _post(folder: Path, name: str, texts: list[str], lang: str | None = None) -> Path:
    front = f"---\ntitle: Post\nlang: {lang}\n---\n\n" if lang else "---\ntitle: Post\n---\n\n"
    links = "\n\n".join(f"[{text}](https://a.example/{number})" for number, text in enumerate(texts))
    path = folder / name
    path.write_text(front + links + "\n", encoding="utf-8")
    return path


def _flagged(findings: list, code: str = "ML101") -> list[int]:  # type: ignore[type-arg]
    return sorted(f.line for f in findings if f.code == code)


@pytest.mark.parametrize("lang", sorted(phrases_by_language()))
def test_every_phrase_is_flagged_under_its_language_and_descriptive_text_is_not(lang: str, tmp_path: Path) -> None:
    phrases = list(phrases_by_language()[lang])
    # emphasis, case and punctuation do not hide a phrase
    shown = [f"*{phrase.upper()}*!" if number % 3 == 0 else phrase for number, phrase in enumerate(phrases)]
    post = _post(tmp_path, "post.md", [*shown, DESCRIPTIVE[lang]], lang=f"{lang}-XX")
    found = _flagged(lint_files([post], "ML101"))
    assert len(found) == len(phrases)  # every phrase, and not the descriptive control (the last link)
    assert max(found) < 5 + 2 * len(phrases)


def test_a_language_list_is_not_applied_to_a_post_in_another_language(tmp_path: Path) -> None:
    german = ["das", "mehr", "hier"]
    assert _flagged(lint_files([_post(tmp_path, "de.md", german, lang="de")], "ML101")) == [6, 8, 10]
    assert _flagged(lint_files([_post(tmp_path, "pt.md", german, lang="pt")], "ML101")) == []
    # English has no "das", and Portuguese "ir" is a word in other languages
    assert _flagged(lint_files([_post(tmp_path, "en.md", ["das", "ir", "here"], lang="en")], "ML101")) == [10]
    assert _flagged(lint_files([_post(tmp_path, "fr.md", ["ici", "here"], lang="fr")], "ML101")) == []


def test_every_list_applies_when_no_language_is_known(tmp_path: Path) -> None:
    one_of_each = [phrases[0] for phrases in LIGHTHOUSE.values()] + [MARKDOWNLINT[2]]
    post = _post(tmp_path, "post.md", one_of_each)
    assert len(_flagged(lint_files([post], "ML101"))) == len(one_of_each)


def test_the_language_is_chosen_front_matter_then_configuration_then_site(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: S\ntheme:\n  name: material\n  language: de\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    plain = _post(tmp_path, "plain.md", ["mehr", "read more"])
    own = _post(tmp_path, "own.md", ["mehr", "read more"], lang="en-GB")
    site = {"site": "."}
    assert _flagged(lint_files([plain], "ML101", site)) == [5]  # the site says German
    assert _flagged(lint_files([plain], "ML101", {**site, "language": "en"})) == [7]  # configuration wins
    assert _flagged(lint_files([own], "ML101", {**site, "language": "de"})) == [8]  # front matter wins
    assert _flagged(lint_files([plain], "ML101")) == [5, 7]  # nothing known: every list


@pytest.mark.parametrize(
    ("settings_file", "text"),
    [
        ("hugo.toml", 'languageCode = "sv-SE"\n'),
        ("_config.yml", "lang: sv\n"),
        ("config.toml", 'default_language = "sv"\n'),
    ],
    ids=["hugo", "jekyll", "zola"],
)
def test_the_site_language_of_other_generators(settings_file: str, text: str, tmp_path: Path) -> None:
    (tmp_path / settings_file).write_text(text)
    post = _post(tmp_path, "post.md", ["läs mer", "read more"])
    assert _flagged(lint_files([post], "ML101", {"site": "."})) == [5]


def test_extra_phrases_by_language(tmp_path: Path) -> None:
    settings = {"rules": {"generic-anchor-text": {"extra_phrases": {"de": ["gleich daneben"], "en": ["over there"]}}}}
    german = _post(tmp_path, "de.md", ["gleich daneben", "over there"], lang="de")
    english = _post(tmp_path, "en.md", ["gleich daneben", "over there"], lang="en")
    assert _flagged(lint_files([german], "ML101", settings)) == [6]
    assert _flagged(lint_files([english], "ML101", settings)) == [8]
    every = {"rules": {"generic-anchor-text": {"extra_phrases": ["over there"]}}}
    assert _flagged(lint_files([german], "ML101", every)) == [8]


def test_bad_language_setting_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / ".medlint.yml").write_text("language: 12\n")
    (tmp_path / "a.md").write_text("# A\n")
    run = medlint("check", "a.md", cwd=tmp_path)
    assert run.code == 2 and "language" in run.err


def test_link_length_in_characters_for_scripts_without_spaces(tmp_path: Path) -> None:
    cat, sentence = (
        "猫",
        "这是一个非常长的句子它描述了链接目标的每一个细节而且还在继续说下去直到读者完全失去耐心为止还有更多更多的文字在这里继续延伸下去",
    )
    assert len(sentence) > 50
    post = _post(tmp_path, "zh.md", [cat, sentence, "安装指南", "x"], lang="zh")
    found = [(f.line, f.text) for f in lint_files([post], "ML104")]
    assert [line for line, _ in found] == [8, 12]
    assert f"{len(sentence)} characters long (at most 30)" in found[0][1]
    japanese = _post(tmp_path, "ja.md", ["インストールの手順を説明するページ"], lang="ja")
    assert lint_files([japanese], "ML104") == []


def test_per_file_rule_settings_in_front_matter(tmp_path: Path) -> None:
    links = " ".join(f"[link {n}](https://a.example/{n})" for n in range(3))
    strict = tmp_path / "strict.md"
    strict.write_text(
        f"---\ntitle: T\nmedlint:\n  rules:\n    too-many-links: {{max: 1, severity: error}}\n---\n\n{links}\n"
    )
    relaxed = tmp_path / "relaxed.md"
    relaxed.write_text(
        "---\ntitle: T\nmedlint:\n  rules: {generic-anchor-text: off}\n---\n\n[here](https://a.example/)\n"
    )
    found = lint_files([strict, relaxed], "ML101,ML201")
    assert [(f.path, f.code, f.severity.value) for f in found] == [("strict.md", "ML201", "error")]


@pytest.mark.parametrize(
    ("control", "needle"),
    [
        ("{rules: {too-many-links: {max: lots}}}", "too-many-links.max"),
        ("{rules: {no-such-rule: off}}", "no-such-rule"),
        ("{rules: [ML101]}", "rules"),
        ("{skip: [ML101]}", "must be a mapping like"),
    ],
)
def test_bad_per_file_settings_are_ml902_naming_them(control: str, needle: str, tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: T\nmedlint: {control}\n---\n\nSee [here](https://a.example/).\n")
    found = lint_files([post], "ML101,ML902")
    assert [(f.code, f.line) for f in found] == [("ML902", 3), ("ML101", 6)]
    assert needle in found[0].text


def test_rules_command_lists_the_languages() -> None:
    text = medlint("rules", "ML101").out
    assert all(f" {lang}" in text or f"{lang}," in text for lang in LIGHTHOUSE)
    assert "front matter ``lang``" in text and "every list applies" in text


#: texts made only of a language's generic words, its stop words and its words for the link
#: itself, none of them a phrase of its list as a whole
GENERIC_BY_WORDS = {
    "en": ["click here for more", "more on this", "read the full post here", "check it out here", "see this link"],
    "de": ["hier klicken für mehr"],
    "es": ["más información aquí"],
    "pt": ["clique aqui para mais", "veja mais aqui"],
    "sv": ["klicka här för mer", "läs mer här"],
    "ko": ["자세히 보기 여기"],
    "ta": ["மேலும் தகவலுக்கு இங்கே கிளிக் செய்யவும்"],
    "fa": ["اطلاعات بیشتر اینجا"],
}
#: texts that name their target, though they hold a generic word or a word for the link
NAMING_THEIR_TARGET = [
    "Learn Rust", "the Go blog", "click", "part 2", "the latest version", "my previous post on generics",
    "more about generics", "here is the design doc", "the go command", "read the memory model",
]  # fmt: skip


@pytest.mark.parametrize("lang", sorted(GENERIC_BY_WORDS))
def test_a_text_of_generic_words_only_is_generic_word_by_word(lang: str, tmp_path: Path) -> None:
    texts = GENERIC_BY_WORDS[lang]
    post = _post(tmp_path, "post.md", [*texts, *(NAMING_THEIR_TARGET if lang == "en" else [])], lang=lang)
    assert _flagged(lint_files([post], "ML101")) == [6 + 2 * number for number in range(len(texts))]
