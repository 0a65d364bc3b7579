package io.stockroom.cli;

import io.stockroom.domain.Password;
import io.stockroom.domain.ValidationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** {@code --password-stdin}: the first line of standard input, which must be a password. */
final class PasswordInput {

  private PasswordInput() {}

  static String read() {
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                System.in,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)));
    String line;
    try {
      line = in.readLine();
    } catch (CharacterCodingException e) {
      throw new UserError("the password on standard input is not UTF-8 text");
    } catch (IOException e) {
      throw new UserError("cannot read the password from standard input: " + e.getMessage());
    }
    if (line == null) {
      throw new UserError("no password on standard input: pipe it in");
    }
    try {
      return Password.check(line);
    } catch (ValidationException e) {
      throw new UserError(e.getMessage() + " (read from standard input)");
    }
  }
}
