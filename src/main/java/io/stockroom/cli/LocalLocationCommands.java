package io.stockroom.cli;

import io.stockroom.domain.Location;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code local add-location}. */
final class LocalLocationCommands {

  private LocalLocationCommands() {}

  @Command(
      name = "add-location",
      mixinStandardHelpOptions = true,
      description = "Adds a bin or shelf to the profile's site.")
  static final class AddLocation implements Callable<Integer> {
    @ParentCommand LocalCommand local;
    @Spec CommandSpec spec;

    @Option(names = "--code", required = true, description = "Bin code, unique in the site.")
    String code;

    @Option(names = "--zone")
    String zone;

    @Option(names = "--description")
    String description;

    @Override
    public Integer call() {
      Location location =
          local.withStore(store -> store.locations().create(code, zone, description));
      spec.commandLine()
          .getOut()
          .println("added location " + location.code() + " (" + location.id() + ")");
      return 0;
    }
  }
}
