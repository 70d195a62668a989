"""Pure text parsers."""
