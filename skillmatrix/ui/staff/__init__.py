"""The staff list and its filter."""
