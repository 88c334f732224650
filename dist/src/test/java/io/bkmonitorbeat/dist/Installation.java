package io.bkmonitorbeat.dist;

import io.bkmonitorbeat.testkit.FakeGseAgent;
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

  /**
   * Writes {@code <work>/bkmonitorbeat.yml}: {@code yaml} (main-file keys and a {@code
   * bkmonitorbeat:} section indented by two spaces) completed with what every test's agent
   * needs: the GSE output to {@code gse}, data and pid file under {@code work}, info logging, and
   * in the section daemon mode on 127.0.0.1 in cloud 0 with a heartbeat.
   */
  static Path writeConfig(Path work, FakeGseAgent gse, String yaml) throws IOException {
    String top = """
        output.bkpipe: {endpoint: %s}
        path.data: %s
        path.pid: %s
        logging.level: info
        """.formatted(gse.socketPath(), work.resolve("data"), work);
    String agent = """
        bkmonitorbeat:
          mode: daemon
          node_id: "0:127.0.0.1"
          ip: 127.0.0.1
          bk_cloud_id: 0
          heart_beat: {global_dataid: 1100001, period: 1m}
        """;
    String text = yaml.contains("bkmonitorbeat:\n")
        ? yaml.replaceFirst("(?m)^bkmonitorbeat:\n", agent) : yaml + agent;
    return Files.writeString(work.resolve("bkmonitorbeat.yml"), top + text);
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
