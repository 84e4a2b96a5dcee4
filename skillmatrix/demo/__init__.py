"""Demo data: the seed document's two résumés and deterministic generated staff."""
