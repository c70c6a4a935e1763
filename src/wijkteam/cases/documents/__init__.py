"""Documents produced from casework (verslag, beschikking)."""
