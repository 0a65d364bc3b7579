package io.stockroom.server.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted, deliberately slow password hashes: PBKDF2-HMAC-SHA256 from the JDK. The stored text names
 * the iteration count, {@code pbkdf2-sha256$600000$salt$hash}, so the count can grow without
 * breaking stored hashes; {@link #needsRehash} tells when one should be replaced.
 */
public final class PasswordHasher {

  /** OWASP's figure for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet, 2023 and since). */
  public static final int DEFAULT_ITERATIONS = 600_000;

  private static final String PREFIX = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private final int iterations;
  private final SecureRandom random = new SecureRandom();

  public PasswordHasher() {
    this(DEFAULT_ITERATIONS);
  }

  public PasswordHasher(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    this.iterations = iterations;
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = pbkdf2(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }

  /** Whether {@code password} matches {@code stored}; a malformed stored hash never matches. */
  public boolean matches(String password, String stored) {
    String[] parts = stored == null ? new String[0] : stored.split("\\$");
    if (parts.length != 4 || !PREFIX.equals(parts[0])) {
      return false;
    }
    try {
      int count = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, pbkdf2(password, salt, count));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Whether {@code stored} was made with fewer iterations than this hasher uses (or is not a hash
   * of this form): the sign-in that proves the password replaces it.
   */
  public boolean needsRehash(String stored) {
    String[] parts = stored == null ? new String[0] : stored.split("\\$");
    if (parts.length != 4 || !PREFIX.equals(parts[0])) {
      return true;
    }
    try {
      return Integer.parseInt(parts[1]) < iterations;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}
