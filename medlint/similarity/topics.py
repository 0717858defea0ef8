"""What a text is about, as terms: the words of a link's text, and of a page (its title, headings,
front matter description and tags, file name and prose), folded so that the same word matches
however it is inflected.

A term is a word in lower case, stemmed by the Snowball stemmer of its language (``snowballstemmer``,
which the Snowball project keeps: English, German, Spanish, Portuguese, Swedish, Tamil and
Persian among the nine languages medlint knows), with the language's stop words left out. Japanese
and Korean, which Snowball does not stem, are cut into character pairs (bigrams), as search
engines index them: a word is found inside a longer one, particles and all. A language medlint
does not know is stemmed as English.

Terms are kept as 32-bit hashes (CRC-32 of the term's UTF-8): a page's terms are a sorted array,
packed in the site index beside its fingerprints (:mod:`medlint.similarity.index`). The terms of
its title, headings, front matter and file name are kept a second time, marked
(:data:`PROMINENT`), so that a word in a page's title counts for more than one in its prose.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from array import array
from functools import lru_cache
from typing import Any

#: the language whose stemmer each primary language subtag uses
STEMMERS = {
    "en": "english",
    "de": "german",
    "es": "spanish",
    "pt": "portuguese",
    "sv": "swedish",
    "ta": "tamil",
    "fa": "persian",
}
#: languages written without stemming, as character pairs
BIGRAMS = frozenset({"ja", "ko"})


def word_set(text: str) -> frozenset[str]:
    """The words of ``text``, split at spaces: how the word lists are written."""
    return frozenset(text.split())


#: words of each language that carry no topic (articles, pronouns, prepositions, auxiliaries)
STOP_WORDS: dict[str, frozenset[str]] = {
    "en": word_set(
        "a about above after again against all also am an and any are as at be because been before being "
        "below between both but by can could did do does doing don't down during each few for from "
        "further had has have having he her here hers him his how i i'm if in into is isn't it it's its "
        "just let's may me might mine more most must my no nor not of off on once only onto or other our "
        "ours out over own s same shall she should so some such t than that the their theirs them then "
        "there these they this those through to too under until up us very via vs was we we're were what "
        "when where which while who whom whose why will with would you you're your yours"
    ),
    "de": word_set(
        "aber als am an auch auf aus bei das dass dein dem den der des die dies diese dieser dieses du "
        "ein eine einem einen einer eines er es euer für haben hat hatte ich ihr im in ins ist kein keine "
        "mein mit nach nicht noch nur ob oder schon sehr sein sie sind so um und unser unter vom von war "
        "waren wenn werden wie wir wird wurde zu zum zur über"
    ),
    "es": word_set(
        "a al como con cuando cómo de del el ella ellos en entre era es esa ese esta estar estas este "
        "estos está están fue ha han hay la las le les lo los mi muy más no nosotros nuestro o para pero "
        "por que qué se ser sin sobre son su sí también tu tú un una unas unos y yo él"
    ),
    "pt": word_set(
        "a ao aos as com como da das de do dos e ela elas ele eles em entre era essa esse esta estar "
        "estas este estes está estão eu foi há lhe mais mas meu muito na nas no nos nosso não nós o os ou "
        "para por quando que se sem ser seu sim sobre sua são também tu um uma umas uns à às é"
    ),
    "sv": word_set(
        "att av bara blev blir de den denna dessa det detta din du efter eller en er ett från för hade "
        "han har hon i inte jag med men min mycket ni när och också om på sin som så till under var vara "
        "vi vid vår är över"
    ),
    "ta": word_set(
        "அது அந்த ஆகும் இது இந்த உள்ள என்ற என்று ஒரு பற்றி போது மற்றும் மேலும்"
    ),
    "fa": word_set(
        "آن از است اما این با بر برای به بود تا در را شد می نیز هم و که یا یک"
    ),
    "ja": word_set(
        "ある い いる から が こと さ し する た て で と として な など に の は も や れ を"
    ),
    "ko": word_set(
        "가 것 과 그 는 도 등 로 를 및 수 에 에서 와 으로 은 을 의 이 저"
    ),
}  # fmt: skip
#: words that say what a link is rather than what its target is about ("my earlier post"), by
#: language: left out of a link's text before it is judged against its target
LINK_WORDS: dict[str, frozenset[str]] = {
    "en": word_set(
        "article articles blog copy earlier entry here last latest link links my newer next older "
        "original our page pages part piece post posts previous read recent see series site site's story "
        "this version write-up writeup"
    ),
    "de": word_set(
        "artikel beitrag blog eintrag hier letzte link mein nächste seite serie teil vorherige"
    ),
    "es": word_set(
        "anterior aquí artículo blog enlace entrada mi parte página serie siguiente último"
    ),
    "pt": word_set(
        "anterior aqui artigo blog link meu parte post próximo página série último"
    ),
    "sv": word_set(
        "artikel blogg del förra här inlägg länk min nästa senaste serie sida"
    ),
    "ta": word_set(
        "இணைப்பு கட்டுரை பக்கம் பதிவு"
    ),
    "fa": word_set(
        "صفحه قبلی لینک مقاله وبلاگ پست پیوند"
    ),
    "ja": word_set(
        "ブログ ページ リンク 前回 投稿 記事"
    ),
    "ko": word_set(
        "게시물 글 링크 블로그 이전 페이지"
    ),
}  # fmt: skip

#: a word, with the dots and apostrophes inside it (``pkg.go.dev``, ``1.18``, ``don't``); a hyphen
#: splits words (``state-of-the-art``)
_LETTER = r"[\w\u0300-\u036f\u064b-\u065f\u0670\u0900-\u0dff]"  # and the marks \w leaves out (Tamil's vowel signs)
_TOKEN = re.compile(rf"{_LETTER}+(?:[.'’]{_LETTER}+)*")
#: scripts written without spaces between words (kana, CJK ideographs, Hangul syllables)
_UNSPACED = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF))


def _unspaced(word: str) -> bool:
    """Whether ``word`` has a character of a script written without spaces (a range check: a
    regular expression of these ranges takes milliseconds to compile, at every start-up)."""
    return not word.isascii() and any(low <= ord(char) <= high for char in word for low, high in _UNSPACED)


MAX_TERMS = 4000
"""The most distinct terms kept of one page (its title, headings and front matter first), so a
page's cost in the index is bounded whatever its length."""


@lru_cache(maxsize=16)
def _stemmer(language: str | None) -> Any:
    """The Snowball stemmer of ``language``, its one module loaded: the package's own import
    loads all 36 of them (30 ms, a tenth of a pre-commit run). The module is loaded under a
    private package name, so the package itself, if anything else imports it, is untouched."""
    import importlib
    import importlib.util
    import sys
    import types

    name = STEMMERS.get(language or "en", "english")
    if "snowballstemmer" in sys.modules:
        return sys.modules["snowballstemmer"].stemmer(name)
    spec = importlib.util.find_spec("snowballstemmer")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("snowballstemmer is not installed (pip install medlint-md brings it)")
    if _SNOWBALL not in sys.modules:
        package = types.ModuleType(_SNOWBALL)
        package.__path__ = list(spec.submodule_search_locations)
        sys.modules[_SNOWBALL] = package
    module = importlib.import_module(f"{_SNOWBALL}.{name}_stemmer")
    return getattr(module, f"{name.title()}Stemmer")()


#: the private package name the stemmer modules are loaded under
_SNOWBALL = "_medlint_snowballstemmer"


def _language(language: str | None) -> str:
    return language if language in STOP_WORDS else "en"


def words(text: str, language: str | None = None, drop: frozenset[str] = frozenset()) -> list[str]:
    """The topic words of ``text``: lower case, stop words (and ``drop``) left out, in order."""
    stop = STOP_WORDS[_language(language)]
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return [token for token in _TOKEN.findall(folded) if token not in stop and token not in drop and token != "_"]


def terms(text: str, language: str | None = None, drop: frozenset[str] = frozenset()) -> list[str]:
    """The terms of ``text``: its topic words stemmed, or cut into character pairs where they are
    written without spaces."""
    found: list[str] = []
    plain: list[str] = []
    for word in words(text, language, drop):
        if _unspaced(word):
            found.extend(word[index : index + 2] for index in range(max(1, len(word) - 1)))
        else:
            plain.append(word)
    if plain:
        found.extend(_stems(_language(language) if language not in BIGRAMS else "en", plain))
    return found


STEM_MEMO = 200_000
"""Words whose stems are kept per language: a site repeats its words (10,000 pages hold some
3.5 million words and a few tens of thousands of distinct ones), and pure-Python Snowball costs
some 0.1 ms a word. Past the bound the memo starts again, so memory stays bounded."""
_stem_memo: dict[str, dict[str, str]] = {}


def _stems(language: str, plain: list[str]) -> list[str]:
    memo = _stem_memo.setdefault(language, {})
    missing = [word for word in dict.fromkeys(plain) if word not in memo]
    if missing:
        if len(memo) + len(missing) > STEM_MEMO:
            memo.clear()
            missing = list(dict.fromkeys(plain))
        memo.update(zip(missing, _stemmer(language).stemWords(missing), strict=True))
    return [memo[word] for word in plain]


def link_terms(text: str, language: str | None = None, brand: frozenset[str] = frozenset()) -> list[str]:
    """The terms of a link's text that can say what its target is about: :func:`terms` without
    the words that describe the link itself ("my previous post") or name the site (``brand``,
    the words of its address: a branded text names the site, not a page)."""
    return terms(text, language, LINK_WORDS[_language(language)] | brand)


def brand_words(address: str | None) -> frozenset[str]:
    """The words of a site's address that name it (``blog.example.com``: ``blog``, ``example``)."""
    from urllib.parse import urlsplit

    host = urlsplit(address or "").hostname or ""
    labels = host.split(".")[:-1] if "." in host else [host]
    return frozenset(word for label in labels if label and label != "www" for word in label.split("-"))


PROMINENT = "^"
"""What marks a term of a page's title, headings, front matter or file name (kept twice: as it
is and with this mark), so that a text can be judged by where on the page its words are."""


def prominent(found: list[str]) -> list[str]:
    return [PROMINENT + term for term in found]


def term_hash(term: str) -> int:
    return zlib.crc32(term.encode("utf-8"))


def packed(found: list[str]) -> bytes:
    """Terms as the index keeps a page's: sorted distinct hashes, at most :data:`MAX_TERMS`,
    the first-seen kept first (title and headings come first)."""
    hashes = list(dict.fromkeys(term_hash(term) for term in dict.fromkeys(found)))[:MAX_TERMS]
    return array("I", sorted(hashes)).tobytes()


_ASCII_NOISE = re.compile(r"[^a-z0-9]+")
#: a link text that is itself a URL
URL_TEXT = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.IGNORECASE)


def normalize_text(text: str) -> str:
    """How link texts are compared (ML101's phrases, ML105, ML106, ML110): lowercase, punctuation
    and symbols (any script) dropped, spaces collapsed: ``Click-Here!!`` -> ``click here``."""
    if text.isascii():  # the same result: in ASCII only letters and digits are not P, S, Z or C
        return " ".join(_ASCII_NOISE.sub(" ", text.lower()).split())
    return normalize_any_text(text)


def normalize_any_text(text: str) -> str:
    """:func:`normalize_text` by Unicode categories, for text in any script."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(" " if unicodedata.category(char)[0] in "PSZC" else char for char in folded)
    return " ".join(kept.split())
