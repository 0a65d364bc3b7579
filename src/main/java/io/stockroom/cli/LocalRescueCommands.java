package io.stockroom.cli;

import io.stockroom.store.ProfileRescue;
import io.stockroom.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code local rescue} and {@code local replay}: a damaged profile's way back (issue 15). */
final class LocalRescueCommands {

  private LocalRescueCommands() {}

  @Command(
      name = "rescue",
      mixinStandardHelpOptions = true,
      description =
          "Moves a damaged local database aside, exporting its unsynced changes first; the next"
              + " start makes a fresh profile that a sync fills from the server.")
  static final class Rescue implements Callable<Integer> {
    @ParentCommand LocalCommand local;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Path dir = local.profileDir();
      ProfileRescue.Outcome o;
      try {
        o = ProfileRescue.rescue(dir, Clock.systemUTC());
      } catch (io.stockroom.store.ProfileLockedException e) {
        throw new UserError(e.getMessage() + ": close it before a rescue", 1);
      } catch (StoreException e) {
        throw new UserError(e.getMessage(), 1);
      }
      var out = spec.commandLine().getOut();
      out.println("moved the damaged database to " + o.folder());
      if (o.exported() != null) {
        out.println(
            "exported "
                + o.changes()
                + " unsynced change(s) to "
                + o.exported()
                + "; after the first sync of the fresh profile, queue them again with: local"
                + " --profile "
                + dir
                + " replay "
                + o.exported());
      } else {
        out.println(
            "its unsynced changes could not be read ("
                + o.readError()
                + "); the damaged files are kept in that folder");
      }
      return 0;
    }
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description =
          "Queues the changes exported by `rescue` again, with their idempotency keys, so none is"
              + " applied twice on the server.")
  static final class Replay implements Callable<Integer> {
    @ParentCommand LocalCommand local;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The unsynced-changes file `rescue` wrote.")
    Path file;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(file)) {
        throw new UserError("no such file: " + file);
      }
      ProfileRescue.Replayed r;
      try {
        r = local.withStore(store -> ProfileRescue.replay(store, file));
      } catch (StoreException e) {
        throw new UserError(e.getMessage(), 1);
      }
      spec.commandLine().getOut().println("queued " + r.queued() + " change(s) for the next sync");
      if (r.waiting() > 0) {
        spec.commandLine()
            .getOut()
            .println(
                r.waiting()
                    + " change(s) of a site this profile does not hold wait in "
                    + file
                    + " until that site is yours again");
      }
      return 0;
    }
  }
}
