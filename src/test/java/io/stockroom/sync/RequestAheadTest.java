package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A request sent ahead: its answer or failure, and what happens when it is not wanted. */
class RequestAheadTest {

  @Test
  void theAnswerOrTheFailureComesBack() throws Exception {
    ExecutorService pool = Executors.newCachedThreadPool();
    try {
      assertThat(new RequestAhead<>(pool, () -> "page 2").answer()).isEqualTo("page 2");
      SyncException down =
          new SyncException(SyncException.Kind.TRANSIENT, 0, "offline", "no route", null);
      RequestAhead<String> failing =
          new RequestAhead<>(
              pool,
              () -> {
                throw down;
              });
      assertThatThrownBy(failing::answer).isSameAs(down);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anExecutorThatRefusesMakesTheAnswerFailAndAbandonReturn() {
    Executor closed =
        r -> {
          throw new RejectedExecutionException("the agent is closing");
        };
    AtomicInteger sent = new AtomicInteger();
    RequestAhead<String> r = new RequestAhead<>(closed, () -> "x" + sent.incrementAndGet());
    assertThatThrownBy(r::answer).isInstanceOf(RejectedExecutionException.class);
    r.abandon(); // returns: nothing is on the wire
    assertThat(sent).hasValue(0);
  }

  @Test
  void aRequestAbandonedBeforeItStartsIsNeverSent() throws Exception {
    List<Runnable> held = new ArrayList<>();
    AtomicInteger sent = new AtomicInteger();
    RequestAhead<String> r = new RequestAhead<>(held::add, () -> "x" + sent.incrementAndGet());
    Thread abandoning = new Thread(r::abandon);
    abandoning.start();
    // abandon() marks the request unwanted, then waits for it: run it only once that wait began.
    while (abandoning.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    held.get(0).run();
    abandoning.join();
    assertThat(sent).hasValue(0);
  }
}
