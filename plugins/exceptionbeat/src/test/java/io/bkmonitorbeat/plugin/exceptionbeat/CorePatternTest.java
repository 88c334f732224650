package io.bkmonitorbeat.plugin.exceptionbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CorePatternTest {

  private static CorePattern pattern(String text) {
    return CorePattern.parse(text).pattern().orElseThrow();
  }

  @Test
  void splitsDirectoryAndNameAsTheKernelFileHoldsThem() {
    CorePattern p = pattern("/data/corefile/core_%e_%t.%p\n\0\0\0");
    assertThat(p.directory()).isEqualTo("/data/corefile");
    assertThat(p.watchRoot()).isEqualTo("/data/corefile");
    assertThat(p.namePattern()).isEqualTo("core_%e_%t.%p");
    assertThat(p.pairs()).containsExactly(new CorePattern.Pair("core_", 'e'),
        new CorePattern.Pair("_", 't'), new CorePattern.Pair(".", 'p'),
        new CorePattern.Pair("", 'z'));
    assertThat(pattern("/core.%p").directory()).isEqualTo("/");
  }

  @Test
  void aSpecifierInTheDirectoryIsWatchedFromItsParent() {
    CorePattern p = pattern("/cores/%u/%e/core.%p");
    assertThat(p.directory()).isEqualTo("/cores/%u/%e");
    assertThat(p.watchRoot()).isEqualTo("/cores");
    assertThat(pattern("/%u/core").watchRoot()).isEqualTo("/");
  }

  @Test
  void watchDepthCoversThePatternsLevelsAndTwoMoreButNeverTheWholeFileSystem() {
    assertThat(pattern("/data/corefile/core_%e").watchDepth()).isEqualTo(2);
    assertThat(pattern("/cores/%u/%e/core.%p").watchDepth()).isEqualTo(4);
    assertThat(pattern("/%u/core").watchDepth()).isEqualTo(1);
    assertThat(pattern("/core.%p").watchDepth()).isZero();
  }

  @Test
  void pipesAndRelativePatternsHaveNoDirectory() {
    CorePattern.Result piped = CorePattern.parse("|/usr/lib/systemd/systemd-coredump %P %u %g %s %t %c %h\n");
    assertThat(piped.pattern()).isEmpty();
    assertThat(piped.error()).contains("piped to a helper");
    assertThat(CorePattern.parse("core\n").error()).contains("not an absolute path");
  }

  @Test
  void twoSpecifiersWithoutSeparatorAcceptEveryFileWithoutDimensions() {
    CorePattern p = pattern("/c/%E%e-%I-%i-%s-%t");
    assertThat(p.parsable()).isFalse();
    assertThat(p.dimensions("anything", false)).contains(Map.of());
  }

  static Stream<Arguments> names() {
    return Stream.of(
        Arguments.of("path and signal", "corefile-%E-%e-%I-%i-%s-%t", false,
            "corefile-!tmp!test!test-test-25486-25486-8-1607502386",
            Map.of("executable_path", "/tmp/test/test", "executable", "test", "signal", "SIGFPE",
                "event_time", "1607502386")),
        Arguments.of("core_uses_pid suffix cut off", "corefile-%E-%e-%I-%i-%s-%t", true,
            "corefile-!tmp!test!test-test-25486-25486-8-1607502386.25486",
            Map.of("executable_path", "/tmp/test/test", "executable", "test", "signal", "SIGFPE",
                "event_time", "1607502386")),
        Arguments.of("metacharacter separators are literal", "corefile-%E.%e\\%I~%i-%stt%t", false,
            "corefile-!tmp!test!test.test\\25486~25486-8tt1607502386",
            Map.of("executable_path", "/tmp/test/test", "executable", "test", "signal", "SIGFPE",
                "event_time", "1607502386")),
        Arguments.of("separator inside a value: ambiguous groups dropped",
            "corefile-%E!%e-%I-%i-%s-%t", false,
            "corefile-!tmp!test!test!test-25486-25486-8-1607502386",
            Map.of("signal", "SIGFPE", "event_time", "1607502386")),
        Arguments.of("separator digit next to digits: signal dropped",
            "corefile-%E-%e-%I-%i8%s-%t", false,
            "corefile-!tmp!test!test-test-25486-2548688-1607502386",
            Map.of("executable_path", "/tmp/test/test", "executable", "test",
                "event_time", "1607502386")),
        Arguments.of("executable from the path", "corefile-%E-%I-%i8%s-%t", false,
            "corefile-!tmp!test!test1-25486-2548688-1607502386",
            Map.of("executable_path", "/tmp/test/test1", "executable", "test1",
                "event_time", "1607502386")),
        Arguments.of("unknown specifier", "core_%w_%e", false, "core__demo",
            Map.of("executable", "demo")),
        Arguments.of("pid in the pattern: core_uses_pid cuts nothing", "core_%w_%e_%t_%p", true,
            "core__demo_1616056187_77190", Map.of("executable", "demo", "event_time", "1616056187")),
        Arguments.of("executable with the separator in it", "core_%e_%t", true,
            "core_gen_core_test_1668062442.10453",
            Map.of("executable", "gen_core_test", "event_time", "1668062442")),
        Arguments.of("three ambiguous groups", "core_%et%ht%E_%t", true,
            "core_gen_test_centos_test_path_1668062442.10453", Map.of("event_time", "1668062442")),
        Arguments.of("numbers around a name", "core_%t_%e_%s", false,
            "core_1668062442_gen_core_test_11",
            Map.of("executable", "gen_core_test", "event_time", "1668062442", "signal", "SIGSEGV")),
        Arguments.of("unknown signal number kept", "core.%e.%s", false, "core.app.64",
            Map.of("executable", "app", "signal", "64")),
        Arguments.of("dot prefix is not a wildcard", "core.%p", false, "core.1234", Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void readsDimensionsFromCoreFileNames(String what, String namePattern, boolean usesPid,
      String name, Map<String, String> expected) {
    assertThat(pattern("/corefile/" + namePattern).dimensions(name, usesPid)).contains(expected);
  }

  @Test
  void namesOfAnotherShapeAreNotCoreFiles() {
    CorePattern p = pattern("/corefile/corefile-%E-%e-%I-%i-%s-%t");
    assertThat(p.dimensions("corefile-!tmp!test!t～ded。est-tes8-1607502386.25486", false)).isEmpty();
    assertThat(pattern("/c/core.%p").dimensions("coreX1234", false))
        .as("the original's unescaped '.' matched any character").isEmpty();
    assertThat(pattern("/c/core_%e").dimensions("core_app", true))
        .as("core_uses_pid but no .pid suffix").isEqualTo(Optional.empty());
  }

  @Test
  void baseNameIgnoresTrailingSlashes() {
    assertThat(CorePattern.baseName("/usr/bin/app")).isEqualTo("app");
    assertThat(CorePattern.baseName("/usr/bin/app/")).isEqualTo("app");
    assertThat(CorePattern.baseName("app")).isEqualTo("app");
    assertThat(CorePattern.baseName("/")).isEqualTo("/");
  }
}
