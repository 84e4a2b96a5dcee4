"""Help: the manual and About."""
