"""The command line: parsing, output and exit codes over the use cases in ``journal_app.app``.

It never reaches into ``storage/`` or ``share/``; ``tests/test_layers.py`` keeps it so.
"""
