package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MutationStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server (or a proxy in front of it) whose 200 answers break the protocol: the cycle ends in an
 * error after a bounded number of requests, and the queue keeps every mutation, still due.
 */
class MalformedAnswersTest {

  static final UUID SITE = UUID.fromString("5a1e0000-0000-4000-8000-000000000001");

  @TempDir Path tmp;
  Laptop laptop;

  @AfterEach
  void stop() {
    if (laptop != null) {
      laptop.close();
    }
  }

  /** A fake at the network boundary: the site page is sound, the rest comes from {@code rest}. */
  private Laptop laptopAgainst(Function<Transport.Request, String> rest, AtomicInteger requests) {
    Transport fake =
        request -> {
          requests.incrementAndGet();
          String body =
              request.path().contains("entity=sites")
                  ? "{\"records\":[{\"id\":\""
                      + SITE
                      + "\",\"version\":1,\"created_at\":\"2026-12-06T10:00:00.000Z\","
                      + "\"updated_at\":\"2026-12-06T10:00:00.000Z\",\"code\":\"MAIN\","
                      + "\"name\":\"Main\"}],\"deletions\":[],\"cursor\":\"1\",\"has_more\":false}"
                  : rest.apply(request);
          return new Transport.Response(200, Map.of(), body.getBytes(StandardCharsets.UTF_8));
        };
    Laptop l = new Laptop(tmp.resolve("laptop"), Clock.systemUTC(), 7, url -> fake);
    Login login =
        new Login(
            "http://fake.invalid", "demo", "token", List.of(new UserSite(SITE, "MAIN", "Main")));
    l.agent.complete(login, SITE);
    return l;
  }

  @Test
  void aPullPageThatNeverMovesItsCursorOnEndsTheCycle() {
    AtomicInteger requests = new AtomicInteger();
    laptop =
        laptopAgainst(
            r -> "{\"records\":[],\"deletions\":[],\"cursor\":\"c\",\"has_more\":true}", requests);
    CycleResult r = laptop.sync();
    assertThat(r.outcome()).isEqualTo("error");
    assertThat(r.error()).contains("does not move its cursor on");
    assertThat(requests.get()).isLessThan(10);
  }

  @Test
  void aPushAnswerWithoutResultsLeavesTheQueueAsItWas() {
    AtomicInteger requests = new AtomicInteger();
    laptop =
        laptopAgainst(
            r ->
                r.path().startsWith("/api/sync/push")
                    ? "{\"results\":null}"
                    : "{\"records\":[],\"deletions\":[],\"cursor\":\"1\",\"has_more\":false}",
            requests);
    laptop.store.catalog().create(ItemDraft.of("MAL-1", "Kept in the queue"));
    CycleResult r = laptop.sync();
    assertThat(r.outcome()).isEqualTo("error");
    assertThat(r.error()).contains("one result per mutation");
    assertThat(laptop.store.outbox().open())
        .singleElement()
        .satisfies(m -> assertThat(m.status()).isEqualTo(MutationStatus.PENDING));
    assertThat(laptop.store.outbox().due(10)).hasSize(1);
  }
}
