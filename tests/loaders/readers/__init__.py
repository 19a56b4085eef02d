"""Fixtures of the readers' tests: builders of input variants, made at test time."""
