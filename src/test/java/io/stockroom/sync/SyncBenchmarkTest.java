package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.ItemDraft;
import io.stockroom.server.ServerConfig;
import io.stockroom.server.StockroomServer;
import io.stockroom.server.auth.Role;
import io.stockroom.store.LocalStore;
import io.stockroom.testing.ChildJvm;
import io.stockroom.testing.CliServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync benchmarks of docs/benchmarks/sync.md and docs/benchmarks/peers.md: first sync, push,
 * and a live change seen on another laptop (from laptop A's write, and, in the shape of PouchDB's
 * live measure, from a write at the server). Heavy (seeds 100,000 items), so they run only with
 * {@code -Dstockroom.bench=true}: {@code mvn -B test -Dtest=SyncBenchmarkTest
 * -Dstockroom.bench=true}.
 */
@EnabledIfSystemProperty(named = "stockroom.bench", matches = "true")
class SyncBenchmarkTest {

  @TempDir Path tmp;

  @Test
  void firstSyncPushAndLiveVisibility() throws Exception {
    try (BenchServer server = BenchServer.start(tmp.resolve("server"))) {
      // 1. First sync of 100,000 items into a fresh profile.
      TimedTransports timing = new TimedTransports();
      try (LocalStore store =
              LocalStore.open(tmp.resolve("a"), Clock.systemUTC(), IdGenerator.secure());
          SyncAgent a = PeerMeasures.agent(store, false, timing)) {
        a.signIn(server.url(), server.user(), server.password());
        long t0 = System.nanoTime();
        CycleResult first = a.runOnce();
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(first.ok()).isTrue();
        assertThat(store.catalog().count("")).isEqualTo(server.items());
        System.out.printf(
            "BENCH first sync: %d records in %d ms, %d bytes received%n",
            first.pulled(), firstMs, first.bytesReceived());
        // The word index is read from the names at the first word search (decision record 0052).
        PeerMeasures.awaitWords(store);
        System.out.printf(
            "BENCH word index read %d ms after the first sync%n",
            (System.nanoTime() - t0) / 1_000_000 - firstMs);
        assertThat(store.catalog().count("bolt")).isPositive();

        // 2. Push of 1,000 queued mutations.
        for (int i = 0; i < 1000; i++) {
          store.catalog().create(ItemDraft.of("PUSH-" + i, "Pushed item " + i));
        }
        // The 1,000 creates took a second here; a user queues them over hours, long after the
        // compiler has finished with the create paths. Let it finish before the push is timed.
        System.out.printf(
            "BENCH compiler settled %d ms after the creates%n", PeerMeasures.awaitCompiler());
        timing.reset();
        long t1 = System.nanoTime();
        CycleResult push = a.runOnce();
        long pushMs = (System.nanoTime() - t1) / 1_000_000;
        assertThat(push.accepted()).isEqualTo(1000);
        System.out.printf(
            "BENCH push of 1000 mutations: cycle %d ms (pull, push, pull), %d bytes sent%n",
            pushMs, push.bytesSent());
        System.out.printf(
            "BENCH push of 1000 mutations alone: %d ms from claim to last mark, %d ms in %d push"
                + " request(s) %s%n",
            timing.pushPhaseMillis(),
            timing.pushRequestMillis(),
            timing.pushRequests(),
            timing.pushRequestList());
      }

      // 3. A change on laptop A visible on laptop B through the live channel.
      try (LocalStore sa =
              LocalStore.open(tmp.resolve("la"), Clock.systemUTC(), IdGenerator.secure());
          LocalStore sb =
              LocalStore.open(tmp.resolve("lb"), Clock.systemUTC(), IdGenerator.secure());
          SyncAgent a = PeerMeasures.agent(sa, true, null);
          SyncAgent b = PeerMeasures.agent(sb, true, null)) {
        a.signIn(server.url(), server.user(), server.password());
        b.signIn(server.url(), server.user(), server.password());
        assertThat(a.runOnce().ok()).isTrue();
        assertThat(b.runOnce().ok()).isTrue();
        PeerMeasures.awaitWords(sa);
        PeerMeasures.awaitWords(sb);
        a.start();
        b.start();
        // Both live sockets open and both start-up cycles done.
        for (SyncAgent agent : List.of(a, b)) {
          org.awaitility.Awaitility.await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      agent.scheduler().status().liveConnected()
                          && agent.scheduler().status().state() == SyncStatus.State.ONLINE);
        }
        long[] samples = new long[5];
        for (int i = 0; i < samples.length; i++) {
          String sku = "LIVE-" + i;
          long t = System.nanoTime();
          sa.catalog().create(ItemDraft.of(sku, "Live " + i));
          a.localWrite();
          while (sb.catalog().findBySku(sku).isEmpty()) {
            Thread.sleep(2);
            assertThat(System.nanoTime() - t).isLessThan(Duration.ofSeconds(10).toNanos());
          }
          samples[i] = (System.nanoTime() - t) / 1_000_000;
        }
        System.out.printf("BENCH live A->B ms: %s%n", java.util.Arrays.toString(samples));

        // 4. The peer's live measure (PouchDB: "server write start -> client changes feed"): a
        // write at the server, here another client's push, from the start of its request until
        // laptop B holds it. Unlike A->B, no laptop's local write or push is inside.
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        io.stockroom.protocol.JsonCodec codec = new io.stockroom.protocol.JsonCodec();
        String token =
            BenchColleague.login(http, codec, server.url(), server.user(), server.password());
        java.util.Random random = new java.util.Random(11);
        long[] fromServer = new long[10];
        for (int i = 0; i < fromServer.length; i++) {
          String sku = "SERVER-" + i;
          long t = System.nanoTime();
          BenchColleague.push(
              http,
              codec,
              server.url(),
              token,
              List.of(BenchColleague.itemCreate(random, sku, "Server write " + i)));
          while (sb.catalog().findBySku(sku).isEmpty()) {
            Thread.sleep(1);
            assertThat(System.nanoTime() - t).isLessThan(Duration.ofSeconds(10).toNanos());
          }
          fromServer[i] = (System.nanoTime() - t) / 1_000_000;
        }
        System.out.printf(
            "BENCH live server write -> B ms: %s%n", java.util.Arrays.toString(fromServer));
      }
    }
  }

  /**
   * The server the benchmark syncs with, seeded with 100,000 items: in this JVM (the default), or
   * with {@code -Dstockroom.bench.server=process} in a JVM of its own started through the command
   * line ({@code server --demo --demo-items 100000}), as a deployment runs it. In this JVM, server
   * and client share the JIT compiler's profile of every library both use (H2, jOOQ, Jackson), so
   * code compiled for one is deoptimized for the other; a separate server keeps them apart.
   */
  private interface BenchServer extends AutoCloseable {

    String url();

    String user();

    String password();

    /** Items on the server before the benchmark's laptop first syncs. */
    int items();

    @Override
    void close();

    static BenchServer start(Path data) throws Exception {
      String mode = System.getProperty("stockroom.bench.server", "in-process");
      return switch (mode) {
        case "in-process" -> inProcess(data);
        case "process" -> separateProcess(data);
        default -> throw new IllegalArgumentException("stockroom.bench.server: " + mode);
      };
    }

    private static BenchServer inProcess(Path data) {
      StockroomServer server =
          StockroomServer.open(
                  ServerConfig.h2(data, 0)
                      .withPasswordIterations(1_000)
                      .withIds(IdGenerator.secure()))
              .start();
      server.seeder().seed(100_000);
      server.accounts().createUser("bench", Role.STAFF, List.of("MAIN"), "bench");
      return new BenchServer() {
        @Override
        public String url() {
          return server.url();
        }

        @Override
        public String user() {
          return "bench";
        }

        @Override
        public String password() {
          return "bench";
        }

        @Override
        public int items() {
          return 100_000;
        }

        @Override
        public void close() {
          server.close();
        }
      };
    }

    private static BenchServer separateProcess(Path data) throws Exception {
      Process p = CliServer.start(data, "--demo", "--demo-items", "100000");
      // Should this JVM end without closing the server (a killed run), the server goes too.
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "bench-server-stop"));
      try {
        BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String url = CliServer.awaitUrl(out);
        // Keep reading, so a full pipe never stalls the server.
        Thread drain =
            new Thread(
                () -> {
                  try {
                    out.transferTo(Writer.nullWriter());
                  } catch (IOException gone) {
                    // the server stopped
                  }
                },
                "bench-server-output");
        drain.setDaemon(true);
        drain.start();
        int warm = Integer.getInteger("stockroom.bench.warm-server", 0);
        if (warm > 0) {
          warmUp(url, warm);
        }
        return new BenchServer() {
          @Override
          public String url() {
            return url;
          }

          @Override
          public String user() {
            return "demo";
          }

          @Override
          public String password() {
            return "demo";
          }

          @Override
          public int items() {
            return 100_000 + warm;
          }

          @Override
          public void close() {
            stop(p);
          }
        };
      } catch (Exception | Error e) {
        stop(p);
        throw e;
      }
    }

    /**
     * With {@code -Dstockroom.bench.warm-server=N}: another laptop, in a JVM of its own, pushes N
     * item creates first ({@link BenchColleague}), so the laptop measured here pushes to a server
     * in service, as in a deployment, not to one that has never run a push.
     */
    private static void warmUp(String url, int creates) throws Exception {
      long start = System.nanoTime();
      Process colleague =
          new ProcessBuilder(
                  ChildJvm.command(
                      BenchColleague.class.getName(),
                      url,
                      "demo",
                      "demo",
                      Integer.toString(creates)))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      if (!colleague.waitFor(5, TimeUnit.MINUTES) || colleague.exitValue() != 0) {
        colleague.destroyForcibly();
        throw new IllegalStateException("the colleague's push failed");
      }
      System.out.printf(
          "BENCH server warmed: another JVM pushed %d item creates in %d ms%n",
          creates, (System.nanoTime() - start) / 1_000_000);
    }

    private static void stop(Process p) {
      p.destroy(); // SIGTERM: the server stops cleanly
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
