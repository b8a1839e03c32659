class ParseError(ValueError):
    """A document that cannot be read; the message is the reason recorded for skipping it."""
