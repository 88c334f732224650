package io.bkmonitorbeat.host.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void parsesBkmonitorbeatsFlags() {
    assertThat(CommandLine.parse("-c", "/etc/bk.yml")).isEqualTo(
        new CommandLine(java.util.Optional.of(Path.of("/etc/bk.yml")), CommandLine.Command.RUN));
    assertThat(CommandLine.parse("-c", "x.yml", "-reload").command()).isEqualTo(CommandLine.Command.RELOAD);
    assertThat(CommandLine.parse("--check").command()).isEqualTo(CommandLine.Command.CHECK);
    assertThat(CommandLine.parse("-v").command()).isEqualTo(CommandLine.Command.VERSION);
    assertThat(CommandLine.parse("plugins").command()).isEqualTo(CommandLine.Command.PLUGINS);
    assertThat(CommandLine.parse("-e").config()).isEmpty();
  }

  @Test
  void rejectsWhatItDoesNotKnow() {
    assertThatThrownBy(() -> CommandLine.parse("-x")).hasMessage("unknown argument '-x'");
    assertThatThrownBy(() -> CommandLine.parse("-c")).hasMessage("-c needs a file");
    assertThatThrownBy(() -> CommandLine.parse("-check", "-reload"))
        .hasMessage("-check and -reload exclude each other");
  }

  @Test
  void badArgumentsExitWith2AndTheUsage() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int status = Main.run(new String[] {"-nope"}, System.out, new java.io.PrintStream(err, true));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("unknown argument '-nope'").contains("usage: bkmonitorbeat");
  }
}
