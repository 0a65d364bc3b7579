package io.stockroom.cli;

import io.stockroom.domain.ValidationException;
import io.stockroom.server.StockroomServer;
import io.stockroom.server.auth.Accounts;
import io.stockroom.server.auth.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code admin}: manages users, sites and tokens directly on the server's store. With the embedded
 * H2 store, stop the server first (the database file is locked while it runs).
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Manages users, sites and tokens on the server's store.",
    subcommands = {
      AdminCommand.CreateUser.class,
      AdminCommand.CreateSite.class,
      AdminCommand.ListUsers.class,
      AdminCommand.SetSites.class,
      AdminCommand.RevokeTokens.class
    })
final class AdminCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", description = "Folder of the embedded H2 store.")
  Path data;

  @Option(names = "--db", paramLabel = "JDBC_URL", description = "Database URL (PostgreSQL).")
  String db;

  @Option(
      names = "--db-user",
      paramLabel = "NAME",
      description = "Database user (password from STOCKROOM_DB_PASSWORD).")
  String dbUser;

  @Override
  public Integer call() {
    throw new UserError(
        "name an admin command: create-user, create-site, list-users, set-sites,"
            + " revoke-tokens");
  }

  <T> T withAccounts(Function<Accounts, T> work) {
    return withServer(server -> work.apply(server.accounts()));
  }

  /** The store given by --data or --db, opened (not started) for one admin operation. */
  <T> T withServer(Function<StockroomServer, T> work) {
    try (StockroomServer server = StoreOptions.open(StoreOptions.config(data, db, dbUser, 0))) {
      return work.apply(server);
    } catch (ValidationException e) {
      throw new UserError(e.getMessage());
    }
  }

  @Command(
      name = "create-user",
      mixinStandardHelpOptions = true,
      description = "Creates a user; the password is read from the first line of standard input.")
  static final class CreateUser implements Callable<Integer> {
    @ParentCommand AdminCommand admin;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--role", required = true, paramLabel = "staff|admin")
    String role;

    @Option(names = "--sites", paramLabel = "CODE[,CODE]", split = ",")
    List<String> sites = List.of();

    @Option(
        names = "--password-stdin",
        description = "Read the password from standard input (required).")
    boolean passwordStdin;

    @Override
    public Integer call() throws IOException {
      Role r =
          Role.fromWireName(role)
              .orElseThrow(() -> new UserError("--role must be staff or admin, not " + role));
      if (!passwordStdin) {
        throw new UserError("--password-stdin is required: pipe the password in");
      }
      if (r == Role.STAFF && sites.isEmpty()) {
        throw new UserError("staff need --sites CODE[,CODE]");
      }
      String password = PasswordInput.read();
      admin.withAccounts(a -> a.createUser(name, r, sites, password));
      admin.spec.commandLine().getOut().println("created user " + name + " (" + r.wireName() + ")");
      return 0;
    }
  }

  @Command(name = "create-site", mixinStandardHelpOptions = true, description = "Creates a site.")
  static final class CreateSite implements Callable<Integer> {
    @ParentCommand AdminCommand admin;

    @Parameters(index = "0", paramLabel = "CODE")
    String code;

    @Option(names = "--name", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      admin.withAccounts(a -> a.createSite(code, name));
      admin.spec.commandLine().getOut().println("created site " + code);
      return 0;
    }
  }

  @Command(name = "list-users", mixinStandardHelpOptions = true, description = "Lists users.")
  static final class ListUsers implements Callable<Integer> {
    @ParentCommand AdminCommand admin;

    @Override
    public Integer call() {
      List<Accounts.UserSummary> users = admin.withAccounts(Accounts::listUsers);
      for (Accounts.UserSummary u : users) {
        admin
            .spec
            .commandLine()
            .getOut()
            .println(u.username() + "\t" + u.role() + "\t" + String.join(",", u.sites()));
      }
      return 0;
    }
  }

  /** The {@code --server} options of commands that may go through a running server. */
  static final class Through {
    @Option(names = "--server", paramLabel = "URL", description = "A running server.")
    String server;

    @Option(names = "--user", paramLabel = "ADMIN", description = "An admin of that server.")
    String adminUser;

    @Option(
        names = "--password-stdin",
        description = "Read the admin's password from standard input (with --server).")
    boolean passwordStdin;

    boolean used() {
      if (server == null) {
        return false;
      }
      if (adminUser == null || !passwordStdin) {
        throw new UserError("--server needs --user ADMIN and --password-stdin");
      }
      return true;
    }
  }

  @Command(
      name = "set-sites",
      mixinStandardHelpOptions = true,
      description =
          "Gives a user exactly these sites. A site taken away leaves the user's laptops at their"
              + " next sync, its unsynced changes held back on the laptop. With --server, through"
              + " the running server; otherwise on the store given by --data or --db.")
  static final class SetSites implements Callable<Integer> {
    @ParentCommand AdminCommand admin;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--sites", required = true, paramLabel = "CODE[,CODE]", split = ",")
    List<String> sites;

    @picocli.CommandLine.Mixin Through through = new Through();

    @Override
    public Integer call() throws IOException {
      if (through.used()) {
        RunningServer.setSites(
            through.server, through.adminUser, PasswordInput.read(), name, sites);
      } else {
        // Running servers on the same PostgreSQL hear of it and close the user's sockets.
        admin.withServer(
            s -> {
              s.setSites(name, sites);
              return null;
            });
      }
      admin
          .spec
          .commandLine()
          .getOut()
          .println("sites of " + name + ": " + String.join(",", sites));
      return 0;
    }
  }

  @Command(
      name = "revoke-tokens",
      mixinStandardHelpOptions = true,
      description =
          "Signs a user out of every device. With --server, through the running server (its live"
              + " sockets close at once; needed while it holds the H2 file); otherwise on the"
              + " store given by --data or --db.")
  static final class RevokeTokens implements Callable<Integer> {
    @ParentCommand AdminCommand admin;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @picocli.CommandLine.Mixin Through through = new Through();

    @Override
    public Integer call() throws IOException {
      int n;
      if (through.used()) {
        n =
            RunningServer.revokeTokens(
                through.server, through.adminUser, PasswordInput.read(), name);
      } else {
        n = admin.withServer(s -> s.revokeTokens(name));
      }
      admin.spec.commandLine().getOut().println("revoked " + n + " token(s) of " + name);
      return 0;
    }
  }
}
