package io.stockroom.app.queue;

/** One sync cycle in the log: when, why, what moved and how many bytes it cost. */
public record LogRow(
    String when,
    String trigger,
    String outcome,
    String pulled,
    String pushed,
    String conflicts,
    String sent,
    String received,
    String millis,
    String error) {}
