"""The ways opening or writing the vault can fail, each with a plain message.

Wrong passphrase and damage are separate types because the person must be told apart:
one means "try again", the other means "restore from a backup".
"""


class VaultError(Exception):
    """Base for vault problems; ``str(err)`` is one sentence fit to show a person."""


class WrongPassphrase(VaultError):
    """The passphrase does not open this vault. Nothing on disk was touched."""


class VaultDamaged(VaultError):
    """A vault file is damaged or was altered, so it cannot be trusted. Nothing was changed.

    ``advice`` is the next step that actually works for this kind of damage; a raiser that
    knows better (a missing key file, files that do not belong together) passes its own.
    """

    advice = "Nothing was changed. Your backups may help: see 'backup list'."

    def __init__(self, message: str, advice: str | None = None) -> None:
        super().__init__(message)
        if advice is not None:
            self.advice = advice


class KeyFileProblem(VaultDamaged):
    """The key file is missing or damaged while the journal's other files are there.

    Its own type so a restore can tell "bring back the key copy" from damaged data.
    """


class NoSuchBackup(VaultError):
    """The backup number asked for does not exist (a usage mistake, not damage)."""


class VaultMissing(VaultError):
    """There is no vault in this data folder yet."""


class VaultExists(VaultError):
    """A vault already exists here; creating another would destroy it."""


class VaultBusy(VaultError):
    """Another Therapy Journal process has this vault open."""


class FileInUse(VaultBusy):
    """Windows would not let a file of the journal be replaced or removed: another program
    (a backup tool, a virus scanner, a sync app) held it open for longer than the retries."""


class WeakPassphrase(VaultError):
    """A new passphrase was refused before anything was written."""


class FolderNotPrivate(VaultError):
    """The data folder is readable by other users and could not be made private."""
