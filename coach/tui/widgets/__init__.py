"""Widgets for the screens: one per step type, and the pieces around them."""
