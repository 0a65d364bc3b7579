package io.stockroom.store;

/**
 * The profile's database was written by a newer Stockroom: its schema holds changes this release
 * does not know. Nothing was written to it; the user needs that release or a newer one.
 */
public final class ProfileTooNewException extends StoreException {

  private static final long serialVersionUID = 1L;

  private final String schema;

  public ProfileTooNewException(String schema) {
    super(
        "This profile was written by a newer Stockroom (schema "
            + schema
            + "). Install that version or newer.");
    this.schema = schema;
  }

  /** The profile's schema as its newest tag ({@code v2}), or "newer than vN". */
  public String schema() {
    return schema;
  }
}
