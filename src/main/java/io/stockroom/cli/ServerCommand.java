package io.stockroom.cli;

import io.stockroom.server.ServerConfig;
import io.stockroom.server.StockroomServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code server}: runs the sync server until SIGTERM (or Ctrl-C). */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the sync server (HTTP and the live WebSocket on one port).",
      "Default store: embedded H2 in --data DIR; --db jdbc:postgresql://... uses PostgreSQL.",
      "Prints 'listening on http://127.0.0.1:N' once ready; stops cleanly on SIGTERM."
    })
final class ServerCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      required = true,
      paramLabel = "N",
      description = "Port (0: any free one).")
  int port;

  @Option(names = "--data", paramLabel = "DIR", description = "Folder of the embedded H2 store.")
  Path data;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description = "Database URL, e.g. jdbc:postgresql://host/db?user=u&password=p.")
  String db;

  @Option(
      names = "--db-user",
      paramLabel = "NAME",
      description = "Database user (password from the environment variable STOCKROOM_DB_PASSWORD).")
  String dbUser;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description = "Address to bind (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(
      names = "--trusted-proxy",
      paramLabel = "ADDRESS",
      split = ",",
      description =
          "A load balancer's address (repeatable): its X-Forwarded-For names the client, for the"
              + " sign-in throttle and the request log.")
  java.util.List<String> trustedProxies = new java.util.ArrayList<>();

  @Option(names = "--demo", description = "Seed site MAIN, its bins, items and users demo/admin.")
  boolean demo;

  @Option(
      names = "--demo-items",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Items the demo seeds (default ${DEFAULT-VALUE}).")
  int demoItems;

  @Option(
      names = "--tombstone-days",
      defaultValue = "30",
      paramLabel = "DAYS",
      description = "How long deletions are kept for pulls (default ${DEFAULT-VALUE}).")
  int tombstoneDays;

  @Option(
      names = "--token-idle-days",
      defaultValue = "30",
      paramLabel = "DAYS",
      description =
          "A device token unused this long expires; each use renews it (default ${DEFAULT-VALUE}).")
  int tokenIdleDays;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new UserError("--port must be from 0 to 65535, not " + port);
    }
    checkDemoItems(demoItems);
    if (tombstoneDays < 1 || tombstoneDays > 36_500) {
      throw new UserError("--tombstone-days must be from 1 to 36500, not " + tombstoneDays);
    }
    if (tokenIdleDays < 1 || tokenIdleDays > 3_650) {
      throw new UserError("--token-idle-days must be from 1 to 3650, not " + tokenIdleDays);
    }
    checkHost(host);
    for (String proxy : trustedProxies) {
      if (!ServerConfig.isAddressLiteral(proxy)) {
        throw new UserError("--trusted-proxy must be an IP address, not " + proxy);
      }
    }
    ServerConfig config =
        StoreOptions.config(data, db, dbUser, port)
            .withHost(host)
            .withTrustedProxies(java.util.Set.copyOf(trustedProxies))
            .withTombstoneRetention(Duration.ofDays(tombstoneDays))
            .withTokenIdle(Duration.ofDays(tokenIdleDays));
    PrintWriter out = spec.commandLine().getOut();
    StockroomServer server = StoreOptions.open(config);
    try {
      if (demo && server.seeder().seed(demoItems)) {
        out.println(
            "seeded demo site MAIN with " + demoItems + " items (users demo/demo, admin/admin)");
      }
      server.start();
    } catch (RuntimeException e) {
      server.close();
      throw new UserError("could not start the server: " + e.getMessage(), 1);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "stockroom-server-shutdown"));
    out.println("listening on " + server.url());
    out.flush();
    stopped.await();
    return 0;
  }

  /** {@code --demo-items}, here and in {@code demo}: what a demo can seed in reasonable time. */
  static void checkDemoItems(int n) {
    if (n < 0 || n > 5_000_000) {
      throw new UserError("--demo-items must be from 0 to 5000000, not " + n);
    }
  }

  /**
   * {@code --host} must be an address of this machine (or every interface): binding elsewhere fails
   * with a message about the port, which sends the user looking in the wrong place.
   */
  static void checkHost(String host) {
    if (host == null || host.isBlank() || host.length() > 255) {
      throw new UserError("--host must be an address of this machine, e.g. 127.0.0.1 or 0.0.0.0");
    }
    try {
      java.net.InetAddress a = java.net.InetAddress.getByName(host);
      if (!a.isAnyLocalAddress()
          && !a.isLoopbackAddress()
          && java.net.NetworkInterface.getByInetAddress(a) == null) {
        throw new UserError(
            "--host " + host + " is not an address of this machine (0.0.0.0: every interface)");
      }
    } catch (java.net.UnknownHostException e) {
      throw new UserError("--host " + host + " is not a known host name or address");
    } catch (java.net.SocketException e) {
      throw new UserError("cannot list this machine's addresses: " + e.getMessage(), 1);
    }
  }
}
