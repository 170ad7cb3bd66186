"""Command handlers for the CLI: each takes parsed arguments and returns an exit code."""
