package io.stockroom.sync;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The network boundary of the sync agent: one request out, one response back. The real one speaks
 * HTTP ({@link HttpTransport}); tests wrap it to drop, delay, duplicate or slow down traffic. An
 * {@link IOException} means the exchange failed on the way (no route, timeout, reset): the request
 * may or may not have reached the server.
 */
public interface Transport {

  Response send(Request request) throws IOException;

  /** A request to a path of the server ({@code /api/sync/pull?...}); body may be empty. */
  record Request(String method, String path, Map<String, String> headers, byte[] body) {

    public Request {
      headers = Map.copyOf(headers);
      body = body == null ? new byte[0] : body;
    }
  }

  /** A response; header names are lower case. */
  record Response(int status, Map<String, String> headers, byte[] body) {

    public Response {
      TreeMap<String, String> lower = new TreeMap<>();
      headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
      headers = Map.copyOf(lower);
      body = body == null ? new byte[0] : body;
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }
}
