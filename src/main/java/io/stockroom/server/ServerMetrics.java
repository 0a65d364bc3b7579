package io.stockroom.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stockroom.domain.EntityType;
import io.stockroom.protocol.MutationResult;
import io.stockroom.server.store.Notifications;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What {@code GET /metrics} shows, in Prometheus's text format (Micrometer): requests per route
 * with their latencies, push outcomes, pull pages and records, live sockets, the database pool
 * (HikariCP's own meters), whether this process hears the others, and the JVM's memory, threads and
 * CPU. Routes are the matched route templates, never raw paths, and a method outside the usual
 * seven is {@code OTHER}, so a client cannot add series.
 */
final class ServerMetrics {

  /** Latency buckets for the request histogram: what an operator's p99 alerts need, no more. */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(200),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(5)
  };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  ServerMetrics(ChangeFeed feed, Notifications others) {
    Gauge.builder("stockroom.live.sockets", feed, ChangeFeed::subscriberCount)
        .description("live WebSockets open on this process")
        .register(registry);
    Gauge.builder("stockroom.notifications.connected", others, n -> n.connected() ? 1 : 0)
        .description("1 while this process hears the other processes (always 1 on H2)")
        .register(registry);
    FunctionCounter.builder("stockroom.notifications.reconnects", others, Notifications::reconnects)
        .description("times the connection that hears the other processes was made again")
        .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  MeterRegistry registry() {
    return registry;
  }

  /** One HTTP request answered; {@code route} is the matched template or {@code unmatched}. */
  void request(String method, String route, int status, float millis) {
    Timer.builder("http.server.requests")
        .description("HTTP requests by route and status")
        .tags("method", method, "route", route, "status", Integer.toString(status))
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
  }

  /** The outcome of each mutation of a push: accepted, conflict, rejected. */
  void pushed(List<MutationResult> results) {
    for (MutationResult r : results) {
      Counter.builder("stockroom.push.mutations")
          .description("pushed mutations by outcome")
          .tag("outcome", r.status())
          .register(registry)
          .increment();
    }
  }

  /** One pull page served. */
  void pulled(EntityType entity, int records) {
    Counter.builder("stockroom.pull.pages")
        .description("pull pages served, by entity")
        .tag("entity", entity.wireName())
        .register(registry)
        .increment();
    Counter.builder("stockroom.pull.records")
        .description("records and deletions served in pull pages, by entity")
        .tag("entity", entity.wireName())
        .register(registry)
        .increment(records);
  }

  /** The Prometheus text of every meter. */
  String scrape() {
    return registry.scrape();
  }
}
