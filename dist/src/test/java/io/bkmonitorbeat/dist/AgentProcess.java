package io.bkmonitorbeat.dist;

import io.bkmonitorbeat.testkit.FakeGseAgent;
import io.bkmonitorbeat.testkit.FakeGseAgent.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** A running {@code bin/bkmonitorbeat}, with its output captured in files. */
final class AgentProcess implements AutoCloseable {
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  AgentProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  long pid() {
    return process.pid();
  }

  void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + name + " failed");
    }
  }

  /** Waits for the exit; returns the status. Fails when it does not exit in time. */
  int awaitExit(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("bkmonitorbeat did not exit within " + seconds + " s; stderr:\n" + stderr());
    }
    return process.exitValue();
  }

  /**
   * Takes frames from {@code gse} until one satisfies {@code wanted} (the others are consumed);
   * fails when the agent exits or {@code wait} passes, with the agent's stderr.
   */
  Frame awaitFrame(FakeGseAgent gse, Predicate<Frame> wanted, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      Frame frame = gse.poll(Duration.ofMillis(200));
      if (frame != null && wanted.test(frame)) {
        return frame;
      }
      if (!isAlive()) {
        throw new AssertionError("bkmonitorbeat exited; stderr:\n" + stderr());
      }
    }
    throw new AssertionError("no matching frame within " + wait + "; stderr:\n" + stderr());
  }

  /** Waits until {@code done} holds; fails when the agent exits or {@code wait} passes. */
  void await(String what, BooleanSupplier done, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!done.getAsBoolean()) {
      if (!isAlive()) {
        throw new AssertionError("bkmonitorbeat exited waiting for " + what + "; stderr:\n" + stderr());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within " + wait + "; stderr:\n" + stderr());
      }
      Thread.sleep(100);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String stdout() {
    return read(stdout);
  }

  String stderr() {
    return read(stderr);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "<cannot read " + file + ": " + e + ">";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
