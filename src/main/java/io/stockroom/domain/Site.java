package io.stockroom.domain;

import java.util.UUID;

public record Site(UUID id, String code, String name, SyncStatus syncStatus) {}
