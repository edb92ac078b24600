"""The progress store: TinyDB behind one ProgressStore, on crash-safe, private files."""
