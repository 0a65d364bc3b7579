package io.stockroom.app.item;

/** Stock of the open item in one location; a negative level is flagged, never hidden. */
public record OnHandRow(String location, String quantity, boolean negative) {}
