package io.stockroom.sync;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a sync server address as a person types it: {@code http} or {@code https}, a host name or
 * IP address, an optional port, an optional path (a server behind a proxy), no query and no
 * fragment. The problem comes back as a sentence for the person at the keyboard.
 */
public final class ServerAddress {

  private ServerAddress() {}

  /** Whether the address can be used as typed (surrounding blanks aside). */
  public static boolean valid(String typed) {
    return problem(typed).isEmpty();
  }

  /** What is wrong with the address, or empty when it is usable. */
  public static Optional<String> problem(String typed) {
    String s = typed == null ? "" : typed.strip();
    if (s.isEmpty()) {
      return Optional.of("Type the server address, for example http://server:8080.");
    }
    if (s.chars().anyMatch(Character::isWhitespace)) {
      return Optional.of("The address cannot contain spaces.");
    }
    int sep = s.indexOf("://");
    if (sep < 0) {
      return Optional.of("Start the address with http:// or https://, for example http://" + s);
    }
    String scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of(
          "The address must start with http:// or https://, not " + s.substring(0, sep) + "://.");
    }
    String rest = s.substring(sep + 3);
    if (rest.indexOf('?') >= 0) {
      return Optional.of("Remove the part from \"?\" on: a server address has no query.");
    }
    if (rest.indexOf('#') >= 0) {
      return Optional.of("Remove the part from \"#\" on: a server address has no \"#\".");
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    if (authority.indexOf('@') >= 0) {
      return Optional.of("Leave the user name out of the address; type it in the User field.");
    }
    if (authority.isEmpty()) {
      return Optional.of("Type the server's name or IP address after " + scheme + "://.");
    }
    String host;
    String port;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return Optional.of("Close the IPv6 address with \"]\".");
      }
      host = authority.substring(0, close + 1);
      String after = authority.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        return Optional.of("Only \":\" and a port may follow the IPv6 address.");
      }
      port = after.isEmpty() ? null : after.substring(1);
    } else {
      int colon = authority.indexOf(':');
      if (colon >= 0 && authority.indexOf(':', colon + 1) >= 0) {
        return Optional.of("Put an IPv6 address in brackets, for example http://[::1]:8080.");
      }
      host = colon < 0 ? authority : authority.substring(0, colon);
      port = colon < 0 ? null : authority.substring(colon + 1);
      if (host.isEmpty()) {
        return Optional.of("Type the server's name or IP address before the \":\".");
      }
      Optional<String> bad = hostProblem(host);
      if (bad.isPresent()) {
        return bad;
      }
    }
    if (port != null) {
      if (port.isEmpty()) {
        return Optional.of("Type the port number after the \":\", or leave the \":\" out.");
      }
      if (!port.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.of("The port must be a number, not \"" + port + "\".");
      }
      if (port.length() > 5 || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
        return Optional.of("The port must be a number from 1 to 65535.");
      }
    }
    try {
      URI uri = new URI(s);
      if (uri.getHost() == null) {
        return Optional.of("\"" + host + "\" is not a server name or IP address.");
      }
    } catch (URISyntaxException e) {
      return Optional.of("This is not a web address (" + e.getReason() + ").");
    }
    return Optional.empty();
  }

  private static Optional<String> hostProblem(String host) {
    String bad = "\"" + host + "\" is not a server name or IP address.";
    if (host.startsWith(".") || host.endsWith("..") || host.contains("..")) {
      return Optional.of(bad);
    }
    for (String label : host.split("\\.")) {
      if (label.isEmpty() || label.startsWith("-") || label.endsWith("-")) {
        return Optional.of(bad);
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean ok =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok) {
          return Optional.of(
              "A server name has only letters, digits, \"-\" and \".\"; \"" + c + "\" is not one.");
        }
      }
    }
    return Optional.empty();
  }
}
