package io.stockroom.domain;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This laptop's own settings (text size, ...): client-wins and never synced. They live in the
 * profile, so they come back at the next start.
 */
public interface SettingsService {

  Optional<String> get(String name);

  void put(String name, String value);

  /** Settings kept in memory only (tests on fakes): forgotten when the process ends. */
  static SettingsService inMemory() {
    Map<String, String> values = new ConcurrentHashMap<>();
    return new SettingsService() {
      @Override
      public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
      }

      @Override
      public void put(String name, String value) {
        values.put(name, value);
      }
    };
  }
}
