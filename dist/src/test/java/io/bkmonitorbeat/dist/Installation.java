package io.bkmonitorbeat.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real tarball, unpacked into a directory of the test's. */
final class Installation {
  final Path home;

  private Installation(Path home) {
    this.home = home;
  }

  /** Unpacks the tarball the build just made into {@code dir} (with {@code tar}, as an operator would). */
  static Installation unpack(Path dir) throws IOException, InterruptedException {
    Path tarball = Path.of(System.getProperty("bkm.tarball"));
    Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", dir.toString())
        .inheritIO().start();
    if (!tar.waitFor(60, TimeUnit.SECONDS) || tar.exitValue() != 0) {
      throw new IOException("cannot unpack " + tarball);
    }
    return new Installation(dir.resolve("bkmonitorbeat-" + System.getProperty("bkm.version")));
  }

  Path bin() {
    return home.resolve("bin/bkmonitorbeat");
  }

  /** Starts {@code bin/bkmonitorbeat} with {@code args}; stdout and stderr go to files. */
  AgentProcess start(Path workDir, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(bin().toString()));
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile(workDir, "stdout", ".log");
    Path stderr = Files.createTempFile(workDir, "stderr", ".log");
    Process process = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    return new AgentProcess(process, stdout, stderr);
  }

  /** Runs {@code bin/bkmonitorbeat} to completion (at most 60 s). */
  AgentProcess run(Path workDir, String... args) throws IOException, InterruptedException {
    AgentProcess process = start(workDir, args);
    process.awaitExit(60);
    return process;
  }
}
