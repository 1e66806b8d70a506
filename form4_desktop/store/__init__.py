"""The draft store (SQLite)."""
