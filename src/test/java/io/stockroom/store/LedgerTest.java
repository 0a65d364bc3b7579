package io.stockroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LedgerTest {

  private static final UUID A = UUID.randomUUID();
  private static final UUID B = UUID.randomUUID();

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  void transferAgainstLevelsIsJudgedPerSide() {
    // Accepted at version 8: A's level (v10) includes it, B's level (v5) does not yet.
    var move = new Ledger.Move(A, B, d("3"), 8L, "synced");
    var result =
        Ledger.onHand(
            List.of(new Ledger.Level(A, d("7"), 10L), new Ledger.Level(B, d("0"), 5L)),
            List.of(move),
            List.of());

    assertThat(result.get(A)).isEqualByComparingTo("7");
    assertThat(result.get(B)).isEqualByComparingTo("3");
  }

  @Test
  void pendingAndUnversionedMovementsAreNeverIncluded() {
    var level = new Ledger.Level(A, d("1"), 100L);
    assertThat(Ledger.included(new Ledger.Move(null, A, d("1"), 5L, "pending"), level)).isFalse();
    assertThat(Ledger.included(new Ledger.Move(null, A, d("1"), null, "synced"), level)).isFalse();
    assertThat(Ledger.included(new Ledger.Move(null, A, d("1"), 100L, "synced"), level)).isTrue();
    assertThat(Ledger.included(new Ledger.Move(null, A, d("1"), 101L, "synced"), level)).isFalse();
    assertThat(Ledger.included(new Ledger.Move(null, A, d("1"), 1L, "synced"), null)).isFalse();
  }

  @Test
  void pendingCountCorrectionsAdd() {
    var result = Ledger.onHand(List.of(), List.of(), List.of(new Ledger.Correction(A, d("-2"))));
    assertThat(result.get(A)).isEqualByComparingTo("-2");
  }
}
