"""Form 4 Desktop: draft, check, print and file SEC Forms 3, 4 and 5."""

__version__ = "0.1.0"
