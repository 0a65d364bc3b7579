package io.stockroom.sync;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer token of a profile, in a file of the profile folder that only its owner may read
 * (decision 0024): POSIX mode 0600 where the file system has modes, otherwise an access list that
 * names only the owner. The file is written whole under a temporary name and moved into place, so a
 * crash leaves either the old token or the new one.
 */
public final class TokenFile {

  /** The file's name inside the profile folder. */
  public static final String NAME = "sync-token";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final Path file;

  public TokenFile(Path profileDir) {
    this.file = profileDir.resolve(NAME);
  }

  public Path path() {
    return file;
  }

  /** The stored token; empty when there is none (signed out, or never signed in). */
  public Optional<String> read() throws IOException {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    // A copy restored from a backup may have come back readable by others: close it again.
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (posix != null && !posix.readAttributes().permissions().equals(OWNER_ONLY)) {
      posix.setPermissions(OWNER_ONLY);
    }
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  /** Stores the token, replacing any earlier one. */
  public void write(String token) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(NAME + ".tmp");
    Files.deleteIfExists(tmp);
    createOwnerOnly(tmp);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ByteBuffer bytes = ByteBuffer.wrap(token.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        ch.write(bytes);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Forgets the token. */
  public void delete() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(file.resolveSibling(NAME + ".tmp"));
  }

  /** Creates an empty file that no one but its owner can open, before anything is written. */
  private static void createOwnerOnly(Path path) throws IOException {
    if (Files.getFileStore(path.getParent())
        .supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      // The umask can only take bits away; set them exactly anyway.
      Files.setPosixFilePermissions(path, OWNER_ONLY);
      return;
    }
    Files.createFile(path);
    AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
    if (acl != null) {
      UserPrincipal owner = Files.getOwner(path);
      acl.setAcl(
          List.of(
              AclEntry.newBuilder()
                  .setType(AclEntryType.ALLOW)
                  .setPrincipal(owner)
                  .setPermissions(
                      AclEntryPermission.READ_DATA,
                      AclEntryPermission.WRITE_DATA,
                      AclEntryPermission.APPEND_DATA,
                      AclEntryPermission.READ_ATTRIBUTES,
                      AclEntryPermission.WRITE_ATTRIBUTES,
                      AclEntryPermission.READ_NAMED_ATTRS,
                      AclEntryPermission.WRITE_NAMED_ATTRS,
                      AclEntryPermission.READ_ACL,
                      AclEntryPermission.WRITE_ACL,
                      AclEntryPermission.DELETE,
                      AclEntryPermission.SYNCHRONIZE)
                  .build()));
    }
  }
}
