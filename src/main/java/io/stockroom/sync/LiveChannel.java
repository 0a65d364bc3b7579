package io.stockroom.sync;

import io.stockroom.protocol.JsonCodec;
import io.stockroom.protocol.LiveMessage;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live WebSocket ({@code /api/sync/live}): a {@code changed} message is a hint to pull, nothing
 * more, so losing the socket loses nothing. Reconnects with backoff; every successful (re)connect
 * counts as connectivity regained.
 */
public final class LiveChannel implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiveChannel.class);

  /** What the channel reports. Called on the socket's thread; keep it short. */
  public interface Listener {
    /** A {@code changed} message, with the page it carries if any. */
    void changed(LiveMessage poke);

    void connected();

    void disconnected();
  }

  /** Seconds between the client's pings; a socket that misses answers this long is closed. */
  static final int CONNECTION_LOST_SECONDS = 3;

  private final URI uri;
  private final String token;
  private final ScheduledExecutorService executor;
  private final Backoff backoff;
  private final Listener listener;
  private static final JsonCodec CODEC = new JsonCodec();
  private volatile WebSocketClient socket;
  private volatile boolean closed;
  private int attempts;

  public LiveChannel(
      String baseUrl,
      String token,
      ScheduledExecutorService executor,
      Backoff backoff,
      Listener listener) {
    String ws = baseUrl.replaceFirst("^http", "ws");
    this.uri =
        URI.create((ws.endsWith("/") ? ws.substring(0, ws.length() - 1) : ws) + "/api/sync/live");
    this.token = token;
    this.executor = executor;
    this.backoff = backoff;
    this.listener = listener;
  }

  public void start() {
    connect();
  }

  private void connect() {
    if (closed) {
      return;
    }
    WebSocketClient s =
        new WebSocketClient(uri, Map.of("Authorization", "Bearer " + token)) {
          @Override
          public void onOpen(ServerHandshake handshake) {
            synchronized (LiveChannel.this) {
              attempts = 0;
            }
            listener.connected();
          }

          @Override
          public void onMessage(String message) {
            try {
              LiveMessage m = CODEC.readLive(message);
              if ("changed".equals(m.type())) {
                listener.changed(m);
              }
            } catch (java.io.IOException | RuntimeException e) {
              LOG.debug("ignored live message: {}", e.toString());
            }
          }

          @Override
          public void onClose(int code, String reason, boolean remote) {
            listener.disconnected();
            reconnectLater();
          }

          @Override
          public void onError(Exception e) {
            LOG.debug("live channel error: {}", e.toString());
          }
        };
    // Pinged every few seconds: a network that drops without a word (a truck leaving the yard)
    // is noticed within seconds, not at the next sync (issue 16).
    s.setConnectionLostTimeout(CONNECTION_LOST_SECONDS);
    socket = s;
    s.connect();
  }

  private void reconnectLater() {
    if (closed) {
      return;
    }
    long ms;
    synchronized (this) {
      attempts++;
      ms = backoff.delay(attempts).toMillis();
    }
    try {
      executor.schedule(this::connect, ms, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException ignored) {
      // Shutting down.
    }
  }

  public boolean isOpen() {
    WebSocketClient s = socket;
    return s != null && s.isOpen();
  }

  @Override
  public void close() {
    closed = true;
    WebSocketClient s = socket;
    if (s != null) {
      s.close(); // never wait: the socket may never have opened
    }
  }
}
