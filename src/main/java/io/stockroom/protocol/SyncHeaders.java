package io.stockroom.protocol;

/** Header names and the protocol version both sides send. */
public final class SyncHeaders {

  /** The protocol version this code speaks. */
  public static final int SYNC_VERSION = 1;

  /** Request and response header carrying {@link #SYNC_VERSION}. */
  public static final String VERSION = "Sync-Version";

  /**
   * Response header carrying the server's hybrid logical clock after it handled the request, in
   * {@code Hlc} text form. A client merges it into its own clock (receive) on every response, so
   * its next stamps sort after everything the server has seen. A client may send its own clock in
   * the same header; the server merges it the same way.
   */
  public static final String HLC = "Sync-Hlc";

  private SyncHeaders() {}
}
