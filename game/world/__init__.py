"""YAML to a validated, immutable world model (see docs/world-format.md)."""
