package io.stockroom.sync;

import io.stockroom.domain.EntityType;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the client does with a {@code conflict} the server answered. The server applies the entity's
 * rule when the mutation arrives; the client's side of the same policy decides whether the user has
 * to look at it. All six strategies of DESIGN.md live here; {@link #TABLE} is the configuration.
 */
public enum ConflictPolicy {
  /** Last write wins by HLC: the server compared the stamps; its answer stands. */
  LAST_WRITE_WINS(Outcome.SERVER_DECIDED),
  /** The server's record stands; the inbox keeps what was overridden. */
  SERVER_WINS(Outcome.SERVER_DECIDED),
  /** This laptop's values stand: they are sent again on top of the server's version. */
  CLIENT_WINS(Outcome.RESEND_MINE),
  /** Fields merged by HLC on the server; a field changed on both sides goes to the user. */
  FIELD_MERGE(Outcome.ASK_USER),
  /** The user decides (e.g. a cycle count that met moved stock). */
  USER_PROMPTED(Outcome.ASK_USER),
  /** Commutative (the stock ledger): never conflicts; should one come back, the server's stands. */
  CRDT(Outcome.SERVER_DECIDED);

  /** What a conflict leads to locally. */
  public enum Outcome {
    /** The server's record is applied and the inbox entry is recorded as settled. */
    SERVER_DECIDED,
    /** The inbox entry stays open and the record is flagged until the user settles it. */
    ASK_USER,
    /** The local payload is queued again against the server's current version. */
    RESEND_MINE
  }

  private final Outcome outcome;

  ConflictPolicy(Outcome outcome) {
    this.outcome = outcome;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** DESIGN.md section 4, per entity. Local settings are client-wins and never synced. */
  public static final Map<EntityType, ConflictPolicy> TABLE = table();

  private static Map<EntityType, ConflictPolicy> table() {
    Map<EntityType, ConflictPolicy> t = new EnumMap<>(EntityType.class);
    t.put(EntityType.SITES, SERVER_WINS);
    t.put(EntityType.LOCATIONS, SERVER_WINS);
    t.put(EntityType.ITEMS, FIELD_MERGE);
    t.put(EntityType.STOCK_MOVEMENTS, CRDT);
    t.put(EntityType.STOCK_LEVELS, SERVER_WINS);
    t.put(EntityType.STOCK_COUNTS, USER_PROMPTED);
    t.put(EntityType.ITEM_NOTES, LAST_WRITE_WINS);
    return Map.copyOf(t);
  }

  public static ConflictPolicy of(EntityType type) {
    return TABLE.getOrDefault(type, SERVER_WINS);
  }
}
