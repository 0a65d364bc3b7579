package io.stockroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.store.Ledger.Correction;
import io.stockroom.store.Ledger.Level;
import io.stockroom.store.Ledger.Move;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Stock as a commutative ledger (DESIGN.md 4, decision record 0002), as properties over many seeded
 * random histories: pulled levels of some bins at some server version, movements synced or pending,
 * counts still pending. A failing history names its seed, so it can be replayed.
 */
class LedgerPropertiesTest {

  static final int RUNS = 500;

  /** A random history over four bins. */
  record History(List<Level> levels, List<Move> moves, List<Correction> corrections) {}

  static final List<UUID> BINS =
      List.of(new UUID(0, 1), new UUID(0, 2), new UUID(0, 3), new UUID(0, 4));

  static BigDecimal qty(Random r) {
    return BigDecimal.valueOf(1 + r.nextInt(100_000), 3);
  }

  static UUID bin(Random r) {
    return BINS.get(r.nextInt(BINS.size()));
  }

  static Move move(Random r, boolean pending) {
    UUID from = null;
    UUID to = null;
    switch (r.nextInt(3)) {
      case 0 -> to = bin(r); // receive
      case 1 -> from = bin(r); // pick
      default -> {
        from = bin(r);
        do {
          to = bin(r);
        } while (to.equals(from));
      }
    }
    return pending
        ? new Move(from, to, qty(r), null, "pending")
        : new Move(from, to, qty(r), 1L + r.nextInt(200), "synced");
  }

  static History history(long seed) {
    Random r = new Random(seed);
    List<Level> levels = new ArrayList<>();
    for (UUID b : BINS) {
      if (r.nextBoolean()) {
        levels.add(new Level(b, qty(r), r.nextInt(4) == 0 ? null : 1L + r.nextInt(200)));
      }
    }
    List<Move> moves = new ArrayList<>();
    for (int i = r.nextInt(30); i > 0; i--) {
      moves.add(move(r, r.nextInt(3) == 0));
    }
    List<Correction> corrections = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      corrections.add(new Correction(bin(r), qty(r).subtract(qty(r))));
    }
    return new History(levels, moves, corrections);
  }

  static Map<UUID, BigDecimal> onHand(History h) {
    return Ledger.onHand(h.levels(), h.moves(), h.corrections());
  }

  static BigDecimal at(Map<UUID, BigDecimal> onHand, UUID bin) {
    return onHand.getOrDefault(bin, BigDecimal.ZERO);
  }

  static void assertSameStock(Map<UUID, BigDecimal> a, Map<UUID, BigDecimal> b, long seed) {
    for (UUID bin : BINS) {
      assertThat(at(a, bin)).as("seed %d", seed).isEqualByComparingTo(at(b, bin));
    }
  }

  @Test
  void theOrderInWhichFactsArriveDoesNotMatter() {
    for (long seed = 0; seed < RUNS; seed++) {
      History h = history(seed);
      Random r = new Random(~seed);
      List<Move> moves = new ArrayList<>(h.moves());
      List<Correction> corrections = new ArrayList<>(h.corrections());
      List<Level> levels = new ArrayList<>(h.levels());
      Collections.shuffle(moves, r);
      Collections.shuffle(corrections, r);
      Collections.shuffle(levels, r);
      assertSameStock(onHand(h), onHand(new History(levels, moves, corrections)), seed);
    }
  }

  @Test
  void aPendingMovementAlwaysCountsOnceWhateverTheLevelsSay() {
    for (long seed = 0; seed < RUNS; seed++) {
      History h = history(seed);
      Random r = new Random(seed * 31 + 1);
      Move m = move(r, true);
      List<Move> more = new ArrayList<>(h.moves());
      more.add(m);
      Map<UUID, BigDecimal> before = onHand(h);
      Map<UUID, BigDecimal> after = onHand(new History(h.levels(), more, h.corrections()));
      for (UUID bin : BINS) {
        BigDecimal delta = BigDecimal.ZERO;
        if (bin.equals(m.toLocationId())) {
          delta = delta.add(m.quantity());
        }
        if (bin.equals(m.fromLocationId())) {
          delta = delta.subtract(m.quantity());
        }
        assertThat(at(after, bin))
            .as("seed %d", seed)
            .isEqualByComparingTo(at(before, bin).add(delta));
      }
    }
  }

  @Test
  void aMovementALevelAlreadyCountsIsNotCountedAgain() {
    for (long seed = 0; seed < RUNS; seed++) {
      History h = history(seed);
      Random r = new Random(seed * 17 + 3);
      // The echo of a movement the server folded into every bin's level before computing it.
      long version = 1 + r.nextInt(200);
      List<Level> levels = new ArrayList<>();
      for (UUID b : BINS) {
        levels.add(new Level(b, qty(r), version + r.nextInt(50)));
      }
      Move echo = move(r, false);
      echo =
          new Move(echo.fromLocationId(), echo.toLocationId(), echo.quantity(), version, "synced");
      List<Move> more = new ArrayList<>(h.moves());
      more.add(echo);
      assertSameStock(
          onHand(new History(levels, h.moves(), h.corrections())),
          onHand(new History(levels, more, h.corrections())),
          seed);
    }
  }

  @Test
  void aTransferMovesStockWithoutMakingOrLosingAny() {
    for (long seed = 0; seed < RUNS; seed++) {
      History h = history(seed);
      Random r = new Random(seed * 13 + 5);
      UUID from = BINS.get(0);
      UUID to = BINS.get(1 + r.nextInt(BINS.size() - 1));
      Move transfer = new Move(from, to, qty(r), null, "pending");
      List<Move> more = new ArrayList<>(h.moves());
      more.add(transfer);
      BigDecimal before = onHand(h).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal after =
          onHand(new History(h.levels(), more, h.corrections())).values().stream()
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(after).as("seed %d", seed).isEqualByComparingTo(before);
    }
  }
}
