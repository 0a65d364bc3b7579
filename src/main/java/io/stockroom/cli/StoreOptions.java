package io.stockroom.cli;

import io.stockroom.server.ServerConfig;
import io.stockroom.server.StockroomServer;
import io.stockroom.server.store.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --data DIR [--db JDBC_URL]} pair the server and admin commands share. */
final class StoreOptions {

  private StoreOptions() {}

  static ServerConfig config(Path data, String db, String dbUser, int port) {
    if (db == null && data == null) {
      throw new UserError("give --data DIR (embedded H2) or --db JDBC_URL");
    }
    if (db != null && !db.startsWith("jdbc:postgresql:") && !db.startsWith("jdbc:h2:")) {
      throw new UserError("--db must be a jdbc:postgresql: (or jdbc:h2:) URL");
    }
    if (db == null) {
      try {
        Files.createDirectories(data);
      } catch (IOException e) {
        throw new UserError("cannot create the data folder " + data + ": " + e.getMessage());
      }
    }
    ServerConfig config = ServerConfig.h2(data, port);
    if (db != null) {
      config = config.withDatabase(db, dbUser, System.getenv("STOCKROOM_DB_PASSWORD"));
    }
    return config;
  }

  static StockroomServer open(ServerConfig config) {
    try {
      return StockroomServer.open(config);
    } catch (StoreUnavailableException e) {
      throw new UserError("cannot open the server store: " + e.getMessage(), 1);
    }
  }
}
