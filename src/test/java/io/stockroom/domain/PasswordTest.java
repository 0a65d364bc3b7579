package io.stockroom.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A password is a line of text of 1 to 1000 characters. */
class PasswordTest {

  @Test
  void aLineOfTextIsAPassword() {
    assertThat(Password.check("correct horse\tbattery")).isEqualTo("correct horse\tbattery");
    assertThat(Password.check("p".repeat(Password.MAX_LENGTH))).hasSize(Password.MAX_LENGTH);
    assertThat(Password.check("m\u00f6tley \ud83d\udd11")).isNotNull();
  }

  @Test
  void emptyTooLongOrBinaryIsNot() {
    assertThatThrownBy(() -> Password.check(null)).hasMessageContaining("empty");
    assertThatThrownBy(() -> Password.check("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> Password.check("p".repeat(Password.MAX_LENGTH + 1)))
        .hasMessageContaining("longer");
    for (String s : new String[] {"a\nb", "a\rb", "\u0000", "a\u007f", "a\ufffd"}) {
      assertThatThrownBy(() -> Password.check(s))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("control characters");
    }
  }
}
