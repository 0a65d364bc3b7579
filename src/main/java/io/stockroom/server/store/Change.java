package io.stockroom.server.store;

import io.stockroom.domain.EntityType;
import java.util.UUID;

/**
 * One committed row change, for the live channel: which entity, the site it belongs to ({@code
 * null} for items and notes, which every site shares) and its new version.
 */
public record Change(EntityType entity, UUID siteId, long version) {}
