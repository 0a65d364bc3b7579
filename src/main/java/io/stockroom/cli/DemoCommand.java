package io.stockroom.cli;

import io.stockroom.app.Launcher;
import io.stockroom.domain.IdGenerator;
import io.stockroom.server.ServerConfig;
import io.stockroom.server.StockroomServer;
import io.stockroom.store.LocalStore;
import io.stockroom.sync.SyncAgent;
import io.stockroom.sync.SyncException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the whole loop for a newcomer. Starts an embedded server with demo data on a free
 * local port, signs a fresh profile in to it as {@code demo}, then opens the desktop app on that
 * profile. Closing the window stops the server.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Embedded sync server with demo data, and the desktop app signed in to it.")
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Folder for the demo server and profile (default: a new temporary folder).")
  Path dir;

  @Option(
      names = "--demo-items",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Items the demo server seeds (default ${DEFAULT-VALUE}).")
  int items;

  @Option(names = "--no-window", description = "Prepare everything and exit (for scripts).")
  boolean noWindow;

  @Override
  public Integer call() {
    ServerCommand.checkDemoItems(items);
    PrintWriter out = spec.commandLine().getOut();
    Path base;
    try {
      base =
          dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("stockroom-demo");
    } catch (IOException e) {
      throw new UserError("cannot create the demo folder: " + e.getMessage(), 1);
    }
    StockroomServer server = StockroomServer.open(ServerConfig.h2(base.resolve("server"), 0));
    try {
      if (server.seeder().seed(items)) {
        out.println(
            "seeded demo site MAIN with " + items + " items (users demo/demo, admin/admin)");
      }
      server.start();
      out.println("demo server listening on " + server.url());
      Path profile = base.resolve("profile");
      try (LocalStore store = LocalStore.open(profile, Clock.systemUTC(), IdGenerator.secure());
          SyncAgent agent =
              new SyncAgent(
                  store, Clock.systemUTC(), SyncAgent.Options.defaults().withLive(false))) {
        agent.signIn(server.url(), "demo", "demo");
        var first = agent.runOnce();
        out.println(
            "profile "
                + profile
                + " signed in as demo; first sync: "
                + first.outcome()
                + ", "
                + first.pulled()
                + " records in "
                + first.millis()
                + " ms");
      } catch (SyncException e) {
        throw new UserError("the demo profile could not sign in: " + e.getMessage(), 1);
      }
      out.flush();
      if (noWindow) {
        return 0;
      }
      try {
        Launcher.launch(profile);
      } catch (RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        throw new UserError("the desktop app could not start: " + cause.getMessage(), 1);
      }
      return 0;
    } finally {
      server.close();
    }
  }
}
