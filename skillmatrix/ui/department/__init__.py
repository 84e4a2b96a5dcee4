"""The department's view (部門): the skill matrix, the gap view and per-category counts."""
