"""`python -m journal_app.cli`: the same program as the `journal-app` command."""

from journal_app.main import main

main()
