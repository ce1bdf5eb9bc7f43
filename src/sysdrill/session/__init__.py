"""The drill as plain state over a clock: no terminal, no database."""
