package io.stockroom.store;

import java.nio.file.Path;

/**
 * The profile's database file is damaged (a disk fault, a copy cut short) and H2 cannot open it.
 * The message says in one sentence what is wrong and what to do: {@link ProfileRescue} moves the
 * file aside, exporting its unsynced changes first.
 */
public final class ProfileDamagedException extends StoreException {

  private static final long serialVersionUID = 1L;

  ProfileDamagedException(Path profileDir, Throwable cause) {
    super(
        "the local database in "
            + profileDir
            + " is damaged and cannot be opened; run `stockroom local --profile "
            + profileDir
            + " rescue` to move it aside (exporting its unsynced changes) and start afresh from"
            + " the server",
        cause);
  }
}
