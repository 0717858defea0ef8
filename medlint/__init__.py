"""medlint: a pre-publish linter for Markdown drafts cross-posted to Medium."""

__version__ = "0.1.0"
