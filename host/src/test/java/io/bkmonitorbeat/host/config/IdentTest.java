package io.bkmonitorbeat.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.TaskSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentTest {
  @TempDir Path dir;

  private String ident(String yaml) {
    return ConfigLoader.load(Fixtures.main(dir, yaml)).tasks().get(0).ident();
  }

  @Test
  void identicalConfigsGiveIdenticalIdentsRegardlessOfKeyOrder() {
    String a = ident("tcp_task: {dataid: 1, tasks: [{task_id: 1, target_host: h, labels: [{a: '1', bb: '2'}]}]}");
    String b = ident("tcp_task: {tasks: [{labels: [{bb: '2', a: '1'}], target_host: h, task_id: 1}], dataid: 1}");
    assertThat(a).isEqualTo(b).matches("[0-9a-f]{40}");
  }

  @Test
  void anyChangeGivesANewIdent() {
    String base = ident("tcp_task: {dataid: 1, tasks: [{task_id: 1, target_host: h}]}");
    assertThat(ident("tcp_task: {dataid: 1, tasks: [{task_id: 1, target_host: i}]}")).isNotEqualTo(base);
    assertThat(ident("tcp_task: {dataid: 1, tasks: [{task_id: 2, target_host: h}]}")).isNotEqualTo(base);
    assertThat(ident("tcp_task: {dataid: 2, tasks: [{task_id: 1, target_host: h}]}")).isNotEqualTo(base);
    assertThat(ident("tcp_task: {dataid: 1, tasks: [{task_id: 1, target_host: h, tags: {a: b}}]}"))
        .isNotEqualTo(base);
    assertThat(ident("udp_task: {dataid: 1, tasks: [{task_id: 1, target_host: h}]}")).isNotEqualTo(base);
  }

  @Test
  void childIdentDependsOnNameVersionAndType() {
    Path child = dir.resolve("child");
    Fixtures.write(child.resolve("a.conf"), "type: tcp\nname: t\nversion: 1\ndataid: 1\ntasks: [{task_id: 1}]\n");
    TaskSpec first = ConfigLoader.load(Fixtures.main(dir, "include: " + child)).tasks().get(0);
    Fixtures.write(child.resolve("a.conf"), "type: tcp\nname: t\nversion: 2\ndataid: 1\ntasks: [{task_id: 1}]\n");
    TaskSpec second = ConfigLoader.load(Fixtures.main(dir, "include: " + child)).tasks().get(0);
    assertThat(first.ident()).isNotEqualTo(second.ident());
    assertThat(first.ident()).isEqualTo(
        TaskIdent.child(TaskIdent.base(TaskCleaner.withIdent(first, "")), "1", "t", "tcp"));
  }
}
