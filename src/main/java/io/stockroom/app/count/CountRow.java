package io.stockroom.app.count;

/** A count recorded in this session: counted against expected. */
public record CountRow(
    String location, String sku, String name, String counted, String expected, String difference) {}
