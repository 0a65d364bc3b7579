package io.stockroom.app.activity;

/** One line of the ledger as the activity table shows it. */
public record MovementRow(
    String when,
    String reason,
    String sku,
    String name,
    String from,
    String to,
    String quantity,
    String status) {}
