"""Imported by the workers' forkserver (``cecintake.executor``): every worker forked from it
starts with the spaCy pipeline built, the finders' patterns compiled and pdfminer's parsers
run (``cecintake.pipeline.warm_up``), and the ORM's mappers configured (``make_engine`` does it
once a process: about 17 ms that each worker would otherwise pay again when it opens its own)."""

from cecintake.pipeline import warm_up
from cecintake.storage.db import configure_orm

warm_up()
configure_orm()
