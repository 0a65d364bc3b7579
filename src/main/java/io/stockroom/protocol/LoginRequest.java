package io.stockroom.protocol;

public record LoginRequest(String username, String password, String deviceName) {}
