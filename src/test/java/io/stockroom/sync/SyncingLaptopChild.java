package io.stockroom.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.store.LocalStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * A laptop at work in its own JVM, for the harness that kills laptop and server: it records
 * receipts as the app does and runs a sync cycle after every third, printing {@code WROTE <ref>}
 * the moment a write returns (the screen would show it done), {@code ACKED <ref> <version>} for
 * each receipt a push answer accepted and then {@code ANSWERED}, the moment the answer is in and
 * before the laptop applies it. A test kills it, or the server, right after such a line.
 *
 * <p>Arguments: profile folder (signed in already), item id, location code, reference prefix.
 */
public final class SyncingLaptopChild {

  static final String WROTE = "WROTE ";
  static final String ACKED = "ACKED ";
  static final String ANSWERED = "ANSWERED";

  private static final JsonCodec CODEC = new JsonCodec();

  private SyncingLaptopChild() {}

  public static void main(String[] args) throws Exception {
    Path profile = Path.of(args[0]);
    UUID item = UUID.fromString(args[1]);
    try (LocalStore store = LocalStore.open(profile, Clock.systemUTC(), IdGenerator.secure());
        SyncAgent agent =
            new SyncAgent(
                store,
                Clock.systemUTC(),
                SyncAgent.Options.defaults()
                    .withTransports(u -> new Reporting(new HttpTransport(u)))
                    .withTimers(Duration.ZERO, Duration.ofMillis(50))
                    .withLive(false))) {
      say("READY");
      for (int n = 0; ; n++) {
        String reference = args[3] + n;
        store
            .stock()
            .record(
                new MovementRequest(
                    item, MovementReason.RECEIVE, null, args[2], BigDecimal.ONE, reference));
        say(WROTE + reference);
        if (n % 3 == 2) {
          agent.runOnce();
        }
      }
    }
  }

  static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  /** Reports each push answer's accepted receipts once the answer is in, before it is applied. */
  record Reporting(Transport inner) implements Transport {
    @Override
    public Response send(Request request) throws IOException {
      Response r = inner.send(request);
      if (request.path().startsWith("/api/sync/push") && r.status() == 200) {
        byte[] sent =
            "gzip".equalsIgnoreCase(request.headers().get("Content-Encoding"))
                ? SyncClient.gunzip(request.body())
                : request.body();
        byte[] answer =
            "gzip".equalsIgnoreCase(r.header("Content-Encoding"))
                ? SyncClient.gunzip(r.body())
                : r.body();
        JsonNode mutations = CODEC.tree(sent).get("mutations");
        JsonNode results = CODEC.tree(answer).get("results");
        for (int i = 0; i < results.size(); i++) {
          JsonNode m = mutations.get(i);
          JsonNode result = results.get(i);
          if ("stock_movements".equals(m.path("entity").asText())
              && "accepted".equals(result.path("status").asText())) {
            say(
                ACKED
                    + m.path("data").path("reference").asText()
                    + " "
                    + result.get("server_version").asLong());
          }
        }
        say(ANSWERED);
      }
      return r;
    }
  }
}
