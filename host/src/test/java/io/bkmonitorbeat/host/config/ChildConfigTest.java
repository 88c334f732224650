package io.bkmonitorbeat.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bkmonitorbeat.api.ConfigException;
import io.bkmonitorbeat.api.TaskSpec;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildConfigTest {
  @TempDir Path dir;

  private Path child(String name, String type, int taskId) {
    return Fixtures.write(dir.resolve("child").resolve(name),
        "type: " + type + "\nname: n" + taskId + "\nversion: 1.1\ndataid: 7\n"
            + "tasks: [{task_id: " + taskId + "}]\n");
  }

  private LoadedConfig load(boolean recursive) {
    return ConfigLoader.load(Fixtures.main(dir,
        "include: " + dir.resolve("child") + "\nmulti_child_dir: " + recursive + "\n"));
  }

  @Test
  void filesLoadInLexicalOrderWithChildDefaults() {
    child("b.conf", "tcp", 2);
    child("a_http.yml", "http", 1);
    child("c", "udp", 3);
    LoadedConfig loaded = load(false);
    assertThat(loaded.tasks()).extracting(TaskSpec::taskId).containsExactly(1, 2, 3);
    assertThat(loaded.configErrorCode()).isZero();
    TaskSpec first = loaded.tasks().get(0);
    assertThat(first.source()).isEqualTo(new TaskSpec.Source(
        dir.resolve("child/a_http.yml").toString(), "n1", "1.1"));
    assertThat(first.settings().path()).isEqualTo("tasks[0]");
    assertThat(first.dataId()).isEqualTo(7);
    assertThat(first.period()).isEqualTo(Duration.ofSeconds(10));
    assertThat(first.timeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void hiddenFilesAreSkippedSoAWriterTempFileIsNeverLoaded() {
    child("a.conf", "tcp", 1);
    child(".a.conf.tmp-1234", "tcp", 2); // procconf/procsync: temp file before the rename
    child(".b.conf.swp", "tcp", 3);
    assertThat(load(false).tasks()).extracting(TaskSpec::taskId).containsExactly(1);
  }

  @Test
  void aRelativeIncludeIsRelativeToTheMainFile() {
    child("a.conf", "tcp", 5);

    LoadedConfig loaded = ConfigLoader.load(Fixtures.main(dir, "include: child\n"));

    assertThat(loaded.tasks()).extracting(TaskSpec::taskId).containsExactly(5);
    assertThat(loaded.agent().include().path()).contains(dir.toAbsolutePath().resolve("child"));
  }

  @Test
  void subDirectoriesOnlyWithMultiChildDir() {
    child("a.conf", "tcp", 1);
    child("b/x.conf", "tcp", 2);
    child("c.conf", "tcp", 3);
    assertThat(load(false).tasks()).extracting(TaskSpec::taskId).containsExactly(1, 3);
    assertThat(load(true).tasks()).extracting(TaskSpec::taskId).containsExactly(1, 2, 3);
  }

  @Test
  void includeThatIsARegularFileIsAnErrorAndAMissingDirectoryHasNoChildren() {
    Path file = Fixtures.write(dir.resolve("child"), "x");
    assertThatThrownBy(() -> load(false)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("bkmonitorbeat.include").hasMessageContaining(file.toString());
    Path main = Fixtures.main(dir, "include: " + dir.resolve("nowhere"));
    assertThat(ConfigLoader.load(main).tasks()).isEmpty();
  }

  @Test
  void brokenEmptyAndUnknownFilesAreProblemsWhileTheRestLoads() {
    child("a.conf", "tcp", 1);
    Fixtures.write(dir.resolve("child/b.conf"), "");
    Fixtures.write(dir.resolve("child/c.conf"), "type: tcp\nname: x\nversion: 1\ndataid: [\n");
    child("d.conf", "teleport", 4);
    Fixtures.write(dir.resolve("child/e.conf"), "type: tcp\nname: x\ndataid: 1\ntasks: []\n");
    Fixtures.write(dir.resolve("child/f.conf"),
        "type: tcp\nname: x\nversion: 1\ndataid: 1\ntasks: [{task_id: 6}, {task_id: 7, timeout: x}]\n");
    child("g.conf", "tcp", 8);
    LoadedConfig loaded = load(false);
    assertThat(loaded.tasks()).extracting(TaskSpec::taskId).containsExactly(1, 8);
    assertThat(loaded.problems()).extracting(ConfigProblem::file).containsExactly(
        dir.resolve("child/b.conf").toString(), dir.resolve("child/c.conf").toString(),
        dir.resolve("child/d.conf").toString(), dir.resolve("child/e.conf").toString(),
        dir.resolve("child/f.conf").toString());
    assertThat(loaded.problems().get(0).reason()).contains("empty");
    assertThat(loaded.problems().get(1).reason()).contains("line");
    assertThat(loaded.problems().get(2).reason()).contains("type").contains("teleport");
    assertThat(loaded.problems().get(3).reason()).contains("version").contains("required");
    assertThat(loaded.problems().get(4).reason()).contains("tasks[1].timeout").contains("'x'");
  }

  @Test
  void staticChildFilesWork() {
    Fixtures.write(dir.resolve("child/static.conf"),
        "type: static\nname: static\nversion: 1\ndataid: 1100010\ntask_id: 5\nperiod: 1m\n");
    TaskSpec t = load(false).tasks().get(0);
    assertThat(t.type()).isEqualTo("static");
    assertThat(t.taskId()).isEqualTo(5);
    assertThat(t.dataId()).isEqualTo(1100010);
  }

  @Test
  void aFileRepeatingATaskIsPutAsideWhole() {
    String body = "type: tcp\nname: same\nversion: 1\ndataid: 1\ntasks: [{task_id: 1}]\n";
    Fixtures.write(dir.resolve("child/a.conf"), body);
    Fixtures.write(dir.resolve("child/b.conf"),
        "type: tcp\nname: same\nversion: 1\ndataid: 1\ntasks: [{task_id: 2}, {task_id: 1}]\n");
    Fixtures.write(dir.resolve("child/c.conf"),
        "type: tcp\nname: c\nversion: 1\ndataid: 1\ntasks: [{task_id: 3}, {task_id: 3}]\n");
    LoadedConfig loaded = load(false);
    assertThat(loaded.tasks()).extracting(TaskSpec::taskId).containsExactly(1);
    assertThat(loaded.problems()).extracting(ConfigProblem::file).containsExactly(
        dir.resolve("child/b.conf").toString(), dir.resolve("child/c.conf").toString());
    assertThat(loaded.problems().get(0).reason()).contains("repeat");
  }

  @Test
  void unknownTypesCanBeAllowedByTheCaller() {
    child("a.conf", "teleport", 1);
    Path main = Fixtures.main(dir, "include: " + dir.resolve("child"));
    assertThat(ConfigLoader.load(main, null, type -> true).tasks()).hasSize(1);
  }
}
