package io.stockroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockroom.domain.IdGenerator;
import io.stockroom.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store a desktop launch opens while JavaFX starts, on real profiles. */
class EarlyStoreTest {

  @TempDir Path dir;

  private final AtomicInteger closed = new AtomicInteger();

  @AfterEach
  void nothingLeftOpen() {
    EarlyStore.discard();
  }

  private static AppConfig config(Path profile) {
    return new AppConfig(profile, Clock.systemDefaultZone(), IdGenerator.secure());
  }

  /** The real store, with its closing counted. */
  private StoreOpener.OpenStore open(AppConfig config) {
    StoreOpener.OpenStore store = LocalStores.open(config);
    return new StoreOpener.OpenStore(
        store.services(),
        () -> {
          closed.incrementAndGet();
          store.closer().close();
        },
        store.sync());
  }

  @Test
  void theAppTakesTheStoreOpenedForItsProfile() throws Exception {
    Path profile = dir.resolve("p");
    EarlyStore.start(config(profile), this::open);

    Optional<StoreOpener.OpenStore> store = EarlyStore.take(profile.resolve("../p"));

    assertThat(store).isPresent();
    assertThat(store.get().services().catalog().count("")).isZero();
    EarlyStore.discard();
    assertThat(closed).as("taken: the app closes it, not discard").hasValue(0);
    store.get().closer().close();
    assertThat(EarlyStore.take(profile)).as("taken once").isEmpty();
  }

  @Test
  void anotherProfileIsNotServedAndTheUntakenStoreIsClosed() throws Exception {
    EarlyStore.start(config(dir.resolve("a")), this::open);

    assertThat(EarlyStore.take(dir.resolve("b"))).isEmpty();
    EarlyStore.discard();

    assertThat(closed).hasValue(1);
    assertThat(EarlyStore.take(dir.resolve("a"))).isEmpty();
  }

  @Test
  void whatOpeningThrewIsRethrownAsItWas() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("file"), "x");
    EarlyStore.start(config(notAFolder), this::open);

    assertThatThrownBy(() -> EarlyStore.take(notAFolder))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot create the profile folder");
    assertThat(closed).hasValue(0);
  }
}
