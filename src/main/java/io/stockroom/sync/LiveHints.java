package io.stockroom.sync;

import io.stockroom.domain.EntityType;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entities the live channel said changed since the last cycle began. A cycle run for {@link
 * Trigger#LIVE} pulls only those (decision record 0045); any other cycle pulls all of them, and
 * either way the hints are used up.
 */
final class LiveHints {

  private final Set<EntityType> named = ConcurrentHashMap.newKeySet();

  /** A hint named an entity this release does not know: the next cycle pulls everything. */
  private volatile boolean unknown;

  /** The live channel said {@code entity} changed (any thread). */
  void add(String entity) {
    EntityType.fromWireName(entity).ifPresentOrElse(named::add, () -> unknown = true);
  }

  /** The hints so far, emptied; null when a hint was unknown or none came (pull everything). */
  Set<EntityType> take() {
    boolean wasUnknown = unknown;
    unknown = false;
    Set<EntityType> taken = EnumSet.noneOf(EntityType.class);
    for (EntityType t : EntityType.values()) {
      if (named.remove(t)) {
        taken.add(t);
      }
    }
    return wasUnknown || taken.isEmpty() ? null : taken;
  }
}
