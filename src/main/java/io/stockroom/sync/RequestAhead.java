package io.stockroom.sync;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One request sent ahead on a thread of the agent's request executor, so that the cycle's local
 * work overlaps the request and the server's work instead of following them (decision records 0029
 * and 0033). Its answer is always waited for, even when abandoned: no request is left on the wire
 * when a cycle ends. An abandoned request is interrupted; should the interrupt land after it ended,
 * the agent's pool (a {@code ThreadPoolExecutor}) clears it before the thread's next task.
 *
 * @param <T> the answer
 */
final class RequestAhead<T> {

  /** A request that fails as sync requests do. */
  interface Request<T> {
    T send() throws SyncException;
  }

  private final CountDownLatch done = new CountDownLatch(1);
  private volatile Thread runner;
  private volatile boolean abandoned;
  private volatile T answer;
  private volatile SyncException failure;
  private volatile RuntimeException crash;

  RequestAhead(Executor requests, Request<T> request) {
    try {
      requests.execute(() -> run(request));
    } catch (RejectedExecutionException e) {
      crash = e; // the agent is closing
      done.countDown();
    }
  }

  private void run(Request<T> request) {
    runner = Thread.currentThread();
    try {
      if (!abandoned) {
        answer = request.send();
      }
    } catch (SyncException e) {
      failure = e;
    } catch (RuntimeException e) {
      crash = e;
    } finally {
      runner = null;
      done.countDown();
    }
  }

  /** The answer, once it has arrived; or the request's failure. */
  T answer() throws SyncException {
    awaitDone();
    if (failure != null) {
      throw failure;
    }
    if (crash != null) {
      throw crash;
    }
    return answer;
  }

  /** The cycle ends without this answer: the request is interrupted and waited for. */
  void abandon() {
    abandoned = true;
    Thread r = runner;
    if (r != null) {
      r.interrupt();
    }
    awaitDone();
  }

  private void awaitDone() {
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the request ends by itself (its timeout); wait for it all the same
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
