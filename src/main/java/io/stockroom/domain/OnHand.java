package io.stockroom.domain;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Stock of one item in one location: the server's last level plus every local movement that level
 * does not include yet. Negative is allowed (a physical fact recorded offline is never refused) and
 * flagged.
 */
public record OnHand(UUID locationId, String locationCode, BigDecimal quantity) {

  public boolean negative() {
    return quantity.signum() < 0;
  }
}
