package io.stockroom.app.conflicts;

import io.stockroom.domain.SyncConflict;

/**
 * One inbox line: which entity and record, what changed, when, whether it waits, and whether the
 * user's choice on it can still be taken back.
 */
public record ConflictRow(
    SyncConflict conflict,
    String entity,
    String record,
    String changed,
    String when,
    String state,
    boolean undoable) {}
