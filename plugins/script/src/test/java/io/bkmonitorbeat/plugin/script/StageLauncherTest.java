package io.bkmonitorbeat.plugin.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both launchers against real processes: the same contract. */
class StageLauncherTest {
  @TempDir Path dir;

  static Stream<StageLauncher> launchers() {
    assumeTrue(NativeLauncher.available(), "libc posix_spawn with closefrom not callable");
    return Stream.of(new NativeLauncher(), new JdkLauncher(Optional.of(Path.of("/usr/bin/setsid"))));
  }

  private Path script(String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private static long deadline(Duration in) {
    return System.nanoTime() + in.toNanos();
  }

  @ParameterizedTest
  @MethodSource("launchers")
  void capturesStdoutAndStderrWithExactEnvironmentAndNoInheritedDescriptors(StageLauncher launcher) throws Exception {
    Path script = script("env.sh", """
        echo "out $GREETING"
        echo "err" >&2
        echo "vars $(env | grep -c .)"
        echo "fds $(ls /proc/self/fd | wc -l)"
        echo "stdin $(cat | wc -c)"
        echo "group $(cut -d' ' -f5 /proc/self/stat) self $$"
        """);
    Path output = Files.createFile(dir.resolve("out"));
    try (FileInputStream held = new FileInputStream(script.toFile())) { // an open descriptor of the agent
      StageLauncher.Stages stages = launcher.start(List.of(List.of(script.toString())),
          Map.of("GREETING", "hello", "PATH", "/usr/bin:/bin"), output);
      assertThat(stages.await(deadline(Duration.ofSeconds(20)))).containsExactly(0);
    }
    String text = Files.readString(output);
    assertThat(text).contains("out hello\n", "err\n", "stdin 0\n");
    // sh's own environment adds PWD (and maybe SHLVL, _): at most a few beyond the two given
    assertThat(Integer.parseInt(text.replaceAll("(?s).*vars (\\d+).*", "$1"))).isLessThan(6);
    // 0, 1, 2 and the one ls opens for /proc/self/fd
    assertThat(text).contains("fds 4\n");
  }

  @ParameterizedTest
  @MethodSource("launchers")
  void eachStageLeadsItsOwnProcessGroup(StageLauncher launcher) throws Exception {
    Path script = script("group.sh", "echo \"$(cut -d' ' -f1,5 /proc/self/stat)\"\n");
    Path output = Files.createFile(dir.resolve("out"));
    StageLauncher.Stages stages = launcher.start(List.of(List.of(script.toString())), Map.of("PATH", "/usr/bin:/bin"), output);
    assertThat(stages.await(deadline(Duration.ofSeconds(20)))).containsExactly(0);
    // cut is a child of the script: its group is the script's pid, which is not the agent's group
    String[] fields = Files.readString(output).trim().split(" ");
    assertThat(Long.parseLong(fields[1])).isNotEqualTo(ProcessGroups.processGroup(ProcessHandle.current().pid()));
  }

  @ParameterizedTest
  @MethodSource("launchers")
  void pipelinesAndExitStatuses(StageLauncher launcher) throws Exception {
    Path output = Files.createFile(dir.resolve("out"));
    StageLauncher.Stages stages = launcher.start(List.of(
        List.of("/bin/echo", "a b c"), List.of("/usr/bin/wc", "-w"), List.of("/bin/sh", "-c", "cat; exit 3")),
        Map.of(), output);
    assertThat(stages.await(deadline(Duration.ofSeconds(20)))).containsExactly(0, 0, 3);
    assertThat(Files.readString(output).trim()).isEqualTo("3");

    Path killed = Files.createFile(dir.resolve("killed"));
    StageLauncher.Stages signalled = launcher.start(List.of(List.of("/bin/sh", "-c", "kill -TERM $$")), Map.of(), killed);
    assertThat(signalled.await(deadline(Duration.ofSeconds(20)))).containsExactly(128 + 15);
  }

  @ParameterizedTest
  @MethodSource("launchers")
  void killReachesReparentedGrandchildren(StageLauncher launcher) throws Exception {
    Path pidFile = dir.resolve("orphan.pid");
    Path script = script("orphan.sh", "( sleep 300 & echo $! > %s )\nsleep 300\n".formatted(pidFile));
    Path output = Files.createFile(dir.resolve("out"));
    StageLauncher.Stages stages = launcher.start(List.of(List.of(script.toString())), Map.of("PATH", "/usr/bin:/bin"), output);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.exists(pidFile) || Files.size(pidFile) == 0) {
      assertThat(System.nanoTime()).isLessThan(until);
      Thread.sleep(20);
    }
    assertThat(stages.await(deadline(Duration.ofMillis(300)))).as("still running").isNull();
    assertThat(stages.kill()).isPositive();
    long orphan = Long.parseLong(Files.readString(pidFile).trim());
    assertThat(Processes.awaitGone(orphan, Duration.ofSeconds(10))).as("orphan %d", orphan).isTrue();
  }

  @ParameterizedTest
  @MethodSource("launchers")
  void aMissingExecutableFailsToStart(StageLauncher launcher) throws Exception {
    Path output = Files.createFile(dir.resolve("out"));
    if (launcher instanceof NativeLauncher) {
      assertThatThrownBy(() -> launcher.start(List.of(List.of(dir.resolve("nope").toString())), Map.of(), output))
          .isInstanceOf(IOException.class).hasMessageContaining("nope");
    } else {
      // setsid starts, then fails to exec: exit status 127
      assertThat(launcher.start(List.of(List.of(dir.resolve("nope").toString())), Map.of(), output)
          .await(deadline(Duration.ofSeconds(20)))).containsExactly(127);
    }
  }
}
