package io.stockroom.app.locations;

public record LocationRow(String code, String zone, String description, String status) {}
