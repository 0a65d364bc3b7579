package io.stockroom.bench;

import io.stockroom.server.ServerConfig;
import io.stockroom.server.StockroomServer;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;

/**
 * One server process for {@link ServerLoadBench} (not a test, not shipped): the real server on
 * PostgreSQL ({@code --db}) or a temporary H2 folder, except that passwords are hashed with 1,000
 * PBKDF2 rounds instead of 600,000, so that thousands of simulated devices can sign in within
 * seconds. With {@code --items N} it seeds the demo data first (once per database). Prints {@code
 * listening on URL} and serves until killed.
 *
 * <pre>java -cp target/stockroom.jar:target/test-classes io.stockroom.bench.BenchServer
 *     [--db JDBC_URL] [--port 0] [--items 0]</pre>
 */
public final class BenchServer {

  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    String db = arg(args, "--db", null);
    int port = Integer.parseInt(arg(args, "--port", "0"));
    int items = Integer.parseInt(arg(args, "--items", "0"));
    ServerConfig config =
        ServerConfig.h2(Files.createTempDirectory("stockroom-bench-server"), port)
            .withPasswordIterations(1_000);
    if (db != null) {
      config = config.withDatabase(db, null, null);
    }
    StockroomServer server = StockroomServer.open(config);
    if (items > 0) {
      server.seeder().seed(items);
    }
    server.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    System.out.println("listening on " + server.url());
    System.out.flush();
    stopped.await();
  }

  private static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
