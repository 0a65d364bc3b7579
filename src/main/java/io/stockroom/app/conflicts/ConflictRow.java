package io.stockroom.app.conflicts;

import io.stockroom.domain.SyncConflict;

/** One inbox line: which entity and record, what changed, when, and whether it waits. */
public record ConflictRow(
    SyncConflict conflict,
    String entity,
    String record,
    String changed,
    String when,
    String state) {}
