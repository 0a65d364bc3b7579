package io.stockroom.cli;

import io.stockroom.domain.IdGenerator;
import io.stockroom.store.LocalStore;
import io.stockroom.store.ProfileDamagedException;
import io.stockroom.store.ProfileLockedException;
import io.stockroom.store.ProfileTooNewException;
import io.stockroom.sync.CycleResult;
import io.stockroom.sync.Login;
import io.stockroom.sync.ServerAddress;
import io.stockroom.sync.SyncAgent;
import io.stockroom.sync.SyncException;
import io.stockroom.sync.UserSite;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sync}: one headless cycle of a client profile (pull, push, pull) against a server. Signs
 * in with the password read from stdin, so the profile's local site is attached on first use.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = "One headless sync cycle of a client profile (pull, push, pull).")
final class SyncCommand implements Callable<Integer> {

  /** Exit code when the server cannot be reached; the mutations stay queued. */
  static final int UNREACHABLE = 3;

  @Spec CommandSpec spec;

  @Option(names = "--profile", paramLabel = "DIR", required = true, description = "Client profile.")
  Path profile;

  @Option(names = "--server", paramLabel = "URL", required = true, description = "Server URL.")
  String server;

  @Option(names = "--user", paramLabel = "NAME", required = true, description = "User name.")
  String user;

  @Option(
      names = "--password-stdin",
      required = true,
      description = "Read the password from the first line of stdin.")
  boolean passwordStdin;

  @Option(
      names = "--site",
      paramLabel = "CODE",
      description =
          "The site to work in when the user has several (default: the profile's current site"
              + " if the user has it, else the first the server lists).")
  String site;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    ServerAddress.problem(server)
        .ifPresent(
            p -> {
              throw new UserError("--server: " + p);
            });
    String password = PasswordInput.read();
    PrintWriter out = spec.commandLine().getOut();
    try (LocalStore store = LocalStore.open(profile, Clock.systemUTC(), IdGenerator.secure());
        SyncAgent agent =
            new SyncAgent(store, Clock.systemUTC(), SyncAgent.Options.defaults().withLive(false))) {
      try {
        Login login = agent.login(server, user, password);
        agent.complete(login, chosenSite(agent, login));
      } catch (SyncException e) {
        if (e.kind() == SyncException.Kind.TRANSIENT) {
          throw new UserError("cannot reach " + server + ": " + e.getMessage(), UNREACHABLE);
        }
        throw new UserError("sign-in refused: " + e.getMessage(), 1);
      }
      CycleResult r = agent.runOnce();
      print(out, r);
      return switch (r.outcome()) {
        case "ok" -> 0;
        case "offline" -> UNREACHABLE;
        default -> 1;
      };
    } catch (ProfileLockedException | ProfileTooNewException | ProfileDamagedException e) {
      throw new UserError(e.getMessage(), 1);
    }
  }

  private UUID chosenSite(SyncAgent agent, Login login) {
    if (site == null) {
      return agent.suggestedSite(login).map(UserSite::id).orElse(null);
    }
    return login.sites().stream()
        .filter(s -> s.code().equalsIgnoreCase(site))
        .findFirst()
        .map(UserSite::id)
        .orElseThrow(
            () -> {
              agent.abandon(login);
              return new UserError(
                  user
                      + " has no site "
                      + site
                      + "; theirs: "
                      + String.join(", ", login.sites().stream().map(UserSite::code).toList()));
            });
  }

  private void print(PrintWriter out, CycleResult r) {
    if (json) {
      var o = Json.object();
      o.put("outcome", r.outcome());
      o.put("pulled", r.pulled());
      o.put("pushed", r.pushed());
      o.put("accepted", r.accepted());
      o.put("conflicts", r.conflicts());
      o.put("rejected", r.rejected());
      o.put("failed", r.failed());
      o.put("bytes_sent", r.bytesSent());
      o.put("bytes_received", r.bytesReceived());
      o.put("millis", r.millis());
      if (r.error() != null) {
        o.put("error", r.error());
      }
      if (!r.notices().isEmpty()) {
        var notices = o.putArray("notices");
        r.notices().forEach(notices::add);
      }
      out.println(Json.write(o));
    } else {
      out.printf(
          "%s: pulled %d, pushed %d (accepted %d, conflicts %d, rejected %d), failed %d,"
              + " sent %d B, received %d B, %d ms%n",
          r.outcome(),
          r.pulled(),
          r.pushed(),
          r.accepted(),
          r.conflicts(),
          r.rejected(),
          r.failed(),
          r.bytesSent(),
          r.bytesReceived(),
          r.millis());
      if (r.error() != null) {
        out.println("error: " + r.error());
      }
      r.notices().forEach(n -> out.println("note: " + n));
    }
    out.flush();
  }
}
