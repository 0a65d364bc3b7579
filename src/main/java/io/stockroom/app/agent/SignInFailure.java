package io.stockroom.app.agent;

import io.stockroom.sync.SyncException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Why a sign-in did not work, told to the person at the laptop: a sentence that says what to do,
 * and a details line that keeps what the server or the network said, for whoever runs the server.
 */
public final class SignInFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final String details;

  public SignInFailure(String message, String details) {
    super(message);
    this.details = details == null ? "" : details;
  }

  /** What the server or the network said exactly; empty when there is nothing to add. */
  public String details() {
    return details;
  }

  /** The failure a person understands for what went wrong while signing in to {@code serverUrl}. */
  public static SignInFailure of(SyncException e, String serverUrl) {
    String host = host(serverUrl);
    if (e.status() == 401) {
      return new SignInFailure(
          "Wrong user name or password. Check both (passwords are case-sensitive) and try again.",
          "Server answered 401 " + e.code() + ".");
    }
    if (e.status() == 426) {
      return new SignInFailure(
          "The server at "
              + host
              + " runs a different version of Stockroom sync than this app."
              + " Ask whoever looks after the server to bring the app and the server to the same"
              + " version. Your work stays on this laptop.",
          "Server answered 426 " + e.code() + ": " + e.getMessage());
    }
    if (e.status() == 0 && "network".equals(e.code())) {
      return network(e, host, hostName(serverUrl));
    }
    if (e.status() == 404) {
      return new SignInFailure(
          "Something answers at "
              + serverUrl
              + ", but it is not a Stockroom sync server. Check the address and the port.",
          "Server answered 404 " + e.code() + ".");
    }
    String status = e.status() == 0 ? "" : "HTTP " + e.status() + ", ";
    return new SignInFailure(
        "The server could not sign you in just now. Try again in a moment; if it keeps"
            + " happening, give the details below to whoever looks after the server.",
        status + "error code " + e.code() + ": " + e.getMessage());
  }

  private static SignInFailure network(SyncException e, String host, String name) {
    String said = e.getMessage() == null ? "" : e.getMessage();
    String keepWorking = " You can keep working; everything stays on this laptop.";
    if (causedBy(e, UnknownHostException.class) || causedBy(e, UnresolvedAddressException.class)) {
      return new SignInFailure(
          "No server called \""
              + name
              + "\" can be found on this network. Check the address for typing mistakes, and"
              + " that this laptop is on the warehouse network (Wi-Fi or cable)."
              + keepWorking,
          said);
    }
    if (causedBy(e, java.net.SocketTimeoutException.class)) { // the transport's timeouts too
      return new SignInFailure(
          "The server at "
              + host
              + " did not answer in time. The network may be slow or down here; try again in a"
              + " moment, or closer to a Wi-Fi access point."
              + keepWorking,
          said);
    }
    if (causedBy(e, ConnectException.class) || causedBy(e, NoRouteToHostException.class)) {
      return new SignInFailure(
          "Cannot reach the sync server at "
              + host
              + ". It may be switched off, or the address or port may be wrong."
              + keepWorking,
          said);
    }
    return new SignInFailure(
        "The connection to the server at "
            + host
            + " broke off. Try again in a moment."
            + keepWorking,
        said);
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static String hostName(String serverUrl) {
    try {
      URI uri = URI.create(serverUrl.strip());
      if (uri.getHost() != null) {
        return uri.getHost();
      }
    } catch (IllegalArgumentException ignored) {
      // Shown as typed.
    }
    return serverUrl;
  }

  private static String host(String serverUrl) {
    try {
      URI uri = URI.create(serverUrl.strip());
      if (uri.getHost() != null) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      }
    } catch (IllegalArgumentException ignored) {
      // Shown as typed.
    }
    return serverUrl;
  }
}
