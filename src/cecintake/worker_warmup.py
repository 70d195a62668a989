"""Imported by the workers' forkserver (``cecintake.executor``): every worker forked from it
starts with the spaCy pipeline built and the finders' patterns compiled."""

from cecintake.pipeline import warm_up

warm_up()
