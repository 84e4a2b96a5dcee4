"""Printing from the window: preview, print choices, printing, print all."""
