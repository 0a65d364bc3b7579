package io.stockroom.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A cycle count that met moved stock: what was counted, what the laptop expected when the count
 * began, the level the server holds now, and the moves at that location the count did not include
 * (as far as this laptop has received them).
 */
public record CountConflict(
    UUID conflictId,
    UUID countId,
    String item,
    String location,
    BigDecimal counted,
    BigDecimal expected,
    BigDecimal serverNow,
    List<Move> unseen) {

  public CountConflict {
    unseen = List.copyOf(unseen);
  }

  /** The adjustment "apply my count anyway" records: counted minus the server's level. */
  public BigDecimal applyAdjustment() {
    return counted.subtract(serverNow);
  }

  /**
   * What the server's level moved by that {@link #unseen} does not explain: moves the server has
   * and this laptop has not received yet (zero once it has them all).
   */
  public BigDecimal notYetReceived() {
    BigDecimal known = unseen.stream().map(Move::change).reduce(BigDecimal.ZERO, BigDecimal::add);
    return serverNow.subtract(expected).subtract(known);
  }

  /** Who made a move, as far as this laptop can tell. */
  public enum Mover {
    /** Made on this laptop after the count was taken. */
    THIS_LAPTOP,
    /** Made by the same user as the count, on another laptop. */
    YOU_ELSEWHERE,
    /** Made by another user (the protocol carries user ids only, no names). */
    SOMEONE_ELSE
  }

  /**
   * One move at the counted location that the count did not include: {@code change} is signed (what
   * it added to or took from the location), {@code at} when it happened.
   */
  public record Move(
      MovementReason reason, BigDecimal change, String reference, Instant at, Mover by) {}
}
