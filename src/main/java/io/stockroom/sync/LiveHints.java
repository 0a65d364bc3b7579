package io.stockroom.sync;

import io.stockroom.domain.EntityType;
import io.stockroom.protocol.LiveMessage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the live channel said changed since the last cycle began. A cycle run for {@link
 * Trigger#LIVE} pulls only those entities (decision record 0045), and applies instead of pulling
 * the pages that pokes carried when every poke of that entity carried one (decision record 0049);
 * any other cycle pulls everything, and either way the hints are used up.
 */
final class LiveHints {

  /** What a cycle takes: the entities named, and for each the pages its pokes carried, in order. */
  record Taken(Set<EntityType> entities, Map<EntityType, List<LiveMessage>> pages) {

    /** The pages carried for {@code entity}; empty when one of its pokes carried none. */
    List<LiveMessage> pagesOf(EntityType entity) {
      return pages.getOrDefault(entity, List.of());
    }
  }

  private final Set<EntityType> named = EnumSet.noneOf(EntityType.class);
  private final Map<EntityType, List<LiveMessage>> pages = new EnumMap<>(EntityType.class);
  private final Set<EntityType> plain = EnumSet.noneOf(EntityType.class);

  /** A hint named an entity this release does not know: the next cycle pulls everything. */
  private boolean unknown;

  /** A poke arrived (any thread): its entity is named, and its page kept when it carries one. */
  synchronized void add(LiveMessage poke) {
    var type = EntityType.fromWireName(poke.entity());
    if (type.isEmpty()) {
      unknown = true;
      return;
    }
    named.add(type.get());
    if (poke.carriesRows()) {
      pages.computeIfAbsent(type.get(), t -> new ArrayList<>()).add(poke);
    } else {
      plain.add(type.get());
    }
  }

  /** The hints so far, emptied; null when a hint was unknown or none came (pull everything). */
  synchronized Taken take() {
    boolean wasUnknown = unknown;
    unknown = false;
    Set<EntityType> taken = EnumSet.noneOf(EntityType.class);
    taken.addAll(named);
    Map<EntityType, List<LiveMessage>> carried = new EnumMap<>(EntityType.class);
    for (Map.Entry<EntityType, List<LiveMessage>> e : pages.entrySet()) {
      if (!plain.contains(e.getKey())) {
        carried.put(e.getKey(), List.copyOf(e.getValue()));
      }
    }
    named.clear();
    pages.clear();
    plain.clear();
    return wasUnknown || taken.isEmpty() ? null : new Taken(taken, carried);
  }
}
