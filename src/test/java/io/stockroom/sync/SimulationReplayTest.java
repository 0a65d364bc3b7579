package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulation is repeatable: a seed run after other seeds, on laptops and a server that carry
 * their history, and the same seed replayed alone on a fresh server and fresh laptops make the same
 * trace (every step, every cycle's counts, every network decision, the final state).
 */
class SimulationReplayTest {

  @Test
  void aSeedReplayedAloneRunsAsItDidAfterOthers(@TempDir Path a, @TempDir Path b) {
    String afterOthers;
    try (Simulation batch = new Simulation(a)) {
      batch.run(12);
      afterOthers = batch.run(13);
    }
    String alone;
    try (Simulation replay = new Simulation(b)) {
      alone = replay.run(13);
    }
    assertThat(alone).isEqualTo(afterOthers);
    assertThat(alone).contains("net laptop0 ").containsPattern("[RSDWHUX]");
  }
}
