package io.stockroom.server;

import io.stockroom.protocol.ErrorBody;
import io.stockroom.protocol.JsonCodec;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request it cannot parse, a failure that escapes Javalin's handlers)
 * in the contract's JSON shape instead of an HTML page: PROTOCOL.md's "errors always have a JSON
 * body".
 */
final class JsonErrorHandler extends ErrorHandler {

  private static final String JSON = "application/json; charset=utf-8";

  private final JsonCodec codec;

  JsonErrorHandler(JsonCodec codec) {
    this.codec = codec;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, JSON);
    return ByteBuffer.wrap(body(status, reason));
  }

  private byte[] body(int status, String message) {
    String text = message == null || message.isBlank() ? "HTTP " + status : message;
    return codec.write(ErrorBody.of(ServerApp.codeFor(status), text));
  }
}
