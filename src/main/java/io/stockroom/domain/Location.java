package io.stockroom.domain;

import java.util.UUID;

/** A bin or shelf in a site. */
public record Location(
    UUID id, UUID siteId, String code, String zone, String description, SyncStatus syncStatus) {}
