"""cecintake: the evidence-intake pipeline of SER's certification program."""

__version__ = "0.1.0"
