package io.stockroom.domain;

import java.time.Instant;

/** One sync cycle as the local sync log keeps it. */
public record SyncLogEntry(
    long id,
    Instant startedAt,
    Instant finishedAt,
    String trigger,
    String outcome,
    int pulled,
    int pushed,
    int accepted,
    int conflicts,
    int rejected,
    int failed,
    long bytesSent,
    long bytesReceived,
    long millis,
    String error) {}
