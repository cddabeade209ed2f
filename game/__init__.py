"""THE CITY: a text adventure down through the floors of the self-building City."""

__version__ = "0.1.0"
