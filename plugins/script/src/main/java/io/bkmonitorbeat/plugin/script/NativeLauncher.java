package io.bkmonitorbeat.plugin.script;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts stages with libc's {@code posix_spawn} (through the host's jnr-ffi): {@code
 * POSIX_SPAWN_SETSID} makes each stage a session and process-group leader before it execs, so
 * neither {@code setsid} nor the JDK's {@code jspawnhelper} is exec'd (two execs fewer per run
 * than {@link JdkLauncher}); the signal mask is emptied and every signal disposition reset to the
 * default; descriptors from 3 up are closed in the child ({@code
 * posix_spawn_file_actions_addclosefrom_np}, glibc 2.34+). The stages are reaped with {@code
 * waitpid}; a run waits on a {@code pidfd} (Linux 5.3+) so it sees the exit at once, or polls
 * with a growing pause where pidfds are missing.
 *
 * <p>{@link #available()} probes libc once; when it is false the runner uses {@link JdkLauncher}.
 */
final class NativeLauncher implements StageLauncher {
  private static final Logger log = LoggerFactory.getLogger(NativeLauncher.class);
  private static final int O_RDONLY = 0;
  private static final int O_WRONLY = 1;
  private static final int O_APPEND = 0x400;
  private static final int O_CLOEXEC = 0x80000;
  private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
  private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
  private static final short POSIX_SPAWN_SETSID = 0x80;
  private static final int WNOHANG = 1;
  private static final int ECHILD = 10;
  private static final int EINTR = 4;
  private static final long SYS_PIDFD_OPEN = 434; // the same on x86_64 and aarch64
  private static final short POLLIN = 1;
  /** Generous upper bounds of glibc's opaque types (80, 336 and 128 bytes on x86_64). */
  private static final int FILE_ACTIONS_SIZE = 512;
  private static final int ATTR_SIZE = 1024;
  private static final int SIGSET_SIZE = 128;
  /** How long one pidfd wait may block before the interrupt flag is checked again. */
  private static final int WAIT_SLICE_MILLIS = 50;

  /** The libc functions used; public because jnr-ffi implements it in its own class loader. */
  public interface LibC {
    int posix_spawn(@Out int[] pid, String path, Pointer fileActions, Pointer attr, Pointer argv, Pointer envp);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_destroy(Pointer fileActions);

    int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int flags, int mode);

    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

    int posix_spawnattr_init(Pointer attr);

    int posix_spawnattr_destroy(Pointer attr);

    int posix_spawnattr_setflags(Pointer attr, short flags);

    int posix_spawnattr_setsigmask(Pointer attr, Pointer set);

    int posix_spawnattr_setsigdefault(Pointer attr, Pointer set);

    @SaveError
    int pipe2(@Out int[] fds, int flags);

    int close(int fd);

    @SaveError
    int waitpid(int pid, @Out int[] status, int options);

    @SaveError
    long syscall(long number, long first, long second);

    @SaveError
    int poll(@In @Out byte[] fds, long count, int timeoutMillis);

    String strerror(int errno);
  }

  private static final class Holder {
    static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    static final boolean AVAILABLE = probe();

    private static boolean probe() {
      try {
        Pointer actions = Memory.allocateDirect(RUNTIME, FILE_ACTIONS_SIZE, true);
        if (LIBC.posix_spawn_file_actions_init(actions) != 0) {
          return false;
        }
        try {
          return LIBC.posix_spawn_file_actions_addclosefrom_np(actions, 3) == 0;
        } finally {
          LIBC.posix_spawn_file_actions_destroy(actions);
          Reference.reachabilityFence(actions);
        }
      } catch (LinkageError | RuntimeException e) {
        log.info("posix_spawn through jnr-ffi is not usable ({}); scripts start through the JDK and setsid", e.toString());
        return false;
      }
    }
  }

  /** Whether libc's posix_spawn (with closefrom) can be called; probed once. */
  static boolean available() {
    try {
      return Holder.AVAILABLE;
    } catch (LinkageError e) {
      log.info("libc is not callable through jnr-ffi ({}); scripts start through the JDK and setsid", e.toString());
      return false;
    }
  }

  @Override
  public Stages start(List<List<String>> argvs, Map<String, String> environment, Path output) throws IOException {
    LibC libc = Holder.LIBC;
    Runtime runtime = Holder.RUNTIME;
    Pointer envp = stringArray(runtime, environment.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).toList());
    int stages = argvs.size();
    int[] pipes = new int[Math.max(0, 2 * (stages - 1))];
    Arrays.fill(pipes, -1);
    NativeStages started = new NativeStages(stages);
    try {
      for (int i = 0; i + 1 < stages; i++) {
        int[] fds = new int[2];
        if (libc.pipe2(fds, O_CLOEXEC) != 0) {
          throw new IOException("pipe2: " + libc.strerror(runtime.getLastError()));
        }
        pipes[2 * i] = fds[0];
        pipes[2 * i + 1] = fds[1];
      }
      for (int i = 0; i < stages; i++) {
        int stdin = i == 0 ? -1 : pipes[2 * (i - 1)];
        int stdout = i == stages - 1 ? -1 : pipes[2 * i + 1];
        started.add(i, spawn(libc, runtime, argvs.get(i), envp, output.toString(), stdin, stdout));
      }
      return started;
    } catch (IOException | RuntimeException e) {
      started.kill();
      throw e;
    } finally {
      for (int fd : pipes) {
        if (fd >= 0) {
          libc.close(fd);
        }
      }
    }
  }

  private static int spawn(LibC libc, Runtime runtime, List<String> argv, Pointer envp, String output,
      int stdinPipe, int stdoutPipe) throws IOException {
    Pointer actions = Memory.allocateDirect(runtime, FILE_ACTIONS_SIZE, true);
    Pointer attr = Memory.allocateDirect(runtime, ATTR_SIZE, true);
    Pointer emptySet = Memory.allocateDirect(runtime, SIGSET_SIZE, true);
    Pointer fullSet = Memory.allocateDirect(runtime, SIGSET_SIZE, true);
    fullSet.setMemory(0, SIGSET_SIZE, (byte) 0xff);
    check(libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init", libc);
    try {
      check(libc.posix_spawnattr_init(attr), "posix_spawnattr_init", libc);
      try {
        if (stdinPipe >= 0) {
          check(libc.posix_spawn_file_actions_adddup2(actions, stdinPipe, 0), "adddup2", libc);
        } else {
          check(libc.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", O_RDONLY, 0), "addopen", libc);
        }
        if (stdoutPipe >= 0) {
          check(libc.posix_spawn_file_actions_adddup2(actions, stdoutPipe, 1), "adddup2", libc);
        } else {
          check(libc.posix_spawn_file_actions_addopen(actions, 1, output, O_WRONLY | O_APPEND, 0), "addopen", libc);
        }
        check(libc.posix_spawn_file_actions_addopen(actions, 2, output, O_WRONLY | O_APPEND, 0), "addopen", libc);
        check(libc.posix_spawn_file_actions_addclosefrom_np(actions, 3), "addclosefrom_np", libc);
        check(libc.posix_spawnattr_setflags(attr,
            (short) (POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)), "setflags", libc);
        check(libc.posix_spawnattr_setsigmask(attr, emptySet), "setsigmask", libc);
        check(libc.posix_spawnattr_setsigdefault(attr, fullSet), "setsigdefault", libc);
        Pointer argvp = stringArray(runtime, argv);
        int[] pid = new int[1];
        int error = libc.posix_spawn(pid, argv.get(0), actions, attr, argvp, envp);
        // jnr-ffi frees direct memory when its Pointer is collected: keep every block the child
        // reads reachable until posix_spawn has returned (the child has exec'd by then).
        Reference.reachabilityFence(argvp);
        Reference.reachabilityFence(envp);
        Reference.reachabilityFence(emptySet);
        Reference.reachabilityFence(fullSet);
        if (error != 0) {
          throw new IOException("cannot start " + argv.get(0) + ": " + libc.strerror(error));
        }
        return pid[0];
      } finally {
        libc.posix_spawnattr_destroy(attr);
        Reference.reachabilityFence(attr);
      }
    } finally {
      libc.posix_spawn_file_actions_destroy(actions);
      Reference.reachabilityFence(actions);
    }
  }

  private static void check(int result, String call, LibC libc) throws IOException {
    if (result != 0) {
      throw new IOException(call + ": " + libc.strerror(result));
    }
  }

  /** Returns a NULL-terminated {@code char *[]} of UTF-8 strings, all in one allocation. */
  private static Pointer stringArray(Runtime runtime, List<String> strings) {
    List<byte[]> encoded = new ArrayList<>(strings.size());
    int bytes = 0;
    for (String string : strings) {
      byte[] text = string.getBytes(StandardCharsets.UTF_8);
      encoded.add(text);
      bytes += text.length + 1;
    }
    int pointerSize = runtime.addressSize();
    int table = (strings.size() + 1) * pointerSize;
    Pointer memory = Memory.allocateDirect(runtime, table + Math.max(bytes, 1), true);
    long offset = table;
    for (int i = 0; i < encoded.size(); i++) {
      byte[] text = encoded.get(i);
      memory.put(offset, text, 0, text.length);
      memory.putByte(offset + text.length, (byte) 0);
      memory.putAddress((long) i * pointerSize, memory.address() + offset);
      offset += text.length + 1;
    }
    memory.putAddress((long) encoded.size() * pointerSize, 0L);
    return memory;
  }

  /** The processes of one run, by pid, with their pidfds. */
  private static final class NativeStages implements Stages {
    private final int[] pids;
    private final int[] pidfds;
    private final int[] statuses;
    private final boolean[] reaped;
    private volatile int count;

    NativeStages(int stages) {
      pids = new int[stages];
      pidfds = new int[stages];
      statuses = new int[stages];
      reaped = new boolean[stages];
      Arrays.fill(pidfds, -1);
    }

    void add(int index, int pid) {
      pids[index] = pid;
      long fd = Holder.LIBC.syscall(SYS_PIDFD_OPEN, pid, 0);
      pidfds[index] = fd >= 0 ? (int) fd : -1;
      count = index + 1;
    }

    @Override
    public int[] await(long deadlineNanos) throws InterruptedException {
      for (int i = 0; i < count; i++) {
        long pause = 50_000;
        while (!reap(i)) {
          long remaining = deadlineNanos - System.nanoTime();
          if (remaining <= 0) {
            return null;
          }
          if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting for process " + pids[i]);
          }
          if (pidfds[i] >= 0) {
            int millis = (int) Math.min(WAIT_SLICE_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
            pollReadable(pidfds[i], millis);
          } else {
            LockSupport.parkNanos(Math.min(pause, remaining));
            pause = Math.min(pause * 2, 5_000_000);
          }
        }
      }
      return Arrays.copyOf(statuses, count);
    }

    /** Reaps stage {@code i} if it has exited; true when it is reaped. */
    private synchronized boolean reap(int i) {
      if (reaped[i]) {
        return true;
      }
      int[] status = new int[1];
      int result = Holder.LIBC.waitpid(pids[i], status, WNOHANG);
      if (result == 0) {
        return false;
      }
      if (result < 0) {
        int errno = Holder.RUNTIME.getLastError();
        if (errno == EINTR) {
          return false;
        }
        statuses[i] = errno == ECHILD ? 255 : 254; // reaped elsewhere: status unknown
      } else {
        statuses[i] = decode(status[0]);
      }
      reaped[i] = true;
      if (pidfds[i] >= 0) {
        Holder.LIBC.close(pidfds[i]);
        pidfds[i] = -1;
      }
      return true;
    }

    /** The JDK's convention: the exit code, or 128 + the signal that killed the process. */
    private static int decode(int status) {
      int signal = status & 0x7f;
      return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    private static void pollReadable(int fd, int millis) {
      byte[] pollfd = new byte[8];
      ByteBuffer buffer = ByteBuffer.wrap(pollfd).order(ByteOrder.nativeOrder());
      buffer.putInt(0, fd);
      buffer.putShort(4, POLLIN);
      Holder.LIBC.poll(pollfd, 1, millis);
    }

    @Override
    public int kill() {
      int started = count;
      List<ProcessHandle> handles = new ArrayList<>();
      int delivered = 0;
      for (int i = 0; i < started; i++) {
        if (!reaped[i]) {
          ProcessHandle.of(pids[i]).ifPresent(handles::add);
        } else if (ProcessGroups.killGroup(pids[i])) {
          delivered++; // the stage exited, but its group (pgid = its pid) may still have members
        }
      }
      delivered += ProcessGroups.killTrees(handles);
      long until = System.nanoTime() + ProcessGroups.KILL_WAIT_NANOS;
      for (int i = 0; i < started; i++) {
        while (!reap(i)) {
          if (System.nanoTime() - until > 0) {
            log.warn("process {} did not exit within 2 s of SIGKILL", pids[i]);
            break;
          }
          LockSupport.parkNanos(1_000_000);
        }
      }
      return delivered;
    }
  }
}
