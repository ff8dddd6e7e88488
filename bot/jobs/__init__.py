"""Jobs: import, store, search."""
