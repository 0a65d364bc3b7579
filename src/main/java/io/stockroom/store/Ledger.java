package io.stockroom.store;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The on-hand rule of DESIGN.md 4, as plain arithmetic: the pulled level, plus every movement the
 * level does not include yet, plus the difference of every count still pending. A movement is
 * included in a level once the server accepted it (not pending, has a server version) and the level
 * was computed at or after that version. See docs/decisions/0002.
 */
final class Ledger {

  /** A pulled level of one location. */
  record Level(UUID locationId, BigDecimal quantity, Long serverVersion) {}

  /** A movement as the rule needs it. */
  record Move(
      UUID fromLocationId,
      UUID toLocationId,
      BigDecimal quantity,
      Long serverVersion,
      String syncStatus) {}

  /** A pending count's correction ({@code counted - expected}) in one location. */
  record Correction(UUID locationId, BigDecimal difference) {}

  private Ledger() {}

  /** On-hand per location that has a level, a movement or a pending count. */
  static Map<UUID, BigDecimal> onHand(
      List<Level> levels, List<Move> moves, List<Correction> corrections) {
    Map<UUID, Level> byLocation = new HashMap<>();
    Map<UUID, BigDecimal> result = new HashMap<>();
    for (Level level : levels) {
      byLocation.put(level.locationId(), level);
      result.merge(level.locationId(), level.quantity(), BigDecimal::add);
    }
    for (Move m : moves) {
      if (m.toLocationId() != null) {
        BigDecimal q =
            included(m, byLocation.get(m.toLocationId())) ? BigDecimal.ZERO : m.quantity();
        result.merge(m.toLocationId(), q, BigDecimal::add);
      }
      if (m.fromLocationId() != null) {
        BigDecimal q =
            included(m, byLocation.get(m.fromLocationId())) ? BigDecimal.ZERO : m.quantity();
        result.merge(m.fromLocationId(), q.negate(), BigDecimal::add);
      }
    }
    for (Correction c : corrections) {
      result.merge(c.locationId(), c.difference(), BigDecimal::add);
    }
    return result;
  }

  /** Whether the level already counts this movement. */
  static boolean included(Move m, Level level) {
    if (level == null || level.serverVersion() == null) {
      return false;
    }
    if ("pending".equals(m.syncStatus()) || m.serverVersion() == null) {
      return false;
    }
    return m.serverVersion() <= level.serverVersion();
  }
}
