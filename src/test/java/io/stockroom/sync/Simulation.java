package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.ConflictService;
import io.stockroom.domain.CountResolution;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemConflict;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ItemField;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.domain.OnHand;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.StockCount;
import io.stockroom.domain.StockMovement;
import io.stockroom.domain.SyncConflict;
import io.stockroom.server.TestServer;
import io.stockroom.store.LocalStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The deterministic simulation behind {@link SimulationTest}: five laptops and the real server,
 * random offline edits, moves, counts and syncs over a seeded fault-injecting network (lost
 * requests and responses, duplicates, delays, reordering, disconnects), laptop clocks skewed by up
 * to an hour. After the faults stop and everyone syncs until quiet, every laptop equals the server,
 * every operation landed exactly once, every level is the sum of its movements and nothing is left
 * queued or unsettled.
 *
 * <p>Everything a scenario does comes from its seed: the operations, the faults, the ids, the
 * backoff jitter, and the time, which is virtual (the server's clock and every laptop's skewed view
 * of it only move when the simulation moves them). Decision record 0025 says what is not
 * deterministic and why a replay is still exact.
 *
 * <p>One server and five laptops serve every seed: the laptops are signed in and synced once, and
 * each scenario continues where the previous one left them, working only on its own items (SKUs
 * {@code S<seed>-...}) and references, so what its steps see does not depend on the seeds before
 * it. After a failed seed the laptops are rebuilt from scratch. {@link #run(long)} returns the
 * scenario's trace (every step, every cycle's counts, every network decision, the final state),
 * which is equal for equal seeds.
 */
final class Simulation implements AutoCloseable {

  static final int CLIENTS = 5;
  static final int STEPS = 50;
  static final int SHARED_ITEMS = 3;

  /**
   * The chance that an exchange meets a fault. A cycle is some fifteen exchanges and any fault ends
   * it, so about a third of the cycles under faults get through.
   */
  static final double FAULT_RATE = 0.08;

  static final int MAX_FINAL_ROUNDS = 8;
  static final List<String> BINS = List.of("A-01", "A-02", "B-01", "B-02", "C-01");

  /** Virtual time of the first scenario; seed {@code s} starts {@code s} spans later. */
  static final Instant EPOCH = Instant.parse("2030-01-01T00:00:00Z");

  /** Longer than a scenario takes in virtual time, skew and the final two hours included. */
  static final Duration SPAN = Duration.ofHours(6);

  private final Path root;

  /** The world's time: the server's clock; each laptop sees it through its own skew. */
  private final MutableClock world;

  private final TestServer server;
  private final Path template;
  private final List<Client> clients = new ArrayList<>();
  private final ServerState mirror;
  private int generation;

  /** Starts the server (virtual clock, seeded ids) in {@code root}; laptops come with a run. */
  Simulation(Path root) {
    this.root = root;
    this.world = MutableClock.at(EPOCH);
    this.template = root.resolve("template");
    LocalStore.open(template, world, IdGenerator.seeded(1)).close();
    this.server = TestServer.start(root.resolve("server"), 20, world, IdGenerator.seeded(2));
    this.mirror = new ServerState(server);
  }

  /**
   * Runs one seed's scenario and checks its outcome; returns its trace. After a failure the next
   * run starts from fresh laptops.
   */
  String run(long seed) {
    if (clients.isEmpty()) {
      buildClients();
    }
    Scenario s = new Scenario(seed);
    try {
      return s.run();
    } catch (AssertionError | RuntimeException e) {
      closeClients();
      throw new AssertionError(
          "faults injected: " + s.faults() + "\n" + e.getMessage() + "\ntrace:\n" + s.trace, e);
    }
  }

  @Override
  public void close() {
    closeClients();
    server.close();
  }

  /** One laptop of the simulation, and what a scenario re-seeds on it. */
  private final class Client {
    final int index;
    final MutableClock clock;
    final ScenarioIds ids = new ScenarioIds();
    final Transport http;
    final Laptop laptop;
    FaultyTransport net;

    Client(int index, Path dir) {
      this.index = index;
      this.clock = new MutableClock(world, Duration.ZERO);
      this.http = new HttpTransport(server.url());
      ids.reseed(Laptop.derive(index, 7));
      copy(template, dir);
      // Distinct HLC nodes: the template's is shared by every copy (read when a store opens).
      try (LocalStore s = LocalStore.open(dir, clock, ids)) {
        s.settings().put("hlc.node", "sim" + index);
      }
      this.laptop = new Laptop(dir, clock, ids, index, url -> http).signIn(server, "demo");
    }
  }

  /** Ids from a seed that each scenario sets again, so a long-lived store makes scenario ids. */
  static final class ScenarioIds implements IdGenerator {
    private IdGenerator current;

    void reseed(long seed) {
      current = IdGenerator.seeded(seed);
    }

    @Override
    public UUID next() {
      return current.next();
    }
  }

  private void closeClients() {
    for (Client c : clients) {
      c.laptop.close();
    }
    clients.clear();
  }

  /** Fresh laptops, signed in and synced with everything the server holds. */
  private void buildClients() {
    closeClients();
    generation++;
    for (int i = 0; i < CLIENTS; i++) {
      Client c = new Client(i, root.resolve("laptops-" + generation).resolve("laptop" + i));
      clients.add(c);
      CycleResult first = c.laptop.sync();
      assertThat(first.ok()).as("first sync of a fresh laptop: %s", first.error()).isTrue();
    }
  }

  static String summary(CycleResult r) {
    return r.outcome()
        + " pulled="
        + r.pulled()
        + " pushed="
        + r.pushed()
        + " accepted="
        + r.accepted()
        + " conflicts="
        + r.conflicts()
        + " rejected="
        + r.rejected()
        + " failed="
        + r.failed();
  }

  /** One seed's run. */
  final class Scenario {
    final long seed;
    final Random rnd;
    final String prefix;
    final List<String> skus = new ArrayList<>();
    final Map<String, Integer> expectedMoves = new TreeMap<>();
    final List<UUID> countIds = new ArrayList<>();
    int settled;
    final StringBuilder trace = new StringBuilder();

    Scenario(long seed) {
      this.seed = seed;
      this.rnd = new Random(seed);
      this.prefix = "S" + seed + "-";
    }

    String faults() {
      StringBuilder b = new StringBuilder();
      for (Client c : clients) {
        if (c.net != null) {
          b.append("laptop").append(c.index).append(c.net.injected()).append(' ');
        }
      }
      return b.toString().strip();
    }

    String run() {
      world.advanceTo(EPOCH.plus(SPAN.multipliedBy(Math.floorMod(seed, 1_000_000L))));
      for (Client c : clients) {
        int i = c.index;
        c.clock.set(Duration.ofSeconds(rnd.nextInt(7201) - 3600)); // +-1 hour skew
        c.ids.reseed(Laptop.derive(seed, 10 + i));
        FaultyTransport net =
            new FaultyTransport(c.http, Laptop.derive(seed, 20 + i), FAULT_RATE, world);
        net.heal(); // clean until the shared items are everywhere
        c.net = net;
        c.laptop.restartAgent(Laptop.derive(seed, 30 + i), url -> net);
      }
      // A few items every laptop has before it goes offline, so their edits, moves and counts
      // meet each other.
      Client creator = clients.get(rnd.nextInt(CLIENTS));
      for (int k = 0; k < SHARED_ITEMS; k++) {
        String sku = prefix + "shared-" + k;
        creator.laptop.store.catalog().create(ItemDraft.of(sku, "Shared " + k));
        skus.add(sku);
      }
      for (int k = 0; k < CLIENTS; k++) {
        Client c = clients.get((creator.index + k) % CLIENTS); // the creator first
        CycleResult r = c.laptop.sync();
        trace.append("start laptop").append(c.index).append(' ').append(summary(r)).append('\n');
        assertThat(r.ok()).as("sync before the faults: %s", r.error()).isTrue();
      }
      for (Client c : clients) {
        c.net.enable();
      }

      for (int step = 0; step < STEPS; step++) {
        world.advance(Duration.ofSeconds(rnd.nextInt(30)));
        step(step, clients.get(rnd.nextInt(CLIENTS)));
      }

      // The faults stop; what the network held arrives; retries fall due; everyone settles what
      // the inbox asks and syncs, round after round, until a round in which nobody sends anything:
      // then every laptop has pulled every change, the last ones in that round.
      clients.forEach(c -> c.net.heal());
      world.advance(Duration.ofHours(2));
      boolean quiet = false;
      for (int round = 0; round < MAX_FINAL_ROUNDS && !quiet; round++) {
        quiet = true;
        for (Client c : clients) {
          int before = settled;
          settleAll(c);
          int retried = retryFailed(c);
          CycleResult r = c.laptop.sync();
          trace.append("final laptop").append(c.index).append(' ').append(summary(r)).append('\n');
          assertThat(r.ok()).as("final sync of laptop %d: %s", c.index, r.error()).isTrue();
          if (r.pushed() > 0 || settled > before || retried > 0) {
            quiet = false;
          }
        }
      }
      assertThat(quiet).as("nothing left to send after %d rounds", MAX_FINAL_ROUNDS).isTrue();
      for (Client c : clients) {
        trace.append("net laptop").append(c.index).append(' ').append(c.net.log()).append('\n');
      }
      check();
      return trace.toString();
    }

    void step(int step, Client c) {
      LocalStore store = c.laptop.store;
      int op = rnd.nextInt(100);
      trace.append(step).append(" laptop").append(c.index).append(" op").append(op);
      if (op < 10) {
        String sku = prefix + c.index + "-" + step;
        store.catalog().create(ItemDraft.of(sku, "Item " + step));
        skus.add(sku);
      } else if (op < 30) {
        Item it = pick(store);
        if (it != null) {
          store
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
        }
      } else if (op < 55) {
        Item it = pick(store);
        if (it != null) {
          String ref = "op-" + seed + "-" + step;
          MovementReason reason = MovementReason.values()[rnd.nextInt(3)];
          String from =
              reason == MovementReason.RECEIVE ? null : BINS.get(rnd.nextInt(BINS.size()));
          String to = reason == MovementReason.PICK ? null : BINS.get(rnd.nextInt(BINS.size()));
          if (reason == MovementReason.TRANSFER && from.equals(to)) {
            to = BINS.get((BINS.indexOf(from) + 1) % BINS.size());
          }
          store
              .stock()
              .record(
                  new MovementRequest(
                      it.id(), reason, from, to, BigDecimal.valueOf(1 + rnd.nextInt(9)), ref));
          expectedMoves.put(ref, 1);
        }
      } else if (op < 67) {
        Item it = pick(store);
        if (it != null) {
          String bin = BINS.get(rnd.nextInt(BINS.size()));
          StockCount count = store.stock().count(it.id(), bin, BigDecimal.valueOf(rnd.nextInt(20)));
          countIds.add(count.id());
        }
      } else if (op < 72) {
        c.net.disconnect(1 + rnd.nextInt(5));
      } else if (op < 77) {
        // Somewhere on the network a held-up request of some laptop arrives.
        clients.get(rnd.nextInt(CLIENTS)).net.deliverHeld();
      } else if (op < 82) {
        settleAll(c);
      } else {
        trace.append(' ').append(summary(c.laptop.sync())); // may fail: the network is faulty
      }
      trace.append('\n');
    }

    /** One of this scenario's items this laptop has (null if none yet). */
    Item pick(LocalStore store) {
      if (skus.isEmpty()) {
        return null;
      }
      int start = rnd.nextInt(skus.size());
      for (int k = 0; k < skus.size(); k++) {
        Item it = store.catalog().findBySku(skus.get((start + k) % skus.size())).orElse(null);
        if (it != null) {
          return it;
        }
      }
      return null;
    }

    /** The user settles every open inbox entry, choosing at random. */
    void settleAll(Client c) {
      ConflictService inbox = c.laptop.store.conflictInbox();
      for (SyncConflict conflict : inbox.list(false)) {
        settled++;
        if (conflict.entityType() == EntityType.STOCK_COUNTS) {
          inbox.resolveCount(
              conflict.id(),
              rnd.nextBoolean() ? CountResolution.APPLY_ANYWAY : CountResolution.DISCARD);
        } else if (conflict.entityType() == EntityType.ITEMS && rnd.nextBoolean()) {
          ItemConflict ic = inbox.item(conflict.id());
          Map<ItemField, String> mine = new EnumMap<>(ItemField.class);
          for (ItemConflict.Field f : ic.fields()) {
            mine.put(f.field(), rnd.nextBoolean() ? f.yours() : f.theirs());
          }
          inbox.resolveItem(conflict.id(), mine);
        } else {
          inbox.dismiss(conflict.id());
        }
      }
    }

    /** The user presses retry on every failed mutation (those that ran out of retries). */
    int retryFailed(Client c) {
      List<QueuedMutation> failed = c.laptop.store.sync().failed();
      for (QueuedMutation m : failed) {
        c.laptop.store.outbox().retry(m.id());
      }
      return failed.size();
    }

    void check() {
      ServerState truth = mirror.refresh();
      Map<String, String> items = truth.itemsWithSkuPrefix(prefix);
      // Every created item landed exactly once.
      assertThat(items.values().stream().map(v -> v.substring(0, v.indexOf('|'))).sorted())
          .as("items on the server by SKU")
          .containsExactlyElementsOf(skus.stream().sorted().toList());
      // Every movement landed exactly once.
      Map<String, Integer> refs = new TreeMap<>();
      for (JsonNode m : truth.movements) {
        String ref = m.path("reference").asText("");
        if (ref.startsWith("op-" + seed + "-")) {
          refs.merge(ref, 1, Integer::sum);
        }
      }
      assertThat(refs).as("movements on the server by reference").isEqualTo(expectedMoves);
      // Every count landed once, is settled, and moved stock once if it was applied.
      Map<String, String> counts = truth.countStatuses(items.keySet());
      assertThat(counts.keySet())
          .as("counts on the server")
          .containsExactlyInAnyOrderElementsOf(countIds.stream().map(UUID::toString).toList());
      for (String id : counts.keySet()) {
        JsonNode count = truth.counts.get(id);
        long adjustments =
            truth.movements.stream()
                .filter(m -> m.path("reference").asText("").equals("count " + id))
                .count();
        assertThat(count.path("status").asText())
            .as("count %s settled", id)
            .isIn("applied", "discarded");
        assertThat(adjustments)
            .as("adjustments of count %s (%s)", id, count)
            .isEqualTo(count.path("movement_id").isNull() ? 0 : 1);
      }
      // Every level is the sum of its movements.
      assertThat(truth.levels).as("levels").isEqualTo(truth.levelsFromMovements());

      trace.append("items ").append(items).append('\n');
      trace.append("counts ").append(counts).append('\n');
      trace.append("moves ").append(refs).append('\n');
      trace.append("levels ").append(truth.levelsOf(items.keySet())).append('\n');

      List<String> serverMoves = truth.movementIdsOf(items.keySet());
      Map<String, BigDecimal> serverLevels = truth.levelsOf(items.keySet());
      for (Client c : clients) {
        LocalStore store = c.laptop.store;
        int i = c.index;
        assertThat(store.sync().openCount()).as("laptop %d open mutations", i).isZero();
        assertThat(store.conflictInbox().openCount()).as("laptop %d open conflicts", i).isZero();
        Map<String, String> localItems = new TreeMap<>();
        List<String> localMoves = new ArrayList<>();
        Map<String, BigDecimal> localLevels = new TreeMap<>();
        Map<String, String> localCounts = new TreeMap<>();
        for (String sku : skus) {
          Item it = store.catalog().findBySku(sku).orElse(null);
          if (it == null) {
            continue;
          }
          localItems.put(it.id().toString(), describe(it));
          for (StockMovement m : store.stock().movements(it.id(), 100_000)) {
            localMoves.add(m.id().toString());
          }
          for (OnHand h : store.stock().onHand(it.id())) {
            if (h.quantity().signum() != 0) {
              localLevels.put(it.id() + "|" + h.locationId(), h.quantity().stripTrailingZeros());
            }
          }
          for (StockCount k : store.stock().counts(it.id())) {
            localCounts.put(k.id().toString(), k.status());
          }
        }
        assertThat(localItems).as("laptop %d items", i).isEqualTo(items);
        assertThat(localMoves.stream().sorted().toList())
            .as("laptop %d movements", i)
            .isEqualTo(serverMoves);
        assertThat(localLevels).as("laptop %d on hand", i).isEqualTo(serverLevels);
        assertThat(localCounts).as("laptop %d counts", i).isEqualTo(counts);
      }
    }
  }

  static String describe(Item it) {
    return it.sku() + "|" + it.name() + "|" + it.category() + "|" + it.reorderPoint();
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
