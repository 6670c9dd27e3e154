"""Key rotation and key status: resumable, idempotent batches that survive a SIGKILL anywhere.

**KEK rotation** (:func:`rotate_kek`): when the keyring holds only the active version, a new
version is first written durably (key file: temp file, fsync, atomic rename, fsync folder); then
every data key wrapped by an older version is unwrapped and rewrapped under the new one, in
batches, each its own transaction. An older version is retired (removed from the key file) only
once no data key uses it. A rerun while older versions remain resumes instead of starting over,
and a key is rewrapped at most once per rotation because only keys not yet on the active version
are selected.

**Data-key rotation** (:func:`rotate_data_keys`): every current data key is marked ``due`` in one
statement; then, in batches, each due key gets a successor (a new random key, ``active``) and
becomes ``retiring``; then every registered encrypted column is walked and values under a
retiring key are re-encrypted under the owner's active key (compare-and-set, so a concurrent
write is never overwritten); finally retiring keys that no value uses any more are deleted.
Readers hold all of an owner's keys, so every value decrypts at every moment of the rotation.

The modules: :mod:`.kek` (KEK rewrap), :mod:`.data_keys` (data-key replacement and
re-encryption), :mod:`.lock` (one rotation at a time), :mod:`.progress` (the progress bars of the
command line) and :mod:`.status` (``keys status``).
"""

from zorgafstemming.crypto.rotation.data_keys import (
    ROTATE_DATA_KEYS_CRASH_POINTS,
    DataKeyRotationReport,
    rotate_data_keys,
)
from zorgafstemming.crypto.rotation.kek import (
    ROTATE_KEK_CRASH_POINTS,
    KekRotationReport,
    rotate_kek,
)
from zorgafstemming.crypto.rotation.lock import RotationBusy, rotation_lock
from zorgafstemming.crypto.rotation.progress import Progress, ProgressBar, no_progress
from zorgafstemming.crypto.rotation.status import key_status

__all__ = [
    "ROTATE_DATA_KEYS_CRASH_POINTS",
    "ROTATE_KEK_CRASH_POINTS",
    "DataKeyRotationReport",
    "KekRotationReport",
    "Progress",
    "ProgressBar",
    "RotationBusy",
    "key_status",
    "no_progress",
    "rotate_data_keys",
    "rotate_kek",
    "rotation_lock",
]
