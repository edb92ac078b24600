"""Moved to `coach.export.review`; this alias lasts only until the CLI imports it from there."""

from coach.export.review import Review, Trend, review_file, trend

__all__ = ["Review", "Trend", "review_file", "trend"]
