package io.stockroom.app.queue;

/** Where the last pull of one entity stopped, and when. */
public record CursorRow(String entity, String cursor, String lastPull) {}
