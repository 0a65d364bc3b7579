package io.stockroom.app.activity;

/**
 * One line of the ledger as the activity table shows it. {@code quantity} is signed as the bin sees
 * it: {@code +10} into a bin, {@code -1} out of one, unsigned when stock moved between two bins.
 */
public record MovementRow(
    String when,
    String reason,
    String sku,
    String name,
    String from,
    String to,
    String quantity,
    String reference,
    String status) {}
