package io.stockroom.server;

import io.javalin.http.Context;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.protocol.PushRequest;
import io.stockroom.server.wire.ApiError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads request bodies as the protocol allows them: gzipped or not, never past the push limit (an
 * oversized body is drained and refused with 413), and decoded into the request's type, with a 400
 * that says what is wrong otherwise.
 */
final class RequestBodies {

  /** How much of an oversized body is read and dropped so its sender sees the 413. */
  private static final long DRAIN_LIMIT = 4L * PushRequest.MAX_BODY_BYTES;

  private RequestBodies() {}

  /** The body as {@code type}; 400 when it is no JSON object of that shape. */
  static <T> T read(JsonCodec codec, Context ctx, Class<T> type) {
    byte[] body = body(ctx);
    try {
      T value = codec.read(body, type);
      if (value == null) {
        throw ApiError.badRequest("the body must be a JSON object");
      }
      return value;
    } catch (IOException e) {
      throw ApiError.badRequest(
          "malformed JSON or a wrong field type: " + firstLine(e.getMessage()));
    }
  }

  /** The request body, gunzipped if sent gzipped, refused past the push limit. */
  static byte[] body(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > PushRequest.MAX_BODY_BYTES) {
      drainQuietly(ctx);
      throw tooLarge();
    }
    String encoding = ctx.header("Content-Encoding");
    try {
      InputStream in = ctx.req().getInputStream();
      if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
        if (!encoding.strip().equalsIgnoreCase("gzip")) {
          throw new ApiError(
              415, "unsupported_encoding", "Content-Encoding must be gzip or absent");
        }
        in = new GZIPInputStream(in);
      }
      byte[] bytes = readLimited(in, PushRequest.MAX_BODY_BYTES);
      if (bytes == null) {
        drainQuietly(ctx);
        throw tooLarge();
      }
      return bytes;
    } catch (ZipException e) {
      throw ApiError.badRequest("the body is not valid gzip");
    } catch (java.io.EOFException e) {
      throw ApiError.badRequest("the body ended early");
    } catch (IOException e) {
      throw ApiError.badRequest("could not read the body: " + firstLine(e.getMessage()));
    }
  }

  /** The whole stream, or null once it passes {@code limit}. */
  private static byte[] readLimited(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    int total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      total += n;
      if (total > limit) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /**
   * Reads and drops what is left of an oversized body, up to {@link #DRAIN_LIMIT}, before the 413
   * goes out. Answering while the client is still sending makes the connection close under it, and
   * most clients then report a reset instead of the 413; past the cap the connection is simply
   * closed.
   */
  private static void drainQuietly(Context ctx) {
    try {
      InputStream in = ctx.req().getInputStream();
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int n;
      while (total < DRAIN_LIMIT && (n = in.read(buffer)) > 0) {
        total += n;
      }
    } catch (IOException | RuntimeException e) {
      // The client went away or sent garbage; the 413 is still the answer.
    }
  }

  private static ApiError tooLarge() {
    return new ApiError(
        413, "payload_too_large", "the body is over " + PushRequest.MAX_BODY_BYTES + " bytes");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    String line = s.lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
