package io.stockroom.server;

import io.stockroom.domain.IdGenerator;
import io.stockroom.server.auth.PasswordHasher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How to run a server: where it listens, where its data lives, and the injectable clock and id
 * source. {@code dbUrl} (PostgreSQL or H2 by JDBC URL) wins over {@code dataDir} (embedded H2).
 * Device tokens expire after {@code tokenIdle} without use (default 30 days).
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    Clock clock,
    IdGenerator ids,
    int passwordIterations,
    Duration tombstoneRetention,
    Duration maxClockDrift,
    Duration tokenIdle,
    java.util.Set<String> trustedProxies) {

  public ServerConfig {
    trustedProxies = java.util.Set.copyOf(trustedProxies);
  }

  public static ServerConfig h2(Path dataDir, int port) {
    return new ServerConfig(
        "127.0.0.1",
        port,
        dataDir,
        null,
        null,
        null,
        Clock.systemUTC(),
        IdGenerator.secure(),
        PasswordHasher.DEFAULT_ITERATIONS,
        Duration.ofDays(30),
        Duration.ofMinutes(1),
        Duration.ofDays(30),
        java.util.Set.of());
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(
        h,
        port,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        clock,
        ids,
        passwordIterations,
        tombstoneRetention,
        maxClockDrift,
        tokenIdle,
        trustedProxies);
  }

  public ServerConfig withDatabase(String url, String user, String password) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        url,
        user,
        password,
        clock,
        ids,
        passwordIterations,
        tombstoneRetention,
        maxClockDrift,
        tokenIdle,
        trustedProxies);
  }

  public ServerConfig withClock(Clock c) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        c,
        ids,
        passwordIterations,
        tombstoneRetention,
        maxClockDrift,
        tokenIdle,
        trustedProxies);
  }

  public ServerConfig withIds(IdGenerator g) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        clock,
        g,
        passwordIterations,
        tombstoneRetention,
        maxClockDrift,
        tokenIdle,
        trustedProxies);
  }

  public ServerConfig withPasswordIterations(int n) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        clock,
        ids,
        n,
        tombstoneRetention,
        maxClockDrift,
        tokenIdle,
        trustedProxies);
  }

  public ServerConfig withTombstoneRetention(Duration d) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        clock,
        ids,
        passwordIterations,
        d,
        maxClockDrift,
        tokenIdle,
        trustedProxies);
  }

  /** How long a device token may go unused before it expires (sliding: each use renews it). */
  public ServerConfig withTokenIdle(Duration d) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        clock,
        ids,
        passwordIterations,
        tombstoneRetention,
        maxClockDrift,
        d,
        trustedProxies);
  }

  private static final java.util.regex.Pattern ADDRESS_LITERAL =
      java.util.regex.Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  /**
   * Whether {@code text} has the shape of an IPv4 or IPv6 address literal (no name to resolve): the
   * one rule for {@code --trusted-proxy} and for the hops of {@code X-Forwarded-For}.
   */
  public static boolean isAddressLiteral(String text) {
    return text != null && ADDRESS_LITERAL.matcher(text).matches();
  }

  /**
   * Load balancers whose {@code X-Forwarded-For} is believed: behind one, every request comes from
   * its address, and the sign-in throttle needs the client's.
   */
  public ServerConfig withTrustedProxies(java.util.Set<String> addresses) {
    for (String a : addresses) {
      if (!isAddressLiteral(a)) {
        throw new IllegalArgumentException("a trusted proxy must be an IP address, not " + a);
      }
    }
    return new ServerConfig(
        host,
        port,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        clock,
        ids,
        passwordIterations,
        tombstoneRetention,
        maxClockDrift,
        tokenIdle,
        addresses);
  }
}
