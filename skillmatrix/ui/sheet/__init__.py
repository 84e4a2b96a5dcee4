"""The résumé sheet of one person: profile, histories, the skill grid, definitions."""
