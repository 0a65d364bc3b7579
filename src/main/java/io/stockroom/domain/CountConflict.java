package io.stockroom.domain;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A cycle count that met moved stock: what was counted, what the laptop expected when the count
 * began, and the level the server holds now.
 */
public record CountConflict(
    UUID conflictId,
    UUID countId,
    String item,
    String location,
    BigDecimal counted,
    BigDecimal expected,
    BigDecimal serverNow) {

  /** The adjustment "apply my count anyway" records: counted minus the server's level. */
  public BigDecimal applyAdjustment() {
    return counted.subtract(serverNow);
  }
}
