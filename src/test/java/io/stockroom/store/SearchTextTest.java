package io.stockroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTextTest {

  @Test
  void splitsOnAnythingButLettersAndDigits() {
    assertThat(SearchText.words("Hex-bolt, M8 (ZINC)"))
        .containsExactly("hex", "bolt", "m8", "zinc");
    assertThat(SearchText.words("Größe 10mm")).containsExactly("größe", "10mm");
    assertThat(SearchText.words("  ")).isEmpty();
  }

  @Test
  void indexesWordsAfterTheFirstOnce() {
    assertThat(SearchText.indexedWords("Hex bolt bolt nut")).containsExactly("hex", "bolt", "nut");
    assertThat(SearchText.indexedWords("Single")).containsExactly("single");
  }

  @Test
  void oneWordIsLettersAndDigitsOnly() {
    assertThat(SearchText.isOneWord("M8")).isTrue();
    assertThat(SearchText.isOneWord("größe")).isTrue();
    assertThat(SearchText.isOneWord("m8-40")).isFalse();
    assertThat(SearchText.isOneWord("hex bolt")).isFalse();
    assertThat(SearchText.isOneWord("")).isFalse();
  }

  @Test
  void escapesLikeWildcards() {
    assertThat(SearchText.prefixPattern("a%b_c\\")).isEqualTo("a\\%b\\_c\\\\%");
  }
}
