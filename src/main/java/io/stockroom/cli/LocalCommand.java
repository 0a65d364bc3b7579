package io.stockroom.cli;

import io.stockroom.app.Launcher;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.ValidationException;
import io.stockroom.store.LocalStore;
import io.stockroom.store.ProfileDamagedException;
import io.stockroom.store.ProfileLockedException;
import io.stockroom.store.ProfileTooNewException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code local}: scripted edits of a profile without the UI. Every sub-command goes through the
 * same services as the desktop app, so its writes are queued for sync exactly like the app's.
 */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = "Scripted local edits of a profile, queued for sync like the app's.",
    subcommands = {
      LocalItemCommands.AddItem.class,
      LocalItemCommands.UpdateItem.class,
      LocalItemCommands.ListItems.class,
      LocalLocationCommands.AddLocation.class,
      LocalStockCommands.Move.class,
      LocalStockCommands.Count.class,
      LocalStockCommands.Stock.class,
      LocalQueueCommands.Queue.class,
      LocalQueueCommands.Conflicts.class,
      LocalRescueCommands.Rescue.class,
      LocalRescueCommands.Replay.class
    })
final class LocalCommand {

  @ParentCommand DesktopCommand root;

  @Option(
      names = "--profile",
      paramLabel = "DIR",
      description = "Folder of the local database (default: the per-user data folder).")
  Path profile;

  /** The profile folder the command names (default: the per-user data folder). */
  Path profileDir() {
    return profile != null
        ? profile
        : root != null && root.profile != null ? root.profile : Launcher.defaultProfile();
  }

  /** Opens the profile, runs {@code work}, closes it; bad input becomes a one-line error. */
  <T> T withStore(Function<LocalStore, T> work) {
    Path dir = profileDir();
    try (LocalStore store = LocalStore.open(dir, Clock.systemUTC(), IdGenerator.secure())) {
      return work.apply(store);
    } catch (ValidationException e) {
      throw new UserError(e.getMessage());
    } catch (ProfileLockedException | ProfileTooNewException | ProfileDamagedException e) {
      throw new UserError(e.getMessage(), 1);
    }
  }
}
