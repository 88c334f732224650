package io.bkmonitorbeat.plugin.trap;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the net-snmp command-line tools ({@code snmptrap}, {@code snmpinform}) against loopback. */
final class NetSnmp {
  private NetSnmp() {}

  /** The exit code and output of one tool run. */
  record Result(int exitCode, String output) {}

  static void requireTools() {
    for (String tool : List.of("snmptrap", "snmpinform")) {
      boolean found = System.getenv().getOrDefault("PATH", "").isEmpty() ? false
          : java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
              .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
      if (!found) {
        fail("the net-snmp tool '" + tool + "' is not on PATH: install the Debian package 'snmp'"
            + " (apt-get install -y snmp); .ci/run does this on CI");
      }
    }
  }

  /** Runs a tool with numeric OIDs only and a private persistent directory; waits at most 20 s. */
  static Result run(Path persistentDir, String... args) throws IOException, InterruptedException {
    requireTools();
    List<String> command = new ArrayList<>(List.of(args));
    command.add(1, "-On");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("MIBS", "");
    builder.environment().put("MIBDIRS", persistentDir.toString());
    builder.environment().put("SNMP_PERSISTENT_DIR", persistentDir.toString());
    builder.environment().put("SNMPCONFPATH", persistentDir.toString());
    Process process = builder.start();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within 20 s");
    }
    return new Result(process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
