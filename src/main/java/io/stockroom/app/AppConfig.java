package io.stockroom.app;

import io.stockroom.domain.IdGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/** What the app is started with: the profile folder, the clock and the id source. */
public record AppConfig(Path profileDir, Clock clock, IdGenerator ids) {

  public AppConfig {
    Objects.requireNonNull(profileDir, "profileDir");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ids, "ids");
  }

  /** The product's settings for a profile folder. */
  public static AppConfig forProfile(Path profileDir) {
    return new AppConfig(profileDir, Clock.systemDefaultZone(), IdGenerator.secure());
  }
}
