"""Domain logic with no UI: runs, figures and plans."""
