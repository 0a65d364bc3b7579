package io.stockroom.sync;

import java.time.Instant;

/**
 * The sync agent's state as listeners see it: immutable, published whole after every change (the
 * app copies it onto the FX thread). {@code pulledThisCycle} grows while a cycle pulls, which is
 * the progress of a long first sync.
 */
public record SyncStatus(
    State state,
    int pending,
    int failed,
    int openConflicts,
    Instant lastSync,
    String lastError,
    int pulledThisCycle,
    Instant nextRetryAt,
    boolean liveConnected,
    String server,
    String user) {

  public enum State {
    /** No server or no token: the app works from the laptop alone. */
    SIGNED_OUT,
    /** The last attempt could not reach the server; retrying with backoff. */
    OFFLINE,
    /** A cycle is running. */
    SYNCING,
    /** The last cycle reached the server. */
    ONLINE
  }

  public static SyncStatus initial() {
    return new SyncStatus(State.SIGNED_OUT, 0, 0, 0, null, null, 0, null, false, null, null);
  }

  public SyncStatus withState(State s) {
    return new SyncStatus(
        s,
        pending,
        failed,
        openConflicts,
        lastSync,
        lastError,
        pulledThisCycle,
        nextRetryAt,
        liveConnected,
        server,
        user);
  }

  public SyncStatus withCounts(int pendingCount, int failedCount, int conflicts) {
    return new SyncStatus(
        state,
        pendingCount,
        failedCount,
        conflicts,
        lastSync,
        lastError,
        pulledThisCycle,
        nextRetryAt,
        liveConnected,
        server,
        user);
  }

  public SyncStatus withProgress(int pulled) {
    return new SyncStatus(
        state,
        pending,
        failed,
        openConflicts,
        lastSync,
        lastError,
        pulled,
        nextRetryAt,
        liveConnected,
        server,
        user);
  }

  public SyncStatus withOutcome(State s, Instant last, String error, Instant retryAt) {
    return new SyncStatus(
        s,
        pending,
        failed,
        openConflicts,
        last,
        error,
        pulledThisCycle,
        retryAt,
        liveConnected,
        server,
        user);
  }

  public SyncStatus withLive(boolean connected) {
    return new SyncStatus(
        state,
        pending,
        failed,
        openConflicts,
        lastSync,
        lastError,
        pulledThisCycle,
        nextRetryAt,
        connected,
        server,
        user);
  }

  public SyncStatus withAccount(String serverUrl, String userName) {
    return new SyncStatus(
        state,
        pending,
        failed,
        openConflicts,
        lastSync,
        lastError,
        pulledThisCycle,
        nextRetryAt,
        liveConnected,
        serverUrl,
        userName);
  }
}
