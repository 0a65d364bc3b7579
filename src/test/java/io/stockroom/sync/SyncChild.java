package io.stockroom.sync;

import io.stockroom.domain.IdGenerator;
import io.stockroom.store.LocalStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A laptop in its own JVM, for tests that kill it mid-sync: opens the profile, signs in as demo if
 * it is not yet, and runs cycles until one ends well. Prints one line per sync exchange once its
 * response is in ({@code SYNCCHILD pull items}, {@code SYNCCHILD push 200}) and then waits for a
 * line on its standard input before it goes on, so the test holds it at a known point: after the
 * answer arrived, before it is applied. Standard input closed: it goes on without waiting.
 *
 * <p>Arguments: profile folder, server URL.
 */
public final class SyncChild {

  static final String PREFIX = "SYNCCHILD ";

  private SyncChild() {}

  public static void main(String[] args) throws Exception {
    Path profile = Path.of(args[0]);
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String url = args[1];
    try (LocalStore store = LocalStore.open(profile, Clock.systemUTC(), IdGenerator.secure());
        SyncAgent agent =
            new SyncAgent(
                store,
                Clock.systemUTC(),
                SyncAgent.Options.defaults()
                    .withTransports(u -> new Reporting(new HttpTransport(u), stdin))
                    .withTimers(Duration.ZERO, Duration.ofMillis(50))
                    .withLive(false))) {
      if (!agent.signedIn()) {
        agent.signIn(url, "demo", "demo");
      }
      say("ready");
      for (int i = 0; i < 20; i++) {
        CycleResult r = agent.runOnce();
        say("cycle " + r.outcome());
        if (r.ok()) {
          break;
        }
      }
      say("done");
    }
  }

  static void say(String line) {
    System.out.println(PREFIX + line);
    System.out.flush();
  }

  /** Reports each exchange once its response is in, then waits for the test's go-ahead. */
  record Reporting(Transport inner, BufferedReader stdin) implements Transport {
    @Override
    public Response send(Request request) throws IOException {
      Response r = inner.send(request);
      String path = request.path();
      if (path.startsWith("/api/sync/pull")) {
        int at = path.indexOf("entity=");
        String entity = path.substring(at + 7).replaceFirst("&.*", "");
        say("pull " + entity);
      } else if (path.startsWith("/api/sync/push")) {
        say("push " + r.status());
      } else {
        return r;
      }
      stdin.readLine();
      return r;
    }
  }
}
