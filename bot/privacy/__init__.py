"""People's data: erasure on request, and retention limits."""
