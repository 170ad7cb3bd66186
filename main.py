"""The app as `flet build` starts it (apk, ipa, and the desktop bundles).

`flet build` copies the folder named by ``[tool.flet.app].path`` in pyproject.toml (this
one), runs this file as ``__main__``, and installs only ``[project].dependencies``: the
project itself is never installed, so ``journal_app/``, ``prompts/`` and ``assets/`` travel
as the folders they are here, and ``journal_app/resources.py`` finds them beside each
other. A built app has no command line: this opens the app at its lock screen, with the
journal in the app's private storage (``FLET_APP_STORAGE_DATA``).
"""

from journal_app.launcher import run_built_app

if __name__ == "__main__":
    run_built_app()
