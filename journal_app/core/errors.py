"""The ways opening or writing the vault can fail, each with a plain message.

Wrong passphrase and damage are separate types because the person must be told apart:
one means "try again", the other means "restore from a backup".
"""


class VaultError(Exception):
    """Base for vault problems; ``str(err)`` is one sentence fit to show a person."""


class WrongPassphrase(VaultError):
    """The passphrase does not open this vault. Nothing on disk was touched."""


class VaultDamaged(VaultError):
    """A vault file is damaged or was altered, so it cannot be trusted. Nothing was changed."""

    advice = "Nothing was changed. Your backups may help: see 'backup list'."


class VaultMissing(VaultError):
    """There is no vault in this data folder yet."""


class VaultExists(VaultError):
    """A vault already exists here; creating another would destroy it."""


class VaultBusy(VaultError):
    """Another Therapy Journal process has this vault open."""


class WeakPassphrase(VaultError):
    """A new passphrase was refused before anything was written."""


class FolderNotPrivate(VaultError):
    """The data folder is readable by other users and could not be made private."""
