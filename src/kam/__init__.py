"""kam: key account management: value analytics, the key-account workspace and call coaching."""

__version__ = "0.1.0"
