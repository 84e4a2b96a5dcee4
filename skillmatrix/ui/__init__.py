"""The window: the only package (with app.py) that imports PySide6, in feature folders."""
