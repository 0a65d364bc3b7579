package io.stockroom.store;

import java.nio.file.Path;

/**
 * The profile's database file is held by another process. H2 allows one process per file, and a
 * second Stockroom window on the same profile would otherwise fail with a driver error nobody can
 * act on.
 */
public final class ProfileLockedException extends StoreException {

  private static final long serialVersionUID = 1L;

  private final transient Path profileDir;

  ProfileLockedException(Path profileDir, Throwable cause) {
    super("profile " + profileDir + " is open in another Stockroom window", cause);
    this.profileDir = profileDir;
  }

  public Path profileDir() {
    return profileDir;
  }
}
