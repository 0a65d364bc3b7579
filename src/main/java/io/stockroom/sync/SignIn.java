package io.stockroom.sync;

import io.stockroom.protocol.JsonCodec;
import io.stockroom.protocol.LoginResponse;
import io.stockroom.store.LocalStore;
import io.stockroom.store.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The profile's account: logging in (which stores nothing), storing a finished login (server, user,
 * token file, the local site attached to the chosen one), revoking tokens no longer used, and
 * forgetting the token at sign-out. What the agent does with a new account (client, scheduler, live
 * channel) stays in {@link SyncAgent}.
 */
final class SignIn {

  private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);

  /** Where profiles before decision 0024 kept the token; read once to move it to its file. */
  static final String TOKEN = "sync.token";

  private final LocalStore store;
  private final SyncAgent.Options options;
  private final JsonCodec codec;
  private final TokenFile tokens;

  SignIn(LocalStore store, SyncAgent.Options options, JsonCodec codec) {
    this.store = store;
    this.options = options;
    this.codec = codec;
    this.tokens = new TokenFile(store.profileDir());
  }

  /**
   * The token from its file. A profile written before decision 0024 kept it in the setting {@code
   * sync.token}: it moves to the file (written first) and the setting is deleted; an empty setting
   * meant "signed out" and removes any file.
   */
  String loadToken() {
    Optional<String> legacy = store.settings().get(TOKEN);
    try {
      if (legacy.isPresent()) {
        if (legacy.get().isEmpty()) {
          tokens.delete();
        } else {
          tokens.write(legacy.get());
          LOG.info("sign-in token moved from the profile database to {}", tokens.path());
        }
        store.settings().remove(TOKEN);
      }
      return tokens.read().orElse(null);
    } catch (IOException e) {
      LOG.warn("cannot use the token file {}: {}", tokens.path(), e.toString());
      return legacy.filter(s -> !s.isEmpty()).orElse(null);
    }
  }

  /** See {@link SyncAgent#login}. */
  Login login(String serverUrl, String user, String password) throws SyncException {
    SyncClient once =
        new SyncClient(
            options.transports().apply(serverUrl),
            codec,
            () -> store.hlc().peek(),
            store::receiveStamp);
    LoginResponse r = once.login(user, password, options.deviceName());
    List<UserSite> sites =
        r.sites() == null
            ? List.of()
            : r.sites().stream().map(x -> new UserSite(x.id(), x.code(), x.name())).toList();
    return new Login(serverUrl, user, r.token(), sites);
  }

  /** The site to offer first: the one this profile works in, when listed, else the first. */
  Optional<UserSite> suggestedSite(Login login) {
    UUID current = store.locations().currentSite().id();
    return login.sites().stream()
        .filter(s -> s.id().equals(current))
        .findFirst()
        .or(() -> login.sites().stream().findFirst());
  }

  /**
   * Stores a finished login: the token in its file first, then the server and the user; the fresh
   * profile's local site is attached to {@code site} (its queued changes are rewritten to it).
   */
  void save(Login login, UserSite site) {
    try {
      tokens.write(login.token());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the sign-in token in " + tokens.path(), e);
    }
    store.settings().put(Settings.SERVER_URL, login.serverUrl());
    store.settings().put(Settings.USER, login.user());
    if (site != null && store.sync().attachLocalSite(site.id(), site.code(), site.name())) {
      LOG.info("local site attached to {}", site.code());
    }
  }

  /** Revokes a token this laptop no longer uses, best effort. */
  void revoke(String serverUrl, String bearer) {
    SyncClient once =
        new SyncClient(
            options.transports().apply(serverUrl), codec, () -> store.hlc().peek(), c -> {});
    once.setToken(bearer);
    try {
      once.logout();
    } catch (SyncException e) {
      LOG.info("could not revoke a token no longer used: {}", e.getMessage());
    }
  }

  /** Deletes the token file at sign-out; local data stays. */
  void forget() {
    try {
      tokens.delete();
    } catch (IOException e) {
      LOG.warn("cannot delete the token file {}: {}", tokens.path(), e.toString());
    }
  }
}
