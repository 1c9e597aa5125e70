"""Vetted content: loading records from files, validating their vetting metadata, chunking, ingesting."""
