package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.domain.OnHand;
import io.stockroom.domain.StockMovement;
import io.stockroom.server.TestServer;
import io.stockroom.store.LocalStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deterministic simulation: several laptops and the real server, random offline edits, moves and
 * syncs over a seeded fault-injecting network, clocks skewed by up to an hour. After the faults
 * stop and everyone syncs, every laptop equals the server, every operation landed exactly once,
 * every level is the sum of its movements and nothing is left queued.
 *
 * <p>Seeds: {@code -Dstockroom.sim.seeds=N} (default 25) from {@code -Dstockroom.sim.first=S};
 * replay one with {@code -Dstockroom.sim.seed=S}.
 */
class SimulationTest {

  static final int CLIENTS = 5;
  static final int STEPS = 60;
  static final List<String> BINS = List.of("A-01", "A-02", "B-01", "B-02", "C-01");

  @TempDir static Path shared;
  static Path template;

  /** One server for every seed: each seed works in its own SKUs and references. */
  static TestServer server;

  @BeforeAll
  static void template() {
    template = shared.resolve("template");
    LocalStore.open(template, java.time.Clock.systemUTC(), IdGenerator.seeded(1)).close();
    server = TestServer.start(shared.resolve("server"));
  }

  @org.junit.jupiter.api.AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  static Stream<Long> seeds() {
    String one = System.getProperty("stockroom.sim.seed");
    if (one != null && !one.isBlank()) {
      return Stream.of(Long.parseLong(one.strip()));
    }
    long first = Long.getLong("stockroom.sim.first", 1);
    long n = Long.getLong("stockroom.sim.seeds", 25);
    return LongStream.range(first, first + n).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void convergesWhateverTheNetworkDoes(long seed, @TempDir Path dir) throws Exception {
    try {
      run(seed, dir);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(
          "simulation seed "
              + seed
              + " failed; replay with: mvn -B test -Dtest=SimulationTest -Dstockroom.sim.seed="
              + seed
              + "\n"
              + e.getMessage(),
          e);
    }
  }

  private void run(long seed, Path dir) throws Exception {
    Random rnd = new Random(seed);
    List<Laptop> laptops = new ArrayList<>();
    List<FaultyTransport> nets = new ArrayList<>();
    List<MutableClock> clocks = new ArrayList<>();
    try {
      for (int i = 0; i < CLIENTS; i++) {
        Path p = dir.resolve("laptop" + i);
        copy(template, p);
        MutableClock clock =
            new MutableClock(Duration.ofSeconds(rnd.nextInt(7200) - 3600)); // +-1 hour skew
        long netSeed = seed * 31 + i;
        Laptop l =
            new Laptop(
                p,
                clock,
                seed * 17 + i,
                url -> {
                  FaultyTransport f = new FaultyTransport(new HttpTransport(url), netSeed, 0.25);
                  f.enabled(false);
                  nets.add(f);
                  return f;
                });
        l.store.settings().put("hlc.node", "sim" + i);
        l.reopen();
        l.signIn(server, "demo");
        laptops.add(l);
        clocks.add(clock);
      }
      // signIn built one transport per laptop, in order; later reopen builds more.
      List<FaultyTransport> perLaptop =
          new ArrayList<>(nets.subList(nets.size() - CLIENTS, nets.size()));
      for (Laptop l : laptops) {
        assertThat(l.sync().ok()).isTrue(); // a first clean sync
      }
      perLaptop.forEach(f -> f.enabled(true));

      int ops = 0;
      Map<String, Integer> expectedMoves = new HashMap<>();
      for (int step = 0; step < STEPS; step++) {
        int c = rnd.nextInt(CLIENTS);
        Laptop l = laptops.get(c);
        clocks.get(c).advance(Duration.ofSeconds(rnd.nextInt(30)));
        int op = rnd.nextInt(100);
        List<Item> items = l.store.catalog().search("", 0, 1000);
        if (op < 20) {
          l.store.catalog().create(ItemDraft.of("S" + seed + "-" + c + "-" + step, "Item " + step));
        } else if (op < 40 && !items.isEmpty()) {
          Item it = items.get(rnd.nextInt(items.size()));
          l.store
              .catalog()
              .update(
                  it.id(),
                  new ItemDraft(
                      it.sku(),
                      it.barcode(),
                      rnd.nextBoolean() ? "Renamed " + step : it.name(),
                      it.description(),
                      it.unit(),
                      rnd.nextBoolean() ? "cat" + rnd.nextInt(5) : it.category(),
                      rnd.nextInt(20)));
        } else if (op < 75 && !items.isEmpty()) {
          Item it = items.get(rnd.nextInt(items.size()));
          String ref = "op-" + seed + "-" + step;
          MovementReason reason = MovementReason.values()[rnd.nextInt(3)];
          String from =
              reason == MovementReason.RECEIVE ? null : BINS.get(rnd.nextInt(BINS.size()));
          String to = reason == MovementReason.PICK ? null : BINS.get(rnd.nextInt(BINS.size()));
          if (reason == MovementReason.TRANSFER && from.equals(to)) {
            to = BINS.get((BINS.indexOf(from) + 1) % BINS.size());
          }
          l.store
              .stock()
              .record(
                  new MovementRequest(
                      it.id(), reason, from, to, BigDecimal.valueOf(1 + rnd.nextInt(9)), ref));
          expectedMoves.put(ref, 1);
        } else if (op < 80) {
          perLaptop.get(c).disconnect(1 + rnd.nextInt(5));
        } else {
          l.sync();
        }
        ops++;
      }

      // Faults stop; everyone's retries fall due; everyone syncs until quiet.
      perLaptop.forEach(f -> f.enabled(false));
      clocks.forEach(k -> k.advance(Duration.ofHours(2)));
      for (int round = 0; round < 3; round++) {
        for (Laptop l : laptops) {
          CycleResult r = l.sync();
          assertThat(r.ok()).as("final sync of a laptop: %s", r.error()).isTrue();
        }
      }

      ServerState truth = ServerState.read(server);
      // Every operation landed exactly once.
      Map<String, Integer> refs = new TreeMap<>();
      for (JsonNode m : truth.movements) {
        String ref = m.path("reference").asText("");
        if (ref.startsWith("op-" + seed + "-")) {
          refs.merge(ref, 1, Integer::sum);
        }
      }
      assertThat(refs)
          .as("movements on the server by reference")
          .isEqualTo(new TreeMap<>(expectedMoves));
      // Every level is the sum of its movements.
      assertThat(truth.levels).isEqualTo(truth.levelsFromMovements());
      for (int i = 0; i < CLIENTS; i++) {
        Laptop l = laptops.get(i);
        assertThat(l.store.sync().openCount()).as("laptop %d open mutations", i).isZero();
        assertThat(itemsOf(l)).as("laptop %d items", i).isEqualTo(truth.items);
        assertThat(movementIds(l)).as("laptop %d movements", i).isEqualTo(truth.movementIds());
        assertThat(onHandOf(l)).as("laptop %d on hand", i).isEqualTo(truth.levels);
      }
      assertThat(ops).isEqualTo(STEPS);
    } finally {
      Laptop.closeAll(laptops);
    }
  }

  static Map<String, String> itemsOf(Laptop l) {
    Map<String, String> out = new TreeMap<>();
    for (Item it : l.store.catalog().search("", 0, 100_000)) {
      out.put(
          it.id().toString(),
          it.sku() + "|" + it.name() + "|" + it.category() + "|" + it.reorderPoint());
    }
    return out;
  }

  static List<String> movementIds(Laptop l) {
    return l.store.stock().activity(1_000_000).stream()
        .map(StockMovement::id)
        .map(Object::toString)
        .sorted()
        .toList();
  }

  static Map<String, BigDecimal> onHandOf(Laptop l) {
    Map<String, BigDecimal> out = new TreeMap<>();
    for (Item it : l.store.catalog().search("", 0, 100_000)) {
      for (OnHand h : l.store.stock().onHand(it.id())) {
        if (h.quantity().signum() != 0) {
          out.put(it.id() + "|" + h.locationId(), h.quantity().stripTrailingZeros());
        }
      }
    }
    return out;
  }

  /** What the server holds, read over the protocol as the demo user. */
  static final class ServerState {
    final Map<String, String> items = new TreeMap<>();
    final List<JsonNode> movements = new ArrayList<>();
    final Map<String, BigDecimal> levels = new TreeMap<>();

    static ServerState read(TestServer server) {
      String token = server.login("demo", "demo");
      ServerState s = new ServerState();
      for (JsonNode it : all(server, token, "items")) {
        s.items.put(
            it.get("id").asText(),
            it.get("sku").asText()
                + "|"
                + it.get("name").asText()
                + "|"
                + (it.get("category").isNull() ? null : it.get("category").asText())
                + "|"
                + it.get("reorder_point").asInt());
      }
      s.movements.addAll(all(server, token, "stock_movements"));
      for (JsonNode lv : all(server, token, "stock_levels")) {
        BigDecimal q = lv.get("quantity").decimalValue();
        if (q.signum() != 0) {
          s.levels.put(
              lv.get("item_id").asText() + "|" + lv.get("location_id").asText(),
              q.stripTrailingZeros());
        }
      }
      return s;
    }

    List<String> movementIds() {
      return movements.stream().map(m -> m.get("id").asText()).sorted().toList();
    }

    Map<String, BigDecimal> levelsFromMovements() {
      Map<String, BigDecimal> sum = new HashMap<>();
      for (JsonNode m : movements) {
        BigDecimal q = m.get("quantity").decimalValue();
        String item = m.get("item_id").asText();
        if (!m.get("to_location_id").isNull()) {
          sum.merge(item + "|" + m.get("to_location_id").asText(), q, BigDecimal::add);
        }
        if (!m.get("from_location_id").isNull()) {
          sum.merge(item + "|" + m.get("from_location_id").asText(), q.negate(), BigDecimal::add);
        }
      }
      Map<String, BigDecimal> out = new TreeMap<>();
      sum.forEach(
          (k, v) -> {
            if (v.signum() != 0) {
              out.put(k, v.stripTrailingZeros());
            }
          });
      return out;
    }

    static List<JsonNode> all(TestServer server, String token, String entity) {
      List<JsonNode> out = new ArrayList<>();
      String cursor = "";
      while (true) {
        JsonNode page =
            server
                .get("/api/sync/pull?entity=" + entity + "&limit=1000&since=" + cursor, token)
                .json();
        page.get("records").forEach(out::add);
        cursor = URLEncoder.encode(page.get("cursor").asText(), StandardCharsets.UTF_8);
        if (!page.get("has_more").asBoolean()) {
          return out;
        }
      }
    }
  }

  static void copy(Path from, Path to) {
    try (Stream<Path> files = Files.list(from)) {
      Files.createDirectories(to);
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
