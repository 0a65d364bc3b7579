package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.ItemDraft;
import io.stockroom.server.ServerConfig;
import io.stockroom.server.StockroomServer;
import io.stockroom.server.auth.Role;
import io.stockroom.store.LocalStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push benchmark of docs/benchmarks/push.md, repeated: a server seeded with {@code
 * stockroom.bench.items} items (default 20,000), one synced profile, then {@code
 * stockroom.bench.rounds} rounds (default 6) of 1,000 local creates and one sync cycle each. Per
 * round it prints the whole cycle, the push phase (claim, requests, marking), the push requests
 * alone, and the CPU time of the server's writer thread and of the pushing thread. The first round
 * runs the push paths cold, as the single push of {@code SyncBenchmarkTest} does. Run with {@code
 * mvn -B -o test -Dtest=PushBenchmarkTest -Dstockroom.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "stockroom.bench", matches = "true")
class PushBenchmarkTest {

  @TempDir Path tmp;

  @Test
  void pushOfAThousandMutations() throws Exception {
    int items = Integer.getInteger("stockroom.bench.items", 20_000);
    int rounds = Integer.getInteger("stockroom.bench.rounds", 6);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (StockroomServer server =
        StockroomServer.open(
                ServerConfig.h2(tmp.resolve("server"), 0)
                    .withPasswordIterations(1_000)
                    .withIds(IdGenerator.secure()))
            .start()) {
      server.seeder().seed(items);
      server.accounts().createUser("bench", Role.STAFF, List.of("MAIN"), "bench");
      Phases phases = new Phases();
      try (LocalStore store =
              LocalStore.open(tmp.resolve("a"), Clock.systemUTC(), IdGenerator.secure());
          SyncAgent a =
              new SyncAgent(
                  store,
                  Clock.systemUTC(),
                  SyncAgent.Options.defaults()
                      .withTimers(Duration.ofMinutes(5), Duration.ofMillis(20))
                      .withLive(false)
                      .withTransports(url -> phases.wrap(new HttpTransport(url))))) {
        a.signIn(server.url(), "bench", "bench");
        assertThat(a.runOnce().ok()).isTrue();
        // The word index, read from the names in the background (decision record 0052).
        long t0 = System.nanoTime();
        while (store.sync().wordIndexLoading()) {
          Thread.sleep(10);
          assertThat(System.nanoTime() - t0).isLessThan(Duration.ofMinutes(2).toNanos());
        }
        Thread writer = thread("stockroom-writer");
        for (int round = 1; round <= rounds; round++) {
          for (int i = 0; i < 1000; i++) {
            store.catalog().create(ItemDraft.of("PUSH-" + round + "-" + i, "Pushed " + i));
          }
          phases.reset();
          long writerCpu0 = threads.getThreadCpuTime(writer.getId());
          Map<String, Long> perThread0 = cpuByThread();
          long processCpu0 = processCpu();
          long start = System.nanoTime();
          CycleResult r = a.runOnce();
          long cycle = (System.nanoTime() - start) / 1_000_000;
          long processCpu = (processCpu() - processCpu0) / 1_000_000;
          Map<String, Long> perThread = cpuByThread();
          long writerCpu = (threads.getThreadCpuTime(writer.getId()) - writerCpu0) / 1_000_000;
          assertThat(r.accepted()).isEqualTo(1000);
          System.out.printf(
              "BENCH push round %d: cycle %d ms (process CPU %d ms), push phase %d ms (pushing thread CPU %d ms),"
                  + " push requests %s ms, server writer CPU %d ms%n",
              round,
              cycle,
              processCpu,
              phases.phaseMillis(),
              phases.phaseCpuMillis(),
              phases.requestMillis(),
              writerCpu);
          System.out.printf(
              "BENCH push round %d CPU by thread (ms): %s%n",
              round, busiest(perThread0, perThread));
        }
      }
    }
  }

  /**
   * CPU time per native thread, summed by name (the JIT compiler threads included), in clock ticks;
   * empty where {@code /proc} is missing.
   */
  private static Map<String, Long> cpuByThread() {
    Map<String, Long> ticks = new TreeMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return ticks;
    }
    try (Stream<Path> all = Files.list(tasks)) {
      for (Path task : (Iterable<Path>) all::iterator) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          ticks.merge(name.replaceAll("[0-9]+$", "#"), t, Long::sum);
        } catch (IOException | RuntimeException gone) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return ticks;
    }
    return ticks;
  }

  /** The threads that used the most CPU between two {@link #cpuByThread} readings, in ms. */
  private static String busiest(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> ms = new LinkedHashMap<>();
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) * 10))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(10)
        .forEach(e -> ms.put(e.getKey(), e.getValue()));
    return ms.toString();
  }

  /** CPU time of the whole process (client and in-process server), in nanoseconds. */
  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static Thread thread(String name) {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(name)) {
        return t;
      }
    }
    throw new IllegalStateException("no thread " + name);
  }

  /**
   * Times the push requests of a cycle and the push phase around them: from the answer of the last
   * pull before the first push to the first pull after the last push. Also the CPU time the pushing
   * thread spent in that phase.
   */
  private static final class Phases {

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final List<Long> requests = new CopyOnWriteArrayList<>();
    private volatile long lastPullAnswer;
    private volatile long lastPullAnswerCpu;
    private volatile long start;
    private volatile long startCpu;
    private volatile long end;
    private volatile long endCpu;
    private volatile boolean pushing;

    void reset() {
      requests.clear();
      pushing = false;
      start = end = startCpu = endCpu = 0;
    }

    Transport wrap(Transport inner) {
      return request -> {
        boolean push = request.path().startsWith("/api/sync/push");
        boolean pull = request.path().startsWith("/api/sync/pull");
        long t = System.nanoTime();
        if (push && !pushing) {
          pushing = true;
          start = lastPullAnswer;
          startCpu = lastPullAnswerCpu;
        } else if (pull && pushing && !Thread.currentThread().getName().contains("ahead")) {
          pushing = false;
          end = t;
          endCpu = mx.getCurrentThreadCpuTime();
        }
        try {
          return inner.send(request);
        } finally {
          long done = System.nanoTime();
          if (push) {
            requests.add((done - t) / 1_000_000);
          } else if (pull && !Thread.currentThread().getName().contains("ahead")) {
            lastPullAnswer = done;
            lastPullAnswerCpu = mx.getCurrentThreadCpuTime();
          }
        }
      };
    }

    long phaseMillis() {
      return (end - start) / 1_000_000;
    }

    long phaseCpuMillis() {
      return (endCpu - startCpu) / 1_000_000;
    }

    List<Long> requestMillis() {
      return new ArrayList<>(requests);
    }
  }
}
