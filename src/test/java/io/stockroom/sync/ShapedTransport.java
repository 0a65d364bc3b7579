package io.stockroom.sync;

import java.io.IOException;
import java.io.InterruptedIOException;

/** A slow network: fixed latency each way and a bandwidth cap on bodies. */
final class ShapedTransport implements Transport {

  private final Transport inner;
  private final long latencyMillis;
  private final long bytesPerSecond;

  ShapedTransport(Transport inner, long latencyMillis, long bitsPerSecond) {
    this.inner = inner;
    this.latencyMillis = latencyMillis;
    this.bytesPerSecond = Math.max(1, bitsPerSecond / 8);
  }

  @Override
  public Response send(Request request) throws IOException {
    pause(latencyMillis + request.body().length * 1000L / bytesPerSecond);
    Response r = inner.send(request);
    pause(latencyMillis + r.body().length * 1000L / bytesPerSecond);
    return r;
  }

  private static void pause(long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException();
    }
  }
}
