"""coach: a calm, private terminal coach for practicing therapy skills between sessions."""

__version__ = "0.1.0"
