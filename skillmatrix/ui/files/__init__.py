"""Files: open, export, import and its plan, conflicts, backups, the lock."""
